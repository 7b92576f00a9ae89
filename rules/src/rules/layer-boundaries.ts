import fs from 'node:fs';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { BoundedMap } from '../util/bounded-map.js';
import { createRule } from '../util/create-rule.js';

export type MessageId = 'upward' | 'notAllowed' | 'unresolved';

export interface LayerBoundariesOptions {
  /** Layer name → folder glob(s); a `!`-prefixed glob excludes. */
  layers?: Record<string, string | string[]>;
  /** Layer name → the other layers it may import. */
  allow?: Record<string, string[]>;
  /** Whether `import type` and `import('…').T` type references count as dependencies. */
  checkTypeImports?: boolean;
  /** Whether an import that points into a layer but cannot be resolved is reported. */
  reportUnresolved?: boolean;
  /** Globs of files whose own imports are not checked (default: test files and mocks). */
  ignore?: string[];
}
export type Options = [LayerBoundariesOptions];

/** The layout the layered-module scaffold generates. */
export const DEFAULT_LAYERS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  handler: ['**/handler/**'],
  service: ['**/service/**'],
  common: ['**/common/**'],
  dao: ['**/dao/**'],
  model: ['**/model/**'],
});

/** Files whose imports are not checked by default: tests and mocks wire layers together on purpose. */
export const DEFAULT_IGNORE: readonly string[] = Object.freeze([
  '**/*.{test,spec}.*',
  '**/__tests__/**',
  '**/__mocks__/**',
]);

/** handler → service → common, dao; dao → common, model; service → model; common → model. */
export const DEFAULT_ALLOW: Readonly<Record<string, readonly string[]>> = Object.freeze({
  handler: ['service', 'common'],
  service: ['common', 'dao', 'model'],
  dao: ['common', 'model'],
  common: ['model'],
  model: [],
});

// ---------------------------------------------------------------------------------------------
// Globs
// ---------------------------------------------------------------------------------------------

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Translates a glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) into a regular-expression source. */
function globSource(glob: string): string {
  let source = '';
  let index = 0;
  while (index < glob.length) {
    const char = glob[index]!;
    if (char === '*') {
      const isDouble = glob[index + 1] === '*';
      const atSegmentStart = index === 0 || glob[index - 1] === '/';
      if (isDouble && atSegmentStart && glob[index + 2] === '/') {
        source += '(?:.*/)?';
        index += 3;
        continue;
      }
      if (isDouble && atSegmentStart && index + 2 === glob.length) {
        source += '.*';
        index += 2;
        continue;
      }
      source += '[^/]*';
      index += isDouble ? 2 : 1;
      continue;
    }
    if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      const close = glob.indexOf('}', index);
      if (close === -1) {
        source += '\\{';
      } else {
        const alternatives = glob.slice(index + 1, close).split(',');
        source += `(?:${alternatives.map(globSource).join('|')})`;
        index = close + 1;
        continue;
      }
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 1);
      if (close === -1) {
        source += '\\[';
      } else {
        let body = glob.slice(index + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        source += `[${body}]`;
        index = close + 1;
        continue;
      }
    } else {
      source += escapeRegExp(char);
    }
    index += 1;
  }
  return source;
}

interface CompiledGlob {
  /** Matches a whole path (file globs). */
  readonly whole: RegExp;
  /** For a `<folder>/**` glob: matches the folder itself, so the deepest matching folder can be found. */
  readonly folder: RegExp | undefined;
  /** Text every path `whole` matches contains (`name/` when the glob is `name` between `**` segments), tested first. */
  readonly required: string | undefined;
}

/** A folder name between two `**` segments: that folder anywhere, the shape of the default layers and ignores. */
const FOLDER_ANYWHERE = /^\*\*\/([\w.-]+)\/\*\*$/;

function compileGlob(glob: string): CompiledGlob {
  const normalized = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  const folderGlob = normalized.endsWith('/**') ? normalized.slice(0, -3) : undefined;
  const folderName = FOLDER_ANYWHERE.exec(normalized)?.[1];
  return {
    whole: new RegExp(`^${globSource(normalized)}$`),
    folder: folderGlob === undefined || folderGlob === '' ? undefined : new RegExp(`^${globSource(folderGlob)}$`),
    required: folderName === undefined ? undefined : `${folderName}/`,
  };
}

/** Does the glob match the whole path? */
function matchesWhole(glob: CompiledGlob, matchedPath: string): boolean {
  return (glob.required === undefined || matchedPath.includes(glob.required)) && glob.whole.test(matchedPath);
}

interface CompiledLayer {
  readonly name: string;
  readonly includes: readonly CompiledGlob[];
  readonly excludes: readonly CompiledGlob[];
}

interface CompiledConfig {
  readonly layers: readonly CompiledLayer[];
  readonly allow: ReadonlyMap<string, ReadonlySet<string>>;
  /** Layers that may (transitively) import the key: importing one of them from the key points upward. */
  readonly above: ReadonlyMap<string, ReadonlySet<string>>;
  readonly checkTypeImports: boolean;
  readonly reportUnresolved: boolean;
  readonly ignore: readonly CompiledGlob[];
  /** Path (as matched) → layer name or null. */
  readonly classified: BoundedMap<string, string | null>;
}

/** Compiled options, by their JSON text: a process sees few distinct option sets. */
const compiledConfigs = new BoundedMap<string, CompiledConfig>(64);
/** The same, by the options object: every file linted without options for the rule gets the same defaults object. */
const compiledByObject = new WeakMap<LayerBoundariesOptions, CompiledConfig>();

function compileConfig(options: LayerBoundariesOptions): CompiledConfig {
  const known = compiledByObject.get(options);
  if (known) return known;
  const key = JSON.stringify(options);
  const cached = compiledConfigs.get(key);
  if (cached) {
    compiledByObject.set(options, cached);
    return cached;
  }

  const layerGlobs = options.layers ?? DEFAULT_LAYERS;
  const layers: CompiledLayer[] = Object.entries(layerGlobs).map(([name, globs]) => {
    const list: readonly string[] = typeof globs === 'string' ? [globs] : globs;
    return {
      name,
      includes: list.filter((glob) => !glob.startsWith('!')).map(compileGlob),
      excludes: list.filter((glob) => glob.startsWith('!')).map((glob) => compileGlob(glob.slice(1))),
    };
  });

  const allowSource: Readonly<Record<string, readonly string[]>> = options.allow ?? DEFAULT_ALLOW;
  const allow = new Map<string, ReadonlySet<string>>();
  for (const layer of layers) allow.set(layer.name, new Set(allowSource[layer.name] ?? []));

  // `above.get(x)` = every layer from which x is reachable through allowed imports.
  const above = new Map<string, Set<string>>();
  for (const layer of layers) above.set(layer.name, new Set());
  for (const start of layers) {
    const seen = new Set<string>();
    const queue = [...(allow.get(start.name) ?? [])];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      above.get(next)?.add(start.name);
      queue.push(...(allow.get(next) ?? []));
    }
  }

  const compiled: CompiledConfig = {
    layers,
    allow,
    above,
    checkTypeImports: options.checkTypeImports ?? true,
    reportUnresolved: options.reportUnresolved ?? true,
    ignore: (options.ignore ?? DEFAULT_IGNORE).map(compileGlob),
    classified: new BoundedMap(CACHE_CAPACITY.classified),
  };
  compiledConfigs.set(key, compiled);
  compiledByObject.set(options, compiled);
  return compiled;
}

function toPosix(filePath: string): string {
  return filePath.replace(/\\/g, '/');
}

/** The path globs are matched against: relative to the working directory, or absolute outside it. */
function matchPath(absolutePath: string, cwd: string): string {
  const relative = toPosix(path.relative(cwd, absolutePath));
  return relative === '' || relative.startsWith('../') || path.isAbsolute(relative) ? toPosix(absolutePath) : relative;
}

/** The layer of a path; when several match, the one matched by the deepest folder wins. */
function classify(config: CompiledConfig, matchedPath: string): string | null {
  const cached = config.classified.get(matchedPath);
  if (cached !== undefined) return cached;

  let best: string | null = null;
  let bestDepth = -1;
  let segments: string[] | undefined;
  for (const layer of config.layers) {
    if (layer.excludes.some((glob) => matchesWhole(glob, matchedPath))) continue;
    for (const glob of layer.includes) {
      let depth = -1;
      // A folder glob matches one of the path's folders only if its `<folder>/**` form matches the path,
      // so one test of the whole path rules out most layers before the folders are tried one by one.
      if (glob.folder) {
        if (matchesWhole(glob, matchedPath)) {
          segments ??= matchedPath.split('/');
          for (let end = segments.length - 1; end > 0; end -= 1) {
            if (glob.folder.test(segments.slice(0, end).join('/'))) {
              depth = end;
              break;
            }
          }
        }
      } else if (matchesWhole(glob, matchedPath)) {
        segments ??= matchedPath.split('/');
        depth = segments.length;
      }
      if (depth > bestDepth) {
        bestDepth = depth;
        best = layer.name;
      }
    }
  }
  config.classified.set(matchedPath, best);
  return best;
}

// ---------------------------------------------------------------------------------------------
// File-system caches. Each ESLint worker and the language server hold their own copy; entries are
// keyed by absolute path and hold only what the file system says, so the order in which files are
// linted changes nothing. Every cache is bounded (least recently used entries go first).
// - Directory listings (which files exist) are re-validated at most once a second, so a
//   long-running language server sees new files without paying a stat per lookup.
// - The resolver's inputs (tsconfig files along `extends`, and package.json) are stamped with
//   their modification time, change time and size on every use: a change to `paths`, `baseUrl` or
//   `imports` is seen by the next lookup, and cached resolutions made under the old inputs are
//   not reused.
// ---------------------------------------------------------------------------------------------

const REVALIDATE_AFTER_MS = 1000;

/** Entry limits of the module-level caches. */
export const CACHE_CAPACITY = Object.freeze({
  listings: 10_000,
  jsonFiles: 2_000,
  nearest: 20_000,
  pathsConfigs: 2_000,
  resolutions: 50_000,
  classified: 50_000,
});

/** A file's identity for caching: modification time, change time and size; '-' when missing. */
function fileStamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}`;
  } catch {
    return '-';
  }
}

interface TimedEntry<T> {
  value: T;
  mtimeMs: number;
  checkedAt: number;
}

type EntryKind = 'file' | 'dir';
const listings = new BoundedMap<string, TimedEntry<ReadonlyMap<string, EntryKind> | null>>(CACHE_CAPACITY.listings);

function statMtime(target: string): number {
  try {
    return fs.statSync(target).mtimeMs;
  } catch {
    return -1;
  }
}

function readListing(dir: string): ReadonlyMap<string, EntryKind> | null {
  try {
    const entries = new Map<string, EntryKind>();
    for (const dirent of fs.readdirSync(dir, { withFileTypes: true })) {
      if (dirent.isDirectory()) entries.set(dirent.name, 'dir');
      else if (dirent.isFile()) entries.set(dirent.name, 'file');
      else if (dirent.isSymbolicLink()) {
        try {
          entries.set(dirent.name, fs.statSync(path.join(dir, dirent.name)).isDirectory() ? 'dir' : 'file');
        } catch {
          // A dangling link resolves to nothing.
        }
      }
    }
    return entries;
  } catch {
    return null;
  }
}

function listing(dir: string): ReadonlyMap<string, EntryKind> | null {
  const now = Date.now();
  const entry = listings.get(dir);
  if (entry) {
    if (now - entry.checkedAt < REVALIDATE_AFTER_MS) return entry.value;
    const mtimeMs = statMtime(dir);
    entry.checkedAt = now;
    if (mtimeMs === entry.mtimeMs) return entry.value;
    entry.mtimeMs = mtimeMs;
    entry.value = mtimeMs === -1 ? null : readListing(dir);
    return entry.value;
  }
  const mtimeMs = statMtime(dir);
  const value = mtimeMs === -1 ? null : readListing(dir);
  listings.set(dir, { value, mtimeMs, checkedAt: now });
  return value;
}

function kindOf(target: string): EntryKind | undefined {
  const dir = path.dirname(target);
  if (dir === target) return 'dir';
  return listing(dir)?.get(path.basename(target));
}

function isFile(target: string): boolean {
  return kindOf(target) === 'file';
}

function isDirectory(target: string): boolean {
  return kindOf(target) === 'dir';
}

/** Parses JSON with comments and trailing commas (tsconfig style). */
export function parseJsonc(text: string): unknown {
  let output = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      output += text.slice(index, end + 1);
      index = end + 1;
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index += 1;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
    } else {
      output += char;
      index += 1;
    }
  }
  return JSON.parse(output.replace(/,(\s*[}\]])/g, '$1').replace(/^\uFEFF/, '')) as unknown;
}

const jsonFiles = new BoundedMap<string, { value: unknown; stamp: string }>(CACHE_CAPACITY.jsonFiles);

/** A parsed JSON(C) file, or undefined when missing or broken; re-read when its stamp changes. */
function readJsonFile(file: string): unknown {
  return readStampedJsonFile(file).value;
}

function readStampedJsonFile(file: string): { value: unknown; stamp: string } {
  const stamp = fileStamp(file);
  const entry = jsonFiles.get(file);
  if (entry && entry.stamp === stamp) return entry;
  let value: unknown;
  try {
    value = stamp === '-' ? undefined : parseJsonc(fs.readFileSync(file, 'utf8'));
  } catch {
    value = undefined;
  }
  const fresh = { value, stamp };
  jsonFiles.set(file, fresh);
  return fresh;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The nearest file named one of `names` in `dir` or above, cached per directory. */
const nearestCache = new BoundedMap<string, TimedEntry<string | undefined>>(CACHE_CAPACITY.nearest);
function findNearest(dir: string, names: readonly string[]): string | undefined {
  const key = `${names.join('|')}\0${dir}`;
  const now = Date.now();
  const cached = nearestCache.get(key);
  if (cached && now - cached.checkedAt < REVALIDATE_AFTER_MS) return cached.value;
  let found: string | undefined;
  for (const name of names) {
    if (listing(dir)?.get(name) === 'file') {
      found = path.join(dir, name);
      break;
    }
  }
  if (found === undefined) {
    const parent = path.dirname(dir);
    if (parent !== dir && path.basename(dir) !== 'node_modules') found = findNearest(parent, names);
  }
  nearestCache.set(key, { value: found, mtimeMs: 0, checkedAt: now });
  return found;
}

// ---------------------------------------------------------------------------------------------
// tsconfig `paths` / `baseUrl`, package.json `imports`
// ---------------------------------------------------------------------------------------------

interface PathsConfig {
  /** Pattern → targets, already absolute. */
  readonly paths: ReadonlyArray<{ readonly pattern: string; readonly targets: readonly string[] }>;
  readonly baseUrl: string | undefined;
  readonly outDir: string | undefined;
  readonly rootDir: string | undefined;
}

const EMPTY_PATHS: PathsConfig = { paths: [], baseUrl: undefined, outDir: undefined, rootDir: undefined };

interface RawCompilerOptions {
  paths?: { value: Record<string, unknown>; dir: string };
  baseUrl?: string;
  outDir?: string;
  rootDir?: string;
}

function resolveExtendsTarget(fromDir: string, specifier: string): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const full = path.resolve(fromDir, specifier);
    if (isFile(full)) return full;
    if (isFile(`${full}.json`)) return `${full}.json`;
    return undefined;
  }
  // A package: look for it in node_modules folders up the tree.
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', specifier);
    if (isFile(candidate)) return candidate;
    if (isFile(`${candidate}.json`)) return `${candidate}.json`;
    if (isFile(path.join(candidate, 'tsconfig.json'))) return path.join(candidate, 'tsconfig.json');
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads the compiler options that matter for resolution, following `extends` (string or array). */
function readCompilerOptions(file: string, leafDir: string, seen: Set<string>): RawCompilerOptions {
  if (seen.has(file)) return {};
  seen.add(file);
  const json = readJsonFile(file);
  if (!isRecord(json)) return {};
  const dir = path.dirname(file);
  let merged: RawCompilerOptions = {};
  const extendsValue = json['extends'];
  const bases = typeof extendsValue === 'string' ? [extendsValue] : Array.isArray(extendsValue) ? extendsValue : [];
  for (const base of bases) {
    if (typeof base !== 'string') continue;
    const baseFile = resolveExtendsTarget(dir, base.replace('${configDir}', leafDir));
    if (baseFile) merged = { ...merged, ...readCompilerOptions(baseFile, leafDir, seen) };
  }
  const compilerOptions = json['compilerOptions'];
  if (!isRecord(compilerOptions)) return merged;
  const resolveOption = (value: unknown): string | undefined =>
    typeof value === 'string'
      ? path.resolve(dir, value.startsWith('${configDir}') ? path.join(leafDir, value.slice(12)) : value)
      : undefined;
  const own: RawCompilerOptions = {};
  if (isRecord(compilerOptions['paths'])) own.paths = { value: compilerOptions['paths'], dir };
  const baseUrl = resolveOption(compilerOptions['baseUrl']);
  if (baseUrl !== undefined) own.baseUrl = baseUrl;
  const outDir = resolveOption(compilerOptions['outDir']);
  if (outDir !== undefined) own.outDir = outDir;
  const rootDir = resolveOption(compilerOptions['rootDir']);
  if (rootDir !== undefined) own.rootDir = rootDir;
  return { ...merged, ...own };
}

/** A tsconfig's resolution options, with the stamp of every file along its `extends` chain. */
const pathsConfigs = new BoundedMap<string, { inputs: ReadonlyArray<readonly [string, string]>; config: PathsConfig }>(
  CACHE_CAPACITY.pathsConfigs,
);

/** Whether every file a cached value was built from still has the stamp it had then. */
function inputsUnchanged(inputs: ReadonlyArray<readonly [string, string]>): boolean {
  return inputs.every(([file, stamp]) => fileStamp(file) === stamp);
}

/** The stamp of a folder's resolver inputs: its tsconfig chain and its package.json (a few stats). */
export function resolverInputs(fromDir: string): string {
  const parts: string[] = [];
  const tsconfig = findNearest(fromDir, ['tsconfig.json', 'jsconfig.json']);
  if (tsconfig !== undefined) {
    pathsConfigFor(fromDir);
    for (const [file, stamp] of pathsConfigs.get(tsconfig)?.inputs ?? []) parts.push(`${file}@${stamp}`);
  }
  const manifest = findNearest(fromDir, ['package.json']);
  if (manifest !== undefined) parts.push(`${manifest}@${readStampedJsonFile(manifest).stamp}`);
  return parts.join('\0');
}

function pathsConfigFor(fromDir: string): PathsConfig {
  const file = findNearest(fromDir, ['tsconfig.json', 'jsconfig.json']);
  if (file === undefined) return EMPTY_PATHS;
  const cached = pathsConfigs.get(file);
  if (cached && inputsUnchanged(cached.inputs)) return cached.config;

  const leafDir = path.dirname(file);
  const chain = new Set<string>();
  const raw = readCompilerOptions(file, leafDir, chain);
  const inputs = [...chain].map((input) => [input, readStampedJsonFile(input).stamp] as const);
  const paths: Array<{ pattern: string; targets: string[] }> = [];
  if (raw.paths) {
    const base = raw.baseUrl ?? raw.paths.dir;
    for (const [pattern, targets] of Object.entries(raw.paths.value)) {
      if (!Array.isArray(targets)) continue;
      paths.push({
        pattern,
        targets: targets
          .filter((target): target is string => typeof target === 'string')
          .map((target) =>
            target.startsWith('${configDir}') ? path.join(leafDir, target.slice(12)) : path.resolve(base, target),
          ),
      });
    }
  }
  const config: PathsConfig = { paths, baseUrl: raw.baseUrl, outDir: raw.outDir, rootDir: raw.rootDir };
  pathsConfigs.set(file, { inputs, config });
  return config;
}

/** Matches `specifier` against a `*` pattern; returns the text the star stands for, or undefined. */
function matchStarPattern(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === specifier ? '' : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (specifier.length < prefix.length + suffix.length) return undefined;
  if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix)) return undefined;
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

/** The best-matching pattern entry (exact first, then longest prefix), as TypeScript and Node pick it. */
function bestPatternMatch<T extends { pattern: string }>(
  entries: readonly T[],
  specifier: string,
): { entry: T; star: string } | undefined {
  let best: { entry: T; star: string } | undefined;
  let bestPrefix = -1;
  for (const entry of entries) {
    const star = matchStarPattern(entry.pattern, specifier);
    if (star === undefined) continue;
    const prefixLength = entry.pattern.includes('*') ? entry.pattern.indexOf('*') : Number.POSITIVE_INFINITY;
    if (prefixLength > bestPrefix) {
      bestPrefix = prefixLength;
      best = { entry, star };
    }
  }
  return best;
}

const IMPORT_CONDITIONS = ['types', 'import', 'node', 'require', 'default'];

/** Picks the target of a package.json `imports` entry (string, conditions object or fallback array). */
function pickImportTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const target = pickImportTarget(item);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (isRecord(value)) {
    for (const condition of IMPORT_CONDITIONS) {
      if (condition in value) {
        const target = pickImportTarget(value[condition]);
        if (target !== undefined) return target;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------------------------

type Resolution =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'external' }
  /**
   * `candidate`: the absolute path it would have been (`isPath`), or the alias text when there is none.
   * `configured`: for alias text, whether a package.json / tsconfig.json exists that should have mapped it.
   */
  | { readonly kind: 'unresolved'; readonly candidate: string; readonly isPath: boolean; readonly configured: boolean };

const EXTENSION_SWAPS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.d.ts'],
  '.jsx': ['.tsx', '.ts', '.d.ts'],
  '.mjs': ['.mts', '.d.mts'],
  '.cjs': ['.cts', '.d.cts'],
};
const PROBE_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

function probeFile(base: string): string | undefined {
  const extension = path.extname(base);
  const swaps = EXTENSION_SWAPS[extension];
  if (swaps) {
    const stem = base.slice(0, -extension.length);
    for (const swap of swaps) if (isFile(stem + swap)) return stem + swap;
  }
  if (isFile(base)) return base;
  for (const probe of PROBE_EXTENSIONS) if (isFile(base + probe)) return base + probe;
  return undefined;
}

function probe(base: string): string | undefined {
  const file = probeFile(base);
  if (file !== undefined) return file;
  if (isDirectory(base)) {
    const manifest = readJsonFile(path.join(base, 'package.json'));
    if (isRecord(manifest)) {
      for (const field of ['types', 'typings', 'main']) {
        const entry = manifest[field];
        if (typeof entry === 'string') {
          const found = probeFile(path.resolve(base, entry));
          if (found !== undefined) return found;
        }
      }
    }
    for (const probeExtension of PROBE_EXTENSIONS) {
      const index = path.join(base, `index${probeExtension}`);
      if (isFile(index)) return index;
    }
  }
  return undefined;
}

/** Maps an emitted path (under `outDir`) back to its source (under `rootDir`), as TypeScript does for `imports`. */
function probeWithOutDirMapping(target: string, fromDir: string): string | undefined {
  const found = probe(target);
  if (found !== undefined) return found;
  const { outDir, rootDir } = pathsConfigFor(fromDir);
  if (outDir !== undefined && rootDir !== undefined) {
    const relative = path.relative(outDir, target);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return probe(path.join(rootDir, relative));
  }
  return undefined;
}

/** Alias-looking bare specifiers that can never be npm package names. */
function looksLikeAlias(specifier: string): boolean {
  return specifier.startsWith('@/') || specifier.startsWith('~') || specifier.startsWith('$');
}

const resolutions = new BoundedMap<string, { value: Resolution; checkedAt: number; inputs: string }>(
  CACHE_CAPACITY.resolutions,
);

/**
 * Resolves `specifier` as imported from `importer`. A result is reused for a second (files importing
 * alike) as long as the folder's resolver inputs (tsconfig chain, package.json) are unchanged.
 * `inputs` is `resolverInputs` of the importer's folder; a caller resolving many imports of one file
 * computes it once.
 */
export function resolveImport(
  specifier: string,
  importer: string,
  inputs = resolverInputs(path.dirname(importer)),
): Resolution {
  const fromDir = path.dirname(importer);
  const key = `${fromDir}\0${specifier}`;
  const now = Date.now();
  const cached = resolutions.get(key);
  if (cached && cached.inputs === inputs && now - cached.checkedAt < REVALIDATE_AFTER_MS) return cached.value;
  const value = resolveUncached(specifier, fromDir);
  resolutions.set(key, { value, checkedAt: now, inputs });
  return value;
}

/** How many entries each module-level cache holds (for tests and memory checks). */
export function cacheSizes(): Record<keyof typeof CACHE_CAPACITY, number> {
  let classified = 0;
  for (const config of compiledConfigs.values()) classified = Math.max(classified, config.classified.size);
  return {
    listings: listings.size,
    jsonFiles: jsonFiles.size,
    nearest: nearestCache.size,
    pathsConfigs: pathsConfigs.size,
    resolutions: resolutions.size,
    classified,
  };
}

function resolveUncached(specifier: string, fromDir: string): Resolution {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.resolve(fromDir, specifier.replace(/\?.*$/, ''));
    const found = probe(target);
    return found !== undefined
      ? { kind: 'file', path: found }
      : { kind: 'unresolved', candidate: target, isPath: true, configured: true };
  }

  if (specifier.startsWith('#')) {
    const manifestFile = findNearest(fromDir, ['package.json']);
    const manifest = manifestFile === undefined ? undefined : readJsonFile(manifestFile);
    const imports = isRecord(manifest) ? manifest['imports'] : undefined;
    if (manifestFile !== undefined && isRecord(imports)) {
      const entries = Object.keys(imports).map((pattern) => ({ pattern }));
      const match = bestPatternMatch(entries, specifier);
      const rawTarget = match ? pickImportTarget(imports[match.entry.pattern]) : undefined;
      if (match && rawTarget !== undefined) {
        if (!rawTarget.startsWith('./')) return { kind: 'external' }; // mapped to a package
        const target = path.resolve(path.dirname(manifestFile), rawTarget.replaceAll('*', match.star));
        const found = probeWithOutDirMapping(target, fromDir);
        return found !== undefined
          ? { kind: 'file', path: found }
          : { kind: 'unresolved', candidate: target, isPath: true, configured: true };
      }
    }
    return { kind: 'unresolved', candidate: specifier.slice(1), isPath: false, configured: manifestFile !== undefined };
  }

  if (specifier.startsWith('node:') || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return { kind: 'external' };

  const config = pathsConfigFor(fromDir);
  const match = bestPatternMatch(config.paths, specifier);
  if (match) {
    const targets = match.entry.targets.map((target) => target.replaceAll('*', match.star));
    for (const target of targets) {
      const found = probe(target);
      if (found !== undefined) return { kind: 'file', path: found };
    }
    return { kind: 'unresolved', candidate: targets[0] ?? specifier, isPath: targets.length > 0, configured: true };
  }
  if (config.baseUrl !== undefined) {
    const target = path.resolve(config.baseUrl, specifier);
    const found = probe(target);
    if (found !== undefined) return { kind: 'file', path: found };
    const firstSegment = specifier.split('/')[0] ?? specifier;
    if (specifier.includes('/') && isDirectory(path.join(config.baseUrl, firstSegment))) {
      return { kind: 'unresolved', candidate: target, isPath: true, configured: true };
    }
  }
  if (looksLikeAlias(specifier)) {
    const configured = findNearest(fromDir, ['tsconfig.json', 'jsconfig.json']) !== undefined;
    return { kind: 'unresolved', candidate: specifier.replace(/^(?:@|~|\$)[^/]*\//, ''), isPath: false, configured };
  }
  return { kind: 'external' };
}

// ---------------------------------------------------------------------------------------------
// The rule
// ---------------------------------------------------------------------------------------------

function formatList(names: ReadonlySet<string>): string {
  return names.size === 0 ? 'no other layer' : [...names].join(', ');
}

export default createRule<Options, MessageId>({
  name: 'layer-boundaries',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Enforce the layered layout’s dependency direction: handler → service → common, dao → model, never upward',
      recommended: 'recommended',
    },
    messages: {
      upward: '{{from}} must not import `{{specifier}}` ({{to}}), which depends on {{from}}: a cycle.',
      notAllowed: '{{from}} must not import `{{specifier}}` ({{to}}); {{from}} may import: {{allowed}}.',
      unresolved: '`{{specifier}}` points into the {{to}} layer but cannot be resolved, so it cannot be checked.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          layers: {
            type: 'object',
            description:
              'Layer name → folder glob or globs (relative to the ESLint working directory; `!` excludes). Replaces the default handler/service/common/dao/model layers when given.',
            additionalProperties: {
              oneOf: [
                { type: 'string', minLength: 1 },
                { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
              ],
            },
          },
          allow: {
            type: 'object',
            description:
              'Layer name → the other layers its files may import. Imports within a layer are always allowed; a layer missing here may import no other layer. Replaces the default directions when given.',
            additionalProperties: { type: 'array', items: { type: 'string' }, uniqueItems: true },
          },
          checkTypeImports: {
            type: 'boolean',
            description:
              'Whether type-only imports (`import type`, `import("…").T`) count as dependencies. Default true.',
          },
          reportUnresolved: {
            type: 'boolean',
            description:
              'Whether an import that points into a layer folder but cannot be resolved is reported. Default true.',
          },
          ignore: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Globs of files whose own imports are not checked. Default: test files and mocks (`**/*.{test,spec}.*`, `**/__tests__/**`, `**/__mocks__/**`); `[]` checks them too.',
          },
        },
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const config = compileConfig(options);
    const cwd = context.cwd;
    const filename = path.resolve(cwd, context.filename);
    const matchedFilename = matchPath(filename, cwd);
    if (config.ignore.some((glob) => matchesWhole(glob, matchedFilename))) return {};
    const fromLayer = classify(config, matchedFilename);
    // Files outside every layer may import anything: nothing to check, nothing to resolve.
    if (fromLayer === null) return {};
    const allowed = config.allow.get(fromLayer) ?? new Set<string>();
    const above = config.above.get(fromLayer) ?? new Set<string>();

    // The resolver's inputs are stamped once per linted file, at its first import.
    let inputs: string | undefined;

    function check(source: TSESTree.Node, specifier: string, isTypeOnly: boolean): void {
      if (isTypeOnly && !config.checkTypeImports) return;
      if (specifier === '') return;
      inputs ??= resolverInputs(path.dirname(filename));
      const resolution = resolveImport(specifier, filename, inputs);
      if (resolution.kind === 'external') return;
      const toLayer =
        resolution.kind === 'file'
          ? classify(config, matchPath(resolution.path, cwd))
          : resolution.isPath
            ? classify(config, matchPath(resolution.candidate, cwd))
            : classify(config, resolution.candidate);
      if (toLayer === null || toLayer === fromLayer) {
        return;
      }
      if (allowed.has(toLayer)) {
        if (
          resolution.kind === 'unresolved' &&
          config.reportUnresolved &&
          pointsIntoExistingLayer(resolution, toLayer)
        ) {
          context.report({ node: source, messageId: 'unresolved', data: { specifier, to: toLayer } });
        }
        return;
      }
      // A path that cannot be found still names its layer: the direction is checkable.
      context.report({
        node: source,
        messageId: above.has(toLayer) ? 'upward' : 'notAllowed',
        data: { from: fromLayer, to: toLayer, specifier, allowed: formatList(allowed) },
      });
    }

    function checkLiteral(source: TSESTree.Node | null | undefined, isTypeOnly: boolean): void {
      if (!source) return;
      if (source.type === 'Literal' && typeof source.value === 'string') {
        check(source, source.value, isTypeOnly);
      } else if (source.type === 'TemplateLiteral' && source.expressions.length === 0) {
        check(source, source.quasis[0]?.value.cooked ?? '', isTypeOnly);
      }
    }

    /**
     * An unresolved import is reported only when there is evidence it should resolve: the layer folder
     * it points into exists (a typo or a deleted file), or a tsconfig / package.json that should map
     * the alias exists. Code linted on its own, without its neighbours, is not flooded with reports.
     */
    function pointsIntoExistingLayer(
      resolution: { candidate: string; isPath: boolean; configured: boolean },
      layer: string,
    ): boolean {
      if (!resolution.isPath) return resolution.configured;
      let folder = path.dirname(resolution.candidate);
      while (!isDirectory(folder)) {
        const parent = path.dirname(folder);
        if (parent === folder) return false;
        folder = parent;
      }
      return classify(config, matchPath(path.join(folder, '_'), cwd)) === layer;
    }

    function isGlobalRequire(node: TSESTree.Identifier): boolean {
      let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(node);
      while (scope) {
        const variable = scope.set.get('require');
        if (variable) return variable.defs.length === 0;
        scope = scope.upper;
      }
      return true;
    }

    return {
      ImportDeclaration(node): void {
        const typeOnly =
          node.importKind === 'type' ||
          (node.specifiers.length > 0 &&
            node.specifiers.every(
              (specifier) => specifier.type === 'ImportSpecifier' && specifier.importKind === 'type',
            ));
        checkLiteral(node.source, typeOnly);
      },
      ExportNamedDeclaration(node): void {
        if (!node.source) return;
        const typeOnly =
          node.exportKind === 'type' ||
          (node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.exportKind === 'type'));
        checkLiteral(node.source, typeOnly);
      },
      ExportAllDeclaration(node): void {
        checkLiteral(node.source, node.exportKind === 'type');
      },
      ImportExpression(node): void {
        checkLiteral(node.source, false);
      },
      TSImportEqualsDeclaration(node): void {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          checkLiteral(node.moduleReference.expression, node.importKind === 'type');
        }
      },
      TSImportType(node): void {
        checkLiteral(node.source, true);
      },
      'CallExpression[callee.type="Identifier"][callee.name="require"]'(node: TSESTree.CallExpression): void {
        const [first] = node.arguments;
        if (node.arguments.length !== 1 || !first) return;
        if (!isGlobalRequire(node.callee as TSESTree.Identifier)) return;
        checkLiteral(first, false);
      },
    };
  },
});
