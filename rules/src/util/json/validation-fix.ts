import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingStatement, indentUnit, lineIndentation } from './ast.js';
import type { TypeClaim } from './claims.js';
import type { LibraryImport, ValidationLibrary } from './validation.js';

/** One suggested rewrite of an unvalidated claim. */
export interface ValidationSuggestion {
  kind: 'library' | 'typeGuard';
  /** Library name (for `library`) or the guard's name (for `typeGuard`). */
  name: string;
  fix: TSESLint.ReportFixFunction;
}

const LIBRARY_DISPLAY_NAME: Record<ValidationLibrary, string> = {
  zod: 'zod',
  valibot: 'valibot',
  yup: 'yup',
  joi: 'joi',
  ajv: 'ajv',
  'io-ts': 'io-ts',
  superstruct: 'superstruct',
  typia: 'typia',
};

/** Generic helpers that name a schema's output type: `z.infer<typeof User>`, `InferOutput<typeof User>`… */
const SCHEMA_TYPE_HELPERS = /^(infer|output|input|Infer|InferOutput|InferInput|InferType|Static|TypeOf|Output)$/;

function typeReferenceName(typeNode: TSESTree.TypeNode): string | undefined {
  if (typeNode.type !== AST_NODE_TYPES.TSTypeReference || typeNode.typeArguments) return undefined;
  const name = typeNode.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return name.right.name;
  return undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** True when a value (not only a type) named `name` is visible from `node`. */
function hasValueInScope(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node);
  while (scope) {
    const variable = scope.set.get(name);
    if (variable) {
      return variable.defs.some(
        (definition) =>
          definition.type === 'Variable' ||
          definition.type === 'ImportBinding' ||
          definition.type === 'FunctionName' ||
          definition.type === 'Parameter',
      );
    }
    scope = scope.upper;
  }
  return false;
}

/** The schema value that describes the claimed type, when the file has one: `typeof X` inside a helper, or `XSchema`/`X` by name. */
function findSchema(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  typeNode: TSESTree.TypeNode,
): string | undefined {
  if (typeNode.type === AST_NODE_TYPES.TSTypeReference) {
    const name = typeNode.typeName;
    const helper =
      name.type === AST_NODE_TYPES.TSQualifiedName
        ? name.right.name
        : name.type === AST_NODE_TYPES.Identifier
          ? name.name
          : undefined;
    const argument = typeNode.typeArguments?.params[0];
    if (helper && SCHEMA_TYPE_HELPERS.test(helper) && argument?.type === AST_NODE_TYPES.TSTypeQuery) {
      return argument.exprName.type === AST_NODE_TYPES.TSImportType ? undefined : sourceCode.getText(argument.exprName);
    }
  }
  const typeName = typeReferenceName(typeNode);
  if (!typeName) return undefined;
  const candidates = [
    `${typeName}Schema`,
    `${lowerFirst(typeName)}Schema`,
    `${typeName}Struct`,
    `${lowerFirst(typeName)}Struct`,
    `${typeName}Validator`,
    `${typeName}Codec`,
    typeName,
  ];
  return candidates.find((candidate) => hasValueInScope(sourceCode, node, candidate));
}

/** A call that validates `valueText` with a library, or undefined when the library needs something the file lacks. */
function libraryCall(
  entry: LibraryImport,
  schema: string | undefined,
  typeText: string,
  valueText: string,
): string | undefined {
  const named = (name: string): string | undefined =>
    entry.named.get(name) ?? (entry.namespaceName ? `${entry.namespaceName}.${name}` : undefined);
  switch (entry.library) {
    case 'zod':
      return schema ? `${schema}.parse(${valueText})` : undefined;
    case 'yup':
      return schema ? `${schema}.validateSync(${valueText})` : undefined;
    case 'valibot': {
      const parse = named('parse');
      return schema && parse ? `${parse}(${schema}, ${valueText})` : undefined;
    }
    case 'joi': {
      if (!schema) return undefined;
      return entry.namespaceName
        ? `${entry.namespaceName}.attempt(${valueText}, ${schema})`
        : `${schema}.validate(${valueText}).value`;
    }
    case 'superstruct': {
      const create = named('create');
      return schema && create ? `${create}(${valueText}, ${schema})` : undefined;
    }
    case 'typia':
      return entry.namespaceName ? `${entry.namespaceName}.assert<${typeText}>(${valueText})` : undefined;
    default:
      return undefined;
  }
}

/** A guard expression for io-ts codecs (`X.is`) or compiled ajv validators (`validateX`) that the file already has. */
function libraryGuard(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  entry: LibraryImport,
  typeNode: TSESTree.TypeNode,
  schema: string | undefined,
): string | undefined {
  if (entry.library === 'io-ts') return schema ? `${schema}.is` : undefined;
  if (entry.library === 'ajv') {
    const typeName = typeReferenceName(typeNode);
    if (!typeName) return undefined;
    return [`validate${typeName}`, `is${typeName}`].find((candidate) => hasValueInScope(sourceCode, node, candidate));
  }
  return undefined;
}

/** Type names referenced inside a type node. */
function referencedTypeNames(typeNode: TSESTree.Node, into: Set<string> = new Set()): Set<string> {
  if (typeNode.type === AST_NODE_TYPES.TSTypeReference && typeNode.typeName.type === AST_NODE_TYPES.Identifier) {
    into.add(typeNode.typeName.name);
  }
  for (const [key, value] of Object.entries(typeNode)) {
    if (key === 'parent') continue;
    const children: unknown[] = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
        referencedTypeNames(child as TSESTree.Node, into);
      }
    }
  }
  return into;
}

/** True when the type mentions a type parameter of an enclosing function, class or alias (a top-level stub cannot name it). */
function mentionsTypeParameter(typeNode: TSESTree.TypeNode, at: TSESTree.Node): boolean {
  const names = referencedTypeNames(typeNode);
  if (names.size === 0) return false;
  for (let current: TSESTree.Node | undefined = at; current; current = current.parent) {
    const parameters =
      'typeParameters' in current
        ? (current.typeParameters as TSESTree.TSTypeParameterDeclaration | undefined)
        : undefined;
    if (parameters?.params.some((parameter) => names.has(parameter.name.name))) return true;
  }
  return false;
}

/** The guard function's name for a type: `isUser`, `isUserArray`, or a generic name. */
export function guardNameFor(typeNode: TSESTree.TypeNode): string {
  const direct = typeReferenceName(typeNode);
  if (direct) return `is${direct.charAt(0).toUpperCase()}${direct.slice(1)}`;
  if (typeNode.type === AST_NODE_TYPES.TSArrayType) {
    const element = typeReferenceName(typeNode.elementType);
    if (element) return `is${element.charAt(0).toUpperCase()}${element.slice(1)}Array`;
  }
  return 'isExpectedJson';
}

function stubCheck(typeNode: TSESTree.TypeNode): string {
  switch (typeNode.type) {
    case AST_NODE_TYPES.TSStringKeyword:
      return `typeof value === 'string'`;
    case AST_NODE_TYPES.TSNumberKeyword:
      return `typeof value === 'number'`;
    case AST_NODE_TYPES.TSBooleanKeyword:
      return `typeof value === 'boolean'`;
    case AST_NODE_TYPES.TSArrayType:
    case AST_NODE_TYPES.TSTupleType:
      return 'Array.isArray(value)';
    default:
      if (
        typeNode.type === AST_NODE_TYPES.TSTypeReference &&
        typeNode.typeName.type === AST_NODE_TYPES.Identifier &&
        (typeNode.typeName.name === 'Array' || typeNode.typeName.name === 'ReadonlyArray')
      ) {
        return 'Array.isArray(value)';
      }
      return `typeof value === 'object' && value !== null`;
  }
}

/** The top-level statement containing a node, with the start of its leading comments. */
function topLevelInsertionPoint(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): number | undefined {
  let current: TSESTree.Node = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.Program) current = current.parent;
  if (!current.parent) return undefined;
  const comments = sourceCode.getCommentsBefore(current);
  return comments[0]?.range[0] ?? current.range[0];
}

function errorText(typeNode: TSESTree.TypeNode): string {
  const name = typeReferenceName(typeNode);
  return name ? `'Unexpected JSON: expected ${name}'` : `'Unexpected JSON shape'`;
}

/** Builds the suggestions for one claim: the library's validator first (when the file imports one), then a type guard. */
export function buildValidationSuggestions(
  sourceCode: Readonly<TSESLint.SourceCode>,
  claim: TypeClaim,
  libraries: readonly LibraryImport[],
): ValidationSuggestion[] {
  const suggestions: ValidationSuggestion[] = [];
  const typeNode = claim.typeNode;
  if (mentionsTypeParameter(typeNode, claim.node)) return suggestions;
  const typeText = sourceCode.getText(typeNode);
  const valueText = sourceCode.getText(withoutLaunderingCasts(claim.valueExpression));
  const schema = findSchema(sourceCode, claim.node, typeNode);

  // Where the validated value goes: the whole cast is replaced; otherwise the value expression is.
  const replaced: TSESTree.Node =
    claim.kind === 'cast' || claim.kind === 'promise-cast' ? claim.node : claim.valueExpression;
  const needsThen = claim.holdsPromise;

  let guardCallee: string | undefined;
  for (const entry of libraries) {
    if (
      needsThen &&
      (claim.kind === 'then-parameter' ||
        claim.kind === 'annotation' ||
        claim.kind === 'return' ||
        claim.kind === 'promise-cast')
    ) {
      const call = libraryCall(entry, schema, typeText, 'value');
      if (call) {
        suggestions.push({
          kind: 'library',
          name: LIBRARY_DISPLAY_NAME[entry.library],
          fix: thenFix(sourceCode, claim, replaced, `.then((value) => ${call})`),
        });
        break;
      }
    } else if (!needsThen) {
      const call = libraryCall(entry, schema, typeText, valueText);
      if (call) {
        suggestions.push({
          kind: 'library',
          name: LIBRARY_DISPLAY_NAME[entry.library],
          fix: (fixer) => fixer.replaceText(replaced, call),
        });
        break;
      }
    }
    guardCallee ??= libraryGuard(sourceCode, claim.node, entry, typeNode, schema);
  }

  const libraryEntry = guardCallee
    ? libraries.find((entry) => libraryGuard(sourceCode, claim.node, entry, typeNode, schema) === guardCallee)
    : undefined;
  if (guardCallee && libraryEntry) {
    const fix = guardFormFix(sourceCode, claim, replaced, valueText, guardCallee, undefined);
    if (fix) suggestions.push({ kind: 'library', name: LIBRARY_DISPLAY_NAME[libraryEntry.library], fix });
  }
  const guard = guardNameFor(typeNode);
  const guardIsNew = !hasValueInScope(sourceCode, claim.node, guard);
  const insertAt = guardIsNew ? topLevelInsertionPoint(sourceCode, claim.node) : undefined;
  if (guardIsNew && insertAt === undefined) return suggestions;
  const unit = indentUnit(sourceCode);
  const stub =
    guardIsNew && insertAt !== undefined
      ? {
          at: insertAt,
          text: `function ${guard}(value: unknown): value is ${typeText} {\n${unit}// TODO: check the fields this code relies on; this only rules out the wrong kind of value.\n${unit}return ${stubCheck(typeNode)};\n}\n\n`,
        }
      : undefined;
  const fix = guardFormFix(sourceCode, claim, replaced, valueText, guard, stub);
  if (fix) suggestions.push({ kind: 'typeGuard', name: guard, fix });
  return suggestions;
}

/**
 * The edit that types the value `unknown` and checks it with `guard` before use: a statement pair for declarations
 * and returns, a `.then` step for promises. `stub` (a guard function to add above the statement) is optional.
 */
function guardFormFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  claim: TypeClaim,
  replaced: TSESTree.Node,
  valueText: string,
  guard: string,
  stub: { at: number; text: string } | undefined,
): TSESLint.ReportFixFunction | undefined {
  const unit = indentUnit(sourceCode);
  const addStub = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] =>
    stub ? [fixer.insertTextBeforeRange([stub.at, stub.at], stub.text)] : [];
  const throwText = `throw new TypeError(${errorText(claim.typeNode)});`;

  if (claim.holdsPromise) {
    const checker = `.then((value: unknown) => {\n${'§'}${unit}if (!${guard}(value)) ${throwText}\n${'§'}${unit}return value;\n${'§'}})`;
    return thenFix(sourceCode, claim, replaced, checker, addStub);
  }

  const statement = enclosingStatement(claim.node);
  if (!statement) return undefined;
  const indent = lineIndentation(sourceCode, statement);
  if (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.length === 1 &&
    !statement.declare
  ) {
    const declarator = statement.declarations[0];
    if (
      !declarator ||
      declarator.id.type !== AST_NODE_TYPES.Identifier ||
      (claim.kind === 'cast' && declarator.init !== claim.node) ||
      (claim.kind === 'annotation' && declarator !== claim.node)
    ) {
      return undefined;
    }
    const name = declarator.id.name;
    const text = `${statement.kind} ${name}: unknown = ${valueText};\n${indent}if (!${guard}(${name})) ${throwText}`;
    return (fixer) => [...addStub(fixer), fixer.replaceText(statement, text)];
  }
  if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument && statement.argument === replaced) {
    const variableName = hasValueInScope(sourceCode, statement, 'parsed') ? 'parsedJson' : 'parsed';
    const text = `const ${variableName}: unknown = ${valueText};\n${indent}if (!${guard}(${variableName})) ${throwText}\n${indent}return ${variableName};`;
    return (fixer) => [...addStub(fixer), fixer.replaceText(statement, text)];
  }
  return undefined;
}

/** Appends a `.then(...)` step to a promise (replacing a `Promise<T>` cast when that is the claim). */
function thenFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  claim: TypeClaim,
  replaced: TSESTree.Node,
  thenText: string,
  addStub: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] = () => [],
): TSESLint.ReportFixFunction {
  return (fixer) => {
    const indent = lineIndentation(sourceCode, claim.valueExpression);
    const text = thenText.replace(/§/g, indent);
    const promise = claim.valueExpression;
    const needsParentheses =
      promise.type !== AST_NODE_TYPES.CallExpression &&
      promise.type !== AST_NODE_TYPES.Identifier &&
      promise.type !== AST_NODE_TYPES.MemberExpression;
    if (claim.kind === 'promise-cast') {
      const promiseText = needsParentheses ? `(${sourceCode.getText(promise)})` : sourceCode.getText(promise);
      return [...addStub(fixer), fixer.replaceText(replaced, `${promiseText}${text}`)];
    }
    if (needsParentheses) {
      return [...addStub(fixer), fixer.insertTextBefore(promise, '('), fixer.insertTextAfter(promise, `)${text}`)];
    }
    return [...addStub(fixer), fixer.insertTextAfter(promise, text)];
  };
}

/** `JSON.parse(s) as unknown` → `JSON.parse(s)`: the cast adds nothing once the value is typed `unknown`. */
function withoutLaunderingCasts(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression &&
    (current.typeAnnotation.type === AST_NODE_TYPES.TSUnknownKeyword ||
      current.typeAnnotation.type === AST_NODE_TYPES.TSAnyKeyword)
  ) {
    current = current.expression;
  }
  return current;
}
