import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberPropertyName, skipTransparentWrappers } from './ast.js';

/** `JSON.parse(text[, reviver])`, also through `globalThis.JSON` / `window.JSON`. */
export function isJsonParseCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) return false;
  const callee = skipTransparentWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(callee) !== 'parse') return false;
  const object = skipTransparentWrappers(callee.object);
  if (object.type === AST_NODE_TYPES.Identifier) return object.name === 'JSON';
  return (
    object.type === AST_NODE_TYPES.MemberExpression &&
    memberPropertyName(object) === 'JSON' &&
    object.object.type === AST_NODE_TYPES.Identifier &&
    ['globalThis', 'window', 'self', 'global'].includes(object.object.name)
  );
}

/**
 * A zero-argument `.json()` call: the body reader of a fetch `Response`/`Request` (or a look-alike such as
 * undici's). Express's `res.json(body)` takes an argument and never matches. With types, callers also check
 * that the call returns a promise.
 */
export function isBodyJsonCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 0 || node.typeArguments) return false;
  const callee = skipTransparentWrappers(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(callee) === 'json';
}

/** `JSON.stringify(...)`. */
export function isJsonStringifyCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparentWrappers(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberPropertyName(callee) === 'stringify' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'JSON'
  );
}
