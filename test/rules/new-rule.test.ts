// `npm run new-rule <name>` in a scratch copy of the repository: the rule, its test and its page are
// created from the templates and registered; the new rule compiles with the plugin and its test passes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(args: string[], cwd: string) {
  // Without NODE_TEST_CONTEXT, a child `node --test` runs its files instead of reporting to this runner.
  const { NODE_TEST_CONTEXT: _inherited, ...env } = process.env;
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run new-rule', () => {
  let copy: string;

  before(() => {
    copy = mkdtempSync(path.join(os.tmpdir(), 'tw-new-rule-'));
    for (const part of [
      'rules/src',
      'rules/docs',
      'rules/tsconfig.json',
      'rules/package.json',
      'tsconfig.base.json',
      'scripts/new-rule.mjs',
      'scripts/templates',
      'test/rules/rule-tester.ts',
    ]) {
      mkdirSync(path.dirname(path.join(copy, part)), { recursive: true });
      cpSync(path.join(repoRoot, part), path.join(copy, part), { recursive: true });
    }
    writeFileSync(
      path.join(copy, 'package.json'),
      `${JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2)}\n`,
    );
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  });

  after(() => rmSync(copy, { recursive: true, force: true }));

  it('creates the rule, its test and its page, and registers it', () => {
    const { status, output } = run(
      [
        path.join(copy, 'scripts', 'new-rule.mjs'),
        'no-unbounded-queue',
        '--description',
        'Disallow queues that grow without a bound.',
        '--root',
        copy,
      ],
      copy,
    );
    assert.equal(status, 0, output);
    for (const file of [
      'rules/src/rules/no-unbounded-queue.ts',
      'test/rules/no-unbounded-queue.test.ts',
      'rules/docs/rules/no-unbounded-queue.md',
    ]) {
      assert.ok(existsSync(path.join(copy, file)), `${file} exists`);
    }
    const index = readFileSync(path.join(copy, 'rules', 'src', 'rules', 'index.ts'), 'utf8');
    assert.match(index, /^import noUnboundedQueue from '\.\/no-unbounded-queue\.js';$/m);
    assert.match(index, /^ {2}'no-unbounded-queue': noUnboundedQueue,$/m);
    const page = readFileSync(path.join(copy, 'rules', 'docs', 'rules', 'no-unbounded-queue.md'), 'utf8');
    assert.ok(page.startsWith('# tripwire/no-unbounded-queue\n\nDisallow queues that grow without a bound.\n'));
    for (const heading of ['## The trap', '## Examples', '## Options', '## When Not To Use It'])
      assert.ok(page.includes(`\n${heading}\n`), heading);
  });

  it('the new rule compiles with the plugin (tsc --strict) and its generated test passes', () => {
    const tsc = run(
      [
        path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        path.join('rules', 'tsconfig.json'),
        '--noEmit',
      ],
      copy,
    );
    assert.equal(tsc.status, 0, tsc.output);
    const tested = run(['--import', 'tsx', '--test', path.join('test', 'rules', 'no-unbounded-queue.test.ts')], copy);
    assert.equal(tested.status, 0, tested.output);
    assert.match(tested.output, /# pass [1-9]/);
    assert.match(tested.output, /# fail 0/);
  });

  it('refuses an existing rule (exit 1) and a name that is not kebab-case (exit 2), writing nothing', () => {
    const before = readFileSync(path.join(copy, 'rules', 'src', 'rules', 'index.ts'), 'utf8');
    const again = run([path.join(copy, 'scripts', 'new-rule.mjs'), 'no-unbounded-queue', '--root', copy], copy);
    assert.equal(again.status, 1);
    assert.match(again.output, /exists already/);
    const bad = run([path.join(copy, 'scripts', 'new-rule.mjs'), 'NoQueue', '--root', copy], copy);
    assert.equal(bad.status, 2);
    assert.match(bad.output, /kebab-case/);
    const missing = run([path.join(copy, 'scripts', 'new-rule.mjs'), '--root', copy], copy);
    assert.equal(missing.status, 2);
    assert.match(missing.output, /Usage: npm run new-rule <name>/);
    assert.equal(readFileSync(path.join(copy, 'rules', 'src', 'rules', 'index.ts'), 'utf8'), before);
  });
});
