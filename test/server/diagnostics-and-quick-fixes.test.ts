import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, CLEAN, editsOf, LOOP_RULE, TRAP } from './helpers.js';
import { fileUri, StdioLspClient } from './lsp-client.js';

const RULE = LOOP_RULE;

// The timeout only ends a hung run (a server that never answers); it asserts nothing about speed.
describe('language server over stdio: diagnostics and quick fixes of a rule, end to end', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;
  const marker = () => path.join(workspace, 'config-was-loaded.txt');

  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'tripwire-lsp-'));
    // A workspace config that would leave a marker file if anything executed it.
    writeFileSync(
      path.join(workspace, 'eslint.config.js'),
      `require('node:fs').writeFileSync(${JSON.stringify(path.join(workspace, 'config-was-loaded.txt'))}, 'loaded');\nmodule.exports = [];\n`,
    );
    writeFileSync(path.join(workspace, 'package.json'), '{ "type": "commonjs" }\n');
    ({ client } = await StdioLspClient.start({ rootPath: workspace }));
  });

  after(async () => {
    await client.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('publishes the diagnostic with source, code, docs link and range on didOpen', async () => {
    const uri = fileUri(path.join(workspace, 'reports.ts'));
    await client.open(uri, TRAP);
    const published = await client.waitForDiagnostics(uri);
    const diagnostics = published.diagnostics.filter((d) => d.code === RULE);
    assert.equal(diagnostics.length, 1, JSON.stringify(published.diagnostics, null, 2));
    const [diagnostic] = diagnostics as [Diagnostic];
    assert.equal(diagnostic.source, 'tripwire');
    assert.equal(
      diagnostic.codeDescription?.href,
      'https://github.com/tripwire-dev/tripwire/blob/main/rules/docs/rules/no-loop-closure-capture.md',
    );
    assert.match(String(diagnostic.message), /\bi\b/);
    // The report sits on the arrow function handed to setTimeout.
    assert.deepEqual(diagnostic.range.start, { line: 2, character: TRAP.split('\n')[2]!.indexOf('() =>') });
    assert.equal(diagnostic.range.start.line, 2);
  });

  it('offers each suggestion as a quickfix whose edit removes the trap, plus disable-for-line', async () => {
    const uri = fileUri(path.join(workspace, 'reports-fix.ts'));
    await client.open(uri, TRAP);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === RULE));
    const diagnostic = published.diagnostics.find((d) => d.code === RULE)!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Disable ${RULE} for this line`), titles.join('\n'));
    assert.ok(titles.includes(`Disable ${RULE} for the entire file`), titles.join('\n'));
    const suggestions = actions.filter((a) => a.title.endsWith(`(${RULE})`));
    assert.ok(suggestions.length >= 1, `expected suggestions, got:\n${titles.join('\n')}`);
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix');
      assert.notEqual(action.isPreferred, true, 'suggestions and disables are never the preferred fix');
    }

    let version = 1;
    for (const suggestion of suggestions) {
      const fixed = applyEdits(TRAP, editsOf(suggestion, uri));
      assert.notEqual(fixed, TRAP);
      version += 1;
      await client.replaceText(uri, fixed, version);
      const after = await client.waitForDiagnostics(uri, (p) => p.version === version);
      assert.deepEqual(
        after.diagnostics.filter((d) => d.code === RULE),
        [],
        `after "${suggestion.title}":\n${fixed}`,
      );
    }

    const disable = actions.find((a) => a.title === `Disable ${RULE} for this line`)!;
    const disabled = applyEdits(TRAP, editsOf(disable, uri));
    assert.match(disabled, /\n {4}\/\/ eslint-disable-next-line tripwire\/no-loop-closure-capture\n {4}setTimeout/);
    version += 1;
    await client.replaceText(uri, disabled, version);
    const afterDisable = await client.waitForDiagnostics(uri, (p) => p.version === version);
    assert.deepEqual(afterDisable.diagnostics, []);
  });

  it('clears the diagnostic when didChange removes the trap', async () => {
    const uri = fileUri(path.join(workspace, 'reports-edit.ts'));
    await client.open(uri, TRAP);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === RULE));
    await client.replaceText(uri, CLEAN, 2);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics, []);
  });

  it('reports a syntax error as one parse diagnostic and keeps serving', async () => {
    const uri = fileUri(path.join(workspace, 'broken.ts'));
    await client.open(uri, 'export const = ;\n');
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0]!.code, 'tripwire/parse-error');
    const next = fileUri(path.join(workspace, 'after-broken.js'));
    await client.open(next, TRAP.replace(': void', '').replace('items: string[]', 'items'), 'javascript');
    const afterBroken = await client.waitForDiagnostics(next);
    assert.equal(afterBroken.diagnostics.filter((d) => d.code === RULE).length, 1);
  });

  it('never loads the workspace eslint.config.js', () => {
    assert.equal(existsSync(marker()), false, 'the workspace config was executed');
  });
});
