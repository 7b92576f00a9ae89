import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { functionBindingIdentifier, isFunctionNode, type FunctionNode } from './ast.js';
import { privateCallSites } from './guard.js';

/**
 * Names that say "turn this text into a value": a `json()` body reader, `parse…`, `decode…`, `deserialize…`,
 * `unmarshal…`, `fromJSON`. Throwing on malformed text is what such a function is for.
 */
const PARSING_CONTRACT_NAME =
  /^(?:(?:parse|decode|deserialize|unserialize|unmarshal)(?:[A-Z0-9_$]|$)|json$|fromJson$|fromJSON$)/;

/** Wrappers a parsed value passes through unchanged on its way to a `return`. */
function isValuePassThrough(node: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return true;
    case AST_NODE_TYPES.Property:
      return node.value === child;
    case AST_NODE_TYPES.ConditionalExpression:
      return node.test !== child;
    default:
      return false;
  }
}

/** The name a function is known by: its binding (`function f`, `const f = …`) or its method / property key. */
export function contractFunctionName(fn: FunctionNode): string | undefined {
  const binding = functionBindingIdentifier(fn);
  if (binding) return binding.name;
  const parent = fn.parent;
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.Property ||
      parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    !parent.computed &&
    parent.key.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.key.name;
  }
  return undefined;
}

/** True when a `return` of `fn` (not of a nested function) contains `node`. */
function insideOwnReturn(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.ReturnStatement) return true;
  }
  return false;
}

/**
 * True when the value `parse` produces is what `fn` returns: `return JSON.parse(t)`, `=> JSON.parse(t) as T`,
 * or `const value = JSON.parse(t); … return value` (also destructured: `const { a } = …; return a`).
 */
export function parsedValueIsReturned(
  sourceCode: Readonly<TSESLint.SourceCode>,
  parse: TSESTree.Node,
  fn: FunctionNode,
): boolean {
  let child: TSESTree.Node = parse;
  for (let current = parse.parent; current; child = current, current = current.parent) {
    if (current === fn) return fn.body === child;
    // Only value pass-throughs lie between the parse and here, so this `return` is `fn`'s own.
    if (current.type === AST_NODE_TYPES.ReturnStatement) return true;
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.init === child) {
      return sourceCode
        .getDeclaredVariables(current)
        .some((variable) =>
          variable.references.some((reference) => reference.isRead() && insideOwnReturn(reference.identifier, fn)),
        );
    }
    if (!isValuePassThrough(current, child)) return false;
  }
  return false;
}

/** The node a function's documentation comment sits in front of (its declaration, export or member). */
function documentedNode(fn: FunctionNode): TSESTree.Node {
  let node: TSESTree.Node = fn;
  const parent = fn.parent;
  if (
    parent.type === AST_NODE_TYPES.MethodDefinition ||
    parent.type === AST_NODE_TYPES.Property ||
    parent.type === AST_NODE_TYPES.PropertyDefinition
  ) {
    return parent;
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator) node = parent.parent;
  if (
    node.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    node.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration
  ) {
    node = node.parent;
  }
  return node;
}

/** True when the function's JSDoc declares that it throws (`@throws`, `@exception`): callers have been told. */
export function documentsThrows(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  const comment = sourceCode.getCommentsBefore(documentedNode(fn)).at(-1);
  return comment?.type === 'Block' && comment.value.startsWith('*') && /@(?:throws|exception)\b/.test(comment.value);
}

/**
 * True when `fn` fails by throwing as part of its published contract: callers outside this file call it
 * (not a private helper), and its name says it parses or its JSDoc says it throws. A private parsing helper
 * called synchronously from such a function throws on the same terms.
 */
export function throwsByContract(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  if (privateCallSites(sourceCode, fn)) return false;
  if (documentsThrows(sourceCode, fn)) return true;
  const name = contractFunctionName(fn);
  return name !== undefined && PARSING_CONTRACT_NAME.test(name);
}

/**
 * True when throwing on malformed text is `fn`'s contract, so its callers own the error: a function whose name
 * says it parses (`json()`, `parse…`, `decode…`) and returns the parsed value, or one whose JSDoc says it throws.
 * A private helper is never judged by its name: its call sites are in this file and decide instead.
 */
export function isParsingContract(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  parse: TSESTree.Node,
): boolean {
  if (privateCallSites(sourceCode, fn)) return false;
  if (documentsThrows(sourceCode, fn)) return true;
  const name = contractFunctionName(fn);
  return name !== undefined && PARSING_CONTRACT_NAME.test(name) && parsedValueIsReturned(sourceCode, parse, fn);
}
