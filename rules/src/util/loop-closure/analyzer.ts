import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  contains,
  isBreakableStatement,
  isFunctionNode,
  isLoopNode,
  isPerIterationPart,
  isTransparentWrapper,
  memberPropertyName,
  parameterName,
  propertyKeyName,
  skipTypeWrappers,
  type FunctionNode,
  type LoopNode,
} from './ast.js';
import { calleeDefinition, constructorDefinition, coreCallbackApi, isKnownCollection, parameterAt } from './callees.js';
import {
  AJAX_METHODS,
  ANIMATION_METHODS,
  CALLBACK_API_ROOTS,
  CALLBACK_OPTION_KEY,
  DEFERRED_REACTIONS,
  HTTP_MODULE_NAMES,
  JQUERY_NAMES,
  RESULT_PARAMETER,
  SHORT_ERROR_PARAMETER,
  CANCEL_FUNCTIONS,
  COLLECTION_ONLY_STORING_METHODS,
  ERROR_FIRST_PARAMETER,
  EVENT_BINDING_METHODS,
  EVENT_SHORTHAND_METHODS,
  LISTENER_METHODS,
  LISTENER_NAME,
  PROMISE_COMBINATORS,
  PROMISE_REACTIONS,
  REQUEST_PARAMETER,
  RESPONSE_PARAMETER,
  RESULT_COLLECTING_METHODS,
  ROUTE_METHODS,
  ROUTER_OBJECT_NAME,
  STORING_METHODS,
  STRONG_ERROR_FIRST_PARAMETER,
  SYNCHRONOUS_CALLBACK_METHODS,
  TEST_FUNCTIONS,
  TIMER_FUNCTIONS,
} from './sinks.js';

export type Variable = TSESLint.Scope.Variable;

/**
 * What the capture analysis needs of a binding: a scope-manager variable, or an undeclared global
 * (`for (i = 0; …)` in a sloppy script) assembled from the global scope's unresolved references.
 */
export interface Binding {
  name: string;
  defs: Variable['defs'];
  references: Reference[];
  scope: { block: TSESTree.Node };
}
export type Reference = TSESLint.Scope.Reference;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** What becomes of a function value after it is created inside an iteration. */
export type Fate =
  /** Runs (or is dropped) before the iteration ends, or we cannot tell: no report. */
  | { kind: 'sync' }
  /** Handed to something that may call it after the iteration has ended. */
  | {
      kind: 'deferred';
      /** How it is handed over, for the message ("passed to `setTimeout`"). */
      sink: string;
      /** The node that hands it over (the call, assignment, prop…). */
      sinkNode: TSESTree.Node;
      /** A promise whose awaiting inside the iteration makes the deferral harmless (`await p.then(fn)`). */
      promise?: TSESTree.Node;
      /** Reached through a variable holding the function rather than the function expression itself. */
      viaVariable: boolean;
      /** The sink only takes functions (timer, listener, promise reaction, `onX` handler). */
      callbackSlot?: boolean;
    }
  /** An async function invoked in place: what follows its first `await` runs later, unless the promise is awaited. */
  | { kind: 'suspends'; invocation: TSESTree.Node; viaVariable: boolean };

interface FateContext {
  /** Loops (innermost first) whose iterations evaluate the function's creation. */
  chain: LoopNode[];
  /** The function whose value is being followed, when known. */
  fn: FunctionNode | undefined;
  depth: number;
  viaVariable: boolean;
  /**
   * Set while following a helper's parameter inside the helper: bindings and collections declared in
   * it are its own, and its `return` hands the value back to the call being judged.
   */
  home?: FunctionNode;
  /** The value followed is known to be a function even though `fn` is not given (a helper's callback parameter). */
  knownFunction?: boolean;
}

/** Why a captured binding does not hold still for the closure. */
export type ShareReason = 'var' | 'outer' | 'later' | 'global';

export interface SharedBinding {
  variable: Binding;
  reason: ShareReason;
  /** The write references (identifiers) that change the value after the closure captured it. */
  writes: TSESTree.Node[];
}

type ArgumentUse =
  /** `known`: a method we know calls back right away (not merely an unknown helper). */
  | { kind: 'sync'; known?: boolean }
  | {
      kind: 'deferred';
      sink: string;
      promise?: TSESTree.Node;
      receiver?: TSESTree.Node;
      /** The slot only makes sense for a function (a timer or listener callback), not any stored value. */
      callbackSlot?: boolean;
    };

/** How a helper declared in the file keeps a callback it receives. */
interface HelperDeferral {
  /** The helper keeps it where only functions go (a listener, a timer, a call from a deferred function), not merely in storage. */
  callbackSlot: boolean;
}

const SYNC: Fate = { kind: 'sync' };
/** Methods through which a function value is still called or passed on. */
const FUNCTION_METHODS = new Set(['call', 'apply', 'bind']);
const MAX_FOLLOW_DEPTH = 3;

function isPathLike(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal) {
    return node.value instanceof RegExp || (typeof node.value === 'string' && /^[/*]/.test(node.value));
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const head = node.quasis[0]?.value.cooked ?? '';
    return /^[/*]/.test(head);
  }
  return false;
}

/** The outermost expression that still carries `node`'s value unchanged (through `as`, `!`, `a ?? b`, …). */
function outermostValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && isTransparentWrapper(current.parent, current)) current = current.parent;
  return current;
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current)) return current;
    current = current.parent;
  }
  return undefined;
}

function isDirectCallee(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier;
}

/** Value (not type-only) reference: `typeof x` in a type position does not read the binding at run time. */
function isValueReference(reference: Reference): boolean {
  return (reference as { isValueReference?: boolean }).isValueReference !== false;
}

export class LoopClosureAnalyzer {
  private readonly suspensionCache = new WeakMap<FunctionNode, TSESTree.Node[]>();
  private readonly chainCache = new WeakMap<TSESTree.Node, LoopNode[]>();
  /** Per helper function and parameter index: what it does with a callback (null: nothing deferring). */
  private readonly helperCache = new WeakMap<FunctionNode, Map<string, HelperDeferral | null>>();
  private helperDepth = 0;
  private helperDepthReached = false;
  private readonly resolveBound = (identifier: TSESTree.Identifier): Variable | undefined => this.resolve(identifier);

  /**
   * @param isCollectionType With type information: does the checker see a `Map`/`Set` at this node?
   */
  constructor(
    private readonly sourceCode: SourceCode,
    private readonly isCollectionType?: (node: TSESTree.Node) => boolean | undefined,
  ) {}

  /** Cheap pre-check: is there any loop statement above `node` at all? */
  static hasLoopAncestor(node: TSESTree.Node): boolean {
    let current = node.parent;
    while (current) {
      if (isLoopNode(current)) return true;
      current = current.parent;
    }
    return false;
  }

  /**
   * The loops (innermost first) whose every iteration evaluates `node`, climbing out of functions only
   * while they run in place (an IIFE, an array callback, a Promise executor, an unknown helper).
   */
  loopChain(node: TSESTree.Node): LoopNode[] {
    const cached = this.chainCache.get(node);
    if (cached) return cached;
    const loops: LoopNode[] = [];
    let child: TSESTree.Node = node;
    let parent = node.parent;
    while (parent) {
      if (isLoopNode(parent)) {
        if (isPerIterationPart(parent, child)) loops.push(parent);
      } else if (isFunctionNode(parent)) {
        if (!this.runsInPlace(parent, child)) break;
      } else if (
        parent.type === AST_NODE_TYPES.ClassBody ||
        parent.type === AST_NODE_TYPES.StaticBlock ||
        parent.type === AST_NODE_TYPES.PropertyDefinition
      ) {
        break;
      }
      child = parent;
      parent = parent.parent;
    }
    this.chainCache.set(node, loops);
    return loops;
  }

  /** Does `fn` run to `inner` synchronously, where it is written (so `inner` belongs to the enclosing iteration)? */
  private runsInPlace(fn: FunctionNode, inner: TSESTree.Node): boolean {
    if (fn.generator) return false;
    if (!this.isInvokedInPlace(fn)) return false;
    return !(fn.async && this.isAfterSuspension(fn, inner));
  }

  private isInvokedInPlace(fn: FunctionNode): boolean {
    const nameVariable = this.functionNameVariable(fn);
    if (nameVariable) {
      // `function make() {…}` / `const make = () => {…}`: in place when it is only ever called directly.
      const reads = nameVariable.references.filter(
        (reference) => reference.isRead() && !contains(fn, reference.identifier),
      );
      return reads.length > 0 && reads.every((reference) => isDirectCallee(reference.identifier));
    }
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return false;
    const value = outermostValue(fn);
    const parent = value.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.CallExpression) {
      if (parent.callee === value) return true;
      return this.classifyArgument(parent, value, fn).kind === 'sync';
    }
    if (parent.type === AST_NODE_TYPES.NewExpression && parent.callee !== value) {
      return this.classifyConstructorArgument(parent, value).kind === 'sync';
    }
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
      const name = memberPropertyName(parent);
      const call = parent.parent;
      return (
        (name === 'call' || name === 'apply') && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent
      );
    }
    return false;
  }

  /** What a call does with one of its arguments (a function value), from the call's shape alone. */
  classifyArgument(
    call: TSESTree.CallExpression,
    argument: TSESTree.Node,
    fn: FunctionNode | undefined,
    knownFunction = false,
  ): ArgumentUse {
    const callee = calleeName(call.callee);
    const argumentIndex = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    const name = callee.name;
    const isFunction = fn !== undefined || knownFunction;
    if (name !== undefined) {
      if (TIMER_FUNCTIONS.has(name)) return { kind: 'deferred', sink: `passed to \`${name}\``, callbackSlot: true };
      if (callee.isMember) {
        if (PROMISE_REACTIONS.has(name) || (DEFERRED_REACTIONS.has(name) && isFunction)) {
          return { kind: 'deferred', sink: `passed to \`.${name}()\``, promise: call, callbackSlot: true };
        }
        if (ANIMATION_METHODS.has(name) && isFunction) {
          return { kind: 'deferred', sink: `a completion callback passed to \`.${name}()\``, callbackSlot: true };
        }
        if (callee.objectName !== undefined && JQUERY_NAMES.has(callee.objectName) && AJAX_METHODS.has(name)) {
          return {
            kind: 'deferred',
            sink: `an Ajax callback passed to \`${callee.objectName}.${name}()\``,
            callbackSlot: true,
          };
        }
        if (
          callee.objectName !== undefined &&
          HTTP_MODULE_NAMES.has(callee.objectName) &&
          (name === 'get' || name === 'request')
        ) {
          return {
            kind: 'deferred',
            sink: `a response callback passed to \`${callee.objectName}.${name}()\``,
            callbackSlot: true,
          };
        }
        if (callee.rootName !== undefined && CALLBACK_API_ROOTS.has(callee.rootName) && isFunction) {
          return {
            kind: 'deferred',
            sink: `a completion callback passed to a \`${callee.rootName}\` API`,
            callbackSlot: true,
          };
        }
        const first = call.arguments[0];
        const namesEvent =
          first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' && argumentIndex >= 1;
        if (
          LISTENER_METHODS.has(name) ||
          (EVENT_SHORTHAND_METHODS.has(name) && isFunction) ||
          (EVENT_BINDING_METHODS.has(name) && isFunction && namesEvent)
        ) {
          return { kind: 'deferred', sink: `registered as a listener with \`.${name}()\``, callbackSlot: true };
        }
        const member = skipTypeWrappers(call.callee) as TSESTree.MemberExpression;
        // `.set(…)`/`.add(…)` store only on a receiver the file declares as a Map or Set; on anything
        // else they are ordinary methods, judged below like any other call.
        if (
          STORING_METHODS.has(name) &&
          (!COLLECTION_ONLY_STORING_METHODS.has(name) ||
            isKnownCollection(member.object, this.resolveBound) ||
            this.isCollectionType?.(member.object) === true)
        ) {
          const isValueSlot = (name !== 'set' || argumentIndex >= 1) && (name !== 'splice' || argumentIndex >= 2);
          if (isValueSlot) return { kind: 'deferred', sink: `stored with \`.${name}()\``, receiver: member.object };
          return { kind: 'sync', known: true };
        }
        if (name === 'assign' && callee.objectName === 'Object' && argumentIndex >= 1) {
          // `Object.assign(handlers, { [key]: fn })`: the target keeps what the sources hold.
          const target = call.arguments[0];
          if (
            target &&
            target.type !== AST_NODE_TYPES.ObjectExpression &&
            target.type !== AST_NODE_TYPES.SpreadElement
          ) {
            return { kind: 'deferred', sink: 'stored with `Object.assign()`', receiver: target };
          }
        }
        if (
          ROUTE_METHODS.has(name) &&
          (name === 'use' || argumentIndex >= 1) &&
          ((callee.rootName !== undefined && ROUTER_OBJECT_NAME.test(callee.rootName)) || isPathLike(call.arguments[0]))
        ) {
          return { kind: 'deferred', sink: `registered as a route handler with \`.${name}()\``, callbackSlot: true };
        }
        if (SYNCHRONOUS_CALLBACK_METHODS.has(name)) return { kind: 'sync', known: true };
      } else if (TEST_FUNCTIONS.has(name)) {
        return { kind: 'deferred', sink: `a test callback passed to \`${name}()\``, callbackSlot: true };
      }
    }
    if (
      callee.rootName !== undefined &&
      (callee.rootName === 'it' || callee.rootName === 'test' || callee.rootName === 'specify') &&
      (callee.isMember || call.callee.type === AST_NODE_TYPES.CallExpression)
    ) {
      return { kind: 'deferred', sink: `a test callback passed to \`${callee.rootName}\``, callbackSlot: true };
    }
    if (isFunction) {
      const api = coreCallbackApi(call.callee, this.resolveBound);
      if (api !== undefined) return { kind: 'deferred', sink: `a callback passed to \`${api}()\``, callbackSlot: true };
    }
    if (fn && argumentIndex === call.arguments.length - 1) {
      const first = parameterName(fn.params[0]);
      if (
        first !== undefined &&
        (STRONG_ERROR_FIRST_PARAMETER.test(first) ||
          (ERROR_FIRST_PARAMETER.test(first) && fn.params.length >= 2) ||
          (SHORT_ERROR_PARAMETER.test(first) && RESULT_PARAMETER.test(parameterName(fn.params[1]) ?? '')))
      ) {
        return { kind: 'deferred', sink: 'an error-first completion callback' };
      }
      const second = parameterName(fn.params[1]);
      if (
        first !== undefined &&
        second !== undefined &&
        REQUEST_PARAMETER.test(first) &&
        RESPONSE_PARAMETER.test(second)
      ) {
        return { kind: 'deferred', sink: 'a request handler' };
      }
    }
    if (isFunction && argumentIndex >= 0) {
      const helper = calleeDefinition(call.callee, this.resolveBound);
      const receiver = callee.objectName === undefined ? (callee.isMember ? '.' : '') : `${callee.objectName}.`;
      const shown = name === undefined ? 'a helper' : `\`${receiver}${name}()\``;
      if (helper) return this.helperUse(helper, argumentIndex, call, shown) ?? { kind: 'sync' };
      // Declared elsewhere: `onClick(el, fn)`, `editor.onDidChange(fn)` register, like `{ onClick: fn }`.
      if (name !== undefined && LISTENER_NAME.test(name)) {
        return { kind: 'deferred', sink: `registered as a listener with ${shown}`, callbackSlot: true };
      }
    }
    return { kind: 'sync' };
  }

  private classifyConstructorArgument(expression: TSESTree.NewExpression, argument: TSESTree.Node): ArgumentUse {
    const callee = skipTypeWrappers(expression.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && /Observer$/.test(callee.name)) {
      return { kind: 'deferred', sink: `passed to \`new ${callee.name}\``, callbackSlot: true };
    }
    const argumentIndex = expression.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    const constructor = argumentIndex >= 0 ? constructorDefinition(expression, this.resolveBound) : undefined;
    const shown = callee.type === AST_NODE_TYPES.Identifier ? `\`new ${callee.name}()\`` : 'a constructor';
    return (constructor && this.helperUse(constructor, argumentIndex, expression, shown)) ?? { kind: 'sync' };
  }

  /**
   * A function handed to a helper the file declares: deferred when the helper itself keeps it for later
   * (stores it, registers it, schedules it, or calls it from a function that runs later). The helper's
   * promise, when the caller awaits it, ends the deferral like `await p.then(fn)` does.
   */
  private helperUse(
    helper: FunctionNode,
    index: number,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    shown: string,
    key?: string,
  ): ArgumentUse | undefined {
    const deferral = this.parameterDeferral(helper, index, key);
    if (!deferral) return undefined;
    return {
      kind: 'deferred',
      sink: `kept for later by ${shown}`,
      promise: call,
      callbackSlot: deferral.callbackSlot,
    };
  }

  /** `bindAction({ el, run: () => … })`: a function in an options object handed to a helper the file declares. */
  private optionCallbackUse(
    holder: TSESTree.Node | undefined,
    objectValue: TSESTree.Node,
    key: string,
  ): ArgumentUse | undefined {
    if (holder?.type !== AST_NODE_TYPES.CallExpression && holder?.type !== AST_NODE_TYPES.NewExpression)
      return undefined;
    const index = holder.arguments.indexOf(objectValue as TSESTree.CallExpressionArgument);
    if (index < 0) return undefined;
    const helper =
      holder.type === AST_NODE_TYPES.CallExpression
        ? calleeDefinition(holder.callee, this.resolveBound)
        : constructorDefinition(holder, this.resolveBound);
    if (!helper) return undefined;
    const callee = calleeName(holder.callee);
    const prefix = holder.type === AST_NODE_TYPES.NewExpression ? 'new ' : '';
    const shown = callee.name === undefined ? 'a helper' : `\`${prefix}${callee.name}()\``;
    return this.helperUse(helper, index, holder, shown, key);
  }

  /**
   * What `helper` does with the function it receives as parameter `index`, or as property `key` of the
   * options object it receives there (cached per helper).
   */
  private parameterDeferral(helper: FunctionNode, index: number, key?: string): HelperDeferral | undefined {
    let perHelper = this.helperCache.get(helper);
    if (!perHelper) {
      perHelper = new Map();
      this.helperCache.set(helper, perHelper);
    }
    const slot = key === undefined ? String(index) : `${index}.${key}`;
    const cached = perHelper.get(slot);
    if (cached !== undefined) return cached ?? undefined;
    if (this.helperDepth >= MAX_FOLLOW_DEPTH) {
      this.helperDepthReached = true;
      return undefined;
    }
    perHelper.set(slot, null); // a helper that hands the callback to itself adds nothing
    const outerReached = this.helperDepthReached;
    this.helperDepthReached = false;
    this.helperDepth += 1;
    let result: HelperDeferral | undefined;
    try {
      result = this.findParameterDeferral(helper, index, key);
    } finally {
      this.helperDepth -= 1;
    }
    // An answer cut short by the depth limit may differ from a fresh one: keep it uncached.
    if (result || !this.helperDepthReached) perHelper.set(slot, result ?? null);
    else perHelper.delete(slot);
    this.helperDepthReached ||= outerReached;
    return result;
  }

  /** The expressions inside `helper` that read the callback: the parameter, or `options.key` / `{ key }`. */
  private callbackReads(helper: FunctionNode, index: number, key: string | undefined): TSESTree.Node[] {
    const parameterVariable = (name: string): Variable | undefined =>
      this.sourceCode
        .getDeclaredVariables(helper)
        .find(
          (declared) => declared.name === name && declared.defs.some((definition) => definition.type === 'Parameter'),
        );
    const reads = (variable: Variable | undefined): TSESTree.Node[] =>
      (variable?.references ?? [])
        .filter((reference) => reference.isRead() && isValueReference(reference))
        .map((reference) => reference.identifier);
    const parameter = parameterAt(helper, index);
    if (key === undefined) {
      // `fn(…)`, `fn.call(…)`, `list.push(fn)` use the function; `options.el` only reads a property of it.
      return (parameter ? reads(parameterVariable(parameter.name)) : []).filter((identifier) => {
        const member = identifier.parent;
        return (
          member?.type !== AST_NODE_TYPES.MemberExpression ||
          member.object !== identifier ||
          FUNCTION_METHODS.has(memberPropertyName(member) ?? '')
        );
      });
    }
    if (parameter) {
      // `function bind(options) { el.addEventListener('click', options.run); }`
      return reads(parameterVariable(parameter.name)).flatMap((identifier) => {
        const member = identifier.parent;
        return member?.type === AST_NODE_TYPES.MemberExpression &&
          member.object === identifier &&
          memberPropertyName(member) === key
          ? [member]
          : [];
      });
    }
    let pattern: TSESTree.Node | undefined = helper.params[index];
    if (pattern?.type === AST_NODE_TYPES.AssignmentPattern) pattern = pattern.left;
    if (pattern?.type !== AST_NODE_TYPES.ObjectPattern) return [];
    // `function bind({ el, run }) { … }`
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyKeyName(property) !== key) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      return value.type === AST_NODE_TYPES.Identifier ? reads(parameterVariable(value.name)) : [];
    }
    return [];
  }

  private findParameterDeferral(
    helper: FunctionNode,
    index: number,
    key: string | undefined,
  ): HelperDeferral | undefined {
    for (const identifier of this.callbackReads(helper, index, key)) {
      const fate = this.fateOf(identifier, {
        chain: [],
        fn: undefined,
        depth: 1,
        viaVariable: true,
        home: helper,
        knownFunction: true,
      });
      if (fate.kind === 'deferred') return { callbackSlot: fate.callbackSlot === true };
      // Used from a function the helper hands over for later (`el.addEventListener('click', () => cb())`).
      for (let owner = enclosingFunction(identifier); owner && owner !== helper; owner = enclosingFunction(owner)) {
        const ownerFate = this.fateOf(owner, { chain: [], fn: owner, depth: 1, viaVariable: false, home: helper });
        if (ownerFate.kind === 'deferred') return { callbackSlot: true };
        if (ownerFate.kind === 'suspends' && this.isAfterSuspension(owner, identifier)) {
          return { callbackSlot: true };
        }
      }
      if (helper.async && this.isAfterSuspension(helper, identifier)) {
        return { callbackSlot: true };
      }
    }
    return undefined;
  }

  private isPromiseConstructor(expression: TSESTree.NewExpression): boolean {
    const callee = skipTypeWrappers(expression.callee);
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise';
  }

  private resolve(identifier: TSESTree.Identifier): Variable | undefined {
    let scope: TSESLint.Scope.Scope | null = this.sourceCode.getScope(identifier);
    while (scope) {
      const found = scope.set.get(identifier.name);
      if (found) return found;
      scope = scope.upper;
    }
    return undefined;
  }

  /** Where the function value at `start` (the function itself or an identifier holding it) ends up. */
  fateOf(start: TSESTree.Node, context: FateContext): Fate {
    if (start.type === AST_NODE_TYPES.FunctionDeclaration) {
      const [nameVariable] = this.sourceCode.getDeclaredVariables(start);
      return nameVariable ? this.followVariable(nameVariable, context) : SYNC;
    }
    let node: TSESTree.Node = start;
    for (;;) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (!parent) return SYNC;
      if (isTransparentWrapper(parent, node)) {
        node = parent;
        continue;
      }
      switch (parent.type) {
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.SpreadElement:
        case AST_NODE_TYPES.ArrayExpression:
          node = parent;
          continue;
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== node) return SYNC;
          const name = memberPropertyName(parent);
          const call: TSESTree.Node | undefined = parent.parent;
          if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
            if (name === 'bind') {
              node = call;
              continue;
            }
            if (name === 'call' || name === 'apply') return this.invokedFate(call, context);
          }
          return SYNC;
        }
        case AST_NODE_TYPES.CallExpression:
          if (parent.callee === node) return this.invokedFate(parent, context);
          return this.argumentFate(parent, node, context);
        case AST_NODE_TYPES.NewExpression: {
          if (parent.callee === node) return SYNC;
          if (this.isPromiseConstructor(parent)) return this.invokedFate(parent, context);
          const use = this.classifyConstructorArgument(parent, node);
          if (use.kind === 'deferred') {
            return {
              kind: 'deferred',
              sink: use.sink,
              sinkNode: parent,
              viaVariable: context.viaVariable,
              callbackSlot: use.callbackSlot === true,
            };
          }
          return context.fn?.async && node === context.fn
            ? { kind: 'suspends', invocation: parent, viaVariable: context.viaVariable }
            : SYNC;
        }
        case AST_NODE_TYPES.Property: {
          if (parent.value !== node || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return SYNC;
          const objectValue = outermostValue(parent.parent);
          const key = propertyKeyName(parent);
          const holder = objectValue.parent;
          if (
            key !== undefined &&
            (key === 'get' || key === 'set') &&
            holder?.type === AST_NODE_TYPES.CallExpression &&
            /^define(?:Property|Properties)$/.test(calleeName(holder.callee).name ?? '')
          ) {
            return {
              kind: 'deferred',
              sink: `an accessor defined with \`${calleeName(holder.callee).name ?? ''}\``,
              sinkNode: holder,
              viaVariable: context.viaVariable,
            };
          }
          if (
            key !== undefined &&
            CALLBACK_OPTION_KEY.test(key) &&
            (holder?.type === AST_NODE_TYPES.CallExpression || holder?.type === AST_NODE_TYPES.NewExpression) &&
            holder.callee !== objectValue
          ) {
            return {
              kind: 'deferred',
              sink: `handed over as the \`${key}\` callback`,
              sinkNode: holder,
              viaVariable: context.viaVariable,
            };
          }
          const optionUse = key === undefined ? undefined : this.optionCallbackUse(holder, objectValue, key);
          if (optionUse?.kind === 'deferred' && holder) {
            return {
              kind: 'deferred',
              sink: optionUse.sink,
              sinkNode: holder,
              ...(optionUse.promise ? { promise: optionUse.promise } : {}),
              viaVariable: context.viaVariable,
              callbackSlot: optionUse.callbackSlot === true,
            };
          }
          node = parent.parent;
          continue;
        }
        case AST_NODE_TYPES.JSXExpressionContainer: {
          const owner = parent.parent;
          const sink =
            owner.type === AST_NODE_TYPES.JSXAttribute && owner.name.type === AST_NODE_TYPES.JSXIdentifier
              ? `the \`${owner.name.name}\` prop of a JSX element`
              : 'passed into JSX';
          const isHandlerProp =
            owner.type === AST_NODE_TYPES.JSXAttribute &&
            owner.name.type === AST_NODE_TYPES.JSXIdentifier &&
            /^on[A-Z]/.test(owner.name.name);
          return {
            kind: 'deferred',
            sink,
            sinkNode: parent,
            viaVariable: context.viaVariable,
            callbackSlot: isHandlerProp,
          };
        }
        case AST_NODE_TYPES.AssignmentExpression: {
          if (parent.right !== node || parent.operator === '+=' || parent.operator === '-=') return SYNC;
          const left = skipTypeWrappers(parent.left);
          if (left.type === AST_NODE_TYPES.MemberExpression) {
            const text = this.sourceCode.getText(left);
            const shown = text.length > 40 ? 'an object property' : `\`${text}\``;
            const property = memberPropertyName(left);
            return {
              kind: 'deferred',
              sink: `stored in ${shown}`,
              sinkNode: parent,
              viaVariable: context.viaVariable,
              callbackSlot: property !== undefined && /^on[a-z]/i.test(property),
            };
          }
          if (left.type === AST_NODE_TYPES.Identifier) {
            const variable = this.resolve(left);
            const region = context.home ?? context.chain[context.chain.length - 1];
            const declaredInside =
              variable !== undefined &&
              region !== undefined &&
              variable.defs.length > 0 &&
              variable.defs.every((definition) => contains(region, definition.name));
            if (!declaredInside || !variable) {
              return {
                kind: 'deferred',
                sink: `stored in the outer variable \`${left.name}\``,
                sinkNode: parent,
                viaVariable: context.viaVariable,
              };
            }
            return this.followVariable(variable, context);
          }
          return SYNC;
        }
        case AST_NODE_TYPES.VariableDeclarator: {
          if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return SYNC;
          const declared = this.sourceCode
            .getDeclaredVariables(parent)
            .find((variable) => variable.name === (parent.id as TSESTree.Identifier).name);
          return declared ? this.followVariable(declared, context) : SYNC;
        }
        case AST_NODE_TYPES.ReturnStatement:
          return this.returnedFate(enclosingFunction(parent), context);
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return parent.body === node ? this.returnedFate(parent, context) : SYNC;
        case AST_NODE_TYPES.YieldExpression:
          return parent.delegate
            ? SYNC
            : { kind: 'deferred', sink: 'yielded by a generator', sinkNode: parent, viaVariable: context.viaVariable };
        case AST_NODE_TYPES.PropertyDefinition:
          return parent.value === node
            ? { kind: 'deferred', sink: 'stored in a class field', sinkNode: parent, viaVariable: context.viaVariable }
            : SYNC;
        default:
          return SYNC;
      }
    }
  }

  /** Follows a variable holding the function: the worst fate among its uses. */
  private followVariable(variable: Variable, context: FateContext): Fate {
    if (context.depth >= MAX_FOLLOW_DEPTH) return SYNC;
    const outermost = context.chain[context.chain.length - 1];
    let result: Fate = SYNC;
    for (const reference of variable.references) {
      if (!reference.isRead() || !isValueReference(reference)) continue;
      const identifier = reference.identifier;
      if (context.fn && contains(context.fn, identifier)) continue;
      if (outermost && !contains(outermost, identifier)) {
        return {
          kind: 'deferred',
          sink: `kept in \`${variable.name}\` and used after the loop`,
          sinkNode: identifier,
          viaVariable: true,
        };
      }
      const fate = this.fateOf(identifier, { ...context, depth: context.depth + 1, viaVariable: true });
      if (fate.kind === 'deferred') return fate;
      if (fate.kind === 'suspends' && result.kind === 'sync') result = fate;
    }
    return result;
  }

  private invokedFate(call: TSESTree.CallExpression | TSESTree.NewExpression, context: FateContext): Fate {
    const fn = context.fn;
    if (!fn) return SYNC;
    if (fn.generator) return SYNC;
    if (fn.async) return { kind: 'suspends', invocation: call, viaVariable: context.viaVariable };
    return SYNC;
  }

  private argumentFate(call: TSESTree.CallExpression, argument: TSESTree.Node, context: FateContext): Fate {
    const use = this.classifyArgument(call, argument, context.fn, context.knownFunction === true);
    if (use.kind === 'deferred') {
      if (use.receiver && this.isIterationLocal(use.receiver, context.chain)) return SYNC;
      if (use.receiver && context.home && this.isDeclaredIn(use.receiver, context.home)) return SYNC;
      if (this.isTimerClearedInIteration(call, context.chain)) return SYNC;
      return {
        kind: 'deferred',
        sink: use.sink,
        sinkNode: call,
        ...(use.promise ? { promise: use.promise } : {}),
        viaVariable: context.viaVariable,
        callbackSlot: use.callbackSlot === true,
      };
    }
    if (context.fn?.async) return { kind: 'suspends', invocation: call, viaVariable: context.viaVariable };
    if (!use.known && context.depth < MAX_FOLLOW_DEPTH) {
      // `el.addEventListener('input', debounce(() => …, 300))`: an unknown wrapper whose result is
      // handed to a callback-only slot wraps the function for later.
      const wrapped = this.fateOf(call, { ...context, fn: undefined, depth: context.depth + 1 });
      if (wrapped.kind === 'deferred' && wrapped.callbackSlot) {
        const wrapper = calleeName(call.callee).name;
        return {
          ...wrapped,
          sink: `wrapped by ${wrapper === undefined ? 'a helper' : `\`${wrapper}()\``}, which is ${wrapped.sink}`,
          viaVariable: context.viaVariable,
        };
      }
    }
    return SYNC;
  }

  /**
   * `const timer = setTimeout(…); try { await work(); } finally { clearTimeout(timer); }`: the timer
   * is cancelled before the iteration ends, so its callback can only run during it.
   */
  private isTimerClearedInIteration(call: TSESTree.CallExpression, chain: LoopNode[]): boolean {
    const innermost = chain[0];
    const name = calleeName(call.callee).name;
    if (!innermost || (name !== 'setTimeout' && name !== 'setInterval')) return false;
    const holder = outermostValue(call).parent;
    let handle: Variable | undefined;
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
      const id = holder.id;
      handle = this.sourceCode.getDeclaredVariables(holder).find((variable) => variable.name === id.name);
    } else if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.left.type === AST_NODE_TYPES.Identifier) {
      handle = this.resolve(holder.left);
    }
    if (!handle) return false;
    const home = enclosingFunction(call);
    return handle.references.some((reference) => {
      const identifier = reference.identifier;
      const parent = identifier.parent;
      return (
        reference.isRead() &&
        identifier.range[0] > call.range[1] &&
        contains(innermost, identifier) &&
        enclosingFunction(identifier) === home &&
        parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.arguments[0] === identifier &&
        CANCEL_FUNCTIONS.has(calleeName(parent.callee).name ?? '')
      );
    });
  }

  /** A `let`/`const` collection created inside a loop body of the chain: it is rebuilt every iteration. */
  private isIterationLocal(receiver: TSESTree.Node, chain: LoopNode[]): boolean {
    const target = skipTypeWrappers(receiver);
    if (target.type !== AST_NODE_TYPES.Identifier || chain.length === 0) return false;
    const variable = this.resolve(target);
    const definition = variable?.defs[0];
    if (!variable || !definition || definition.type !== 'Variable' || definition.parent.kind === 'var') return false;
    return chain.some((loop) => contains(loop.body, definition.name));
  }

  /** A collection declared inside `home` (a helper's own local list): it lives and dies with the call. */
  private isDeclaredIn(receiver: TSESTree.Node, home: FunctionNode): boolean {
    const target = skipTypeWrappers(receiver);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = this.resolve(target)?.defs[0];
    return definition !== undefined && definition.type !== 'Parameter' && contains(home, definition.name);
  }

  /** The function is returned from `owner`: follow the value `owner`'s call produces. */
  /** The variable naming a function declaration or a `const f = () => …` initialiser. */
  private functionNameVariable(fn: FunctionNode): Variable | undefined {
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
      return fn.id ? this.sourceCode.getDeclaredVariables(fn)[0] : undefined;
    }
    const declarator = fn.parent;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== fn) return undefined;
    const id = declarator.id;
    if (id.type !== AST_NODE_TYPES.Identifier) return undefined;
    return this.sourceCode.getDeclaredVariables(declarator).find((variable) => variable.name === id.name);
  }

  private returnedFate(owner: FunctionNode | undefined, context: FateContext): Fate {
    if (!owner || owner === context.home) return SYNC; // the helper's result is judged at its call
    if (context.chain.some((loop) => contains(owner, loop))) return SYNC; // `return` leaves the loop
    const nameVariable = this.functionNameVariable(owner);
    if (nameVariable && !owner.async && context.depth < MAX_FOLLOW_DEPTH) {
      // A factory declared in the loop (`function make() { return () => i; }`): follow its calls.
      for (const reference of nameVariable.references) {
        if (!reference.isRead() || !isDirectCallee(reference.identifier)) continue;
        const call = reference.identifier.parent as TSESTree.CallExpression;
        const fate = this.fateOf(call, { ...context, depth: context.depth + 1 });
        if (fate.kind === 'deferred') return fate;
      }
      return SYNC;
    }
    const value = outermostValue(owner);
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression) {
      if (parent.callee === value) return owner.async ? SYNC : this.fateOf(parent, context);
      const name = calleeName(parent.callee).name;
      if (name !== undefined && RESULT_COLLECTING_METHODS.has(name) && !owner.async)
        return this.fateOf(parent, context);
    }
    return SYNC;
  }

  /** Is the promise value at `start` awaited (or returned out of the loop) before the iteration can end? */
  promiseAwaited(start: TSESTree.Node, chain: LoopNode[], depth = 0): boolean {
    let node = start;
    for (;;) {
      const parent = node.parent;
      if (!parent) return false;
      if (isTransparentWrapper(parent, node)) {
        node = parent;
        continue;
      }
      switch (parent.type) {
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.YieldExpression:
          return true;
        case AST_NODE_TYPES.SpreadElement:
        case AST_NODE_TYPES.ArrayExpression:
          node = parent;
          continue;
        case AST_NODE_TYPES.MemberExpression: {
          const name = memberPropertyName(parent);
          const call = parent.parent;
          if (
            parent.object === node &&
            name !== undefined &&
            PROMISE_REACTIONS.has(name) &&
            call?.type === AST_NODE_TYPES.CallExpression &&
            call.callee === parent
          ) {
            node = call;
            continue;
          }
          return false;
        }
        case AST_NODE_TYPES.CallExpression: {
          if (parent.callee === node) return false;
          const callee = calleeName(parent.callee);
          if (callee.objectName === 'Promise' && callee.name !== undefined && PROMISE_COMBINATORS.has(callee.name)) {
            node = parent;
            continue;
          }
          if ((callee.name === 'push' || callee.name === 'unshift') && callee.isMember && depth < MAX_FOLLOW_DEPTH) {
            const receiver = skipTypeWrappers((skipTypeWrappers(parent.callee) as TSESTree.MemberExpression).object);
            if (receiver.type === AST_NODE_TYPES.Identifier && this.isIterationLocal(receiver, chain)) {
              const variable = this.resolve(receiver);
              return variable !== undefined && this.variableAwaited(variable, chain, depth, parent);
            }
          }
          return false;
        }
        case AST_NODE_TYPES.ReturnStatement:
          return this.returnedPromiseAwaited(enclosingFunction(parent), chain, depth);
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return parent.body === node && this.returnedPromiseAwaited(parent, chain, depth);
        case AST_NODE_TYPES.VariableDeclarator: {
          if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
          const name = parent.id.name;
          const variable = this.sourceCode.getDeclaredVariables(parent).find((declared) => declared.name === name);
          return variable !== undefined && this.variableAwaited(variable, chain, depth, parent);
        }
        case AST_NODE_TYPES.AssignmentExpression: {
          const left = skipTypeWrappers(parent.left);
          if (parent.right !== node || left.type !== AST_NODE_TYPES.Identifier) return false;
          const variable = this.resolve(left);
          return variable !== undefined && this.variableAwaited(variable, chain, depth, parent);
        }
        default:
          return false;
      }
    }
  }

  private returnedPromiseAwaited(owner: FunctionNode | undefined, chain: LoopNode[], depth: number): boolean {
    if (!owner) return false;
    if (chain.some((loop) => contains(owner, loop))) return true; // returned out of the loop: it ends
    const value = outermostValue(owner);
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression) {
      if (parent.callee === value) return this.promiseAwaited(parent, chain, depth);
      const name = calleeName(parent.callee).name;
      if (name !== undefined && (PROMISE_REACTIONS.has(name) || RESULT_COLLECTING_METHODS.has(name))) {
        return this.promiseAwaited(parent, chain, depth);
      }
    }
    return false;
  }

  /** Is a variable holding the promise (or an array of them) awaited later in the same iteration? */
  private variableAwaited(variable: Variable, chain: LoopNode[], depth: number, after: TSESTree.Node): boolean {
    const innermost = chain[0];
    if (!innermost || depth >= MAX_FOLLOW_DEPTH) return false;
    return variable.references.some(
      (reference) =>
        reference.isRead() &&
        contains(innermost, reference.identifier) &&
        reference.identifier.range[0] >= after.range[1] &&
        this.promiseAwaited(reference.identifier, chain, depth + 1),
    );
  }

  /** Is `sinkNode` inside the executor of a `new Promise(...)` that the iteration awaits? */
  insideAwaitedExecutor(sinkNode: TSESTree.Node, chain: LoopNode[]): boolean {
    const innermost = chain[0];
    let current = sinkNode.parent;
    while (current && current !== innermost) {
      if (isFunctionNode(current)) {
        const value = outermostValue(current);
        const holder = value.parent;
        if (
          holder?.type === AST_NODE_TYPES.NewExpression &&
          holder.arguments[0] === value &&
          this.isPromiseConstructor(holder) &&
          this.promiseAwaited(holder, chain)
        ) {
          return true;
        }
        if (
          holder?.type === AST_NODE_TYPES.CallExpression &&
          holder.callee !== value &&
          this.classifyArgument(holder, value, current).kind === 'deferred'
        ) {
          return false;
        }
      }
      current = current.parent;
    }
    return false;
  }

  /** `await` expressions and `for await` loops of `fn` itself (not of nested functions), in source order. */
  private suspensionPoints(fn: FunctionNode): TSESTree.Node[] {
    const cached = this.suspensionCache.get(fn);
    if (cached) return cached;
    const points: TSESTree.Node[] = [];
    const visitorKeys = this.sourceCode.visitorKeys;
    const visit = (node: TSESTree.Node): void => {
      if (node.type === AST_NODE_TYPES.AwaitExpression) points.push(node);
      if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) points.push(node);
      if (node !== fn && isFunctionNode(node)) return;
      const keys = visitorKeys[node.type] ?? [];
      for (const key of keys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) {
            if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
          }
        } else if (child && typeof child === 'object' && 'type' in child) {
          visit(child as TSESTree.Node);
        }
      }
    };
    if (fn.async) visit(fn.body);
    this.suspensionCache.set(fn, points);
    return points;
  }

  /** Does `node` (inside async `fn`) run after `fn` has suspended at least once? */
  isAfterSuspension(fn: FunctionNode, node: TSESTree.Node): boolean {
    const points = this.suspensionPoints(fn);
    if (points.length === 0) return false;
    for (const point of points) {
      const resumesAt = point.type === AST_NODE_TYPES.ForOfStatement ? point.right.range[1] : point.range[1];
      if (node.range[0] >= resumesAt) return true;
      // A loop inside `fn` that holds both: the next round reads after this round's await.
      let ancestor = point.parent;
      while (ancestor && ancestor !== fn) {
        if (isLoopNode(ancestor) && contains(ancestor, node)) return true;
        ancestor = ancestor.parent;
      }
    }
    return false;
  }

  /**
   * Does the loop change `variable` after a closure created at `position` captured it?
   * `outside` is the function itself (its own writes do not count). `bindingScopeOverride` asks
   * "what if the binding were scoped to this node instead" (used to vet the `let` suggestion).
   */
  sharedBinding(
    variable: Binding,
    position: TSESTree.Node,
    outside: TSESTree.Node,
    chain: LoopNode[],
    bindingScopeOverride?: TSESTree.Node,
  ): SharedBinding | undefined {
    const definition = variable.defs[0];
    if (!definition) {
      // Only an undeclared global (assembled from unresolved references) has no definition.
      if (variable.scope.block.type !== AST_NODE_TYPES.Program) return undefined;
    } else if (!isReassignableDefinition(definition)) {
      return undefined;
    }
    const outermost = chain[chain.length - 1];
    const isVar =
      bindingScopeOverride === undefined &&
      definition?.type === 'Variable' &&
      definition.parent.kind === 'var' &&
      outermost !== undefined &&
      contains(outermost, definition.name);
    const bindingScope = bindingScopeOverride ?? variable.scope.block;
    const perIterationLoop = chain.find((loop) => contains(loop, bindingScope));
    const sharedWrites: TSESTree.Node[] = [];
    const laterWrites: TSESTree.Node[] = [];
    for (const reference of variable.references) {
      if (!reference.isWrite()) continue;
      const identifier = reference.identifier;
      if (contains(outside, identifier)) continue;
      if (!LoopClosureAnalyzer.hasLoopAncestor(identifier)) continue;
      const writeChain = this.loopChain(identifier);
      const sharedLoop = chain.find(
        (loop) => loop !== bindingScope && contains(bindingScope, loop) && writeChain.includes(loop),
      );
      if (sharedLoop) {
        sharedWrites.push(identifier);
        continue;
      }
      if (
        perIterationLoop &&
        identifier.range[0] >= position.range[1] &&
        contains(bindingScope, identifier) &&
        !(isLoopNode(bindingScope) && !contains(bindingScope.body, identifier)) &&
        writeChain.includes(perIterationLoop) &&
        !onExclusiveBranches(position, identifier, bindingScope)
      ) {
        laterWrites.push(identifier);
      }
    }
    if (sharedWrites.length + laterWrites.length === 0) return undefined;
    // `var self = this` in a loop body stores the same value every time; a `true`/`false` flag set
    // later (`let done = false; … done = true`) is read by callbacks precisely for its latest state.
    if (assignsOneConstantValue(variable) || assignsOnlyBooleans(variable)) return undefined;
    if (sharedWrites.length > 0) {
      const reason: ShareReason = isVar ? 'var' : definition ? 'outer' : 'global';
      return { variable, reason, writes: [...sharedWrites, ...laterWrites] };
    }
    if (laterWrites.length > 0 && !(definition && isDeclaredForLaterAssignment(definition))) {
      return { variable, reason: 'later', writes: laterWrites };
    }
    return undefined;
  }

  /**
   * Is the code at `position` directly followed (in the same iteration) by a `break`, `return` or
   * `throw` that leaves every loop changing the binding, with nothing in between that changes it?
   */
  isFollowedByExit(position: TSESTree.Node, binding: SharedBinding, chain: LoopNode[]): boolean {
    let outermost: LoopNode | undefined;
    for (const loop of chain) {
      if (binding.writes.some((write) => contains(loop, write))) outermost = loop;
    }
    outermost ??= chain[0];
    if (!outermost) return false;
    let node: TSESTree.Node = position;
    for (;;) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (!parent || parent === outermost || isLoopNode(parent)) return false; // a body's end starts the next round
      if (parent.type === AST_NODE_TYPES.ThrowStatement) return true;
      if (parent.type === AST_NODE_TYPES.ReturnStatement) {
        const owner = enclosingFunction(parent);
        if (!owner || !contains(outermost, owner)) return true; // `return f(() => …)` leaves the loop
        node = owner; // returning from a callback that runs in place
        continue;
      }
      const list = statementList(parent);
      let leftFunction: FunctionNode | undefined;
      if (list) {
        const index = list.indexOf(node);
        for (let next = index + 1; next < list.length && !leftFunction; next += 1) {
          const sibling = list[next] as TSESTree.Statement;
          const verdict = this.exitVerdict(sibling, binding, outermost);
          if (verdict === 'exits') return true;
          if (verdict === 'blocks') return false;
          if (verdict === 'leaves-function') {
            leftFunction = enclosingFunction(sibling);
            if (!leftFunction) return false;
          }
        }
      }
      node = leftFunction ?? parent;
    }
  }

  private exitVerdict(
    statement: TSESTree.Statement,
    binding: SharedBinding,
    outermost: LoopNode,
  ): 'exits' | 'continues' | 'blocks' | 'leaves-function' {
    switch (statement.type) {
      case AST_NODE_TYPES.BreakStatement: {
        const target = breakTarget(statement);
        return target && contains(target, outermost) ? 'exits' : 'blocks';
      }
      case AST_NODE_TYPES.ReturnStatement: {
        const owner = enclosingFunction(statement);
        if (owner && contains(outermost, owner)) return 'leaves-function';
        return 'exits';
      }
      case AST_NODE_TYPES.ThrowStatement:
        return 'exits';
      case AST_NODE_TYPES.EmptyStatement:
        return 'continues';
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.VariableDeclaration:
        return binding.writes.some((write) => contains(statement, write)) ? 'blocks' : 'continues';
      default:
        return 'blocks';
    }
  }
}

/** `var`/`let` declarations, parameters, catch bindings, function and class names can be reassigned. */
export function isReassignableDefinition(definition: TSESLint.Scope.Definition): boolean {
  switch (definition.type) {
    case 'Variable':
      return definition.parent.kind === 'var' || definition.parent.kind === 'let';
    case 'Parameter':
    case 'CatchClause':
    case 'FunctionName':
    case 'ClassName':
      return true;
    default:
      return false;
  }
}

/**
 * `let timer;` / `let handle = null;` (not a loop head): declared empty and filled in later, so a
 * closure reading it wants the later value.
 */
function isDeclaredForLaterAssignment(definition: TSESLint.Scope.Definition): boolean {
  if (definition.type !== 'Variable') return false;
  const declaration = definition.parent;
  const holder = declaration.parent;
  if (
    (holder.type === AST_NODE_TYPES.ForInStatement || holder.type === AST_NODE_TYPES.ForOfStatement) &&
    holder.left === declaration
  ) {
    return false;
  }
  const init = definition.node.init;
  if (init === null) return true;
  return (
    (init.type === AST_NODE_TYPES.Literal && init.value === null) ||
    (init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined')
  );
}

/** The value a plain write stores (`let x = v`, `x = v`), or undefined for any other kind of write. */
function storedValue(write: TSESTree.Node): TSESTree.Node | undefined {
  const parent = write.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === write) return parent.init ?? undefined;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === write && parent.operator === '=')
    return parent.right;
  return undefined;
}

/** Every write of `variable` is a plain `=` (or initialiser) of the same `this` or literal. */
function assignsOneConstantValue(variable: Binding): boolean {
  const values = new Set<string>();
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const value = storedValue(reference.identifier);
    if (!value) return false;
    const unwrapped = skipTypeWrappers(value);
    if (unwrapped.type === AST_NODE_TYPES.ThisExpression) values.add('this');
    else if (unwrapped.type === AST_NODE_TYPES.Literal && !('regex' in unwrapped)) values.add(String(unwrapped.raw));
    else return false;
  }
  return values.size === 1;
}

/** Every write of `variable` stores a `true`/`false` literal. */
function assignsOnlyBooleans(variable: Binding): boolean {
  let writes = 0;
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    writes += 1;
    const value = storedValue(reference.identifier);
    if (!value) return false;
    const unwrapped = skipTypeWrappers(value);
    if (unwrapped.type === AST_NODE_TYPES.Literal && typeof unwrapped.value === 'boolean') continue;
    return false;
  }
  return writes > 0;
}

/**
 * `fn` gives `variable` its own value (`current = next();` as a statement of its body) before any of
 * its reads, so it never observes the value the loop left there.
 */
export function assignedBeforeRead(fn: FunctionNode, variable: Binding): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  let assignedAt: number | undefined;
  for (const statement of fn.body.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = statement.expression;
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
    const left = expression.left;
    if (variable.references.some((reference) => reference.identifier === left && reference.isWrite())) {
      assignedAt = statement.range[1];
      break;
    }
  }
  if (assignedAt === undefined) return false;
  const end = assignedAt;
  return variable.references.every(
    (reference) => !reference.isRead() || !contains(fn, reference.identifier) || reference.identifier.range[0] >= end,
  );
}

const COMPARISON_OPERATORS = new Set(['===', '!==', '==', '!=', '<', '<=', '>', '>=']);

/** `count++`, `count -= 1`, or the declaration's own initialiser: a write that only counts. */
function isCountingWrite(reference: Reference): boolean {
  if (reference.init) return true;
  const identifier = reference.identifier;
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.UpdateExpression) return true;
  return (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.left === identifier &&
    (parent.operator === '+=' || parent.operator === '-=')
  );
}

/**
 * A completion latch: a counter or sentinel declared before the loop that the function only tests or
 * counts down (`if (--pending === 0) done()`, `bound === binding`, `if (i >= 0)` after `i = -1`).
 * Such a function is written to see the binding's latest value; a per-iteration copy would break it.
 * Required: declared outside every loop of `chain`; every read inside `fn` a comparison operand or
 * `fn` writes it too; and outside `fn` it is only counted (`++`, `+=`) or set again after the loop.
 */
export function isLatch(fn: FunctionNode, variable: Binding, chain: LoopNode[]): boolean {
  const outermost = chain[chain.length - 1];
  const definition = variable.defs[0];
  if (!outermost || definition?.type !== 'Variable' || contains(outermost, definition.name)) return false;
  let writesInside = false;
  let comparedOnly = true;
  let countedOnly = true;
  let setAfterLoop = false;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (contains(fn, identifier)) {
      if (reference.isWrite()) writesInside = true;
      else if (reference.isRead()) {
        const parent = identifier.parent;
        if (!(parent?.type === AST_NODE_TYPES.BinaryExpression && COMPARISON_OPERATORS.has(parent.operator)))
          comparedOnly = false;
      }
      continue;
    }
    if (!reference.isWrite()) continue;
    if (identifier.range[0] >= outermost.range[1]) setAfterLoop = true;
    else if (!isCountingWrite(reference)) countedOnly = false;
  }
  if (!countedOnly && !setAfterLoop) return false;
  return countedOnly ? writesInside || comparedOnly : comparedOnly;
}

/** Every read of `variable` inside `fn` only hands it to `clearTimeout` and friends. */
export function readsOnlyToCancel(fn: TSESTree.Node, variable: Binding): boolean {
  let sawRead = false;
  for (const reference of variable.references) {
    if (!reference.isRead() || !contains(fn, reference.identifier)) continue;
    sawRead = true;
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee === reference.identifier) return false;
    const name = calleeName(parent.callee).name;
    if (name === undefined || !CANCEL_FUNCTIONS.has(name)) return false;
  }
  return sawRead;
}

function statementList(node: TSESTree.Node): TSESTree.Node[] | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
    case AST_NODE_TYPES.Program:
      return node.body;
    case AST_NODE_TYPES.SwitchCase:
      return node.consequent;
    default:
      return undefined;
  }
}

/** The statement a `break` leaves: its labelled statement, or the nearest loop/switch. */
function breakTarget(statement: TSESTree.BreakStatement): TSESTree.Node | undefined {
  let current: TSESTree.Node | undefined = statement.parent;
  while (current && !isFunctionNode(current)) {
    if (statement.label) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === statement.label.name)
        return current;
    } else if (isBreakableStatement(current)) {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

/**
 * True when `a` and `b` sit on the two branches of one `if` or `?:` that runs once per life of the binding
 * (no loop or function between it and `bindingScope`): `if (ok) fns.push(() => x); else x = next;` can never
 * write `x` after that closure captured it.
 */
function onExclusiveBranches(a: TSESTree.Node, b: TSESTree.Node, bindingScope: TSESTree.Node): boolean {
  for (let node: TSESTree.Node | undefined = a.parent; node && node !== bindingScope; node = node.parent) {
    if (isLoopNode(node) || isFunctionNode(node)) return false;
    if (node.type !== AST_NODE_TYPES.IfStatement && node.type !== AST_NODE_TYPES.ConditionalExpression) continue;
    if (!contains(node, b)) continue;
    const { consequent, alternate } = node;
    const apart =
      alternate !== null &&
      ((contains(consequent, a) && contains(alternate, b)) || (contains(alternate, a) && contains(consequent, b)));
    return apart && runsOncePerBinding(node, bindingScope);
  }
  return false;
}

function runsOncePerBinding(node: TSESTree.Node, bindingScope: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== bindingScope; current = current.parent) {
    if (isLoopNode(current) || isFunctionNode(current)) return false;
  }
  return true;
}
