import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';

type MessageIds =
  | 'nextTwice'
  | 'nextAfterResponse'
  | 'responseAfterNext'
  | 'nextInCallbackToo'
  | 'koaNextNotAwaited'
  | 'handlerHangs'
  | 'suggestReturn'
  | 'suggestAwait'
  | 'suggestReturnNext';

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
type CodePath = TSESLint.CodePath;
type Segment = TSESLint.CodePathSegment;

/** Methods of an Express/Connect router or application that register a handler. */
const REGISTER_METHODS = new Set(['use', 'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head']);
/** Response methods that send the response (or start sending it). */
const RESPOND_METHODS = new Set([
  'send',
  'json',
  'jsonp',
  'end',
  'render',
  'redirect',
  'sendStatus',
  'sendFile',
  'sendfile',
  'download',
  'format',
]);
/** Response members that neither send nor hand the response to anyone: setters and readers. */
const QUIET_MEMBERS = new Set([
  'status',
  'set',
  'header',
  'setHeader',
  'type',
  'contentType',
  'cookie',
  'clearCookie',
  'append',
  'vary',
  'location',
  'links',
  'attachment',
  'locals',
  'statusCode',
  'statusMessage',
  'headersSent',
  'getHeader',
  'get',
  'hasHeader',
  'removeHeader',
]);

type Role = 'res' | 'next';
type HandlerKind = 'express' | 'koa' | 'route';

interface Handler {
  fn: FunctionNode;
  kind: HandlerKind;
  /** Whether the handler is clearly one: registered, exported, returned by a factory, or conventionally named. */
  certain: boolean;
  nextName: string;
  /** Fastify's `(request, reply)` naming. */
  replyStyle?: boolean;
}

/** What a node does to the request when it runs, found once per handler from its parameters' references. */
type Effect =
  | { type: 'next'; handler: Handler; node: TSESTree.CallExpression }
  | { type: 'route'; handler: Handler }
  | { type: 'respond'; handler: Handler; node: TSESTree.CallExpression }
  | { type: 'handover'; handler: Handler };

/** Per-path facts at the end of a segment: the first call that passed the request on, responded, or was deferred. */
interface PathState {
  next?: TSESTree.Node;
  respond?: TSESTree.Node;
  deferred?: TSESTree.Node;
  handed: boolean;
  endLine?: number;
}

interface PathContext {
  codePath: CodePath;
  fn: TSESTree.Node;
  handler?: Handler;
  /** A handler or a function inside one: only those paths are followed. */
  tracked: boolean;
  current: Set<Segment>;
  states: Map<string, PathState>;
}

function isFunction(node: TSESTree.Node | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string')
    return member.property.value;
  return undefined;
}

/** `app.get('/x', fn)`, `router.use(fn)`, `app.route('/x').post(fn)`: the call registering `arg`, one wrapper deep. */
function isRegistrationArgument(node: TSESTree.Node): boolean {
  let arg: TSESTree.Node = node;
  for (let depth = 0; depth < 2; depth += 1) {
    const parent = arg.parent;
    if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
      arg = parent;
      continue;
    }
    if (
      parent?.type !== AST_NODE_TYPES.CallExpression ||
      !parent.arguments.includes(arg as TSESTree.CallExpressionArgument)
    )
      return false;
    const callee = parent.callee;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(callee);
      const onPromise = callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise';
      return name !== undefined && REGISTER_METHODS.has(name) && !onPromise;
    }
    // a wrapper such as asyncHandler(fn) given to a registration
    arg = parent;
  }
  return false;
}

/** `export …`, `module.exports = …`, `exports.x = …`, a property of an exported object, or returned by a factory. */
function isExportedOrReturned(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ReturnStatement:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === node;
    case AST_NODE_TYPES.AssignmentExpression: {
      const left = parent.left;
      if (left.type !== AST_NODE_TYPES.MemberExpression) return false;
      const root = left.object;
      return (
        (root.type === AST_NODE_TYPES.Identifier && (root.name === 'exports' || root.name === 'module')) ||
        (root.type === AST_NODE_TYPES.MemberExpression &&
          root.object.type === AST_NODE_TYPES.Identifier &&
          root.object.name === 'module')
      );
    }
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
    case AST_NODE_TYPES.Property:
      return parent.parent.type === AST_NODE_TYPES.ObjectExpression && isExportedOrReturned(parent.parent);
    default:
      return false;
  }
}

export default createRule<[], MessageIds>({
  name: 'no-middleware-next-misuse',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow Express, Connect and Koa middleware that calls next() twice, after a response, without await, or never',
      recommended: 'strict',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      nextTwice: '`{{name}}()` can run a second time on this path; the first call is on line {{line}}.',
      nextAfterResponse: '`{{name}}()` runs after the response sent on line {{line}}; a later handler responds again.',
      responseAfterNext: 'This response runs after `{{name}}()` on line {{line}} already passed the request on.',
      nextInCallbackToo: '`{{name}}` is called on this path and again in the callback on line {{line}}.',
      koaNextNotAwaited:
        "Koa's `{{name}}()` is neither awaited nor returned; downstream errors escape this middleware.",
      handlerHangs: 'A path through this handler ends at line {{line}} with no response, next() or throw: it hangs.',
      suggestReturn: 'Return at the call on line {{line}}, so the path stops there.',
      suggestAwait: 'Await `{{name}}()`.',
      suggestReturnNext: 'Return `{{name}}()`.',
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    /** Effects keyed by the node where they happen: a call (on exit) or an identifier (on enter). */
    const effects = new Map<TSESTree.Node, Effect>();
    /** Functions nested in a handler that touch its response or `next`, with the first `next()` call in them. */
    const touching = new Map<TSESTree.Node, TSESTree.CallExpression | null>();
    const stack: PathContext[] = [];
    const reported = new Set<TSESTree.Node>();
    /** The path facts where each try block starts, for its catch block. */
    const tryEntry = new Map<TSESTree.Node, PathState>();

    function classifyHandler(fn: FunctionNode): Handler | undefined {
      if (fn.generator) return undefined;
      const params = fn.params;
      const last = params[params.length - 1];
      const lastName = last?.type === AST_NODE_TYPES.Identifier ? last.name : undefined;
      // The shapes below need two to four parameters, the last one named (`next`, or the response of a route
      // handler of two): most functions are ruled out before their uses are looked up.
      if (params.length < 2 || params.length > 4 || lastName === undefined) return undefined;
      if (params.length === 2 && lastName !== 'next' && !/^(res|response|reply)$/.test(lastName)) return undefined;
      const byName = usesByName(fn);
      const registered = isRegistrationArgument(fn) || byName.registered;
      const exported = isExportedOrReturned(fn) || byName.exported;
      if (params.length === 3 || params.length === 4) {
        const res = params[params.length - 2];
        if (res?.type !== AST_NODE_TYPES.Identifier || lastName === undefined) return undefined;
        // Without a parameter named `next`, the response must be named as one: `(path, flags, info)` handed to
        // `listeners.add(…)` is a plain callback. `(err, res, body)` is an HTTP client's completion callback.
        if (lastName !== 'next' && !/^(res|response|resp|reply)$/.test(res.name)) return undefined;
        const first = params[0];
        if (params.length === 3 && first?.type === AST_NODE_TYPES.Identifier && /^(err|error)$/.test(first.name))
          return undefined;
        const conventional = lastName === 'next' && /^(res|response)$/.test(res.name);
        if (!registered && !conventional && !(exported && lastName === 'next')) return undefined;
        if (params.length === 4 && lastName !== 'next' && !registered) return undefined;
        return { fn, kind: 'express', certain: registered || exported || conventional, nextName: lastName };
      }
      if (params.length === 2 && lastName !== undefined) {
        const first = params[0];
        const firstName = first?.type === AST_NODE_TYPES.Identifier ? first.name : undefined;
        if (lastName === 'next' && (registered || firstName === 'ctx' || firstName === 'context')) {
          return { fn, kind: 'koa', certain: true, nextName: lastName };
        }
        if (registered && isRouteRegistration(fn) && /^(res|response|reply)$/.test(lastName) && firstName !== 'ctx') {
          return { fn, kind: 'route', certain: true, nextName: '', replyStyle: lastName === 'reply' };
        }
      }
      return undefined;
    }

    /** A route registration: a path string, template or pattern first, the handler after it. */
    function isRouteRegistration(fn: FunctionNode): boolean {
      let node: TSESTree.Node = fn;
      while (node.parent?.type === AST_NODE_TYPES.ArrayExpression) node = node.parent;
      const call = node.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) {
        return false;
      }
      const name = propertyName(call.callee);
      if (name === 'use') return false;
      if (call.callee.object.type === AST_NODE_TYPES.CallExpression) return true; // app.route('/x').get(fn)
      const first = call.arguments[0];
      return (
        first !== node &&
        (first?.type === AST_NODE_TYPES.TemplateLiteral ||
          (first?.type === AST_NODE_TYPES.Literal && (typeof first.value === 'string' || 'regex' in first)))
      );
    }

    /** `function auth(req, res, next) {}` or `const auth = (…) => {}`, given later to `app.use(auth)`, or exported by name. */
    function usesByName(fn: FunctionNode): { registered: boolean; exported: boolean } {
      const uses = { registered: false, exported: false };
      let declared: TSESTree.Node | undefined;
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration) declared = fn;
      else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn) declared = fn.parent;
      if (!declared) return uses;
      for (const variable of sourceCode.getDeclaredVariables(declared)) {
        // a function declaration also declares its parameters: only its own name counts
        if (!variable.defs.some((def) => def.type === 'FunctionName' || def.type === 'Variable')) continue;
        for (const reference of variable.references) {
          const id = reference.identifier;
          if (isRegistrationArgument(id)) uses.registered = true;
          else if (id.parent?.type === AST_NODE_TYPES.ExportSpecifier || isExportedOrReturned(id)) uses.exported = true;
        }
      }
      return uses;
    }

    /** Walks every reference to the handler's response and `next` once, and records what each one does. */
    function collectEffects(handler: Handler): void {
      const fn = handler.fn;
      const params = fn.params;
      const roles = new Map<TSESTree.Node, Role>();
      if (handler.kind === 'koa') roles.set(params[1]!, 'next');
      else if (handler.kind === 'route') roles.set(params[1]!, 'res');
      else {
        roles.set(params[params.length - 1]!, 'next');
        roles.set(params[params.length - 2]!, 'res');
      }
      for (const variable of sourceCode.getDeclaredVariables(fn)) {
        const role = variable.defs.map((def) => roles.get(def.name)).find((r) => r !== undefined);
        if (!role) continue;
        for (const reference of variable.references) {
          const id = reference.identifier as TSESTree.Identifier;
          const effect = role === 'next' ? nextEffect(handler, id) : responseEffect(handler, id);
          if (!effect) continue;
          const at = effect.type === 'next' || effect.type === 'respond' ? effect.node : id;
          effects.set(at, effect);
          // every function between the reference and the handler hands the request over when it is made
          for (let node: TSESTree.Node | undefined = id.parent; node && node !== fn; node = node.parent) {
            if (!isFunction(node)) continue;
            const first = touching.get(node);
            touching.set(node, first ?? (effect.type === 'next' ? effect.node : null));
          }
        }
      }
    }

    function nextEffect(handler: Handler, id: TSESTree.Identifier): Effect {
      const parent = id.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === id) {
        const arg = parent.arguments[0];
        if (arg?.type === AST_NODE_TYPES.Literal && (arg.value === 'route' || arg.value === 'router'))
          return { type: 'route', handler };
        return { type: 'next', handler, node: parent };
      }
      return { type: 'handover', handler };
    }

    function responseEffect(handler: Handler, id: TSESTree.Identifier): Effect | undefined {
      let node: TSESTree.Node = id;
      for (;;) {
        const member: TSESTree.Node | undefined = node.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) break;
        const name = propertyName(member);
        if (name === undefined) return { type: 'handover', handler };
        const call: TSESTree.Node = member.parent;
        const isCall = call.type === AST_NODE_TYPES.CallExpression && call.callee === member;
        if (RESPOND_METHODS.has(name) && isCall) {
          // render with a callback hands the HTML to the callback instead of sending it
          if (name === 'render' && call.arguments.some((arg: TSESTree.Node) => isFunction(arg)))
            return { type: 'handover', handler };
          return { type: 'respond', handler, node: call };
        }
        if (!QUIET_MEMBERS.has(name)) return { type: 'handover', handler };
        if (!isCall) {
          // `res.statusCode = 404`, `res.locals.user = user`: nothing is sent
          return undefined;
        }
        node = call;
      }
      return node === id ? { type: 'handover', handler } : undefined;
    }

    function currentStates(ctx: PathContext): PathState[] {
      const states: PathState[] = [];
      for (const segment of ctx.current) {
        if (!segment.reachable) continue;
        const state = ctx.states.get(segment.id);
        if (state) states.push(state);
      }
      return states;
    }

    function line(node: TSESTree.Node): string {
      return String(node.loc.start.line);
    }

    function returnSuggestion(first: TSESTree.Node, ctx: PathContext): TSESLint.ReportSuggestionArray<MessageIds> {
      const statement = first.parent;
      if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return [];
      // only a statement of this function: a return inside a callback would leave the callback only
      let owner: TSESTree.Node | undefined = statement.parent;
      while (owner && !isFunction(owner)) owner = owner.parent;
      if (owner !== ctx.fn) return [];
      return [
        {
          messageId: 'suggestReturn',
          data: { line: line(first) },
          fix: (fixer) => fixer.insertTextBefore(statement, 'return '),
        },
      ];
    }

    function report(
      node: TSESTree.Node,
      messageId: MessageIds,
      data: Record<string, string>,
      suggest: TSESLint.ReportSuggestionArray<MessageIds> = [],
    ): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data, suggest });
    }

    function apply(ctx: PathContext, effect: Effect, at: TSESTree.Node): void {
      const name = effect.handler.nextName;
      for (const state of currentStates(ctx)) {
        switch (effect.type) {
          case 'next':
            if (state.next)
              report(at, 'nextTwice', { name, line: line(state.next) }, returnSuggestion(state.next, ctx));
            else if (state.respond)
              report(
                at,
                'nextAfterResponse',
                { name, line: line(state.respond) },
                returnSuggestion(state.respond, ctx),
              );
            else if (state.deferred) report(at, 'nextInCallbackToo', { name, line: line(state.deferred) });
            state.next ??= at;
            break;
          case 'respond':
            if (state.next)
              report(at, 'responseAfterNext', { name, line: line(state.next) }, returnSuggestion(state.next, ctx));
            state.respond ??= at;
            break;
          default:
            break;
        }
        state.handed = true;
      }
    }

    /** A function made on this path that calls `next` is a callback that will call it later. */
    function applyDeferred(ctx: PathContext, fn: TSESTree.Node, inner: TSESTree.CallExpression | null): void {
      const isCallback =
        fn.parent?.type === AST_NODE_TYPES.CallExpression &&
        fn.parent.arguments.includes(fn as TSESTree.CallExpressionArgument);
      for (const state of currentStates(ctx)) {
        if (inner && isCallback) {
          if (state.next)
            report(inner, 'nextInCallbackToo', {
              name: inner.callee.type === AST_NODE_TYPES.Identifier ? inner.callee.name : 'next',
              line: line(state.next),
            });
          state.deferred ??= inner;
        }
        state.handed = true;
      }
    }

    function checkKoaCall(handler: Handler, call: TSESTree.CallExpression): void {
      let node: TSESTree.Node = call;
      // next().then(…).catch(…) as a statement is as unawaited as next()
      while (
        node.parent?.type === AST_NODE_TYPES.MemberExpression &&
        node.parent.object === node &&
        node.parent.parent.type === AST_NODE_TYPES.CallExpression
      ) {
        node = node.parent.parent;
      }
      const parent = node.parent;
      const statement =
        parent?.type === AST_NODE_TYPES.ExpressionStatement
          ? parent
          : parent?.type === AST_NODE_TYPES.UnaryExpression &&
              parent.operator === 'void' &&
              parent.parent.type === AST_NODE_TYPES.ExpressionStatement
            ? parent.parent
            : undefined;
      if (!statement) return;
      const fn = handler.fn;
      let owner: TSESTree.Node | undefined = statement.parent;
      while (owner && !isFunction(owner)) owner = owner.parent;
      const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
      const name = handler.nextName;
      if (owner === fn && fn.async) {
        suggest.push({
          messageId: 'suggestAwait',
          data: { name },
          fix: (fixer) => fixer.insertTextBefore(call, 'await '),
        });
      }
      if (owner === fn && statement.expression === node) {
        suggest.push({
          messageId: 'suggestReturnNext',
          data: { name },
          fix: (fixer) => fixer.insertTextBefore(statement, 'return '),
        });
      }
      report(call, 'koaNextNotAwaited', { name }, suggest);
    }

    /** `assert.fail(…)`, `t.assert.fail(…)`, `t.fail(…)`: always throws, so the path ends in a throw. */
    function isAssertFail(node: TSESTree.CallExpression): boolean {
      const callee = node.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'fail') return false;
      const object = callee.object;
      const name =
        object.type === AST_NODE_TYPES.Identifier
          ? object.name
          : object.type === AST_NODE_TYPES.MemberExpression
            ? propertyName(object)
            : undefined;
      return name === 'assert' || name === 't';
    }

    function onCall(node: TSESTree.CallExpression): void {
      const stackTop = stack[stack.length - 1];
      if (stackTop?.tracked && isAssertFail(node)) for (const state of currentStates(stackTop)) state.handed = true;
      const effect = effects.get(node);
      const ctx = stack[stack.length - 1];
      if (!effect || !ctx) return;
      if (effect.type === 'next' && effect.handler.kind === 'koa') checkKoaCall(effect.handler, effect.node);
      apply(ctx, effect, node);
    }

    const listener = {
      onCodePathStart(codePath: CodePath, node: TSESTree.Node) {
        const outer = stack[stack.length - 1];
        if (outer && touching.has(node)) applyDeferred(outer, node, touching.get(node) ?? null);
        const handler = isFunction(node) ? classifyHandler(node) : undefined;
        if (handler) collectEffects(handler);
        const tracked = Boolean(handler) || Boolean(outer?.tracked);
        stack.push({ codePath, fn: node, handler, tracked, current: new Set(), states: new Map() });
      },
      onCodePathEnd(codePath: CodePath, node: TSESTree.Node) {
        const ctx = stack.pop();
        const handler = ctx?.handler;
        if (
          !ctx ||
          !handler ||
          handler.kind === 'koa' ||
          !handler.certain ||
          handler.fn.body.type !== AST_NODE_TYPES.BlockStatement
        )
          return;
        // an empty body is a stub (a route registered in a test, a placeholder), not a handler that forgot to answer
        if (handler.fn.body.body.length === 0) return;
        // Fastify awaits an async handler's promise and sends what it resolves to
        if (handler.fn.async && handler.replyStyle) return;
        for (const segment of codePath.returnedSegments) {
          if (!segment.reachable) continue;
          const state = ctx.states.get(segment.id);
          if (!state || state.handed) continue;
          const fn = handler.fn;
          const endLine = state.endLine ?? fn.body.loc.end.line;
          context.report({
            node,
            loc: { start: fn.loc.start, end: fn.body.loc.start },
            messageId: 'handlerHangs',
            data: { line: String(endLine) },
          });
          return;
        }
      },
      onCodePathSegmentStart(segment: Segment, node: TSESTree.Node) {
        const ctx = stack[stack.length - 1];
        if (!ctx?.tracked) return;
        const state: PathState = { handed: false };
        // a catch block starts where the try block threw: take the facts from before the try block
        const atTry = node.type === AST_NODE_TYPES.CatchClause ? tryEntry.get(node.parent) : undefined;
        if (atTry) {
          ctx.states.set(segment.id, { ...atTry });
          ctx.current.add(segment);
          return;
        }
        for (const prev of segment.prevSegments) {
          const before = ctx.states.get(prev.id);
          if (!before || !prev.reachable) continue;
          state.next ??= before.next;
          state.respond ??= before.respond;
          state.deferred ??= before.deferred;
          state.endLine ??= before.endLine;
        }
        // a merged path has handed over only when every reachable path into it has
        const reachablePrev = segment.prevSegments.filter((prev) => prev.reachable && ctx.states.has(prev.id));
        state.handed = reachablePrev.length > 0 && reachablePrev.every((prev) => ctx.states.get(prev.id)!.handed);
        ctx.states.set(segment.id, state);
        ctx.current.add(segment);
      },
      onCodePathSegmentEnd(segment: Segment) {
        stack[stack.length - 1]?.current.delete(segment);
      },
      onUnreachableCodePathSegmentStart(segment: Segment) {
        const ctx = stack[stack.length - 1];
        if (ctx?.tracked) ctx.current.add(segment);
      },
      onUnreachableCodePathSegmentEnd(segment: Segment) {
        stack[stack.length - 1]?.current.delete(segment);
      },
      'CallExpression:exit': onCall,
      TryStatement(node: TSESTree.TryStatement) {
        const ctx = stack[stack.length - 1];
        if (!ctx?.tracked) return;
        const states = currentStates(ctx);
        if (states.length === 0) return;
        tryEntry.set(node, {
          next: states.find((s) => s.next)?.next,
          respond: states.find((s) => s.respond)?.respond,
          deferred: states.find((s) => s.deferred)?.deferred,
          handed: states.every((s) => s.handed),
          endLine: undefined,
        });
      },
      Identifier(node: TSESTree.Identifier) {
        const effect = effects.get(node);
        const ctx = stack[stack.length - 1];
        if (effect && ctx) apply(ctx, effect, node);
      },
      ReturnStatement(node: TSESTree.ReturnStatement) {
        const ctx = stack[stack.length - 1];
        if (!ctx?.handler) return;
        const argument = node.argument;
        const returnsValue =
          argument &&
          !(argument.type === AST_NODE_TYPES.Identifier && argument.name === 'undefined') &&
          !(argument.type === AST_NODE_TYPES.UnaryExpression && argument.operator === 'void');
        for (const state of currentStates(ctx)) {
          if (returnsValue) state.handed = true;
          else state.endLine = node.loc.start.line;
        }
      },
    };
    return listener as unknown as TSESLint.RuleListener;
  },
});
