import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  LOOP_CLOSURE,
  activeExtension,
  applyCodeAction,
  codeOf,
  copyWorkspaceFile,
  diagnosticAt,
  isRepair,
  openEditor,
  tripwireDiagnostics,
  tripwireQuickFixes,
  waitForDiagnostics,
} from './helpers.js';

/** Opens a fresh copy of a sample file and waits for the finding at `at`; each test edits its own copy. */
async function findingInCopy(
  source: string,
  copy: string,
  at: string,
): Promise<{ editor: vscode.TextEditor; diagnostic: vscode.Diagnostic }> {
  const uri = await copyWorkspaceFile(source, copy);
  const editor = await openEditor(uri);
  const diagnostics = await waitForDiagnostics(
    uri,
    `${LOOP_CLOSURE} at ${at}`,
    (found) => diagnosticAt(found, LOOP_CLOSURE, at) !== undefined,
  );
  const diagnostic = diagnosticAt(diagnostics, LOOP_CLOSURE, at);
  assert.ok(diagnostic);
  return { editor, diagnostic };
}

describe('quick fixes (vscode.executeCodeActionProvider)', () => {
  before(activeExtension);

  it('offers the rule\'s suggestions and "disable" actions for the finding under the cursor', async () => {
    const { editor, diagnostic } = await findingInCopy('src/jobs/retry-scheduler.ts', 'src/jobs/qf-offer.ts', '13:16');
    const actions = await tripwireQuickFixes(editor.document.uri, diagnostic.range);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes(`Disable ${LOOP_CLOSURE} for this line`), titles.join(' | '));
    assert.ok(titles.includes(`Disable ${LOOP_CLOSURE} for the entire file`), titles.join(' | '));
    const repairs = actions.filter(isRepair);
    assert.ok(repairs.length >= 1, `at least one real fix or suggestion: ${titles.join(' | ')}`);
    for (const action of actions) {
      assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value, action.title);
      assert.ok(action.edit || action.command, `${action.title} does something`);
    }
  });

  it('applying the first suggestion rewrites the code and the finding goes away', async () => {
    const { editor, diagnostic } = await findingInCopy('src/jobs/retry-scheduler.ts', 'src/jobs/qf-apply.ts', '13:16');
    const before = editor.document.getText();
    const actions = await tripwireQuickFixes(editor.document.uri, diagnostic.range);
    const repair = actions.find(isRepair);
    assert.ok(repair, 'a suggestion is offered');
    await applyCodeAction(repair);
    assert.notEqual(editor.document.getText(), before, `"${repair.title}" changed the text`);
    await waitForDiagnostics(
      editor.document.uri,
      'the fixed finding to clear',
      (found) => diagnosticAt(found, LOOP_CLOSURE, '13:16') === undefined,
    );
    // The other trap of the file is untouched and still reported.
    assert.ok(
      diagnosticAt(tripwireDiagnostics(editor.document.uri), LOOP_CLOSURE, '24:20'),
      'the second finding remains',
    );
  });

  it('"Disable … for this line" inserts a directive and silences only that finding', async () => {
    const { editor, diagnostic } = await findingInCopy('src/jobs/retry-scheduler.ts', 'src/jobs/qf-line.ts', '13:16');
    const actions = await tripwireQuickFixes(editor.document.uri, diagnostic.range);
    const disable = actions.find((action) => action.title === `Disable ${LOOP_CLOSURE} for this line`);
    assert.ok(disable);
    await applyCodeAction(disable);
    assert.equal(editor.document.lineAt(12).text.trim(), `// eslint-disable-next-line ${LOOP_CLOSURE}`);
    // Everything below moved down one line: the silenced finding is gone, the other one is now on line 25.
    await waitForDiagnostics(
      editor.document.uri,
      'only the other finding',
      (found) => found.length === 1 && diagnosticAt(found, LOOP_CLOSURE, '25:20') !== undefined,
    );
  });

  it('"Disable … for the entire file" silences every finding of that rule in plain JavaScript', async () => {
    const { editor, diagnostic } = await findingInCopy('src/jobs/legacy-widgets.js', 'src/jobs/qf-file.js', '16:46');
    const actions = await tripwireQuickFixes(editor.document.uri, diagnostic.range);
    const disable = actions.find((action) => action.title === `Disable ${LOOP_CLOSURE} for the entire file`);
    assert.ok(disable);
    await applyCodeAction(disable);
    assert.match(editor.document.lineAt(0).text, new RegExp(`^/\\* eslint-disable ${LOOP_CLOSURE} \\*/$`));
    await waitForDiagnostics(
      editor.document.uri,
      'no finding of the rule',
      (found) => !found.some((candidate) => codeOf(candidate) === LOOP_CLOSURE),
    );
  });
});
