import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  LOOP_CLOSURE,
  activeExtension,
  codeOf,
  copyWorkspaceFile,
  diagnosticAt,
  openEditor,
  waitForDiagnostics,
} from './helpers.js';

/** Changes a `tripwire.*` setting of the workspace folder, the way the Settings editor does. */
async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tripwire').update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe('settings take effect without a reload', () => {
  before(activeExtension);
  afterEach(async () => {
    await setWorkspaceSetting('enable', undefined);
    await setWorkspaceSetting('rules', undefined);
  });

  it('tripwire.enable: false clears the findings, true brings them back', async () => {
    const uri = await copyWorkspaceFile('src/jobs/retry-scheduler.ts', 'src/jobs/settings-enable.ts');
    await openEditor(uri);
    const present = (found: vscode.Diagnostic[]) => diagnosticAt(found, LOOP_CLOSURE, '13:16') !== undefined;
    await waitForDiagnostics(uri, 'the finding before the change', present);
    await setWorkspaceSetting('enable', false);
    assert.equal(vscode.workspace.getConfiguration('tripwire').get('enable'), false);
    await waitForDiagnostics(uri, 'no findings once disabled', (found) => found.length === 0);
    await setWorkspaceSetting('enable', true);
    await waitForDiagnostics(uri, 'the finding once enabled again', present);
  });

  it('tripwire.rules turns one rule off and leaves the others on', async () => {
    const uri = await copyWorkspaceFile('src/api/order-client.ts', 'src/api/settings-rules.ts');
    await openEditor(uri);
    const floating = 'tripwire/no-floating-promise';
    const hasFloating = (found: vscode.Diagnostic[]) => diagnosticAt(found, floating, '16:3') !== undefined;
    const before = await waitForDiagnostics(uri, 'the floating promise before the change', hasFloating);
    assert.ok(before.length >= 2, 'the file has findings of other rules too');
    await setWorkspaceSetting('rules', { 'no-floating-promise': 'off' });
    const after = await waitForDiagnostics(
      uri,
      'no floating-promise finding',
      (found) => !found.some((diagnostic) => codeOf(diagnostic) === floating),
    );
    assert.equal(
      after.length,
      before.filter((diagnostic) => codeOf(diagnostic) !== floating).length,
      'the other findings stay',
    );
    await setWorkspaceSetting('rules', undefined);
    await waitForDiagnostics(uri, 'the floating promise once the override is gone', hasFloating);
  });
});
