/**
 * The refactor "Retry with backoff", as a pure function over text: on `await someCall(…)` it gives
 * `await retry((_attempt, signal) => someCall(…), { retries: 3 })`, importing `retry` from the
 * project's retry module (generated first when the project has none, like the other refactors).
 *
 * The attempt's `signal` is passed on when the call visibly takes an init or options object: its
 * last argument is an object literal (the signal is added to it), or it is `fetch(url)` (an init
 * object is added). A call that already passes `signal: x` gets the attempt's signal instead, and
 * `x` moves to `retry`'s own `signal` option, so aborting `x` still stops the call, and the retries
 * too. Otherwise the call is retried as is (`() => someCall(…)`).
 */
import ts from 'typescript';
import { combineModuleAndFileEdits, importNamedEdit, importSpecifierFor, locateConcurrencyModule, matchSemicolonStyle, type OffsetEdit } from './bounded-concurrency-fix.js';
import type { RefactorComputation, RefactorEditRequest, RefactorRequest } from './concurrency-refactors.js';
import type { FileChange } from './plan.js';

/** Title of the retry refactor. */
export const RETRY_REFACTOR_TITLE = 'Retry with backoff';
/** The `retries` the refactor writes. */
export const RETRY_REFACTOR_RETRIES = 3;

function parse(fileName: string, text: string): ts.SourceFile {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(fileName) ? ts.ScriptKind.TS : /\.jsx$/.test(fileName) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

/** The innermost `await` whose span contains `offset`. */
function awaitAt(sourceFile: ts.SourceFile, offset: number): ts.AwaitExpression | undefined {
  let found: ts.AwaitExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getStart(sourceFile) || offset > node.end) return;
    if (ts.isAwaitExpression(node)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Identifiers `node` reads as values (not property names), so a new parameter must not shadow them. */
function referencedNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const walk = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) {
      const parent = child.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === child) ||
        (ts.isPropertyAssignment(parent) && parent.name === child) ||
        (ts.isMethodDeclaration(parent) && parent.name === child);
      if (!isPropertyName) names.add(child.text);
    }
    ts.forEachChild(child, walk);
  };
  walk(node);
  return names;
}

function freshName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}

/** Is `retry` already a name in this file for something other than the retry module's export? */
function retryNameTaken(sourceFile: ts.SourceFile): boolean {
  let taken = false;
  const fromRetryModule = (specifier: ts.Expression): boolean => ts.isStringLiteral(specifier) && /(^|\/)retry(\.[cm]?[jt]s)?$/.test(specifier.text);
  const visit = (node: ts.Node): void => {
    if (taken) return;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.name?.text === 'retry') taken = true;
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings) && bindings.name.text === 'retry') taken = true;
      if (bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.some((element) => element.name.text === 'retry') && !fromRetryModule(node.moduleSpecifier)) taken = true;
      return;
    }
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name) && node.name.text === 'retry') {
      const initializer = ts.isVariableDeclaration(node) ? node.initializer : undefined;
      const isRequireOfRetryModule =
        initializer !== undefined && ts.isCallExpression(initializer) && ts.isIdentifier(initializer.expression) && initializer.expression.text === 'require' && initializer.arguments[0] !== undefined && fromRetryModule(initializer.arguments[0]);
      if (!isRequireOfRetryModule) taken = true;
    }
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === 'retry') taken = true;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return taken;
}

/** Does `node` contain an `await` (or `yield`) outside nested functions? */
function awaitsInside(node: ts.Node): { awaits: boolean; yields: boolean } {
  const result = { awaits: false, yields: false };
  const walk = (child: ts.Node): void => {
    if (ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isAwaitExpression(child)) result.awaits = true;
    if (ts.isYieldExpression(child)) result.yields = true;
    ts.forEachChild(child, walk);
  };
  ts.forEachChild(node, walk);
  return result;
}

function propertyNamed(literal: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
  return literal.properties.find(
    (property): property is ts.PropertyAssignment | ts.ShorthandPropertyAssignment =>
      (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) &&
      (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
      property.name.text === name,
  );
}

function lineIndentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/**
 * Computes "Retry with backoff" for the awaited call at `offset`.
 *
 * Available on `await <call>` (not on `await retry(…)` itself, nor when `retry` already names
 * something else in the file, nor when the call's arguments `yield`). When the arguments `await`,
 * the new function is `async` so they still can.
 *
 * @param request file, cursor and import specifier of the retry module
 * @returns the edits or why the refactor is unavailable
 */
export function computeRetryWrap(request: RefactorRequest): RefactorComputation {
  const sourceFile = parse(request.fileName, request.text);
  const awaited = awaitAt(sourceFile, request.offset);
  if (awaited === undefined) return { disabledReason: 'Place the cursor on an awaited call (await someCall(…)).' };
  let call: ts.Expression = awaited.expression;
  while (ts.isParenthesizedExpression(call)) call = call.expression;
  if (!ts.isCallExpression(call)) return { disabledReason: 'Only a call can be retried: the work must start again on each attempt.' };
  if (ts.isIdentifier(call.expression) && call.expression.text === 'retry') return { disabledReason: 'The call is already retried.' };
  if (retryNameTaken(sourceFile)) return { disabledReason: '`retry` already names something else in this file.' };
  const inner = awaitsInside(call);
  if (inner.yields) return { disabledReason: 'The call\'s arguments yield, which a retried function cannot do.' };

  const text = request.text;
  const taken = referencedNames(call);
  const signalName = taken.has('signal') ? freshName('attemptSignal', taken) : 'signal';
  const callEdits: OffsetEdit[] = [];
  let outerSignal: string | undefined;
  let passesSignal = false;
  const lastArgument = call.arguments.at(-1);
  if (lastArgument !== undefined && ts.isObjectLiteralExpression(lastArgument)) {
    passesSignal = true;
    const property = propertyNamed(lastArgument, 'signal');
    const newProperty = signalName === 'signal' ? 'signal' : `signal: ${signalName}`;
    if (property !== undefined) {
      outerSignal = ts.isShorthandPropertyAssignment(property) ? property.name.text : property.initializer.getText(sourceFile);
      callEdits.push({ start: property.getStart(sourceFile), end: property.end, newText: newProperty });
    } else if (lastArgument.properties.length === 0) {
      callEdits.push({ start: lastArgument.getStart(sourceFile), end: lastArgument.end, newText: `{ ${newProperty} }` });
    } else {
      const properties = lastArgument.properties;
      const last = properties[properties.length - 1];
      if (last !== undefined) {
        const multiline = text.slice(last.end, lastArgument.end).includes('\n');
        const after = properties.hasTrailingComma ? text.indexOf(',', last.end) + 1 : last.end;
        const indent = lineIndentAt(text, last.getStart(sourceFile));
        const insert = multiline ? `${properties.hasTrailingComma ? '' : ','}\n${indent}${newProperty}${properties.hasTrailingComma ? ',' : ''}` : `${properties.hasTrailingComma ? ' ' : ', '}${newProperty}`;
        callEdits.push({ start: after, end: after, newText: insert });
      }
    }
  } else if (ts.isIdentifier(call.expression) && call.expression.text === 'fetch' && call.arguments.length === 1 && lastArgument !== undefined && !ts.isSpreadElement(lastArgument)) {
    passesSignal = true;
    callEdits.push({ start: lastArgument.end, end: lastArgument.end, newText: `, { ${signalName === 'signal' ? 'signal' : `signal: ${signalName}`} }` });
  }

  const callStart = call.getStart(sourceFile);
  let callText = text.slice(callStart, call.end);
  for (const edit of [...callEdits].sort((a, b) => b.start - a.start)) {
    callText = callText.slice(0, edit.start - callStart) + edit.newText + callText.slice(edit.end - callStart);
  }
  const attemptName = freshName('_attempt', taken);
  const parameters = passesSignal ? `(${attemptName}, ${signalName})` : '()';
  const signalOption = outerSignal === undefined ? '' : outerSignal === 'signal' ? ', signal' : `, signal: ${outerSignal}`;
  const options = `{ retries: ${RETRY_REFACTOR_RETRIES}${signalOption} }`;
  const rewritten = `retry(${inner.awaits ? 'async ' : ''}${parameters} => ${callText}, ${options})`;
  const edits: OffsetEdit[] = [{ start: awaited.expression.getStart(sourceFile), end: awaited.expression.end, newText: rewritten }];
  const importEdit = importNamedEdit(sourceFile, { fileName: request.fileName, importSpecifier: request.importSpecifier, name: 'retry', moduleKind: request.moduleKind });
  if (importEdit !== undefined) edits.unshift(importEdit);
  return { edits: matchSemicolonStyle(request.fileName, request.text, edits) };
}

/**
 * Every change of "Retry with backoff": the retry module is created first when the project has
 * none (never overwriting), then the call is rewritten and `retry` imported.
 *
 * @param request file, cursor and workspace
 * @returns the changes, or why the refactor is unavailable
 */
export function buildRetryWrapEdit(request: RefactorEditRequest): { changes: FileChange[]; createsModule: string | undefined } | { disabledReason: string } {
  const location = locateConcurrencyModule('retry', request.filePath, request.workspaceRoot, request.configuredDirectory);
  const computed = computeRetryWrap({ fileName: request.filePath, text: request.text, offset: request.offset, importSpecifier: importSpecifierFor(request.filePath, location.path) });
  if ('disabledReason' in computed) return computed;
  return { changes: combineModuleAndFileEdits('retry', location, request, computed.edits), createsModule: location.exists ? undefined : location.path };
}
