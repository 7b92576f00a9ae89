import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, isFunctionNode, memberPropertyName, type FunctionNode } from './ast.js';
import { isValidationUse } from './validation.js';

/** Where parsed JSON is asserted to be of a type without a runtime check. */
export type ClaimKind = 'cast' | 'annotation' | 'return' | 'then-parameter' | 'promise-cast';

export interface TypeClaim {
  kind: ClaimKind;
  /** The claimed type of the parsed value itself (a `Promise<T>` is already unwrapped to `T`). */
  typeNode: TSESTree.TypeNode;
  /** The node that makes the claim: the `as` expression, the declarator, the return, the parameter. */
  node: TSESTree.Node;
  /** The expression that holds the parsed value (or its promise) right where the claim is made. */
  valueExpression: TSESTree.Node;
  /** True when `valueExpression` is a promise of the parsed value rather than the value. */
  holdsPromise: boolean;
}

/** What happens to one parsed value: the type claims it meets and whether it is checked at run time. */
export interface ParsedFlow {
  claims: TypeClaim[];
  validated: boolean;
}

const MAX_DEPTH = 3;

/** Names of types that promise nothing about the parsed shape (a hand-written JSON type). */
const HONEST_TYPE_NAME =
  /^(Json|JSON)(Value|Object|Array|Primitive|Data|Type|Like)?$|^(JsonValue|Jsonifiable|JsonifiableObject)$/;

/** The JSON primitive kinds a generic JSON value type must all admit. */
const JSON_PRIMITIVE_KINDS = ['string', 'number', 'boolean', 'null'] as const;
type JsonPrimitiveKind = (typeof JSON_PRIMITIVE_KINDS)[number];

function primitiveKind(typeNode: TSESTree.TypeNode): JsonPrimitiveKind | 'undefined' | undefined {
  switch (typeNode.type) {
    case AST_NODE_TYPES.TSStringKeyword:
      return 'string';
    case AST_NODE_TYPES.TSNumberKeyword:
      return 'number';
    case AST_NODE_TYPES.TSBooleanKeyword:
      return 'boolean';
    case AST_NODE_TYPES.TSNullKeyword:
      return 'null';
    case AST_NODE_TYPES.TSUndefinedKeyword:
      return 'undefined';
    default:
      return undefined;
  }
}

/** The type a same-file alias (`type Value = …`, exported or not) of this name stands for, seen from `from`. */
function localTypeAlias(from: TSESTree.Node, name: string): TSESTree.TypeNode | undefined {
  let program: TSESTree.Node = from;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return undefined;
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration
        ? statement.declaration
        : statement;
    if (
      declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration &&
      declaration.id.name === name &&
      !declaration.typeParameters
    ) {
      return declaration.typeAnnotation;
    }
  }
  return undefined;
}

/**
 * The members of a union, with same-file aliases and nested unions flattened (`type Value = Base | Base[]`,
 * `type Base = null | string | number | boolean`); an alias already in `seen` stays a reference.
 */
function flattenUnion(typeNode: TSESTree.TypeNode, seen: ReadonlySet<string>): TSESTree.TypeNode[] {
  if (typeNode.type === AST_NODE_TYPES.TSUnionType)
    return typeNode.types.flatMap((member) => flattenUnion(member, seen));
  if (
    typeNode.type === AST_NODE_TYPES.TSTypeReference &&
    typeNode.typeName.type === AST_NODE_TYPES.Identifier &&
    !typeNode.typeArguments
  ) {
    const name = typeNode.typeName.name;
    const aliased = seen.has(name) ? undefined : localTypeAlias(typeNode, name);
    if (aliased) return flattenUnion(aliased, new Set([...seen, name]));
  }
  return [typeNode];
}

/**
 * True for a generic JSON value type (`null | string | number | boolean | Value[]`, through same-file aliases):
 * it admits every JSON primitive, and its other members are arrays of the same, or honest types. It assumes
 * no shape, so a parsed value may be typed with it.
 */
function isJsonValueUnion(typeNode: TSESTree.TypeNode, seen: ReadonlySet<string>): boolean {
  const members = flattenUnion(typeNode, seen);
  if (members.length < JSON_PRIMITIVE_KINDS.length) return false;
  const kinds = new Set<string>();
  for (const member of members) {
    const kind = primitiveKind(member);
    if (kind) {
      kinds.add(kind);
      continue;
    }
    if (member.type === AST_NODE_TYPES.TSArrayType) {
      const element = member.elementType;
      if (
        isHonestType(element, seen) ||
        flattenUnion(element, seen).every((part) => primitiveKind(part) !== undefined || isHonestType(part, seen))
      )
        continue;
      // `Value[]` where `Value` is the alias being defined: the recursive JSON array.
      if (
        element.type === AST_NODE_TYPES.TSTypeReference &&
        element.typeName.type === AST_NODE_TYPES.Identifier &&
        seen.has(element.typeName.name)
      )
        continue;
      return false;
    }
    if (
      member.type === AST_NODE_TYPES.TSTypeReference &&
      member.typeName.type === AST_NODE_TYPES.Identifier &&
      seen.has(member.typeName.name)
    )
      continue;
    if (!isHonestType(member, seen)) return false;
  }
  return JSON_PRIMITIVE_KINDS.every((kind) => kinds.has(kind));
}

/**
 * True for an object type whose every property is optional and primitive (`{ access_token?: string }`): it
 * assumes no field is there, so every read must check first (the compiler sees to that under strict null checks).
 */
function isOptionalFieldsOnly(typeNode: TSESTree.TSTypeLiteral): boolean {
  return (
    typeNode.members.length > 0 &&
    typeNode.members.every(
      (member) =>
        member.type === AST_NODE_TYPES.TSPropertySignature &&
        member.optional &&
        member.typeAnnotation !== undefined &&
        flattenUnion(member.typeAnnotation.typeAnnotation, new Set()).every(
          (part) => primitiveKind(part) !== undefined,
        ),
    )
  );
}

/** True when a type annotation claims nothing a JSON value could violate (`unknown`, `any`, `Record<string, unknown>`…). */
export function isHonestType(typeNode: TSESTree.TypeNode, aliases: ReadonlySet<string> = new Set()): boolean {
  switch (typeNode.type) {
    case AST_NODE_TYPES.TSUnknownKeyword:
    case AST_NODE_TYPES.TSAnyKeyword:
    case AST_NODE_TYPES.TSObjectKeyword:
      return true;
    case AST_NODE_TYPES.TSTypeLiteral:
      return (
        typeNode.members.length === 0 ||
        isOptionalFieldsOnly(typeNode) ||
        typeNode.members.every(
          (member) =>
            member.type === AST_NODE_TYPES.TSIndexSignature &&
            member.typeAnnotation !== undefined &&
            isHonestType(member.typeAnnotation.typeAnnotation, aliases),
        )
      );
    case AST_NODE_TYPES.TSArrayType:
      return isHonestType(typeNode.elementType, aliases);
    case AST_NODE_TYPES.TSUnionType:
      return (
        typeNode.types.some(
          (member) => member.type === AST_NODE_TYPES.TSUnknownKeyword || member.type === AST_NODE_TYPES.TSAnyKeyword,
        ) ||
        isJsonValueUnion(typeNode, aliases) ||
        typeNode.types.every(
          (member) =>
            isHonestType(member, aliases) ||
            member.type === AST_NODE_TYPES.TSNullKeyword ||
            member.type === AST_NODE_TYPES.TSUndefinedKeyword,
        )
      );
    case AST_NODE_TYPES.TSTypeReference: {
      if (typeNode.typeName.type !== AST_NODE_TYPES.Identifier) return false;
      const name = typeNode.typeName.name;
      if (HONEST_TYPE_NAME.test(name) || name === 'Object') return true;
      const typeArguments = typeNode.typeArguments?.params ?? [];
      if ((name === 'Record' || name === 'Partial') && typeArguments.length > 0) {
        const valueType = typeArguments[typeArguments.length - 1];
        return valueType !== undefined && isHonestType(valueType, aliases);
      }
      if ((name === 'Array' || name === 'ReadonlyArray') && typeArguments[0])
        return isHonestType(typeArguments[0], aliases);
      if (typeArguments.length > 0) return false;
      // A reference back to an alias being judged: honest if the rest of its definition is.
      if (aliases.has(name)) return true;
      // Same-file aliases are read for one purpose only: to recognise a generic JSON value type.
      const aliased = localTypeAlias(typeNode, name);
      return aliased !== undefined && isJsonValueUnion(aliased, new Set([...aliases, name]));
    }
    default:
      return false;
  }
}

/** `Promise<T>` / `PromiseLike<T>` → `T`; anything else → undefined. */
export function promisedType(typeNode: TSESTree.TypeNode): TSESTree.TypeNode | undefined {
  if (
    typeNode.type === AST_NODE_TYPES.TSTypeReference &&
    typeNode.typeName.type === AST_NODE_TYPES.Identifier &&
    (typeNode.typeName.name === 'Promise' || typeNode.typeName.name === 'PromiseLike')
  ) {
    return typeNode.typeArguments?.params[0];
  }
  return undefined;
}

/** The type a function promises to return for the value of a `return` (unwrapping `Promise<T>` in async functions). */
function declaredReturnValueType(fn: FunctionNode, returnsPromise: boolean): TSESTree.TypeNode | undefined {
  const declared = fn.returnType?.typeAnnotation;
  if (!declared) return undefined;
  if (fn.async || returnsPromise) return promisedType(declared);
  return declared;
}

/** The function a `return x` (or an arrow's expression body) returns from. */
function returningFunction(expression: TSESTree.Node): FunctionNode | undefined {
  const parent = expression.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === expression) return parent;
  if (parent.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  for (let current: TSESTree.Node | undefined = parent.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** The `.then(callback)` call a function is the fulfilment callback of. */
function thenCallOfCallback(fn: FunctionNode): TSESTree.CallExpression | undefined {
  const call = fn.parent;
  if (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === fn &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberPropertyName(call.callee) === 'then'
  ) {
    return call;
  }
  return undefined;
}

function emptyFlow(): ParsedFlow {
  return { claims: [], validated: false };
}

function mergeFlow(into: ParsedFlow, from: ParsedFlow): void {
  into.claims.push(...from.claims);
  into.validated ||= from.validated;
}

/** The declared type of a simple variable, when its declaration carries an annotation. */
function declaredVariableType(variable: TSESLint.Scope.Variable): TSESTree.TypeNode | undefined {
  for (const definition of variable.defs) {
    if (definition.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier) {
      return definition.node.id.typeAnnotation?.typeAnnotation;
    }
  }
  return undefined;
}

/** Follows a variable that holds parsed JSON (or its promise) through its read references. */
function followVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
  holdsPromise: boolean,
  depth: number,
): ParsedFlow {
  const flow = emptyFlow();
  const variable = findVariable(sourceCode, identifier);
  if (!variable) return flow;
  for (const reference of variable.references) {
    if (!reference.isRead() || reference.identifier === identifier) continue;
    const node = reference.identifier;
    if (!holdsPromise && isValidationUse(sourceCode, node)) {
      flow.validated = true;
      continue;
    }
    mergeFlow(
      flow,
      holdsPromise ? followPromise(sourceCode, node, depth + 1) : followValue(sourceCode, node, depth + 1),
    );
  }
  return flow;
}

/** Follows an expression that evaluates to parsed JSON. */
export function followValue(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
  depth = 0,
): ParsedFlow {
  const flow = emptyFlow();
  if (depth > MAX_DEPTH) return flow;
  const parent = expression.parent;
  if (!parent) return flow;
  switch (parent.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSTypeAssertion: {
      const typeNode = parent.typeAnnotation;
      if (typeNode.type === AST_NODE_TYPES.TSUnknownKeyword || typeNode.type === AST_NODE_TYPES.TSAnyKeyword) {
        // `as unknown as T` launders the value: keep following.
        return followValue(sourceCode, parent, depth);
      }
      if (isHonestType(typeNode)) return flow;
      // `const config = JSON.parse(text) as Config; assertConfig(config);`: checked right after the cast.
      const declarator = parent.parent;
      if (
        declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
        declarator.init === parent &&
        declarator.id.type === AST_NODE_TYPES.Identifier &&
        followVariable(sourceCode, declarator.id, false, depth).validated
      ) {
        flow.validated = true;
        return flow;
      }
      // `msg = JSON.parse(text) as Message; if (!isObject(msg)) throw …`: the same check of an assigned variable.
      if (
        declarator?.type === AST_NODE_TYPES.AssignmentExpression &&
        declarator.right === parent &&
        declarator.operator === '=' &&
        declarator.left.type === AST_NODE_TYPES.Identifier &&
        findVariable(sourceCode, declarator.left)?.references.some(
          (reference) => reference.isRead() && isValidationUse(sourceCode, reference.identifier),
        )
      ) {
        flow.validated = true;
        return flow;
      }
      flow.claims.push({ kind: 'cast', typeNode, node: parent, valueExpression: expression, holdsPromise: false });
      return flow;
    }
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.AwaitExpression:
      return followValue(sourceCode, parent, depth);
    case AST_NODE_TYPES.LogicalExpression:
      return parent.operator === '??' || parent.operator === '||' ? followValue(sourceCode, parent, depth) : flow;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === expression ? flow : followValue(sourceCode, parent, depth);
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== expression) return flow;
      const typeNode = parent.id.typeAnnotation?.typeAnnotation;
      if (parent.id.type === AST_NODE_TYPES.Identifier) {
        if (typeNode?.type === AST_NODE_TYPES.TSUnknownKeyword) return flow;
        const followed = followVariable(sourceCode, parent.id, false, depth);
        if (typeNode && !isHonestType(typeNode)) {
          followed.claims.unshift({
            kind: 'annotation',
            typeNode,
            node: parent,
            valueExpression: expression,
            holdsPromise: false,
          });
        }
        return followed;
      }
      if (typeNode && !isHonestType(typeNode)) {
        flow.claims.push({
          kind: 'annotation',
          typeNode,
          node: parent,
          valueExpression: expression,
          holdsPromise: false,
        });
      }
      return flow;
    }
    case AST_NODE_TYPES.PropertyDefinition: {
      // `private config: Config = JSON.parse(text);`
      const typeNode = parent.value === expression ? parent.typeAnnotation?.typeAnnotation : undefined;
      if (typeNode && !isHonestType(typeNode)) {
        flow.claims.push({
          kind: 'annotation',
          typeNode,
          node: parent,
          valueExpression: expression,
          holdsPromise: false,
        });
      }
      return flow;
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== expression || parent.operator !== '=' || parent.left.type !== AST_NODE_TYPES.Identifier)
        return flow;
      const variable = findVariable(sourceCode, parent.left);
      const typeNode = variable ? declaredVariableType(variable) : undefined;
      if (typeNode && !isHonestType(typeNode)) {
        flow.claims.push({
          kind: 'annotation',
          typeNode,
          node: parent,
          valueExpression: expression,
          holdsPromise: false,
        });
      }
      // A check of the variable anywhere (`typeof x.port`, `isConfig(x)`) counts as validation.
      flow.validated =
        variable?.references.some(
          (reference) => reference.isRead() && isValidationUse(sourceCode, reference.identifier),
        ) ?? false;
      return flow;
    }
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression: {
      const fn = returningFunction(expression);
      if (!fn) return flow;
      const thenCall = thenCallOfCallback(fn);
      if (thenCall) return followPromise(sourceCode, thenCall, depth + 1);
      const typeNode = declaredReturnValueType(fn, false);
      if (typeNode && !isHonestType(typeNode)) {
        flow.claims.push({ kind: 'return', typeNode, node: parent, valueExpression: expression, holdsPromise: false });
      }
      return flow;
    }
    default:
      return flow;
  }
}

/** Follows an expression that evaluates to a promise of parsed JSON (`res.json()`). */
export function followPromise(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
  depth = 0,
): ParsedFlow {
  const flow = emptyFlow();
  if (depth > MAX_DEPTH) return flow;
  const parent = expression.parent;
  if (!parent) return flow;
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return followValue(sourceCode, parent, depth);
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return followPromise(sourceCode, parent, depth);
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSTypeAssertion: {
      const typeNode = parent.typeAnnotation;
      if (typeNode.type === AST_NODE_TYPES.TSUnknownKeyword || typeNode.type === AST_NODE_TYPES.TSAnyKeyword) {
        return followPromise(sourceCode, parent, depth);
      }
      const promised = promisedType(typeNode);
      if (promised && !isHonestType(promised)) {
        flow.claims.push({
          kind: 'promise-cast',
          typeNode: promised,
          node: parent,
          valueExpression: expression,
          holdsPromise: true,
        });
      }
      return flow;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const call = parent.parent;
      if (parent.object !== expression || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent)
        return flow;
      const method = memberPropertyName(parent);
      if (method === 'catch' || method === 'finally') return followPromise(sourceCode, call, depth);
      if (method !== 'then') return flow;
      const callback = call.arguments[0];
      if (!callback || !isFunctionNode(callback)) return flow;
      const parameter = callback.params[0];
      if (!parameter) return flow;
      const typeNode =
        parameter.type === AST_NODE_TYPES.Identifier ||
        parameter.type === AST_NODE_TYPES.ObjectPattern ||
        parameter.type === AST_NODE_TYPES.ArrayPattern
          ? parameter.typeAnnotation?.typeAnnotation
          : undefined;
      if (typeNode) {
        if (!isHonestType(typeNode))
          flow.claims.push({
            kind: 'then-parameter',
            typeNode,
            node: parameter,
            valueExpression: expression,
            holdsPromise: true,
          });
        return flow;
      }
      if (parameter.type === AST_NODE_TYPES.Identifier) return followVariable(sourceCode, parameter, false, depth);
      return flow;
    }
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== expression || parent.id.type !== AST_NODE_TYPES.Identifier) return flow;
      const typeNode = parent.id.typeAnnotation?.typeAnnotation;
      if (typeNode) {
        const promised = promisedType(typeNode);
        if (promised && !isHonestType(promised))
          flow.claims.push({
            kind: 'annotation',
            typeNode: promised,
            node: parent,
            valueExpression: expression,
            holdsPromise: true,
          });
        return flow;
      }
      return followVariable(sourceCode, parent.id, true, depth);
    }
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression: {
      const fn = returningFunction(expression);
      if (!fn) return flow;
      const thenCall = thenCallOfCallback(fn);
      if (thenCall) return followPromise(sourceCode, thenCall, depth + 1);
      const typeNode = declaredReturnValueType(fn, true);
      if (typeNode && !isHonestType(typeNode))
        flow.claims.push({ kind: 'return', typeNode, node: parent, valueExpression: expression, holdsPromise: true });
      return flow;
    }
    default:
      return flow;
  }
}
