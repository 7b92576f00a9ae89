import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type CodeAction,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowDocumentParams,
  type ShowMessageParams,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The bundle under test; `TRIPWIRE_TEST_SERVER` points elsewhere during development. */
export const serverBundle = process.env['TRIPWIRE_TEST_SERVER'] ?? path.join(repoRoot, 'dist', 'server.js');
/** The same server with the rules of ./test-rules.ts (test/server/test-server.ts, built by scripts/build.mjs). */
export const testServerBundle = path.join(repoRoot, '.cache', 'test-server', 'server.cjs');

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** The `tripwire/status` notification (see server/PROTOCOL.md). */
export interface StatusParams {
  state: string;
  trusted: boolean;
  typeAware: string;
  lastLintMs?: number;
  lastLintUri?: string;
  lastLintTyped?: boolean;
  message?: string;
}

export interface StartOptions {
  rootPath?: string;
  /** Several workspace folders (multi-root); overrides rootPath's folder list. */
  folders?: string[];
  initializationOptions?: unknown;
  cwd?: string;
  /** Run the test server, which adds the rules of ./test-rules.ts (`tripwire-test/*`). */
  testRules?: boolean;
  /** Answers `workspace/configuration` for the `tripwire` section; when absent the capability is not advertised. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Extra client capabilities merged over the defaults. */
  capabilities?: ClientCapabilities;
  /** Environment variables added to the server process's. */
  env?: Record<string, string>;
}

/**
 * A real LSP client talking to `node dist/server.js --stdio` in a child process.
 * Every published diagnostic, log line, message and status is recorded so tests can wait for them.
 */
export class StdioLspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly registrations: Registration[] = [];
  readonly stderr: string[] = [];
  settings: ((scopeUri: string | undefined) => unknown) | undefined;
  readonly #waiters: Array<{
    match: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }> = [];
  readonly #logWaiters: Array<{ match: (p: LogMessageParams) => boolean; resolve: (p: LogMessageParams) => void }> = [];
  readonly #statusWaiters: Array<{ match: (p: StatusParams) => boolean; resolve: (p: StatusParams) => void }> = [];

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.process = child;
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const waiter of [...this.#waiters]) {
        if (waiter.match(params)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      for (const waiter of [...this.#logWaiters]) {
        if (waiter.match(params)) {
          this.#logWaiters.splice(this.#logWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params);
    });
    this.connection.onNotification('tripwire/status', (params: StatusParams) => {
      this.statuses.push(params);
      for (const waiter of [...this.#statusWaiters]) {
        if (waiter.match(params)) {
          this.#statusWaiters.splice(this.#statusWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (this.settings ? this.settings(item.scopeUri) : null)),
    );
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params.edit);
      return { applied: true };
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    this.connection.listen();
  }

  static async start(
    options: StartOptions = {},
  ): Promise<{ client: StdioLspClient; initializeResult: InitializeResult }> {
    const child = spawn(process.execPath, [options.testRules ? testServerBundle : serverBundle, '--stdio'], {
      cwd: options.cwd ?? repoRoot,
      stdio: 'pipe',
      env: options.env ? { ...process.env, ...options.env } : process.env,
    });
    const client = new StdioLspClient(child);
    client.settings = options.settings;
    const folders = options.folders ?? (options.rootPath ? [options.rootPath] : []);
    const rootUri = folders[0] ? fileUri(folders[0]) : null;
    const capabilities: ClientCapabilities = {
      workspace: {
        applyEdit: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        configuration: options.settings !== undefined,
        workspaceFolders: true,
        ...(options.capabilities?.workspace ?? {}),
      },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } } },
        ...(options.capabilities?.textDocument ?? {}),
      },
      window: { showDocument: { support: true }, workDoneProgress: true, ...(options.capabilities?.window ?? {}) },
    };
    const initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders:
        folders.length > 0 ? folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })) : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, initializeResult };
  }

  /** Resolves with the next diagnostics published for `uri` that satisfy `match` (already-received ones count). */
  waitForDiagnostics(
    uri: string,
    match: (params: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    const seen = [...this.published].reverse().find((params) => params.uri === uri && match(params));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) =>
      this.#waiters.push({ match: (params) => params.uri === uri && match(params), resolve }),
    );
  }

  /** Resolves with the first log line (already received or future) whose message matches `pattern`. */
  waitForLog(pattern: RegExp): Promise<LogMessageParams> {
    const seen = this.logs.find((params) => pattern.test(params.message));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) =>
      this.#logWaiters.push({ match: (params) => pattern.test(params.message), resolve }),
    );
  }

  /**
   * Resolves with the first `tripwire/status` that satisfies `match`, among those received after the
   * first `since` statuses (all of them by default) and those still to come.
   */
  waitForStatus(match: (params: StatusParams) => boolean, since = 0): Promise<StatusParams> {
    const seen = this.statuses.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#statusWaiters.push({ match, resolve }));
  }

  /** Diagnostics of `uri` published from now on with exactly this version. */
  waitForVersion(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(uri, (params) => params.version === version);
  }

  async open(uri: string, text: string, languageId = 'typescript', version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  async replaceText(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeConfiguration(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async codeActions(
    uri: string,
    range: Range,
    only?: string[],
    diagnostics: PublishDiagnosticsParams['diagnostics'] = [],
  ): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: only ? { diagnostics, only } : { diagnostics },
    });
    return (result ?? []) as CodeAction[];
  }

  async resolve(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest(CodeActionResolveRequest.type, action);
  }

  async executeCommand(command: string, args: unknown[] = []): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Shuts the server down politely and waits for the process to exit. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    if (this.process.exitCode === null) {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
