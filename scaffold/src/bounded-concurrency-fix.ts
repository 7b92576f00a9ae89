/**
 * The edit behind the code action "Run with mapWithLimit (limit 8)" for
 * `tripwire/prefer-bounded-concurrency`: rewrites `Promise.all(items.map(async (item, index) => …))`
 * to `mapWithLimit(items, 8, async (item, index) => …)`, imports `mapWithLimit`, and, when the
 * project has no errgroup module yet, creates it (the canonical, tested one) in the same edit.
 *
 * Pure functions over text and paths; the server wires them into `codeAction` / `codeAction/resolve`.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { planConcurrencyScaffold, type CanonicalModule } from './concurrency.js';
import { planChanges, type FileChange, type OffsetEdit } from './plan.js';
import { inferQuote, inferSemicolons } from './project-style.js';
import { parseSourceFile } from './source-file.js';

export type { OffsetEdit } from './plan.js';

/** The default concurrency of the rewrite. */
export const DEFAULT_LIMIT = 8;

/** The code action's title for a limit. */
export function mapWithLimitTitle(limit = DEFAULT_LIMIT): string {
  return `Run with mapWithLimit (limit ${limit})`;
}

/** What {@link computeMapWithLimitRewrite} needs. */
export interface RewriteRequest {
  /** The file name (its extension decides TypeScript/JavaScript parsing and the default module syntax). */
  fileName: string;
  /** The file's current text. */
  text: string;
  /** An offset inside the reported `Promise.all` (the diagnostic's start is fine). */
  offset: number;
  /** How the file should import the errgroup module, e.g. `./common/errgroup.js`. */
  importSpecifier: string;
  /** Concurrency limit to write (default 8). */
  limit?: number;
  /** Module syntax to use when the file has neither `import` nor `require` (default: ESM, CommonJS for .cjs). */
  moduleKind?: 'esm' | 'cjs';
}

function isPromiseAll(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'all' &&
    ts.isIdentifier(node.expression.expression) &&
    node.expression.expression.text === 'Promise' &&
    node.expression.questionDotToken === undefined
  );
}

/** The innermost `Promise.all(...)` call whose callee contains `offset` (or that contains it, as a fallback). */
function findPromiseAll(sourceFile: ts.SourceFile, offset: number): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getFullStart() || offset > node.end) return;
    if (isPromiseAll(node) && offset >= node.getStart(sourceFile) && offset <= node.end) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * Computes the text edits of the rewrite, or undefined when the code at `offset` is not a rewritable
 * `Promise.all(x.map(async (item[, index]) => …))` (a callback using the array parameter, a `thisArg`,
 * optional chaining or a cast around the map call would change meaning, so they are refused).
 *
 * @param request file, offset, import specifier and limit
 * @returns the edits (call rewrite plus import, if needed), in file order, or undefined
 */
export function computeMapWithLimitRewrite(request: RewriteRequest): OffsetEdit[] | undefined {
  const limit = request.limit ?? DEFAULT_LIMIT;
  const sourceFile = parseSourceFile(request.fileName, request.text);
  const call = findPromiseAll(sourceFile, request.offset);
  if (call === undefined || call.arguments.length !== 1) return undefined;
  const [mapCall] = call.arguments;
  if (mapCall === undefined || !ts.isCallExpression(mapCall) || mapCall.questionDotToken !== undefined)
    return undefined;
  if (
    !ts.isPropertyAccessExpression(mapCall.expression) ||
    mapCall.expression.name.text !== 'map' ||
    mapCall.expression.questionDotToken !== undefined
  )
    return undefined;
  if (mapCall.arguments.length !== 1) return undefined;
  const [callback] = mapCall.arguments;
  if (callback === undefined || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return undefined;
  const isAsync = ts.getCombinedModifierFlags(callback) & ts.ModifierFlags.Async;
  if (isAsync === 0 || callback.parameters.length > 2) return undefined;
  if (callback.parameters.some((parameter) => parameter.dotDotDotToken !== undefined)) return undefined;

  const receiver = mapCall.expression.expression.getText(sourceFile);
  const callbackText = callback.getText(sourceFile);
  const edits: OffsetEdit[] = [
    {
      start: call.getStart(sourceFile),
      end: call.end,
      newText: `mapWithLimit(${receiver}, ${limit}, ${callbackText})`,
    },
  ];
  const importEdit = importNamedEdit(sourceFile, { ...request, name: 'mapWithLimit' });
  if (importEdit !== undefined) edits.unshift(importEdit);
  return matchSemicolonStyle(request.fileName, request.text, edits);
}

/**
 * In a file written without semicolons, drops the `;` that ends lines of inserted text (imports,
 * generated statements), so the edit reads like the rest of the file.
 *
 * @param fileName the edited file
 * @param text its current text
 * @param edits the edits to adjust
 * @returns the same edits, adjusted when the file is semicolon-free
 */
export function matchSemicolonStyle(fileName: string, text: string, edits: OffsetEdit[]): OffsetEdit[] {
  if (inferSemicolons([{ fileName, text }]) !== false) return edits;
  return edits.map((edit) => ({ ...edit, newText: edit.newText.replace(/;(?=\n|$)/g, '') }));
}

function isRequireStatement(statement: ts.Statement): boolean {
  return (
    ts.isVariableStatement(statement) &&
    statement.declarationList.declarations.some(
      (declaration) =>
        declaration.initializer !== undefined &&
        ts.isCallExpression(declaration.initializer) &&
        ts.isIdentifier(declaration.initializer.expression) &&
        declaration.initializer.expression.text === 'require',
    )
  );
}

/** What {@link importNamedEdit} needs. */
export interface NamedImportRequest {
  /** The file name (decides the default module syntax). */
  fileName: string;
  /** Module specifier to import from. */
  importSpecifier: string;
  /** The exported name to import, e.g. `mapWithLimit`. */
  name: string;
  /** Module syntax when the file has neither `import` nor `require` (default: ESM, CommonJS for .cjs/.cts). */
  moduleKind?: 'esm' | 'cjs' | undefined;
}

/**
 * The edit that makes `name` available in the file (a new `import`/`require`, or an extra name in an
 * existing import of the same module), or undefined when the file already imports it.
 *
 * @param sourceFile the parsed file
 * @param request what to import from where
 * @returns one insertion, or undefined
 */
export function importNamedEdit(sourceFile: ts.SourceFile, request: NamedImportRequest): OffsetEdit | undefined {
  const name = request.name;
  const text = sourceFile.text;
  const statements = sourceFile.statements;
  const imports = statements.filter(ts.isImportDeclaration);
  for (const declaration of imports) {
    const bindings = declaration.importClause?.namedBindings;
    if (
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.some((element) => element.name.text === name)
    )
      return undefined;
  }
  const requires = statements.filter(isRequireStatement);
  for (const statement of requires) {
    if (new RegExp(`\\b${name}\\b`).test(statement.getText(sourceFile))) return undefined;
  }
  const quote = inferQuote([{ fileName: sourceFile.fileName, text: sourceFile.text }]) ?? "'";
  const specifier = `${quote}${request.importSpecifier}${quote}`;

  // TypeScript CommonJS with verbatimModuleSyntax writes `import x = require('…')`: follow that style.
  const importEquals = statements.filter(
    (statement): statement is ts.ImportEqualsDeclaration =>
      ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference),
  );
  for (const statement of statements) {
    if (
      ts.isVariableStatement(statement) &&
      statement.declarationList.declarations.some(
        (declaration) =>
          ts.isObjectBindingPattern(declaration.name) &&
          declaration.name.elements.some((element) => ts.isIdentifier(element.name) && element.name.text === name),
      )
    ) {
      return undefined;
    }
  }
  if (imports.length === 0 && importEquals.length > 0) {
    const sameModule = importEquals.find((statement) => {
      const reference = statement.moduleReference;
      return (
        ts.isExternalModuleReference(reference) &&
        ts.isStringLiteral(reference.expression) &&
        reference.expression.text === request.importSpecifier
      );
    });
    if (sameModule !== undefined)
      return { start: sameModule.end, end: sameModule.end, newText: `\nconst { ${name} } = ${sameModule.name.text};` };
    const base = path
      .basename(request.importSpecifier)
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9_$]+(.)?/g, (_whole, next: string | undefined) => (next ?? '').toUpperCase());
    const alias = uniqueIdentifier(sourceFile, `${base === '' ? 'imported' : base}Module`);
    const last = importEquals.at(-1);
    const position = last?.end ?? 0;
    return {
      start: position,
      end: position,
      newText: `\nimport ${alias} = require(${specifier});\nconst { ${name} } = ${alias};`,
    };
  }

  // Extend an existing `import { … } from '<specifier>'`.
  for (const declaration of imports) {
    const bindings = declaration.importClause?.namedBindings;
    if (
      ts.isStringLiteral(declaration.moduleSpecifier) &&
      declaration.moduleSpecifier.text === request.importSpecifier &&
      declaration.importClause?.isTypeOnly !== true &&
      bindings !== undefined &&
      ts.isNamedImports(bindings)
    ) {
      const last = bindings.elements.at(-1);
      if (last === undefined)
        return {
          start: bindings.getStart(sourceFile) + 1,
          end: bindings.getStart(sourceFile) + 1,
          newText: ` ${name} `,
        };
      return { start: last.end, end: last.end, newText: `, ${name}` };
    }
  }
  const lastImport = imports.at(-1);
  if (lastImport !== undefined)
    return { start: lastImport.end, end: lastImport.end, newText: `\nimport { ${name} } from ${specifier};` };
  const lastRequire = requires.at(-1);
  if (lastRequire !== undefined)
    return { start: lastRequire.end, end: lastRequire.end, newText: `\nconst { ${name} } = require(${specifier});` };

  const commonJs =
    request.moduleKind === 'cjs' || (request.moduleKind === undefined && /\.c[jt]s$/.test(request.fileName));
  const line = commonJs ? `const { ${name} } = require(${specifier});` : `import { ${name} } from ${specifier};`;
  // After a shebang and directive prologue ('use strict'), else at the very top.
  let position = 0;
  if (text.startsWith('#!')) position = text.indexOf('\n') + 1 || text.length;
  for (const statement of statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) position = statement.end;
    else break;
  }
  if (position > 0 && text[position - 1] !== '\n') return { start: position, end: position, newText: `\n${line}` };
  return { start: position, end: position, newText: `${line}\n` };
}

/** Where the errgroup module is, or will be created. */
export interface ErrGroupModuleLocation {
  /** Absolute path of the module file. */
  path: string;
  /** Whether it already exists (otherwise the edit creates it). */
  exists: boolean;
}

const MODULE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

function isDirectory(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds the project's errgroup module, or decides where to create it: the configured directory
 * (`tripwire.scaffold.directory`, relative to the workspace root), else the nearest `common/` or
 * `lib/` folder from the file up to the root, else `src/common`. An existing `errgroup.*` in any of
 * these folders is reused.
 *
 * @param filePath the file being fixed
 * @param workspaceRoot the workspace folder
 * @param configuredDirectory the `tripwire.scaffold.directory` setting, if set
 * @returns the module's path and whether it exists
 */
export function locateErrGroupModule(
  filePath: string,
  workspaceRoot: string,
  configuredDirectory?: string,
): ErrGroupModuleLocation {
  return locateConcurrencyModule('errgroup', filePath, workspaceRoot, configuredDirectory);
}

/**
 * {@link locateErrGroupModule} for any canonical module (`errgroup`, `singleflight`, `retry`, …).
 *
 * @param module which module to find or place
 * @param filePath the file that will import it
 * @param workspaceRoot the workspace folder
 * @param configuredDirectory the `tripwire.scaffold.directory` setting, if set
 * @returns the module's path and whether it exists
 */
export function locateConcurrencyModule(
  module: CanonicalModule,
  filePath: string,
  workspaceRoot: string,
  configuredDirectory?: string,
): ErrGroupModuleLocation {
  const root = path.resolve(workspaceRoot);
  const candidates: string[] = [];
  if (configuredDirectory !== undefined && configuredDirectory.trim() !== '')
    candidates.push(path.resolve(root, configuredDirectory));
  let current = path.dirname(path.resolve(filePath));
  for (;;) {
    if (['common', 'lib'].includes(path.basename(current))) candidates.push(current);
    for (const name of ['common', 'lib']) {
      const folder = path.join(current, name);
      if (isDirectory(folder)) candidates.push(folder);
    }
    const relative = path.relative(root, current);
    if (relative === '' || relative.startsWith('..') || path.dirname(current) === current) break;
    current = path.dirname(current);
  }
  candidates.push(path.join(root, 'src', 'common'));
  for (const folder of candidates) {
    for (const extension of MODULE_EXTENSIONS) {
      const candidate = path.join(folder, `${module}${extension}`);
      if (existsSync(candidate)) return { path: candidate, exists: true };
    }
  }
  const folder = candidates[0] ?? path.join(root, 'src', 'common');
  const [moduleFile] = planConcurrencyScaffold({ module, directory: folder, root }).files;
  return { path: moduleFile?.path ?? path.join(folder, `${module}.ts`), exists: false };
}

/**
 * The specifier a file uses to import a module: relative, `./`-prefixed, with `.ts`/`.mts` mapped to
 * the `.js`/`.mjs` that Node and TypeScript's NodeNext resolution expect.
 *
 * @param fromFile the importing file
 * @param modulePath the imported module file
 * @returns e.g. `../common/errgroup.js`
 */
export function importSpecifierFor(fromFile: string, modulePath: string): string {
  let relative = path.relative(path.dirname(fromFile), modulePath).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return relative
    .replace(/\.ts$/, '.js')
    .replace(/\.mts$/, '.mjs')
    .replace(/\.cts$/, '.cjs');
}

/** File and workspace context of an edit that may also create a scaffold module. */
export interface ScaffoldEditRequest {
  /** Absolute path of the file being edited. */
  filePath: string;
  /** Its current text (from the editor, possibly unsaved). */
  text: string;
  /** The editor's document version, or null. */
  version: number | null;
  /** Offset of the diagnostic or cursor. */
  offset: number;
  /** The workspace folder (generated files must stay inside it). */
  workspaceRoot: string;
  /** `tripwire.scaffold.directory`, if set. */
  configuredDirectory?: string;
}

/** What {@link buildMapWithLimitEdit} needs. */
export interface MapWithLimitEditRequest extends ScaffoldEditRequest {
  /** Concurrency limit (default 8). */
  limit?: number;
}

/**
 * Builds every change of the code action: the errgroup module is created first when missing
 * (never overwriting anything), then the file is rewritten and the import added.
 *
 * @param request the file, diagnostic position and workspace
 * @returns the action title and changes, or undefined when the code cannot be rewritten safely
 */
export function buildMapWithLimitEdit(
  request: MapWithLimitEditRequest,
): { title: string; changes: FileChange[]; createsModule: string | undefined } | undefined {
  const location = locateErrGroupModule(request.filePath, request.workspaceRoot, request.configuredDirectory);
  const limit = request.limit ?? DEFAULT_LIMIT;
  const edits = computeMapWithLimitRewrite({
    fileName: request.filePath,
    text: request.text,
    offset: request.offset,
    importSpecifier: importSpecifierFor(request.filePath, location.path),
    limit,
  });
  if (edits === undefined) return undefined;
  const changes = combineModuleAndFileEdits('errgroup', location, request, edits);
  return { title: mapWithLimitTitle(limit), changes, createsModule: location.exists ? undefined : location.path };
}

/**
 * The changes of a refactor that needs a canonical module: creates the module first when it does
 * not exist (never overwriting), then applies `edits` to the file.
 *
 * @param module the canonical module the file will import
 * @param location where that module is or will be
 * @param file the file's path, text, version and workspace root
 * @param edits the file's edits as offsets into `file.text`
 * @returns the changes, module creation first
 */
export function combineModuleAndFileEdits(
  module: CanonicalModule,
  location: ErrGroupModuleLocation,
  file: { filePath: string; text: string; version: number | null; workspaceRoot: string },
  edits: OffsetEdit[],
): FileChange[] {
  const changes: FileChange[] = [];
  if (!location.exists) {
    const plan = planConcurrencyScaffold({ module, directory: path.dirname(location.path), root: file.workspaceRoot });
    changes.push(...planChanges(plan, { root: file.workspaceRoot }).changes);
  }
  changes.push({ kind: 'edit', path: file.filePath, text: file.text, version: file.version, edits });
  return changes;
}

function uniqueIdentifier(sourceFile: ts.SourceFile, base: string): string {
  const taken = new Set<string>();
  const walk = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) taken.add(node.text);
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}
