import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { askChecker } from '../util/checker-guard.js';
import { createRule } from '../util/create-rule.js';
import { enclosingStatement, findVariable, isFunctionNode, memberPropertyName } from '../util/json/ast.js';
import { followPromise, followValue, type ParsedFlow } from '../util/json/claims.js';
import {
  findLossyInType,
  findLossyInTypeNode,
  findUnsafeIntegers,
  findWideIntegerUse,
  quotedIntegerFields,
  type LossKind,
  type LossyFinding,
} from '../util/json/lossy.js';
import { isBodyJsonCall, isJsonParseCall } from '../util/json/sources.js';
import { assignedMemberType, isAnyOrUnknown, typeToolsGetter } from '../util/json/types.js';

export type MessageId =
  | 'lossyType'
  | 'precisionLost'
  | 'unsafeIntegerLiteral'
  | 'suggestReviver'
  | 'suggestQuoteField'
  | 'suggestQuoteLiteral';
export type Options = [];

interface LossWording {
  /** What the type declares (`a Date`). */
  declared: string;
  /** What JSON actually gives back. */
  becomes: string;
  /** The honest type to declare instead. */
  honest: string;
  /** The fix sentence. */
  fix: string;
}

function wording(found: LossyFinding): LossWording {
  const revive = (honest: string): string =>
    `Revive the field when parsing, or declare it as what JSON gives (${honest}).`;
  const rebuild = (honest: string): string => `Declare it as ${honest} and build the richer value after parsing.`;
  const table: Record<LossKind, Omit<LossWording, 'fix'> & { revivable: boolean }> = {
    Date: { declared: 'a Date', becomes: 'a string', honest: 'string', revivable: true },
    Map: { declared: `a ${found.typeName}`, becomes: 'a plain object', honest: 'Record<string, …>', revivable: true },
    Set: { declared: `a ${found.typeName}`, becomes: 'an array or `{}`', honest: 'an array type', revivable: true },
    bigint: { declared: 'a bigint', becomes: 'a number rounded above 2^53', honest: 'string', revivable: true },
    RegExp: { declared: 'a RegExp', becomes: '`{}` or a string', honest: 'string', revivable: false },
    function: {
      declared: 'a function',
      becomes: 'nothing (JSON has no functions)',
      honest: 'a type without it',
      revivable: false,
    },
    class: {
      declared: `an instance of ${found.typeName}`,
      becomes: 'a plain object without its methods',
      honest: 'a plain data type',
      revivable: false,
    },
    undefined: {
      declared: 'always present (as `undefined`)',
      becomes: 'a missing key',
      honest: 'an optional member',
      revivable: false,
    },
    builtin: {
      declared: `a ${found.typeName}`,
      becomes: 'a plain object or a string',
      honest: 'a JSON-shaped type',
      revivable: false,
    },
  };
  const entry = table[found.kind];
  return {
    declared: entry.declared,
    becomes: entry.becomes,
    honest: entry.honest,
    fix: entry.revivable ? revive(entry.honest) : rebuild(entry.honest),
  };
}

const MAX_TYPE_TEXT = 60;

function shorten(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > MAX_TYPE_TEXT ? `${single.slice(0, MAX_TYPE_TEXT - 1)}…` : single;
}

function isTypeScriptFile(filename: string): boolean {
  return /\.(ts|tsx|mts|cts)$/.test(filename);
}

/** The reviver that rebuilds one field from its JSON form, or undefined when no reviver can. */
function reviverFor(kind: LossKind, key: string, typeScript: boolean): string | undefined {
  const keyText = `'${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  switch (kind) {
    case 'Date':
      return `(key, value) => (key === ${keyText} && typeof value === 'string' ? new Date(value) : value)`;
    case 'Map':
      return `(key, value) => (key === ${keyText} && value !== null && typeof value === 'object' ? new Map(Object.entries(value)) : value)`;
    case 'Set':
      return `(key, value) => (key === ${keyText} && Array.isArray(value) ? new Set(value) : value)`;
    case 'bigint':
      return typeScript
        ? `(key: string, value: unknown, context?: { source?: string }) => (key === ${keyText} && typeof value === 'number' ? BigInt(context?.source ?? value) : value)`
        : `(key, value, context) => (key === ${keyText} && typeof value === 'number' ? BigInt(context?.source ?? value) : value)`;
    default:
      return undefined;
  }
}

/** Text that can be followed by `.replace(...)`: wrapped in parentheses unless it is a simple operand. */
function operandText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  const simple =
    node.type === AST_NODE_TYPES.Identifier ||
    node.type === AST_NODE_TYPES.CallExpression ||
    node.type === AST_NODE_TYPES.MemberExpression ||
    node.type === AST_NODE_TYPES.Literal ||
    node.type === AST_NODE_TYPES.TemplateLiteral;
  return simple ? text : `(${text})`;
}

export default createRule<Options, MessageId>({
  name: 'no-lossy-json',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow treating parsed JSON as holding values JSON cannot carry (Date, Map, Set, bigint, functions, class instances) or 64-bit integers it has already rounded',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      lossyType: '`{{type}}` declares {{path}} as {{declared}}, but parsed JSON holds {{becomes}} there.',
      precisionLost: '`{{key}}` is used as a 64-bit integer, but `{{source}}` rounded it (exact only to 2^53).',
      unsafeIntegerLiteral: 'The number {{digits}} in this JSON text is above 2^53, so `JSON.parse` rounds it.',
      suggestReviver: 'Revive `{{key}}` with a reviver ({{what}}).',
      suggestQuoteField: 'Quote `{{key}}` in the text before parsing so it arrives as an exact string.',
      suggestQuoteLiteral: 'Quote {{digits}} so it stays exact.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const getTypeTools = typeToolsGetter(context);
    // Type annotations in a suggestion only where the file is TypeScript and parsed as such.
    const typeScript =
      isTypeScriptFile(context.filename) && sourceCode.parserServices?.esTreeNodeToTSNodeMap !== undefined;

    function lossyFinding(flow: ParsedFlow): { finding: LossyFinding; typeText: string } | undefined {
      if (flow.validated) return undefined;
      const tools = getTypeTools();
      for (const claim of flow.claims) {
        let found: LossyFinding | undefined;
        // A checker failure on this claim leaves `typed` undefined: the claim is then read as written.
        const typed =
          tools &&
          askChecker(context, claim.typeNode, () => {
            const tsNode = tools.services.esTreeNodeToTSNodeMap.get(claim.typeNode) as ts.TypeNode;
            const type = tools.checker.getTypeFromTypeNode(tsNode);
            return isAnyOrUnknown(type)
              ? { unknown: true }
              : { unknown: false, found: findLossyInType(tools.checker, type, tsNode) };
          });
        if (typed) {
          if (typed.unknown) continue;
          found = typed.found;
        } else {
          found = findLossyInTypeNode(sourceCode, claim.typeNode);
        }
        if (found) return { finding: found, typeText: sourceCode.getText(claim.typeNode) };
      }
      return undefined;
    }

    /** With types: a parsed value assigned to a typed member (`this.cache = JSON.parse(text)`). */
    function lossyMemberFinding(
      source: TSESTree.CallExpression,
      isParse: boolean,
    ): { finding: LossyFinding; typeText: string } | undefined {
      const tools = getTypeTools();
      if (!tools) return undefined;
      const value = isParse
        ? source
        : source.parent.type === AST_NODE_TYPES.AwaitExpression
          ? source.parent
          : undefined;
      if (!value) return undefined;
      return askChecker(context, value, () => {
        const member = assignedMemberType(tools, value);
        if (!member) return undefined;
        const found = findLossyInType(
          tools.checker,
          member.type,
          tools.services.esTreeNodeToTSNodeMap.get(member.node),
        );
        return found ? { finding: found, typeText: tools.checker.typeToString(member.type) } : undefined;
      });
    }

    /** Replaces the source so that a reviver runs: `JSON.parse(s)` → `JSON.parse(s, r)`, `res.json()` → `res.text().then(…)`. */
    function reviverFix(source: TSESTree.CallExpression, reviver: string): TSESLint.ReportFixFunction | undefined {
      const parse: boolean = isJsonParseCall(source);
      if (parse) {
        const text = source.arguments[0];
        if (source.arguments.length !== 1 || !text) return undefined;
        return (fixer) => fixer.insertTextAfter(text, `, ${reviver}`);
      }
      const callee = source.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const receiver = sourceCode.getText(callee.object);
      return (fixer) => fixer.replaceText(source, `${receiver}.text().then((text) => JSON.parse(text, ${reviver}))`);
    }

    function quoteFieldFix(source: TSESTree.CallExpression, key: string): TSESLint.ReportFixFunction | undefined {
      if (!/^[\w$-]+$/.test(key)) return undefined;
      const replace = `.replace(/"${key}"\\s*:\\s*(-?\\d+)/g, '"${key}":"$1"')`;
      const parse: boolean = isJsonParseCall(source);
      if (parse) {
        const text = source.arguments[0];
        if (!text || text.type === AST_NODE_TYPES.SpreadElement) return undefined;
        return (fixer) => fixer.replaceText(text, `${operandText(sourceCode, text)}${replace}`);
      }
      const callee = source.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const receiver = sourceCode.getText(callee.object);
      return (fixer) => fixer.replaceText(source, `${receiver}.text().then((text) => JSON.parse(text${replace}))`);
    }

    /** The expression holding the parsed value of a `.json()` call: `await res.json()` or the `.then` callback's parameter. */
    function bodyJsonValue(source: TSESTree.CallExpression): TSESTree.Node | undefined {
      const parent = source.parent;
      if (parent.type === AST_NODE_TYPES.AwaitExpression) return parent;
      if (
        parent.type === AST_NODE_TYPES.MemberExpression &&
        memberPropertyName(parent) === 'then' &&
        parent.parent.type === AST_NODE_TYPES.CallExpression
      ) {
        const callback = parent.parent.arguments[0];
        const parameter = callback && isFunctionNode(callback) ? callback.params[0] : undefined;
        if (parameter?.type === AST_NODE_TYPES.Identifier) {
          // Treat the parameter like a variable initialised with the parsed value.
          return parameter;
        }
      }
      return undefined;
    }

    /**
     * True when the code rebuilds the field by hand right where the value is used: `new Date(x.createdAt)`,
     * `x.createdAt = new Date(…)`, `BigInt(x.id)` in the statement of the parse or of a use of its variable.
     */
    function revivedByHand(source: TSESTree.CallExpression, key: string): boolean {
      if (key === '') return false;
      const statements = new Set<TSESTree.Node>();
      const own = enclosingStatement(source);
      if (own) statements.add(own);
      let holder: TSESTree.Node = source;
      while (
        holder.parent &&
        (holder.parent.type === AST_NODE_TYPES.AwaitExpression || holder.parent.type === AST_NODE_TYPES.TSAsExpression)
      ) {
        holder = holder.parent;
      }
      if (
        holder.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        holder.parent.id.type === AST_NODE_TYPES.Identifier
      ) {
        const variable = findVariable(sourceCode, holder.parent.id);
        for (const reference of variable?.references ?? []) {
          const statement = enclosingStatement(reference.identifier);
          if (statement) statements.add(statement);
        }
      }
      const escapedKey = key.replace(/[$]/g, '\\$');
      const rebuilt = new RegExp(
        `(new\\s+(Date|Map|Set|URL|RegExp)|BigInt)\\s*\\([^;]*\\.${escapedKey}\\b|\\.${escapedKey}\\s*=[^=]`,
      );
      return [...statements].some((statement) => rebuilt.test(sourceCode.getText(statement)));
    }

    function check(source: TSESTree.CallExpression, isParse: boolean): void {
      // A reviver may already rebuild what JSON cannot carry.
      if (isParse && source.arguments.length >= 2) return;
      const flow = isParse ? followValue(sourceCode, source) : followPromise(sourceCode, source);

      // (a) the claimed type holds values JSON cannot carry.
      let lossy =
        lossyFinding(flow) ??
        (flow.validated || flow.claims.length > 0 ? undefined : lossyMemberFinding(source, isParse));
      if (lossy && revivedByHand(source, lossy.finding.key)) lossy = undefined;
      if (lossy) {
        const { finding, typeText } = lossy;
        const words = wording(finding);
        const reviver =
          finding.key !== '' || finding.path === '' ? reviverFor(finding.kind, finding.key, typeScript) : undefined;
        const fix = reviver ? reviverFix(source, reviver) : undefined;
        context.report({
          node: source,
          messageId: 'lossyType',
          data: {
            type: shorten(typeText),
            path: finding.path ? `\`${finding.path}\`` : 'the whole value',
            declared: words.declared,
            becomes: words.becomes,
            fix: words.fix,
          },
          suggest: fix
            ? [
                {
                  messageId: 'suggestReviver',
                  data: { key: finding.key, what: `${words.becomes} → ${finding.typeName}` },
                  fix,
                },
              ]
            : [],
        });
        return;
      }

      // (b) a 64-bit integer read after the rounding already happened.
      const value = isParse ? source : bodyJsonValue(source);
      const quoted = isParse ? quotedIntegerFields(source.arguments[0]) : undefined;
      const wide = value ? findWideIntegerUse(sourceCode, value, quoted) : undefined;
      if (wide) {
        const suggestions: Array<TSESLint.SuggestionReportDescriptor<MessageId>> = [];
        const isBigIntCall = wide.node.type === AST_NODE_TYPES.CallExpression;
        const quote = isBigIntCall ? quoteFieldFix(source, wide.key) : undefined;
        if (quote) suggestions.push({ messageId: 'suggestQuoteField', data: { key: wide.key }, fix: quote });
        const reviver = reviverFor('bigint', wide.key, typeScript);
        const revive = reviver ? reviverFix(source, reviver) : undefined;
        if (revive) {
          suggestions.push({
            messageId: 'suggestReviver',
            data: { key: wide.key, what: 'BigInt from the source text, where supported' },
            fix: revive,
          });
        }
        context.report({
          node: source,
          messageId: 'precisionLost',
          data: { key: wide.key, source: isParse ? 'JSON.parse' : '.json()' },
          suggest: suggestions,
        });
        return;
      }

      // (b) an integer literal too wide for a double inside constant JSON text.
      const text = isParse ? source.arguments[0] : undefined;
      if (
        text &&
        ((text.type === AST_NODE_TYPES.Literal && typeof text.value === 'string') ||
          (text.type === AST_NODE_TYPES.TemplateLiteral && text.expressions.length === 0))
      ) {
        const raw = sourceCode.getText(text);
        const cooked = text.type === AST_NODE_TYPES.Literal ? String(text.value) : (text.quasis[0]?.value.cooked ?? '');
        const unsafe = findUnsafeIntegers(cooked)[0];
        if (!unsafe) return;
        // Offsets in the cooked text match the source only when the literal has no escapes.
        const sameAsSource = raw.slice(1, -1) === cooked;
        const start = text.range[0] + 1 + unsafe.offset;
        const end = start + unsafe.digits.length;
        context.report({
          node: source,
          messageId: 'unsafeIntegerLiteral',
          data: { digits: unsafe.digits },
          suggest: sameAsSource
            ? [
                {
                  messageId: 'suggestQuoteLiteral',
                  data: { digits: unsafe.digits },
                  fix: (fixer) => fixer.replaceTextRange([start, end], `"${unsafe.digits}"`),
                },
              ]
            : [],
        });
      }
    }

    return {
      'CallExpression[callee.property.name="parse"]'(node: TSESTree.CallExpression): void {
        if (isJsonParseCall(node)) check(node, true);
      },
      'CallExpression[callee.property.name="json"]'(node: TSESTree.CallExpression): void {
        if (!isBodyJsonCall(node)) return;
        const tools = getTypeTools();
        if (tools) {
          const notAPromise = askChecker(context, node, () => {
            const type = tools.services.getTypeAtLocation(node);
            return !isAnyOrUnknown(type) && type.getProperty('then') === undefined;
          });
          if (notAPromise) return;
        }
        check(node, false);
      },
    };
  },
});
