import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { createRule } from '../util/create-rule.js';
import {
  indentFollowingLines,
  parentSkippingWrappers,
  isFunctionNode,
  isGlobalReference,
  isInAsyncFunction,
  lineIndent,
  memberName,
  operandText,
  resolveVariable,
  skipWrappers,
  someDescendant,
  type FunctionNode,
} from '../util/async/ast.js';
import {
  createPromiseOracle,
  getTypeServices,
  isTestFrameworkCall,
  isThenableType,
  type TypeServices,
} from '../util/async/promise-oracle.js';
import { askChecker } from '../util/checker-guard.js';
import { cannotReject, isResolveOnlyPromiseExpression, rejectsOnlySynchronously } from '../util/async/reject.js';

export type MessageId =
  | 'iteration'
  | 'predicate'
  | 'discardedMap'
  | 'listener'
  | 'route'
  | 'timer'
  | 'executor'
  | 'callback'
  | 'doneCallback'
  | 'suggestForOf'
  | 'suggestPromiseAll'
  | 'suggestTryCatch';
export type Options = [
  {
    /** Method names to treat as event-listener slots in addition to the built-in ones. */
    extraListenerMethods?: string[];
  },
];

type SlotKind =
  | 'iteration'
  | 'predicate'
  | 'discardedMap'
  | 'listener'
  | 'route'
  | 'timer'
  | 'executor'
  | 'callback'
  | 'doneCallback';

const ITERATION_METHODS = new Set(['forEach']);
const PREDICATE_METHODS = new Set([
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'sort',
  'toSorted',
]);
/** A plain (not async) function passed to one of the predicate methods. */
const PREDICATE_CALLBACK_SELECTOR = `CallExpression[callee.property.name=/^(${[...PREDICATE_METHODS].join('|')})$/] > :matches(ArrowFunctionExpression, FunctionExpression)[async=false][generator=false]`;
const MAP_METHODS = new Set(['map', 'flatMap']);
/** Completion-callback parameter names: a function that takes one is run callback-style (Bull/Kue `process`, Passport). */
const DONE_PARAMETER = /^(done|cb|callback)$/;
/**
 * Slots where an async function that can only reject by a synchronous throw (every `await` guarded, or none) loses
 * nothing a synchronous function would not. Routes and completion callbacks are left out: there a synchronous throw
 * of a plain function reaches the framework or the callback, and the async one's does not.
 */
const SYNC_THROW_EXEMPT_SLOTS = new Set<SlotKind>([
  'iteration',
  'discardedMap',
  'listener',
  'timer',
  'callback',
  'executor',
]);
const LISTENER_METHODS = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
  'subscribe',
  'consume',
  'listen',
]);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head']);
const TIMER_FUNCTIONS = new Set([
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'requestIdleCallback',
]);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'global', 'self']);
const LODASH_NAMES = new Set(['_', 'lodash']);
/** Frameworks that await their handlers and listeners: an async function there does not leak. */
const AWAITING_FRAMEWORKS = [
  /^koa$/,
  /^@koa\//,
  /^koa-/,
  /^fastify/,
  /^@fastify\//,
  /^hono/,
  /^telegraf/,
  /^grammy/,
  /^@slack\/bolt/,
  /^@hapi\//,
  /^restify/,
  /^elysia/,
  /^h3$/,
  /^@nestjs\//,
];
const EXPRESS_MODULES = new Set(['express', 'router', 'express-serve-static-core']);

export default createRule<Options, MessageId>({
  name: 'no-async-callback-leak',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow async functions passed to slots that ignore the returned promise and so lose its rejection',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      iteration: "`{{method}}` ignores this async callback's promise: nothing waits, and a rejection is unhandled.",
      predicate: '`{{method}}` gets a promise (always truthy) from this async callback instead of its answer.',
      discardedMap: 'The promises of this async `{{method}}` callback are discarded: a rejection is unhandled.',
      listener: "`{{method}}` ignores this async listener's promise, so a rejection is unhandled.",
      route: "Express 4 ignores this async handler's promise: a rejection never reaches error middleware.",
      timer: "`{{method}}` ignores this async callback's promise, so a rejection is unhandled.",
      executor: 'Async Promise executor: an error after its first `await` is lost and the promise may never settle.',
      callback: "`{{method}}` takes an `(err, …)` callback and ignores this async one's promise.",
      doneCallback: '`{{method}}` runs this async function callback-style: a rejection never calls `{{param}}`.',
      suggestForOf: 'Rewrite as a `for…of` loop that awaits each item in turn.',
      suggestPromiseAll: 'Rewrite as `await Promise.all(….map(async …))` (runs all at once and waits for them).',
      suggestTryCatch: 'Wrap the body in `try/catch` that reports the error.',
    },
    schema: [
      {
        type: 'object',
        properties: { extraListenerMethods: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ extraListenerMethods: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const mayHaveAsyncFunctions = sourceCode.text.includes('async');
    const listenerMethods = options.extraListenerMethods?.length
      ? new Set([...LISTENER_METHODS, ...options.extraListenerMethods])
      : LISTENER_METHODS;
    const oracle = createPromiseOracle(context);
    let moduleFacts: { express: boolean; awaitingFramework: boolean } | undefined;
    let types: TypeServices | null | undefined;

    function typeServices(): TypeServices | null {
      if (types === undefined) types = getTypeServices(context);
      return types;
    }

    /** Which modules the file imports or requires (computed once, on the first candidate). */
    function facts(): { express: boolean; awaitingFramework: boolean } {
      if (moduleFacts) return moduleFacts;
      const sources: string[] = [];
      someDescendant(
        sourceCode.ast,
        (node) => {
          if (node.type === AST_NODE_TYPES.ImportDeclaration) sources.push(String(node.source.value));
          else if (
            node.type === AST_NODE_TYPES.CallExpression &&
            node.callee.type === AST_NODE_TYPES.Identifier &&
            node.callee.name === 'require' &&
            node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
            typeof node.arguments[0].value === 'string'
          ) {
            sources.push(node.arguments[0].value);
          }
          return false;
        },
        false,
        sourceCode.visitorKeys,
      );
      moduleFacts = {
        express: sources.some((source) => EXPRESS_MODULES.has(source)),
        awaitingFramework: sources.some((source) => AWAITING_FRAMEWORKS.some((pattern) => pattern.test(source))),
      };
      return moduleFacts;
    }

    function paramName(fn: FunctionNode, index: number): string | undefined {
      const param = fn.params[index];
      return param?.type === AST_NODE_TYPES.Identifier ? param.name : undefined;
    }

    function looksLikeExpressHandler(fn: FunctionNode | undefined): boolean {
      if (!fn) return false;
      return /^req(uest)?$/.test(paramName(fn, 0) ?? '') && /^res(ponse)?$/.test(paramName(fn, 1) ?? '');
    }

    /** The kind of slot the argument at `index` of `call` is, if it is one that ignores a returned promise. */
    function classifySlot(
      call: TSESTree.CallExpression | TSESTree.NewExpression,
      index: number,
      fn: FunctionNode | undefined,
    ): { kind: SlotKind; method: string } | undefined {
      const slot = classifyKnownSlot(call, index, fn);
      if (slot) return slot;
      // A function that takes a completion callback and calls it is run callback-style, whatever the callee.
      if (fn && doneParameter(fn) && !(call.type === AST_NODE_TYPES.CallExpression && isTestFrameworkCall(call))) {
        const callee = skipWrappers(call.callee);
        const name =
          callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : callee.type === AST_NODE_TYPES.MemberExpression
              ? memberName(callee)
              : undefined;
        if (name && name !== 'then' && name !== 'catch' && name !== 'finally')
          return { kind: 'doneCallback', method: name };
      }
      return undefined;
    }

    function classifyKnownSlot(
      call: TSESTree.CallExpression | TSESTree.NewExpression,
      index: number,
      fn: FunctionNode | undefined,
    ): { kind: SlotKind; method: string } | undefined {
      const callee = skipWrappers(call.callee);
      if (call.type === AST_NODE_TYPES.NewExpression) {
        if (
          callee.type === AST_NODE_TYPES.Identifier &&
          callee.name === 'Promise' &&
          index === 0 &&
          isGlobalReference(sourceCode, callee)
        ) {
          return { kind: 'executor', method: 'Promise' };
        }
        return undefined;
      }
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (TIMER_FUNCTIONS.has(callee.name) && index === 0 && isGlobalReference(sourceCode, callee)) {
          return { kind: 'timer', method: callee.name };
        }
        if (isNodeStyleCallback(call, index, fn)) return { kind: 'callback', method: callee.name };
        return undefined;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      if (!method) return undefined;
      const object = skipWrappers(callee.object);
      const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
      if (objectName === 'Array' && method === 'from' && index === 1 && isDiscarded(call)) {
        return { kind: 'discardedMap', method: 'Array.from' };
      }
      if (objectName && LODASH_NAMES.has(objectName)) {
        if ((method === 'forEach' || method === 'each' || method === 'forEachRight') && index === 1) {
          return { kind: 'iteration', method: `${objectName}.${method}` };
        }
        return undefined;
      }
      if (index === 0 && ITERATION_METHODS.has(method)) return { kind: 'iteration', method };
      if (index === 0 && PREDICATE_METHODS.has(method)) return { kind: 'predicate', method };
      if (index === 0 && MAP_METHODS.has(method) && isDiscarded(call)) return { kind: 'discardedMap', method };
      if (objectName && GLOBAL_OBJECTS.has(objectName) && TIMER_FUNCTIONS.has(method) && index === 0) {
        return { kind: 'timer', method };
      }
      if (objectName === 'process' && method === 'nextTick' && index === 0)
        return { kind: 'timer', method: 'process.nextTick' };
      if (listenerMethods.has(method) && index === call.arguments.length - 1) {
        if (method === 'subscribe' || method === 'consume' || index >= 1) {
          if (facts().awaitingFramework && objectName !== 'process') return undefined;
          return { kind: 'listener', method };
        }
        return undefined;
      }
      if (ROUTE_METHODS.has(method) && index >= (method === 'use' ? 0 : 1) && isRouteReceiver(object)) {
        const { express, awaitingFramework } = facts();
        if (awaitingFramework) return undefined;
        if (express || looksLikeExpressHandler(fn)) return { kind: 'route', method };
      }
      if (method !== 'then' && method !== 'catch' && method !== 'finally' && isNodeStyleCallback(call, index, fn)) {
        return { kind: 'callback', method };
      }
      return undefined;
    }

    /** The last parameter (not the first) when it is named like a completion callback and the body calls it. */
    function doneParameter(fn: FunctionNode): string | undefined {
      if (fn.params.length < 2) return undefined;
      const last = fn.params.at(-1);
      if (last?.type !== AST_NODE_TYPES.Identifier || !DONE_PARAMETER.test(last.name)) return undefined;
      const name = last.name;
      const called = someDescendant(
        fn.body,
        (node) =>
          node.type === AST_NODE_TYPES.CallExpression &&
          node.callee.type === AST_NODE_TYPES.Identifier &&
          node.callee.name === name,
        false,
        sourceCode.visitorKeys,
      );
      return called ? name : undefined;
    }

    /** The last argument, written `(err, …) =>`: a Node-style completion callback, whose return value nobody reads. */
    function isNodeStyleCallback(call: TSESTree.CallExpression, index: number, fn: FunctionNode | undefined): boolean {
      return (
        fn !== undefined &&
        index === call.arguments.length - 1 &&
        index >= 1 &&
        /^err(or)?$/.test(paramName(fn, 0) ?? '')
      );
    }

    function isRouteReceiver(object: TSESTree.Node): boolean {
      if (object.type === AST_NODE_TYPES.Identifier) return true;
      if (object.type === AST_NODE_TYPES.MemberExpression) return true; // this.router, app.route
      if (object.type === AST_NODE_TYPES.CallExpression) {
        const inner = skipWrappers(object.callee);
        return inner.type === AST_NODE_TYPES.MemberExpression && memberName(inner) === 'route';
      }
      return false;
    }

    /**
     * Whether the array of promises a `map` returns is thrown away: a statement (also the right of `&&`/`||`), an
     * `await` of the array itself (which waits for nothing), or the value of a synchronous arrow that `forEach` or
     * a `.then` (not followed by another link) ignores or passes on unawaited.
     */
    function isDiscarded(call: TSESTree.CallExpression): boolean {
      const { child: node, parent } = parentSkippingWrappers(call);
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.ExpressionStatement || parent.type === AST_NODE_TYPES.AwaitExpression)
        return true;
      if (parent.type === AST_NODE_TYPES.LogicalExpression) {
        return parent.right === node && parent.parent.type === AST_NODE_TYPES.ExpressionStatement;
      }
      if (parent.type !== AST_NODE_TYPES.ArrowFunctionExpression || parent.body !== node || parent.async) return false;
      const outer = parent.parent;
      if (outer?.type !== AST_NODE_TYPES.CallExpression || !outer.arguments.includes(parent)) return false;
      const outerCallee = skipWrappers(outer.callee);
      if (outerCallee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const name = memberName(outerCallee);
      if (name === 'forEach') return true;
      if (name !== 'then' && name !== 'finally') return false;
      const next = parentSkippingWrappers(outer).parent;
      return next?.type !== AST_NODE_TYPES.MemberExpression;
    }

    /** With types: does the parameter this function is passed to accept a promise-returning function? */
    /**
     * With types: does the parameter this function is passed to accept a promise-returning function? Read from the
     * callee's declared parameter, not from the contextual type: for a generic callee (`map<U>(fn: (x: T) => U)`)
     * the contextual type is instantiated from this very argument and would always accept a promise. A return type
     * that is a bare type parameter says nothing about what the callee does with the value.
     */
    function slotAcceptsPromise(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): boolean {
      const services = typeServices();
      if (!services) return false;
      return (
        askChecker(context, call, () => {
          const tsCall = services.toTsNode(call) as ts.CallExpression | ts.NewExpression | undefined;
          if (!tsCall) return false;
          const { checker } = services;
          const declaration = checker.getResolvedSignature(tsCall)?.getDeclaration() as
            ts.SignatureDeclaration | undefined;
          const parameters = declaration?.parameters;
          if (!parameters || parameters.length === 0) return false;
          const last = parameters[parameters.length - 1]!;
          const parameter = parameters[index] ?? (last.dotDotDotToken ? last : undefined);
          if (!parameter) return false;
          let type: ts.Type | undefined = checker.getTypeAtLocation(parameter);
          if (parameter.dotDotDotToken) type = type.getNumberIndexType();
          if (!type || type.flags & 1) return false; // any: keep the syntactic verdict
          const parts = type.isUnion() ? type.types : [type];
          return parts.some((part) =>
            part
              .getNonNullableType()
              .getCallSignatures()
              .some((signature) => isThenableType(checker, checker.getReturnTypeOfSignature(signature)) === true),
          );
        }) ?? false
      );
    }

    /** With types: is this function-valued expression (a reference, not a literal) declared to return a thenable? */
    function returnsThenableByType(argument: TSESTree.Node): boolean {
      const services = typeServices();
      if (!services) return false;
      return (
        askChecker(context, argument, () => {
          const tsNode = services.toTsNode(argument);
          if (!tsNode) return false;
          const signatures = services.checker.getTypeAtLocation(tsNode).getCallSignatures();
          return (
            signatures.length > 0 &&
            signatures.every(
              (signature) =>
                isThenableType(services.checker, services.checker.getReturnTypeOfSignature(signature)) === true,
            )
          );
        }) ?? false
      );
    }

    function tryCatchSuggestion(fn: FunctionNode, kind: SlotKind): TSESLint.ReportSuggestionArray<MessageId>[number] {
      const indent = lineIndent(sourceCode, fn);
      let handler = 'console.error(error);';
      const next = paramName(fn, 2);
      const reject = paramName(fn, 1);
      if (kind === 'route' && next && /^next$/.test(next)) handler = `${next}(error);`;
      else if (kind === 'executor' && reject) handler = `${reject}(error);`;
      else if (kind === 'doneCallback') handler = `${(fn.params.at(-1) as TSESTree.Identifier).name}(error);`;
      let tryBody: string;
      if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
        const inner = sourceCode.text.slice(fn.body.range[0] + 1, fn.body.range[1] - 1).replace(/\s+$/, '');
        tryBody = inner.startsWith('\n') ? indentFollowingLines(inner, '  ') : `\n${indent}    ${inner.trim()}`;
      } else {
        const expression = skipWrappers(fn.body);
        const text =
          expression.type === AST_NODE_TYPES.AwaitExpression
            ? sourceCode.getText(fn.body)
            : `await ${operandText(sourceCode, fn.body)}`;
        tryBody = `\n${indent}    ${text};`;
      }
      const replacement = `{\n${indent}  try {${tryBody}\n${indent}  } catch (error) {\n${indent}    ${handler}\n${indent}  }\n${indent}}`;
      const body = fn.body;
      return {
        messageId: 'suggestTryCatch',
        fix: (fixer) => {
          if (body.type === AST_NODE_TYPES.BlockStatement) return fixer.replaceText(body, replacement);
          const start = ASTUtilsRange(body);
          return fixer.replaceTextRange(start, replacement);
        },
      };
    }

    /** The range of an arrow's expression body including one pair of parentheses around it. */
    function ASTUtilsRange(body: TSESTree.Node): [number, number] {
      const before = sourceCode.getTokenBefore(body);
      const after = sourceCode.getTokenAfter(body);
      if (before?.value === '(' && after?.value === ')' && ASTUtils.isParenthesized(body, sourceCode)) {
        return [before.range[0], after.range[1]];
      }
      return body.range;
    }

    function iterationSuggestions(
      call: TSESTree.CallExpression,
      fn: FunctionNode,
    ): TSESLint.ReportSuggestionArray<MessageId> {
      const suggestions: TSESLint.ReportSuggestionArray<MessageId> = [];
      const callee = skipWrappers(call.callee);
      const statement = call.parent;
      if (
        callee.type !== AST_NODE_TYPES.MemberExpression ||
        statement?.type !== AST_NODE_TYPES.ExpressionStatement ||
        !isInAsyncFunction(statement)
      ) {
        if (fn.body.type === AST_NODE_TYPES.BlockStatement) suggestions.push(tryCatchSuggestion(fn, 'iteration'));
        return suggestions;
      }
      const receiver = sourceCode.getText(callee.object);
      const param = fn.params[0];
      const bodyHasReturn =
        fn.body.type === AST_NODE_TYPES.BlockStatement &&
        someDescendant(fn.body, (node) => node.type === AST_NODE_TYPES.ReturnStatement, true);
      if (
        fn.type === AST_NODE_TYPES.ArrowFunctionExpression &&
        fn.params.length === 1 &&
        call.arguments.length === 1 &&
        param &&
        param.type !== AST_NODE_TYPES.AssignmentPattern &&
        param.type !== AST_NODE_TYPES.RestElement &&
        param.type !== AST_NODE_TYPES.TSParameterProperty &&
        !bodyHasReturn
      ) {
        const binding =
          param.type === AST_NODE_TYPES.Identifier
            ? param.name
            : param.typeAnnotation
              ? sourceCode.text.slice(param.range[0], param.typeAnnotation.range[0]).trimEnd()
              : sourceCode.getText(param);
        let loopBody: string;
        if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
          loopBody = sourceCode.getText(fn.body);
        } else {
          const expression = skipWrappers(fn.body);
          const text =
            expression.type === AST_NODE_TYPES.AwaitExpression
              ? sourceCode.getText(fn.body)
              : `await ${operandText(sourceCode, fn.body)}`;
          loopBody = `{ ${text}; }`;
        }
        suggestions.push({
          messageId: 'suggestForOf',
          fix: (fixer) => fixer.replaceText(statement, `for (const ${binding} of ${receiver}) ${loopBody}`),
        });
      }
      const argumentsText = sourceCode.text.slice(call.arguments[0]!.range[0], call.arguments.at(-1)!.range[1]);
      if (!callee.computed && !callee.optional && memberName(callee) === 'forEach') {
        suggestions.push({
          messageId: 'suggestPromiseAll',
          fix: (fixer) =>
            fixer.replaceText(
              call,
              `await Promise.all(${operandText(sourceCode, callee.object)}.map(${argumentsText}))`,
            ),
        });
      }
      return suggestions;
    }

    function mapSuggestions(call: TSESTree.CallExpression): TSESLint.ReportSuggestionArray<MessageId> {
      if (call.parent?.type === AST_NODE_TYPES.AwaitExpression) {
        // `await items.map(async …)` waits for an array: wait for its promises instead.
        return [
          {
            messageId: 'suggestPromiseAll',
            fix: (fixer) => fixer.replaceText(call, `Promise.all(${sourceCode.getText(call)})`),
          },
        ];
      }
      if (!isInAsyncFunction(call) || call.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return [];
      return [
        {
          messageId: 'suggestPromiseAll',
          fix: (fixer) => fixer.replaceText(call, `await Promise.all(${sourceCode.getText(call)})`),
        },
      ];
    }

    /**
     * `const pending = load(); emitter.on('x', async () => pending);`: a returned variable or member that holds a
     * promise the oracle knows of. The async function adopts it, so its rejection is the function's own even though
     * the body awaits nothing (returned calls are judged by `rejectsOnlySynchronously` already).
     */
    function returnsKnownPromise(fn: FunctionNode): boolean {
      const isHeldPromise = (value: TSESTree.Node): boolean => {
        const node = skipWrappers(value);
        if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
        // A promise of the file that only ever resolves adds no rejection to adopt.
        if (isResolveOnlyPromiseExpression(node, sourceCode)) return false;
        if (oracle.isPromise(node)) return true;
        if (node.type !== AST_NODE_TYPES.Identifier) return false;
        // Without types the oracle judges expressions, not bindings: read the `const` it was initialised with.
        const variable = resolveVariable(sourceCode, node);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        return (
          def?.type === 'Variable' &&
          def.node.type === AST_NODE_TYPES.VariableDeclarator &&
          def.parent?.type === AST_NODE_TYPES.VariableDeclaration &&
          def.parent.kind === 'const' &&
          def.node.init !== null &&
          oracle.isPromise(def.node.init)
        );
      };
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isHeldPromise(fn.body);
      return someDescendant(
        fn.body,
        (node) =>
          node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null && isHeldPromise(node.argument),
        true,
      );
    }

    function check(fn: FunctionNode | undefined, argument: TSESTree.Node, reportNode: TSESTree.Node): void {
      const { child, parent } = climb(argument);
      if (!parent || (parent.type !== AST_NODE_TYPES.CallExpression && parent.type !== AST_NODE_TYPES.NewExpression))
        return;
      const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
      if (index < 0) return;
      const slot = classifySlot(parent, index, fn);
      if (!slot) return;
      if (slot.kind !== 'predicate' && fn && cannotReject(fn, sourceCode)) return;
      if (
        SYNC_THROW_EXEMPT_SLOTS.has(slot.kind) &&
        fn &&
        rejectsOnlySynchronously(fn, sourceCode) &&
        !returnsKnownPromise(fn)
      )
        return;
      if (!fn && !returnsThenableByType(child)) return;
      // The completion callback is what the caller waits for, whatever its declared type also accepts.
      if (slot.kind !== 'doneCallback' && slotAcceptsPromise(parent, index)) return;
      let suggest: TSESLint.ReportSuggestionArray<MessageId> = [];
      if (fn && reportNode === fn) {
        if (slot.kind === 'iteration' && parent.type === AST_NODE_TYPES.CallExpression && !slot.method.includes('.')) {
          suggest = iterationSuggestions(parent, fn);
        } else if (slot.kind === 'discardedMap' && parent.type === AST_NODE_TYPES.CallExpression) {
          suggest = mapSuggestions(parent);
        } else if (slot.kind !== 'predicate') {
          suggest = [tryCatchSuggestion(fn, slot.kind)];
        }
      }
      const param = slot.kind === 'doneCallback' && fn ? doneParameter(fn) : undefined;
      context.report({ node: reportNode, messageId: slot.kind, data: { method: slot.method, param }, suggest });
    }

    /** `this.onChange = async () => …` in the class: the one function ever stored in that field, if there is one. */
    function functionAssignedToField(classBody: TSESTree.ClassBody, name: string): FunctionNode | undefined {
      const found: FunctionNode[] = [];
      let other = false;
      someDescendant(
        classBody,
        (node) => {
          if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return false;
          const target = skipWrappers(node.left);
          if (
            target.type !== AST_NODE_TYPES.MemberExpression ||
            skipWrappers(target.object).type !== AST_NODE_TYPES.ThisExpression ||
            memberName(target) !== name
          ) {
            return false;
          }
          const value = skipWrappers(node.right);
          if (isFunctionNode(value)) found.push(value);
          else if (
            !(value.type === AST_NODE_TYPES.Literal && value.value === null) &&
            !(value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined')
          )
            other = true;
          return false;
        },
        false,
        sourceCode.visitorKeys,
      );
      return !other && found.length === 1 ? found[0] : undefined;
    }

    /** The function of this file a member reference names: `this.onData` in a class, or (with types) its declaration. */
    function referencedFunction(member: TSESTree.MemberExpression): FunctionNode | undefined {
      const name = memberName(member);
      if (name && skipWrappers(member.object).type === AST_NODE_TYPES.ThisExpression) {
        for (let node: TSESTree.Node | undefined = member.parent; node; node = node.parent) {
          if (node.type !== AST_NODE_TYPES.ClassBody) continue;
          for (const element of node.body) {
            if (
              (element.type === AST_NODE_TYPES.MethodDefinition ||
                element.type === AST_NODE_TYPES.PropertyDefinition) &&
              !element.computed &&
              (element.key.type === AST_NODE_TYPES.Identifier ||
                element.key.type === AST_NODE_TYPES.PrivateIdentifier) &&
              element.key.name === name &&
              element.value &&
              isFunctionNode(element.value)
            ) {
              return element.value;
            }
          }
          const assigned = functionAssignedToField(node, name);
          if (assigned) return assigned;
          break;
        }
      }
      const services = typeServices();
      const map = sourceCode.parserServices?.tsNodeToESTreeNodeMap;
      if (!services || !map) return undefined;
      return askChecker(context, member, () => {
        const tsNode = services.toTsNode(member);
        const declaration = tsNode && services.checker.getSymbolAtLocation(tsNode)?.valueDeclaration;
        if (!declaration || declaration.getSourceFile() !== tsNode.getSourceFile()) return undefined;
        const node = map.get(declaration as never) as TSESTree.Node | undefined;
        if (node && isFunctionNode(node)) return node;
        if (
          (node?.type === AST_NODE_TYPES.MethodDefinition || node?.type === AST_NODE_TYPES.PropertyDefinition) &&
          node.value &&
          isFunctionNode(node.value)
        ) {
          return node.value;
        }
        return undefined;
      });
    }

    function climb(node: TSESTree.Node): { child: TSESTree.Node; parent: TSESTree.Node | undefined } {
      let child = node;
      let parent = node.parent;
      while (
        parent &&
        (parent.type === AST_NODE_TYPES.TSAsExpression ||
          parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
      ) {
        child = parent;
        parent = parent.parent;
      }
      return { child, parent };
    }

    /** An async function declared in this file that `identifier` names (never reassigned). */
    function asyncFunctionOf(identifier: TSESTree.Identifier): FunctionNode | undefined {
      const variable = resolveVariable(sourceCode, identifier);
      const def = variable?.defs[0];
      if (!def || variable!.defs.length !== 1) return undefined;
      if (def.type === 'FunctionName' && isFunctionNode(def.node)) return def.node.async ? def.node : undefined;
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
        if (def.parent?.type === AST_NODE_TYPES.VariableDeclaration && def.parent.kind !== 'const') return undefined;
        const init = skipWrappers(def.node.init);
        return isFunctionNode(init) && init.async ? init : undefined;
      }
      return undefined;
    }

    /**
     * This file's async functions whose parameters alone can make a call's argument a slot (`(err, …)`,
     * `(req, res)`, a last `done`/`cb`/`callback`), by the name an identifier or a member reference would use to
     * reach them (see `declaredName`); `unnamedSlotShapedAsync` when one of them may be reached without a name.
     * Filled during the traversal, read at `Program:exit`.
     */
    const slotShapedAsyncNames = new Set<string>();
    let unnamedSlotShapedAsync = false;
    /** Arguments that fill no known slot, judged at `Program:exit` once every async function of the file is known. */
    const unslottedArguments: (TSESTree.Identifier | TSESTree.MemberExpression)[] = [];

    function noteAsyncFunction(fn: FunctionNode): void {
      if (!fillsSlotByShape(fn)) return;
      const name = declaredName(fn);
      if (name === undefined) unnamedSlotShapedAsync = true;
      else if (name !== null) slotShapedAsyncNames.add(name);
    }

    /** Whether `argument` may name one of the file's slot-shaped async functions. */
    function mayNameSlotShapedAsyncFunction(argument: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
      if (unnamedSlotShapedAsync) return true;
      const name = argument.type === AST_NODE_TYPES.Identifier ? argument.name : memberName(argument);
      return name === undefined ? slotShapedAsyncNames.size > 0 : slotShapedAsyncNames.has(name);
    }

    /**
     * Whether an argument fills a slot whatever function it names. Finding that function costs a scope lookup or,
     * for a member, the checker's type of its object; an argument that fills no known slot can only fill one by
     * the shape of an async function's parameters, so it waits for `Program:exit` and is looked up only when the
     * file has such a function under its name.
     */
    function fillsKnownSlot(argument: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
      const call = argument.parent as TSESTree.CallExpression;
      return classifySlot(call, call.arguments.indexOf(argument), undefined) !== undefined;
    }

    function checkIdentifierArgument(identifier: TSESTree.Identifier): void {
      const fn = asyncFunctionOf(identifier);
      if (fn) check(fn, identifier, identifier);
      else if (typeServices()) check(undefined, identifier, identifier);
    }

    function checkMemberArgument(member: TSESTree.MemberExpression): void {
      const fn = referencedFunction(member);
      if (fn && cannotReject(fn, sourceCode)) return;
      check(fn?.async ? fn : undefined, member, member);
    }

    /** A superset of the parameter shapes `classifySlot` reads from a function (see `doneParameter`, `isNodeStyleCallback`, `looksLikeExpressHandler`). */
    function fillsSlotByShape(fn: FunctionNode): boolean {
      if (/^err(or)?$/.test(paramName(fn, 0) ?? '') || looksLikeExpressHandler(fn)) return true;
      const last = fn.params.at(-1);
      return fn.params.length >= 2 && last?.type === AST_NODE_TYPES.Identifier && DONE_PARAMETER.test(last.name);
    }

    /**
     * The name an identifier (`asyncFunctionOf`) or a member reference (`referencedFunction`) would use to reach
     * `fn`: a function's name, a method, field or property key, the variable or member it is assigned to. Null for
     * a function passed directly as an argument, which neither can reach; undefined when the name is unknown.
     */
    function declaredName(fn: FunctionNode): string | null | undefined {
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
      const { child, parent: holder } = parentSkippingWrappers(fn);
      if (
        (holder?.type === AST_NODE_TYPES.MethodDefinition ||
          holder?.type === AST_NODE_TYPES.PropertyDefinition ||
          holder?.type === AST_NODE_TYPES.Property) &&
        holder.value === child
      ) {
        return !holder.computed &&
          (holder.key.type === AST_NODE_TYPES.Identifier || holder.key.type === AST_NODE_TYPES.PrivateIdentifier)
          ? holder.key.name
          : undefined;
      }
      if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === child)
        return holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : undefined;
      if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === child) {
        const target = skipWrappers(holder.left);
        return target.type === AST_NODE_TYPES.MemberExpression ? memberName(target) : undefined;
      }
      if (
        (holder?.type === AST_NODE_TYPES.CallExpression || holder?.type === AST_NODE_TYPES.NewExpression) &&
        holder.arguments.includes(child as TSESTree.CallExpressionArgument)
      )
        return null;
      return undefined;
    }

    /** Non-async functions in predicate slots, judged at the end of the file (when the oracle knows the file's awaits). */
    const predicateCandidates: FunctionNode[] = [];

    /** Whether a non-async function returns a promise: from its type when known, else from its body and the file. */
    function returnsPromise(fn: FunctionNode): boolean {
      const services = typeServices();
      if (services) {
        const verdict = askChecker(context, fn, () => {
          const tsNode = services.toTsNode(fn);
          if (!tsNode) return undefined;
          const signatures = services.checker.getTypeAtLocation(tsNode).getCallSignatures();
          if (signatures.length === 0) return undefined;
          const verdicts = signatures.map((signature) =>
            isThenableType(services.checker, services.checker.getReturnTypeOfSignature(signature)),
          );
          return verdicts.includes(undefined) ? undefined : verdicts.every(Boolean);
        });
        if (verdict !== undefined) return verdict;
      }
      return oracle.functionReturnsPromise(fn);
    }

    return {
      ...oracle.usageListeners(),
      [PREDICATE_CALLBACK_SELECTOR](fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): void {
        const call = fn.parent as TSESTree.CallExpression;
        if (call.arguments[0] !== fn) return;
        // A predicate that computes a promise (returns a call's value); `(x) => x` over promises or nulls tests
        // presence on purpose.
        const body = fn.body;
        const returned =
          body.type === AST_NODE_TYPES.BlockStatement
            ? body.body.at(-1)?.type === AST_NODE_TYPES.ReturnStatement
              ? (body.body.at(-1) as TSESTree.ReturnStatement).argument
              : null
            : body;
        const value = returned && skipWrappers(returned);
        if (value?.type !== AST_NODE_TYPES.CallExpression && value?.type !== AST_NODE_TYPES.NewExpression) return;
        predicateCandidates.push(fn);
      },
      'Program:exit'(): void {
        oracle.completeUsage();
        for (const argument of unslottedArguments) {
          if (!mayNameSlotShapedAsyncFunction(argument)) continue;
          if (argument.type === AST_NODE_TYPES.Identifier) checkIdentifierArgument(argument);
          else checkMemberArgument(argument);
        }
        for (const fn of predicateCandidates) {
          if (!returnsPromise(fn)) continue;
          const call = fn.parent as TSESTree.CallExpression;
          const method = memberName(skipWrappers(call.callee) as TSESTree.MemberExpression) ?? 'filter';
          context.report({ node: fn, messageId: 'predicate', data: { method } });
        }
      },
      'ArrowFunctionExpression[async=true], FunctionExpression[async=true]'(
        fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
      ): void {
        noteAsyncFunction(fn);
        if (fn.generator) return;
        check(fn, fn, fn);
      },
      'FunctionDeclaration[async=true]'(fn: TSESTree.FunctionDeclaration): void {
        noteAsyncFunction(fn);
      },
      'AssignmentExpression[operator="="] > :matches(ArrowFunctionExpression, FunctionExpression)[async=true].right'(
        fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
      ): void {
        // `socket.onmessage = async (event) => …`: DOM-style handler properties ignore the returned promise.
        const assignment = fn.parent as TSESTree.AssignmentExpression;
        const target = skipWrappers(assignment.left);
        if (target.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = memberName(target);
        if (
          !name ||
          !/^on[a-z]+$/.test(name) ||
          cannotReject(fn, sourceCode) ||
          (rejectsOnlySynchronously(fn, sourceCode) && !returnsKnownPromise(fn))
        )
          return;
        context.report({
          node: fn,
          messageId: 'listener',
          data: { method: name },
          suggest: [tryCatchSuggestion(fn, 'listener')],
        });
      },
      'CallExpression > Identifier.arguments'(identifier: TSESTree.Identifier): void {
        if (!mayHaveAsyncFunctions && !typeServices()) return;
        if (fillsKnownSlot(identifier)) checkIdentifierArgument(identifier);
        else unslottedArguments.push(identifier);
      },
      'CallExpression > MemberExpression.arguments'(member: TSESTree.MemberExpression): void {
        // Only types can tell what a member holds; a method this file declares is then judged by its body.
        if (!typeServices()) return;
        if (fillsKnownSlot(member)) checkMemberArgument(member);
        else unslottedArguments.push(member);
      },
    };
  },
});
