import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { askChecker } from '../util/checker-guard.js';
import { createRule } from '../util/create-rule.js';
import { findVariable, isConstantString, skipTransparentWrappers } from '../util/json/ast.js';
import { followPromise, followValue, type ParsedFlow, type TypeClaim } from '../util/json/claims.js';
import { isGuarded } from '../util/json/guard.js';
import { findUnguardedMerge, type UnguardedMerge } from '../util/json/merge.js';
import { isBodyJsonCall, isJsonParseCall, isJsonStringifyCall } from '../util/json/sources.js';
import { classify } from '../util/json/provenance.js';
import { isOwnSerializedState } from '../util/json/round-trip.js';
import { isRoutedByDiscriminant, isSignatureVerified } from '../util/json/trust.js';
import { findValidationImports, type LibraryImport } from '../util/json/validation.js';
import { buildValidationSuggestions } from '../util/json/validation-fix.js';
import { assignedMemberType, isAnyOrUnknown, typeToolsGetter } from '../util/json/types.js';

export type MessageId =
  'unvalidated' | 'unguardedMerge' | 'suggestLibrary' | 'suggestTypeGuard' | 'suggestDropPrototypeKeys';
export type Options = [];

const MAX_TYPE_TEXT = 60;

/** A reviver that deletes the keys a recursive merge could use to reach `Object.prototype`. */
export const PROTOTYPE_KEY_REVIVER =
  "(key, value) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value)";

function shorten(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > MAX_TYPE_TEXT ? `${single.slice(0, MAX_TYPE_TEXT - 1)}…` : single;
}

export default createRule<Options, MessageId>({
  name: 'no-unvalidated-json',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow asserting parsed JSON to a type (`as T`, typed variables, typed returns and callbacks) without a runtime check, and merging it recursively without a prototype guard',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      unvalidated: '{{source}} is trusted as `{{type}}` without a runtime check of its shape.',
      unguardedMerge: 'Parsed JSON is merged recursively into `{{target}}` without dropping `__proto__` keys.',
      suggestLibrary: 'Validate the value with {{library}} instead of asserting its type.',
      suggestTypeGuard: 'Type it `unknown` and check it with the type guard `{{guard}}` (added as a stub if missing).',
      suggestDropPrototypeKeys: 'Drop `__proto__`, `constructor` and `prototype` keys with a reviver.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    let libraries: LibraryImport[] | undefined;
    const getTypeTools = typeToolsGetter(context);

    /** With types: drop claims whose type resolves to `any`/`unknown` (aliases such as `type Payload = unknown`). */
    function isRealClaim(claim: TypeClaim): boolean {
      const tools = getTypeTools();
      if (!tools) return true;
      return (
        askChecker(context, claim.typeNode, () => {
          const tsNode = tools.services.esTreeNodeToTSNodeMap.get(claim.typeNode);
          return !isAnyOrUnknown(tools.checker.getTypeFromTypeNode(tsNode as ts.TypeNode));
        }) ?? true
      );
    }

    /** With types: `.json()` must return a promise (Express's `res.json()` returns the response). */
    function returnsPromise(call: TSESTree.CallExpression): boolean {
      const tools = getTypeTools();
      if (!tools) return true;
      return (
        askChecker(context, call, () => {
          const type = tools.services.getTypeAtLocation(call);
          return isAnyOrUnknown(type) || type.getProperty('then') !== undefined;
        }) ?? true
      );
    }

    /** Merges reached from the parsed value directly or through an untyped variable holding it. */
    function findMerge(value: TSESTree.Node): UnguardedMerge | undefined {
      let current: TSESTree.Node = value;
      while (
        current.parent &&
        (current.parent.type === AST_NODE_TYPES.AwaitExpression ||
          current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          (current.parent.type === AST_NODE_TYPES.TSAsExpression &&
            (current.parent.typeAnnotation.type === AST_NODE_TYPES.TSAnyKeyword ||
              current.parent.typeAnnotation.type === AST_NODE_TYPES.TSUnknownKeyword)))
      ) {
        current = current.parent;
      }
      const direct = findUnguardedMerge(sourceCode, current);
      if (direct) return direct;
      const declarator = current.parent;
      if (
        declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
        declarator.init !== current ||
        declarator.id.type !== AST_NODE_TYPES.Identifier
      ) {
        return undefined;
      }
      const variable = findVariable(sourceCode, declarator.id);
      for (const reference of variable?.references ?? []) {
        if (reference.init || !reference.isRead()) continue;
        const merge = findUnguardedMerge(sourceCode, skipTransparentWrappers(reference.identifier));
        if (merge) return merge;
      }
      return undefined;
    }

    function report(source: TSESTree.CallExpression, sourceLabel: string, flow: ParsedFlow): void {
      if (!flow.validated) {
        // A message only routed by its discriminant (`emit(event.type, event)`), by code that also handles malformed
        // text, leaves its shape to the listeners.
        const routed = (candidate: TypeClaim): boolean =>
          isRoutedByDiscriminant(sourceCode, candidate) && isGuarded(sourceCode, source);
        const claim = flow.claims.find((candidate) => isRealClaim(candidate) && !routed(candidate));
        if (claim) {
          libraries ??= findValidationImports(sourceCode.ast);
          const suggestions = buildValidationSuggestions(sourceCode, claim, libraries);
          context.report({
            node: source,
            messageId: 'unvalidated',
            data: { source: sourceLabel, type: shorten(sourceCode.getText(claim.typeNode)) },
            suggest: suggestions.map((suggestion) =>
              suggestion.kind === 'library'
                ? { messageId: 'suggestLibrary' as const, data: { library: suggestion.name }, fix: suggestion.fix }
                : { messageId: 'suggestTypeGuard' as const, data: { guard: suggestion.name }, fix: suggestion.fix },
            ),
          });
          return;
        }
      }
      // With types: an assignment to a typed member (`this.config = JSON.parse(text)`).
      const tools = getTypeTools();
      if (!flow.validated && flow.claims.length === 0 && tools) {
        const parsesText: boolean = isJsonParseCall(source);
        const value: TSESTree.Node | undefined = parsesText
          ? source
          : source.parent.type === AST_NODE_TYPES.AwaitExpression
            ? source.parent
            : undefined;
        const memberType = value
          ? askChecker(context, value, () => {
              const member = assignedMemberType(tools, value);
              return member && tools.checker.typeToString(member.type);
            })
          : undefined;
        if (memberType !== undefined) {
          context.report({
            node: source,
            messageId: 'unvalidated',
            data: { source: sourceLabel, type: shorten(memberType) },
          });
          return;
        }
      }
      const merge = findMerge(source);
      if (!merge || dropsPrototypeKeys(source)) return;
      const canRevive = isJsonParseCall(source) && source.arguments.length === 1;
      const textArgument = source.arguments[0];
      context.report({
        node: source,
        messageId: 'unguardedMerge',
        data: { target: shorten(merge.target) },
        suggest:
          canRevive && textArgument
            ? [
                {
                  messageId: 'suggestDropPrototypeKeys',
                  fix: (fixer: TSESLint.RuleFixer) => fixer.insertTextAfter(textArgument, `, ${PROTOTYPE_KEY_REVIVER}`),
                },
              ]
            : [],
      });
    }

    /** `JSON.parse(text, reviver)` whose reviver (inline, or a function of the file) drops `__proto__`. */
    function dropsPrototypeKeys(source: TSESTree.Node): boolean {
      if (!isJsonParseCall(source)) return false;
      const reviver = source.arguments[1];
      if (!reviver) return false;
      let definition: TSESTree.Node | undefined = reviver;
      if (reviver.type === AST_NODE_TYPES.Identifier) {
        definition = findVariable(context.sourceCode, reviver)?.defs[0]?.node;
      }
      return definition !== undefined && /['"`]__proto__['"`]/.test(context.sourceCode.getText(definition));
    }

    function checkParse(node: TSESTree.CallExpression): void {
      if (!isJsonParseCall(node)) return;
      // The program's own text (a literal, a `JSON.parse(JSON.stringify(x))` clone, text built only from those,
      // or what the class serialized into its own queue or cache) is not outside data, and neither is a payload whose
      // signature the function verified before parsing it: its sender defines the shape.
      const text = node.arguments[0];
      if (
        text &&
        (isConstantString(text) ||
          isJsonStringifyCall(text) ||
          classify(sourceCode, text).kind === 'internal' ||
          isOwnSerializedState(sourceCode, text) ||
          isSignatureVerified(sourceCode, node))
      ) {
        return;
      }
      report(node, '`JSON.parse`', followValue(sourceCode, node));
    }

    function checkBodyJson(node: TSESTree.CallExpression): void {
      if (!isBodyJsonCall(node)) return;
      const flow = followPromise(sourceCode, node);
      if (flow.claims.length === 0 && !findMergeCandidate(node) && !getTypeTools()) return;
      if (!returnsPromise(node)) return;
      report(node, '`.json()`', flow);
    }

    /** Cheap pre-check before asking the checker about a `.json()` call that has no claim. */
    function findMergeCandidate(node: TSESTree.CallExpression): boolean {
      return node.parent.type === AST_NODE_TYPES.AwaitExpression;
    }

    return {
      'CallExpression[callee.property.name="parse"]': checkParse,
      'CallExpression[callee.property.name="json"]': checkBodyJson,
    };
  },
});
