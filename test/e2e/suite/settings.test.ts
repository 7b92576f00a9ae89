import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { LOOP_CLOSURE, activeExtension, copyWorkspaceFile, diagnosticAt, openEditor, waitForDiagnostics } from './helpers.js';

/** Changes a `tripwire.*` setting of the workspace folder, the way the Settings editor does. */
async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tripwire').update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe('settings take effect without a reload', () => {
  before(activeExtension);
  afterEach(async () => {
    await setWorkspaceSetting('enable', undefined);
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
});
