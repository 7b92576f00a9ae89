/**
 * The connection's life: `initialize` (capabilities, trust, folders, type information),
 * `initialized` (file watchers, the start-up log line, the first status), configuration and
 * workspace-folder changes.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type DidChangeConfigurationParams,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { EXECUTED_COMMANDS } from './commands.js';
import { LINTABLE_EXTENSIONS } from './file-checks.js';
import { CodeActionKinds, DIAGNOSTIC_SOURCE } from './protocol.js';
import type { Session } from './session.js';
import { describeError } from './session.js';
import { parseInitializationOptions, type TripwireSettings } from './settings.js';
import { SERVER_VERSION } from './version.js';
import { CONFIG_FILE_NAMES } from './workspace-config.js';
import { effectiveTypeAware, folderInfo, invalidateSettings, settingsFor } from './workspace-settings.js';

export function initialize(session: Session, params: InitializeParams): InitializeResult {
  session.capabilities = params.capabilities;
  session.initOptions = parseInitializationOptions(params.initializationOptions);
  session.trusted = session.initOptions.workspaceTrusted ?? true;
  session.pushedSettings = session.initOptions.settings;
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  session.folders = folders.flatMap((folder) => folderInfo(folder.uri) ?? []);
  if (session.trusted) session.enableTypeInformation(session.folders[0]?.path);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKinds.fixAll, CodeActionKinds.rewrite],
        resolveProvider: session.resolvesEdits(),
      },
      executeCommandProvider: { commands: EXECUTED_COMMANDS },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: DIAGNOSTIC_SOURCE, version: SERVER_VERSION },
  };
}

/** The start-up log line: what Tripwire reads in this workspace, and the type-aware mode in force. */
function startupMessage(session: Session, typeAware: TripwireSettings['typeAware']): string {
  if (!session.trusted) {
    return 'Tripwire is running in limited mode (untrusted workspace): bundled rules with their defaults; nothing from the workspace is read or executed; type information: off.';
  }
  const typeInformation = typeAware === 'off' ? 'off (tripwire.typeAware)' : `${typeAware} (tripwire.typeAware)`;
  return `Tripwire is running (trusted workspace: the tripwire/* settings of eslint.config.* are read without running it; type information: ${typeInformation}).`;
}

export function initialized(session: Session): void {
  const { capabilities, connection } = session;
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    const extensions = [...LINTABLE_EXTENSIONS].map((extension) => extension.slice(1)).join(',');
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: `**/*.{${extensions}}` },
          { globPattern: '**/{tsconfig,jsconfig}*.json' },
          { globPattern: '**/package.json' },
          { globPattern: `**/{${CONFIG_FILE_NAMES.join(',')}}` },
        ],
      })
      .catch((error: unknown) => session.log('warn', `Could not register file watchers: ${describeError(error)}`));
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => workspaceFoldersChanged(session, event));
  }
  session.worker.warmUp();
  void session.sendStatus({ state: 'ready', typeAware: 'off' });
  // Learn the effective type-aware mode before saying it, so the log and the status are right before the first lint.
  void settingsFor(session, undefined).then((settings) => {
    const typeAware = effectiveTypeAware(session, settings);
    session.log('info', startupMessage(session, typeAware));
    void session.sendStatus({ typeAware });
  });
}

function workspaceFoldersChanged(session: Session, event: WorkspaceFoldersChangeEvent): void {
  const removed = new Set(event.removed.map((folder) => folder.uri));
  session.folders = session.folders.filter((folder) => !removed.has(folder.uri));
  for (const folder of event.added) {
    const info = folderInfo(folder.uri);
    if (info) session.folders.push(info);
  }
  invalidateSettings(session);
  session.relintAllOpen();
}

export function configurationChanged(session: Session, change: DidChangeConfigurationParams): void {
  const settings = (change.settings ?? undefined) as unknown;
  if (settings && typeof settings === 'object' && 'tripwire' in settings) session.pushedSettings = settings;
  session.settingsCache.clear();
  session.demotedFiles.clear();
  void settingsFor(session, undefined).then((global) =>
    session.sendStatus({ typeAware: effectiveTypeAware(session, global) }),
  );
  session.relintAllOpen();
}
