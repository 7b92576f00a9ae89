// Code actions over a real stdio connection: fixes, suggestions, disable comments, documentation, fix-all.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, StdioLspClient } from './lsp-client.js';
import { applyEdits, editsOf, LOOP_RULE, makeWorkspace, removeWorkspace, TRAP, WHOLE_FILE } from './helpers.js';

const FIXABLE = 'tripwire-test/fixable';
const DOCS_URL = 'https://github.com/tripwire-dev/tripwire/blob/main/rules/docs/rules/no-loop-closure-capture.md';

async function actionsAt(
  client: StdioLspClient,
  uri: string,
  code: string,
  only?: string[],
): Promise<{ actions: CodeAction[]; diagnostic: Diagnostic }> {
  const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === code));
  const diagnostic = published.diagnostics.find((d) => d.code === code)!;
  return { actions: await client.codeActions(uri, diagnostic.range, only, [diagnostic]), diagnostic };
}

for (const lazy of [false, true]) {
  describe(`code actions (${lazy ? 'with' : 'without'} codeAction/resolve support)`, { timeout: 120_000 }, () => {
    let client: StdioLspClient;
    let workspace: string;
    let counter = 0;
    const next = (name: string) => fileUri(path.join(workspace, `${name}-${++counter}.ts`));

    before(async () => {
      workspace = makeWorkspace();
      ({ client } = await StdioLspClient.start({
        rootPath: workspace,
        testRules: true,
        capabilities: lazy
          ? {
              textDocument: {
                codeAction: {
                  codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } },
                  resolveSupport: { properties: ['edit'] },
                },
              },
            }
          : {},
      }));
    });
    after(async () => {
      await client.stop();
      removeWorkspace(workspace);
    });

    /** Resolves the action when the server left its edit for codeAction/resolve. */
    async function withEdit(action: CodeAction): Promise<CodeAction> {
      if (action.edit) return action;
      assert.ok(lazy, `action "${action.title}" has no edit although the client cannot resolve`);
      return client.resolve(action);
    }

    it('offers the autofix first and preferred, then the suggestion, disables and documentation', async () => {
      const uri = next('fixable');
      const text = 'export const __tripwire_fixme__ = 1;\n';
      await client.open(uri, text);
      const { actions } = await actionsAt(client, uri, FIXABLE);
      const titles = actions.map((a) => a.title);
      assert.deepEqual(titles, [
        `Fix this ${FIXABLE} problem`,
        `Rename to suggested (${FIXABLE})`,
        `Disable ${FIXABLE} for this line`,
        `Disable ${FIXABLE} for the entire file`,
      ]);
      assert.equal(actions[0]!.isPreferred, true);
      assert.ok(actions.slice(1).every((a) => a.isPreferred !== true));
      assert.ok(actions.every((a) => a.kind === 'quickfix'));
      assert.equal(applyEdits(text, editsOf(actions[0]!, uri)), 'export const fixed = 1;\n');
      assert.equal(applyEdits(text, editsOf(actions[1]!, uri)), 'export const suggested = 1;\n');
    });

    it('"Show documentation" opens the rule page through window/showDocument', async () => {
      const uri = next('docs');
      await client.open(uri, TRAP);
      const { actions } = await actionsAt(client, uri, LOOP_RULE);
      const show = actions.find((a) => a.title === `Show documentation for ${LOOP_RULE}`);
      assert.ok(show?.command, actions.map((a) => a.title).join('\n'));
      assert.equal(show.kind, 'quickfix');
      await client.executeCommand(show.command.command, show.command.arguments);
      assert.deepEqual(client.shownDocuments.at(-1), { uri: DOCS_URL, external: true });
    });

    it('"Disable for this line" extends an existing eslint-disable-next-line comment', async () => {
      const uri = next('disable-line');
      const text = TRAP.replace(
        '    setTimeout',
        '    // eslint-disable-next-line no-console -- logging is fine here\n    setTimeout',
      );
      await client.open(uri, text);
      const { actions } = await actionsAt(client, uri, LOOP_RULE);
      const disable = actions.find((a) => a.title === `Disable ${LOOP_RULE} for this line`)!;
      const disabled = applyEdits(text, editsOf(disable, uri));
      assert.match(
        disabled,
        /\n {4}\/\/ eslint-disable-next-line no-console, tripwire\/no-loop-closure-capture -- logging is fine here\n {4}setTimeout/,
      );
      assert.equal(disabled.split('\n').length, text.split('\n').length, 'added a line instead of reusing the comment');
      await client.replaceText(uri, disabled, 2);
      assert.deepEqual((await client.waitForVersion(uri, 2)).diagnostics, []);
    });

    it('"Disable for the entire file" extends an existing file comment, after a shebang', async () => {
      const uri = next('disable-file');
      const text = `#!/usr/bin/env node\n/* eslint-disable no-console */\n${TRAP}`;
      await client.open(uri, text);
      const { actions } = await actionsAt(client, uri, LOOP_RULE);
      const disable = actions.find((a) => a.title === `Disable ${LOOP_RULE} for the entire file`)!;
      const disabled = applyEdits(text, editsOf(disable, uri));
      assert.ok(disabled.startsWith(`#!/usr/bin/env node\n/* eslint-disable no-console, ${LOOP_RULE} */\n`), disabled);
      await client.replaceText(uri, disabled, 2);
      assert.deepEqual((await client.waitForVersion(uri, 2)).diagnostics, []);
      // Without an existing comment, one is added after the shebang.
      const fresh = next('disable-file-fresh');
      const plain = `#!/usr/bin/env node\n${TRAP}`;
      await client.open(fresh, plain);
      const { actions: freshActions } = await actionsAt(client, fresh, LOOP_RULE);
      const added = applyEdits(
        plain,
        editsOf(
          freshActions.find((a) => a.title === `Disable ${LOOP_RULE} for the entire file`)!,
          fresh,
        ),
      );
      assert.ok(added.startsWith(`#!/usr/bin/env node\n/* eslint-disable ${LOOP_RULE} */\n`), added);
    });

    it('source.fixAll.tripwire applies only autofixes, as minimal edits', async () => {
      const uri = next('fix-all');
      const text = [
        'export const __tripwire_fixme__ = 1;',
        ...Array.from({ length: 30 }, (_, index) => `export const untouched${index} = ${index};`),
        TRAP,
        'export function use() { return __tripwire_fixme__ + 1; }',
        '',
      ].join('\n');
      await client.open(uri, text);
      await client.waitForVersion(uri, 1);
      const actions = await client.codeActions(uri, WHOLE_FILE, ['source.fixAll.tripwire']);
      assert.equal(actions.length, 1, JSON.stringify(actions));
      assert.equal(actions[0]!.kind, 'source.fixAll.tripwire');
      const action = await withEdit(actions[0]!);
      const change = action.edit?.documentChanges?.[0];
      assert.ok(change && 'textDocument' in change);
      assert.equal(change.textDocument.version, 1, 'the edit must be tied to the linted version');
      const edits = editsOf(action, uri);
      assert.equal(edits.length, 2, JSON.stringify(edits));
      for (const edit of edits) {
        assert.equal(edit.newText, 'fixed');
        assert.equal(edit.range.start.line, edit.range.end.line);
        assert.equal(edit.range.end.character - edit.range.start.character, '__tripwire_fixme__'.length);
      }
      const fixed = applyEdits(text, edits);
      assert.equal(fixed, text.replaceAll('__tripwire_fixme__', 'fixed'));
      assert.ok(fixed.includes('for (var i'), 'fix-all applied a suggestion');
    });

    it('source.fixAll.tripwire says nothing when no rule has an autofix', async () => {
      const uri = next('fix-all-none');
      await client.open(uri, TRAP);
      await client.waitForVersion(uri, 1);
      const actions = await client.codeActions(uri, WHOLE_FILE, ['source.fixAll']);
      assert.deepEqual(actions, []);
      // A plain quick-fix request never includes the source action.
      const quick = await client.codeActions(uri, WHOLE_FILE);
      assert.ok(quick.every((a) => a.kind === 'quickfix'));
    });

    it('never offers edits for an outdated version', async () => {
      const uri = next('stale');
      await client.open(uri, TRAP);
      const { diagnostic } = await actionsAt(client, uri, LOOP_RULE);
      await client.replaceText(uri, `// new first line\n${TRAP}`, 2);
      const actions = await client.codeActions(uri, diagnostic.range, undefined, [diagnostic]);
      assert.deepEqual(
        actions.filter((a) => a.edit).map((a) => `${a.title} ${JSON.stringify(a.edit)}`),
        [],
      );
    });
  });
}
