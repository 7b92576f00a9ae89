// tripwire-scaffold as a user gets it: the package packed with `npm pack`, the tarball installed by
// path into a fresh project (its dependencies from the registry), and the `tripwire` bin run there
// through `npx`. The generated module is then imported and run by Node in that project.
// Needs `npm run build` (the package's dist/); without it every case is skipped with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageDir = path.join(repoRoot, 'scaffold');
const skip =
  existsSync(path.join(packageDir, 'dist', 'cli.js')) &&
  existsSync(path.join(packageDir, 'dist', 'canonical', 'errgroup.ts'))
    ? false
    : 'scaffold/dist is missing: run `npm run build` first';
if (skip !== false) console.log(`# skipping tripwire-scaffold package tests: ${skip}`);

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tripwire-scaffold installed from its packed tarball', { skip }, () => {
  let work = '';
  let tarball = '';
  let project = '';

  before(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'tw-scaffold-pack-'));
    const packed = run('npm', ['pack', packageDir, '--pack-destination', work, '--json'], work);
    assert.equal(packed.status, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    assert.ok(info !== undefined);
    tarball = path.join(work, info.filename);
    project = path.join(work, 'app');
    mkdirSync(project, { recursive: true });
    writeFileSync(
      path.join(project, 'package.json'),
      `${JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2)}\n`,
    );
    const installed = run('npm', ['install', '--save-dev', '--prefer-offline', tarball], project);
    assert.equal(installed.status, 0, installed.stderr);
  });

  after(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('carries its README, LICENSE, compiled code, type declarations and canonical sources', () => {
    const listing = run('tar', ['tzf', tarball], work).stdout.split('\n');
    for (const file of [
      'package/README.md',
      'package/LICENSE',
      'package/package.json',
      'package/dist/cli.js',
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/dist/canonical/errgroup.ts',
      'package/dist/canonical/errgroup.spec.ts',
    ]) {
      assert.ok(listing.includes(file), `${file} is in the tarball`);
    }
    assert.ok(!listing.some((file) => file.startsWith('package/src/')), 'sources stay out of the tarball');
  });

  it('runs `npx tripwire scaffold errgroup --dir src/common`, and the generated module works', () => {
    const result = run('npx', ['--no-install', 'tripwire', 'scaffold', 'errgroup', '--dir', 'src/common'], project);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.match(result.stdout, /^create {4}errgroup\.js$/m);
    const generated = path.join(project, 'src', 'common', 'errgroup.js');
    const text = readFileSync(generated, 'utf8');
    assert.match(text, /^export class ErrGroup\b/m, "an ES module, as the project's package.json asks");
    assert.match(text, /^export async function mapWithLimit\b/m);
    writeFileSync(
      path.join(project, 'check.mjs'),
      [
        "import { mapWithLimit } from './src/common/errgroup.js';",
        'let running = 0;',
        'let peak = 0;',
        'const doubled = await mapWithLimit([1, 2, 3, 4, 5], 2, async (n) => {',
        '  running += 1;',
        '  peak = Math.max(peak, running);',
        '  await new Promise((resolve) => setImmediate(resolve));',
        '  running -= 1;',
        '  return n * 2;',
        '});',
        'console.log(JSON.stringify({ doubled, peak }));',
        '',
      ].join('\n'),
    );
    const executed = run(process.execPath, ['check.mjs'], project);
    assert.equal(executed.status, 0, executed.stderr);
    assert.deepEqual(JSON.parse(executed.stdout), { doubled: [2, 4, 6, 8, 10], peak: 2 });
    const again = run('npx', ['--no-install', 'tripwire', 'scaffold', 'errgroup', '--dir', 'src/common'], project);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^identical errgroup\.js$/m);
  });

  it('exports the generators as a library', () => {
    writeFileSync(
      path.join(project, 'library.mjs'),
      [
        "import { planConcurrencyScaffold, checkPlan } from 'tripwire-scaffold';",
        "const plan = planConcurrencyScaffold({ module: 'singleflight', directory: 'lib', root: process.cwd() });",
        'console.log(JSON.stringify(checkPlan(plan, process.cwd()).files.map((file) => [file.path.slice(process.cwd().length + 1), file.status])));',
        '',
      ].join('\n'),
    );
    const executed = run(process.execPath, ['library.mjs'], project);
    assert.equal(executed.status, 0, executed.stderr);
    assert.deepEqual(JSON.parse(executed.stdout), [[path.join('lib', 'singleflight.js'), 'create']]);
  });

  it('runs `npx tripwire scaffold resilience --dir src/resilience --tests`, and the generated tests pass there', () => {
    const result = run(
      'npx',
      ['--no-install', 'tripwire', 'scaffold', 'resilience', '--dir', 'src/resilience', '--tests'],
      project,
    );
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    const modules = ['retry', 'circuit-breaker', 'rate-limiter', 'timeout'];
    for (const name of modules) assert.match(result.stdout, new RegExp(`^create {4}${name}\\.js$`, 'm'));
    const tests = modules.map((name) => path.join('src', 'resilience', `${name}.test.js`));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
    delete env['NODE_TEST_CONTEXT'];
    const executed = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...tests], {
      cwd: project,
      encoding: 'utf8',
      env,
    });
    assert.equal(executed.status, 0, `${executed.stdout}${executed.stderr}`);
    assert.match(executed.stdout, /^# fail 0$/m);
  });
});
