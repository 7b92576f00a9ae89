/**
 * The VS Code client: starts dist/server.js over IPC, contributes the commands, shows the server's
 * state in a LanguageStatusItem, and restarts the server when the workspace becomes trusted. It holds
 * no lint logic and imports nothing heavy (no ESLint, no TypeScript): only vscode-languageclient and the
 * server's plain protocol constants.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ServerCommands, StatusNotificationMethod, type StatusParams } from '../../server/src/protocol.js';

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'] as const;
const ESLINT_EXTENSION_ID = 'dbaeumer.vscode-eslint';

let client: LanguageClient | undefined;
let statusItem: vscode.LanguageStatusItem | undefined;

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] },
    },
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
      statusItem.text = status.trusted
        ? `$(check) ${vscode.l10n.t('Ready')}`
        : `$(shield) ${vscode.l10n.t('Limited mode')}`;
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
    showStatus({
      state: 'error',
      trusted: vscode.workspace.isTrusted,
      typeAware: 'off',
      message: error instanceof Error ? error.message : String(error),
    });
    outputChannel.error(
      `Tripwire's language server did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
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

interface ScaffoldResult {
  ok?: boolean;
  error?: string;
  files?: Array<{ path: string; status: string; reason?: string }>;
}

/** The workspace folder to generate into (the active editor's, else the first), or undefined after telling the user why. */
function scaffoldFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Open a folder first: Tripwire generates files inside a workspace folder.'),
    );
    return undefined;
  }
  return folder;
}

/**
 * Runs the server's `tripwire.scaffold` command. A refusal because files exist with other content lists
 * them and asks before replacing anything; nothing is written unless the user confirms.
 */
async function runScaffold(
  generator: string,
  folder: vscode.WorkspaceFolder,
  directory: string,
  positionals: string[] = [],
): Promise<void> {
  const request = { generator, directory, workspaceRoot: folder.uri.fsPath, positionals };
  const result = (await runServerCommand(ServerCommands.scaffold, [request])) as ScaffoldResult | undefined;
  if (!result) return;
  if (result.ok !== false) {
    await saveGeneratedFiles(result);
    return;
  }
  const conflicts = (result.files ?? []).filter((file) => file.status === 'conflict');
  if (conflicts.length === 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Tripwire could not generate {0}: {1}', generator, result.error ?? ''),
    );
    return;
  }
  const names = conflicts.map((file) => vscode.workspace.asRelativePath(file.path)).join(', ');
  const replace = vscode.l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('These files already exist with other content: {0}. Replace them?', names),
    { modal: true },
    replace,
  );
  if (answer !== replace) return;
  const forced = (await runServerCommand(ServerCommands.scaffold, [{ ...request, force: true }])) as
    ScaffoldResult | undefined;
  if (forced && forced.ok === false)
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Tripwire could not generate {0}: {1}', generator, forced.error ?? ''),
    );
  else if (forced) await saveGeneratedFiles(forced);
}

/**
 * A WorkspaceEdit leaves the files it creates as unsaved buffers (empty on disk). A scaffold is a
 * deliberate command, so save what it generated (tests and `tsc` can run right away) and open it.
 */
async function saveGeneratedFiles(result: ScaffoldResult): Promise<void> {
  const generatedFiles = (result.files ?? []).filter((file) => file.status !== 'identical');
  const generated = new Set(generatedFiles.map((file) => vscode.Uri.file(file.path).toString()));
  await Promise.all(
    vscode.workspace.textDocuments
      .filter((document) => document.isDirty && generated.has(document.uri.toString()))
      .map((document) => document.save()),
  );
  // Show the user what was generated: the first file of the scaffold.
  const first = generatedFiles[0];
  if (first) await vscode.window.showTextDocument(vscode.Uri.file(first.path), { preview: false });
}

function defaultScaffoldDirectory(folder: vscode.WorkspaceFolder, fallback: string): string {
  const configured = vscode.workspace.getConfiguration('tripwire', folder.uri).get<string>('scaffold.directory', '');
  return configured.trim() === '' ? fallback : configured;
}

/** Folders that already hold shared code (`common/`, `lib/`), relative to the workspace folder. */
async function sharedCodeFolders(folder: vscode.WorkspaceFolder): Promise<string[]> {
  const files = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, '**/{common,lib}/*.{ts,tsx,js,mjs,cjs}'),
    '**/node_modules/**',
    200,
  );
  const folders = files.map((uri) => path.posix.dirname(vscode.workspace.asRelativePath(uri, false)));
  return [...new Set(folders)].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/** Asks where the module goes: a quick pick of likely folders (the setting first), or any folder typed in. */
async function pickScaffoldDirectory(folder: vscode.WorkspaceFolder, generator: string): Promise<string | undefined> {
  const title = vscode.l10n.t('Folder for the generated {0} module (relative to the workspace folder)', generator);
  const candidates = [
    ...new Set([defaultScaffoldDirectory(folder, 'src/common'), ...(await sharedCodeFolders(folder)), 'src/common']),
  ];
  const other = vscode.l10n.t('Another folder…');
  const picked = await vscode.window.showQuickPick(
    [
      ...candidates.map((label) => ({ label, iconPath: new vscode.ThemeIcon('folder') })),
      { label: other, iconPath: new vscode.ThemeIcon('edit') },
    ],
    { title, placeHolder: title },
  );
  if (picked === undefined) return undefined;
  if (picked.label !== other) return picked.label;
  return vscode.window.showInputBox({ prompt: title, value: candidates[0] });
}

/** The `tripwire.scaffold` generators behind the "Generate …" commands. */
type ModuleGenerator = 'errgroup' | 'singleflight' | 'retry' | 'breaker' | 'ratelimit' | 'timeout';

/** How the folder pick names the module (the generator name where it reads well). */
const MODULE_LABEL: Record<ModuleGenerator, string> = {
  errgroup: 'errgroup',
  singleflight: 'singleflight',
  retry: 'retry',
  breaker: 'circuit breaker',
  ratelimit: 'rate limiter',
  timeout: 'timeout',
};

async function generate(generator: ModuleGenerator): Promise<void> {
  const folder = scaffoldFolder();
  if (!folder) return;
  const directory = await pickScaffoldDirectory(folder, MODULE_LABEL[generator]);
  if (directory === undefined) return;
  await runScaffold(generator, folder, directory);
}

/** Resource names the layered-module generator accepts: a letter, then letters, digits, `-` or `_`. */
const RESOURCE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

async function scaffoldLayeredModule(): Promise<void> {
  const folder = scaffoldFolder();
  if (!folder) return;
  const resource = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Resource name for the layered module (for example: order)'),
    validateInput: (value) =>
      RESOURCE_NAME.test(value.trim())
        ? undefined
        : vscode.l10n.t('Use a name that starts with a letter, then letters, digits, - or _.'),
  });
  if (resource === undefined) return;
  const directory = await vscode.window.showInputBox({
    prompt: vscode.l10n.t(
      'Folder that gets handler/, service/, common/, dao/ and model/ (relative to the workspace folder)',
    ),
    value: 'src',
  });
  if (directory === undefined) return;
  await runScaffold('layer', folder, directory, [resource.trim()]);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Tripwire', { log: true });
  statusItem = vscode.languages.createLanguageStatusItem(
    'tripwire.status',
    LANGUAGES.map((language) => ({ language })),
  );
  statusItem.name = 'Tripwire';
  statusItem.command = { title: vscode.l10n.t('Show Output'), command: 'tripwire.showOutput' };
  showStatus({ state: 'starting', trusted: vscode.workspace.isTrusted, typeAware: 'off' });
  context.subscriptions.push(
    outputChannel,
    statusItem,
    vscode.commands.registerCommand('tripwire.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('tripwire.restartServer', () => restart(context, outputChannel)),
    vscode.commands.registerCommand('tripwire.reloadTypeInformation', () =>
      runServerCommand(ServerCommands.reloadTypeInformation),
    ),
    vscode.commands.registerCommand('tripwire.lintWorkspace', async () => {
      // The server reports progress itself (window/workDoneProgress) and publishes to the Problems panel.
      const result = (await runServerCommand(ServerCommands.lintWorkspace)) as
        { files: number; problems: number; skipped: number } | undefined;
      if (result && typeof result.files === 'number') {
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'Tripwire linted {0} files: {1} problems ({2} skipped).',
            String(result.files),
            String(result.problems),
            String(result.skipped),
          ),
        );
      }
    }),
    vscode.commands.registerCommand('tripwire.generateErrgroup', () => generate('errgroup')),
    vscode.commands.registerCommand('tripwire.generateSingleflight', () => generate('singleflight')),
    vscode.commands.registerCommand('tripwire.generateRetry', () => generate('retry')),
    vscode.commands.registerCommand('tripwire.generateCircuitBreaker', () => generate('breaker')),
    vscode.commands.registerCommand('tripwire.generateRateLimiter', () => generate('ratelimit')),
    vscode.commands.registerCommand('tripwire.generateTimeout', () => generate('timeout')),
    vscode.commands.registerCommand('tripwire.scaffoldLayeredModule', () => scaffoldLayeredModule()),
    // Granting trust allows reading the workspace's config and type information: restart with it.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context, outputChannel)),
  );
  await startClient(context, outputChannel);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
