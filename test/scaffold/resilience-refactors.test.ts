/**
 * "Retry with backoff": the rewrite of an awaited call, checked to the character; when it is not
 * offered and why; the module creation of the full edit; and rewritten TypeScript compiled with
 * `tsc --strict` (unused parameters reported) against the canonical retry module.
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
import { buildRetryWrapEdit, computeRetryWrap, RETRY_REFACTOR_TITLE } from '../../scaffold/src/resilience-refactors.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tscBin = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function apply(text: string, edits: readonly OffsetEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** Runs the refactor with the cursor on the first `await` (or on `marker`) and returns the new text, or the disabled reason. */
function rewrite(text: string, options: { fileName?: string; marker?: string; importSpecifier?: string } = {}): string {
  const offset = text.indexOf(options.marker ?? 'await') + 1;
  const computed = computeRetryWrap({ fileName: options.fileName ?? 'src/file.ts', text, offset, importSpecifier: options.importSpecifier ?? './common/retry.js' });
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
      rewrite("async function f(url: string, signal: AbortSignal) {\n  return await fetch(url, { method: 'POST', signal });\n}\n"),
      "import { retry } from './common/retry.js';\nasync function f(url: string, signal: AbortSignal) {\n  return await retry((_attempt, attemptSignal) => fetch(url, { method: 'POST', signal: attemptSignal }), { retries: 3, signal });\n}\n",
    );
    assert.equal(
      rewrite('async function f(request: Request) {\n  return await fetch(request.url, { signal: request.signal });\n}\n'),
      "import { retry } from './common/retry.js';\nasync function f(request: Request) {\n  return await retry((_attempt, signal) => fetch(request.url, { signal }), { retries: 3, signal: request.signal });\n}\n",
    );
  });

  it('retries a call with no options object as is, and makes the function async when the arguments await', () => {
    assert.equal(
      rewrite("const { query } = require('./db');\nasync function f() {\n  await query(sql, await params());\n}\n", { fileName: 'src/file.js' }),
      "const { query } = require('./db');\nconst { retry } = require('./common/retry.js');\nasync function f() {\n  await retry(async () => query(sql, await params()), { retries: 3 });\n}\n",
    );
  });

  it('reuses an existing import of retry and follows a semicolon-free file', () => {
    assert.equal(
      rewrite("import { retry } from '../common/retry.js'\nasync function f() {\n  await first()\n  await save(x)\n}\n", { marker: 'await save', importSpecifier: '../common/retry.js' }),
      "import { retry } from '../common/retry.js'\nasync function f() {\n  await first()\n  await retry(() => save(x), { retries: 3 })\n}\n",
    );
  });

  it('is not offered where it cannot help, and says why', () => {
    assert.match(rewrite('const x = 1;\n'), /^disabled: Place the cursor on an awaited call/);
    assert.match(rewrite('async function f() {\n  await pending;\n}\n'), /^disabled: Only a call can be retried/);
    assert.match(rewrite("import { retry } from './common/retry.js';\nasync function f() {\n  await retry(() => g());\n}\n"), /^disabled: The call is already retried/);
    assert.match(rewrite("import retry from 'async-retry';\nasync function f() {\n  await g();\n}\n"), /^disabled: `retry` already names something else/);
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
    const built = buildRetryWrapEdit({ filePath, text: TEXT, version: 1, offset: TEXT.indexOf('await'), workspaceRoot: root });
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
    const built = buildRetryWrapEdit({ filePath, text: TEXT, version: 1, offset: TEXT.indexOf('await'), workspaceRoot: root });
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
