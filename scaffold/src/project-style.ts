/**
 * Detects how the project around a target folder writes code, so generated files look native:
 * TypeScript or JavaScript, ES modules or CommonJS, indentation, quotes, semicolons, and the test
 * runner. The one place that infers a style, for whole projects and for single files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { IndentUnit, QuoteStyle } from './adapt.js';
import { scriptKindOf } from './source-file.js';

/** The test runners a generated test file can target. */
export type TestRunner = 'node' | 'vitest' | 'jest';

/** Everything a generator needs to know about the target project's conventions. */
export interface ProjectStyle {
  /** `ts` when a tsconfig.json governs the folder (and `--js` was not given), else `js`. */
  language: 'ts' | 'js';
  /** `esm` when the nearest package.json says `"type": "module"`, else `cjs` (TypeScript keeps `import` syntax either way). */
  moduleKind: 'esm' | 'cjs';
  /** One level of indentation (two spaces when nothing could be sampled). */
  indent: IndentUnit;
  /** Preferred quote for string literals (single when nothing could be sampled). */
  quote: QuoteStyle;
  /** Whether statements end with `;` (true when nothing could be sampled). */
  semicolons?: boolean;
  /** node:test unless package.json depends on vitest or jest. */
  testRunner: TestRunner;
  /** Folder of the nearest package.json, if any. */
  packageRoot: string | undefined;
  /** The nearest tsconfig.json, if any. */
  tsconfigPath: string | undefined;
  /**
   * TypeScript in a CommonJS package with `verbatimModuleSyntax` (the `tsc --init` default): `import`
   * and `export` are errors in `.ts` files there, so generated modules become `.mts` (ES modules that
   * the project's CommonJS code can `require`).
   */
  verbatimCommonJs?: boolean;
}

/** Options of {@link detectProjectStyle}. */
export interface DetectOptions {
  /** Force JavaScript output even when a tsconfig.json exists (the CLI's `--js`). */
  forceJavaScript?: boolean;
  /** Stop looking upwards at this folder (inclusive), e.g. the workspace root. */
  stopAt?: string;
}

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.git']);
const MAX_SAMPLED_FILES = 40;
const MAX_SAMPLED_BYTES = 200_000;

/** Walks from `start` up to the filesystem root (or `stopAt`) looking for `fileName`. */
export function findUp(start: string, fileName: string, stopAt?: string): string | undefined {
  let current = path.resolve(start);
  const limit = stopAt === undefined ? undefined : path.resolve(stopAt);
  for (;;) {
    const candidate = path.join(current, fileName);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current || current === limit) return undefined;
    current = parent;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function dependencyNames(manifest: Record<string, unknown> | undefined): Set<string> {
  const names = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const value = manifest?.[field];
    if (typeof value === 'object' && value !== null) for (const name of Object.keys(value)) names.add(name);
  }
  return names;
}

/** Chooses the test runner from package.json dependencies: vitest, then jest, else node:test. */
export function detectTestRunner(manifest: Record<string, unknown> | undefined): TestRunner {
  const names = dependencyNames(manifest);
  if (names.has('vitest')) return 'vitest';
  if (names.has('jest') || names.has('ts-jest') || names.has('@jest/globals')) return 'jest';
  return 'node';
}

/** Collects up to {@link MAX_SAMPLED_FILES} source files from the given folders (breadth-first). */
function sampleSourceFiles(folders: string[]): string[] {
  const found: string[] = [];
  const queue = [...new Set(folders.map((folder) => path.resolve(folder)))];
  const visited = new Set<string>();
  while (queue.length > 0 && found.length < MAX_SAMPLED_FILES) {
    const folder = queue.shift();
    if (folder === undefined || visited.has(folder)) continue;
    visited.add(folder);
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (found.length >= MAX_SAMPLED_FILES) break;
      const full = path.join(folder, entry);
      let stats;
      try {
        stats = statSync(full);
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry) && !entry.startsWith('.')) queue.push(full);
      } else if (
        SOURCE_EXTENSIONS.has(path.extname(entry)) &&
        !entry.endsWith('.d.ts') &&
        !entry.endsWith('.min.js') &&
        stats.size < MAX_SAMPLED_BYTES
      ) {
        found.push(full);
      }
    }
  }
  return found;
}

/**
 * Infers the indentation unit from source text: tabs if most indented lines start with a tab, else
 * the most common positive difference between consecutive indentation widths (2 or 4, usually).
 *
 * @param texts source texts to sample
 * @returns the unit, or undefined when nothing is indented
 */
export function inferIndent(texts: string[]): IndentUnit | undefined {
  let tabLines = 0;
  let spaceLines = 0;
  const steps = new Map<number, number>();
  for (const text of texts) {
    let previous = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '' || /^\s*\*/.test(line)) continue;
      if (line.startsWith('\t')) {
        tabLines += 1;
        continue;
      }
      const width = /^ */.exec(line)?.[0].length ?? 0;
      if (width > 0) spaceLines += 1;
      const step = width - previous;
      if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
      previous = width;
    }
  }
  if (tabLines === 0 && spaceLines === 0) return undefined;
  if (tabLines > spaceLines) return '\t';
  let best: number | undefined;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && best !== undefined && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return best === undefined ? undefined : ' '.repeat(best);
}

/**
 * Infers the preferred quote from the string literals of source texts (module specifiers count).
 *
 * @param files file names with their texts
 * @returns the majority quote, or undefined when there are no string literals
 */
export function inferQuote(files: { fileName: string; text: string }[]): QuoteStyle | undefined {
  let single = 0;
  let double = 0;
  for (const { fileName, text } of files) {
    const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node)) {
        const first = text[node.getStart(sourceFile)];
        if (first === "'") single += 1;
        else if (first === '"') double += 1;
      }
      if (!ts.isJsxAttribute(node)) ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  if (single === 0 && double === 0) return undefined;
  return double > single ? '"' : "'";
}

/** Reads indentation and quote settings from .prettierrc(.json) or package.json `prettier`, if any. */
function prettierSettings(startFolder: string, stopAt: string | undefined): PrettierSettings {
  for (const name of ['.prettierrc', '.prettierrc.json']) {
    const file = findUp(startFolder, name, stopAt);
    if (file === undefined) continue;
    const config = readJson(file);
    if (config !== undefined) return fromPrettier(config);
  }
  const manifestPath = findUp(startFolder, 'package.json', stopAt);
  const prettier = manifestPath === undefined ? undefined : readJson(manifestPath)?.['prettier'];
  return typeof prettier === 'object' && prettier !== null ? fromPrettier(prettier as Record<string, unknown>) : {};
}

interface PrettierSettings {
  indent?: IndentUnit;
  quote?: QuoteStyle;
  semicolons?: boolean;
}

function fromPrettier(config: Record<string, unknown>): PrettierSettings {
  const settings: PrettierSettings = {};
  if (typeof config['semi'] === 'boolean') settings.semicolons = config['semi'];
  if (config['useTabs'] === true) settings.indent = '\t';
  else if (typeof config['tabWidth'] === 'number' && config['tabWidth'] > 0 && config['tabWidth'] <= 8)
    settings.indent = ' '.repeat(config['tabWidth']);
  if (config['singleQuote'] === true) settings.quote = "'";
  else if (config['singleQuote'] === false) settings.quote = '"';
  return settings;
}

/**
 * Detects the conventions of the project that will receive generated files in `targetFolder`
 * (which need not exist yet).
 *
 * @param targetFolder where the generated files will go
 * @param options `forceJavaScript` (the `--js` flag) and an upward search limit
 * @returns the detected style, with defaults for anything that could not be sampled
 */
export function detectProjectStyle(targetFolder: string, options: DetectOptions = {}): ProjectStyle {
  const target = path.resolve(targetFolder);
  let existing = target;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);

  const manifestPath = findUp(existing, 'package.json', options.stopAt);
  const packageRoot = manifestPath === undefined ? undefined : path.dirname(manifestPath);
  const manifest = manifestPath === undefined ? undefined : readJson(manifestPath);
  const tsconfigPath = findUp(existing, 'tsconfig.json', options.stopAt ?? packageRoot);
  const language = options.forceJavaScript === true || tsconfigPath === undefined ? 'js' : 'ts';
  const moduleKind = manifest?.['type'] === 'module' ? 'esm' : 'cjs';

  const sampleFolders = [existing];
  if (packageRoot !== undefined) sampleFolders.push(path.join(packageRoot, 'src'), packageRoot);
  const sampled = sampleSourceFiles(sampleFolders).map((fileName) => ({
    fileName,
    text: readFileSync(fileName, 'utf8'),
  }));
  const prettier = prettierSettings(existing, options.stopAt);

  const verbatimCommonJs =
    language === 'ts' && moduleKind === 'cjs' && tsconfigPath !== undefined && usesVerbatimModuleSyntax(tsconfigPath);
  return {
    language,
    moduleKind,
    verbatimCommonJs,
    indent: prettier.indent ?? inferIndent(sampled.map((file) => file.text)) ?? '  ',
    quote: prettier.quote ?? inferQuote(sampled) ?? "'",
    semicolons: prettier.semicolons ?? inferSemicolons(sampled) ?? true,
    testRunner: detectTestRunner(manifest),
    packageRoot,
    tsconfigPath,
  };
}

/**
 * Whether a tsconfig.json (following `extends`) turns on `verbatimModuleSyntax`. Reads only the
 * config files, never the project's sources.
 *
 * @param tsconfigPath absolute path of the tsconfig.json
 * @returns the effective setting (false when the file cannot be read)
 */
export function usesVerbatimModuleSyntax(tsconfigPath: string): boolean {
  const read = ts.readConfigFile(tsconfigPath, (file) => ts.sys.readFile(file));
  if (read.error !== undefined || read.config === undefined) return false;
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: () => [],
    fileExists: (file) => ts.sys.fileExists(file),
    readFile: (file) => ts.sys.readFile(file),
  };
  const parsed = ts.parseJsonConfigFileContent(read.config, host, path.dirname(tsconfigPath), undefined, tsconfigPath);
  return parsed.options.verbatimModuleSyntax === true;
}

/**
 * The indentation and quotes to write into an existing file: what the file itself shows, and for
 * whatever it does not show, the style of its project (see {@link detectProjectStyle}).
 *
 * @param filePath the file (absolute)
 * @param text its current text
 * @param stopAt the folder the upward search for project settings stops at (the workspace root)
 * @returns one indentation unit and one quote
 */
export function sourceFileStyle(
  filePath: string,
  text: string,
  stopAt?: string,
): { indent: IndentUnit; quote: QuoteStyle } {
  const indent = inferIndent([text]);
  const quote = inferQuote([{ fileName: filePath, text }]);
  if (indent !== undefined && quote !== undefined) return { indent, quote };
  const project = detectProjectStyle(path.dirname(filePath), stopAt === undefined ? {} : { stopAt });
  return { indent: indent ?? project.indent, quote: quote ?? project.quote };
}

/**
 * Infers whether files end their statements with semicolons (majority of terminable statements).
 *
 * @param files file names with their texts
 * @returns false when most statements have no semicolon, undefined with fewer than 5 samples
 */
export function inferSemicolons(files: { fileName: string; text: string }[]): boolean | undefined {
  let withSemicolon = 0;
  let without = 0;
  for (const { fileName, text } of files) {
    const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
    const visit = (node: ts.Node): void => {
      if (
        ts.isVariableStatement(node) ||
        ts.isExpressionStatement(node) ||
        ts.isReturnStatement(node) ||
        ts.isImportDeclaration(node)
      ) {
        if (node.getLastToken(sourceFile)?.kind === ts.SyntaxKind.SemicolonToken) withSemicolon += 1;
        else without += 1;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  if (withSemicolon + without < 5) return undefined;
  return without <= withSemicolon;
}
