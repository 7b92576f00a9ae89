// Pure helpers of the server, tested directly (the stdio tests cover them end to end).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { skipReason } from '../../server/src/file-checks.js';
import { normalizeSettings } from '../../server/src/settings.js';
import { minimalEdits } from '../../server/src/text-diff.js';
import { readWorkspaceConfigText, rulesForFile } from '../../server/src/workspace-config.js';

describe('workspace config, read without running it', () => {
  it('reads literal tripwire/* entries through tseslint.config(...) and CommonJS require', () => {
    const esm = readWorkspaceConfigText(
      '/repo/eslint.config.mjs',
      [
        "import tseslint from 'typescript-eslint';",
        "import tripwire from 'eslint-plugin-tripwire';",
        'export default tseslint.config(',
        "  tripwire.configs['recommended-type-checked'],",
        "  { rules: { 'tripwire/no-floating-promise': ['warn', { ignoreVoid: true }], 'no-console': 'off', [`tripwire/${x}`]: 'off' } },",
        "  { files: ['scripts/**/*.js'], ignores: ['scripts/keep.js'], rules: { 'tripwire/no-floating-promise': 0 } },",
        "  { files: someGlobs, rules: { 'tripwire/no-leaked-timer': 'off' } },",
        ');',
      ].join('\n'),
    );
    assert.equal(esm.registersTripwire, true);
    assert.equal(esm.usesTypeChecked, true);
    assert.equal(esm.enablesTripwireRules, true);
    assert.deepEqual(rulesForFile(esm, '/repo/src/a.ts'), { 'no-floating-promise': ['warn', { ignoreVoid: true }] });
    assert.deepEqual(rulesForFile(esm, '/repo/scripts/build.js'), { 'no-floating-promise': 'off' });
    assert.deepEqual(rulesForFile(esm, '/repo/scripts/keep.js'), {
      'no-floating-promise': ['warn', { ignoreVoid: true }],
    });
    assert.deepEqual(esm.unreadable, ['tripwire/no-leaked-timer']);

    const cjs = readWorkspaceConfigText(
      '/repo/eslint.config.cjs',
      "const tripwire = require('eslint-plugin-tripwire');\nmodule.exports = [{ rules: { 'tripwire/no-leaked-timer': `warn` } }];\n",
    );
    assert.deepEqual(rulesForFile(cjs, '/repo/x.js'), { 'no-leaked-timer': 'warn' });
  });

  it('ignores configs that do not register the plugin, and reports parse errors', () => {
    const foreign = readWorkspaceConfigText(
      '/repo/eslint.config.js',
      "export default [{ rules: { 'tripwire/no-leaked-timer': 'off' } }];",
    );
    assert.equal(foreign.registersTripwire, false);
    assert.deepEqual(rulesForFile(foreign, '/repo/a.ts'), {});
    const broken = readWorkspaceConfigText('/repo/eslint.config.js', 'export default [');
    assert.match(broken.error ?? '', /cannot parse/);
  });
});

describe('settings', () => {
  it('keeps valid values and falls back to defaults for the rest', () => {
    const settings = normalizeSettings({
      run: 'sometimes',
      typeAware: 'onSave',
      rules: { 'tripwire/a': 'warn', b: 2, c: 'loud', d: ['off'] },
      exclude: ['x/**', 3],
      maxFileSize: -1,
    });
    assert.equal(settings.run, 'onType');
    assert.equal(settings.typeAware, 'onSave');
    assert.deepEqual(settings.rules, { a: 'warn', b: 'error', d: ['off'] });
    assert.deepEqual(settings.exclude, ['x/**']);
    assert.equal(settings.maxFileSize, 1_000_000);
    assert.deepEqual(normalizeSettings(null), normalizeSettings({}));
  });
});

describe('file checks', () => {
  const limits = { maxFileSize: 100, maxLineLength: 20 };
  it('skips large, long-lined and binary text; accepts ordinary code', () => {
    assert.equal(skipReason('const a = 1;\n', limits), undefined);
    assert.equal(skipReason('x'.repeat(101), limits)?.kind, 'too-large');
    assert.equal(skipReason('é'.repeat(60), limits)?.kind, 'too-large', 'measured in UTF-8 bytes');
    assert.equal(skipReason(`a\n${'b'.repeat(21)}\n`, limits)?.kind, 'long-line');
    assert.equal(skipReason('a\u0000b', limits)?.kind, 'binary');
  });
});

describe('minimal edits', () => {
  it('reproduces the target text exactly, touching only changed spans', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      const lines = Array.from({ length: random(10) }, () => ['a', 'bb', '', 'c\r', '\r'][random(5)]!);
      const before = lines.join('\n') + (random(2) ? '\n' : '');
      const chars = before.split('');
      for (let change = 0; change < random(4); change++) {
        const at = random(chars.length + 1);
        if (random(2)) chars.splice(at, 1);
        else chars.splice(at, 0, ['x', '\n', '\r'][random(3)]!);
      }
      const after = chars.join('');
      const edits = minimalEdits(before, after);
      assert.equal(
        TextDocument.applyEdits(TextDocument.create('file:///t', 'plaintext', 1, before), edits),
        after,
        JSON.stringify({ before, after, edits }),
      );
    }
    const edits = minimalEdits('keep\nold one\nkeep\nold two\n', 'keep\nnew one\nkeep\nnew two\n');
    assert.deepEqual(
      edits.map((edit) => [edit.range.start.line, edit.range.start.character, edit.range.end.character, edit.newText]),
      [
        [1, 0, 3, 'new'],
        [3, 0, 3, 'new'],
      ],
    );
  });
});
