import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { findVariable, memberPropertyName } from './ast.js';
import { intrinsicName, isAnyOrUnknown } from './types.js';

/** What kind of value JSON cannot carry. */
export type LossKind = 'Date' | 'Map' | 'Set' | 'bigint' | 'RegExp' | 'function' | 'class' | 'undefined' | 'builtin';

/** A place in a claimed type that JSON cannot fill faithfully. */
export interface LossyFinding {
  kind: LossKind;
  /** Path from the parsed root: `createdAt`, `items[].when`, or `` for the root itself. */
  path: string;
  /** The last property name on the path (the reviver key), or `` for the root or array elements. */
  key: string;
  /** Type name shown in the message (`Date`, `Map`, `Money`…). */
  typeName: string;
}

/** Built-in classes that JSON turns into strings, `{}`, or plain objects. */
const LOSSY_BUILTINS: ReadonlyMap<string, LossKind> = new Map<string, LossKind>([
  ['Date', 'Date'],
  ['Map', 'Map'],
  ['ReadonlyMap', 'Map'],
  ['WeakMap', 'Map'],
  ['Set', 'Set'],
  ['ReadonlySet', 'Set'],
  ['WeakSet', 'Set'],
  ['RegExp', 'RegExp'],
  ['Function', 'function'],
  ['URL', 'builtin'],
  ['Error', 'builtin'],
  ['Promise', 'builtin'],
  ['Uint8Array', 'builtin'],
  ['Buffer', 'builtin'],
  ['ArrayBuffer', 'builtin'],
  ['Blob', 'builtin'],
  ['Symbol', 'builtin'],
]);

const WRAPPERS_OF_FIRST_ARGUMENT = new Set([
  'Array',
  'ReadonlyArray',
  'Partial',
  'Readonly',
  'Required',
  'NonNullable',
]);
const MAX_DEPTH = 8;
const MAX_PROPERTIES = 80;

function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function finding(kind: LossKind, path: string, key: string, typeName: string): LossyFinding {
  return { kind, path, key, typeName };
}

// ---------------------------------------------------------------------------------------------------------------
// With type information
// ---------------------------------------------------------------------------------------------------------------

function isLibraryDeclared(symbol: ts.Symbol | undefined): boolean {
  const declaration = symbol?.declarations?.[0];
  return declaration?.getSourceFile().isDeclarationFile ?? false;
}

/** Deep walk of a type for members JSON cannot carry; `visited` stops recursive types. */
export function findLossyInType(
  checker: ts.TypeChecker,
  type: ts.Type,
  location: ts.Node,
  path = '',
  key = '',
  visited: Set<ts.Type> = new Set(),
  depth = 0,
): LossyFinding | undefined {
  if (depth > MAX_DEPTH || isAnyOrUnknown(type)) return undefined;
  const intrinsic = intrinsicName(type);
  if (intrinsic === 'bigint') return finding('bigint', path, key, 'bigint');
  if (intrinsic !== undefined) return undefined;
  if (type.isLiteral()) {
    return typeof type.value === 'object' ? finding('bigint', path, key, 'bigint') : undefined;
  }
  if (type.isUnion()) {
    // A union is lossy only when every non-nullish member is (`Date | null`, not `Date | string`).
    const members = type.types.filter((member) => {
      const name = intrinsicName(member);
      return name !== 'null' && name !== 'undefined' && name !== 'void';
    });
    if (members.length === 0) return undefined;
    let first: LossyFinding | undefined;
    for (const member of members) {
      const found = findLossyInType(checker, member, location, path, key, visited, depth + 1);
      if (!found) return undefined;
      first ??= found;
    }
    return first;
  }
  if (type.isIntersection()) {
    for (const member of type.types) {
      const found = findLossyInType(checker, member, location, path, key, visited, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (visited.has(type)) return undefined;
  visited.add(type);
  if ((type as ts.Type).isTypeParameter()) return undefined;

  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const symbolName = symbol?.getName();
  if (symbolName && LOSSY_BUILTINS.has(symbolName) && isLibraryDeclared(symbol)) {
    return finding(LOSSY_BUILTINS.get(symbolName) ?? 'builtin', path, key, symbolName);
  }
  if (type.getCallSignatures().length > 0) return finding('function', path, key, 'function');

  if (symbolName === 'Array' || symbolName === 'ReadonlyArray' || checker.isTupleType?.(type)) {
    const element = type.getNumberIndexType();
    return element ? findLossyInType(checker, element, location, `${path}[]`, '', visited, depth + 1) : undefined;
  }

  const properties = checker.getPropertiesOfType(type).slice(0, MAX_PROPERTIES);
  if (type.isClass()) {
    // A class instance with methods comes back as a plain object without them.
    const hasMethod = properties.some(
      (property) => checker.getTypeOfSymbolAtLocation(property, location).getCallSignatures().length > 0,
    );
    if (hasMethod) return finding('class', path, key, symbolName ?? 'class');
  }
  for (const property of properties) {
    const propertyType = checker.getTypeOfSymbolAtLocation(property, location);
    const propertyName = property.getName();
    const propertyPath = joinPath(path, propertyName);
    const name = intrinsicName(propertyType);
    if (name === 'undefined' || name === 'void') return finding('undefined', propertyPath, propertyName, name);
    const found = findLossyInType(checker, propertyType, location, propertyPath, propertyName, visited, depth + 1);
    // An optional function is simply absent from JSON, which its type allows.
    const optional =
      property.declarations?.some(
        (declaration) => (declaration as { questionToken?: unknown }).questionToken !== undefined,
      ) ||
      (propertyType.isUnion() && propertyType.types.some((member) => intrinsicName(member) === 'undefined'));
    if (found && !(found.kind === 'function' && found.path === propertyPath && optional)) return found;
  }
  const indexType = type.getStringIndexType();
  if (indexType) return findLossyInType(checker, indexType, location, `${path}[key]`, '', visited, depth + 1);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Without type information: declarations in the same file
// ---------------------------------------------------------------------------------------------------------------

type TypeDeclaration = TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration | TSESTree.ClassDeclaration;

/** Finds the interface, type alias or class a type name refers to, when it is declared in this file. */
function findTypeDeclaration(
  sourceCode: Readonly<TSESLint.SourceCode>,
  name: TSESTree.Identifier,
): TypeDeclaration | undefined {
  const variable = findVariable(sourceCode, name);
  for (const definition of variable?.defs ?? []) {
    const node = definition.node;
    if (
      node.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
      node.type === AST_NODE_TYPES.TSTypeAliasDeclaration ||
      node.type === AST_NODE_TYPES.ClassDeclaration
    ) {
      return node;
    }
  }
  return undefined;
}

/** Walks type annotations (following same-file interfaces, aliases and classes) for members JSON cannot carry. */
export function findLossyInTypeNode(
  sourceCode: Readonly<TSESLint.SourceCode>,
  typeNode: TSESTree.TypeNode,
  path = '',
  key = '',
  visited: Set<TSESTree.Node> = new Set(),
  depth = 0,
): LossyFinding | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (typeNode.type) {
    case AST_NODE_TYPES.TSBigIntKeyword:
      return finding('bigint', path, key, 'bigint');
    case AST_NODE_TYPES.TSFunctionType:
    case AST_NODE_TYPES.TSConstructorType:
      return finding('function', path, key, 'function');
    case AST_NODE_TYPES.TSLiteralType:
      return typeNode.literal.type === AST_NODE_TYPES.Literal && typeof typeNode.literal.value === 'bigint'
        ? finding('bigint', path, key, 'bigint')
        : undefined;
    case AST_NODE_TYPES.TSArrayType:
      return findLossyInTypeNode(sourceCode, typeNode.elementType, `${path}[]`, '', visited, depth + 1);
    case AST_NODE_TYPES.TSTupleType: {
      for (const element of typeNode.elementTypes) {
        const found = findLossyInTypeNode(sourceCode, element, `${path}[]`, '', visited, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    case AST_NODE_TYPES.TSOptionalType:
    case AST_NODE_TYPES.TSRestType:
      return findLossyInTypeNode(sourceCode, typeNode.typeAnnotation, path, key, visited, depth + 1);
    case AST_NODE_TYPES.TSNamedTupleMember:
      return findLossyInTypeNode(sourceCode, typeNode.elementType, path, key, visited, depth + 1);
    case AST_NODE_TYPES.TSUnionType: {
      const members = typeNode.types.filter(
        (member) =>
          member.type !== AST_NODE_TYPES.TSNullKeyword &&
          member.type !== AST_NODE_TYPES.TSUndefinedKeyword &&
          member.type !== AST_NODE_TYPES.TSVoidKeyword,
      );
      if (members.length === 0) return undefined;
      let first: LossyFinding | undefined;
      for (const member of members) {
        const found = findLossyInTypeNode(sourceCode, member, path, key, visited, depth + 1);
        if (!found) return undefined;
        first ??= found;
      }
      return first;
    }
    case AST_NODE_TYPES.TSIntersectionType: {
      for (const member of typeNode.types) {
        const found = findLossyInTypeNode(sourceCode, member, path, key, visited, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    case AST_NODE_TYPES.TSTypeLiteral:
      return findLossyInMembers(sourceCode, typeNode.members, path, visited, depth);
    case AST_NODE_TYPES.TSTypeReference: {
      if (typeNode.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
      const name = typeNode.typeName.name;
      const declaration = findTypeDeclaration(sourceCode, typeNode.typeName);
      if (!declaration) {
        const builtin = LOSSY_BUILTINS.get(name);
        if (builtin) return finding(builtin, path, key, name);
        const typeArguments = typeNode.typeArguments?.params ?? [];
        if (WRAPPERS_OF_FIRST_ARGUMENT.has(name) && typeArguments[0]) {
          return findLossyInTypeNode(
            sourceCode,
            typeArguments[0],
            name.endsWith('Array') ? `${path}[]` : path,
            name.endsWith('Array') ? '' : key,
            visited,
            depth + 1,
          );
        }
        if (name === 'Record' && typeArguments[1]) {
          return findLossyInTypeNode(sourceCode, typeArguments[1], `${path}[key]`, '', visited, depth + 1);
        }
        return undefined;
      }
      if (visited.has(declaration)) return undefined;
      visited.add(declaration);
      if (declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
        if (declaration.typeParameters) return undefined;
        return findLossyInTypeNode(sourceCode, declaration.typeAnnotation, path, key, visited, depth + 1);
      }
      if (declaration.type === AST_NODE_TYPES.ClassDeclaration) {
        const hasMethod = declaration.body.body.some(
          (member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && !member.static,
        );
        if (hasMethod) return finding('class', path, key, name);
        for (const member of declaration.body.body) {
          if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || !member.typeAnnotation) continue;
          const memberKey = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : undefined;
          if (!memberKey) continue;
          const found = findLossyInMember(
            sourceCode,
            memberKey,
            member.typeAnnotation.typeAnnotation,
            path,
            visited,
            depth,
          );
          if (found) return found;
        }
        return undefined;
      }
      if (declaration.typeParameters) return undefined;
      const own = findLossyInMembers(sourceCode, declaration.body.body, path, visited, depth);
      if (own) return own;
      for (const heritage of declaration.extends) {
        if (heritage.expression.type !== AST_NODE_TYPES.Identifier) continue;
        const parent: TSESTree.TSTypeReference = {
          type: AST_NODE_TYPES.TSTypeReference,
          typeName: heritage.expression,
          typeArguments: heritage.typeArguments,
          range: heritage.range,
          loc: heritage.loc,
          parent: heritage,
        } as TSESTree.TSTypeReference;
        const found = findLossyInTypeNode(sourceCode, parent, path, key, visited, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function admitsUndefined(typeNode: TSESTree.TypeNode): boolean {
  return (
    typeNode.type === AST_NODE_TYPES.TSUnionType &&
    typeNode.types.some(
      (member) => member.type === AST_NODE_TYPES.TSUndefinedKeyword || member.type === AST_NODE_TYPES.TSNullKeyword,
    )
  );
}

function findLossyInMember(
  sourceCode: Readonly<TSESLint.SourceCode>,
  memberKey: string,
  typeNode: TSESTree.TypeNode,
  path: string,
  visited: Set<TSESTree.Node>,
  depth: number,
): LossyFinding | undefined {
  const memberPath = joinPath(path, memberKey);
  if (typeNode.type === AST_NODE_TYPES.TSUndefinedKeyword || typeNode.type === AST_NODE_TYPES.TSVoidKeyword) {
    return finding('undefined', memberPath, memberKey, 'undefined');
  }
  return findLossyInTypeNode(sourceCode, typeNode, memberPath, memberKey, visited, depth + 1);
}

function findLossyInMembers(
  sourceCode: Readonly<TSESLint.SourceCode>,
  members: readonly TSESTree.TypeElement[],
  path: string,
  visited: Set<TSESTree.Node>,
  depth: number,
): LossyFinding | undefined {
  for (const member of members) {
    const memberKey =
      'key' in member && member.key.type === AST_NODE_TYPES.Identifier
        ? member.key.name
        : 'key' in member && member.key.type === AST_NODE_TYPES.Literal
          ? String(member.key.value)
          : undefined;
    // An optional function is simply absent from JSON, which its type allows.
    if (member.type === AST_NODE_TYPES.TSMethodSignature && memberKey && !member.optional) {
      return finding('function', joinPath(path, memberKey), memberKey, 'function');
    }
    if (member.type === AST_NODE_TYPES.TSPropertySignature && memberKey && member.typeAnnotation) {
      const found = findLossyInMember(
        sourceCode,
        memberKey,
        member.typeAnnotation.typeAnnotation,
        path,
        visited,
        depth,
      );
      if (
        found &&
        !(
          found.kind === 'function' &&
          found.path === joinPath(path, memberKey) &&
          (member.optional || admitsUndefined(member.typeAnnotation.typeAnnotation))
        )
      ) {
        return found;
      }
    }
    if (member.type === AST_NODE_TYPES.TSIndexSignature && member.typeAnnotation) {
      const found = findLossyInTypeNode(
        sourceCode,
        member.typeAnnotation.typeAnnotation,
        `${path}[key]`,
        '',
        visited,
        depth + 1,
      );
      if (found) return found;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Big integers
// ---------------------------------------------------------------------------------------------------------------

/** An integer literal in JSON text that does not fit a double exactly. */
export interface UnsafeInteger {
  digits: string;
  /** Offset of the digits in the JSON text. */
  offset: number;
}

/** Scans JSON text for integer number tokens above `Number.MAX_SAFE_INTEGER` (outside strings). */
export function findUnsafeIntegers(text: string): UnsafeInteger[] {
  const found: UnsafeInteger[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      index++;
      while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
      index++;
      continue;
    }
    if (char !== undefined && /[-0-9]/.test(char)) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(index));
      if (match) {
        const token = match[0];
        const isInteger = match[1] === undefined && match[2] === undefined;
        const digits = token.replace('-', '');
        if (isInteger && digits.length >= 16 && BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER)) {
          found.push({ digits: token, offset: index });
        }
        index += token.length;
        continue;
      }
    }
    index++;
  }
  return found;
}

/** True for `123n`, `BigInt(…)` and integer literals above `Number.MAX_SAFE_INTEGER`. */
function isWideIntegerOperand(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) {
    if (typeof node.value === 'bigint') return true;
    return typeof node.value === 'number' && Number.isInteger(node.value) && !Number.isSafeInteger(node.value);
  }
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'BigInt'
  );
}

/** A read of a parsed number that has already lost precision: `BigInt(data.id)`, `data.id === 123n`. */
export interface WideIntegerUse {
  node: TSESTree.Node;
  /** The property read (`id`), for the reviver. */
  key: string;
}

/** Looks at one expression holding parsed JSON for member reads fed to `BigInt` or compared with wide integers. */
function wideUseOfMemberChain(start: TSESTree.Node, quoted: ReadonlySet<string>): WideIntegerUse | undefined {
  let current: TSESTree.Node = start;
  let key: string | undefined;
  for (;;) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      key = memberPropertyName(parent) ?? key;
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
      continue;
    }
    break;
  }
  if (key === undefined || current === start || quoted.has(key)) return undefined;
  const parent = current.parent;
  if (!parent) return undefined;
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.callee.type === AST_NODE_TYPES.Identifier &&
    parent.callee.name === 'BigInt' &&
    parent.arguments[0] === current
  ) {
    return { node: parent, key };
  }
  if (parent.type === AST_NODE_TYPES.BinaryExpression && /^(===|==|!==|!=)$/.test(parent.operator)) {
    const other = parent.left === current ? parent.right : parent.left;
    if (isWideIntegerOperand(other)) return { node: parent, key };
  }
  return undefined;
}

/** Expressions that hold the parsed value: the value itself, untyped variables holding it, destructured fields. */
function valueHolders(
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Node,
): Array<{ node: TSESTree.Node; key?: string }> {
  const holders: Array<{ node: TSESTree.Node; key?: string }> = [{ node: value }];
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value) {
    for (const variable of sourceCode.getDeclaredVariables(parent)) {
      const declared = variable.identifiers[0];
      const property = declared?.parent;
      const key =
        property?.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier
          ? property.key.name
          : undefined;
      for (const reference of variable.references) {
        if (reference.init || !reference.isRead()) continue;
        holders.push({ node: reference.identifier, ...(key === undefined ? {} : { key }) });
      }
    }
  }
  return holders;
}

/** Integer fields the text quotes before it is parsed: their names, or `all` when every wide integer is quoted. */
export type QuotedFields = ReadonlySet<string> | 'all';

/** A replacement string that puts a captured group between double quotes (`'"id":"$1"'`, `':"$<n>"'`). */
const QUOTES_A_CAPTURE = /"\$(\d+|<[\w$]+>)"/;
/** A regex pattern that starts at one named field (`"id"\s*:\s*(-?\d+)`). */
const FIELD_PATTERN = /^"([\w$-]+)"/;

/**
 * The integer fields that `text` quotes before `JSON.parse` sees it: `body.replace(/"id"\s*:\s*(-?\d+)/g,
 * '"id":"$1"')` (the rule's own suggestion) quotes `id`; a pattern not tied to one field that captures digits
 * (`/:\s*(\d{16,})/g` → `':"$1"'`) quotes every wide integer. Such a field arrives as an exact string.
 */
export function quotedIntegerFields(text: TSESTree.Node | undefined): QuotedFields {
  const fields = new Set<string>();
  let current = text;
  while (current?.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberPropertyName(current.callee);
    if (method !== 'replace' && method !== 'replaceAll') break;
    const [pattern, replacement] = current.arguments;
    if (
      pattern?.type === AST_NODE_TYPES.Literal &&
      'regex' in pattern &&
      replacement?.type === AST_NODE_TYPES.Literal &&
      typeof replacement.value === 'string' &&
      QUOTES_A_CAPTURE.test(replacement.value) &&
      /\((\?<[\w$]+>)?[^()]*\\d/.test(pattern.regex.pattern)
    ) {
      const field = FIELD_PATTERN.exec(pattern.regex.pattern)?.[1];
      if (field === undefined) return 'all';
      fields.add(field);
    }
    current = current.callee.object;
  }
  return fields;
}

/**
 * Finds a use of a parsed value that shows a 64-bit integer was expected where JSON gave a double; fields the
 * text quoted before the parse (`quoted`) arrive as strings and are not rounded.
 */
export function findWideIntegerUse(
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Node,
  quoted: QuotedFields = new Set(),
): WideIntegerUse | undefined {
  if (quoted === 'all') return undefined;
  for (const holder of valueHolders(sourceCode, value)) {
    if (holder.key !== undefined && quoted.has(holder.key)) continue;
    if (holder.key !== undefined) {
      // A destructured field is the number itself: `const { id } = JSON.parse(s); BigInt(id)`.
      const parent = holder.node.parent;
      if (
        parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.callee.type === AST_NODE_TYPES.Identifier &&
        parent.callee.name === 'BigInt' &&
        parent.arguments[0] === holder.node
      ) {
        return { node: parent, key: holder.key };
      }
      if (parent?.type === AST_NODE_TYPES.BinaryExpression && /^(===|==|!==|!=)$/.test(parent.operator)) {
        const other = parent.left === holder.node ? parent.right : parent.left;
        if (isWideIntegerOperand(other)) return { node: parent, key: holder.key };
      }
      continue;
    }
    const use = wideUseOfMemberChain(holder.node, quoted);
    if (use) return use;
  }
  return undefined;
}
