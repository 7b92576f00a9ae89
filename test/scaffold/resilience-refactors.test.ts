/**
 * "Retry with backoff" and "Wrap in withTimeout": the rewrites checked to the character; when they
 * are not offered (and why); the module creation of the full edit; rewritten TypeScript compiled
 * with `tsc --strict` (unused parameters reported) against the canonical modules; and that
 * no-request-without-timeout does not report a wrapped request.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { OffsetEdit } from '../../scaffold/src/bounded-concurrency-fix.js';
import {
  buildRetryWrapEdit,
  buildWithTimeoutEdit,
  computeRetryWrap,
  computeWithTimeoutWrap,
  RETRY_REFACTOR_TITLE,
  withTimeoutTitle,
} from '../../scaffold/src/resilience-refactors.js';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import tripwire from '../../rules/src/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tscBin = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function apply(text: string, edits: readonly OffsetEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** Runs the refactor with the cursor on the first `await` (or on `marker`) and returns the new text, or the disabled reason. */
function rewrite(text: string, options: { fileName?: string; marker?: string; importSpecifier?: string } = {}): string {
  const offset = text.indexOf(options.marker ?? 'await') + 1;
  const computed = computeRetryWrap({
    fileName: options.fileName ?? 'src/file.ts',
    text,
    offset,
    importSpecifier: options.importSpecifier ?? './common/retry.js',
  });
  return 'disabledReason' in computed ? `disabled: ${computed.disabledReason}` : apply(text, computed.edits);
}

describe('Retry with backoff: the rewrite', () => {
  it('is titled "Retry with backoff"', () => {
    assert.equal(RETRY_REFACTOR_TITLE, 'Retry with backoff');
  });

  it('gives fetch(url) an init object with the attempt signal', () => {
    assert.equal(
      rewrite('export async function load(url: string): Promise<Response> {\n  return await fetch(url);\n}\n'),
      "import { retry } from './common/retry.js';\nexport async function load(url: string): Promise<Response> {\n  return await retry((_attempt, signal) => fetch(url, { signal }), { retries: 3 });\n}\n",
    );
  });

  it('adds the signal to an options object literal, on one line or many', () => {
    assert.equal(
      rewrite("async function f() {\n  await client.get('/u', { timeout: 5 });\n}\n"),
      "import { retry } from './common/retry.js';\nasync function f() {\n  await retry((_attempt, signal) => client.get('/u', { timeout: 5, signal }), { retries: 3 });\n}\n",
    );
    assert.equal(
      rewrite("async function f() {\n  await client.get('/u', {\n    headers: { a: '1' },\n  });\n}\n"),
      "import { retry } from './common/retry.js';\nasync function f() {\n  await retry((_attempt, signal) => client.get('/u', {\n    headers: { a: '1' },\n    signal,\n  }), { retries: 3 });\n}\n",
    );
    assert.equal(
      rewrite('async function f() {\n  await load(id, {});\n}\n'),
      "import { retry } from './common/retry.js';\nasync function f() {\n  await retry((_attempt, signal) => load(id, { signal }), { retries: 3 });\n}\n",
    );
  });

  it("moves a signal the call already passes to retry's own signal option, and gives the call the attempt's", () => {
    assert.equal(
      rewrite(
        "async function f(url: string, signal: AbortSignal) {\n  return await fetch(url, { method: 'POST', signal });\n}\n",
      ),
      "import { retry } from './common/retry.js';\nasync function f(url: string, signal: AbortSignal) {\n  return await retry((_attempt, attemptSignal) => fetch(url, { method: 'POST', signal: attemptSignal }), { retries: 3, signal });\n}\n",
    );
    assert.equal(
      rewrite(
        'async function f(request: Request) {\n  return await fetch(request.url, { signal: request.signal });\n}\n',
      ),
      "import { retry } from './common/retry.js';\nasync function f(request: Request) {\n  return await retry((_attempt, signal) => fetch(request.url, { signal }), { retries: 3, signal: request.signal });\n}\n",
    );
  });

  it('retries a call with no options object as is, and makes the function async when the arguments await', () => {
    assert.equal(
      rewrite("const { query } = require('./db');\nasync function f() {\n  await query(sql, await params());\n}\n", {
        fileName: 'src/file.js',
      }),
      "const { query } = require('./db');\nconst { retry } = require('./common/retry.js');\nasync function f() {\n  await retry(async () => query(sql, await params()), { retries: 3 });\n}\n",
    );
  });

  it('reuses an existing import of retry and follows a semicolon-free file', () => {
    assert.equal(
      rewrite(
        "import { retry } from '../common/retry.js'\nasync function f() {\n  await first()\n  await save(x)\n}\n",
        { marker: 'await save', importSpecifier: '../common/retry.js' },
      ),
      "import { retry } from '../common/retry.js'\nasync function f() {\n  await first()\n  await retry(() => save(x), { retries: 3 })\n}\n",
    );
  });

  it('is not offered where it cannot help, and says why', () => {
    assert.match(rewrite('const x = 1;\n'), /^disabled: Place the cursor on an awaited call/);
    assert.match(rewrite('async function f() {\n  await pending;\n}\n'), /^disabled: Only a call can be retried/);
    assert.match(
      rewrite("import { retry } from './common/retry.js';\nasync function f() {\n  await retry(() => g());\n}\n"),
      /^disabled: The call is already retried/,
    );
    assert.match(
      rewrite("import retry from 'async-retry';\nasync function f() {\n  await g();\n}\n"),
      /^disabled: `retry` already names something else/,
    );
    assert.match(rewrite('async function* f() {\n  await g(yield 1);\n}\n'), /^disabled: The call's arguments yield/);
  });
});

describe('Retry with backoff: the full edit', () => {
  function workspace(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'tripwire-retry-refactor-'));
    temporaryRoots.push(root);
    writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
    writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    mkdirSync(path.join(root, 'src', 'api'), { recursive: true });
    return root;
  }
  const TEXT = 'export async function load(url: string): Promise<Response> {\n  return await fetch(url);\n}\n';

  it('creates src/common/retry.ts when the project has none, then rewrites the call', () => {
    const root = workspace();
    const filePath = path.join(root, 'src', 'api', 'load.ts');
    const built = buildRetryWrapEdit({
      filePath,
      text: TEXT,
      version: 1,
      offset: TEXT.indexOf('await'),
      workspaceRoot: root,
    });
    assert.ok('changes' in built, JSON.stringify(built));
    assert.equal(built.createsModule, path.join(root, 'src', 'common', 'retry.ts'));
    assert.equal(built.changes[0]?.kind, 'create');
    assert.equal(built.changes[0]?.path, path.join(root, 'src', 'common', 'retry.ts'));
    const edit = built.changes.at(-1);
    assert.ok(edit?.kind === 'edit');
    assert.match(apply(TEXT, edit.edits), /^import \{ retry \} from '\.\.\/common\/retry\.js';$/m);
  });

  it('uses a retry module the project already has', () => {
    const root = workspace();
    mkdirSync(path.join(root, 'src', 'lib'));
    writeFileSync(path.join(root, 'src', 'lib', 'retry.ts'), 'export {};\n');
    const filePath = path.join(root, 'src', 'api', 'load.ts');
    const built = buildRetryWrapEdit({
      filePath,
      text: TEXT,
      version: 1,
      offset: TEXT.indexOf('await'),
      workspaceRoot: root,
    });
    assert.ok('changes' in built);
    assert.equal(built.createsModule, undefined);
    assert.equal(built.changes.length, 1);
    const [edit] = built.changes;
    assert.ok(edit?.kind === 'edit');
    assert.match(apply(TEXT, edit.edits), /^import \{ retry \} from '\.\.\/lib\/retry\.js';$/m);
  });

  it('produces TypeScript that compiles with tsc --strict and noUnusedParameters against the generated module', () => {
    const root = workspace();
    copyFileSync(path.join(repoRoot, 'scaffold', 'src', 'canonical', 'retry.ts'), path.join(root, 'src', 'retry.ts'));
    const sources = [
      'export async function load(url: string): Promise<Response> {\n  return await fetch(url);\n}\n',
      'export async function post(url: string, signal: AbortSignal): Promise<Response> {\n  return await fetch(url, { method: "POST", signal });\n}\n',
      'declare function save(id: string): Promise<number>;\nexport async function store(id: string): Promise<number> {\n  return await save(id);\n}\n',
      'declare function query(sql: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<string[]>;\nexport async function rows(): Promise<string[]> {\n  const found = await query("select 1", { timeoutMs: 100 });\n  return found;\n}\n',
    ];
    const files = sources.map((source, index) => {
      const name = `use${index}.ts`;
      writeFileSync(path.join(root, 'src', name), rewrite(source, { importSpecifier: './retry.js' }));
      return `src/${name}`;
    });
    const compilerOptions = {
      strict: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'],
      types: [],
      skipLibCheck: true,
    };
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
    const result = spawnSync(process.execPath, [tscBin, '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });
});

/** Applies "Wrap in withTimeout" to the call starting at `marker`, or returns `not offered`. */
function wrap(
  text: string,
  marker: string,
  options: { client?: string; scopeSignal?: string; fileName?: string; ms?: number } = {},
): string {
  const edits = computeWithTimeoutWrap({
    fileName: options.fileName ?? 'src/api.ts',
    text,
    offset: text.indexOf(marker),
    importSpecifier: './common/timeout.js',
    ...(options.client === undefined ? {} : { client: options.client }),
    ...(options.scopeSignal === undefined ? {} : { scopeSignal: options.scopeSignal }),
    ...(options.ms === undefined ? {} : { ms: options.ms }),
  });
  return edits === undefined ? 'not offered' : apply(text, edits);
}

describe('Wrap in withTimeout: the rewrite', () => {
  it('is titled with the deadline', () => {
    assert.equal(withTimeoutTitle(), 'Wrap in withTimeout (10000ms)');
    assert.equal(withTimeoutTitle(2500), 'Wrap in withTimeout (2500ms)');
  });

  it("hands fetch the deadline's signal in its init", () => {
    assert.equal(
      wrap('export async function load(url: string): Promise<Response> {\n  return await fetch(url);\n}\n', 'fetch(', {
        client: 'fetch',
      }),
      "import { withTimeout } from './common/timeout.js';\nexport async function load(url: string): Promise<Response> {\n  return await withTimeout((signal) => fetch(url, { signal }), 10000);\n}\n",
    );
    assert.equal(
      wrap('async function post(url: string, init: RequestInit) {\n  return fetch(url, init);\n}\n', 'fetch(', {
        client: 'fetch',
        ms: 2500,
      }),
      "import { withTimeout } from './common/timeout.js';\nasync function post(url: string, init: RequestInit) {\n  return withTimeout((signal) => fetch(url, { ...init, signal }), 2500);\n}\n",
    );
  });

  it("makes a signal the request ignored, or one it already passed, the deadline's own signal option", () => {
    assert.equal(
      wrap('export async function load(url: string, signal: AbortSignal) {\n  return fetch(url);\n}\n', 'fetch(', {
        client: 'fetch',
        scopeSignal: 'signal',
      }),
      "import { withTimeout } from './common/timeout.js';\nexport async function load(url: string, signal: AbortSignal) {\n  return withTimeout((timeoutSignal) => fetch(url, { signal: timeoutSignal }), 10000, { signal });\n}\n",
    );
    assert.equal(
      wrap(
        "async function f(url: string, request: Request) {\n  return fetch(url, { method: 'POST', signal: request.signal });\n}\n",
        'fetch(',
        { client: 'fetch' },
      ),
      "import { withTimeout } from './common/timeout.js';\nasync function f(url: string, request: Request) {\n  return withTimeout((signal) => fetch(url, { method: 'POST', signal }), 10000, { signal: request.signal });\n}\n",
    );
  });

  it("puts the signal in axios's config and got's options, and wraps an unknown client without one", () => {
    assert.equal(
      wrap(
        "const axios = require('axios');\nasync function f() {\n  return axios.post('/u', body);\n}\n",
        'axios.post',
        { client: 'axios.post', fileName: 'src/api.js' },
      ),
      "const axios = require('axios');\nconst { withTimeout } = require('./common/timeout.js');\nasync function f() {\n  return withTimeout((signal) => axios.post('/u', body, { signal }), 10000);\n}\n",
    );
    assert.equal(
      wrap("import axios from 'axios';\nexport const get = () => axios.get('/u', { params });\n", 'axios.get', {
        client: 'axios.get',
      }),
      "import axios from 'axios';\nimport { withTimeout } from './common/timeout.js';\nexport const get = () => withTimeout((signal) => axios.get('/u', { params, signal }), 10000);\n",
    );
    assert.equal(
      wrap("import got from 'got';\nexport const get = () => got.get('/u');\n", 'got.get', { client: 'got.get' }),
      "import got from 'got';\nimport { withTimeout } from './common/timeout.js';\nexport const get = () => withTimeout((signal) => got.get('/u', { signal }), 10000);\n",
    );
    assert.equal(
      wrap("export const get = () => api.get('/u');\n", 'api.get', { client: 'api.get' }),
      "import { withTimeout } from './common/timeout.js';\nexport const get = () => withTimeout(() => api.get('/u'), 10000);\n",
    );
  });

  it('is not offered where a plain promise would break the code', () => {
    assert.equal(
      wrap("import https from 'node:https';\nhttps.get('https://x.test', () => undefined);\n", 'https.get', {
        client: 'https.get',
      }),
      'not offered',
    );
    assert.equal(
      wrap("import got from 'got';\nexport const get = () => got('/u').json();\n", 'got(', { client: 'got' }),
      'not offered',
    );
    assert.equal(
      wrap("import got from 'got';\ngot.stream('/u');\n", 'got.stream', { client: 'got.stream' }),
      'not offered',
    );
    assert.equal(
      wrap("import { withTimeout } from 'p-timeout-ish';\nfetch(url);\n", 'fetch(', { client: 'fetch' }),
      'not offered',
    );
    assert.equal(wrap('const x = 1;\n', 'x', { client: 'fetch' }), 'not offered');
  });

  it('leaves nothing for no-request-without-timeout to report', () => {
    const before = 'export async function load(url: string): Promise<Response> {\n  return await fetch(url);\n}\n';
    const linter = new Linter({ cwd: '/project' });
    const config: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      tripwire.configs.recommended as Linter.Config,
    ];
    const ruleIds = (code: string): (string | null)[] =>
      linter.verify(code, config, { filename: '/project/src/api.ts' }).map((message) => message.ruleId);
    assert.deepEqual(ruleIds(before), ['tripwire/no-request-without-timeout']);
    assert.deepEqual(ruleIds(wrap(before, 'fetch(', { client: 'fetch' })), []);
  });
});

describe('Wrap in withTimeout: the full edit', () => {
  it('creates the timeout module when the project has none, and the result compiles with tsc --strict', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tripwire-timeout-fix-'));
    temporaryRoots.push(root);
    writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
    writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    mkdirSync(path.join(root, 'src'));
    const filePath = path.join(root, 'src', 'api.ts');
    const text =
      'export async function load(url: string, signal: AbortSignal): Promise<Response> {\n  return await fetch(url, { headers: { accept: "application/json" } });\n}\n';
    const built = buildWithTimeoutEdit({
      filePath,
      text,
      version: 1,
      offset: text.indexOf('fetch('),
      workspaceRoot: root,
      client: 'fetch',
      scopeSignal: 'signal',
    });
    assert.ok(built !== undefined);
    assert.equal(built.title, 'Wrap in withTimeout (10000ms)');
    assert.equal(built.createsModule, path.join(root, 'src', 'common', 'timeout.ts'));
    const [create, edit] = built.changes;
    assert.ok(create?.kind === 'create' && edit?.kind === 'edit');
    mkdirSync(path.join(root, 'src', 'common'));
    copyFileSync(path.join(repoRoot, 'scaffold', 'src', 'canonical', 'timeout.ts'), create.path);
    writeFileSync(filePath, apply(text, edit.edits));
    const compilerOptions = {
      strict: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'],
      types: [],
      skipLibCheck: true,
    };
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
    const result = spawnSync(process.execPath, [tscBin, '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });
});
