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
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverBundle = path.join(repoRoot, 'dist', 'server.js');

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/**
 * A real LSP client talking to `node dist/server.js --stdio` in a child process.
 * Every published diagnostic is recorded so tests can wait for a given URI (and version).
 */
export class StdioLspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly stderr: string[] = [];
  readonly #waiters: Array<{ match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.process = child;
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const waiter of [...this.#waiters]) {
        if (waiter.match(params)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.listen();
  }

  static async start(options: { rootPath?: string; initializationOptions?: unknown; cwd?: string } = {}): Promise<{ client: StdioLspClient; initializeResult: InitializeResult }> {
    const child = spawn(process.execPath, [serverBundle, '--stdio'], { cwd: options.cwd ?? repoRoot, stdio: 'pipe' });
    const client = new StdioLspClient(child);
    const rootUri = options.rootPath ? fileUri(options.rootPath) : null;
    const initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: options.rootPath ? [{ uri: fileUri(options.rootPath), name: path.basename(options.rootPath) }] : null,
      capabilities: {
        workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } } } },
      },
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, initializeResult };
  }

  /** Resolves with the next diagnostics published for `uri` that satisfy `match` (already-received ones count). */
  waitForDiagnostics(uri: string, match: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = [...this.published].reverse().find((params) => params.uri === uri && match(params));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ match: (params) => params.uri === uri && match(params), resolve }));
  }

  async open(uri: string, text: string, languageId = 'typescript', version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async replaceText(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
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
