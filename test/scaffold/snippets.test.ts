/**
 * The snippet files: valid JSON, the seven `tw-` prefixes with descriptions, well-formed tabstops, and
 * each body, once expanded with its defaults, is code that type-checks against the canonical modules
 * (`tsc --strict`; JavaScript with checkJs).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { adaptSource } from '../../scaffold/src/concurrency.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const canonical = path.join(repoRoot, 'scaffold', 'src', 'canonical');
const tscBin = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const PREFIXES = [
  'tw-breaker',
  'tw-errgroup',
  'tw-maplimit',
  'tw-ratelimit',
  'tw-retry',
  'tw-singleflight',
  'tw-timeout',
];

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function load(file: string): Record<string, Snippet> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(repoRoot, 'snippets', file), 'utf8'));
  } catch (error: unknown) {
    assert.fail(`snippets/${file} is not valid JSON: ${String(error)}`);
  }
  assert.ok(isSnippetFile(parsed), `snippets/${file} maps names to { prefix, body, description }`);
  return parsed;
}

function isSnippetFile(value: unknown): value is Record<string, Snippet> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return false;
    const { prefix, body, description } = entry as Record<string, unknown>;
    const isText = (item: unknown): boolean =>
      typeof item === 'string' || (Array.isArray(item) && item.every((line) => typeof line === 'string'));
    return isText(prefix) && isText(body) && typeof description === 'string';
  });
}

/** Expands a snippet body the way the editor does when every placeholder keeps its default. */
function expand(body: string): string {
  const defaults = new Map<string, string>();
  // Innermost placeholders first, so nested ones resolve.
  let text = body;
  const placeholder = /\$\{(\d+):((?:[^${}]|\$\d+)*)\}/g;
  for (let guard = 0; guard < 50 && /\$\{\d+:/.test(text); guard += 1) {
    text = text.replace(placeholder, (_whole, index: string, value: string) => {
      if (!defaults.has(index)) defaults.set(index, value);
      return value;
    });
  }
  text = text.replace(/\$\{(\d+)\|([^|]*)(?:,[^|]*)*\|\}/g, (_whole, _index: string, first: string) => first);
  text = text.replace(/\$(\d+)/g, (_whole, index: string) => defaults.get(index) ?? '');
  assert.doesNotMatch(text, /\$\{|\$\d/, 'every tabstop was expanded');
  return text.replace(/\\\$/g, '$').replace(/\\\}/g, '}');
}

const PRELUDE_TS = [
  "import { ErrGroup, mapWithLimit } from './errgroup.js';",
  "import { SingleFlight } from './singleflight.js';",
  "import { retry } from './retry.js';",
  "import { CircuitBreaker } from './circuit-breaker.js';",
  "import { RateLimiter } from './rate-limiter.js';",
  "import { withTimeout } from './timeout.js';",
  'declare const signal: AbortSignal;',
  'declare const key: string;',
  'declare const items: string[];',
  'declare function work(item: string, signal: AbortSignal): Promise<void>;',
  'type Value = { id: string };',
  'declare function fetchValue(key: string, signal: AbortSignal): Promise<Value>;',
  'void ErrGroup; void mapWithLimit; void SingleFlight; void retry; void CircuitBreaker; void RateLimiter; void withTimeout; void key;',
  '',
].join('\n');

const PRELUDE_JS = [
  "import { ErrGroup, mapWithLimit } from './errgroup.js';",
  "import { SingleFlight } from './singleflight.js';",
  "import { retry } from './retry.js';",
  "import { CircuitBreaker } from './circuit-breaker.js';",
  "import { RateLimiter } from './rate-limiter.js';",
  "import { withTimeout } from './timeout.js';",
  '/** @type {AbortSignal} */ const signal = new AbortController().signal;',
  "/** @type {string} */ const key = 'k';",
  "/** @type {string[]} */ const items = ['a'];",
  '/** @param {string} item @param {AbortSignal} signal @returns {Promise<void>} */',
  'async function work(item, signal) { void item; void signal; }',
  '/** @param {string} key @param {AbortSignal} signal @returns {Promise<{ id: string }>} */',
  'async function fetchValue(key, signal) { void signal; return { id: key }; }',
  'void ErrGroup; void mapWithLimit; void SingleFlight; void work; void fetchValue; void items; void signal;',
  'void retry; void CircuitBreaker; void RateLimiter; void withTimeout; void key;',
  '',
].join('\n');

for (const [file, language] of [
  ['typescript.json', 'ts'],
  ['javascript.json', 'js'],
] as const) {
  describe(`snippets/${file}`, () => {
    const snippets = load(file);

    it('has the tw-errgroup, tw-maplimit, tw-singleflight, tw-retry, tw-breaker, tw-ratelimit and tw-timeout prefixes, each with a description and a body', () => {
      const prefixes = Object.values(snippets).flatMap((snippet) =>
        Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix],
      );
      assert.deepEqual([...prefixes].sort(), PREFIXES);
      for (const [name, snippet] of Object.entries(snippets)) {
        assert.ok(typeof snippet.description === 'string' && snippet.description.length > 20, `${name} description`);
        const body = Array.isArray(snippet.body) ? snippet.body : [snippet.body];
        assert.ok(body.length > 0 && body.every((line) => typeof line === 'string'), `${name} body`);
        const text = body.join('\n');
        assert.match(text, /\$\{1:/, `${name} has a first tabstop`);
        assert.match(text, /\$\{?0/, `${name} has a final tabstop`);
      }
    });

    it('expands to code that type-checks against the canonical modules', () => {
      const root = mkdtempSync(path.join(tmpdir(), `tripwire-snippets-${language}-`));
      temporaryRoots.push(root);
      writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
      const extension = language === 'ts' ? '.ts' : '.js';
      const style = { language, moduleKind: 'esm', indent: '  ', quote: "'" } as const;
      for (const module of ['errgroup', 'singleflight', 'retry', 'circuit-breaker', 'rate-limiter', 'timeout']) {
        const source = readFileSync(path.join(canonical, `${module}.ts`), 'utf8');
        writeFileSync(
          path.join(root, `${module}${extension}`),
          language === 'ts' ? source : adaptSource(source, style, `${module}.ts`),
        );
      }
      const files: string[] = [];
      for (const [index, snippet] of Object.values(snippets).entries()) {
        const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
        const expanded = expand(body);
        const fileName = `snippet${index}${extension}`;
        const text = `${language === 'ts' ? PRELUDE_TS : PRELUDE_JS}${expanded}\nexport {};\n`;
        const syntax =
          ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: { allowJs: true } })
            .diagnostics ?? [];
        assert.deepEqual(
          syntax.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
          [],
          `${fileName} parses`,
        );
        writeFileSync(path.join(root, fileName), text);
        files.push(fileName);
      }
      const compilerOptions = {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022'],
        types: ['node'],
        typeRoots: [path.join(repoRoot, 'node_modules', '@types')],
        skipLibCheck: true,
        noUnusedParameters: true,
        ...(language === 'js' ? { allowJs: true, checkJs: true } : {}),
      };
      writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
      const result = spawnSync(process.execPath, [tscBin, '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
      assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    });
  });
}
