import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import {
  calleeName,
  indentFollowingLines,
  isFunctionNode,
  lineIndent,
  memberName,
  resolveVariable,
  skipWrappers,
  someDescendant,
  type FunctionNode,
} from '../util/async/ast.js';
import { addPropertyFix, keyPresence } from '../util/service/objects.js';
import { getChecker, identifierOrigin } from '../util/service/origin.js';

export type MessageId = 'leak' | 'suggestOnce' | 'suggestSignal' | 'suggestFinally' | 'suggestEffectCleanup';
export type Options = [];

/** Why the code around the listener runs again and again. */
type RepeatKind = 'request' | 'iteration' | 'tick' | 'event' | 'call' | 'effect';

interface Repeat {
  kind: RepeatKind;
  /** The function or loop that runs repeatedly. */
  node: TSESTree.Node;
  /** For `event`: the event whose listener this is (`message`). */
  event?: string;
  /** For `call`: a promise executor inside a function (rather than a function named for per-call work). */
  executor?: boolean;
}

const ADD_METHODS: Record<string, string> = {
  on: 'removeListener',
  addListener: 'removeListener',
  prependListener: 'removeListener',
  addEventListener: 'removeEventListener',
};
const ONCE_METHODS: Record<string, string> = {
  on: 'once',
  addListener: 'once',
  prependListener: 'prependOnceListener',
};
const REMOVE_METHODS = new Set(['off', 'removeListener', 'removeEventListener', 'removeAllListeners']);
const TEARDOWN_METHODS = new Set(['destroy', 'close', 'end', 'terminate', 'dispose', 'disconnect', 'unref', 'quit']);
const ROUTE_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'use',
  'head',
  'options',
  'route',
]);
const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find']);
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);
/** Events that fire again and again on one target: a listener registered inside theirs is registered each time. */
const REPEATING_EVENTS = new Set([
  'message',
  'messageCreate',
  'data',
  'request',
  'connection',
  'line',
  'job',
  'task',
  'tick',
  'change',
  'update',
  'upgrade',
  'stream',
  'session',
  'frame',
  'packet',
  'chunk',
  'command',
  'query',
  'interactionCreate',
  'click',
  'input',
  'keydown',
  'keyup',
  'keypress',
  'resize',
  'scroll',
  'mousemove',
  'pointermove',
  'notification',
  'publish',
  'item',
  'record',
  'row',
  'event',
]);
const REQUEST_PARAMS = /^(?:req|request|ctx|context|event|evt|c)$/;
const RESPONSE_PARAMS = /^(?:res|response|reply|h|next)$/;
/** Methods that run once per call, message or request. */
const PER_CALL_NAME =
  /^(?:(?:handle|process|on)(?:Message|Data|Request|Event|Packet|Frame|Chunk|Line|Job|Task|Tick|Update|Change|Connection|Command|Query|Call)|request|send|fetch|query|exec|execute|call|invoke|dispatch|publish|consume|receive|respond|serve|upload|download|each[A-Z]|waitFor|wait$|process$|handle$)/;
function isLoopStatement(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

/** Functions that run once at start-up. */
const START_UP_NAME =
  /^(?:constructor|init|initialize|setup|setUp|start|bootstrap|main|listen|register|install|configure|mount|attach|bind|connect|create|open|boot)/;
/** Connections shared across requests (HTTP keep-alive): `req.socket`, `res.connection`. */
const SHARED_MEMBERS = new Set(['socket', 'connection']);

export default createRule<Options, MessageId>({
  name: 'no-listener-leak',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow listeners added again on every request, iteration or call to a target that outlives it',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      leak: 'Each {{repeat}} adds another listener to `{{target}}` and nothing removes it, so they pile up.',
      suggestOnce: 'Listen once: `{{replacement}}`.',
      suggestSignal: 'Pass `{ signal }` so the listener goes when `signal` aborts.',
      suggestFinally: 'Remove the listener in `finally` with `{{remove}}`.',
      suggestEffectCleanup: 'Return a cleanup that calls `{{remove}}`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const types = getChecker(context);

    function eventName(node: TSESTree.Node | undefined): string | undefined {
      if (!node) return undefined;
      const event = skipWrappers(node);
      if (event.type === AST_NODE_TYPES.Literal && typeof event.value === 'string') return event.value;
      if (event.type === AST_NODE_TYPES.TemplateLiteral && event.expressions.length === 0)
        return event.quasis[0]?.value.cooked ?? undefined;
      return undefined;
    }

    /** The listener registration a function is the callback of: `x.on('message', fn)`. */
    function listenerSlot(fn: FunctionNode): { call: TSESTree.CallExpression; method: string } | undefined {
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== fn) return undefined;
      const method = calleeName(call);
      if (!method) return undefined;
      if (
        method in ADD_METHODS ||
        method === 'once' ||
        method === 'subscribe' ||
        method === 'consume' ||
        method === 'process'
      ) {
        return { call, method };
      }
      return undefined;
    }

    function isRequestHandler(fn: FunctionNode): boolean {
      const params = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : ''));
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as never)) {
        const name = calleeName(parent);
        if (name === 'createServer' || name === 'createSecureServer') return true;
        if (name && ROUTE_METHODS.has(name) && skipWrappers(parent.callee).type === AST_NODE_TYPES.MemberExpression) {
          const first = parent.arguments[0];
          const pathFirst =
            !!first &&
            first !== fn &&
            (first.type === AST_NODE_TYPES.Literal ||
              first.type === AST_NODE_TYPES.TemplateLiteral ||
              first.type === AST_NODE_TYPES.ArrayExpression);
          if (pathFirst || params.length >= 2) return true;
        }
      }
      if (parent?.type === AST_NODE_TYPES.Property && propertyName(parent) === 'handler') return true;
      if (params.length >= 2 && REQUEST_PARAMS.test(params[0]!) && RESPONSE_PARAMS.test(params[1]!)) return true;
      // `export async function GET(request)` (route modules)
      const name = functionName(fn);
      return !!name && /^(?:GET|POST|PUT|PATCH|DELETE|handler)$/.test(name) && params.length >= 1;
    }

    function propertyName(
      node: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
    ): string | undefined {
      if (node.key.type === AST_NODE_TYPES.Identifier || node.key.type === AST_NODE_TYPES.PrivateIdentifier)
        return node.key.name;
      if (node.key.type === AST_NODE_TYPES.Literal && typeof node.key.value === 'string') return node.key.value;
      return undefined;
    }

    function functionName(fn: FunctionNode): string | undefined {
      if (fn.id) return fn.id.name;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
        return parent.id.name;
      if (
        parent?.type === AST_NODE_TYPES.MethodDefinition ||
        parent?.type === AST_NODE_TYPES.Property ||
        parent?.type === AST_NODE_TYPES.PropertyDefinition
      ) {
        return propertyName(parent);
      }
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression)
        return memberName(parent.left);
      return undefined;
    }

    /** The iteration binding names of a loop (`item` of `for (const item of items)`, `i` of `for (let i …)`). */
    function iterationNames(loop: TSESTree.Node): Set<string> {
      const names = new Set<string>();
      const collect = (pattern: TSESTree.Node | null | undefined): void => {
        if (!pattern) return;
        someDescendant(
          pattern,
          (node) => {
            if (node.type === AST_NODE_TYPES.Identifier) names.add(node.name);
            return false;
          },
          true,
          sourceCode.visitorKeys,
        );
      };
      if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement)
        collect(loop.left);
      else if (loop.type === AST_NODE_TYPES.ForStatement) collect(loop.init);
      else if (isFunctionNode(loop)) for (const param of loop.params) collect(param);
      return names;
    }

    /**
     * The innermost code around `call` that runs repeatedly, or undefined when the registration happens once
     * (module top level, a constructor, a start-up function).
     */
    function repeatOf(start: TSESTree.Node): Repeat | undefined {
      let child: TSESTree.Node = start;
      for (let node: TSESTree.Node | undefined = start.parent; node; child = node, node = node.parent) {
        switch (node.type) {
          case AST_NODE_TYPES.ForStatement:
          case AST_NODE_TYPES.ForOfStatement:
          case AST_NODE_TYPES.ForInStatement:
          case AST_NODE_TYPES.WhileStatement:
          case AST_NODE_TYPES.DoWhileStatement:
            if ('body' in node && node.body === child) return { kind: 'iteration', node };
            break;
          case AST_NODE_TYPES.PropertyDefinition:
          case AST_NODE_TYPES.StaticBlock:
            return undefined;
          case AST_NODE_TYPES.ArrowFunctionExpression:
          case AST_NODE_TYPES.FunctionExpression:
          case AST_NODE_TYPES.FunctionDeclaration: {
            const repeat = functionRepeat(node);
            if (repeat === 'once') return undefined;
            if (repeat) return repeat;
            break;
          }
          default:
            break;
        }
      }
      return undefined;
    }

    function functionRepeat(fn: FunctionNode): Repeat | 'once' | undefined {
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') return 'once';
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as never)) {
        const name = calleeName(parent);
        // An interval fires again and again; a one-shot timer runs once per run of the code around it.
        if (name === 'setInterval') return { kind: 'tick', node: fn };
        if (name && EFFECT_HOOKS.has(name) && parent.arguments[0] === fn) return { kind: 'effect', node: fn };
        if (
          name &&
          ITERATION_METHODS.has(name) &&
          parent.arguments[0] === fn &&
          skipWrappers(parent.callee).type === AST_NODE_TYPES.MemberExpression
        ) {
          return { kind: 'iteration', node: fn };
        }
      }
      if (
        parent?.type === AST_NODE_TYPES.NewExpression &&
        parent.arguments[0] === fn &&
        calleeName(parent) === 'Promise'
      ) {
        // A promise made inside a function: each call waits for the event again.
        for (let node: TSESTree.Node | undefined = parent.parent; node; node = node.parent) {
          if (isFunctionNode(node)) {
            const outer = functionRepeat(node);
            if (outer === 'once') return undefined;
            return { kind: 'call', node, executor: true };
          }
        }
        return undefined;
      }
      const slot = listenerSlot(fn);
      if (slot) {
        if (slot.method === 'once') return undefined;
        const event = eventName(slot.call.arguments[0]);
        if (!event || !REPEATING_EVENTS.has(event)) return undefined;
        return { kind: 'event', node: fn, event };
      }
      if (isRequestHandler(fn)) return { kind: 'request', node: fn };
      const name = functionName(fn);
      if (name && START_UP_NAME.test(name)) return 'once';
      if (calledOnceAtLoad(fn)) return 'once';
      if (name && PER_CALL_NAME.test(name)) return { kind: 'call', node: fn };
      return registeredByName(fn);
    }

    /**
     * A function of this file whose only use is one direct call made while the module loads (at its top level, or
     * in an IIFE there, outside any loop): `(function main() { …; exec(script); })();` runs `exec` once per process.
     */
    function calledOnceAtLoad(fn: FunctionNode): boolean {
      let variable: TSESLint.Scope.Variable | undefined;
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) variable = sourceCode.getDeclaredVariables(fn)[0];
      else if (
        fn.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        fn.parent.init === fn &&
        fn.parent.id.type === AST_NODE_TYPES.Identifier
      ) {
        variable = sourceCode.getDeclaredVariables(fn.parent)[0];
      }
      const uses = variable?.references.filter((reference) => !reference.init) ?? [];
      if (uses.length !== 1) return false;
      const call = uses[0]!.identifier.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== uses[0]!.identifier) return false;
      for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
        if (isLoopStatement(node)) return false;
        if (isFunctionNode(node)) {
          const invoked: TSESTree.Node | undefined = node.parent;
          if (invoked?.type !== AST_NODE_TYPES.CallExpression || invoked.callee !== node) return false;
        }
      }
      return true;
    }

    /** A named function handed over elsewhere in the file: `setInterval(tick, 1000)`, `app.get('/x', show)`, `ws.on('message', onMessage)`. */
    function registeredByName(fn: FunctionNode): Repeat | undefined {
      let variable: TSESLint.Scope.Variable | undefined;
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) variable = sourceCode.getDeclaredVariables(fn)[0];
      else if (
        fn.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        fn.parent.id.type === AST_NODE_TYPES.Identifier
      ) {
        variable = sourceCode.getDeclaredVariables(fn.parent)[0];
      }
      for (const reference of variable?.references ?? []) {
        const call = reference.identifier.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(reference.identifier as never))
          continue;
        const name = calleeName(call);
        if (!name) continue;
        if (name === 'setInterval' && call.arguments[0] === reference.identifier) return { kind: 'tick', node: fn };
        if (
          name === 'createServer' ||
          (ROUTE_METHODS.has(name) && call.arguments.length >= 2 && call.arguments[0]?.type === AST_NODE_TYPES.Literal)
        ) {
          return { kind: 'request', node: fn };
        }
        if ((name in ADD_METHODS || name === 'subscribe') && call.arguments[1] === reference.identifier) {
          const event = eventName(call.arguments[0]);
          if (event && REPEATING_EVENTS.has(event)) return { kind: 'event', node: fn, event };
        }
      }
      return undefined;
    }

    /** The variable a name refers to and where it is declared. */
    function declarationNode(variable: TSESLint.Scope.Variable): TSESTree.Node | undefined {
      return variable.defs[0]?.name;
    }

    function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
      return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
    }

    /** The function that owns a repeat: itself, or the function (or file) around a loop. */
    function repeatFunction(repeat: Repeat): TSESTree.Node {
      if (isFunctionNode(repeat.node)) return repeat.node;
      for (let node: TSESTree.Node | undefined = repeat.node.parent; node; node = node.parent)
        if (isFunctionNode(node)) return node;
      return sourceCode.ast;
    }

    /** Whether the target outlives one run of the repeated code, so listeners added on it accumulate. */
    function outlives(target: TSESTree.Node, repeat: Repeat, event: string | undefined, depth = 0): boolean {
      const expression = skipWrappers(target);
      if (depth > 3) return false;
      if (expression.type === AST_NODE_TYPES.ThisExpression) return true;
      if (expression.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(expression);
        // `req.socket` outlives the request on a keep-alive connection.
        if (repeat.kind === 'request' && name && SHARED_MEMBERS.has(name)) return true;
        if (expression.computed && !name) return false;
        return outlives(expression.object, repeat, event, depth);
      }
      if (expression.type !== AST_NODE_TYPES.Identifier) return false; // a call result or a new object: fresh, or unknowable
      const variable = resolveVariable(sourceCode, expression);
      // A global: `process`, `window`, or an emitter the environment provides.
      if (!variable || variable.defs.length === 0) return true;
      const origin = identifierOrigin(sourceCode, expression);
      if (origin?.source === 'events') return false;
      const declared = declarationNode(variable);
      if (!declared) return false;
      if (!within(declared, repeat.node)) {
        // Declared outside, but a new object assigned on each run (`current = new Socket()`) is fresh.
        if (
          variable.references.some(
            (reference) => reference.isWrite() && !reference.init && within(reference.identifier, repeat.node),
          )
        )
          return false;
        // A per-call function's caller may itself run once per object: only module-level targets surely outlive it.
        return repeat.kind !== 'call' || variable.scope.block.type === AST_NODE_TYPES.Program;
      }
      const def = variable.defs[0]!;
      // A caller's signal: one `AbortSignal` may serve many calls (a shutdown signal, a request-wide signal).
      if (def.type === 'Parameter' && (event === 'abort' || /signal$/i.test(expression.name)) && repeat.kind === 'call')
        return true;
      if (def.type === 'Variable' && def.node.init) {
        const init = skipWrappers(def.node.init);
        // `const socket = this.socket`, `const { signal } = options`, `const bus = getBus()` stay what they were.
        if (
          init.type === AST_NODE_TYPES.ThisExpression ||
          init.type === AST_NODE_TYPES.MemberExpression ||
          init.type === AST_NODE_TYPES.Identifier
        ) {
          if (def.node.id.type === AST_NODE_TYPES.ObjectPattern && init.type === AST_NODE_TYPES.Identifier) {
            const source = resolveVariable(sourceCode, init);
            if (
              source?.defs[0]?.type === 'Parameter' &&
              (event === 'abort' || /signal$/i.test(expression.name)) &&
              repeat.kind === 'call'
            )
              return true;
          }
          return outlives(init, repeat, event, depth + 1);
        }
      }
      return false;
    }

    /** Whether the event or the listener is the loop's own item: each iteration registers something different. */
    function variesPerIteration(call: TSESTree.CallExpression, repeat: Repeat): boolean {
      const names = iterationNames(repeat.node);
      // In a loop over a collection, a binding made in the body from the item is per item as well.
      if (
        repeat.node.type === AST_NODE_TYPES.ForOfStatement ||
        repeat.node.type === AST_NODE_TYPES.ForInStatement ||
        isFunctionNode(repeat.node)
      ) {
        const body = isFunctionNode(repeat.node) ? repeat.node.body : repeat.node.body;
        for (const variable of sourceCode.getDeclaredVariables(repeat.node)) names.add(variable.name);
        someDescendant(
          body,
          (node) => {
            if (node.type === AST_NODE_TYPES.VariableDeclaration || node.type === AST_NODE_TYPES.FunctionDeclaration) {
              for (const variable of sourceCode.getDeclaredVariables(node)) names.add(variable.name);
            }
            return false;
          },
          true,
          sourceCode.visitorKeys,
        );
      }
      if (names.size === 0) return false;
      const [event, listener] = call.arguments;
      const mentions = (node: TSESTree.Node | undefined, deep: boolean): boolean =>
        !!node &&
        someDescendant(
          node,
          (inner) =>
            inner.type === AST_NODE_TYPES.Identifier && names.has(inner.name) && (deep || !isFunctionNode(node)),
          false,
          sourceCode.visitorKeys,
        );
      if (mentions(event, true)) return true;
      if (!listener) return false;
      const fn = skipWrappers(listener);
      // A closure over the item of a `for…of` registers one handler per item (a plugin list); a `while` loop does not.
      return isFunctionNode(fn) ? mentions(fn, true) : mentions(fn, true);
    }

    /**
     * In a per-call function, an object's own field is shared across calls only when the call talks to it
     * (`this.socket.write(payload)` after `this.socket.on('data', …)`); a method that merely wires up its own
     * stream (`this._stream.on('data', …).on('end', …)`) usually runs once per object.
     */
    function usedPerCall(target: TSESTree.Node, repeat: Repeat): boolean {
      let root = skipWrappers(target);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
      if (root.type !== AST_NODE_TYPES.ThisExpression) return true;
      const text = normalised(target);
      return someDescendant(
        repeat.node,
        (node) => {
          if (node.type !== AST_NODE_TYPES.CallExpression) return false;
          const callee = skipWrappers(node.callee);
          if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
          const method = memberName(callee);
          if (
            !method ||
            method in ADD_METHODS ||
            method === 'once' ||
            REMOVE_METHODS.has(method) ||
            method === 'prependOnceListener'
          )
            return false;
          return normalised(callee.object) === text;
        },
        false,
        sourceCode.visitorKeys,
      );
    }

    /**
     * A registration under a test about the target (`if (!tracked.has(req.socket))`, `if (!socket._meta)`,
     * `if (emitter.listenerCount('x') === 0)`): it happens once per target, not once per run.
     */
    function guardedOnce(call: TSESTree.CallExpression, repeat: Repeat, target: string): boolean {
      for (let node: TSESTree.Node | undefined = call.parent; node && node !== repeat.node; node = node.parent) {
        let test: TSESTree.Node | undefined;
        if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression)
          test = node.test;
        else if (node.type === AST_NODE_TYPES.LogicalExpression) test = node.left;
        if (!test) continue;
        const text = normalised(test);
        if (/listenerCount|listeners\(/.test(text)) return true;
        // A mere presence check (`if (signal)`, `signal != null`, `!signal.aborted`) says nothing about earlier runs.
        const bare = text.replace(/^!+/, '').replace(/^\((.*)\)$/, '$1');
        const escaped = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (
          new RegExp(
            `^(?:typeof)?${escaped}(?:\\.aborted)?(?:[!=]==?(?:null|undefined|'undefined'|"undefined"))?$`,
          ).test(bare)
        )
          continue;
        if (text.includes(target)) return true;
      }
      return false;
    }

    function normalised(node: TSESTree.Node): string {
      return sourceCode.getText(node).replace(/\s+/g, '').replace(/\?\./g, '.');
    }

    /** A removal of this listener (or of all listeners, or the target's teardown) within `scope`. */
    /** Every call in the file that removes listeners or tears a target down, collected once. */
    let removalIndex: TSESTree.CallExpression[] | undefined;
    function removals(): TSESTree.CallExpression[] {
      if (removalIndex) return removalIndex;
      const found: TSESTree.CallExpression[] = [];
      someDescendant(
        sourceCode.ast,
        (node) => {
          if (node.type === AST_NODE_TYPES.CallExpression) {
            const name = calleeName(node);
            if (name && (REMOVE_METHODS.has(name) || TEARDOWN_METHODS.has(name))) found.push(node);
          }
          return false;
        },
        false,
        sourceCode.visitorKeys,
      );
      removalIndex = found;
      return found;
    }

    /** A removal of this listener (or of all listeners, or the target's teardown) within `scope`. */
    function removedIn(
      scope: TSESTree.Node,
      target: string,
      event: TSESTree.Node | undefined,
      listener: TSESTree.Node,
    ): boolean {
      const listenerText = isFunctionNode(skipWrappers(listener)) ? undefined : normalised(listener);
      const eventText = event ? normalised(event) : undefined;
      return removals().some((node) => {
        if (!within(node, scope)) return false;
        const callee = skipWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = memberName(callee);
        if (!method) return false;
        const receiver = normalised(callee.object);
        if (method === 'removeAllListeners' && receiver === target) return true;
        if (
          TEARDOWN_METHODS.has(method) &&
          (receiver === target || node.arguments.some((arg) => normalised(arg) === target))
        )
          return true;
        if (!REMOVE_METHODS.has(method)) return false;
        const [removedEvent, removedListener] = node.arguments;
        if (listenerText !== undefined && removedListener && normalised(removedListener) === listenerText) return true;
        return (
          receiver === target &&
          (!removedListener || (listenerText === undefined && !!removedEvent && normalised(removedEvent) === eventText))
        );
      });
    }

    /** A named listener whose variable is handed to a removal anywhere in the file (a `dispose()`, a self-removing handler). */
    function listenerRemovedAnywhere(listener: TSESTree.Node): boolean {
      const expression = skipWrappers(listener);
      if (expression.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(sourceCode, expression);
        return !!variable?.references.some((reference) => {
          const parent = reference.identifier.parent;
          return (
            parent?.type === AST_NODE_TYPES.CallExpression &&
            REMOVE_METHODS.has(calleeName(parent) ?? '') &&
            parent.arguments.includes(reference.identifier as never)
          );
        });
      }
      if (expression.type === AST_NODE_TYPES.MemberExpression) {
        const text = normalised(expression);
        return removals().some(
          (node) =>
            REMOVE_METHODS.has(calleeName(node) ?? '') && node.arguments.some((arg) => normalised(arg) === text),
        );
      }
      return false;
    }

    /** The add call's result kept (`const off = bus.on(…)`, `return emitter.on(…)`): its owner removes it. */
    function resultKept(call: TSESTree.CallExpression): boolean {
      let node: TSESTree.Node = call;
      while (
        node.parent &&
        (node.parent.type === AST_NODE_TYPES.TSAsExpression ||
          node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          node.parent.type === AST_NODE_TYPES.ChainExpression)
      ) {
        node = node.parent;
      }
      const parent = node.parent;
      if (!parent || parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return false; // chained `.on(…).on(…)`
      if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) {
        // `() => bus.on(…)` as a promise executor or timer callback discards it; elsewhere the arrow returns it.
        return functionRepeat(parent) === undefined && !(parent.parent?.type === AST_NODE_TYPES.NewExpression);
      }
      if (parent.type === AST_NODE_TYPES.SequenceExpression || parent.type === AST_NODE_TYPES.AwaitExpression)
        return false;
      return true;
    }

    /** With types, a receiver that has no way to remove listeners is not an event emitter (a router's `on(method, …)`). */
    function notAnEmitter(target: TSESTree.Node): boolean {
      if (!types) return false;
      return (
        types.ask(target, () => {
          const tsNode = types.tsNode(target);
          if (!tsNode) return false;
          const type = types.checker.getTypeAtLocation(tsNode);
          if (type.flags & 3) return false; // any, unknown
          const apparent = types.checker.getApparentType(type);
          const members = ['off', 'removeListener', 'removeEventListener', 'removeAllListeners'];
          if (apparent.isUnion()) return false;
          return !members.some((member) => apparent.getProperty(member));
        }) ?? false
      );
    }

    function repeatWords(repeat: Repeat): string {
      switch (repeat.kind) {
        case 'request':
          return 'request';
        case 'iteration':
          return 'loop iteration';
        case 'tick':
          return 'timer tick';
        case 'event':
          return `\`${repeat.event}\` event`;
        case 'call':
          return 'call';
        case 'effect':
          return 'effect run';
      }
    }

    function signalInScope(call: TSESTree.CallExpression, target: string): boolean {
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(call); scope; scope = scope.upper) {
        const variable = scope.set.get('signal');
        if (variable) return target !== 'signal' && scope.type !== 'global' && scope.type !== 'module';
      }
      return false;
    }

    function suggestions(
      call: TSESTree.CallExpression,
      method: string,
      target: string,
      repeat: Repeat,
    ): TSESLint.ReportSuggestionArray<MessageId> {
      const result: TSESLint.ReportSuggestionArray<MessageId> = [];
      const cleanup = repeat.kind === 'effect' ? effectCleanupSuggestion(call, method, repeat.node) : undefined;
      if (cleanup) return [cleanup];
      const callee = skipWrappers(call.callee) as TSESTree.MemberExpression;
      const [, listener, options] = call.arguments;
      if (method === 'addEventListener') {
        const optionsNode = options && skipWrappers(options);
        if (!options) {
          result.push({
            messageId: 'suggestOnce',
            data: { replacement: '{ once: true }' },
            fix: (fixer) => fixer.insertTextAfter(listener!, ', { once: true }'),
          });
          if (signalInScope(call, target))
            result.push({
              messageId: 'suggestSignal',
              fix: (fixer) => fixer.insertTextAfter(listener!, ', { signal }'),
            });
        } else if (optionsNode?.type === AST_NODE_TYPES.ObjectExpression) {
          result.push({
            messageId: 'suggestOnce',
            data: { replacement: '{ once: true }' },
            fix: (fixer) => addPropertyFix(sourceCode, fixer, optionsNode, 'once: true'),
          });
          if (signalInScope(call, target))
            result.push({
              messageId: 'suggestSignal',
              fix: (fixer) => addPropertyFix(sourceCode, fixer, optionsNode, 'signal'),
            });
        } else if (optionsNode?.type === AST_NODE_TYPES.Literal && typeof optionsNode.value === 'boolean') {
          const capture = optionsNode.value ? 'capture: true, ' : '';
          result.push({
            messageId: 'suggestOnce',
            data: { replacement: '{ once: true }' },
            fix: (fixer) => fixer.replaceText(optionsNode, `{ ${capture}once: true }`),
          });
        }
      } else if (ONCE_METHODS[method] && callee.property.type === AST_NODE_TYPES.Identifier) {
        const once = ONCE_METHODS[method];
        const property = callee.property;
        result.push({
          messageId: 'suggestOnce',
          data: { replacement: `${target}.${once}(…)` },
          fix: (fixer) => fixer.replaceText(property, once),
        });
      }
      const finallyFix = finallySuggestion(call, method);
      if (finallyFix) result.push(finallyFix);
      return result;
    }

    /** The text that removes a named listener: `target.removeListener(event, listener)` (with the capture flag it was added with). */
    function removalText(call: TSESTree.CallExpression, method: string): string | undefined {
      const [event, listener, options] = call.arguments;
      if (!event || !listener) return undefined;
      const named = skipWrappers(listener);
      if (named.type !== AST_NODE_TYPES.Identifier && named.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const optionsNode = options && skipWrappers(options);
      let capture = '';
      if (optionsNode?.type === AST_NODE_TYPES.Literal) capture = `, ${sourceCode.getText(optionsNode)}`;
      else if (
        optionsNode?.type === AST_NODE_TYPES.ObjectExpression &&
        keyPresence(sourceCode, optionsNode, new Set(['capture'])) !== 'absent'
      )
        return undefined;
      const object = (skipWrappers(call.callee) as TSESTree.MemberExpression).object;
      return `${sourceCode.getText(object)}.${ADD_METHODS[method]!}(${sourceCode.getText(event)}, ${sourceCode.getText(listener)}${capture})`;
    }

    /** A React effect without a cleanup: return one that removes the (named) listener. */
    function effectCleanupSuggestion(
      call: TSESTree.CallExpression,
      method: string,
      effect: TSESTree.Node,
    ): TSESLint.ReportSuggestionArray<MessageId>[number] | undefined {
      if (!isFunctionNode(effect) || effect.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
      if (effect.body.body.some((statement) => statement.type === AST_NODE_TYPES.ReturnStatement)) return undefined;
      const remove = removalText(call, method);
      const last = effect.body.body.at(-1);
      if (!remove || !last) return undefined;
      const indent = lineIndent(sourceCode, last);
      return {
        messageId: 'suggestEffectCleanup',
        data: { remove },
        fix: (fixer) => fixer.insertTextAfter(last, `\n${indent}return () => ${remove};`),
      };
    }

    /** In an async function, run what follows the registration in `try` and remove the (named) listener in `finally`. */
    function finallySuggestion(
      call: TSESTree.CallExpression,
      method: string,
    ): TSESLint.ReportSuggestionArray<MessageId>[number] | undefined {
      const statement = call.parent;
      if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
      const block = statement.parent;
      if (block?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
      const fn = block.parent;
      if (!isFunctionNode(fn) || !fn.async) return undefined;
      const remove = removalText(call, method);
      if (!remove) return undefined;
      const index = block.body.indexOf(statement);
      const rest = block.body.slice(index + 1);
      const first = rest[0];
      const last = rest.at(-1);
      if (!first || !last) return undefined;
      const indent = lineIndent(sourceCode, statement);
      const body = indentFollowingLines(sourceCode.text.slice(first.range[0], last.range[1]), '  ');
      return {
        messageId: 'suggestFinally',
        data: { remove },
        fix: (fixer) =>
          fixer.replaceTextRange(
            [first.range[0], last.range[1]],
            `try {\n${indent}  ${body}\n${indent}} finally {\n${indent}  ${remove};\n${indent}}`,
          ),
      };
    }

    /**
     * `signal.addEventListener('abort', …)` on a parameter: every call of the function adds one to the caller's
     * signal, which may serve many calls (the classic `MaxListenersExceededWarning`).
     */
    function signalParameterCall(target: TSESTree.Node, event: string | undefined): Repeat | undefined {
      if (event !== 'abort') return undefined;
      let root = target;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
      if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = resolveVariable(sourceCode, root);
      let def = variable?.defs[0];
      if (def?.type === 'Variable' && def.node.init && def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
        const init = skipWrappers(def.node.init);
        def = init.type === AST_NODE_TYPES.Identifier ? resolveVariable(sourceCode, init)?.defs[0] : undefined;
      }
      if (def?.type !== 'Parameter' || !isFunctionNode(def.node)) return undefined;
      const fn = def.node;
      if (functionRepeat(fn) === 'once') return undefined;
      return { kind: 'call', node: fn };
    }

    function check(call: TSESTree.CallExpression): void {
      const callee = skipWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const method = memberName(callee);
      if (!method || !(method in ADD_METHODS)) return;
      const args = call.arguments;
      const [event, listener, options] = args;
      if (!event || !listener || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return;
      // EventEmitter's `on(event, listener)`; three arguments is another API (`router.on('GET', path, handler)`).
      if (method !== 'addEventListener' && args.length !== 2) return;
      if (method === 'addEventListener' && args.length > 3) return;
      const listenerNode = skipWrappers(listener);
      if (listenerNode.type === AST_NODE_TYPES.Literal || listenerNode.type === AST_NODE_TYPES.ObjectExpression) return;
      const targetNode = skipWrappers(callee.object);
      // `events.on(emitter, name)` is an async iterator, not a registration.
      if (
        targetNode.type === AST_NODE_TYPES.Identifier &&
        (targetNode.name === 'EventEmitter' || targetNode.name === 'events')
      )
        return;
      if (options) {
        const optionsNode = skipWrappers(options);
        if (
          optionsNode.type !== AST_NODE_TYPES.Literal &&
          keyPresence(sourceCode, optionsNode, new Set(['once', 'signal'])) !== 'absent'
        )
          return;
      }
      if (resultKept(call)) return;
      const eventText = eventName(event);
      let repeat = repeatOf(call) ?? signalParameterCall(targetNode, eventText);
      // A loop over a collection that registers each item's own handler is a set of registrations; it leaks
      // only when the whole loop runs again (inside a handler, a timer, a per-call function).
      while (repeat?.kind === 'iteration' && variesPerIteration(call, repeat)) repeat = repeatOf(repeat.node);
      if (!repeat) return;
      if (!outlives(targetNode, repeat, eventText)) return;
      if (
        targetNode.type === AST_NODE_TYPES.Identifier &&
        identifierOrigin(sourceCode, targetNode)?.source === 'events'
      )
        return;
      if (guardedOnce(call, repeat, normalised(targetNode))) return;
      if (repeat.executor && !usedPerCall(targetNode, repeat)) return;
      const target = normalised(targetNode);
      if (removedIn(repeatFunction(repeat), target, event, listener)) return;
      if (listenerRemovedAnywhere(listener)) return;
      if (notAnEmitter(targetNode)) return;
      context.report({
        node: call,
        messageId: 'leak',
        data: { repeat: repeatWords(repeat), target: sourceCode.getText(targetNode) },
        suggest: suggestions(call, method, sourceCode.getText(targetNode), repeat),
      });
    }

    return {
      'CallExpression[callee.type="MemberExpression"]': check,
    };
  },
});
