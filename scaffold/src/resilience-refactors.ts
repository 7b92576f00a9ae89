/**
 * Two edits toward the resilience modules, as pure functions over text.
 *
 * The refactor "Retry with backoff": on `await someCall(…)` it gives
 * `await retry((_attempt, signal) => someCall(…), { retries: 3 })`, importing `retry` from the
 * project's retry module (generated first when the project has none, like the other refactors).
 *
 * The attempt's `signal` is passed on when the call visibly takes an init or options object: its
 * last argument is an object literal (the signal is added to it), or it is `fetch(url)` (an init
 * object is added). A call that already passes `signal: x` gets the attempt's signal instead, and
 * `x` moves to `retry`'s own `signal` option, so aborting `x` still stops the call, and the retries
 * too. Otherwise the call is retried as is (`() => someCall(…)`).
 *
 * The quick fix "Wrap in withTimeout (10000ms)" on `tripwire/no-request-without-timeout`: the
 * request becomes `withTimeout((signal) => request(…, { signal }), 10000)`, importing `withTimeout`
 * from the project's timeout module (generated first when missing). The signal goes where the
 * client takes it (fetch's init, axios's config, got's options); for a client the report does not
 * name (an instance), the request is wrapped without it, which still bounds the wait.
 */
import ts from 'typescript';
import {
  combineModuleAndFileEdits,
  importNamedEdit,
  importSpecifierFor,
  locateConcurrencyModule,
  matchSemicolonStyle,
  type OffsetEdit,
} from './bounded-concurrency-fix.js';
import type { RefactorComputation, RefactorEditRequest, RefactorRequest } from './concurrency-refactors.js';
import type { FileChange } from './plan.js';
import { parseSourceFile } from './source-file.js';

/** Title of the retry refactor. */
export const RETRY_REFACTOR_TITLE = 'Retry with backoff';
/** The `retries` the refactor writes. */
export const RETRY_REFACTOR_RETRIES = 3;

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

/** Is `name` already a name in this file for something other than the export of the module matching `module`? */
function nameTaken(sourceFile: ts.SourceFile, name: string, module: RegExp): boolean {
  let taken = false;
  const fromModule = (specifier: ts.Expression): boolean =>
    ts.isStringLiteral(specifier) && module.test(specifier.text);
  const visit = (node: ts.Node): void => {
    if (taken) return;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.name?.text === name) taken = true;
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings) && bindings.name.text === name) taken = true;
      if (
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.some((element) => element.name.text === name) &&
        !fromModule(node.moduleSpecifier)
      )
        taken = true;
      return;
    }
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node)) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name
    ) {
      const initializer = ts.isVariableDeclaration(node) ? node.initializer : undefined;
      const isRequireOfModule =
        initializer !== undefined &&
        ts.isCallExpression(initializer) &&
        ts.isIdentifier(initializer.expression) &&
        initializer.expression.text === 'require' &&
        initializer.arguments[0] !== undefined &&
        fromModule(initializer.arguments[0]);
      if (!isRequireOfModule) taken = true;
    }
    if (ts.isBindingElement(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      const declaration = node.parent.parent;
      const initializer = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
      const isRequireOfModule =
        initializer !== undefined &&
        ts.isCallExpression(initializer) &&
        ts.isIdentifier(initializer.expression) &&
        initializer.expression.text === 'require' &&
        initializer.arguments[0] !== undefined &&
        fromModule(initializer.arguments[0]);
      if (!isRequireOfModule) taken = true;
    }
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === name) taken = true;
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

function propertyNamed(
  literal: ts.ObjectLiteralExpression,
  name: string,
): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
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

/** How the call gets the new signal: edits inside the call, and the signal it passed before, if any. */
interface PassedSignal {
  edits: OffsetEdit[];
  /** The expression of a `signal` the call already passed (it moves to the wrapper's own option). */
  outerSignal: string | undefined;
}

/** Puts `signal` (named `signalName` in scope) into an options object literal, replacing a `signal` it has. */
function signalIntoObject(
  sourceFile: ts.SourceFile,
  literal: ts.ObjectLiteralExpression,
  signalName: string,
): PassedSignal {
  const text = sourceFile.text;
  const newProperty = signalName === 'signal' ? 'signal' : `signal: ${signalName}`;
  const property = propertyNamed(literal, 'signal');
  if (property !== undefined) {
    const outerSignal = ts.isShorthandPropertyAssignment(property)
      ? property.name.text
      : property.initializer.getText(sourceFile);
    return { edits: [{ start: property.getStart(sourceFile), end: property.end, newText: newProperty }], outerSignal };
  }
  const properties = literal.properties;
  const last = properties[properties.length - 1];
  if (last === undefined)
    return {
      edits: [{ start: literal.getStart(sourceFile), end: literal.end, newText: `{ ${newProperty} }` }],
      outerSignal: undefined,
    };
  const multiline = text.slice(last.end, literal.end).includes('\n');
  const after = properties.hasTrailingComma ? text.indexOf(',', last.end) + 1 : last.end;
  const indent = lineIndentAt(text, last.getStart(sourceFile));
  const insert = multiline
    ? `${properties.hasTrailingComma ? '' : ','}\n${indent}${newProperty}${properties.hasTrailingComma ? ',' : ''}`
    : `${properties.hasTrailingComma ? ' ' : ', '}${newProperty}`;
  return { edits: [{ start: after, end: after, newText: insert }], outerSignal: undefined };
}

/**
 * Puts `signal` into the call's options argument at `index`: into an object literal, around another
 * expression (`{ ...init, signal }`), or as a new argument (after `undefined` for skipped ones).
 * Undefined when spread arguments make the position unknowable.
 */
function signalIntoArgument(
  sourceFile: ts.SourceFile,
  call: ts.CallExpression,
  index: number,
  signalName: string,
): PassedSignal | undefined {
  const args = call.arguments;
  if (args.some((argument) => ts.isSpreadElement(argument))) return undefined;
  const newProperty = signalName === 'signal' ? 'signal' : `signal: ${signalName}`;
  const existing = args[index];
  if (existing !== undefined) {
    let inner: ts.Expression = existing;
    while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
    if (ts.isObjectLiteralExpression(inner)) return signalIntoObject(sourceFile, inner, signalName);
    return {
      edits: [
        {
          start: existing.getStart(sourceFile),
          end: existing.end,
          newText: `{ ...${existing.getText(sourceFile)}, ${newProperty} }`,
        },
      ],
      outerSignal: undefined,
    };
  }
  const filler = 'undefined, '.repeat(index - args.length);
  const last = args[args.length - 1];
  if (last === undefined) {
    const open = sourceFile.text.indexOf('(', call.expression.end) + 1;
    return { edits: [{ start: open, end: open, newText: `${filler}{ ${newProperty} }` }], outerSignal: undefined };
  }
  return {
    edits: [{ start: last.end, end: last.end, newText: `, ${filler}{ ${newProperty} }` }],
    outerSignal: undefined,
  };
}

/** The text of `[start, end)` with `edits` (offsets into the whole text) applied. */
function applyWithin(text: string, start: number, end: number, edits: readonly OffsetEdit[]): string {
  let result = text.slice(start, end);
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    result = result.slice(0, edit.start - start) + edit.newText + result.slice(edit.end - start);
  return result;
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
  const sourceFile = parseSourceFile(request.fileName, request.text);
  const awaited = awaitAt(sourceFile, request.offset);
  if (awaited === undefined) return { disabledReason: 'Place the cursor on an awaited call (await someCall(…)).' };
  let call: ts.Expression = awaited.expression;
  while (ts.isParenthesizedExpression(call)) call = call.expression;
  if (!ts.isCallExpression(call))
    return { disabledReason: 'Only a call can be retried: the work must start again on each attempt.' };
  if (ts.isIdentifier(call.expression) && call.expression.text === 'retry')
    return { disabledReason: 'The call is already retried.' };
  if (nameTaken(sourceFile, 'retry', /(^|\/)retry(\.[cm]?[jt]s)?$/))
    return { disabledReason: '`retry` already names something else in this file.' };
  const inner = awaitsInside(call);
  if (inner.yields) return { disabledReason: "The call's arguments yield, which a retried function cannot do." };

  const text = request.text;
  const taken = referencedNames(call);
  const signalName = taken.has('signal') ? freshName('attemptSignal', taken) : 'signal';
  let passed: PassedSignal | undefined;
  const lastArgument = call.arguments.at(-1);
  if (lastArgument !== undefined && ts.isObjectLiteralExpression(lastArgument)) {
    passed = signalIntoObject(sourceFile, lastArgument, signalName);
  } else if (ts.isIdentifier(call.expression) && call.expression.text === 'fetch' && call.arguments.length === 1) {
    passed = signalIntoArgument(sourceFile, call, 1, signalName);
  }
  const callText = applyWithin(text, call.getStart(sourceFile), call.end, passed?.edits ?? []);
  const outerSignal = passed?.outerSignal;
  const passesSignal = passed !== undefined;
  const attemptName = freshName('_attempt', taken);
  const parameters = passesSignal ? `(${attemptName}, ${signalName})` : '()';
  const signalOption =
    outerSignal === undefined ? '' : outerSignal === 'signal' ? ', signal' : `, signal: ${outerSignal}`;
  const options = `{ retries: ${RETRY_REFACTOR_RETRIES}${signalOption} }`;
  const rewritten = `retry(${inner.awaits ? 'async ' : ''}${parameters} => ${callText}, ${options})`;
  const edits: OffsetEdit[] = [
    { start: awaited.expression.getStart(sourceFile), end: awaited.expression.end, newText: rewritten },
  ];
  const importEdit = importNamedEdit(sourceFile, {
    fileName: request.fileName,
    importSpecifier: request.importSpecifier,
    name: 'retry',
    moduleKind: request.moduleKind,
  });
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
export function buildRetryWrapEdit(
  request: RefactorEditRequest,
): { changes: FileChange[]; createsModule: string | undefined } | { disabledReason: string } {
  const location = locateConcurrencyModule(
    'retry',
    request.filePath,
    request.workspaceRoot,
    request.configuredDirectory,
  );
  const computed = computeRetryWrap({
    fileName: request.filePath,
    text: request.text,
    offset: request.offset,
    importSpecifier: importSpecifierFor(request.filePath, location.path),
  });
  if ('disabledReason' in computed) return computed;
  return {
    changes: combineModuleAndFileEdits('retry', location, request, computed.edits),
    createsModule: location.exists ? undefined : location.path,
  };
}

/** The deadline the withTimeout quick fix writes, as the rule's own suggestions do by default. */
export const WITH_TIMEOUT_DEFAULT_MS = 10_000;

/**
 * Title of the withTimeout quick fix.
 *
 * @param ms the deadline it writes
 * @returns e.g. `Wrap in withTimeout (10000ms)`
 */
export function withTimeoutTitle(ms = WITH_TIMEOUT_DEFAULT_MS): string {
  return `Wrap in withTimeout (${String(ms)}ms)`;
}

/** What {@link computeWithTimeoutWrap} needs. */
export interface WithTimeoutRequest extends RefactorRequest {
  /** The deadline in milliseconds (default {@link WITH_TIMEOUT_DEFAULT_MS}). */
  ms?: number;
  /** How the report names the client (`fetch`, `axios.get`, `got.post`, `api.get`, …), from its message. */
  client?: string;
  /** A signal in scope the request ignored (the report says so): it becomes withTimeout's own `signal`. */
  scopeSignal?: string;
}

/** Where the client takes its options (and so the signal), or undefined when unknown. */
function optionsIndexFor(call: ts.CallExpression, client: string | undefined): number | undefined {
  if ((ts.isIdentifier(call.expression) && call.expression.text === 'fetch') || client === 'fetch') return 1;
  if (client === undefined) return undefined;
  if (client === 'axios.request') return 0;
  if (client === 'axios') {
    const [first] = call.arguments;
    return call.arguments.length === 1 && first !== undefined && ts.isObjectLiteralExpression(first) ? 0 : 1;
  }
  if (/^axios\.(get|delete|head|options)$/.test(client)) return 1;
  if (/^axios\.(post|put|patch|postForm|putForm|patchForm)$/.test(client)) return 2;
  if (/^got(\.(get|post|put|patch|delete|head))?$/.test(client)) return 1;
  return undefined;
}

/**
 * Computes "Wrap in withTimeout" for the request call that starts at `offset`.
 *
 * Returns undefined where a promise-returning wrap would be wrong or unclear: no call there, a
 * Node `http`/`https` request (it returns a request object, not a promise), `got.stream`, a call
 * already inside `withTimeout`, or `withTimeout` naming something else in the file.
 *
 * @param request file, diagnostic start, import specifier, deadline and client label
 * @returns the edits, or undefined when the fix does not apply
 */
export function computeWithTimeoutWrap(request: WithTimeoutRequest): OffsetEdit[] | undefined {
  const sourceFile = parseSourceFile(request.fileName, request.text);
  let call: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (request.offset < node.getStart(sourceFile) || request.offset > node.end) return;
    if (ts.isCallExpression(node) && node.getStart(sourceFile) === request.offset) call = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (call === undefined) return undefined;
  const client = request.client;
  const callee = call.expression;
  const objectName =
    ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : undefined;
  if (
    (client !== undefined && /^(https?|node:https?)\./.test(client)) ||
    objectName === 'http' ||
    objectName === 'https'
  )
    return undefined;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'stream') return undefined;
  // `got(url).json()`: the client's own promise has methods a plain promise lacks.
  const parent = call.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === call) {
    const member = ts.isPropertyAccessExpression(parent) ? parent.name.text : undefined;
    if (member === undefined || !['then', 'catch', 'finally'].includes(member)) return undefined;
  }
  for (let node: ts.Node | undefined = call.parent; node !== undefined; node = node.parent) {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'withTimeout')
      return undefined;
  }
  if (nameTaken(sourceFile, 'withTimeout', /(^|\/)timeout(\.[cm]?[jt]s)?$/)) return undefined;
  if (awaitsInside(call).yields || awaitsInside(call).awaits) return undefined;

  const text = request.text;
  const taken = referencedNames(call);
  if (request.scopeSignal !== undefined) taken.add(request.scopeSignal);
  const signalName = taken.has('signal') ? freshName('timeoutSignal', taken) : 'signal';
  const index = optionsIndexFor(call, client);
  const passed = index === undefined ? undefined : signalIntoArgument(sourceFile, call, index, signalName);
  const callText = applyWithin(text, call.getStart(sourceFile), call.end, passed?.edits ?? []);
  const ms = request.ms ?? WITH_TIMEOUT_DEFAULT_MS;
  const outer = passed?.outerSignal ?? request.scopeSignal;
  const options = outer === undefined ? '' : outer === 'signal' ? ', { signal }' : `, { signal: ${outer} }`;
  const rewritten = `withTimeout((${passed === undefined ? '' : signalName}) => ${callText}, ${String(ms)}${options})`;
  const edits: OffsetEdit[] = [{ start: call.getStart(sourceFile), end: call.end, newText: rewritten }];
  const importEdit = importNamedEdit(sourceFile, {
    fileName: request.fileName,
    importSpecifier: request.importSpecifier,
    name: 'withTimeout',
    moduleKind: request.moduleKind,
  });
  if (importEdit !== undefined) edits.unshift(importEdit);
  return matchSemicolonStyle(request.fileName, request.text, edits);
}

/**
 * Every change of "Wrap in withTimeout": the timeout module is created first when the project has
 * none (never overwriting), then the request is wrapped and `withTimeout` imported.
 *
 * @param request file, diagnostic start, workspace, deadline and client label
 * @returns the title and changes, or undefined when the fix does not apply
 */
export function buildWithTimeoutEdit(
  request: RefactorEditRequest & { ms?: number; client?: string; scopeSignal?: string },
): { title: string; changes: FileChange[]; createsModule: string | undefined } | undefined {
  const location = locateConcurrencyModule(
    'timeout',
    request.filePath,
    request.workspaceRoot,
    request.configuredDirectory,
  );
  const edits = computeWithTimeoutWrap({
    fileName: request.filePath,
    text: request.text,
    offset: request.offset,
    importSpecifier: importSpecifierFor(request.filePath, location.path),
    ...(request.ms === undefined ? {} : { ms: request.ms }),
    ...(request.client === undefined ? {} : { client: request.client }),
    ...(request.scopeSignal === undefined ? {} : { scopeSignal: request.scopeSignal }),
  });
  if (edits === undefined) return undefined;
  return {
    title: withTimeoutTitle(request.ms),
    changes: combineModuleAndFileEdits('timeout', location, request, edits),
    createsModule: location.exists ? undefined : location.path,
  };
}
