import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberName, resolveVariable, skipWrappers, someDescendant, type FunctionNode } from './ast.js';
import { bindingOrigin } from './promise-oracle.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const cannotRejectCache = new WeakMap<FunctionNode, boolean>();

/**
 * True when calling this async function (or promise-returning function) cannot produce a rejection:
 * its body is `try/catch` statements that do not rethrow (or whose `finally` ends the process), surrounded only
 * by statements that cannot throw (assignments, flag checks, early `return`s, calls such as `clearTimeout`,
 * `map.delete(key)`, `new Map()`, `Array.from(…)`, calls of `resolve`/`reject`/callback parameters it was given, and
 * an awaited sleep that never rejects); or every value it returns already carries a rejection handler
 * (`.catch(fn)`, `.then(ok, fail)`).
 */
export function cannotReject(fn: FunctionNode, sourceCode: SourceCode): boolean {
  let verdict = cannotRejectCache.get(fn);
  if (verdict === undefined) {
    cannotRejectCache.set(fn, false); // a function that awaits itself
    verdict = computeCannotReject(fn, sourceCode);
    cannotRejectCache.set(fn, verdict);
  }
  return verdict;
}

const syncOnlyCache = new WeakMap<FunctionNode, boolean>();

/**
 * True when an async function can reject only by a synchronous throw of code that awaits nothing: every `await`
 * sits in the `try` block of a `try/catch` that does not rethrow (or whose `finally` ends the process) or awaits
 * something that never rejects (a sleep, an async function of this file that cannot reject), no `throw` is left
 * outside such a block, and no returned value is a call whose promise the function would adopt. Such a function
 * fails exactly where a synchronous one would: handing it to a caller that ignores its promise loses nothing that
 * a synchronous callback would not lose.
 */
export function rejectsOnlySynchronously(fn: FunctionNode, sourceCode: SourceCode): boolean {
  let verdict = syncOnlyCache.get(fn);
  if (verdict === undefined) {
    syncOnlyCache.set(fn, false);
    verdict = computeRejectsOnlySynchronously(fn, sourceCode);
    syncOnlyCache.set(fn, verdict);
  }
  return verdict;
}

function computeRejectsOnlySynchronously(fn: FunctionNode, sourceCode: SourceCode): boolean {
  if (!fn.async || fn.generator) return false;
  // `await server.close(); process.exit(0);`: a rejection ends the process, which was about to end anyway.
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && endsProcessAfterEveryAwait(fn.body, sourceCode)) return true;
  const judge = new InertJudge(sourceCode);
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    const body = skipWrappers(fn.body);
    return (
      !returnsAdoptedPromise(body, sourceCode) &&
      !someDescendant(body, (node) => node.type === AST_NODE_TYPES.AwaitExpression, true)
    );
  }
  return !someDescendant(
    fn.body,
    (node) => {
      if (node.type === AST_NODE_TYPES.AwaitExpression)
        return !judge.neverRejects(node.argument) && !isGuarded(node, fn);
      if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) return !isGuarded(node, fn);
      if (node.type === AST_NODE_TYPES.ThrowStatement) return !isGuarded(node, fn);
      if (node.type === AST_NODE_TYPES.ReturnStatement)
        return node.argument !== null && returnsAdoptedPromise(skipWrappers(node.argument), sourceCode);
      return false;
    },
    true,
  );
}

/** Whether the body (outside nested functions) has a `try` with a `catch` clause: it handles errors on purpose. */
export function hasCatchClause(fn: FunctionNode): boolean {
  return someDescendant(fn.body, (node) => node.type === AST_NODE_TYPES.TryStatement && node.handler !== null, true);
}

/**
 * `return save()`: a returned value the async function may adopt as its own promise (outside any `try`). Left out:
 * `new Promise((resolve) => …)` whose executor takes no `reject`, throws nothing and resolves with no call's value
 * (it can only reject by a synchronous throw of its executor); and, given the source code, calls that visibly
 * return no promise (see `callReturnsNoPromise`).
 */
function returnsAdoptedPromise(node: TSESTree.Node, sourceCode?: SourceCode): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
      return sourceCode === undefined || !callReturnsNoPromise(node, sourceCode);
    case AST_NODE_TYPES.NewExpression:
      return !isResolveOnlyPromise(node);
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return (
        returnsAdoptedPromise(skipWrappers(node.consequent), sourceCode) ||
        returnsAdoptedPromise(skipWrappers(node.alternate), sourceCode)
      );
    case AST_NODE_TYPES.LogicalExpression:
      return (
        returnsAdoptedPromise(skipWrappers(node.left), sourceCode) ||
        returnsAdoptedPromise(skipWrappers(node.right), sourceCode)
      );
    default:
      return false;
  }
}

/**
 * Parameters named for a promise's settle functions or a Node-style completion callback: the function hands its
 * outcome to them, and they return nothing to adopt.
 */
const COMPLETION_PARAMETER = /^(resolve|reject|cb|callback|done)$/;

/**
 * A call whose value is visibly not a promise: `cb(error)`, `reject(error)` of a parameter so named, a synchronous
 * function of this file (`resume()`, `this.destroy(error)`), or `forEach` of an array literal (`[...set].forEach(…)`).
 */
function callReturnsNoPromise(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (COMPLETION_PARAMETER.test(callee.name)) {
      const variable = resolveVariable(sourceCode, callee);
      if (variable?.defs.length === 1 && variable.defs[0]!.type === 'Parameter') return true;
    }
    const fn = localFunction(callee, sourceCode);
    return fn !== undefined && isSynchronousFunction(fn, sourceCode);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipWrappers(callee.object);
  if (object.type === AST_NODE_TYPES.ArrayExpression) return memberName(callee) === 'forEach';
  if (object.type !== AST_NODE_TYPES.ThisExpression) return false;
  const method = thisClassMethod(callee);
  return method !== undefined && isSynchronousFunction(method, sourceCode);
}

/** The function a plain identifier names in this file: a function declaration, or a `const` bound to one. */
function localFunction(identifier: TSESTree.Identifier, sourceCode: SourceCode): FunctionNode | undefined {
  const variable = resolveVariable(sourceCode, identifier);
  const def = variable?.defs[0];
  if (!def || variable!.defs.length !== 1) return undefined;
  if (def.type === 'FunctionName' && isFunctionNode(def.node)) return def.node;
  if (
    def.type === 'Variable' &&
    def.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.init &&
    def.parent?.type === AST_NODE_TYPES.VariableDeclaration &&
    def.parent.kind === 'const'
  ) {
    const init = skipWrappers(def.node.init);
    return isFunctionNode(init) ? init : undefined;
  }
  return undefined;
}

const synchronousCache = new WeakMap<FunctionNode, boolean>();

/**
 * A plain (not async) function of this file that returns no promise: no declared `Promise` return type, and every
 * value it returns is visibly not one (nothing, a value that is not a call, or a call of another such function).
 */
function isSynchronousFunction(fn: FunctionNode, sourceCode: SourceCode): boolean {
  let verdict = synchronousCache.get(fn);
  if (verdict === undefined) {
    synchronousCache.set(fn, true); // a function that returns its own call adds no promise
    verdict = computeIsSynchronousFunction(fn, sourceCode);
    synchronousCache.set(fn, verdict);
  }
  return verdict;
}

function computeIsSynchronousFunction(fn: FunctionNode, sourceCode: SourceCode): boolean {
  if (fn.async || fn.generator) return false;
  const annotation = fn.returnType?.typeAnnotation;
  if (
    annotation?.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    /^(Promise|PromiseLike)$/.test(annotation.typeName.name)
  ) {
    return false;
  }
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return !returnsAdoptedPromise(skipWrappers(fn.body), sourceCode);
  return !someDescendant(
    fn.body,
    (node) =>
      node.type === AST_NODE_TYPES.ReturnStatement &&
      node.argument !== null &&
      returnsAdoptedPromise(skipWrappers(node.argument), sourceCode),
    true,
  );
}

/**
 * `new Promise((resolve) => { socket.once('close', resolve); })`: an executor without a `reject` parameter (or one
 * it calls only in its own `catch` blocks), not async, with no `throw` and no `resolve(call())` (resolving with
 * another promise would adopt its rejection). It can reject only by a synchronous throw of its executor.
 */
export function isResolveOnlyPromise(node: TSESTree.NewExpression): boolean {
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return false;
  const executor = node.arguments[0] && skipWrappers(node.arguments[0]);
  if (!executor || !isFunctionNode(executor) || executor.async || executor.generator) return false;
  if (executor.params.length > 2) return false;
  const [resolve, reject] = executor.params;
  if (resolve !== undefined && resolve.type !== AST_NODE_TYPES.Identifier) return false;
  if (reject !== undefined && (reject.type !== AST_NODE_TYPES.Identifier || !rejectsOnlyCaughtErrors(executor, reject)))
    return false;
  if (someDescendant(executor.body, (inner) => inner.type === AST_NODE_TYPES.ThrowStatement, true)) return false;
  if (resolve === undefined) return true;
  return !someDescendant(
    executor.body,
    (inner) =>
      inner.type === AST_NODE_TYPES.CallExpression &&
      inner.callee.type === AST_NODE_TYPES.Identifier &&
      inner.callee.name === resolve.name &&
      inner.arguments.some((argument) => {
        const value = skipWrappers(argument);
        return (
          value.type === AST_NODE_TYPES.CallExpression ||
          value.type === AST_NODE_TYPES.NewExpression ||
          value.type === AST_NODE_TYPES.TaggedTemplateExpression ||
          value.type === AST_NODE_TYPES.AwaitExpression
        );
      }),
    false,
  );
}

/**
 * `(resolve, reject) => { try { … } catch (error) { reject(error); } }`: the executor (not async) calls `reject` only
 * in its own `catch` blocks, which see only its synchronous errors, and never hands `reject` to anything.
 */
function rejectsOnlyCaughtErrors(executor: FunctionNode, reject: TSESTree.Identifier): boolean {
  return !someDescendant(
    executor.body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.Identifier || node.name !== reject.name) return false;
      const call = node.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== node) return true;
      for (let parent: TSESTree.Node | undefined = call.parent; parent && parent !== executor; parent = parent.parent) {
        if (isFunctionNode(parent)) return true;
        if (parent.type === AST_NODE_TYPES.CatchClause) return false;
      }
      return true;
    },
    false,
  );
}

/** Inside the `try` block of a `try/catch` (of `fn`) whose catch does not rethrow, or whose `finally` ends the process. */
function isGuarded(node: TSESTree.Node, fn: FunctionNode): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.TryStatement) continue;
    if (parent.finalizer && endsProcess(parent.finalizer)) return true;
    if (
      parent.block === child &&
      parent.handler &&
      !containsThrow(parent.handler.body) &&
      !(parent.finalizer && containsThrow(parent.finalizer))
    ) {
      return true;
    }
  }
  return false;
}

function computeCannotReject(fn: FunctionNode, sourceCode: SourceCode): boolean {
  const body = fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return isHandledChain(body, sourceCode);
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
    if (
      returned.length > 0 &&
      returned.every((statement) => statement.argument && isHandledChain(statement.argument, sourceCode))
    ) {
      return true;
    }
  }
  const inert = new InertJudge(sourceCode);
  let sawTry = false;
  for (const statement of body.body) {
    if (statement.type === AST_NODE_TYPES.TryStatement) {
      if (statement.finalizer && endsProcess(statement.finalizer)) {
        sawTry = true;
        continue;
      }
      if (!statement.handler) return false;
      if (containsThrow(statement.handler.body)) return false;
      if (statement.finalizer && containsThrow(statement.finalizer)) return false;
      sawTry = true;
      continue;
    }
    if (!inert.statement(statement)) return false;
  }
  // `try { return save(); } catch {}` and `catch (error) { return retry(error); }` of an async function of this
  // file: the returned promise is adopted after the `try` is left, so its rejection is the function's own.
  return (
    sawTry &&
    !someDescendant(
      body,
      (node) =>
        node.type === AST_NODE_TYPES.ReturnStatement &&
        node.argument !== null &&
        returnsVisiblePromise(skipWrappers(node.argument), sourceCode),
      true,
    )
  );
}

/** A returned value that is visibly a promise: a call of a function of this file that returns one, `new Promise`. */
function returnsVisiblePromise(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) return !isResolveOnlyPromise(node) && isGlobalPromise(node.callee);
  if (node.type === AST_NODE_TYPES.ConditionalExpression)
    return (
      returnsVisiblePromise(skipWrappers(node.consequent), sourceCode) ||
      returnsVisiblePromise(skipWrappers(node.alternate), sourceCode)
    );
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  let fn: FunctionNode | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) fn = localFunction(callee, sourceCode);
  else if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    skipWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression
  )
    fn = thisClassMethod(callee);
  return fn !== undefined && !isSynchronousFunction(fn, sourceCode);
}

function isGlobalPromise(callee: TSESTree.Node): boolean {
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise';
}

/** A `finally` block with a top-level `process.exit(…)`: whatever the `try` threw is never observed. */
function endsProcess(block: TSESTree.BlockStatement): boolean {
  return block.body.some(isProcessExit);
}

/**
 * `{ await server.destroy(); process.exit(0); }`: the body ends in `process.exit(…)` and no `return` after its first
 * `await` leaves before it, so every path that can reject was on its way to ending the process. A rejection there
 * is unhandled, and since Node 15 an unhandled rejection ends the process with the error printed. Not when the file
 * installs a `process.on('unhandledRejection' | 'uncaughtException', …)` handler: the rejection is then caught and
 * logged, the process keeps running, and a signal handler (which replaces Node's default termination) leaves it
 * running after the signal.
 */
function endsProcessAfterEveryAwait(body: TSESTree.BlockStatement, sourceCode: SourceCode): boolean {
  if (!isProcessExit(body.body.at(-1))) return false;
  let firstAwait = Number.POSITIVE_INFINITY;
  const returns: TSESTree.ReturnStatement[] = [];
  someDescendant(
    body,
    (node) => {
      if (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await))
        firstAwait = Math.min(firstAwait, node.range[0]);
      else if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node);
      return false;
    },
    true,
  );
  if (returns.some((statement) => statement.range[0] > firstAwait)) return false;
  return !installsProcessErrorHandler(sourceCode);
}

const processErrorHandlerCache = new WeakMap<TSESTree.Program, boolean>();

/** `process.on('unhandledRejection', …)` (or `once`, `addListener`, `uncaughtException`) anywhere in the file. */
function installsProcessErrorHandler(sourceCode: SourceCode): boolean {
  const program = sourceCode.ast;
  let verdict = processErrorHandlerCache.get(program);
  if (verdict === undefined) {
    verdict =
      /unhandledRejection|uncaughtException/.test(sourceCode.text) &&
      someDescendant(
        program,
        (node) => {
          if (node.type !== AST_NODE_TYPES.CallExpression) return false;
          const callee = skipWrappers(node.callee);
          const event = node.arguments[0];
          return (
            callee.type === AST_NODE_TYPES.MemberExpression &&
            /^(on|once|addListener|prependListener|prependOnceListener)$/.test(memberName(callee) ?? '') &&
            skipWrappers(callee.object).type === AST_NODE_TYPES.Identifier &&
            (skipWrappers(callee.object) as TSESTree.Identifier).name === 'process' &&
            event?.type === AST_NODE_TYPES.Literal &&
            (event.value === 'unhandledRejection' || event.value === 'uncaughtException')
          );
        },
        false,
        sourceCode.visitorKeys,
      );
    processErrorHandlerCache.set(program, verdict);
  }
  return verdict;
}

/** `process.exit(…);` as a statement. */
function isProcessExit(statement: TSESTree.Statement | undefined): boolean {
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const call = skipWrappers(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(callee) === 'exit' &&
    skipWrappers(callee.object).type === AST_NODE_TYPES.Identifier &&
    (skipWrappers(callee.object) as TSESTree.Identifier).name === 'process'
  );
}

/**
 * `p.catch(fn)`, `p.then(ok, fail)`, or such a chain followed by `.finally(fn)` or by `.then(fn)` of a synchronous
 * callback. Given the source code, a tail callback may also return calls that visibly return no promise
 * (`return resume()` of a synchronous function of this file) and may be named instead of written inline.
 */
export function isHandledChain(input: TSESTree.Node, sourceCode?: SourceCode): boolean {
  const node = skipWrappers(input);
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    return isHandledOrResolved(node.consequent, sourceCode) && isHandledOrResolved(node.alternate, sourceCode);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  if (name === 'catch') return node.arguments.length >= 1 && !isNullish(node.arguments[0]!);
  if (name === 'then') {
    if (node.arguments.length >= 2) return !isNullish(node.arguments[1]!);
    // `p.catch(report).then(() => { state = 'idle'; })`: after a handler, a synchronous tail can only throw.
    return (
      node.arguments.length === 1 &&
      isSynchronousCallback(node.arguments[0]!, sourceCode) &&
      isHandledChain(callee.object, sourceCode)
    );
  }
  if (name === 'finally') return isHandledChain(callee.object, sourceCode);
  return false;
}

/**
 * A plain (not async) function that returns no call's value and throws nothing on purpose. Given the source code,
 * it may return calls that visibly return no promise, and it may be a function of this file named by an identifier.
 */
export function isSynchronousCallback(input: TSESTree.Node, sourceCode?: SourceCode): boolean {
  let fn = skipWrappers(input);
  if (fn.type === AST_NODE_TYPES.Identifier && sourceCode) fn = localFunction(fn, sourceCode) ?? fn;
  if (!isFunctionNode(fn) || fn.async || fn.generator) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return !returnsAdoptedPromise(skipWrappers(fn.body), sourceCode);
  return !someDescendant(
    fn.body,
    (node) =>
      node.type === AST_NODE_TYPES.ThrowStatement ||
      (node.type === AST_NODE_TYPES.ReturnStatement &&
        node.argument !== null &&
        returnsAdoptedPromise(skipWrappers(node.argument), sourceCode)),
    true,
  );
}

/** A handled chain, or `Promise.resolve()` of nothing or a literal (which cannot reject). */
function isHandledOrResolved(input: TSESTree.Node, sourceCode?: SourceCode): boolean {
  if (isHandledChain(input, sourceCode)) return true;
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

/** Calls that do not throw on ordinary input: conversions, `Math.*`, `console.*`, `Date.now()`, timers. */
const SAFE_FUNCTIONS = new Set([
  'parseInt',
  'parseFloat',
  'Number',
  'String',
  'Boolean',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'setTimeout',
  'setInterval',
  'setImmediate',
]);
const SAFE_OBJECTS = new Set(['Math', 'console']);
const SAFE_METHODS = new Set([
  'Date.now',
  'Array.isArray',
  'Array.from',
  'Array.of',
  'Number.isInteger',
  'Number.isFinite',
  'Number.parseInt',
  'Number.parseFloat',
]);
/** Collection methods that do not throw on a `Map`/`Set` (`pending.delete(id)`, `cache.clear()`). */
const SAFE_COLLECTION_METHODS = new Set(['delete', 'has', 'get', 'clear']);
/** Constructors that do not throw on ordinary input. */
const SAFE_CONSTRUCTORS = new Set([
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Date',
  'Error',
  'TypeError',
  'RangeError',
  'AbortController',
]);
/** Parameters through which a function hands its result or error to whoever gave them. */
const CALLBACK_PARAMETER = /^(resolve|reject|callback|cb|done|next|onError|onDone)$/;
const TIMER_PROMISE_MODULES = new Set(['timers/promises', 'node:timers/promises']);
const SLEEP_NAME = /^(sleep|delay|wait|pause)$/;

/** Judges which statements of one function cannot throw. */
class InertJudge {
  constructor(private readonly sourceCode: SourceCode) {}

  /** A statement that cannot throw in practice: no risky calls, no `await` of something that may reject, no `throw`. */
  statement(statement: TSESTree.Statement): boolean {
    switch (statement.type) {
      case AST_NODE_TYPES.EmptyStatement:
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
        return true;
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.VariableDeclaration:
      case AST_NODE_TYPES.ExpressionStatement:
        return !this.hasRiskyExpression(statement);
      case AST_NODE_TYPES.IfStatement:
        return (
          !this.hasRiskyExpression(statement.test) &&
          this.statement(statement.consequent) &&
          (statement.alternate === null || this.statement(statement.alternate))
        );
      case AST_NODE_TYPES.BlockStatement:
        return statement.body.every((inner) => this.statement(inner));
      default:
        return false;
    }
  }

  private hasRiskyExpression(node: TSESTree.Node): boolean {
    return someDescendant(
      node,
      (inner) =>
        (inner.type === AST_NODE_TYPES.CallExpression && !this.isSafeCall(inner) && !this.isAwaitedSleep(inner)) ||
        (inner.type === AST_NODE_TYPES.NewExpression && !isSafeConstructor(inner) && !this.isAwaitedSleep(inner)) ||
        (inner.type === AST_NODE_TYPES.AwaitExpression && !this.isNeverRejecting(inner.argument)) ||
        inner.type === AST_NODE_TYPES.YieldExpression ||
        inner.type === AST_NODE_TYPES.TaggedTemplateExpression ||
        inner.type === AST_NODE_TYPES.ThrowStatement,
      true,
    );
  }

  private isSafeCall(call: TSESTree.CallExpression): boolean {
    const callee = skipWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier)
      return SAFE_FUNCTIONS.has(callee.name) || this.isCallbackParameter(callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(callee) ?? '';
    const object = skipWrappers(callee.object);
    if (SAFE_COLLECTION_METHODS.has(name) && call.arguments.length <= 1 && !call.optional) return true;
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    return SAFE_OBJECTS.has(object.name) || SAFE_METHODS.has(`${object.name}.${name}`);
  }

  /** `reject(error)`, `callback(error)`: a `resolve`/`reject`/callback parameter this function or an enclosing one was given. */
  private isCallbackParameter(callee: TSESTree.Identifier): boolean {
    if (!CALLBACK_PARAMETER.test(callee.name)) return false;
    const variable = resolveVariable(this.sourceCode, callee);
    return variable?.defs.length === 1 && variable.defs[0]!.type === 'Parameter';
  }

  /** The operand of an `await` that never rejects (judged with the `await` itself). */
  private isAwaitedSleep(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const parent = node.parent;
    return parent?.type === AST_NODE_TYPES.AwaitExpression && this.isNeverRejecting(node);
  }

  /** The operand of an `await` that never rejects: a sleep, an async function of this file that cannot reject. */
  neverRejects(argument: TSESTree.Node): boolean {
    return this.isNeverRejecting(argument);
  }

  /**
   * `await sleep(ms)` of a timer promise that only ever resolves (`new Promise((r) => setTimeout(r, ms))` and the
   * like), or of another promise that can only reject by a synchronous throw (see `isResolveOnlyPromiseExpression`).
   */
  private isNeverRejecting(argument: TSESTree.Node): boolean {
    const node = skipWrappers(argument);
    if (isResolveOnlyPromiseExpression(node, this.sourceCode)) return true;
    if (node.type === AST_NODE_TYPES.NewExpression) return isSleepPromise(node);
    if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 2) return false;
    const callee = skipWrappers(node.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      skipWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression
    ) {
      // `await this.stop()` of a method of this class that cannot reject.
      const method = thisClassMethod(callee);
      return (
        method !== undefined &&
        method.async &&
        (cannotReject(method, this.sourceCode) || rejectsOnlySynchronously(method, this.sourceCode))
      );
    }
    if (callee.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = resolveVariable(this.sourceCode, callee);
    const def = variable?.defs[0];
    if (!def || variable!.defs.length !== 1) return false;
    const origin = bindingOrigin(variable);
    if (origin) {
      if (node.arguments.some((argument) => isFunctionNode(skipWrappers(argument)))) return false;
      if (TIMER_PROMISE_MODULES.has(origin.source))
        return origin.imported === 'setTimeout' && node.arguments.length <= 2;
      // A project's own sleep helper (`const sleep = require('./sleep')`): named for what it does.
      return origin.source.startsWith('.') && SLEEP_NAME.test(callee.name);
    }
    let fn: TSESTree.Node | undefined;
    if (def.type === 'FunctionName') fn = def.node;
    else if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
      if (def.parent?.type !== AST_NODE_TYPES.VariableDeclaration || def.parent.kind !== 'const') return false;
      fn = skipWrappers(def.node.init);
    }
    if (fn === undefined || !isFunctionNode(fn)) return false;
    // A sleep, or an async function of this file that cannot reject itself.
    return fn.async
      ? cannotReject(fn, this.sourceCode) || rejectsOnlySynchronously(fn, this.sourceCode)
      : isSleepFunction(fn);
  }
}

/** A function whose only result is a timer promise: `(ms) => new Promise((resolve) => setTimeout(resolve, ms))`. */
function isSleepFunction(fn: FunctionNode): boolean {
  let returned: TSESTree.Node | null | undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned = fn.body;
  else if (fn.body.body.length === 1 && fn.body.body[0]!.type === AST_NODE_TYPES.ReturnStatement)
    returned = fn.body.body[0]!.argument;
  if (!returned) return false;
  const node = skipWrappers(returned);
  return node.type === AST_NODE_TYPES.NewExpression && isSleepPromise(node);
}

/** `new Promise((resolve) => setTimeout(resolve, ms))`: an executor that only arms a timer with `resolve`. */
function isSleepPromise(node: TSESTree.NewExpression): boolean {
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return false;
  const executor = node.arguments[0] && skipWrappers(node.arguments[0]);
  if (!executor || !isFunctionNode(executor) || executor.params.length !== 1) return false;
  const resolve = executor.params[0];
  if (resolve?.type !== AST_NODE_TYPES.Identifier) return false;
  let body: TSESTree.Node | undefined = executor.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    body = only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : undefined;
  }
  if (!body) return false;
  const call = skipWrappers(body);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'setTimeout') return false;
  const first = call.arguments[0] && skipWrappers(call.arguments[0]);
  if (!first) return false;
  if (first.type === AST_NODE_TYPES.Identifier) return first.name === resolve.name;
  // `setTimeout(() => resolve(), ms)`
  if (!isFunctionNode(first) || first.body.type === AST_NODE_TYPES.BlockStatement) return false;
  const inner = skipWrappers(first.body);
  return (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    inner.callee.name === resolve.name
  );
}

function isSafeConstructor(node: TSESTree.NewExpression): boolean {
  const callee = skipWrappers(node.callee);
  return callee.type === AST_NODE_TYPES.Identifier && SAFE_CONSTRUCTORS.has(callee.name);
}

/** The method `this.name` names in the class around `member` (not through nested plain functions). */
function thisClassMethod(member: TSESTree.MemberExpression): FunctionNode | undefined {
  const name = memberName(member);
  if (!name) return undefined;
  for (let node: TSESTree.Node | undefined = member.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (node.type !== AST_NODE_TYPES.ClassBody) continue;
    for (const element of node.body) {
      if (
        (element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) &&
        !element.computed &&
        (element.key.type === AST_NODE_TYPES.Identifier || element.key.type === AST_NODE_TYPES.PrivateIdentifier) &&
        element.key.name === name &&
        element.value &&
        isFunctionNode(element.value)
      ) {
        return element.value;
      }
    }
    return undefined;
  }
  return undefined;
}

/**
 * A promise that can reject only by a synchronous throw of the code it runs (an executor, a `.then` callback):
 * `Promise.resolve()` of nothing or a literal, a resolve-only `new Promise` (see `isResolveOnlyPromise`),
 * `.then(fn)` of such a promise with a synchronous `fn`, a `const` bound to one, or a call of a plain function
 * of this file whose every path returns one (`const pause = () => new Promise((go) => { resume = go; })`).
 */
export function isResolveOnlyPromiseExpression(input: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  if (depth > 8) return false;
  const node = skipWrappers(input);
  if (node.type === AST_NODE_TYPES.NewExpression) return isResolveOnlyPromise(node);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(sourceCode, node);
    const def = variable?.defs[0];
    if (
      variable?.defs.length !== 1 ||
      def?.type !== 'Variable' ||
      def.node.type !== AST_NODE_TYPES.VariableDeclarator ||
      !def.node.init ||
      def.parent?.type !== AST_NODE_TYPES.VariableDeclaration ||
      def.parent.kind !== 'const'
    )
      return false;
    return isResolveOnlyPromiseExpression(def.node.init, sourceCode, depth + 1);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  let fn: FunctionNode | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) fn = localFunction(callee, sourceCode);
  else if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(callee);
    const object = skipWrappers(callee.object);
    if (name === 'resolve' && object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise') {
      return (
        resolveVariable(sourceCode, object) === undefined &&
        node.arguments.every((argument) => argument.type === AST_NODE_TYPES.Literal)
      );
    }
    if (name === 'then' && node.arguments.length === 1) {
      return (
        isSynchronousCallback(node.arguments[0]!, sourceCode) &&
        isResolveOnlyPromiseExpression(object, sourceCode, depth + 1)
      );
    }
    if (object.type === AST_NODE_TYPES.ThisExpression) fn = thisClassMethod(callee);
  }
  if (!fn || fn.async || fn.generator) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement)
    return isResolveOnlyPromiseExpression(fn.body, sourceCode, depth + 1);
  if (fn.body.body.at(-1)?.type !== AST_NODE_TYPES.ReturnStatement) return false;
  const returned: (TSESTree.Expression | null)[] = [];
  someDescendant(
    fn.body,
    (inner) => {
      if (inner.type === AST_NODE_TYPES.ReturnStatement) returned.push(inner.argument);
      return false;
    },
    true,
  );
  return returned.every(
    (argument) => argument !== null && isResolveOnlyPromiseExpression(argument, sourceCode, depth + 1),
  );
}

/**
 * `#fetch(options?) { let promise = run(); if (!options?.throwOnError) promise = promise.catch(noop); return promise; }`
 * called without `options`: a plain function whose returned variable gets a rejection handler on every path this
 * call takes (unconditionally, or under a test that holds when a parameter this call does not pass is absent).
 */
export function returnsHandledPromiseFor(
  fn: FunctionNode,
  call: TSESTree.CallExpression,
  sourceCode: SourceCode,
): boolean {
  if (fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const statements = fn.body.body;
  const last = statements.at(-1);
  if (last?.type !== AST_NODE_TYPES.ReturnStatement || !last.argument) return false;
  const returned = skipWrappers(last.argument);
  if (returned.type !== AST_NODE_TYPES.Identifier) return false;
  // The statement just before the return attaches the handler; nothing else returns a value.
  const before = statements.at(-2);
  if (!before) return false;
  let assignment: TSESTree.Node | undefined;
  if (before.type === AST_NODE_TYPES.ExpressionStatement) assignment = before.expression;
  else if (before.type === AST_NODE_TYPES.IfStatement && before.alternate === null) {
    if (!holdsWithoutArgument(before.test, fn, call, sourceCode)) return false;
    const consequent = before.consequent;
    const only =
      consequent.type === AST_NODE_TYPES.BlockStatement
        ? consequent.body.length === 1
          ? consequent.body[0]
          : undefined
        : consequent;
    if (only?.type === AST_NODE_TYPES.ExpressionStatement) assignment = only.expression;
  }
  if (
    assignment?.type !== AST_NODE_TYPES.AssignmentExpression ||
    assignment.operator !== '=' ||
    skipWrappers(assignment.left).type !== AST_NODE_TYPES.Identifier ||
    (skipWrappers(assignment.left) as TSESTree.Identifier).name !== returned.name ||
    !isHandledChain(assignment.right, sourceCode)
  )
    return false;
  return !someDescendant(
    fn.body,
    (node) => node.type === AST_NODE_TYPES.ReturnStatement && node !== last && node.argument !== null,
    true,
  );
}

/** `!options`, `!options?.flag` where `options` is a parameter (without default) that `call` does not pass. */
function holdsWithoutArgument(
  test: TSESTree.Expression,
  fn: FunctionNode,
  call: TSESTree.CallExpression,
  sourceCode: SourceCode,
): boolean {
  const node = skipWrappers(test);
  if (node.type !== AST_NODE_TYPES.UnaryExpression || node.operator !== '!') return false;
  let operand = node.argument;
  if (operand.type === AST_NODE_TYPES.ChainExpression) operand = operand.expression;
  let root: TSESTree.Node = operand;
  let optionalOnRoot = true;
  while (root.type === AST_NODE_TYPES.MemberExpression) {
    optionalOnRoot = root.optional;
    root = root.object;
  }
  if (root.type !== AST_NODE_TYPES.Identifier || (root !== operand && !optionalOnRoot)) return false;
  if (call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
  const index = fn.params.findIndex(
    (param) => param.type === AST_NODE_TYPES.Identifier && param.name === (root as TSESTree.Identifier).name,
  );
  if (index < 0 || index < call.arguments.length) return false;
  const variable = resolveVariable(sourceCode, root);
  return variable !== undefined && variable.references.every((reference) => !reference.isWrite());
}

/**
 * `connect() { return new Promise((resolve, reject) => { try { …start… } catch (error) { reject(error); } }); }`:
 * a plain function that returns a promise whose executor does its work and calls `reject` only for its own
 * synchronous errors (see `isResolveOnlyPromise`). Dropping it loses nothing a synchronous call would not. A
 * promise that only waits (a sleep, `new Promise((resolve) => emitter.once('ready', resolve))`) is not one of
 * these: dropping it is a forgotten `await`.
 */
export function returnsPromiseRejectedOnlyBySyncErrors(fn: FunctionNode): boolean {
  if (fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = fn.body.body.at(-1);
  if (last?.type !== AST_NODE_TYPES.ReturnStatement || !last.argument) return false;
  const created = skipWrappers(last.argument);
  if (created.type !== AST_NODE_TYPES.NewExpression || !isResolveOnlyPromise(created)) return false;
  const executor = skipWrappers(created.arguments[0]!) as FunctionNode;
  if (executor.params.length !== 2) return false;
  return !someDescendant(fn.body, (node) => node.type === AST_NODE_TYPES.ReturnStatement && node !== last, true);
}
