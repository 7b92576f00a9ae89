/**
 * Runs the real `node dist/cli.js scaffold …` in temporary projects. `npm run build` produces
 * dist/cli.js (and dist/canonical/); the test runs a snapshot copy of both. When they are missing,
 * this file bundles scaffold/src/cli.ts itself with esbuild (same options as scripts/build.mjs) into a
 * temporary folder, with the canonical modules next to it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const temporaryRoots: string[] = [];
let cliPath = '';

before(async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'tripwire-cli-build-'));
  temporaryRoots.push(outDir);
  writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'commonjs' }));
  const built = path.join(repoRoot, 'dist', 'cli.js');
  const shippedCanonical = path.join(repoRoot, 'dist', 'canonical');
  if (existsSync(built) && existsSync(shippedCanonical)) {
    // Snapshot the built CLI so a concurrent `npm run build` (which empties dist/) cannot pull it away mid-test.
    cpSync(built, path.join(outDir, 'cli.js'));
    cpSync(shippedCanonical, path.join(outDir, 'canonical'), { recursive: true });
  } else {
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
    cpSync(path.join(repoRoot, 'scaffold', 'src', 'canonical'), path.join(outDir, 'canonical'), { recursive: true });
  }
  cliPath = path.join(outDir, 'cli.js');
});

after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tripwire-cli-'));
  temporaryRoots.push(root);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, name), content);
  return root;
}

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TS_PROJECT = { 'package.json': '{ "type": "module" }', 'tsconfig.json': '{}' };

describe('tripwire CLI: usage', () => {
  it('prints help with the generators and exits 0 on --help', () => {
    const root = project({});
    for (const args of [['--help'], ['scaffold', '--help']]) {
      const result = cli(root, ...args);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /scaffold/);
    }
    const scaffoldHelp = cli(root, 'scaffold', '--help').stdout;
    assert.match(scaffoldHelp, /errgroup/);
    assert.match(scaffoldHelp, /singleflight/);
    assert.match(scaffoldHelp, /--dry-run/);
    const generatorHelp = cli(root, 'scaffold', 'errgroup', '--help');
    assert.equal(generatorHelp.status, 0);
    assert.match(generatorHelp.stdout, /--js/);
    assert.match(generatorHelp.stdout, /--tests/);
  });

  it('exits 2 with a clear message for a bad command line, writing nothing', () => {
    const root = project({});
    const cases: [string[], RegExp][] = [
      [[], /Usage: tripwire <command>/],
      [['lint'], /unknown command "lint"/],
      [['scaffold'], /Usage: tripwire scaffold/],
      [['scaffold', 'mutex', '--dir', 'x'], /unknown generator "mutex"\. Available: errgroup, singleflight/],
      [['scaffold', 'errgroup'], /needs --dir <folder>/],
      [['scaffold', 'errgroup', '--dir', 'x', '--bogus'], /Unknown option '--bogus'/],
      [['scaffold', 'errgroup', '--dir'], /--dir/],
    ];
    for (const [args, message] of cases) {
      const result = cli(root, ...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
    assert.deepEqual(readdirSync(root), []);
  });
});

describe('tripwire CLI: scaffold errgroup / singleflight', () => {
  it('writes the TypeScript module and its tests, then is a no-op on re-run', () => {
    const root = project(TS_PROJECT);
    const first = cli(root, 'scaffold', 'errgroup', '--dir', 'src/lib', '--tests');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^create {4}errgroup\.ts$/m);
    assert.match(first.stdout, /^create {4}errgroup\.test\.ts$/m);
    assert.match(first.stdout, /Wrote 2 file\(s\)/);
    const module = readFileSync(path.join(root, 'src/lib/errgroup.ts'), 'utf8');
    // The CLI ships the canonical sources next to itself (dist/canonical/), copied at build time.
    const shipped = path.join(path.dirname(cliPath), 'canonical', 'errgroup.ts');
    const canonical = existsSync(shipped) ? shipped : path.join(repoRoot, 'scaffold/src/canonical/errgroup.ts');
    assert.equal(module, readFileSync(canonical, 'utf8'), 'the tested module, verbatim');
    const again = cli(root, 'scaffold', 'errgroup', '--dir', 'src/lib', '--tests');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^identical errgroup\.ts$/m);
    assert.match(again.stdout, /Nothing to do/);
  });

  it('refuses to overwrite a changed file, lists the conflict first, and writes nothing', () => {
    const root = project(TS_PROJECT);
    assert.equal(cli(root, 'scaffold', 'singleflight', '--dir', 'lib').status, 0);
    const modulePath = path.join(root, 'lib/singleflight.ts');
    writeFileSync(modulePath, '// my edits\n');
    const result = cli(root, 'scaffold', 'singleflight', '--dir', 'lib', '--tests');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /Refusing to overwrite 1 existing file/);
    assert.match(result.stderr, /singleflight\.ts/);
    assert.match(result.stderr, /--force/);
    assert.equal(readFileSync(modulePath, 'utf8'), '// my edits\n');
    assert.equal(existsSync(path.join(root, 'lib/singleflight.test.ts')), false, 'not even the new test file was written');
  });

  it('replaces a conflicting file with --force', () => {
    const root = project(TS_PROJECT);
    writeFileSync(path.join(root, 'singleflight.ts'), '// old\n');
    const result = cli(root, 'scaffold', 'singleflight', '--dir', '.', '--force');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^replace {3}singleflight\.ts/m);
    assert.match(readFileSync(path.join(root, 'singleflight.ts'), 'utf8'), /export class SingleFlight/);
  });

  it('--dry-run prints exactly what a real run writes, and writes nothing', () => {
    const root = project({ 'package.json': '{ "type": "commonjs" }' });
    const dry = cli(root, 'scaffold', 'errgroup', '--dir', 'lib', '--tests', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run: scaffold errgroup would write 2 file\(s\)/);
    assert.equal(existsSync(path.join(root, 'lib')), false);
    const real = cli(root, 'scaffold', 'errgroup', '--dir', 'lib', '--tests');
    assert.equal(real.status, 0, real.stderr);
    for (const name of ['errgroup.js', 'errgroup.test.js']) {
      const written = readFileSync(path.join(root, 'lib', name), 'utf8');
      assert.ok(dry.stdout.includes(`=== ${name} ===\n${written}`), `${name} printed verbatim`);
    }
  });

  it('generates JavaScript with --js in a TypeScript project, and CommonJS for a CommonJS package', () => {
    const tsRoot = project(TS_PROJECT);
    assert.equal(cli(tsRoot, 'scaffold', 'errgroup', '--dir', 'lib', '--js').status, 0);
    assert.deepEqual(readdirSync(path.join(tsRoot, 'lib')), ['errgroup.js']);
    assert.match(readFileSync(path.join(tsRoot, 'lib/errgroup.js'), 'utf8'), /^export class ErrGroup/m);
    const cjsRoot = project({ 'package.json': '{}' });
    assert.equal(cli(cjsRoot, 'scaffold', 'singleflight', '--dir', 'lib').status, 0);
    assert.match(readFileSync(path.join(cjsRoot, 'lib/singleflight.js'), 'utf8'), /^module\.exports = \{ SingleFlight \};$/m);
  });

  it('prints machine-readable results with --json', () => {
    const root = project(TS_PROJECT);
    const result = cli(root, 'scaffold', 'errgroup', '--dir', 'lib', '--dry-run', '--json');
    assert.equal(result.status, 0, result.stderr);
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.stdout);
    } catch (error: unknown) {
      assert.fail(`--json printed invalid JSON (${String(error)}): ${result.stdout}`);
    }
    assert.ok(isJsonReport(parsed), `unexpected --json shape: ${result.stdout}`);
    assert.equal(parsed.generator, 'errgroup');
    assert.equal(parsed.dryRun, true);
    assert.equal(parsed.written, false);
    assert.deepEqual(parsed.files.map((file) => [path.basename(file.path), file.status]), [['errgroup.ts', 'create']]);
    assert.match(parsed.files[0]?.content ?? '', /export class ErrGroup/);
  });
});

interface JsonReport {
  generator: string;
  dryRun: boolean;
  written: boolean;
  files: { path: string; status: string; content?: string }[];
}

function isJsonReport(value: unknown): value is JsonReport {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['generator'] === 'string' &&
    typeof record['dryRun'] === 'boolean' &&
    typeof record['written'] === 'boolean' &&
    Array.isArray(record['files']) &&
    record['files'].every((file: unknown) => typeof file === 'object' && file !== null && typeof (file as Record<string, unknown>)['path'] === 'string')
  );
}
