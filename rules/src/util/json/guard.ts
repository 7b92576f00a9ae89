import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  findVariable,
  functionBindingIdentifier,
  isExported,
  isFunctionNode,
  memberPropertyName,
  type FunctionNode,
} from './ast.js';

/** Array and string methods that call their callback synchronously, before they return. */
const SYNCHRONOUS_CALLBACK_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'toSorted',
  'from',
  'replace',
  'replaceAll',
  'call',
  'apply',
]);

/** Wrappers that catch a handler's failure and pass it on (`express-async-handler`, `catchAsync`…). */
const ERROR_ROUTING_WRAPPERS =
  /^(asyncHandler|expressAsyncHandler|catchAsync|catchAsyncErrors|wrapAsync|asyncWrap|asyncWrapper|asyncMiddleware|catchErrors|withErrorHandling|withErrorHandler|handleAsync|tryCatch)$/;

/** The name of a private class method (`private load()`, `#load()`), whose callers are all `this.<name>(…)` in the class. */
export function privateMethodName(fn: FunctionNode): string | undefined {
  const method = fn.parent;
  if (
    method.type !== AST_NODE_TYPES.MethodDefinition ||
    method.value !== fn ||
    method.static ||
    method.kind !== 'method'
  )
    return undefined;
  if (method.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${method.key.name}`;
  if (method.accessibility === 'private' && method.key.type === AST_NODE_TYPES.Identifier) return method.key.name;
  return undefined;
}

/** Calls `this.<name>(…)` / `this.#name(…)` inside the class body that declares a private method. */
function privateMethodCallSites(fn: FunctionNode, name: string): TSESTree.CallExpression[] | undefined {
  const classBody = fn.parent.parent;
  if (classBody?.type !== AST_NODE_TYPES.ClassBody) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  let escapes = false;
  const visit = (node: TSESTree.Node): void => {
    if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.ThisExpression &&
      (node.property.type === AST_NODE_TYPES.PrivateIdentifier
        ? `#${node.property.name}`
        : memberPropertyName(node)) === name
    ) {
      if (node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node) calls.push(node.parent);
      else escapes = true;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      const children: unknown[] = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string')
          visit(child as TSESTree.Node);
      }
    }
  };
  visit(classBody);
  return escapes || calls.length === 0 ? undefined : calls;
}

/**
 * A catch clause handles the error unless all it does is rethrow the very same error unchanged
 * (`catch (e) { throw e; }` changes nothing for the caller).
 */
export function catchHandles(handler: TSESTree.CatchClause): boolean {
  const statements = handler.body.body;
  if (statements.length !== 1) return true;
  const only = statements[0];
  return !(
    only?.type === AST_NODE_TYPES.ThrowStatement &&
    only.argument.type === AST_NODE_TYPES.Identifier &&
    handler.param?.type === AST_NODE_TYPES.Identifier &&
    only.argument.name === handler.param.name
  );
}

/** Where the search for a surrounding handler ended. */
export type GuardState =
  | { kind: 'guarded' }
  | { kind: 'unguarded' }
  /** Reached the start of a function whose callers decide (a named function). */
  | { kind: 'function'; fn: FunctionNode };

/** The most levels of private-helper call sites followed before giving up (and treating the parse as unguarded). */
const MAX_CALLER_DEPTH = 3;

/**
 * True when a promise-valued expression's rejection is handled: a later `.catch` or `.then(a, b)` in its chain,
 * an `await` inside a guard, or handed on (returned, passed to a call, put in an array) to code that owns it.
 */
export function isRejectionHandled(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
  depth = 0,
): boolean {
  let current: TSESTree.Node = expression;
  for (;;) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      const call = parent.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
      const method = memberPropertyName(parent);
      if (method === 'catch') return true;
      if (method === 'then' && call.arguments.length >= 2) return true;
      if (method !== 'then' && method !== 'finally') return false;
      current = call;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.AwaitExpression) return isGuarded(sourceCode, parent, depth);
    if (parent.type === AST_NODE_TYPES.ReturnStatement) return true;
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) return true;
    if (
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression
    ) {
      current = parent;
      continue;
    }
    // Handed on (`Promise.all([...])`, `resolve(p)`): the receiver owns the rejection.
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.ArrayExpression) return true;
    return false;
  }
}

/**
 * Looks for a `try` with a handling `catch` around a node, within its function. Through synchronous callbacks
 * (`map`, `forEach`, IIFEs) the search continues at the call. Promise callbacks count as guarded when the chain
 * handles the rejection; `new Promise` executors always do (a throw there rejects the promise).
 */
export function findGuard(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): GuardState {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.TryStatement &&
      current.block === child &&
      current.handler &&
      catchHandles(current.handler)
    ) {
      return { kind: 'guarded' };
    }
    if (isFunctionNode(current)) {
      const fn = current;
      const call = fn.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && call.callee === fn) {
        if (fn.async) return isRejectionHandled(sourceCode, call, depth) ? { kind: 'guarded' } : { kind: 'unguarded' };
        child = call;
        current = call;
        continue;
      }
      if (call.type === AST_NODE_TYPES.NewExpression && call.arguments[0] === fn && calleeName(call) === 'Promise') {
        return { kind: 'guarded' };
      }
      if (call.type === AST_NODE_TYPES.CallExpression && (call.arguments as TSESTree.Node[]).includes(fn)) {
        const method = calleeName(call);
        if (method === 'then' || method === 'catch' || method === 'finally') {
          return isRejectionHandled(sourceCode, call, depth) ? { kind: 'guarded' } : { kind: 'unguarded' };
        }
        // `asyncHandler(async (req, res) => …)`: the wrapper routes failures to the framework's error handler.
        if (method !== undefined && ERROR_ROUTING_WRAPPERS.test(method)) return { kind: 'guarded' };
        if (method !== undefined && SYNCHRONOUS_CALLBACK_METHODS.has(method) && !fn.async) {
          child = call;
          current = call;
          continue;
        }
        return { kind: 'unguarded' };
      }
      return functionBindingIdentifier(fn) || privateMethodName(fn) ? { kind: 'function', fn } : { kind: 'unguarded' };
    }
    child = current;
  }
  return { kind: 'unguarded' };
}

/**
 * The call sites of a private (not exported) function, when every use of its name in the file is a direct call;
 * undefined when the function escapes (exported, passed around) or is never called.
 */
export function privateCallSites(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
): TSESTree.CallExpression[] | undefined {
  const methodName = privateMethodName(fn);
  if (methodName) return privateMethodCallSites(fn, methodName);
  const name = functionBindingIdentifier(fn);
  if (!name || isExported(fn)) return undefined;
  const variable =
    sourceCode
      .getDeclaredVariables(fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent)
      .find((candidate) => candidate.name === name.name) ?? findVariable(sourceCode, name);
  if (!variable) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init || !reference.isRead()) continue;
    const parent = reference.identifier.parent;
    if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier) return undefined;
    calls.push(parent);
  }
  return calls.length > 0 ? calls : undefined;
}

/** True when a call of `fn` handles its failure at the call site (for async functions: its rejection). */
export function isCallGuarded(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  fn: FunctionNode,
  depth: number,
): boolean {
  if (fn.async) return isRejectionHandled(sourceCode, call, depth);
  return isGuarded(sourceCode, call, depth);
}

/**
 * True when a throw at `node` is caught and handled: by a surrounding try/catch, or — inside a private helper —
 * at every call site of that helper in this file (followed a few levels).
 */
export function isGuarded(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): boolean {
  const state = findGuard(sourceCode, node, depth);
  if (state.kind !== 'function') return state.kind === 'guarded';
  if (depth >= MAX_CALLER_DEPTH) return false;
  const calls = privateCallSites(sourceCode, state.fn);
  return calls !== undefined && calls.every((call) => isCallGuarded(sourceCode, call, state.fn, depth + 1));
}
