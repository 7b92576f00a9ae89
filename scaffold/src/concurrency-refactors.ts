/**
 * Two refactors offered without a diagnostic, as pure functions over text:
 *
 * - "Run iterations concurrently with ErrGroup" on a `for…of` loop whose iterations each `await`
 *   and are independent;
 * - "Deduplicate concurrent calls with SingleFlight" on an async function or method whose only
 *   parameter is the key.
 *
 * Each `compute…` returns either the edits (offsets into the text, import included) or a reason
 * the refactor is not available, which an editor can show as the reason a refactor is disabled.
 * `build…Edit` adds the module creation (when the project has none) and returns every change.
 */
import ts from 'typescript';
import {
  combineModuleAndFileEdits,
  importNamedEdit,
  importSpecifierFor,
  locateConcurrencyModule,
  matchSemicolonStyle,
  type OffsetEdit,
  type ScaffoldEditRequest,
} from './bounded-concurrency-fix.js';
import type { FileChange } from './plan.js';
import { parseSourceFile } from './source-file.js';

/** Title of the errgroup refactor. */
export const ERRGROUP_REFACTOR_TITLE = 'Run iterations concurrently with ErrGroup';
/** Title of the singleflight refactor. */
export const SINGLEFLIGHT_REFACTOR_TITLE = 'Deduplicate concurrent calls with SingleFlight';
/** Edits, or why the refactor is unavailable here. */
export type RefactorComputation = { edits: OffsetEdit[] } | { disabledReason: string };

/** What both computations need. */
export interface RefactorRequest {
  fileName: string;
  text: string;
  /** The cursor (or selection start) offset. */
  offset: number;
  /** How the file imports the module, e.g. `./common/errgroup.js`. */
  importSpecifier: string;
  /** Module syntax when the file has neither imports nor requires. */
  moduleKind?: 'esm' | 'cjs';
}

/** The innermost node of a kind containing `offset`. */
function innermost<T extends ts.Node>(
  sourceFile: ts.SourceFile,
  offset: number,
  test: (node: ts.Node) => node is T,
): T | undefined {
  let found: T | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getStart(sourceFile) || offset > node.end) return;
    if (test(node)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function isFunctionBoundary(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassLike(node);
}

/** Visits `root`'s descendants without entering nested functions or classes. */
function forEachInSameFunction(root: ts.Node, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    if (node !== root && isFunctionBoundary(node)) return;
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(root, walk);
}

function lineIndentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The file's indentation unit, guessed from the first indented line (two spaces by default). */
function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  if (match?.[1] === undefined) return '  ';
  return match[1].startsWith('\t')
    ? '\t'
    : match[1].length >= 4 && match[1].length % 4 === 0 && !/\n {2}\S/.test(text)
      ? '    '
      : '  ';
}

/** Names declared anywhere inside `node` (variables, functions, classes, parameters, catch bindings). */
function declaredNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  const walk = (child: ts.Node): void => {
    if (ts.isVariableDeclaration(child) || ts.isParameter(child) || ts.isBindingElement(child)) addBinding(child.name);
    if ((ts.isFunctionDeclaration(child) || ts.isClassDeclaration(child)) && child.name !== undefined)
      names.add(child.name.text);
    ts.forEachChild(child, walk);
  };
  walk(node);
  return names;
}

function uniqueName(sourceFile: ts.SourceFile, base: string): string {
  const taken = new Set<string>();
  const walk = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) taken.add(node.text);
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}

/** Re-indents every line of `block` that starts with `from` so it starts with `to` instead. */
function shiftLines(block: string, from: string, to: string): string {
  return block
    .split('\n')
    .map((line) => (line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}

const ORDER_SENSITIVE_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'reverse', 'sort']);

/**
 * Computes "Run iterations concurrently with ErrGroup" for the `for…of` loop at `offset`.
 *
 * Available only when the loop (not `for await`) declares its variable with `const`/`let`, its body
 * awaits (outside nested functions), has no `return`, no `break`/`continue` that leaves or restarts
 * this loop, and writes no variable declared outside the body (no `total += …`, `last = …`, and no
 * order-sensitive `push`/`unshift`/… on an outer array), so no iteration reads what an earlier one wrote.
 *
 * @param request file, cursor and import specifier
 * @param limit the concurrency limit to write (default 8)
 * @returns the edits or why the refactor is unavailable
 */
export function computeForOfToErrGroup(request: RefactorRequest, limit = 8): RefactorComputation {
  const sourceFile = parseSourceFile(request.fileName, request.text);
  const loop = innermost(sourceFile, request.offset, ts.isForOfStatement);
  if (loop === undefined) return { disabledReason: 'Place the cursor on a for…of loop.' };
  if (loop.awaitModifier !== undefined)
    return { disabledReason: 'A for await…of loop reads its items one after another.' };
  const initializer = loop.initializer;
  if (
    !ts.isVariableDeclarationList(initializer) ||
    (initializer.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) === 0
  ) {
    return { disabledReason: 'The loop variable must be declared with const or let, so each iteration has its own.' };
  }
  const body = loop.statement;
  const inner = declaredNames(body);
  for (const declaration of initializer.declarations) for (const name of declaredNames(declaration)) inner.add(name);

  let awaits = false;
  let reason: string | undefined;
  const outerTarget = (expression: ts.Expression): string | undefined => {
    let target = expression;
    while (ts.isParenthesizedExpression(target)) target = target.expression;
    if (ts.isIdentifier(target) && !inner.has(target.text)) return target.text;
    return undefined;
  };
  const loopsAndSwitchesBetween = (node: ts.Node): { loops: number; switches: number } => {
    let loops = 0;
    let switches = 0;
    for (let current = node.parent; current !== loop && current !== undefined; current = current.parent) {
      if (ts.isIterationStatement(current, false)) loops += 1;
      if (ts.isSwitchStatement(current)) switches += 1;
    }
    return { loops, switches };
  };
  forEachInSameFunction(body, (node) => {
    if (reason !== undefined) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) awaits = true;
    if (ts.isReturnStatement(node)) reason = 'The loop body returns from the function.';
    if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
      const { loops, switches } = loopsAndSwitchesBetween(node);
      const leavesThisLoop =
        node.label !== undefined || (ts.isBreakStatement(node) ? loops === 0 && switches === 0 : loops === 0);
      if (leavesThisLoop) reason = 'The loop body uses break or continue, so iterations depend on each other.';
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      const name = outerTarget(node.left);
      if (name !== undefined) reason = `The loop body writes \`${name}\`, which later iterations read.`;
    }
    if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)
    ) {
      const name = outerTarget(node.operand);
      if (name !== undefined) reason = `The loop body updates \`${name}\`, which later iterations read.`;
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ORDER_SENSITIVE_METHODS.has(node.expression.name.text)
    ) {
      const name = outerTarget(node.expression.expression);
      if (name !== undefined)
        reason = `The loop body calls \`${name}.${node.expression.name.text}()\`, whose result depends on the order of iterations.`;
    }
  });
  if (reason !== undefined) return { disabledReason: reason };
  if (!awaits)
    return { disabledReason: 'The loop body does not await anything, so there is nothing to run concurrently.' };

  const text = request.text;
  const loopStart = loop.getStart(sourceFile);
  const indent = lineIndentAt(text, loopStart);
  const unit = indentUnit(text);
  const group = uniqueName(sourceFile, 'group');
  const header = text.slice(loopStart, body.getStart(sourceFile)).trimEnd();
  let inside: string;
  if (ts.isBlock(body)) {
    // The block's inner text, each line moved one level deeper (it now sits inside `group.go(async () => {`).
    const open = body.getStart(sourceFile) + 1;
    const close = body.end - 1;
    inside = shiftLines(text.slice(open, close), `${indent}${unit}`, `${indent}${unit}${unit}`).replace(/\s+$/, '');
    if (!inside.startsWith('\n')) inside = `\n${indent}${unit}${unit}${inside.trim()}`;
  } else {
    inside = `\n${indent}${unit}${unit}${body.getText(sourceFile)}`;
  }
  const rewritten = [
    `const ${group} = new ErrGroup({ limit: ${limit} });`,
    `${indent}${header} {`,
    `${indent}${unit}${group}.go(async () => {${inside}`,
    `${indent}${unit}});`,
    `${indent}}`,
    `${indent}await ${group}.wait();`,
  ].join('\n');
  const edits: OffsetEdit[] = [{ start: loopStart, end: loop.end, newText: rewritten }];
  const importEdit = importNamedEdit(sourceFile, {
    fileName: request.fileName,
    importSpecifier: request.importSpecifier,
    name: 'ErrGroup',
    moduleKind: request.moduleKind,
  });
  if (importEdit !== undefined) edits.unshift(importEdit);
  return { edits: matchSemicolonStyle(request.fileName, request.text, edits) };
}

type KeyedFunction = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ArrowFunction | ts.FunctionExpression;

function isKeyedFunctionCandidate(node: ts.Node): node is KeyedFunction {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node)
  );
}

/** The name a function is known by: its own, its method name, or the `const` it is assigned to. */
function functionName(node: KeyedFunction): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.name !== undefined)
    return node.name.text;
  if (ts.isMethodDeclaration(node) && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name)))
    return node.name.text.replace(/^#/, '');
  if (ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) return node.parent.name.text;
  return undefined;
}

/**
 * Computes "Deduplicate concurrent calls with SingleFlight" for the async function at `offset`.
 *
 * Available only for an `async` function, method or `const` arrow with exactly one plain parameter
 * (the key: with more parameters, callers sharing a key could differ in the others), that does not
 * use `arguments`, and — for methods — does not use `this` or `super` (a module-level group is
 * shared by every instance). In TypeScript the parameter and the `Promise<T>` return type must be
 * annotated, so the group's types are exact.
 *
 * @param request file, cursor and import specifier
 * @returns the edits or why the refactor is unavailable
 */
export function computeSingleFlightWrap(request: RefactorRequest): RefactorComputation {
  const sourceFile = parseSourceFile(request.fileName, request.text);
  const fn = innermost(sourceFile, request.offset, isKeyedFunctionCandidate);
  if (fn === undefined || fn.body === undefined)
    return { disabledReason: 'Place the cursor on an async function or method.' };
  const isAsync = (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
  if (!isAsync || fn.asteriskToken !== undefined)
    return { disabledReason: 'Only async functions (not generators) can share their result.' };
  const name = functionName(fn);
  if (name === undefined) return { disabledReason: 'The function needs a name (a declaration, a method or a const).' };
  if (fn.parameters.length !== 1)
    return {
      disabledReason:
        'The function must take exactly one parameter, the key: other parameters could differ between callers sharing a key.',
    };
  const [parameter] = fn.parameters;
  if (
    parameter === undefined ||
    !ts.isIdentifier(parameter.name) ||
    parameter.dotDotDotToken !== undefined ||
    parameter.questionToken !== undefined ||
    parameter.initializer !== undefined
  ) {
    return { disabledReason: 'The key parameter must be a plain, required parameter.' };
  }
  let usesArguments = false;
  let usesThis = false;
  forEachInSameFunction(fn, (node) => {
    if (ts.isIdentifier(node) && node.text === 'arguments') usesArguments = true;
    if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword) usesThis = true;
  });
  if (usesArguments) return { disabledReason: 'The function reads `arguments`.' };
  if (usesThis && ts.isMethodDeclaration(fn))
    return { disabledReason: 'The method uses `this`: a module-level group would share results between instances.' };

  const isTypeScript = /\.[cm]?tsx?$/.test(request.fileName);
  let typeArguments = '';
  if (isTypeScript) {
    const returnType = fn.type;
    if (
      parameter.type === undefined ||
      returnType === undefined ||
      !ts.isTypeReferenceNode(returnType) ||
      returnType.typeName.getText(sourceFile) !== 'Promise' ||
      returnType.typeArguments?.length !== 1
    ) {
      return {
        disabledReason:
          'Annotate the key parameter and the Promise<T> return type first, so the group is typed exactly.',
      };
    }
    const [valueType] = returnType.typeArguments;
    typeArguments = `<${parameter.type.getText(sourceFile)}, ${valueType?.getText(sourceFile) ?? 'unknown'}>`;
  }

  const text = request.text;
  const flights = uniqueName(sourceFile, `${name}Flights`);
  const key = parameter.name.text;
  // The module-level group goes right before the top-level statement holding the function.
  let topLevel: ts.Node = fn;
  while (topLevel.parent !== undefined && !ts.isSourceFile(topLevel.parent)) topLevel = topLevel.parent;
  const topStart = topLevel.getStart(sourceFile);
  const jsDoc = ts.getJSDocCommentsAndTags(topLevel).filter(ts.isJSDoc).at(0);
  const insertAt = jsDoc !== undefined ? jsDoc.getStart(sourceFile) : topStart;
  const declaration = `const ${flights} = new SingleFlight${typeArguments}();\n\n`;

  const unit = indentUnit(text);
  const edits: OffsetEdit[] = [{ start: insertAt, end: insertAt, newText: declaration }];
  if (ts.isBlock(fn.body)) {
    const open = fn.body.getStart(sourceFile) + 1;
    const close = fn.body.end - 1;
    const closeIndent = lineIndentAt(text, close);
    const inner = shiftLines(text.slice(open, close), `${closeIndent}${unit}`, `${closeIndent}${unit}${unit}`).replace(
      /\s+$/,
      '',
    );
    edits.push({
      start: open,
      end: close,
      newText: `\n${closeIndent}${unit}const { value } = await ${flights}.do(${key}, async () => {${inner}\n${closeIndent}${unit}});\n${closeIndent}${unit}return value;\n${closeIndent}`,
    });
  } else {
    const expression = fn.body.getText(sourceFile);
    edits.push({
      start: fn.body.getStart(sourceFile),
      end: fn.body.end,
      newText: `(await ${flights}.do(${key}, async () => ${expression})).value`,
    });
  }
  const importEdit = importNamedEdit(sourceFile, {
    fileName: request.fileName,
    importSpecifier: request.importSpecifier,
    name: 'SingleFlight',
    moduleKind: request.moduleKind,
  });
  const [declarationEdit] = edits;
  if (importEdit !== undefined && declarationEdit !== undefined && importEdit.start === declarationEdit.start) {
    // Both insert at the same place: one edit, import first, so the order never depends on the client.
    declarationEdit.newText = `${importEdit.newText}${importEdit.newText.endsWith('\n') ? '\n' : ''}${declarationEdit.newText}`;
  } else if (importEdit !== undefined) {
    edits.unshift(importEdit);
  }
  return { edits: matchSemicolonStyle(request.fileName, request.text, edits) };
}

/** File and workspace context for the `build…Edit` functions. */
export type RefactorEditRequest = ScaffoldEditRequest;

function buildEdit(
  module: 'errgroup' | 'singleflight',
  request: RefactorEditRequest,
  compute: (refactor: RefactorRequest) => RefactorComputation,
): { changes: FileChange[]; createsModule: string | undefined } | { disabledReason: string } {
  const location = locateConcurrencyModule(
    module,
    request.filePath,
    request.workspaceRoot,
    request.configuredDirectory,
  );
  const computed = compute({
    fileName: request.filePath,
    text: request.text,
    offset: request.offset,
    importSpecifier: importSpecifierFor(request.filePath, location.path),
  });
  if ('disabledReason' in computed) return computed;
  return {
    changes: combineModuleAndFileEdits(module, location, request, computed.edits),
    createsModule: location.exists ? undefined : location.path,
  };
}

/**
 * Every change of "Run iterations concurrently with ErrGroup" (module created if missing).
 *
 * @param request file, cursor and workspace
 * @returns the edit, or why the refactor is unavailable
 */
export function buildForOfToErrGroupEdit(
  request: RefactorEditRequest,
): { changes: FileChange[]; createsModule: string | undefined } | { disabledReason: string } {
  return buildEdit('errgroup', request, (refactor) => computeForOfToErrGroup(refactor));
}

/**
 * Every change of "Deduplicate concurrent calls with SingleFlight" (module created if missing).
 *
 * @param request file, cursor and workspace
 * @returns the edit, or why the refactor is unavailable
 */
export function buildSingleFlightWrapEdit(
  request: RefactorEditRequest,
): { changes: FileChange[]; createsModule: string | undefined } | { disabledReason: string } {
  return buildEdit('singleflight', request, computeSingleFlightWrap);
}
