import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import {
  enclosingFunction,
  enclosingStatement,
  isFunctionNode,
  indentUnit,
  lineIndentation,
  type FunctionNode,
} from '../util/json/ast.js';
import { isParsingContract, throwsByContract } from '../util/json/contract.js';
import { findGuard, isCallGuarded, isGuarded, privateCallSites } from '../util/json/guard.js';
import { isOwnPublishedMessage } from '../util/json/channels.js';
import { classify, type TextOrigin } from '../util/json/provenance.js';
import { isJsonParseCall } from '../util/json/sources.js';

export type MessageId = 'unguardedParse' | 'suggestTryCatch';
export type Options = [];

/** How many private-helper levels a parameter is traced back through its call sites. */
const MAX_HELPER_DEPTH = 3;

/** What the suggested `catch` does: the function's own way of failing. */
interface ErrorPath {
  /** Human description for the suggestion message. */
  action: string;
  /** The statement placed in the `catch` block. */
  statement: string;
  /** Whether the statement refers to the caught error. */
  usesError: boolean;
}

const HTTP_VERB_HANDLER = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

function parameterNames(fn: FunctionNode): string[] {
  return fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : []));
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return parent.id.name;
  return undefined;
}

/** True when `fn`'s declared return type admits `undefined`/`void`, or it declares none. */
function returnTypeAllows(fn: FunctionNode, kind: 'void' | 'undefined'): boolean {
  const declared = fn.returnType?.typeAnnotation;
  if (!declared) return true;
  let type: TSESTree.TypeNode = declared;
  if (
    fn.async &&
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    type.typeName.name === 'Promise' &&
    type.typeArguments?.params[0]
  ) {
    type = type.typeArguments.params[0];
  }
  const members = type.type === AST_NODE_TYPES.TSUnionType ? type.types : [type];
  return members.some(
    (member) =>
      member.type === AST_NODE_TYPES.TSVoidKeyword ||
      member.type === AST_NODE_TYPES.TSAnyKeyword ||
      member.type === AST_NODE_TYPES.TSUnknownKeyword ||
      (kind === 'undefined' && member.type === AST_NODE_TYPES.TSUndefinedKeyword),
  );
}

/** True when the function declares `void` / `Promise<void>`. */
function declaresVoid(fn: FunctionNode): boolean {
  let declared = fn.returnType?.typeAnnotation;
  if (
    fn.async &&
    declared?.type === AST_NODE_TYPES.TSTypeReference &&
    declared.typeName.type === AST_NODE_TYPES.Identifier &&
    declared.typeName.name === 'Promise'
  ) {
    declared = declared.typeArguments?.params[0];
  }
  return declared?.type === AST_NODE_TYPES.TSVoidKeyword;
}

/** True when a function returns a value somewhere (an expression body, or `return x;` outside nested functions). */
function returnsValue(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return true;
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      found = true;
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      const children: unknown[] = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
          const childNode = child as TSESTree.Node;
          if (!isFunctionNode(childNode)) visit(childNode);
        }
      }
    }
  };
  visit(fn.body);
  return found;
}

/** Picks the error path of the function around the parse: a 400 response in handlers, `undefined` or a clear error elsewhere. */
function errorPathFor(fn: FunctionNode | undefined, origin: string): ErrorPath {
  const describedThrow: ErrorPath = {
    action: 'throw an error that says what was malformed',
    statement: `throw new Error(\`Invalid JSON in ${origin}: \${String(error)}\`);`,
    usesError: true,
  };
  if (!fn) return describedThrow;
  const names = parameterNames(fn);
  const responseName = names.find((name) => /^(res|response|reply)$/.test(name));
  if (responseName && names.some((name) => /^(req|request)$/.test(name))) {
    return {
      action: 'answer 400 Bad Request',
      statement: `return ${responseName}.status(400).send('Invalid JSON');`,
      usesError: false,
    };
  }
  if (names[0] === 'ctx' && names.length <= 2 && !fn.returnType) {
    return { action: 'answer 400 Bad Request', statement: `return ctx.throw(400, 'Invalid JSON');`, usesError: false };
  }
  const name = functionName(fn);
  if (name && HTTP_VERB_HANDLER.test(name)) {
    return {
      action: 'answer 400 Bad Request',
      statement: `return new Response('Invalid JSON', { status: 400 });`,
      usesError: false,
    };
  }
  if (names[0] === 'event' && (name === 'handler' || name === 'main' || /Handler$/.test(name ?? ''))) {
    return {
      action: 'answer 400 Bad Request',
      statement: `return { statusCode: 400, body: 'Invalid JSON' };`,
      usesError: false,
    };
  }
  if (declaresVoid(fn) || (!fn.returnType && !returnsValue(fn))) {
    return { action: 'return early', statement: 'return;', usesError: false };
  }
  if (returnTypeAllows(fn, 'undefined')) {
    return { action: 'return `undefined`', statement: 'return undefined;', usesError: false };
  }
  return describedThrow;
}

/** Re-indents every line after the first by one extra unit. */
function indentMore(text: string, unit: string): string {
  return text.replace(/\n/g, `\n${unit}`);
}

function buildTryCatch(tryBody: string, errorPath: ErrorPath, indent: string, unit: string): string {
  const catchHead = errorPath.usesError ? 'catch (error)' : 'catch';
  return `try {\n${indent}${unit}${tryBody}\n${indent}} ${catchHead} {\n${indent}${unit}${errorPath.statement}\n${indent}}`;
}

/** True when moving the parse before its statement keeps the evaluation order of conditions and callbacks. */
function canHoist(parse: TSESTree.Node, statement: TSESTree.Node): boolean {
  let child: TSESTree.Node = parse;
  for (let current = parse.parent; current && current !== statement; current = current.parent) {
    if (
      isFunctionNode(current) ||
      current.type === AST_NODE_TYPES.ConditionalExpression ||
      (current.type === AST_NODE_TYPES.LogicalExpression && current.right === child) ||
      current.type === AST_NODE_TYPES.ChainExpression ||
      current.type === AST_NODE_TYPES.YieldExpression
    ) {
      return false;
    }
    child = current;
  }
  return true;
}

/** True when a statement runs inside a loop of its own function. */
function isInLoop(statement: TSESTree.Node): boolean {
  for (let current = statement.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return false;
    if (
      current.type === AST_NODE_TYPES.ForOfStatement ||
      current.type === AST_NODE_TYPES.ForInStatement ||
      current.type === AST_NODE_TYPES.ForStatement ||
      current.type === AST_NODE_TYPES.WhileStatement ||
      current.type === AST_NODE_TYPES.DoWhileStatement
    ) {
      return true;
    }
  }
  return false;
}

/** A variable name not visible at `node` yet (`parsed`, `parsed2`, …). */
function freeName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, base: string): string {
  const taken = (name: string): boolean => {
    for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
      if (scope.set.has(name) || scope.through.some((reference) => reference.identifier.name === name)) return true;
    }
    return false;
  };
  if (!taken(base)) return base;
  for (let counter = 2; ; counter++) if (!taken(`${base}${counter}`)) return `${base}${counter}`;
}

/** The edit that wraps the parse in try/catch, or undefined when the parse sits somewhere that cannot be wrapped cleanly. */
function wrapFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  parse: TSESTree.CallExpression,
  origin: string,
): { action: string; fix: TSESLint.ReportFixFunction } | undefined {
  const unit = indentUnit(sourceCode);
  const fn = enclosingFunction(parse);
  let errorPath = errorPathFor(fn, origin);

  // `data => JSON.parse(data)`: give the arrow a block body.
  if (
    fn?.type === AST_NODE_TYPES.ArrowFunctionExpression &&
    fn.body.type !== AST_NODE_TYPES.BlockStatement &&
    !enclosingStatement(parse)
  ) {
    const body = fn.body;
    const indent = lineIndentation(sourceCode, fn);
    const returnPath: ErrorPath =
      errorPath.statement === 'return;'
        ? { ...errorPath, statement: 'return undefined;', action: 'return `undefined`' }
        : errorPath;
    const bodyText = sourceCode.getText(body);
    const inner = `${indent}${unit}`;
    const text = `{\n${inner}${buildTryCatch(`return ${indentMore(bodyText, unit + unit)};`, returnPath, inner, unit)}\n${indent}}`;
    const tokenBefore = sourceCode.getTokenBefore(body);
    const tokenAfter = sourceCode.getTokenAfter(body);
    const parenthesized =
      tokenBefore?.value === '(' &&
      tokenAfter?.value === ')' &&
      tokenBefore.range[0] > (fn.returnType?.range[1] ?? fn.range[0]) &&
      sourceCode.getTokenBefore(tokenBefore)?.value === '=>';
    const range: [number, number] =
      parenthesized && tokenBefore && tokenAfter ? [tokenBefore.range[0], tokenAfter.range[1]] : body.range;
    return { action: returnPath.action, fix: (fixer) => fixer.replaceTextRange(range, text) };
  }

  const statement = enclosingStatement(parse);
  if (!statement) return undefined;
  const indent = lineIndentation(sourceCode, statement);
  if (errorPath.statement === 'return;' && isInLoop(statement)) {
    // In a loop over messages, skip the malformed one rather than abandon the rest.
    errorPath = { action: 'skip to the next item', statement: 'continue;', usesError: false };
  }
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ExpressionStatement) {
    if (!fn && statement.type === AST_NODE_TYPES.ReturnStatement) return undefined;
    const whole = statement.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : statement.expression;
    const wrapsOnlyTheParse =
      whole === parse ||
      (whole?.type === AST_NODE_TYPES.AssignmentExpression && whole.right === parse) ||
      (whole?.type === AST_NODE_TYPES.AwaitExpression && whole.argument === parse);
    if (wrapsOnlyTheParse) {
      const text = buildTryCatch(indentMore(sourceCode.getText(statement), unit), errorPath, indent, unit);
      return { action: errorPath.action, fix: (fixer) => fixer.replaceText(statement, text) };
    }
    // Hoist the parse into its own variable so the try/catch covers nothing else.
    if (!canHoist(parse, statement)) return undefined;
    const name = freeName(sourceCode, parse, 'parsed');
    const declaration = `let ${name};\n${indent}${buildTryCatch(`${name} = ${indentMore(sourceCode.getText(parse), unit)};`, errorPath, indent, unit)}\n${indent}`;
    return {
      action: errorPath.action,
      fix: (fixer) => [fixer.insertTextBefore(statement, declaration), fixer.replaceText(parse, name)],
    };
  }
  if (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.length === 1 &&
    statement.kind !== 'var'
  ) {
    const declarator = statement.declarations[0];
    if (!declarator?.init || statement.declare) return undefined;
    const declaredNames = sourceCode.getDeclaredVariables(declarator).map((variable) => variable.name);
    if (declaredNames.length === 0) return undefined;
    let declaration: string;
    let assignment: string;
    const initText = indentMore(sourceCode.getText(declarator.init), unit);
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      declaration = `let ${sourceCode.getText(declarator.id)};`;
      assignment = `${declarator.id.name} = ${initText};`;
    } else {
      const pattern = declarator.id.typeAnnotation
        ? sourceCode.text.slice(declarator.id.range[0], declarator.id.typeAnnotation.range[0]).trimEnd()
        : sourceCode.getText(declarator.id);
      declaration = `let ${declaredNames.join(', ')};`;
      assignment = `(${pattern} = ${initText});`;
    }
    const text = `${declaration}\n${indent}${buildTryCatch(assignment, errorPath, indent, unit)}`;
    return { action: errorPath.action, fix: (fixer) => fixer.replaceText(statement, text) };
  }
  return undefined;
}

export default createRule<Options, MessageId>({
  name: 'no-unguarded-json-parse',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow `JSON.parse` of external text (requests, messages, files, storage, environment) with no try/catch around it',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      unguardedParse: '`JSON.parse` of {{origin}} throws on malformed text, and nothing here catches it.',
      suggestTryCatch: 'Wrap the parse in try/catch and {{action}} when the text is not valid JSON.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    /** The first external origin reaching a private helper's parameter through a call site that does not catch. */
    function externalThroughCallers(
      fn: FunctionNode,
      index: number,
      depth: number,
      callersCanCatch: boolean,
    ): string | undefined {
      if (depth > MAX_HELPER_DEPTH) return undefined;
      const calls = privateCallSites(sourceCode, fn) ?? [];
      for (const call of calls) {
        if (callersCanCatch && isCallGuarded(sourceCode, call, fn, 0)) continue;
        if (callersCanCatch) {
          // Called from a public parser (`export function parseCompletion`): its callers own the error.
          const callerState = findGuard(sourceCode, call);
          if (callerState.kind === 'function' && throwsByContract(sourceCode, callerState.fn)) continue;
        }
        const argument = call.arguments[index];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const origin: TextOrigin = classify(sourceCode, argument);
        if (origin.kind === 'external') return origin.label;
        if (origin.kind === 'parameter') {
          // The caller is itself a helper: it must not be guarded by its own callers either.
          const callerState = findGuard(sourceCode, call);
          if (callersCanCatch && callerState.kind === 'guarded') continue;
          const label = externalThroughCallers(
            origin.fn,
            origin.index,
            depth + 1,
            callersCanCatch && callerState.kind === 'function',
          );
          if (label) return label;
        }
      }
      return undefined;
    }

    function check(node: TSESTree.CallExpression): void {
      if (!isJsonParseCall(node)) return;
      const text = node.arguments[0];
      if (!text || text.type === AST_NODE_TYPES.SpreadElement) return;
      const origin = classify(sourceCode, text);
      let label: string | undefined;
      if (origin.kind === 'external') {
        if (isGuarded(sourceCode, node) || isOwnPublishedMessage(sourceCode, node, text)) return;
        label = origin.label;
      } else if (origin.kind === 'parameter') {
        const state = findGuard(sourceCode, node);
        if (state.kind === 'guarded') return;
        // Callers' try/catch only helps when the parse runs synchronously in the helper itself.
        label = externalThroughCallers(origin.fn, origin.index, 0, state.kind === 'function' && state.fn === origin.fn);
      }
      if (!label) return;
      // `async json()`, `parsePayload()`, a function documented `@throws`: callers elsewhere own the error.
      const fn = enclosingFunction(node);
      if (fn && isParsingContract(sourceCode, fn, node)) return;
      const wrap = wrapFix(sourceCode, node, label);
      context.report({
        node,
        messageId: 'unguardedParse',
        data: { origin: label },
        suggest: wrap ? [{ messageId: 'suggestTryCatch', data: { action: wrap.action }, fix: wrap.fix }] : [],
      });
    }

    return {
      'CallExpression[callee.property.name="parse"]': check,
      'CallExpression[callee.property.value="parse"]': check,
    };
  },
});
