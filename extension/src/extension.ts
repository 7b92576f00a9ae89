/**
 * The VS Code client: starts dist/server.js over IPC, contributes the commands, shows the server's
 * state in a LanguageStatusItem, and restarts the server when the workspace becomes trusted. It holds
 * no lint logic and imports nothing heavy (no ESLint, no TypeScript): only vscode-languageclient and the
 * server's plain protocol constants.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ServerCommands, StatusNotificationMethod, type StatusParams } from '../../server/src/protocol.js';

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'] as const;
const ESLINT_EXTENSION_ID = 'dbaeumer.vscode-eslint';

let client: LanguageClient | undefined;
let statusItem: vscode.LanguageStatusItem | undefined;

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel,
    // Settings are pulled per workspace folder (workspace/configuration); this also pushes changes.
    synchronize: { configurationSection: 'tripwire' },
    initializationOptions: {
      workspaceTrusted: vscode.workspace.isTrusted,
      eslintExtensionInstalled: vscode.extensions.getExtension(ESLINT_EXTENSION_ID) !== undefined,
    },
  };
  return new LanguageClient('tripwire', 'Tripwire', serverOptions, clientOptions);
}

function showStatus(status: StatusParams): void {
  if (!statusItem) return;
  const typeAware = vscode.l10n.t('Type-aware: {0}', status.typeAware);
  const parts: string[] = [status.trusted ? typeAware : vscode.l10n.t('Limited mode (untrusted workspace)')];
  if (status.lastLintMs !== undefined) {
    const at = status.lastLintAt ? new Date(status.lastLintAt).toLocaleTimeString() : '';
    parts.push(vscode.l10n.t('Last lint: {0} ms at {1}', String(status.lastLintMs), at));
  }
  if (status.message) parts.push(status.message);
  switch (status.state) {
    case 'linting':
      statusItem.text = `$(sync~spin) ${vscode.l10n.t('Linting…')}`;
      statusItem.severity = vscode.LanguageStatusSeverity.Information;
      statusItem.busy = true;
      break;
    case 'error':
      statusItem.text = `$(error) ${vscode.l10n.t('Error')}`;
      statusItem.severity = vscode.LanguageStatusSeverity.Error;
      statusItem.busy = false;
      break;
    case 'starting':
      statusItem.text = `$(loading~spin) ${vscode.l10n.t('Starting…')}`;
      statusItem.severity = vscode.LanguageStatusSeverity.Information;
      statusItem.busy = true;
      break;
    default:
      statusItem.text = status.trusted ? `$(check) ${vscode.l10n.t('Ready')}` : `$(shield) ${vscode.l10n.t('Limited mode')}`;
      statusItem.severity = vscode.LanguageStatusSeverity.Information;
      statusItem.busy = false;
  }
  statusItem.detail = parts.join(' · ');
}

async function startClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): Promise<void> {
  client = createClient(context, outputChannel);
  const started = client;
  started.onNotification(StatusNotificationMethod, (status: StatusParams) => showStatus(status));
  try {
    await started.start();
  } catch (error) {
    showStatus({ state: 'error', trusted: vscode.workspace.isTrusted, typeAware: 'off', message: error instanceof Error ? error.message : String(error) });
    outputChannel.error(`Tripwire's language server did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

async function restart(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): Promise<void> {
  const previous = client;
  client = undefined;
  if (previous) {
    try {
      await previous.stop();
    } catch {
      // a server that failed to start cannot be stopped; start a fresh one anyway
    }
  }
  showStatus({ state: 'starting', trusted: vscode.workspace.isTrusted, typeAware: 'off' });
  await startClient(context, outputChannel);
}

async function runServerCommand(command: string, args: unknown[] = []): Promise<unknown> {
  if (!client) return undefined;
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
}

async function generate(generator: 'errgroup' | 'singleflight'): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: Tripwire generates files inside a workspace folder.'));
    return;
  }
  const directory = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Folder for the generated {0} module (relative to the workspace folder)', generator),
    value: 'src/common',
  });
  if (directory === undefined) return;
  const result = (await runServerCommand(ServerCommands.scaffold, [{ generator, directory, workspaceRoot: folder.uri.fsPath }])) as { ok?: boolean; error?: string } | undefined;
  if (result && result.ok === false) void vscode.window.showErrorMessage(vscode.l10n.t('Tripwire could not generate {0}: {1}', generator, result.error ?? ''));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Tripwire', { log: true });
  statusItem = vscode.languages.createLanguageStatusItem('tripwire.status', LANGUAGES.map((language) => ({ language })));
  statusItem.name = 'Tripwire';
  statusItem.command = { title: vscode.l10n.t('Show Output'), command: 'tripwire.showOutput' };
  showStatus({ state: 'starting', trusted: vscode.workspace.isTrusted, typeAware: 'off' });
  context.subscriptions.push(
    outputChannel,
    statusItem,
    vscode.commands.registerCommand('tripwire.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('tripwire.restartServer', () => restart(context, outputChannel)),
    vscode.commands.registerCommand('tripwire.reloadTypeInformation', () => runServerCommand(ServerCommands.reloadTypeInformation)),
    vscode.commands.registerCommand('tripwire.lintWorkspace', async () => {
      // The server reports progress itself (window/workDoneProgress) and publishes to the Problems panel.
      const result = (await runServerCommand(ServerCommands.lintWorkspace)) as { files: number; problems: number; skipped: number } | undefined;
      if (result && typeof result.files === 'number') {
        void vscode.window.showInformationMessage(vscode.l10n.t('Tripwire linted {0} files: {1} problems ({2} skipped).', String(result.files), String(result.problems), String(result.skipped)));
      }
    }),
    vscode.commands.registerCommand('tripwire.generateErrgroup', () => generate('errgroup')),
    vscode.commands.registerCommand('tripwire.generateSingleflight', () => generate('singleflight')),
    // Granting trust allows reading the workspace's config and type information: restart with it.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context, outputChannel)),
  );
  await startClient(context, outputChannel);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
