/**
 * Runs the real `node dist/cli.js scaffold …` in temporary projects. `npm run build` produces
 * dist/cli.js (and dist/canonical/); the test runs a snapshot copy of both. When they are missing,
 * this file bundles scaffold/src/cli.ts itself with esbuild (same options as scripts/build.mjs) into a
 * temporary folder, with the canonical modules next to it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const temporaryRoots: string[] = [];

function scaffoldManifest(): { version: string } {
  return JSON.parse(readFileSync(path.join(repoRoot, 'scaffold', 'package.json'), 'utf8')) as { version: string };
}
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
      define: { TRIPWIRE_SCAFFOLD_VERSION: JSON.stringify(scaffoldManifest().version) },
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
    assert.match(generatorHelp.stdout, /"types": \["node"\]/, '--tests says what node:test tests need');
  });

  it('prints the version of tripwire-scaffold with --version', () => {
    const result = cli(project({}), '--version');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${scaffoldManifest().version}\n`);
  });

  it('shows each generator with its arguments and one answer about --dir, and documents every generator it lists', () => {
    const help = cli(project({}), 'scaffold', '--help').stdout;
    assert.match(help, /^ {2}options <file> <TypeName> \[--dir <folder>\] +functional options/m);
    assert.match(help, /^ {2}layer <resource> --dir <folder> +layered module/m);
    assert.match(help, /^ {2}errgroup --dir <folder> +ErrGroup/m);
    assert.match(help, /^ {2}convert-parameters <file> <name> \[--dir <folder>\] +/m);
    const listed = [...help.matchAll(/^ {2}([a-z-]+) (?:<|--dir|\[--dir)/gm)].map((match) => match[1] ?? '');
    assert.ok(listed.length >= 5, listed.join(', '));
    const readme = readFileSync(path.join(repoRoot, 'scaffold', 'README.md'), 'utf8');
    for (const name of listed)
      assert.match(readme, new RegExp(`^\\| \`${name}[ \`]`, 'm'), `scaffold/README.md documents ${name}`);

    const options = cli(project({}), 'scaffold', 'options', '--help');
    assert.equal(options.status, 0);
    assert.match(options.stdout, /^Usage: tripwire scaffold options <file> <TypeName> \[--dir <folder>\]/m);
    assert.match(options.stdout, /^Arguments:\n {2}<file> +the TypeScript file declaring the type\n {2}<TypeName> +/m);
    assert.match(
      options.stdout,
      /--dir <folder> +the workspace root that files must stay inside \(optional: defaults to the current folder\)/,
    );
    assert.doesNotMatch(options.stdout, /required/);
    const layer = cli(project({}), 'scaffold', 'layer', '--help');
    assert.match(layer.stdout, /^Usage: tripwire scaffold layer <resource> --dir <folder>/m);
    assert.match(layer.stdout, /^Arguments:\n {2}<resource> +resource name/m);
    assert.match(layer.stdout, /--dir <folder> +the folder that receives the files \(required; created if missing\)/);
    assert.doesNotMatch(layer.stdout, /defaults to the current folder/);
  });

  it('exits 2 with a message in its own words for a bad command line, writing nothing', () => {
    const root = project({});
    const cases: [string[], RegExp][] = [
      [[], /Usage: tripwire <command>/],
      [['lint'], /there is no command "lint"/],
      [['--bogus'], /there is no option --bogus/],
      [['scaffold'], /Usage: tripwire scaffold/],
      [['scaffold', 'mutex', '--dir', 'x'], /there is no generator "mutex"\. Generators: errgroup, singleflight/],
      [['scaffold', 'errgroup'], /scaffold errgroup needs --dir <folder>, the folder that receives the files/],
      [
        ['scaffold', 'errgroup', '--dir', 'x', '--bogus'],
        /^tripwire: scaffold errgroup has no option --bogus; its options are --js, --tests, --dir, /,
      ],
      [['scaffold', 'errgroup', '--dir'], /^tripwire: --dir needs a value: --dir <folder>\.$/m],
      [['scaffold', 'errgroup', '--dir', '--force'], /--dir needs a value/],
      [['scaffold', 'errgroup', '--dir', 'x', '--tests=yes'], /--tests is a switch and takes no value \(got "yes"\)/],
      [['scaffold', 'errgroup', 'extra', '--dir', 'x'], /scaffold errgroup takes no arguments; unexpected "extra"/],
      [['scaffold', 'options', 'a.ts'], /scaffold options needs <TypeName>/],
      [['scaffold', 'layer', '--dir', 'x'], /scaffold layer needs <resource>/],
    ];
    for (const [args, message] of cases) {
      const result = cli(root, ...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
      assert.doesNotMatch(
        result.stderr,
        /To specify a positional argument|ERR_PARSE_ARGS|Unknown option '/,
        "not parseArgs' text",
      );
    }
    assert.deepEqual(readdirSync(root), []);
  });

  it('exits 0 for a run and a clean dry run, 1 when the generator refuses (conflict, not found, invalid name)', () => {
    const root = project(TS_PROJECT);
    writeFileSync(path.join(root, 'config.ts'), 'export interface Config {\n  name?: string;\n}\n');
    const cases: [string[], number][] = [
      [['scaffold', 'errgroup', '--dir', 'src', '--dry-run'], 0],
      [['scaffold', 'errgroup', '--dir', 'src'], 0],
      [['scaffold', 'errgroup', '--dir', 'src', '--dry-run'], 0],
      [['scaffold', 'options', 'config.ts', 'Missing'], 1],
      [['scaffold', 'options', 'missing.ts', 'Config'], 1],
      [['scaffold', 'layer', '1order', '--dir', 'src'], 1],
      [['scaffold', 'layer', 'class', '--dir', 'src'], 1],
    ];
    for (const [args, status] of cases) {
      const result = cli(root, ...args);
      assert.equal(result.status, status, `${args.join(' ')}\n${result.stdout}${result.stderr}`);
    }
    writeFileSync(path.join(root, 'src', 'errgroup.ts'), '// mine\n');
    const conflict = cli(root, 'scaffold', 'errgroup', '--dir', 'src');
    assert.equal(conflict.status, 1);
    const dryConflict = cli(root, 'scaffold', 'errgroup', '--dir', 'src', '--dry-run');
    assert.equal(dryConflict.status, 1, 'a dry run that would not write cleanly');
    assert.equal(readFileSync(path.join(root, 'src', 'errgroup.ts'), 'utf8'), '// mine\n');
  });

  it('reports a write failure in one line with the target and the reason, leaving neither the target nor a temporary file', () => {
    const root = project({ 'package.json': '{ "type": "module" }' });
    // A real failure even for root: the target folder's parent is a file.
    writeFileSync(path.join(root, 'blocker'), 'a file, not a folder\n');
    const result = cli(root, 'scaffold', 'errgroup', '--dir', 'blocker/lib', '--tests');
    assert.equal(result.status, 1, result.stdout);
    const target = path.join(root, 'blocker', 'lib', 'errgroup.js');
    assert.equal(
      result.stderr,
      `tripwire: Cannot write ${target}: a part of the path is a file, not a folder (ENOTDIR); nothing was written.\n`,
    );
    assert.deepEqual(readdirSync(root).sort(), ['blocker', 'package.json']);

    // Files in several folders: the failure comes after other files were staged; none of them stays.
    writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    mkdirSync(path.join(root, 'src', 'order'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'order', 'service'), 'a file where the service folder goes\n');
    const layer = cli(root, 'scaffold', 'layer', 'order', '--dir', 'src');
    assert.equal(layer.status, 1, layer.stdout);
    const errors = layer.stderr.split('\n').filter((line) => line.startsWith('tripwire:'));
    assert.deepEqual(errors, [
      `tripwire: Cannot write ${path.join(root, 'src', 'order', 'service', 'order-service.ts')}: a part of the path is a file, not a folder (ENOTDIR); nothing was written.`,
    ]);
    assert.deepEqual(readdirSync(path.join(root, 'src', 'order')), ['service']);
    assert.equal(layer.stdout, '');
  });

  it("in a project made by `tsc --init`, says what Node's types need before writing the tests; after that every generated file compiles", () => {
    const root = project({ 'package.json': '{ "type": "module" }' });
    const tscBin = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const init = spawnSync(process.execPath, [tscBin, '--init'], { cwd: root, encoding: 'utf8' });
    assert.equal(init.status, 0, init.stderr);
    const tsconfig = readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
    assert.match(tsconfig, /"types": \[\],/, 'TypeScript 6 writes "types": []');
    const first = cli(root, 'scaffold', 'errgroup', '--dir', 'src', '--tests');
    assert.equal(first.status, 0, first.stderr);
    assert.equal(
      first.stderr,
      `note: Node's types are not visible to ${path.join(root, 'tsconfig.json')}, so the generated tests fail with "Cannot find name 'node:test'": run \`npm i -D @types/node\` and set "types": ["node"] in its compilerOptions (or add "node" to the list).\n`,
    );
    const failing = spawnSync(process.execPath, [tscBin, '-p', '.', '--noEmit'], { cwd: root, encoding: 'utf8' });
    assert.match(failing.stdout, /Cannot find name 'node:test'/, 'the note describes what tsc reports');

    // Do what the note says (the package comes from the repository instead of the registry).
    mkdirSync(path.join(root, 'node_modules', '@types'), { recursive: true });
    symlinkSync(
      path.join(repoRoot, 'node_modules', '@types', 'node'),
      path.join(root, 'node_modules', '@types', 'node'),
      'dir',
    );
    writeFileSync(path.join(root, 'tsconfig.json'), tsconfig.replace('"types": [],', '"types": ["node"],'));
    const again = cli(root, 'scaffold', 'singleflight', '--dir', 'src', '--tests');
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stderr, '', "no note once Node's types are visible");
    const layer = cli(root, 'scaffold', 'layer', 'order', '--dir', 'src');
    assert.equal(layer.status, 0, layer.stderr);
    assert.equal(layer.stderr, '');
    const compiled = spawnSync(process.execPath, [tscBin, '-p', '.', '--noEmit'], { cwd: root, encoding: 'utf8' });
    assert.equal(compiled.status, 0, `${compiled.stdout}${compiled.stderr}`);
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
    assert.equal(
      existsSync(path.join(root, 'lib/singleflight.test.ts')),
      false,
      'not even the new test file was written',
    );
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
    assert.match(
      readFileSync(path.join(cjsRoot, 'lib/singleflight.js'), 'utf8'),
      /^module\.exports = \{ SingleFlight \};$/m,
    );
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
    assert.deepEqual(
      parsed.files.map((file) => [path.basename(file.path), file.status]),
      [['errgroup.ts', 'create']],
    );
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
    record['files'].every(
      (file: unknown) =>
        typeof file === 'object' && file !== null && typeof (file as Record<string, unknown>)['path'] === 'string',
    )
  );
}
