import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  LOOP_CLOSURE,
  activeExtension,
  copyWorkspaceFile,
  diagnosticAt,
  openEditor,
  waitForDiagnostics,
  workspaceFile,
} from './helpers.js';

describe('activation', () => {
  it('activates when a TypeScript file opens', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is known to the extension host`);
    const editor = await openEditor(workspaceFile('src/jobs/retry-scheduler.ts'));
    assert.equal(editor.document.languageId, 'typescript');
    await activeExtension();
    console.log(
      `[tripwire-e2e] ${vscode.env.appName} ${vscode.version}, uiKind ${vscode.env.uiKind}, trusted ${vscode.workspace.isTrusted}`,
    );
  });

  it('contributes its commands', async () => {
    await activeExtension();
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['tripwire.restartServer', 'tripwire.showOutput'])
      assert.ok(commands.includes(command), command);
  });

  it('"Tripwire: Restart Server" brings back a working server', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('tripwire.restartServer');
    // A file opened after the restart is linted by the new server.
    const uri = await copyWorkspaceFile('src/jobs/retry-scheduler.ts', 'src/jobs/after-restart.ts');
    await openEditor(uri);
    await waitForDiagnostics(
      uri,
      'findings from the restarted server',
      (found) => diagnosticAt(found, LOOP_CLOSURE, '13:16') !== undefined,
      60_000,
    );
  });
});
