import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import {
  enclosingFunction,
  isFunctionNode,
  isTypeScriptFile,
  lineIndent,
  memberName,
  resolveVariable,
  skipWrappers,
  someDescendant,
  type FunctionNode,
} from '../util/async/ast.js';
import { bindingOrigin } from '../util/async/promise-oracle.js';

export type MessageId =
  | 'intervalDiscarded'
  | 'intervalNeverCleared'
  | 'effectTimer'
  | 'raceTimer'
  | 'suggestEffectCleanup'
  | 'suggestDispose'
  | 'suggestAbortSignal'
  | 'suggestClearInFinally';
export type Options = [];

type TimerKind = 'setInterval' | 'setTimeout';

/** The member names whose handle is used under one root (a class body or the file). */
interface MemberUses {
  has(name: string): boolean;
}

/** Where the handle a timer call returns ends up. */
type HandleFate =
  | { kind: 'discarded'; statement: TSESTree.ExpressionStatement | undefined }
  | {
      kind: 'variable';
      variable: TSESLint.Scope.Variable;
      name: string;
      declarator: TSESTree.VariableDeclarator | undefined;
    }
  | { kind: 'member'; name: string; assignment: TSESTree.AssignmentExpression }
  | { kind: 'field'; name: string; property: TSESTree.PropertyDefinition }
  | { kind: 'escapes' };

const TIMER_MODULES = new Set(['timers', 'node:timers']);
const TIMER_PROMISE_MODULES = new Set(['timers/promises', 'node:timers/promises']);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'global', 'self']);
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);
const DISPOSE_METHODS = ['dispose', 'close', 'stop', 'destroy', 'unsubscribe', 'shutdown', 'teardown', 'disconnect'];

export default createRule<Options, MessageId>({
  name: 'no-leaked-timer',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow timers whose handle is never cleared although they outlive their owner',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      intervalDiscarded: 'This `setInterval` handle is thrown away, so the timer can never be cleared.',
      intervalNeverCleared:
        '`{{name}}` holds a `setInterval` handle that is never cleared, so the timer outlives its owner.',
      effectTimer: "This `{{timer}}` in a React effect is not cleared by the effect's cleanup (`{{clear}}`).",
      raceTimer: 'This `Promise.race` timeout is never cleared: it stays armed after the work wins.',
      suggestEffectCleanup: "Store the handle and clear it in the effect's cleanup.",
      suggestDispose: 'Clear the interval in `{{method}}()`.',
      suggestAbortSignal: 'Pass `AbortSignal.timeout({{ms}})` to `fetch` instead of racing a timer.',
      suggestClearInFinally: 'Store the timer handle and clear it in `.finally(...)`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const memberUses = new Map<TSESTree.Node, Set<string>>();
    const thisMemberUses = new Map<TSESTree.Node, MemberUses>();
    const mayRacePromiseTimers =
      sourceCode.text.includes('timers/promises') && sourceCode.text.includes('Promise.race');
    let raceIndex: { calledNames: Set<string>; elements: Set<TSESTree.Node> } | undefined;

    /** The timer kind of this call when it is the global (or `node:timers`) timer function. */
    function timerKind(call: TSESTree.CallExpression): TimerKind | 'promises' | undefined {
      const callee = skipWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const name = callee.name;
        if (name !== 'setInterval' && name !== 'setTimeout') return undefined;
        const variable = resolveVariable(sourceCode, callee);
        if (!variable || variable.defs.length === 0) return name;
        const origin = bindingOrigin(variable);
        if (origin && TIMER_MODULES.has(origin.source)) return name;
        if (origin && TIMER_PROMISE_MODULES.has(origin.source)) return 'promises';
        return undefined;
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(callee);
        if (name !== 'setInterval' && name !== 'setTimeout') return undefined;
        const object = skipWrappers(callee.object);
        if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
        if (GLOBAL_OBJECTS.has(object.name)) return name;
        const origin = bindingOrigin(resolveVariable(sourceCode, object));
        if (origin && TIMER_MODULES.has(origin.source)) return name;
        if (origin && TIMER_PROMISE_MODULES.has(origin.source)) return 'promises';
      }
      return undefined;
    }

    function climbWrappers(node: TSESTree.Node): TSESTree.Node {
      let current = node;
      while (
        current.parent &&
        (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
          current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          current.parent.type === AST_NODE_TYPES.TSTypeAssertion ||
          current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
      ) {
        current = current.parent;
      }
      return current;
    }

    function isUnrefChain(node: TSESTree.Node): boolean {
      const parent = node.parent;
      return (
        parent?.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === node &&
        memberName(parent) === 'unref' &&
        parent.parent?.type === AST_NODE_TYPES.CallExpression
      );
    }

    function handleFate(call: TSESTree.CallExpression): HandleFate | 'unref' {
      const node = climbWrappers(call);
      if (isUnrefChain(node)) return 'unref';
      const parent = node.parent;
      if (!parent) return { kind: 'escapes' };
      if (parent.type === AST_NODE_TYPES.ExpressionStatement) return { kind: 'discarded', statement: parent };
      if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) {
        return isPromiseExecutor(parent) ? { kind: 'discarded', statement: undefined } : { kind: 'escapes' };
      }
      if (
        parent.type === AST_NODE_TYPES.PropertyDefinition &&
        parent.value === node &&
        !parent.static &&
        !parent.computed &&
        (parent.key.type === AST_NODE_TYPES.Identifier || parent.key.type === AST_NODE_TYPES.PrivateIdentifier)
      ) {
        return { kind: 'field', name: parent.key.name, property: parent };
      }
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
        if (parent.id.type !== AST_NODE_TYPES.Identifier) return { kind: 'escapes' };
        if (parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return { kind: 'escapes' };
        const [variable] = sourceCode.getDeclaredVariables(parent);
        if (!variable) return { kind: 'escapes' };
        if (variable.scope.type === 'global' && sourceCode.ast.sourceType !== 'module') return { kind: 'escapes' };
        return { kind: 'variable', variable, name: parent.id.name, declarator: parent };
      }
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=') {
        const target = skipWrappers(parent.left);
        if (target.type === AST_NODE_TYPES.Identifier) {
          const variable = resolveVariable(sourceCode, target);
          if (!variable || variable.defs.length === 0) return { kind: 'escapes' };
          if (variable.scope.type === 'global' && sourceCode.ast.sourceType !== 'module') return { kind: 'escapes' };
          return { kind: 'variable', variable, name: target.name, declarator: undefined };
        }
        if (target.type === AST_NODE_TYPES.MemberExpression) {
          const name = memberName(target);
          const object = skipWrappers(target.object);
          if (
            name &&
            (object.type === AST_NODE_TYPES.ThisExpression ||
              object.type === AST_NODE_TYPES.Identifier ||
              object.type === AST_NODE_TYPES.MemberExpression)
          ) {
            return { kind: 'member', name, assignment: parent };
          }
        }
      }
      return { kind: 'escapes' };
    }

    /** A read that does something with the handle (clears it, passes it, returns it, stores it) — not a mere test. */
    function isUsingRead(identifier: TSESTree.Node): boolean {
      const node = climbWrappers(identifier);
      const parent = node.parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.IfStatement && parent.test === node) return false;
      if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === node) return false;
      if (parent.type === AST_NODE_TYPES.UnaryExpression && (parent.operator === '!' || parent.operator === 'typeof'))
        return false;
      if (parent.type === AST_NODE_TYPES.BinaryExpression) return false;
      if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === node) return false;
      return true;
    }

    function variableIsUsed(variable: TSESLint.Scope.Variable): boolean {
      return variable.references.some((reference) => reference.isRead() && isUsingRead(reference.identifier));
    }

    /** Member names used in `scope` other than as a plain assignment target (scanned once per scope, lazily). */
    function memberIsUsed(name: string, scope: TSESTree.Node): boolean {
      let uses = memberUses.get(scope);
      if (!uses) {
        const found = new Set<string>();
        someDescendant(
          scope,
          (node) => {
            if (node.type === AST_NODE_TYPES.MemberExpression) {
              const parent = node.parent;
              const isTarget =
                parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node && parent.operator === '=';
              const property = memberName(node);
              if (property && !isTarget && isUsingRead(node)) {
                found.add(property);
                found.add(memberKey(node));
              }
            } else if (node.type === AST_NODE_TYPES.ObjectPattern) {
              for (const property of node.properties) {
                if (property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier)
                  found.add(property.key.name);
              }
            }
            return false;
          },
          false,
          sourceCode.visitorKeys,
        );
        uses = found;
        memberUses.set(scope, uses);
      }
      return uses.has(name);
    }

    /** `this.x = setInterval(…)` is looked up among the uses of `this.x` in its class; other targets by their text. */
    function storedMemberIsUsed(assignment: TSESTree.AssignmentExpression, name: string): boolean {
      const target = skipWrappers(assignment.left);
      if (target.type === AST_NODE_TYPES.MemberExpression) {
        const object = skipWrappers(target.object);
        if (object.type === AST_NODE_TYPES.ThisExpression || isThisAlias(object)) {
          return thisMemberIsUsed(name, assignment);
        }
      }
      return memberIsUsed(storedMemberKey(assignment, name), memberScope(assignment));
    }

    /** `that` of `var that = this` (never reassigned): `that.timer` is `this.timer`. */
    function isThisAlias(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = resolveVariable(sourceCode, node);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      return (
        definition?.type === 'Variable' &&
        definition.node.init !== null &&
        skipWrappers(definition.node.init).type === AST_NODE_TYPES.ThisExpression &&
        variable!.references.every((reference) => reference.init === true || !reference.isWrite())
      );
    }

    /**
     * Whether the handle in `this.<name>` is used where `from` stores it: in its class (and the file's classes that
     * extend it), or in the whole file outside a class. A use passes `this.<name>` on (to `clearInterval`, any call,
     * a return, another variable), calls `.unref()`/`.close()` on it, destructures it from `this`, or passes
     * `<identifier>.<name>` on (`clearInterval(self.timer)`). Tests (`if (this.timer)`), reads of its properties and
     * other objects' members of the same name (`this.options.interval`) are not uses.
     */
    function thisMemberIsUsed(name: string, from: TSESTree.Node): boolean {
      let classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined;
      for (let node: TSESTree.Node | undefined = from.parent; node; node = node.parent) {
        if (node.type === AST_NODE_TYPES.ClassBody) {
          classNode = node.parent;
          break;
        }
      }
      const roots: TSESTree.Node[] = classNode ? [classNode.body, ...subclassBodies(classNode)] : [sourceCode.ast];
      return roots.some((root) => thisMemberUsesIn(root).has(name));
    }

    function subclassBodies(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.ClassBody[] {
      const className = classNode.id?.name;
      if (!className || !sourceCode.text.includes(`extends ${className}`)) return [];
      const bodies: TSESTree.ClassBody[] = [];
      someDescendant(
        sourceCode.ast,
        (node) => {
          if (
            (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) &&
            node.superClass?.type === AST_NODE_TYPES.Identifier &&
            node.superClass.name === className
          ) {
            bodies.push(node.body);
          }
          return false;
        },
        false,
        sourceCode.visitorKeys,
      );
      return bodies;
    }

    /**
     * Names `n` whose handle `this.n` (or `someone.n`) is used under `root`. The root is scanned once, lazily, for
     * the `this.n` / `someone.n` expressions by name; whether one of them is a use is decided for a name when it
     * is asked about.
     */
    function thisMemberUsesIn(root: TSESTree.Node): MemberUses {
      let uses = thisMemberUses.get(root);
      if (uses) return uses;
      const candidates = new Map<string, TSESTree.MemberExpression[]>();
      const found = new Set<string>();
      someDescendant(
        root,
        (node) => {
          if (node.type === AST_NODE_TYPES.MemberExpression) {
            const property = memberName(node);
            if (!property) return false;
            const objectType = skipWrappers(node.object).type;
            if (objectType === AST_NODE_TYPES.ThisExpression || objectType === AST_NODE_TYPES.Identifier) {
              const list = candidates.get(property);
              if (list) list.push(node);
              else candidates.set(property, [node]);
            }
          } else if (node.type === AST_NODE_TYPES.ObjectPattern) {
            const parent = node.parent;
            const source =
              parent.type === AST_NODE_TYPES.VariableDeclarator
                ? parent.init
                : parent.type === AST_NODE_TYPES.AssignmentExpression
                  ? parent.right
                  : null;
            if (source && skipWrappers(source).type === AST_NODE_TYPES.ThisExpression) {
              for (const property of node.properties) {
                if (property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier)
                  found.add(property.key.name);
              }
            }
          }
          return false;
        },
        false,
        sourceCode.visitorKeys,
      );
      const decided = new Map<string, boolean>();
      uses = {
        has(name: string): boolean {
          if (found.has(name)) return true;
          let used = decided.get(name);
          if (used === undefined) {
            used = (candidates.get(name) ?? []).some((member) =>
              skipWrappers(member.object).type === AST_NODE_TYPES.ThisExpression
                ? isHandleUse(member)
                : isHandlePassedOn(member),
            );
            decided.set(name, used);
          }
          return used;
        },
      };
      thisMemberUses.set(root, uses);
      return uses;
    }

    /** `this.timer` used as a handle: passed on, returned, stored elsewhere, or `.unref()`/`.close()`d. */
    function isHandleUse(member: TSESTree.MemberExpression): boolean {
      const node = climbWrappers(member);
      const parent = node.parent;
      if (!parent || parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return false;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
        const method = memberName(parent);
        return (method === 'unref' || method === 'close') && parent.parent?.type === AST_NODE_TYPES.CallExpression;
      }
      return isUsingRead(member);
    }

    /** `self.timer` handed to a call, returned or stored: someone else may clear it. */
    function isHandlePassedOn(member: TSESTree.MemberExpression): boolean {
      const node = climbWrappers(member);
      const parent = node.parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
        return parent.arguments.includes(node as TSESTree.CallExpressionArgument);
      }
      return (
        parent.type === AST_NODE_TYPES.ReturnStatement ||
        (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) ||
        (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node)
      );
    }

    /** `timerRef.current` as written (whitespace and `?.` normalised). */
    function memberKey(member: TSESTree.Node): string {
      return `#${sourceCode.getText(member).replace(/\s+/g, '').replace(/\?\./g, '.')}`;
    }

    /** `this.timer` is looked up by name in its class; `timerRef.current` by its whole text in the file. */
    function storedMemberKey(assignment: TSESTree.AssignmentExpression, name: string): string {
      const target = skipWrappers(assignment.left);
      if (
        target.type === AST_NODE_TYPES.MemberExpression &&
        skipWrappers(target.object).type !== AST_NODE_TYPES.ThisExpression
      ) {
        return memberKey(target);
      }
      return name;
    }

    /** Where to look for uses of a stored member: the class of `this.x = …`, else the whole file. */
    function memberScope(assignment: TSESTree.AssignmentExpression): TSESTree.Node {
      const target = skipWrappers(assignment.left);
      if (
        target.type === AST_NODE_TYPES.MemberExpression &&
        skipWrappers(target.object).type === AST_NODE_TYPES.ThisExpression
      ) {
        for (let node: TSESTree.Node | undefined = assignment.parent; node; node = node.parent) {
          if (node.type === AST_NODE_TYPES.ClassBody) return node;
        }
      }
      return sourceCode.ast;
    }

    function isPromiseExecutor(fn: TSESTree.Node): boolean {
      const parent = fn.parent;
      return (
        isFunctionNode(fn) &&
        parent?.type === AST_NODE_TYPES.NewExpression &&
        parent.arguments[0] === fn &&
        parent.callee.type === AST_NODE_TYPES.Identifier &&
        parent.callee.name === 'Promise'
      );
    }

    function isPromiseRaceCall(node: TSESTree.Node): node is TSESTree.CallExpression {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipWrappers(node.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(callee) === 'race' &&
        skipWrappers(callee.object).type === AST_NODE_TYPES.Identifier &&
        (skipWrappers(callee.object) as TSESTree.Identifier).name === 'Promise'
      );
    }

    /** Elements of every `Promise.race([...])` in the file, and the names of functions called there (scanned once). */
    function races(): { calledNames: Set<string>; elements: Set<TSESTree.Node> } {
      if (raceIndex) return raceIndex;
      const calledNames = new Set<string>();
      const elements = new Set<TSESTree.Node>();
      raceIndex = { calledNames, elements };
      // `Promise.race` (or `Promise['race']`) is spelled in the text of a file that calls it.
      if (!sourceCode.text.includes('race')) return raceIndex;
      someDescendant(
        sourceCode.ast,
        (node) => {
          if (!isPromiseRaceCall(node)) return false;
          const array = node.arguments[0] && skipWrappers(node.arguments[0]);
          if (array?.type !== AST_NODE_TYPES.ArrayExpression) return false;
          for (const element of array.elements) {
            if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
            const inner = skipWrappers(element);
            elements.add(inner);
            const called = calledFunctionName(inner);
            if (called) calledNames.add(called);
          }
          return false;
        },
        false,
        sourceCode.visitorKeys,
      );
      raceIndex = { calledNames, elements };
      return raceIndex;
    }

    /** `timeout` for `timeout(ms)`, `this.timeout(ms)`, `timeout(ms).then(...)`. */
    function calledFunctionName(node: TSESTree.Node): string | undefined {
      let current = skipWrappers(node);
      while (current.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipWrappers(current.callee);
        if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
        const name = memberName(callee);
        const object = skipWrappers(callee.object);
        if (name === 'then' || name === 'catch' || name === 'finally') current = object;
        else return object.type === AST_NODE_TYPES.ThisExpression ? name : undefined;
      }
      return undefined;
    }

    /** The `new Promise(...)` whose executor starts this timer, when that promise is used as a `Promise.race` timeout. */
    function raceTimeoutPromise(
      call: TSESTree.CallExpression,
    ): { promise: TSESTree.NewExpression; direct: boolean } | undefined {
      const executor = enclosingFunction(call);
      if (!executor || !isPromiseExecutor(executor)) return undefined;
      const promise = executor.parent as TSESTree.NewExpression;
      const { elements, calledNames } = races();
      const node = climbWrappers(promise);
      if (elements.has(promise)) return { promise, direct: true };
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
        const [variable] = sourceCode.getDeclaredVariables(parent);
        if (variable?.references.some((reference) => elements.has(reference.identifier)))
          return { promise, direct: false };
      }
      const owner = returningFunction(node);
      if (owner) {
        const name = functionName(owner);
        if (name && calledNames.has(name)) return { promise, direct: false };
      }
      return undefined;
    }

    function returningFunction(node: TSESTree.Node): FunctionNode | undefined {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) return parent;
      if (parent?.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(parent);
      return undefined;
    }

    function functionName(fn: FunctionNode): string | undefined {
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
        return parent.id.name;
      if (
        parent?.type === AST_NODE_TYPES.MethodDefinition ||
        parent?.type === AST_NODE_TYPES.PropertyDefinition ||
        parent?.type === AST_NODE_TYPES.Property
      ) {
        return parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
      }
      if (fn.type === AST_NODE_TYPES.FunctionExpression) return fn.id?.name;
      return undefined;
    }

    /** The effect callback (`useEffect(() => …)`) that directly contains this timer call, if any. */
    function effectCallback(call: TSESTree.CallExpression): FunctionNode | undefined {
      const fn = enclosingFunction(call);
      if (!fn) return undefined;
      const parent = fn.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== fn) return undefined;
      const callee = skipWrappers(parent.callee);
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? memberName(callee)
            : undefined;
      return name && EFFECT_HOOKS.has(name) ? fn : undefined;
    }

    function returnsCleanup(effect: FunctionNode): boolean {
      if (effect.body.type !== AST_NODE_TYPES.BlockStatement) return false;
      return someDescendant(
        effect.body,
        (node) => node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null,
        true,
      );
    }

    function freshName(base: string): string {
      const text = sourceCode.text;
      for (let index = 0; ; index += 1) {
        const candidate = index === 0 ? base : `${base}${index + 1}`;
        if (!new RegExp(`\\b${candidate}\\b`).test(text)) return candidate;
      }
    }

    function effectSuggestion(
      effect: FunctionNode,
      fate: HandleFate,
      call: TSESTree.CallExpression,
      kind: TimerKind,
    ): TSESLint.ReportSuggestionArray<MessageId> {
      const body = effect.body;
      if (body.type !== AST_NODE_TYPES.BlockStatement || returnsCleanup(effect)) return [];
      const clear = kind === 'setInterval' ? 'clearInterval' : 'clearTimeout';
      const last = body.body.at(-1);
      if (!last) return [];
      const indent = lineIndent(sourceCode, last);
      if (fate.kind === 'discarded' && fate.statement && fate.statement.parent === body) {
        const name = freshName(kind === 'setInterval' ? 'interval' : 'timeout');
        const statement = fate.statement;
        return [
          {
            messageId: 'suggestEffectCleanup',
            fix: (fixer) => [
              fixer.insertTextBefore(statement, `const ${name} = `),
              fixer.insertTextAfter(last, `\n${indent}return () => ${clear}(${name});`),
            ],
          },
        ];
      }
      if (fate.kind === 'variable' && fate.declarator && fate.declarator.parent.parent === body) {
        return [
          {
            messageId: 'suggestEffectCleanup',
            fix: (fixer) => fixer.insertTextAfter(last, `\n${indent}return () => ${clear}(${fate.name});`),
          },
        ];
      }
      void call;
      return [];
    }

    function disposeSuggestion(fate: HandleFate): TSESLint.ReportSuggestionArray<MessageId> {
      let classBody: TSESTree.ClassBody | undefined;
      let memberText: string;
      if (fate.kind === 'field') {
        classBody = fate.property.parent;
        memberText = `this.${sourceCode.getText(fate.property.key)}`;
      } else {
        if (fate.kind !== 'member' || skipWrappers(fate.assignment.left).type !== AST_NODE_TYPES.MemberExpression)
          return [];
        const target = skipWrappers(fate.assignment.left) as TSESTree.MemberExpression;
        if (skipWrappers(target.object).type !== AST_NODE_TYPES.ThisExpression) return [];
        for (let node: TSESTree.Node | undefined = fate.assignment.parent; node; node = node.parent) {
          if (node.type === AST_NODE_TYPES.ClassBody) {
            classBody = node;
            break;
          }
        }
        memberText = sourceCode.getText(target);
      }
      if (!classBody) return [];
      const existing = classBody.body.find(
        (member): member is TSESTree.MethodDefinition =>
          member.type === AST_NODE_TYPES.MethodDefinition &&
          member.kind === 'method' &&
          !member.static &&
          member.key.type === AST_NODE_TYPES.Identifier &&
          DISPOSE_METHODS.includes(member.key.name) &&
          member.value.body !== null,
      );
      if (existing) {
        const block = existing.value.body!;
        const first = block.body[0];
        const method = (existing.key as TSESTree.Identifier).name;
        const indent = first ? lineIndent(sourceCode, first) : `${lineIndent(sourceCode, existing)}  `;
        return [
          {
            messageId: 'suggestDispose',
            data: { method },
            fix: (fixer) =>
              first
                ? fixer.insertTextBefore(first, `clearInterval(${memberText});\n${indent}`)
                : fixer.replaceText(
                    block,
                    `{\n${indent}clearInterval(${memberText});\n${lineIndent(sourceCode, existing)}}`,
                  ),
          },
        ];
      }
      const lastMember = classBody.body.at(-1);
      if (!lastMember) return [];
      const indent = lineIndent(sourceCode, lastMember);
      return [
        {
          messageId: 'suggestDispose',
          data: { method: 'dispose' },
          fix: (fixer) =>
            fixer.insertTextAfter(
              lastMember,
              `\n\n${indent}dispose() {\n${indent}  clearInterval(${memberText});\n${indent}}`,
            ),
        },
      ];
    }

    function raceSuggestions(
      call: TSESTree.CallExpression,
      promise: TSESTree.NewExpression,
    ): TSESLint.ReportSuggestionArray<MessageId> {
      const suggestions: TSESLint.ReportSuggestionArray<MessageId> = [];
      const array = climbWrappers(promise).parent;
      const race = array?.parent;
      if (array?.type !== AST_NODE_TYPES.ArrayExpression || !race || !isPromiseRaceCall(race)) return suggestions;
      const delay = call.arguments[1];
      const work = array.elements.filter((element) => element && skipWrappers(element) !== promise);
      if (delay && array.elements.length === 2 && work.length === 1) {
        const fetchCall = skipWrappers(work[0]!);
        if (
          fetchCall.type === AST_NODE_TYPES.CallExpression &&
          fetchCall.callee.type === AST_NODE_TYPES.Identifier &&
          fetchCall.callee.name === 'fetch' &&
          fetchCall.arguments.length >= 1 &&
          fetchCall.arguments.length <= 2 &&
          fetchCall.arguments[0]!.type !== AST_NODE_TYPES.SpreadElement
        ) {
          const init = fetchCall.arguments[1];
          const ms = sourceCode.getText(delay);
          const signal = `signal: AbortSignal.timeout(${ms})`;
          let options: string | undefined;
          if (!init) options = `{ ${signal} }`;
          else if (
            init.type === AST_NODE_TYPES.ObjectExpression &&
            !init.properties.some(
              (property) =>
                property.type === AST_NODE_TYPES.Property &&
                property.key.type === AST_NODE_TYPES.Identifier &&
                property.key.name === 'signal',
            )
          ) {
            options = `{ ${[...init.properties.map((property) => sourceCode.getText(property)), signal].join(', ')} }`;
          }
          if (options) {
            const replacement = `fetch(${sourceCode.getText(fetchCall.arguments[0]!)}, ${options})`;
            suggestions.push({
              messageId: 'suggestAbortSignal',
              data: { ms },
              fix: (fixer) => fixer.replaceText(race, replacement),
            });
          }
        }
      }
      let statement: TSESTree.Node = race;
      while (
        statement.parent &&
        statement.parent.type !== AST_NODE_TYPES.BlockStatement &&
        statement.parent.type !== AST_NODE_TYPES.Program &&
        statement.parent.type !== AST_NODE_TYPES.StaticBlock
      ) {
        statement = statement.parent;
      }
      if (!statement.parent || isFunctionNode(statement) || statement.type === AST_NODE_TYPES.ClassBody)
        return suggestions;
      const inExecutorBody = climbWrappers(call).parent;
      const handle = freshName('timeoutHandle');
      const declaration = isTypeScriptFile(context)
        ? `let ${handle}: ReturnType<typeof setTimeout> | undefined;`
        : `let ${handle};`;
      const indent = lineIndent(sourceCode, statement);
      const stmt = statement;
      suggestions.push({
        messageId: 'suggestClearInFinally',
        fix: (fixer) => [
          fixer.insertTextBefore(stmt, `${declaration}\n${indent}`),
          inExecutorBody?.type === AST_NODE_TYPES.ArrowFunctionExpression
            ? fixer.replaceText(climbWrappers(call), `{ ${handle} = ${sourceCode.getText(climbWrappers(call))}; }`)
            : fixer.insertTextBefore(call, `${handle} = `),
          fixer.insertTextAfter(race, `.finally(() => clearTimeout(${handle}))`),
        ],
      });
      return suggestions;
    }

    function check(call: TSESTree.CallExpression): void {
      const kind = timerKind(call);
      if (!kind) return;
      if (kind === 'promises') {
        checkPromiseTimer(call);
        return;
      }
      const fate = handleFate(call);
      if (fate === 'unref' || fate.kind === 'escapes') return;
      const leaked =
        fate.kind === 'discarded' ||
        (fate.kind === 'variable' && !variableIsUsed(fate.variable)) ||
        (fate.kind === 'member' && !storedMemberIsUsed(fate.assignment, fate.name)) ||
        (fate.kind === 'field' && !thisMemberIsUsed(fate.name, fate.property));
      if (!leaked) return;
      const race = kind === 'setTimeout' ? raceTimeoutPromise(call) : undefined;
      if (race) {
        context.report({
          node: call,
          messageId: 'raceTimer',
          suggest: race.direct && fate.kind === 'discarded' ? raceSuggestions(call, race.promise) : [],
        });
        return;
      }
      const effect = effectCallback(call);
      if (effect) {
        // A discarded one-shot timer next to a cleanup is usually guarded by a flag the cleanup sets; a stored
        // handle that the cleanup never touches is a forgotten clearTimeout.
        if (kind === 'setTimeout' && fate.kind === 'discarded' && returnsCleanup(effect)) return;
        context.report({
          node: call,
          messageId: 'effectTimer',
          data: { timer: kind, clear: kind === 'setInterval' ? 'clearInterval' : 'clearTimeout' },
          suggest: effectSuggestion(effect, fate, call, kind),
        });
        return;
      }
      if (kind !== 'setInterval') return;
      if (fate.kind === 'discarded') {
        context.report({ node: call, messageId: 'intervalDiscarded' });
        return;
      }
      const name =
        fate.kind === 'member'
          ? sourceCode.getText(fate.assignment.left)
          : fate.kind === 'field'
            ? `this.${sourceCode.getText(fate.property.key)}`
            : fate.name;
      context.report({
        node: call,
        messageId: 'intervalNeverCleared',
        data: { name },
        suggest: disposeSuggestion(fate),
      });
    }

    /** `timers/promises` `setTimeout(ms)` raced directly without a signal: the timer stays armed. */
    function checkPromiseTimer(call: TSESTree.CallExpression): void {
      const callee = skipWrappers(call.callee);
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? memberName(callee)
            : undefined;
      if (name !== 'setTimeout') {
        const origin =
          callee.type === AST_NODE_TYPES.Identifier ? bindingOrigin(resolveVariable(sourceCode, callee)) : undefined;
        if (origin?.imported !== 'setTimeout') return;
      }
      const options = call.arguments[2];
      if (options) return; // an options object: assume it carries a signal
      const node = climbWrappers(call);
      if (!races().elements.has(node) && !races().elements.has(call)) return;
      context.report({ node: call, messageId: 'raceTimer' });
    }

    return {
      'CallExpression[callee.type="Identifier"]'(call: TSESTree.CallExpression): void {
        const callee = call.callee as TSESTree.Identifier;
        if (callee.name === 'setInterval' || callee.name === 'setTimeout') {
          check(call);
          return;
        }
        // `import { setTimeout as sleep } from 'timers/promises'` raced without a signal
        if (!mayRacePromiseTimers) return;
        const origin = bindingOrigin(resolveVariable(sourceCode, callee));
        if (origin && TIMER_PROMISE_MODULES.has(origin.source) && origin.imported === 'setTimeout')
          checkPromiseTimer(call);
      },
      'CallExpression[callee.type="MemberExpression"][callee.property.name=/^set(Interval|Timeout)$/]'(
        call: TSESTree.CallExpression,
      ): void {
        check(call);
      },
    };
  },
});
