import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseScaffoldArguments, planScaffoldCommand } from '../../server/src/scaffold/lsp-command.js';

const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});
function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tripwire-lsp-scaffold-'));
  temporaryRoots.push(root);
  writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
  writeFileSync(path.join(root, 'tsconfig.json'), '{}');
  return root;
}

describe('tripwire.scaffold command', () => {
  it('validates untrusted arguments', () => {
    assert.match(String(parseScaffoldArguments(null)), /one object argument/);
    assert.match(String(parseScaffoldArguments({ generator: 'errgroup' })), /"directory"/);
    assert.match(String(parseScaffoldArguments({ generator: 'errgroup', directory: 'x', force: 'yes' })), /"force"/);
    assert.match(
      String(parseScaffoldArguments({ generator: 'errgroup', directory: 'x', options: { tests: {} } })),
      /option "tests"/,
    );
    assert.deepEqual(parseScaffoldArguments({ generator: 'errgroup', directory: 'x', options: { tests: true } }), {
      generator: 'errgroup',
      directory: 'x',
      options: { tests: true },
    });
  });

  it('returns one WorkspaceEdit creating the module and its tests', async () => {
    const root = workspace();
    const result = await planScaffoldCommand(
      { generator: 'errgroup', directory: 'src/common', options: { tests: true } },
      [root],
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(
      result.files.map((file) => [path.relative(root, file.path), file.status]),
      [
        ['src/common/errgroup.ts', 'create'],
        ['src/common/errgroup.test.ts', 'create'],
      ],
    );
    assert.equal(result.edit.documentChanges?.length, 4);
    assert.equal(result.nothingToDo, false);
    // The workspace's tsconfig sees no @types/node (none is installed under the temporary folder).
    assert.equal(result.notes.length, 1);
    assert.match(
      result.notes[0] ?? '',
      /^Node's types are not visible to .*tsconfig\.json, so the generated tests fail with "Cannot find name 'node:test'": run `npm i -D @types\/node`/,
    );
  });

  it('refuses conflicts without force, lists them, and replaces them with force', async () => {
    const root = workspace();
    writeFileSync(path.join(root, 'singleflight.ts'), '// mine');
    const refused = await planScaffoldCommand({ generator: 'singleflight', directory: root }, [root]);
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && /Refusing to overwrite/.test(refused.error) && refused.files?.[0]?.status === 'conflict');
    const forced = await planScaffoldCommand({ generator: 'singleflight', directory: root, force: true }, [root]);
    assert.ok(forced.ok);
    const [create] = forced.edit.documentChanges ?? [];
    assert.ok(
      create !== undefined && 'kind' in create && create.kind === 'create' && create.options?.overwrite === true,
    );
  });

  it('refuses folders outside the workspace and unknown generators', async () => {
    const root = workspace();
    for (const argument of [
      { generator: 'errgroup', directory: '../elsewhere' },
      { generator: 'errgroup', directory: '/etc' },
      { generator: 'errgroup', directory: 'x', workspaceRoot: '/' },
    ]) {
      const result = await planScaffoldCommand(argument, [root]);
      assert.equal(result.ok, false, JSON.stringify(argument));
    }
    const unknown = await planScaffoldCommand({ generator: 'mutex', directory: 'x' }, [root]);
    assert.ok(!unknown.ok && /Unknown generator "mutex"/.test(unknown.error));
  });

  it('runs the resilience generators: one module each, or all four as one edit', async () => {
    const root = workspace();
    for (const [generator, fileName] of [
      ['retry', 'retry'],
      ['breaker', 'circuit-breaker'],
      ['ratelimit', 'rate-limiter'],
      ['timeout', 'timeout'],
    ]) {
      const result = await planScaffoldCommand({ generator, directory: 'src/common', options: { js: true } }, [root]);
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(
        result.files.map((file) => [path.relative(root, file.path), file.status]),
        [[`src/common/${fileName}.js`, 'create']],
      );
    }
    const kit = await planScaffoldCommand(
      { generator: 'resilience', directory: 'src/common', options: { tests: true } },
      [root],
    );
    assert.ok(kit.ok, JSON.stringify(kit));
    assert.deepEqual(
      kit.files.map((file) => path.relative(root, file.path)),
      ['retry', 'circuit-breaker', 'rate-limiter', 'timeout'].flatMap((name) => [
        `src/common/${name}.ts`,
        `src/common/${name}.test.ts`,
      ]),
    );
    // Each new file is a create plus an insert of its text.
    assert.equal(kit.edit.documentChanges?.length, 16);
  });
});
