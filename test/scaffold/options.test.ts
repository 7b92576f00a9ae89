import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  generateFunctionalOptions,
  OptionsGeneratorError,
  regionEnd,
  regionStart,
} from '../../scaffold/src/options/generate-options.js';
import { planFunctionalOptions } from '../../scaffold/src/options/index.js';
import { checkPlan, ScaffoldConflictError, writePlan } from '../../scaffold/src/plan.js';
import { planToWorkspaceEdit } from '../../server/src/scaffold/workspace-edit.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tscBin = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');

const workDir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'tripwire-options-'));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

const SERVER_CONFIG = `export interface ServerConfig {
  /** Host name to bind. */
  readonly host: string;
  port: number;
  /**
   * Request timeout in milliseconds.
   * @default 5000
   * @see https://example.invalid/timeouts
   */
  timeoutMs?: number;
  /** How hard to try. @default 'safe' */
  mode?: 'fast' | 'safe';
  readonly tags?: readonly string[];
}
`;

function generate(sourceText: string, typeName: string, fileName = '/virtual/server.ts'): string {
  return generateFunctionalOptions({ fileName, sourceText, typeName }).text;
}

/** Type-checks files written to a fresh folder with `tsc --strict`; returns tsc's output and status. */
function compile(
  files: Record<string, string>,
  extraFlags: string[] = [],
): { status: number | null; output: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(workDir, 'compile-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const result = spawnSync(
    process.execPath,
    [
      tscBin,
      '--strict',
      '--noEmit',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--types',
      'node',
      '--typeRoots',
      path.join(repoRoot, 'node_modules/@types'),
      '--noUnusedLocals',
      '--skipLibCheck',
      ...extraFlags,
      ...Object.keys(files).map((name) => path.join(dir, name)),
    ],
    { encoding: 'utf8', cwd: dir },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}`, dir };
}

function runModule(dir: string, name: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', tsxLoader, path.join(dir, name)], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Lines removed from and added to `before` to get `after` (longest common subsequence). */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i += 1;
      j += 1;
    } else if (j < b.length && (i === a.length || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      added.push(b[j]!);
      j += 1;
    } else {
      removed.push(a[i]!);
      i += 1;
    }
  }
  return { removed, added };
}

describe('functional options: text in, text out', () => {
  const output = generate(SERVER_CONFIG, 'ServerConfig');

  it('keeps the original text and appends one marked region after the type', () => {
    assert.ok(output.startsWith(SERVER_CONFIG));
    assert.equal(output.split(regionStart('ServerConfig')).length, 2);
    assert.ok(output.trimEnd().endsWith(regionEnd('ServerConfig')));
  });

  it('declares the values, the Option type, frozen defaults, one withX per optional property and create', () => {
    assert.match(
      output,
      /export interface ServerConfigOptionValues \{\n  timeoutMs: ServerConfig\['timeoutMs'\] \| undefined;\n  mode: ServerConfig\['mode'\] \| undefined;\n  readonly tags: ServerConfig\['tags'\] \| undefined;\n\}/,
    );
    assert.match(output, /export type ServerConfigOption = \{/);
    assert.match(
      output,
      /export const DEFAULT_SERVER_CONFIG: Readonly<ServerConfigOptionValues> = Object\.freeze\(\{\n  timeoutMs: 5000,\n  mode: 'safe',\n  tags: undefined,\n\}\);/,
    );
    assert.doesNotMatch(
      output,
      /TODO/,
      'an optional property without a default starts unset instead of failing to compile',
    );
    for (const name of ['withTimeoutMs', 'withMode', 'withTags'])
      assert.match(output, new RegExp(`export function ${name}\\(value: `));
    assert.doesNotMatch(output, /function withHost|function withPort/);
    assert.match(
      output,
      /export function createServerConfig\(\n  host: ServerConfig\['host'\],\n  port: ServerConfig\['port'\],\n  \.\.\.options: readonly ServerConfigOption\[\]\n\): Readonly<ServerConfig> \{/,
    );
  });

  it('carries JSDoc to withX and documents undefined and last-wins', () => {
    const withTimeout = output.slice(
      output.indexOf('/**\n * Request timeout'),
      output.indexOf('export function withTimeoutMs'),
    );
    assert.match(withTimeout, /Request timeout in milliseconds\./);
    assert.match(withTimeout, /@see https:\/\/example\.invalid\/timeouts/);
    assert.doesNotMatch(withTimeout, /@default/);
    assert.match(
      withTimeout,
      /Passing `undefined` keeps the default; when several options set it, the last one wins\./,
    );
    assert.match(
      output,
      /the last option for a key wins, and an option whose\n \* value is `undefined` is skipped, so it never erases a default\./,
    );
  });

  it('follows the file’s indentation and quotes', () => {
    const tabbed =
      'export interface Opts {\n\t"name": string;\n\t"retries"?: number; /** @default 3 */\n}\nconst q = "x";\n';
    const text = generate(tabbed, 'Opts');
    assert.match(text, /\n\tretries: Opts\["retries"\] \| undefined;/);
    assert.match(text, /return Object\.freeze\(\{ key: "retries", value \}\);/);
  });
});

describe('functional options: idempotent regeneration', () => {
  it('re-running on an unchanged type yields no edit', () => {
    const once = generate(SERVER_CONFIG, 'ServerConfig');
    const again = generateFunctionalOptions({
      fileName: '/virtual/server.ts',
      sourceText: once,
      typeName: 'ServerConfig',
    });
    assert.equal(again.unchanged, true);
    assert.equal(again.text, once);
  });

  it('after adding a property only its withX and default appear; hand edits and filled defaults are kept', () => {
    const once = generate(SERVER_CONFIG, 'ServerConfig').replace('tags: undefined,', "tags: ['edge'],");
    const handWritten =
      "\n// Hand-written helper, outside the region.\nexport const LOCAL = createServerConfig('localhost', 8080);\n";
    const edited = `${once}${handWritten}`.replace(
      '  readonly tags?: readonly string[];\n',
      '  readonly tags?: readonly string[];\n  /** Keep-alive in ms. @default 1000 */\n  keepAliveMs?: number;\n',
    );
    const next = generate(edited, 'ServerConfig');
    assert.ok(next.endsWith(handWritten), 'hand-written code after the region is kept');
    assert.match(next, /tags: \['edge'\],/);

    const { removed, added } = lineDiff(edited, next);
    assert.deepEqual(removed, [], 'no existing line was removed or changed');
    // LCS may place the repeated `/**` line at either end of the new block, so compare as sorted lines.
    assert.deepEqual(
      [...added].sort(),
      [
        "  keepAliveMs: ServerConfig['keepAliveMs'] | undefined;",
        '  keepAliveMs: 1000,',
        '/**',
        ' * Keep-alive in ms.',
        ' *',
        ' * Sets `keepAliveMs` (default: `DEFAULT_SERVER_CONFIG.keepAliveMs`).',
        ' * Passing `undefined` keeps the default; when several options set it, the last one wins.',
        ' */',
        "export function withKeepAliveMs(value: ServerConfigOptionValues['keepAliveMs'] | undefined): ServerConfigOption {",
        "  return Object.freeze({ key: 'keepAliveMs', value });",
        '}',
        '',
      ].sort(),
    );
  });

  it('regenerates a region edited by hand inside, and refuses a region without its end marker', () => {
    const once = generate(SERVER_CONFIG, 'ServerConfig');
    const tampered = once.replace('export function withMode', 'export function withModeRenamed');
    assert.equal(generate(tampered, 'ServerConfig'), once);
    const broken = once.replace(regionEnd('ServerConfig'), '');
    assert.throws(() => generate(broken, 'ServerConfig'), /no end marker/);
  });
});

describe('functional options: classes, generics and members that must survive', () => {
  const POOL = `export class Pool<T extends object, K = string> {
  #created = 0;
  private readonly label = 'pool';
  static instances = 0;
  /** Upper bound of live items. */
  readonly size: number = 10;
  keyOf?: (item: T) => K;
  mode: 'lifo' | 'fifo' = 'fifo';
  factory!: () => T;

  take(): T {
    this.#created += 1;
    return this.factory();
  }

  describe(): string {
    return \`\${this.label}:\${this.#created}\`;
  }
}
`;

  it('uses initializers as defaults, keeps #private/private/static out of the options, and stays generic', () => {
    const text = generate(POOL, 'Pool', '/virtual/pool.ts');
    assert.ok(text.startsWith(POOL));
    assert.match(
      text,
      /export interface PoolOptionValues<T extends object, K = string> \{\n  readonly size: Pool<T, K>\['size'\];\n  keyOf: Pool<T, K>\['keyOf'\] \| undefined;\n  mode: Pool<T, K>\['mode'\];\n\}/,
    );
    assert.match(
      text,
      /DEFAULT_POOL: Readonly<PoolOptionValues<object, unknown>> = Object\.freeze\(\{\n  size: 10,\n  keyOf: undefined,/,
    );
    assert.match(text, /  mode: 'fifo',\n\}\);/);
    assert.doesNotMatch(text, /withCreated|withLabel|withInstances|withFactory|withTake/);
    assert.match(
      text,
      /export function createPool<T extends object, K = string>\(\n  factory: Pool<T, K>\['factory'\],\n  \.\.\.options: readonly PoolOption<T, K>\[\]\n\): Readonly<Pool<T, K>> \{/,
    );
    assert.match(text, /return Object\.freeze\(Object\.assign\(new Pool<T, K>\(\), settings, \{ factory \}\)\);/);
  });

  it('compiles with tsc --strict and behaves: defaults, last wins, undefined keeps the default, frozen, #private works', () => {
    const generated = generate(POOL, 'Pool', '/virtual/pool.ts');
    const usage = `import assert from 'node:assert/strict';
import { createPool, DEFAULT_POOL, Pool, withKeyOf, withMode, withSize } from './pool.js';

const pool = createPool<{ id: number }, string>(() => ({ id: 1 }), withSize(3), withMode('lifo'), withSize(undefined), withSize(5), withKeyOf((item) => String(item.id)));
assert.equal(pool.size, 5);
assert.equal(pool.mode, 'lifo');
assert.equal(pool.keyOf?.({ id: 7 }), '7');
assert.ok(pool instanceof Pool);
assert.equal(pool.take().id, 1);
assert.equal(pool.describe(), 'pool:1');
assert.ok(Object.isFrozen(pool));
assert.ok(Object.isFrozen(DEFAULT_POOL));
const plain = createPool(() => ({ id: 2 }), withSize(undefined));
assert.equal(plain.size, 10);
assert.equal(plain.mode, 'fifo');
assert.ok(Object.isFrozen(withSize(1)));
console.log('ok');
`;
    const { status, output, dir } = compile({ 'pool.ts': generated, 'main.ts': usage });
    assert.equal(status, 0, output);
    const run = runModule(dir, 'main.ts');
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /ok/);
  });

  it('interface output compiles as generated under --strict and --exactOptionalPropertyTypes, and runs', () => {
    const generated = generate(SERVER_CONFIG, 'ServerConfig');
    const usage = `import assert from 'node:assert/strict';
import { createServerConfig, withMode, withTags, withTimeoutMs } from './server.js';

const config = createServerConfig('example.invalid', 443, withTimeoutMs(undefined), withMode('fast'), withMode('safe'), withTags(['a']));
assert.equal(config.timeoutMs, 5000);
assert.equal(config.mode, 'safe');
assert.deepEqual(config.tags, ['a']);
assert.equal(config.host, 'example.invalid');
assert.ok(Object.isFrozen(config));
assert.ok(!('tags' in createServerConfig('h', 1)), 'an undefined default leaves the property absent');
assert.throws(() => { (config as { port: number }).port = 1; }, TypeError);
console.log('ok');
`;
    for (const flags of [[], ['--exactOptionalPropertyTypes']]) {
      const { status, output, dir } = compile({ 'server.ts': generated, 'main.ts': usage }, flags);
      assert.equal(status, 0, output);
      const run = runModule(dir, 'main.ts');
      assert.equal(run.status, 0, run.output);
    }
  });

  it('keeps a failing TODO only where no valid default exists (a @default in prose), and says which defaults were left unset', () => {
    const source = `${SERVER_CONFIG}export interface RetryConfig {\n  /** Attempts. @default depends on the deployment */\n  attempts?: number;\n  jitter?: boolean;\n}\n`;
    const result = generateFunctionalOptions({
      fileName: '/virtual/server.ts',
      sourceText: source,
      typeName: 'RetryConfig',
    });
    assert.deepEqual(result.placeholders, ['attempts']);
    assert.deepEqual(result.unset, ['jitter']);
    assert.match(
      result.text,
      /attempts: TODO_RETRY_CONFIG_DEFAULT, \/\/ TODO: choose the default for attempts \(@default says: depends on the deployment\)/,
    );
    assert.match(result.text, /jitter: undefined,/);
    const { status, output } = compile({ 'server.ts': result.text });
    assert.notEqual(status, 0);
    assert.match(output, /TODO_RETRY_CONFIG_DEFAULT/);
  });

  it('handles type aliases with intersections, quoted keys and unions', () => {
    const source =
      "type Base = { name: string };\nexport type Job = Base & {\n  'retry-limit'?: number;\n  priority?: 1 | 2 | 3;\n};\n";
    const text = generate(source, 'Job', '/virtual/job.ts');
    assert.match(text, /withRetryLimit\(value: JobOptionValues\['retry-limit'\] \| undefined\)/);
    assert.match(text, /withPriority/);
    assert.match(text, /createJob\(name: Job\['name'\], /);
    assert.match(text, /'retry-limit': undefined,/);
  });
});

describe('functional options: refusals with clear messages', () => {
  it('rejects a missing type, a type without optional properties, a class needing constructor arguments, a non-object alias', () => {
    assert.throws(
      () => generate(SERVER_CONFIG, 'Nope'),
      (error: unknown) =>
        error instanceof OptionsGeneratorError &&
        /No class, interface or type alias named Nope.*found: ServerConfig/.test(error.message),
    );
    assert.throws(() => generate('interface A { a: string }', 'A'), /no optional properties/);
    assert.throws(
      () => generate('class C { size = 1; constructor(readonly name: string) {} }', 'C'),
      /constructor takes the required parameter `name`/,
    );
    assert.throws(() => generate("type U = 'a' | 'b';", 'U'), /not an object type/);
    assert.throws(
      () => generateFunctionalOptions({ fileName: '/virtual/x.js', sourceText: '', typeName: 'X' }),
      /TypeScript source files/,
    );
  });

  it('options-file mode needs an exported type', () => {
    assert.throws(
      () =>
        generateFunctionalOptions({
          fileName: '/virtual/a.ts',
          sourceText: 'interface A { a?: number }',
          typeName: 'A',
          target: 'options-file',
        }),
      /not exported/,
    );
  });
});

describe('functional options: planned through plan.ts', () => {
  it('same file: update, then identical on re-run; a file changed meanwhile is a conflict', () => {
    const dir = fs.mkdtempSync(path.join(workDir, 'plan-'));
    const file = path.join(dir, 'server.ts');
    fs.writeFileSync(file, SERVER_CONFIG);
    const { plan, unchanged, placeholders, unset } = planFunctionalOptions({
      root: dir,
      file: 'server.ts',
      typeName: 'ServerConfig',
    });
    assert.equal(unchanged, false);
    assert.deepEqual(placeholders, []);
    assert.deepEqual(unset, ['tags']);
    assert.deepEqual(plan.notes, [
      'ServerConfig: left unset (undefined until an option sets them), since nothing gave them a default: tags.',
    ]);
    assert.equal(checkPlan(plan, dir).files[0]?.status, 'update');
    const { edit } = planToWorkspaceEdit(plan, { root: dir });
    const change = edit.documentChanges?.[0];
    assert.ok(change && 'edits' in change);
    assert.deepEqual(change.edits[0]?.range.start, { line: SERVER_CONFIG.split('\n').length - 1, character: 0 });

    fs.appendFileSync(file, '// edited in between\n');
    assert.throws(() => writePlan(plan, { root: dir }), ScaffoldConflictError);
    fs.writeFileSync(file, SERVER_CONFIG);
    writePlan(plan, { root: dir });
    const rerun = planFunctionalOptions({ root: dir, file, typeName: 'ServerConfig' });
    assert.equal(rerun.unchanged, true);
    assert.equal(checkPlan(rerun.plan, dir).files[0]?.status, 'identical');
  });

  it('options file: created next to the source with its import, then regenerated in place', () => {
    const dir = fs.mkdtempSync(path.join(workDir, 'plan-'));
    fs.writeFileSync(path.join(dir, 'server.ts'), SERVER_CONFIG.replace('  readonly tags?: readonly string[];\n', ''));
    const first = planFunctionalOptions({
      root: dir,
      file: 'server.ts',
      typeName: 'ServerConfig',
      target: 'options-file',
    });
    assert.equal(first.plan.files[0]?.path, path.join(dir, 'server.options.ts'));
    assert.equal(checkPlan(first.plan, dir).files[0]?.status, 'create');
    writePlan(first.plan, { root: dir });
    const written = fs.readFileSync(path.join(dir, 'server.options.ts'), 'utf8');
    assert.match(
      written,
      /^\/\/ #region tripwire:functional-options ServerConfig\nimport type \{ ServerConfig \} from '\.\/server\.js';\n/,
    );
    const { status, output } = compile({
      'server.ts': SERVER_CONFIG.replace('  readonly tags?: readonly string[];\n', ''),
      'server.options.ts': written,
    });
    assert.equal(status, 0, output);
    assert.equal(
      planFunctionalOptions({ root: dir, file: 'server.ts', typeName: 'ServerConfig', target: 'options-file' })
        .unchanged,
      true,
    );
  });

  it('refuses a source outside the workspace', () => {
    assert.throws(
      () => planFunctionalOptions({ root: workDir, file: '../outside.ts', typeName: 'X' }),
      /escapes the workspace root/,
    );
  });
});

describe('functional options: code action applicability', () => {
  it('offers the refactor on options-like types only, and knows when a region exists', async () => {
    const { optionsTypeAt } = await import('../../scaffold/src/options/code-action.js');
    const text = `${SERVER_CONFIG}interface Plain { a: string }\nclass Pool { size = 1; #hidden = 2; }\nexport type Alias = { a: string } & { b?: number };\n`;
    assert.equal(optionsTypeAt(text, '/x/server.ts', text.indexOf('ServerConfig'))?.typeName, 'ServerConfig');
    assert.equal(optionsTypeAt(text, '/x/server.ts', text.indexOf('timeoutMs'))?.hasRegion, false);
    assert.equal(optionsTypeAt(text, '/x/server.ts', text.indexOf('Plain')), undefined);
    assert.equal(optionsTypeAt(text, '/x/server.ts', text.indexOf('Pool'))?.kind, 'class');
    assert.equal(optionsTypeAt(text, '/x/server.ts', text.indexOf('Alias'))?.kind, 'type');
    assert.equal(optionsTypeAt(text, '/x/server.js', text.indexOf('ServerConfig')), undefined);
    const generated = generate(SERVER_CONFIG, 'ServerConfig');
    assert.equal(optionsTypeAt(generated, '/x/server.ts', 20)?.hasRegion, true);
  });
});

describe('convert constructor/function parameters to functional options', () => {
  const CLIENT = `/**
 * Connects a client.
 * @param host - where to connect
 */
export function connect(host: string, port: number, timeoutMs = 5000, retries?: number, label: string = 'client'): string {
  return \`\${host}:\${port}/\${timeoutMs}/\${retries ?? 0}/\${label}\`;
}

export const local = connect('localhost', 80, undefined, 2);
`;
  const MAIN = `import { connect } from './client.js';
import * as client from './client.js';

export const a = connect('a', 1);
export const b = connect('b', 2, 100, 3, 'x');
export const c = client.connect('c', 3, 7);
`;

  async function convertProject(files: Record<string, string>, file: string, name: string) {
    const { planConvertParameters } = await import('../../scaffold/src/options/convert-parameters.js');
    const dir = fs.mkdtempSync(path.join(workDir, 'convert-'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      '{ "compilerOptions": { "strict": true, "target": "es2022", "module": "nodenext", "noEmit": true, "skipLibCheck": true, "types": [] } }',
    );
    for (const [relative, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, relative), text);
    return { dir, convert: () => planConvertParameters({ root: dir, file, name }) };
  }

  it('rewrites the signature and every call site (named and namespace imports), keeping behaviour; the result compiles and runs', async () => {
    const { dir, convert } = await convertProject({ 'client.ts': CLIENT, 'main.ts': MAIN }, 'client.ts', 'connect');
    const result = convert();
    assert.equal(result.settingsName, 'ConnectSettings');
    assert.equal(result.callSites, 4);
    assert.deepEqual(result.plan.files.map((file) => path.basename(file.path)).sort(), ['client.ts', 'main.ts']);
    assert.ok(checkPlan(result.plan, dir).files.every((file) => file.status === 'update'));
    const { edit } = planToWorkspaceEdit(result.plan, { root: dir });
    assert.equal(edit.documentChanges?.length, 2, 'one text edit per file: a preview of every change');
    writePlan(result.plan, { root: dir });

    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    assert.match(main, /^import \{ connect, withLabel, withRetries, withTimeoutMs \} from '\.\/client\.js';/);
    assert.match(main, /connect\('a', 1\);/);
    assert.match(main, /connect\('b', 2, withTimeoutMs\(100\), withRetries\(3\), withLabel\('x'\)\);/);
    assert.match(main, /client\.connect\('c', 3, client\.withTimeoutMs\(7\)\);/);
    const client = fs.readFileSync(path.join(dir, 'client.ts'), 'utf8');
    assert.match(
      client,
      /export function connect\(host: string, port: number, \.\.\.options: readonly ConnectSettingsOption\[\]\): string \{\n  const \{ timeoutMs, retries, label \} = createConnectSettings\(host, port, \.\.\.options\);/,
    );
    assert.match(client, /connect\('localhost', 80, withRetries\(2\)\)/);
    assert.match(client, /timeoutMs: 5000,\n  retries: undefined,\n  label: 'client',/);

    fs.writeFileSync(
      path.join(dir, 'check.ts'),
      "import assert from 'node:assert/strict';\nimport { a, b, c } from './main.js';\nimport { local } from './client.js';\nassert.equal(a, 'a:1/5000/0/client');\nassert.equal(b, 'b:2/100/3/x');\nassert.equal(c, 'c:3/7/0/client');\nassert.equal(local, 'localhost:80/5000/2/client');\nconsole.log('ok');\n",
    );
    const tsc = spawnSync(
      process.execPath,
      [tscBin, '-p', dir, '--types', 'node', '--typeRoots', path.join(repoRoot, 'node_modules/@types')],
      { encoding: 'utf8', cwd: dir },
    );
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
    const run = runModule(dir, 'check.ts');
    assert.equal(run.status, 0, run.output);
  });

  it('converts a class constructor and its `new` call sites', async () => {
    const source =
      "export class Pool {\n  readonly summary: string;\n  constructor(name: string, size = 4, idleMs = 1000, fair?: boolean) {\n    this.summary = `${name}/${size}/${idleMs}/${fair === true}`;\n  }\n}\nexport const pool = new Pool('p', 8, undefined, true);\n";
    const { dir, convert } = await convertProject({ 'pool.ts': source }, 'pool.ts', 'Pool');
    const result = convert();
    writePlan(result.plan, { root: dir });
    const text = fs.readFileSync(path.join(dir, 'pool.ts'), 'utf8');
    assert.match(
      text,
      /constructor\(name: string, \.\.\.options: readonly PoolSettingsOption\[\]\) \{\n    const \{ size, idleMs, fair \} = createPoolSettings\(name, \.\.\.options\);/,
    );
    assert.match(text, /new Pool\('p', withSize\(8\), withFair\(true\)\)/);
    const tsc = spawnSync(process.execPath, [tscBin, '-p', dir], { encoding: 'utf8', cwd: dir });
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  });

  it('refuses what it cannot rewrite faithfully, naming the places', async () => {
    const spread = await convertProject(
      {
        'f.ts':
          'export function f(a: number, b = 1, c = 2, d = 3): number { return a + b + c + d; }\nconst args = [1, 2, 3, 4] as const;\nexport const x = f(...args);\n',
      },
      'f.ts',
      'f',
    );
    assert.throws(spread.convert, /spread arguments/);
    const value = await convertProject(
      {
        'f.ts':
          'export function f(a: number, b = 1, c = 2, d = 3): number { return a + b + c + d; }\nexport const all = [1].map(f);\n',
      },
      'f.ts',
      'f',
    );
    assert.throws(value.convert, /used as a value/);
    const few = await convertProject(
      { 'f.ts': 'export function f(a: number, b = 1): number { return a + b; }\n' },
      'f.ts',
      'f',
    );
    assert.throws(few.convert, /takes 2 parameter\(s\); the conversion is offered from 4/);
    const dependent = await convertProject(
      { 'f.ts': 'export function f(a: number, b = a, c = 2, d = 3): number { return a + b + c + d; }\n' },
      'f.ts',
      'f',
    );
    assert.throws(dependent.convert, /reads another parameter/);
  });
});

describe('functional options: generated code lints clean under tripwire recommended', () => {
  it('has no findings for interface and class output', async () => {
    const { Linter } = await import('eslint');
    const tseslint = (await import('typescript-eslint')).default;
    const tripwire = (await import('../../rules/src/index.js')).default;
    const linter = new Linter({ cwd: workDir });
    const config = [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      tripwire.configs.recommended,
    ] as Parameters<InstanceType<typeof Linter>['verify']>[1];
    const outputs = [
      generate(SERVER_CONFIG, 'ServerConfig'),
      generate(
        'export class Pool<T> {\n  size = 4;\n  keyOf?: (item: T) => string;\n  factory!: () => T;\n}\n',
        'Pool',
        '/virtual/pool.ts',
      ),
    ];
    for (const text of outputs) {
      const messages = linter.verify(text, config, { filename: path.join(workDir, 'generated.ts') });
      assert.deepEqual(
        messages.map((message) => `${message.ruleId}: ${message.message}`),
        [],
      );
    }
  });
});
