import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import {
  calleeName,
  isGlobalReference,
  isInAsyncFunction,
  memberName,
  operandText,
  resolveVariable,
  skipWrappers,
  someDescendant,
  type FunctionNode,
} from '../util/async/ast.js';
import { createPromiseOracle, isTestFrameworkCall } from '../util/async/promise-oracle.js';
import {
  cannotReject,
  hasCatchClause,
  isHandledChain,
  isResolveOnlyPromise,
  isResolveOnlyPromiseExpression,
  isSynchronousCallback,
  rejectsOnlySynchronously,
  returnsHandledPromiseFor,
  returnsPromiseRejectedOnlyBySyncErrors,
} from '../util/async/reject.js';

export type MessageId = 'floating' | 'unusedStored' | 'suggestAwait' | 'suggestCatch' | 'suggestVoid';
export type Options = [
  {
    /** Callee names (`name` or `object.name`) whose returned promise may be dropped. */
    allowedCalls?: string[];
    /** Also report promises bound to a variable or field that nothing awaits, returns or passes on. */
    checkStored?: boolean;
  },
];

const CATCH_HANDLER = '.catch((error) => console.error(error))';

export default createRule<Options, MessageId>({
  name: 'no-floating-promise',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow promises that are neither awaited, returned, passed on nor given a rejection handler',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      floating: 'Floating promise: nothing awaits, returns or handles it, so a rejection is lost.',
      unusedStored: 'The promise in `{{name}}` is never awaited, returned or passed on, so a rejection is lost.',
      suggestAwait: 'Add `await` (waits for the promise and lets its error propagate).',
      suggestCatch: 'Attach `.catch(...)` that reports the error.',
      suggestVoid: 'Discard the promise on purpose with `void` (a rejection is still unhandled).',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allowedCalls: { type: 'array', items: { type: 'string' } },
          checkStored: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allowedCalls: [], checkStored: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const oracle = createPromiseOracle(context);
    const allowedCalls = new Set(options.allowedCalls ?? []);
    const checkStored = options.checkStored !== false;

    /** Field promises (`this.x = p`, `x = p` in a class) waiting for the end of the file to know if `.x` is ever read. */
    const fieldCandidates: { name: string; report: TSESTree.Node; value: TSESTree.Expression }[] = [];
    /**
     * Checks that passed the cheap syntactic filters, judged at `Program:exit` in source order: by then the oracle
     * has indexed the file's awaited calls during ESLint's own traversal, so no verdict needs a walk of its own.
     */
    const pending: (() => void)[] = [];
    const memberReads = new Set<string>();

    function isAllowedCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      if (allowedCalls.size === 0) return false;
      const callee = skipWrappers(call.callee);
      const name = calleeName(call);
      if (name && allowedCalls.has(name)) return true;
      if (callee.type === AST_NODE_TYPES.MemberExpression && name) {
        const object = skipWrappers(callee.object);
        const objectName =
          object.type === AST_NODE_TYPES.Identifier
            ? object.name
            : object.type === AST_NODE_TYPES.MemberExpression
              ? memberName(object)
              : object.type === AST_NODE_TYPES.ThisExpression
                ? 'this'
                : undefined;
        if (objectName && allowedCalls.has(`${objectName}.${name}`)) return true;
      }
      return false;
    }

    /** A call whose promise cannot carry a lost rejection: a handled chain, a same-file function that cannot reject, a deliberate async rethrow. */
    function isSafeCall(call: TSESTree.CallExpression): boolean {
      if (isTestFrameworkCall(call) || isAllowedCall(call) || isHandledChain(call, sourceCode)) return true;
      if (isAsyncRethrow(call) || isSynchronousThenOfResolveOnlyPromise(call)) return true;
      const fn = oracle.calleeFunction(call);
      // A function that catches on purpose and can then only fail by a synchronous throw: nothing is lost by not
      // awaiting it that a synchronous call would not lose too.
      return (
        fn !== undefined &&
        (cannotReject(fn, sourceCode) ||
          (doesSomething(fn) && rejectsOnlySynchronously(fn, sourceCode)) ||
          returnsHandledPromiseFor(fn, call, sourceCode) ||
          returnsPromiseRejectedOnlyBySyncErrors(fn))
      );
    }

    /** A function with a body of its own (an empty `async` function is a stand-in whose real work is unknown). */
    function doesSomething(fn: FunctionNode): boolean {
      return hasCatchClause(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement || fn.body.body.length > 0;
    }

    /**
     * `this.ready.then(() => { … })` where `this.ready = new Promise((resolve) => { settle = resolve; })`, and the
     * microtask hop `Promise.resolve().then(finish)`: a promise that only ever resolves (an executor without
     * `reject`, see `isResolveOnlyPromise`; `Promise.resolve` of nothing or a literal), followed by a synchronous
     * callback, can only fail by a synchronous throw of that callback.
     */
    function isSynchronousThenOfResolveOnlyPromise(call: TSESTree.CallExpression): boolean {
      const callee = skipWrappers(call.callee);
      if (
        callee.type !== AST_NODE_TYPES.MemberExpression ||
        memberName(callee) !== 'then' ||
        call.arguments.length !== 1
      )
        return false;
      if (!isSynchronousCallback(call.arguments[0]!, sourceCode)) return false;
      const receiver = skipWrappers(callee.object);
      if (isResolvedWithLiteral(receiver) || isResolveOnlyPromiseExpression(receiver, sourceCode)) return true;
      let source: TSESTree.Node | null | undefined;
      if (receiver.type === AST_NODE_TYPES.Identifier) {
        const def = resolveVariable(sourceCode, receiver)?.defs[0];
        if (
          def?.type === 'Variable' &&
          def.node.type === AST_NODE_TYPES.VariableDeclarator &&
          def.parent?.type === AST_NODE_TYPES.VariableDeclaration &&
          def.parent.kind === 'const'
        ) {
          source = def.node.init;
        }
      } else if (
        receiver.type === AST_NODE_TYPES.MemberExpression &&
        skipWrappers(receiver.object).type === AST_NODE_TYPES.ThisExpression
      ) {
        // The assignment in the same function, before this statement.
        const name = memberName(receiver);
        const block = call.parent?.type === AST_NODE_TYPES.ExpressionStatement ? call.parent.parent : undefined;
        if (name && block?.type === AST_NODE_TYPES.BlockStatement) {
          for (const statement of block.body) {
            if (statement === call.parent) break;
            if (
              statement.type !== AST_NODE_TYPES.ExpressionStatement ||
              statement.expression.type !== AST_NODE_TYPES.AssignmentExpression
            )
              continue;
            const target = skipWrappers(statement.expression.left);
            if (
              target.type === AST_NODE_TYPES.MemberExpression &&
              skipWrappers(target.object).type === AST_NODE_TYPES.ThisExpression &&
              memberName(target) === name
            ) {
              source = statement.expression.right;
            }
          }
        }
      }
      const created = source && skipWrappers(source);
      return created?.type === AST_NODE_TYPES.NewExpression && isResolveOnlyPromise(created);
    }

    /** `Promise.resolve()`, `Promise.resolve(1)`: a promise already fulfilled with a value that is not a promise. */
    function isResolvedWithLiteral(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'resolve') return false;
      const object = skipWrappers(callee.object);
      return (
        object.type === AST_NODE_TYPES.Identifier &&
        object.name === 'Promise' &&
        isGlobalReference(sourceCode, object) &&
        node.arguments.every((argument) => argument.type === AST_NODE_TYPES.Literal)
      );
    }

    /**
     * `catch (error) { Promise.reject(error); }`, or `Promise.reject(error)` of an error held in a variable in a
     * function that is not a promise callback (`if (!listeners.length) Promise.reject(error);`): raises the error
     * as an unhandled rejection on purpose. In a `.then`/`.catch` callback the same line is a forgotten `return`.
     */
    function isAsyncRethrow(call: TSESTree.CallExpression): boolean {
      const callee = skipWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'reject') return false;
      const object = skipWrappers(callee.object);
      if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Promise') return false;
      const [argument] = call.arguments;
      if (argument?.type !== AST_NODE_TYPES.Identifier) return false;
      for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
        if (node.type === AST_NODE_TYPES.CatchClause) {
          return node.param?.type === AST_NODE_TYPES.Identifier && node.param.name === argument.name;
        }
        if (
          node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          node.type === AST_NODE_TYPES.FunctionExpression ||
          node.type === AST_NODE_TYPES.FunctionDeclaration
        ) {
          return !isPromiseCallback(node);
        }
      }
      return false;
    }

    /** A function passed to `.then`/`.catch`/`.finally`, or an `async` one: its value is a promise's outcome. */
    function isPromiseCallback(fn: FunctionNode): boolean {
      if (fn.async) return true;
      const parent = fn.parent;
      if (
        parent?.type !== AST_NODE_TYPES.CallExpression ||
        !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)
      )
        return false;
      const callee = skipWrappers(parent.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      return name === 'then' || name === 'catch' || name === 'finally';
    }

    /** The unhandled promise-valued part of an expression whose value is dropped, if any. */
    function findFloating(input: TSESTree.Node): TSESTree.Node | undefined {
      const node = skipWrappers(input);
      switch (node.type) {
        case AST_NODE_TYPES.ConditionalExpression:
          return findFloating(node.consequent) ?? findFloating(node.alternate);
        case AST_NODE_TYPES.LogicalExpression:
          // `save() && log()`: a promise on the left is always truthy, so it floats whatever the right does.
          return findFloating(node.right) ?? findFloatingOperand(node.left);
        case AST_NODE_TYPES.SequenceExpression:
          return node.expressions.map(findFloating).find((part) => part !== undefined);
        case AST_NODE_TYPES.CallExpression:
          // `super(…)` in a class that extends Promise constructs this object; it drops nothing.
          if (node.callee.type === AST_NODE_TYPES.Super) return undefined;
          if (isTestFrameworkCall(node) || isHandledChain(node, sourceCode)) return undefined;
          return oracle.isPromise(node) && !isSafeCall(node) ? node : undefined;
        case AST_NODE_TYPES.NewExpression:
          if (isAllowedCall(node)) return undefined;
          return oracle.isPromise(node) ? node : undefined;
        case AST_NODE_TYPES.TaggedTemplateExpression:
          return oracle.isPromise(node) ? node : undefined;
        default:
          return undefined;
      }
    }

    /** The left operand of a logical statement, when it is itself a promise-valued call. */
    function findFloatingOperand(input: TSESTree.Node): TSESTree.Node | undefined {
      const node = skipWrappers(input);
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return undefined;
      return findFloating(node);
    }

    function isPromiseValue(value: TSESTree.Expression): boolean {
      const node = skipWrappers(value);
      if (node.type === AST_NODE_TYPES.CallExpression) {
        if (isTestFrameworkCall(node) || isHandledChain(node, sourceCode)) return false;
        return oracle.isPromise(node) && !isSafeCall(node);
      }
      if (node.type === AST_NODE_TYPES.NewExpression) return !isAllowedCall(node) && oracle.isPromise(node);
      return false;
    }

    function statementSuggestions(
      statement: TSESTree.ExpressionStatement,
      floating: TSESTree.Node,
    ): TSESLint.ReportSuggestionArray<MessageId> {
      const expression = statement.expression;
      const suggestions: TSESLint.ReportSuggestionArray<MessageId> = [];
      const whole = operandText(sourceCode, expression);
      if (isInAsyncFunction(statement)) {
        suggestions.push({
          messageId: 'suggestAwait',
          fix: (fixer) => fixer.replaceText(expression, `await ${whole}`),
        });
      }
      const simple = skipWrappers(expression);
      if (simple.type === AST_NODE_TYPES.CallExpression || simple.type === AST_NODE_TYPES.NewExpression) {
        suggestions.push({
          messageId: 'suggestCatch',
          fix: (fixer) => fixer.replaceText(expression, `${operandText(sourceCode, expression)}${CATCH_HANDLER}`),
        });
      } else if (floating !== simple) {
        suggestions.push({
          messageId: 'suggestCatch',
          fix: (fixer) => fixer.replaceText(floating, `${operandText(sourceCode, floating)}${CATCH_HANDLER}`),
        });
      }
      suggestions.push({
        messageId: 'suggestVoid',
        fix: (fixer) => fixer.replaceText(expression, `void ${whole}`),
      });
      return suggestions;
    }

    function valueSuggestions(value: TSESTree.Expression): TSESLint.ReportSuggestionArray<MessageId> {
      const suggestions: TSESLint.ReportSuggestionArray<MessageId> = [];
      const text = operandText(sourceCode, value);
      if (isInAsyncFunction(value)) {
        suggestions.push({ messageId: 'suggestAwait', fix: (fixer) => fixer.replaceText(value, `await ${text}`) });
      }
      suggestions.push({
        messageId: 'suggestCatch',
        fix: (fixer) => fixer.replaceText(value, `${text}${CATCH_HANDLER}`),
      });
      return suggestions;
    }

    function hasConsumingRead(variable: TSESLint.Scope.Variable): boolean {
      return variable.references.some((reference) => reference.isRead());
    }

    function checkStoredVariable(
      variable: TSESLint.Scope.Variable | undefined,
      report: TSESTree.Node,
      value: TSESTree.Expression,
      name: string,
    ): void {
      if (!variable || hasConsumingRead(variable) || isAmbient(variable)) return;
      if (variable.scope.type === 'global' && sourceCode.ast.sourceType !== 'module') return;
      if (isPromiseArray(value)) {
        context.report({ node: report, messageId: 'unusedStored', data: { name } });
        return;
      }
      if (!isPromiseValue(value)) return;
      context.report({ node: report, messageId: 'unusedStored', data: { name }, suggest: valueSuggestions(value) });
    }

    /** `declare let ready: Promise<void>` (also inside `declare global`/`declare module`): read by code the file cannot see. */
    function isAmbient(variable: TSESLint.Scope.Variable): boolean {
      const def = variable.defs[0];
      if (def?.type !== 'Variable') return false;
      for (let node: TSESTree.Node | undefined = def.parent ?? undefined; node; node = node.parent) {
        if (
          (node.type === AST_NODE_TYPES.VariableDeclaration || node.type === AST_NODE_TYPES.TSModuleDeclaration) &&
          node.declare
        )
          return true;
      }
      return false;
    }

    /** `items.map(async (item) => …)`, `Array.from(items, async (item) => …)`: an array of promises. */
    function isPromiseArray(value: TSESTree.Expression): boolean {
      const node = skipWrappers(value);
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const name = memberName(callee);
      const object = skipWrappers(callee.object);
      const arrayFrom = name === 'from' && object.type === AST_NODE_TYPES.Identifier && object.name === 'Array';
      if (name !== 'map' && !arrayFrom) return false;
      const callback = node.arguments[arrayFrom ? 1 : 0] && skipWrappers(node.arguments[arrayFrom ? 1 : 0]!);
      return (
        (callback?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          callback?.type === AST_NODE_TYPES.FunctionExpression) &&
        callback.async &&
        !callback.generator
      );
    }

    /**
     * A field of an exported class that is not private (`private`, `#x`): code outside the file reads it (a
     * `Deferred`'s `promise`), so no read in this file is no evidence that nothing awaits it.
     */
    function isPublicApiField(from: TSESTree.Node, name: string): boolean {
      let classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined;
      for (let node: TSESTree.Node | undefined = from.parent; node; node = node.parent) {
        if (node.type === AST_NODE_TYPES.ClassBody) {
          classNode = node.parent;
          break;
        }
      }
      if (!classNode) return false;
      const holder = classNode.parent;
      const exported =
        holder?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
        (holder?.type === AST_NODE_TYPES.VariableDeclarator &&
          holder.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration);
      if (!exported) return false;
      if (from.type === AST_NODE_TYPES.PropertyDefinition) {
        return (
          from.key.type !== AST_NODE_TYPES.PrivateIdentifier &&
          from.accessibility !== 'private' &&
          from.accessibility !== 'protected'
        );
      }
      if (from.type === AST_NODE_TYPES.MemberExpression && from.property.type === AST_NODE_TYPES.PrivateIdentifier)
        return false;
      const declared = classNode.body.body.find(
        (element): element is TSESTree.PropertyDefinition =>
          element.type === AST_NODE_TYPES.PropertyDefinition &&
          !element.computed &&
          element.key.type === AST_NODE_TYPES.Identifier &&
          element.key.name === name,
      );
      return declared ? declared.accessibility !== 'private' && declared.accessibility !== 'protected' : true;
    }

    function isExported(declaration: TSESTree.VariableDeclaration): boolean {
      return declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
    }

    return {
      ...oracle.usageListeners(),
      ExpressionStatement(statement: TSESTree.ExpressionStatement): void {
        const expression = skipWrappers(statement.expression);
        if (expression.type === AST_NODE_TYPES.AssignmentExpression) {
          if (!checkStored || expression.operator !== '=') return;
          const target = skipWrappers(expression.left);
          if (target.type === AST_NODE_TYPES.Identifier) {
            const variable = resolveVariable(sourceCode, target);
            if (variable && variable.defs.length > 0 && !hasConsumingRead(variable)) {
              pending.push(() => checkStoredVariable(variable, expression, expression.right, target.name));
            }
          } else if (
            target.type === AST_NODE_TYPES.MemberExpression &&
            skipWrappers(target.object).type === AST_NODE_TYPES.ThisExpression
          ) {
            const name = memberName(target);
            if (name && !isPublicApiField(target, name))
              fieldCandidates.push({ name, report: expression, value: expression.right });
          }
          return;
        }
        if (
          expression.type !== AST_NODE_TYPES.CallExpression &&
          expression.type !== AST_NODE_TYPES.NewExpression &&
          expression.type !== AST_NODE_TYPES.ConditionalExpression &&
          expression.type !== AST_NODE_TYPES.LogicalExpression &&
          expression.type !== AST_NODE_TYPES.SequenceExpression &&
          expression.type !== AST_NODE_TYPES.TaggedTemplateExpression
        ) {
          return;
        }
        pending.push(() => {
          const floating = findFloating(expression);
          if (!floating) return;
          context.report({
            node: statement,
            messageId: 'floating',
            suggest: statementSuggestions(statement, floating),
          });
        });
      },
      'VariableDeclarator[init]'(declarator: TSESTree.VariableDeclarator): void {
        if (!checkStored || declarator.id.type !== AST_NODE_TYPES.Identifier) return;
        const declaration = declarator.parent;
        if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || isExported(declaration)) return;
        if (declaration.kind === 'await using' || declaration.kind === 'using') return;
        const init = skipWrappers(declarator.init!);
        if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.NewExpression) return;
        const [variable] = sourceCode.getDeclaredVariables(declarator);
        if (!variable || hasConsumingRead(variable)) return;
        const name = declarator.id.name;
        pending.push(() => checkStoredVariable(variable, declarator, declarator.init!, name));
      },
      'PropertyDefinition[value]'(property: TSESTree.PropertyDefinition): void {
        if (!checkStored || property.computed || property.static) return;
        const value = property.value!;
        const inner = skipWrappers(value);
        if (inner.type !== AST_NODE_TYPES.CallExpression && inner.type !== AST_NODE_TYPES.NewExpression) return;
        const key = property.key;
        if (key.type !== AST_NODE_TYPES.Identifier && key.type !== AST_NODE_TYPES.PrivateIdentifier) return;
        if (isPublicApiField(property, key.name)) return;
        fieldCandidates.push({ name: key.name, report: property, value });
      },
      'Program:exit'(): void {
        oracle.completeUsage();
        for (const check of pending) check();
        if (fieldCandidates.length === 0) return;
        // Without types, judge the values first (cheap, and most stored call results are not promises): the walk
        // for member reads below then only runs in files that store a promise in a field. With types a verdict
        // costs a signature resolution, so the walk comes first and only unread fields are judged.
        const typed = oracle.types !== null;
        const promiseFields = typed
          ? fieldCandidates
          : fieldCandidates.filter((candidate) => isPromiseValue(candidate.value));
        if (promiseFields.length === 0) return;
        // One walk: which member names are ever read.
        someDescendant(
          sourceCode.ast,
          (node) => {
            if (node.type === AST_NODE_TYPES.MemberExpression) {
              const parent = node.parent;
              if (
                parent.type === AST_NODE_TYPES.AssignmentExpression &&
                parent.left === node &&
                parent.operator === '='
              )
                return false;
              const name = memberName(node);
              if (name) memberReads.add(name);
            } else if (node.type === AST_NODE_TYPES.ObjectPattern) {
              for (const property of node.properties) {
                if (property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier)
                  memberReads.add(property.key.name);
              }
            }
            return false;
          },
          false,
          sourceCode.visitorKeys,
        );
        for (const candidate of promiseFields) {
          if (memberReads.has(candidate.name)) continue;
          if (typed && !isPromiseValue(candidate.value)) continue;
          const display =
            candidate.report.type === AST_NODE_TYPES.PropertyDefinition ? candidate.name : `this.${candidate.name}`;
          context.report({
            node: candidate.report,
            messageId: 'unusedStored',
            data: { name: display },
            suggest: valueSuggestions(candidate.value),
          });
        }
      },
    };
  },
});
