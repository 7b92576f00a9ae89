/**
 * Everything the server knows during one connection, in one place. Handlers are plain functions that
 * take the session; nothing else keeps state at module level.
 */
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintSnapshot } from './diagnostics.js';
import { LintQueue, type LintTrigger } from './lint-queue.js';
import { defaultLintWorkerScript, LintWorkerClient, type RemoteTypeInfo } from './lint-worker-client.js';
import { StatusNotificationMethod, type StatusParams } from './protocol.js';
import type { InitializationOptions, TripwireSettings } from './settings.js';
import type { FileChange } from './type-info.js';
import { filePathOf } from './workspace-settings.js';
import { WorkspaceConfigReader } from './workspace-config.js';

/** What the process that starts the server may add; the shipped entry passes nothing. */
export interface ServerOptions {
  /** The lint worker's entry; by default dist/lint-worker.js beside the bundled server. */
  lintWorkerScript?: string;
  /** The lint worker's initial heap cap in MB; by default the client's own. */
  lintWorkerHeapMb?: number;
}

export interface WorkspaceFolderInfo {
  uri: string;
  path: string;
}

export type LogLevel = 'error' | 'warn' | 'info';

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export class Session {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly options: ServerOptions;
  readonly queue: LintQueue;

  // Client and workspace, as told by `initialize` and later notifications.
  capabilities: ClientCapabilities = {};
  initOptions: InitializationOptions = {};
  trusted = true;
  folders: WorkspaceFolderInfo[] = [];
  shuttingDown = false;

  // Settings.
  /** Settings pushed by the client (initializationOptions or didChangeConfiguration). */
  pushedSettings: unknown = undefined;
  readonly settingsCache = new Map<string, Promise<TripwireSettings>>();
  readonly configReader = new WorkspaceConfigReader();
  duplicateNoticeShown = false;

  // Linting.
  /** The lint worker: the engine and its type information run there, off the LSP thread. */
  worker: LintWorkerClient;
  /** The worker's type information; undefined when lints never get types (an untrusted workspace). */
  typeInfo: RemoteTypeInfo | undefined;
  /** The last lint of each open document, so code actions answer for exactly what was published. */
  readonly snapshots = new Map<string, LintSnapshot>();
  /** Documents whose type-aware lint overran the budget: linted without types until type information is reloaded. */
  readonly demotedFiles = new Set<string>();
  /** Version of each document at its last type-aware lint, to know whether dependents need a re-lint. */
  readonly lastTypedVersion = new Map<string, number>();
  /** Version each document was opened with: didOpen also fires didChangeContent, which must not debounce it. */
  readonly openedVersions = new Map<string, number>();
  dependentsTimer: NodeJS.Timeout | undefined;
  /** Documents edited since the last dependents pass → the files that depend on them (undefined: not known). */
  readonly pendingDependents = new Map<string, readonly string[] | undefined>();
  watchedFilesTimer: NodeJS.Timeout | undefined;
  readonly pendingFileChanges: FileChange[] = [];

  // Logging and status.
  /** Messages already logged once (rule failures, budget overruns, skipped files, unreadable config). */
  readonly #loggedOnce = new Set<string>();
  #lastStatus: StatusParams | undefined;

  constructor(
    connection: Connection,
    documents: TextDocuments<TextDocument>,
    options: ServerOptions,
    lint: (session: Session, uri: string, trigger: LintTrigger) => Promise<number | undefined>,
  ) {
    this.connection = connection;
    this.documents = documents;
    this.options = options;
    this.worker = this.#createWorker(undefined);
    this.queue = new LintQueue({ lint: (uri, trigger) => lint(this, uri, trigger) });
  }

  /** Lints from now on get type information for the workspace rooted at `rootDirectory` (call before any lint). */
  enableTypeInformation(rootDirectory: string | undefined): void {
    this.worker = this.#createWorker({ rootDirectory });
    this.typeInfo = this.worker.typeInfo;
  }

  #createWorker(typeInfo: { rootDirectory: string | undefined } | undefined): LintWorkerClient {
    return new LintWorkerClient({
      script: this.options.lintWorkerScript ?? defaultLintWorkerScript(),
      heapLimitMb: this.options.lintWorkerHeapMb,
      typeInfo,
      log: (level, message, key) => (key === undefined ? this.log(level, message) : this.logOnce(key, level, message)),
      // A worker started to stop an obsolete lint sees the unsaved text of the documents linted with types.
      openFiles: () =>
        [...this.lastTypedVersion.keys()].flatMap((uri) => {
          const filePath = filePathOf(uri);
          const document = this.documents.get(uri);
          return filePath === undefined || !document ? [] : [{ filePath, text: document.getText() }];
        }),
    });
  }

  log(level: LogLevel, message: string): void {
    this.connection.console[level](message);
  }

  logOnce(key: string, level: LogLevel, message: string): void {
    if (this.#loggedOnce.has(key)) return;
    this.#loggedOnce.add(key);
    this.log(level, message);
  }

  /** Sends the `tripwire/status` notification; resolves once it is written to the connection. */
  sendStatus(update: Partial<StatusParams>): Promise<void> {
    const status: StatusParams = {
      ...(this.#lastStatus ?? { state: 'starting', trusted: this.trusted, typeAware: 'off' }),
      ...update,
      trusted: this.trusted,
    };
    this.#lastStatus = status;
    if (this.shuttingDown) return Promise.resolve();
    return this.connection.sendNotification(StatusNotificationMethod, status).catch(() => undefined);
  }

  /** Whether the client resolves code actions' edits lazily (`codeAction/resolve` with `edit`). */
  resolvesEdits(): boolean {
    return this.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  }

  relintAllOpen(): void {
    for (const document of this.documents.all()) this.queue.scheduleBackground(document.uri);
  }
}
