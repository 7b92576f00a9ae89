import {
  AST_NODE_TYPES,
  ESLintUtils,
  type ParserServicesWithTypeInformation,
  type TSESLint,
  type TSESTree,
} from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { askChecker } from '../util/checker-guard.js';

export type MessageId = 'unboundedMap';
export type Options = [{ maxLiteralLength?: number }];

/** Names of callees that already bound concurrency inside the callback (p-limit, p-queue, semaphores). */
const LIMITER_CALLEE =
  /^(limit|limiter|throttle|throttled|semaphore|mutex|acquire|runExclusive|schedule|enqueue|pool|queue|withLimit|withPermit)$/i;
/** Receivers whose name says they are already one bounded batch of a larger list. */
const BATCH_NAME = /(chunk|batch|page|window|slice|group)s?$/i;

const DEFAULT_MAX_LITERAL_LENGTH = 16;

type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.ChainExpression
  ) {
    current = current.expression;
  }
  return current;
}

function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.computed && member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string')
    return member.property.value;
  return undefined;
}

function isFunctionLike(node: TSESTree.Node | undefined): node is FunctionLike {
  return node?.type === AST_NODE_TYPES.ArrowFunctionExpression || node?.type === AST_NODE_TYPES.FunctionExpression;
}

/** Whether `node` is a fixed-size array literal with at most `max` elements and no spread. */
function isSmallLiteralArray(node: TSESTree.Node, max: number): boolean {
  const unwrapped = unwrap(node);
  return (
    unwrapped.type === AST_NODE_TYPES.ArrayExpression &&
    unwrapped.elements.length <= max &&
    unwrapped.elements.every((element) => element === null || element.type !== AST_NODE_TYPES.SpreadElement)
  );
}

/** Walks a function body without entering nested functions; stops when `visit` returns true. */
function someInBody(
  body: TSESTree.Node,
  visit: (node: TSESTree.Node) => boolean,
  keys: TSESLint.SourceCode.VisitorKeys,
): boolean {
  const stack: TSESTree.Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) continue;
    if (visit(node)) return true;
    if (node !== body && (isFunctionLike(node) || node.type === AST_NODE_TYPES.FunctionDeclaration)) continue;
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child)
          if (item !== null && typeof item === 'object' && 'type' in item) stack.push(item as TSESTree.Node);
      } else if (child !== null && typeof child === 'object' && 'type' in child) {
        stack.push(child as TSESTree.Node);
      }
    }
  }
  return false;
}

/** Built-ins whose calls do no I/O: bounding a callback made only of these changes nothing. */
const PURE_GLOBAL_OBJECTS = new Set([
  'JSON',
  'Math',
  'Object',
  'Array',
  'Number',
  'String',
  'Boolean',
  'Date',
  'console',
  'Reflect',
  'Symbol',
  'BigInt',
]);
const PURE_GLOBAL_FUNCTIONS = new Set([
  'String',
  'Number',
  'Boolean',
  'BigInt',
  'Symbol',
  'Date',
  'Error',
  'TypeError',
  'RangeError',
  'Map',
  'Set',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'structuredClone',
]);

function isPureCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return PURE_GLOBAL_FUNCTIONS.has(callee.name);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(callee.object);
    return object.type === AST_NODE_TYPES.Identifier && PURE_GLOBAL_OBJECTS.has(object.name);
  }
  return false;
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return undefined;
}

/**
 * Whether the callback's work overlaps other items' work: it awaits on its main path, or it returns a call's value
 * (a promise `Promise.all` waits for). Awaits only in a `catch` or in an `if` block that ends in `throw` (error
 * paths) leave the per-item work synchronous: the items run one after the other however many there are.
 */
function startsConcurrentWork(callback: FunctionLike): boolean {
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return true;
  const body = callback.body;
  const stack: TSESTree.Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) {
      if (!onErrorPath(node, callback)) return true;
    }
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const value = unwrap(node.argument);
      if (
        (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression) &&
        !onErrorPath(node, callback)
      )
        return true;
    }
    if (node !== body && (isFunctionLike(node) || node.type === AST_NODE_TYPES.FunctionDeclaration)) continue;
    for (const value of Object.values(node)) {
      if (value === node.parent) continue;
      if (Array.isArray(value)) {
        for (const item of value)
          if (item !== null && typeof item === 'object' && 'type' in item) stack.push(item as TSESTree.Node);
      } else if (value !== null && typeof value === 'object' && 'type' in value) {
        stack.push(value as TSESTree.Node);
      }
    }
  }
  return false;
}

/** Inside a `catch` clause, or an `if` block that ends with `throw` (a failure being reported), of `callback`. */
function onErrorPath(node: TSESTree.Node, callback: FunctionLike): boolean {
  for (let current = node.parent; current && current !== callback; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return true;
    if (current.type === AST_NODE_TYPES.BlockStatement && current.parent?.type === AST_NODE_TYPES.IfStatement) {
      const last = current.body.at(-1);
      if (last?.type === AST_NODE_TYPES.ThrowStatement) return true;
    }
  }
  return false;
}

export default createRule<Options, MessageId>({
  name: 'prefer-bounded-concurrency',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer a bounded pool over `Promise.all(items.map(async …))` on collections of unknown size',
      recommended: 'strict',
    },
    messages: {
      unboundedMap: '`Promise.all({{receiver}}.map(async …))` starts a call per item, all at once, with no bound.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          maxLiteralLength: {
            type: 'integer',
            minimum: 0,
            description:
              'Array literals with at most this many elements (and no spread) count as small and are not reported.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ maxLiteralLength: DEFAULT_MAX_LITERAL_LENGTH }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const maxLiteralLength = options.maxLiteralLength ?? DEFAULT_MAX_LITERAL_LENGTH;
    const visitorKeys = sourceCode.visitorKeys;
    let services: ParserServicesWithTypeInformation | undefined | null = null;

    /** Parser services with a program, looked up once per file; undefined without type information (or with espree). */
    function parserServices(): ParserServicesWithTypeInformation | undefined {
      if (services === null) {
        const found = sourceCode.parserServices;
        services =
          found?.program != null && found.esTreeNodeToTSNodeMap != null
            ? ESLintUtils.getParserServices(context)
            : undefined;
      }
      return services ?? undefined;
    }

    /** Is `Promise` here the global one (not an import or a local binding)? */
    function isGlobalPromise(identifier: TSESTree.Identifier): boolean {
      let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
      while (scope !== null) {
        const variable = scope.set.get(identifier.name);
        if (variable !== undefined) return variable.defs.length === 0;
        scope = scope.upper;
      }
      return true;
    }

    /** A `const` bound to a small literal array that is never mutated through the binding counts as small. */
    function isBoundToSmallLiteral(identifier: TSESTree.Identifier): boolean {
      let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
      while (scope !== null) {
        const variable = scope.set.get(identifier.name);
        if (variable !== undefined) {
          const [definition] = variable.defs;
          if (variable.defs.length !== 1 || definition === undefined) return false;
          const declarator = definition.node;
          if (
            declarator.type !== AST_NODE_TYPES.VariableDeclarator ||
            declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration ||
            declarator.parent.kind !== 'const' ||
            declarator.init === null ||
            !isSmallLiteralArray(declarator.init, maxLiteralLength)
          ) {
            return false;
          }
          // Mutated through the binding (push, splice, index writes, passed elsewhere): size unknown.
          return variable.references.every((reference) => {
            const parent = reference.identifier.parent;
            if (reference.init === true) return true;
            if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier)
              return false;
            const name = propertyName(parent);
            const assigned =
              parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent;
            return (
              !assigned && name !== undefined && !['push', 'unshift', 'splice', 'fill', 'copyWithin'].includes(name)
            );
          });
        }
        scope = scope.upper;
      }
      return false;
    }

    /** With type information: a tuple type has a fixed, small size. */
    function isTupleTyped(receiver: TSESTree.Node): boolean {
      const typed = parserServices();
      if (typed === undefined) return false;
      const checker = typed.program.getTypeChecker();
      return (
        askChecker(context, receiver, () => {
          const type = typed.getTypeAtLocation(receiver);
          const parts = type.isUnion() ? type.types : [type];
          return parts.every(
            (part) =>
              checker.isTupleType(part) &&
              checker.getTypeArguments(part as Parameters<typeof checker.getTypeArguments>[0]).length <=
                maxLiteralLength,
          );
        }) ?? false
      );
    }

    /** The variable an identifier resolves to, through the scope chain. */
    function variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
      for (
        let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
        scope !== null;
        scope = scope.upper
      ) {
        const variable = scope.set.get(identifier.name);
        if (variable !== undefined) return variable;
      }
      return undefined;
    }

    /** `...items` of the enclosing function: as many as the call site spells out. */
    function isRestParameter(identifier: TSESTree.Identifier): boolean {
      const definition = variableOf(identifier)?.defs[0];
      return definition?.type === 'Parameter' && definition.name.parent?.type === AST_NODE_TYPES.RestElement;
    }

    /** A `const` object literal with a handful of own keys (a configuration), never written through the binding. */
    function isSmallConstObject(node: TSESTree.Node): boolean {
      const target = unwrap(node);
      if (target.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(target);
      const definition = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || definition?.type !== 'Variable') return false;
      const declarator = definition.node;
      if (
        declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration ||
        declarator.parent.kind !== 'const' ||
        !declarator.init
      )
        return false;
      const init = unwrap(declarator.init);
      if (
        init.type !== AST_NODE_TYPES.ObjectExpression ||
        init.properties.length > maxLiteralLength ||
        init.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)
      ) {
        return false;
      }
      return variable.references.every((reference) => {
        const parent = reference.identifier.parent;
        if (reference.init === true) return true;
        const written =
          parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === reference.identifier &&
          parent.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
          parent.parent.left === parent;
        return !written;
      });
    }

    function isBoundedReceiver(receiver: TSESTree.Node): boolean {
      const node = unwrap(receiver);
      if (isSmallLiteralArray(node, maxLiteralLength)) return true;
      if (node.type === AST_NODE_TYPES.Identifier) {
        if (BATCH_NAME.test(node.name)) return true;
        if (isBoundToSmallLiteral(node)) return true;
        if (isRestParameter(node)) return true;
      }
      if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 1) {
        const callee = unwrap(node.callee);
        // `Object.keys(SERVICES)` of a small constant object; `items.slice(-3)`: the last few.
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          unwrap(callee.object).type === AST_NODE_TYPES.Identifier &&
          (unwrap(callee.object) as TSESTree.Identifier).name === 'Object' &&
          ['keys', 'values', 'entries'].includes(propertyName(callee) ?? '')
        ) {
          if (isSmallConstObject(node.arguments[0]!)) return true;
        }
        const [bound] = node.arguments;
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          propertyName(callee) === 'slice' &&
          bound?.type === AST_NODE_TYPES.UnaryExpression &&
          bound.operator === '-' &&
          bound.argument.type === AST_NODE_TYPES.Literal &&
          typeof bound.argument.value === 'number' &&
          bound.argument.value <= maxLiteralLength
        ) {
          return true;
        }
      }
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(node);
        if (name !== undefined && BATCH_NAME.test(name)) return true;
      }
      // `items.slice(i, i + 10)` — a batch of a larger list, already bounded by the caller.
      if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 2) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && ['slice', 'splice'].includes(propertyName(callee) ?? ''))
          return true;
      }
      return isTupleTyped(node);
    }

    /**
     * The callback starts work of its own (a call or `new` that is not a pure built-in such as
     * `JSON.parse` or `Math.max`; merely awaiting promises that already exist starts nothing) and
     * does not already go through a limiter.
     */
    function doesUnboundedWork(callback: FunctionLike): boolean {
      if (!startsConcurrentWork(callback)) return false;
      let doesWork = false;
      const limited = someInBody(
        callback.body,
        (node) => {
          if (node.type === AST_NODE_TYPES.NewExpression && !isPureCall(node)) doesWork = true;
          if (node.type === AST_NODE_TYPES.CallExpression) {
            if (!isPureCall(node)) doesWork = true;
            const name = calleeName(node);
            if (name !== undefined && LIMITER_CALLEE.test(name)) return true;
            const callee = unwrap(node.callee);
            // p-queue style: `queue.add(() => …)` / `pool.run(…)`.
            if (
              callee.type === AST_NODE_TYPES.MemberExpression &&
              ['add', 'run', 'use'].includes(propertyName(callee) ?? '')
            ) {
              const object = unwrap(callee.object);
              if (object.type === AST_NODE_TYPES.Identifier && /queue|pool|limiter|semaphore/i.test(object.name))
                return true;
            }
          }
          return false;
        },
        visitorKeys,
      );
      return doesWork && !limited;
    }

    return {
      'CallExpression[callee.type="MemberExpression"][callee.property.name="all"][arguments.length=1]'(
        allCall: TSESTree.CallExpression,
      ): void {
        const allCallee = unwrap(allCall.callee);
        if (allCallee.type !== AST_NODE_TYPES.MemberExpression) return;
        const promise = unwrap(allCallee.object);
        if (promise.type !== AST_NODE_TYPES.Identifier || promise.name !== 'Promise') return;
        const [argument] = allCall.arguments;
        if (argument === undefined) return;
        const mapCall = unwrap(argument);
        if (mapCall.type !== AST_NODE_TYPES.CallExpression) return;
        const mapCallee = unwrap(mapCall.callee);
        if (mapCallee.type !== AST_NODE_TYPES.MemberExpression || propertyName(mapCallee) !== 'map') return;
        if (mapCall.arguments.length !== 1) return;
        const [callback] = mapCall.arguments;
        if (!isFunctionLike(callback) || !callback.async) return;
        if (!isGlobalPromise(promise)) return;
        if (!doesUnboundedWork(callback)) return;
        if (isBoundedReceiver(mapCallee.object)) return;
        const receiverText = sourceCode.getText(mapCallee.object);
        context.report({
          node: allCall,
          loc: allCallee.loc,
          messageId: 'unboundedMap',
          data: { receiver: receiverText.length > 40 || receiverText.includes('\n') ? 'items' : receiverText },
        });
      },
    };
  },
});
