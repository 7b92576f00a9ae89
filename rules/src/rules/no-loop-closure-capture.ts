import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { askChecker } from '../util/checker-guard.js';
import { createRule } from '../util/create-rule.js';
import { contains, type FunctionNode, type LoopNode } from '../util/loop-closure/ast.js';
import {
  assignedBeforeRead,
  isLatch,
  isReassignableDefinition,
  LoopClosureAnalyzer,
  readsOnlyToCancel,
  type Binding,
  type Fate,
  type Reference,
  type SharedBinding,
  type ShareReason,
} from '../util/loop-closure/analyzer.js';
import { letConversion, letFix, snapshotFix } from '../util/loop-closure/fixes.js';
import { COLLECTION_CONSTRUCTORS } from '../util/loop-closure/sinks.js';

export type MessageId = 'sharedBinding' | 'suggestLet' | 'suggestSnapshot';
export type Options = [];

const REASON_TEXT: Record<ShareReason, string> = {
  var: 'is a `var` shared by all iterations',
  outer: 'is reassigned by the loop',
  later: 'is reassigned after this function captured it',
  global: 'is a global the loop reassigns',
};

type DeferringFate = Exclude<Fate, { kind: 'sync' }>;

function sinkText(fate: DeferringFate): string {
  return fate.kind === 'deferred' ? `is ${fate.sink}` : 'reads it after an `await` that the loop does not wait for';
}

function quoteList(names: string[]): string {
  const quoted = names.map((name) => `\`${name}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
}

export default createRule<Options, MessageId>({
  name: 'no-loop-closure-capture',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow functions created in a loop that run after the iteration and read a binding the loop keeps changing',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      sharedBinding: '`{{name}}` {{reason}}, but {{subject}} {{sink}}: it sees a later value{{others}}.',
      suggestLet: 'Declare {{names}} with `let` so every iteration gets its own binding.',
      suggestSnapshot: 'Copy {{names}} into a `const` before the function is created and read the copy inside it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const services = sourceCode.parserServices;
    const program = services?.program;
    const nodeMap = services?.esTreeNodeToTSNodeMap;
    /** With type information: is the receiver of a `.set(…)`/`.add(…)` a `Map`/`Set`? */
    const isCollectionType =
      program && nodeMap
        ? (node: TSESTree.Node): boolean | undefined =>
            askChecker(context, node, () => {
              const tsNode = nodeMap.get(node);
              if (!tsNode) return undefined;
              const type = program.getTypeChecker().getTypeAtLocation(tsNode);
              const name = (type.aliasSymbol ?? type.getSymbol())?.getName();
              return name !== undefined && COLLECTION_CONSTRUCTORS.has(name);
            })
        : undefined;
    const analyzer = new LoopClosureAnalyzer(sourceCode, isCollectionType);

    /** Unresolved references of the file by name (undeclared globals such as a sloppy `for (i = 0; …)`). */
    let undeclared: Map<string, Binding> | undefined;
    function undeclaredGlobal(name: string): Binding | undefined {
      if (!undeclared) {
        const byName = new Map<string, Reference[]>();
        for (const reference of sourceCode.scopeManager?.globalScope?.through ?? []) {
          const list = byName.get(reference.identifier.name) ?? [];
          list.push(reference);
          byName.set(reference.identifier.name, list);
        }
        undeclared = new Map();
        for (const [globalName, references] of byName) {
          if (references.some((reference) => reference.isWrite())) {
            undeclared.set(globalName, { name: globalName, defs: [], references, scope: { block: sourceCode.ast } });
          }
        }
      }
      return undeclared.get(name);
    }

    /** The bindings `fn` reads from outside itself, with the first kept read of each. */
    function capturedReads(fn: FunctionNode, keep: (identifier: TSESTree.Node) => boolean): Map<Binding, Reference> {
      const reads = new Map<Binding, Reference>();
      for (const reference of sourceCode.getScope(fn).through) {
        if (!reference.isRead() || !keep(reference.identifier)) continue;
        if ((reference as { isValueReference?: boolean }).isValueReference === false) continue;
        const binding = reference.resolved ?? undeclaredGlobal(reference.identifier.name);
        if (!binding || reads.has(binding)) continue;
        reads.set(binding, reference);
      }
      return reads;
    }

    /**
     * Does `fn` read a binding from outside that code outside `fn` assigns (a reassignable declaration, or an
     * undeclared global)? Only such a binding can hold a different value when a deferred `fn` runs, so a
     * function without one needs no look at where it goes.
     */
    function readsBindingWrittenOutside(fn: FunctionNode): boolean {
      for (const binding of capturedReads(fn, () => true).keys()) {
        const definition = binding.defs[0];
        if (definition && !isReassignableDefinition(definition)) continue;
        for (const reference of binding.references) {
          if (reference.isWrite() && !contains(fn, reference.identifier)) return true;
        }
      }
      return false;
    }

    /** Deferral still harmless because the iteration awaits the promise it is tied to? */
    function awaitedInIteration(fate: DeferringFate, chain: LoopNode[]): boolean {
      if (fate.kind === 'suspends') return analyzer.promiseAwaited(fate.invocation, chain);
      if (fate.promise && analyzer.promiseAwaited(fate.promise, chain)) return true;
      return analyzer.insideAwaitedExecutor(fate.sinkNode, chain);
    }

    function findShared(
      fn: FunctionNode,
      fate: DeferringFate,
      chain: LoopNode[],
      position: TSESTree.Node,
    ): SharedBinding[] {
      const keep =
        fate.kind === 'suspends'
          ? (identifier: TSESTree.Node): boolean => analyzer.isAfterSuspension(fn, identifier)
          : (): boolean => true;
      const innermost = chain[0];
      const exitFrom =
        fate.kind === 'suspends'
          ? fate.invocation
          : innermost && contains(innermost, fate.sinkNode)
            ? fate.sinkNode
            : position;
      const found: SharedBinding[] = [];
      for (const variable of capturedReads(fn, keep).keys()) {
        const binding = analyzer.sharedBinding(variable, position, fn, chain);
        if (!binding || readsOnlyToCancel(fn, variable) || assignedBeforeRead(fn, variable)) continue;
        if (isLatch(fn, variable, chain)) continue;
        if (analyzer.isFollowedByExit(exitFrom, binding, chain)) continue;
        // Awaited before the loop that changes the binding can advance?
        const changing = chain.findIndex((loop) => binding.writes.every((write) => contains(loop, write)));
        if (awaitedInIteration(fate, chain.slice(Math.max(changing, 0)))) continue;
        found.push(binding);
      }
      return found;
    }

    function report(
      node: TSESTree.Node,
      subject: string,
      fate: DeferringFate,
      shared: SharedBinding[],
      suggest: TSESLint.ReportSuggestionArray<MessageId>,
    ): void {
      const [first, ...rest] = shared;
      if (!first) return;
      context.report({
        node,
        messageId: 'sharedBinding',
        data: {
          name: first.variable.name,
          reason: REASON_TEXT[first.reason],
          subject,
          sink: sinkText(fate),
          others: rest.length > 0 ? ` (so does ${quoteList(rest.map((binding) => binding.variable.name))})` : '',
        },
        suggest,
      });
    }

    /** How many loop statements enclose the node being visited (the traversal's open loop ancestors). */
    let loopDepth = 0;

    /** A function created inside a loop. */
    function checkCreatedInLoop(fn: FunctionNode): boolean {
      if (loopDepth === 0) return false;
      const chain = analyzer.loopChain(fn);
      if (chain.length === 0) return false;
      if (!readsBindingWrittenOutside(fn)) return true;
      const fate = analyzer.fateOf(fn, { chain, fn, depth: 0, viaVariable: false });
      if (fate.kind === 'sync') return true;
      const shared = findShared(fn, fate, chain, fn);
      if (shared.length === 0) return true;
      const names = quoteList(shared.map((binding) => binding.variable.name));
      const suggest: TSESLint.ReportSuggestionArray<MessageId> = [];
      const declarations = letConversion(sourceCode, analyzer, shared, fn, chain);
      if (declarations)
        suggest.push({ messageId: 'suggestLet', data: { names }, fix: letFix(sourceCode, declarations) });
      const snapshot = snapshotFix(sourceCode, shared, fn, chain);
      if (snapshot) suggest.push({ messageId: 'suggestSnapshot', data: { names }, fix: snapshot });
      report(fn, 'this function', fate, shared, suggest);
      return true;
    }

    /** A named function declared outside any loop and handed from inside one to something that runs it later. */
    function checkNamedDeferrals(fn: FunctionNode): void {
      let nameNode: TSESTree.Node | undefined;
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) nameNode = fn;
      else if (
        fn.parent.type === AST_NODE_TYPES.VariableDeclarator &&
        fn.parent.init === fn &&
        fn.parent.id.type === AST_NODE_TYPES.Identifier
      ) {
        nameNode = fn.parent;
      }
      if (!nameNode) return;
      const nameVariable = sourceCode.getDeclaredVariables(nameNode)[0];
      if (!nameVariable) return;
      const deferrals = nameVariable.references.filter(
        (reference) => reference.isRead() && !contains(fn, reference.identifier) && insideLoop(reference.identifier),
      );
      if (deferrals.length === 0) return;
      // Cheap filter: it must read something that is reassigned outside of it.
      const readsReassigned = [...capturedReads(fn, () => true).keys()].some((variable) =>
        variable.references.some((reference) => reference.isWrite() && !contains(fn, reference.identifier)),
      );
      if (!readsReassigned) return;
      for (const reference of deferrals) {
        const identifier = reference.identifier;
        const chain = analyzer.loopChain(identifier);
        if (chain.length === 0) continue;
        const fate = analyzer.fateOf(identifier, { chain, fn, depth: 1, viaVariable: true });
        if (fate.kind === 'sync') continue;
        const sinkNode = fate.kind === 'deferred' ? fate.sinkNode : fate.invocation;
        const shared = findShared(fn, fate, chain, identifier);
        if (shared.length === 0) continue;
        const name = nameVariable.name;
        report(sinkNode, `\`${name}\``, fate, shared, []);
      }
    }

    /** Named functions created outside every loop, checked once the file is known to have a loop. */
    const outsideLoops: FunctionNode[] = [];
    /** The loop statements not nested in another loop, in source order. */
    const outermostLoops: LoopNode[] = [];

    /** Is `node` inside a loop statement (the same as having a loop ancestor, by source range)? */
    function insideLoop(node: TSESTree.Node): boolean {
      for (const loop of outermostLoops) {
        if (loop.range[0] > node.range[0]) return false;
        if (node.range[1] <= loop.range[1]) return true;
      }
      return false;
    }

    function check(fn: FunctionNode): void {
      if (checkCreatedInLoop(fn)) return;
      // Only a named function can be handed over by name; without a loop in the file it never is.
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator)
        outsideLoops.push(fn);
    }

    const enterLoop = (loop: LoopNode): void => {
      if (loopDepth === 0) outermostLoops.push(loop);
      loopDepth += 1;
    };
    const exitLoop = (): void => {
      loopDepth -= 1;
    };

    return {
      ForStatement: enterLoop,
      'ForStatement:exit': exitLoop,
      ForInStatement: enterLoop,
      'ForInStatement:exit': exitLoop,
      ForOfStatement: enterLoop,
      'ForOfStatement:exit': exitLoop,
      WhileStatement: enterLoop,
      'WhileStatement:exit': exitLoop,
      DoWhileStatement: enterLoop,
      'DoWhileStatement:exit': exitLoop,
      ArrowFunctionExpression: check,
      FunctionExpression: check,
      FunctionDeclaration: check,
      'Program:exit'(): void {
        if (outermostLoops.length > 0) for (const fn of outsideLoops) checkNamedDeferrals(fn);
      },
    };
  },
});
