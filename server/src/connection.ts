/**
 * The connection: opens the transport, creates the session and wires each LSP message to its
 * handler. Handlers live with their concern (lifecycle, document events, the document linter, code
 * actions, commands); this file holds no logic of its own.
 */
import { format } from 'node:util';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  Message,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, resolveCodeAction } from './code-actions.js';
import type { Transport } from './command-line.js';
import { executeCommand } from './commands.js';
import {
  documentChanged,
  documentClosed,
  documentOpened,
  documentSaved,
  watchedFilesChanged,
} from './document-events.js';
import { lintDocument } from './document-linter.js';
import { configurationChanged, initialize, initialized } from './lifecycle.js';
import { registerScaffolding } from './scaffolding.js';
import { describeError, Session, type ServerOptions } from './session.js';
import { filePathOf, folderFor, settingsFor } from './workspace-settings.js';

function openTransport(transport: Transport): [MessageReader, MessageWriter] {
  switch (transport.kind) {
    case 'stdio':
      return [new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout)];
    case 'node-ipc':
      return [new IPCMessageReader(process), new IPCMessageWriter(process)];
    case 'socket':
      return createServerSocketTransport(transport.port);
    case 'pipe':
      return createServerPipeTransport(transport.name);
  }
}

/** Code action requests the client cancelled before they were dispatched are answered with null, unrun. */
function cancelUndispatched(
  message: Message,
  next: (message: Message) => ResponseMessage | undefined,
): ResponseMessage | undefined {
  if (
    Message.isRequest(message) &&
    (message.method === 'textDocument/codeAction' || message.method === 'codeAction/resolve')
  ) {
    return { jsonrpc: message.jsonrpc, id: message.id, result: null };
  }
  return next(message);
}

/** Errors of the message reader that come from the client's bytes, not from the transport. */
function isMalformedInput(error: Error): boolean {
  return error instanceof SyntaxError || /Content-Length|header/i.test(error.message);
}

export function startServer(transport: Transport, options: ServerOptions): void {
  const [reader, writer] = openTransport(transport);
  const connection = createConnection(ProposedFeatures.all, reader, writer, {
    cancelUndispatched,
  });
  const documents = new TextDocuments(TextDocument);
  const session = new Session(connection, documents, options, lintDocument);
  const scaffolding = registerScaffolding({
    connection,
    documents,
    folderFor: (filePath) => folderFor(session, filePath)?.path,
    filePathOf,
    workspaceRoots: () => session.folders.map((folder) => folder.path),
    scaffoldDirectoryFor: async (filePath) =>
      (await settingsFor(session, folderFor(session, filePath))).scaffoldDirectory || undefined,
    resolvesEdits: () => session.resolvesEdits(),
    log: (level, message) => session.log(level, message),
  });

  // stdout carries the protocol: anything printed with console.log would corrupt it, so it goes to the log.
  if (transport.kind === 'stdio') {
    console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  }
  reader.onError((error) => {
    if (!isMalformedInput(error)) {
      process.stderr.write(`tripwire-server: connection error: ${error.message}\n`);
      return;
    }
    session.logOnce(
      'malformed-input',
      'warn',
      `Ignored input that is not a JSON-RPC message (${error.message}). Further malformed input is ignored without a log line.`,
    );
  });
  const closed = () => {
    if (!session.shuttingDown)
      process.stderr.write('tripwire-server: the connection closed before a shutdown request; exiting.\n');
    process.exit(session.shuttingDown ? 0 : 1);
  };
  reader.onClose(closed);
  // The IPC reader does not report the parent going away: the channel's disconnect does.
  if (transport.kind === 'node-ipc') process.on('disconnect', closed);
  process.on('uncaughtException', (error) =>
    session.log('error', `Unexpected error (the server keeps running): ${describeError(error)}`),
  );
  process.on('unhandledRejection', (reason) =>
    session.log('error', `Unhandled rejection (the server keeps running): ${describeError(reason)}`),
  );

  connection.onInitialize((params) => initialize(session, params));
  connection.onInitialized(() => initialized(session));
  connection.onShutdown(() => {
    session.shuttingDown = true;
  });
  connection.onDidChangeConfiguration((change) => configurationChanged(session, change));
  connection.onDidChangeWatchedFiles((params) => watchedFilesChanged(session, params));
  documents.onDidOpen(({ document }) => documentOpened(session, document));
  documents.onDidChangeContent(({ document }) => void documentChanged(session, document));
  documents.onDidSave(({ document }) => documentSaved(session, document));
  documents.onDidClose(({ document }) => documentClosed(session, document));
  connection.onCodeAction((params) => codeActions(session, scaffolding, params));
  connection.onCodeActionResolve((action) => resolveCodeAction(session, scaffolding, action));
  connection.onExecuteCommand((params, _token, workDoneProgress) =>
    executeCommand(session, scaffolding, params, workDoneProgress),
  );

  documents.listen(connection);
  connection.listen();
}
