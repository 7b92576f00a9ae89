import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberName, skipWrappers, someDescendant, type FunctionNode } from './ast.js';

/**
 * True when calling this async function (or promise-returning function) cannot produce a rejection:
 * its whole body sits in one `try/catch` that does not rethrow (only statements that cannot throw may
 * surround it), or every value it returns already carries a rejection handler (`.catch(fn)`, `.then(ok, fail)`).
 */
const cannotRejectCache = new WeakMap<FunctionNode, boolean>();

export function cannotReject(fn: FunctionNode): boolean {
  let verdict = cannotRejectCache.get(fn);
  if (verdict === undefined) {
    verdict = computeCannotReject(fn);
    cannotRejectCache.set(fn, verdict);
  }
  return verdict;
}

function computeCannotReject(fn: FunctionNode): boolean {
  const body = fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return isHandledChain(body);
  if (!fn.async) {
    const returned: TSESTree.ReturnStatement[] = [];
    someDescendant(
      body,
      (node) => {
        if (node.type === AST_NODE_TYPES.ReturnStatement) returned.push(node);
        return false;
      },
      true,
    );
    if (returned.length > 0 && returned.every((statement) => statement.argument && isHandledChain(statement.argument))) {
      return true;
    }
  }
  let sawTry = false;
  for (const statement of body.body) {
    if (statement.type === AST_NODE_TYPES.TryStatement) {
      if (sawTry || !statement.handler) return false;
      if (containsThrow(statement.handler.body)) return false;
      if (statement.finalizer && containsThrow(statement.finalizer)) return false;
      sawTry = true;
      continue;
    }
    if (!isInertStatement(statement)) return false;
  }
  return sawTry;
}

/** `p.catch(fn)`, `p.then(ok, fail)`, or such a chain followed by `.finally(fn)`. */
export function isHandledChain(input: TSESTree.Node): boolean {
  const node = skipWrappers(input);
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    return isHandledOrResolved(node.consequent) && isHandledOrResolved(node.alternate);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  if (name === 'catch') return node.arguments.length >= 1 && !isNullish(node.arguments[0]!);
  if (name === 'then') return node.arguments.length >= 2 && !isNullish(node.arguments[1]!);
  if (name === 'finally') return isHandledChain(callee.object);
  return false;
}

/** A handled chain, or `Promise.resolve()` of nothing or a literal (which cannot reject). */
function isHandledOrResolved(input: TSESTree.Node): boolean {
  if (isHandledChain(input)) return true;
  const node = skipWrappers(input);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(callee) === 'resolve' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise' &&
    node.arguments.every((argument) => argument.type === AST_NODE_TYPES.Literal)
  );
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

function containsThrow(node: TSESTree.Node): boolean {
  return someDescendant(node, (inner) => inner.type === AST_NODE_TYPES.ThrowStatement, true);
}

/** Calls that do not throw on ordinary input: conversions, `Math.*`, `console.*`, `Date.now()`. */
const SAFE_FUNCTIONS = new Set(['parseInt', 'parseFloat', 'Number', 'String', 'Boolean']);
const SAFE_OBJECTS = new Set(['Math', 'console']);
const SAFE_METHODS = new Set(['Date.now', 'Array.isArray', 'Number.isInteger', 'Number.isFinite', 'Number.parseInt', 'Number.parseFloat']);

function isSafeCall(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return SAFE_FUNCTIONS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipWrappers(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  return SAFE_OBJECTS.has(object.name) || SAFE_METHODS.has(`${object.name}.${memberName(callee) ?? ''}`);
}

function hasRiskyExpression(node: TSESTree.Node): boolean {
  return someDescendant(
    node,
    (inner) =>
      (inner.type === AST_NODE_TYPES.CallExpression && !isSafeCall(inner)) ||
      inner.type === AST_NODE_TYPES.NewExpression ||
      inner.type === AST_NODE_TYPES.AwaitExpression ||
      inner.type === AST_NODE_TYPES.YieldExpression ||
      inner.type === AST_NODE_TYPES.TaggedTemplateExpression ||
      inner.type === AST_NODE_TYPES.ThrowStatement,
    true,
  );
}

/** A statement that cannot throw in practice: no calls, no `await`, no `throw` (plain assignments, flags, early `return`). */
function isInertStatement(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.EmptyStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.VariableDeclaration:
    case AST_NODE_TYPES.ExpressionStatement:
      return !hasRiskyExpression(statement);
    case AST_NODE_TYPES.IfStatement:
      return (
        !hasRiskyExpression(statement.test) &&
        isInertStatement(statement.consequent) &&
        (statement.alternate === null || isInertStatement(statement.alternate))
      );
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.every(isInertStatement);
    default:
      return false;
  }
}
