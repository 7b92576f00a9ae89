/**
 * `tripwire scaffold retry|breaker|ratelimit|timeout|resilience` through the real command line: the
 * CLI is bundled from scaffold/src/cli.ts with esbuild (the options of scripts/build.mjs) into a
 * temporary folder with the canonical modules beside it, as in dist/, so the test never depends on
 * a stale or concurrently rebuilt dist/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const canonicalSources = path.join(repoRoot, 'scaffold', 'src', 'canonical');
const temporaryRoots: string[] = [];
let cliPath = '';

before(async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'tripwire-resilience-cli-'));
  temporaryRoots.push(outDir);
  writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'commonjs' }));
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'scaffold', 'src', 'cli.ts')],
    outfile: path.join(outDir, 'cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    external: ['jiti'],
  });
  cpSync(canonicalSources, path.join(outDir, 'canonical'), { recursive: true });
  cliPath = path.join(outDir, 'cli.js');
});

after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tripwire-resilience-'));
  temporaryRoots.push(root);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, name), content);
  return root;
}

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env['NODE_TEST_CONTEXT'];
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TS_PROJECT = { 'package.json': '{ "type": "module" }', 'tsconfig.json': '{}' };
const GENERATORS = [
  ['retry', 'retry', /^export function retry</m],
  ['breaker', 'circuit-breaker', /^export class CircuitBreaker \{$/m],
  ['ratelimit', 'rate-limiter', /^export class RateLimiter \{$/m],
  ['timeout', 'timeout', /^export function withTimeout</m],
] as const;

describe('tripwire scaffold: the resilience generators', () => {
  it('lists retry, breaker, ratelimit, timeout and resilience in the help', () => {
    const help = cli(project({}), 'scaffold', '--help');
    assert.equal(help.status, 0, help.stderr);
    for (const name of ['retry', 'breaker', 'ratelimit', 'timeout', 'resilience'])
      assert.match(help.stdout, new RegExp(`^  ${name} +\\S`, 'm'), name);
    const own = cli(project({}), 'scaffold', 'breaker', '--help');
    assert.match(own.stdout, /Usage: tripwire scaffold breaker --dir <folder> \[--js\] \[--tests\]/);
  });

  for (const [generator, fileName, exported] of GENERATORS) {
    it(`scaffold ${generator} writes ${fileName}.ts (a copy of the canonical module) and its tests; a re-run is identical`, () => {
      const root = project(TS_PROJECT);
      const first = cli(root, 'scaffold', generator, '--dir', 'src/lib', '--tests');
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`^create {4}${fileName}\\.ts$`, 'm'));
      assert.match(first.stdout, new RegExp(`^create {4}${fileName}\\.test\\.ts$`, 'm'));
      const written = readFileSync(path.join(root, 'src/lib', `${fileName}.ts`), 'utf8');
      assert.equal(written, readFileSync(path.join(canonicalSources, `${fileName}.ts`), 'utf8'));
      assert.match(written, exported);
      const again = cli(root, 'scaffold', generator, '--dir', 'src/lib', '--tests');
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, new RegExp(`^identical ${fileName}\\.ts$`, 'm'));
      assert.match(again.stdout, /Nothing to do/);
    });
  }

  it('scaffold resilience --dry-run prints all four modules and their tests and writes nothing', () => {
    const root = project(TS_PROJECT);
    const dry = cli(root, 'scaffold', 'resilience', '--dir', 'lib', '--tests', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run: scaffold resilience would write 8 file\(s\)/);
    for (const [, fileName] of GENERATORS) {
      assert.match(dry.stdout, new RegExp(`^=== ${fileName}\\.ts ===$`, 'm'));
      assert.match(dry.stdout, new RegExp(`^=== ${fileName}\\.test\\.ts ===$`, 'm'));
    }
    assert.equal(existsSync(path.join(root, 'lib')), false);
  });

  it('scaffold resilience is all or nothing: one conflicting file refuses every write until --force', () => {
    const root = project(TS_PROJECT);
    mkdirSync(path.join(root, 'lib'));
    writeFileSync(path.join(root, 'lib', 'timeout.ts'), '// my own timeout helper\n');
    const refused = cli(root, 'scaffold', 'resilience', '--dir', 'lib');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /timeout\.ts/);
    assert.deepEqual(readdirSync(path.join(root, 'lib')), ['timeout.ts'], 'nothing else was written');
    assert.equal(readFileSync(path.join(root, 'lib', 'timeout.ts'), 'utf8'), '// my own timeout helper\n');
    const forced = cli(root, 'scaffold', 'resilience', '--dir', 'lib', '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(forced.stdout, /^replace {3}timeout\.ts/m);
    assert.deepEqual(readdirSync(path.join(root, 'lib')).sort(), [
      'circuit-breaker.ts',
      'rate-limiter.ts',
      'retry.ts',
      'timeout.ts',
    ]);
    assert.match(
      readFileSync(path.join(root, 'lib', 'timeout.ts'), 'utf8'),
      /^export class TimeoutError extends Error \{$/m,
    );
  });

  it('--js in a CommonJS package writes JSDoc-typed CommonJS whose generated tests pass', () => {
    const root = project({ 'package.json': '{ "type": "commonjs" }', 'tsconfig.json': '{}' });
    const result = cli(root, 'scaffold', 'resilience', '--dir', 'lib', '--js', '--tests');
    assert.equal(result.status, 0, result.stderr);
    const breaker = readFileSync(path.join(root, 'lib', 'circuit-breaker.js'), 'utf8');
    assert.match(breaker, /^module\.exports = \{ BreakerOpenError, CircuitBreaker \};$/m);
    assert.match(breaker, /@typedef \{Object\} BreakerOptions/);
    assert.doesNotMatch(breaker, /^export /m);
    const tests = ['retry', 'circuit-breaker', 'rate-limiter', 'timeout'].map((name) =>
      path.join(root, 'lib', `${name}.test.js`),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
    delete env['NODE_TEST_CONTEXT'];
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...tests], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    assert.match(run.stdout, /^# fail 0$/m);
    assert.ok(Number(/^# pass (\d+)$/m.exec(run.stdout)?.[1]) >= 50);
  });
});
