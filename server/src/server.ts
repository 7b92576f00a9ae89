import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createSnapshot, quickFixes, type LintSnapshot } from './code-actions.js';
import { LINTABLE_EXTENSIONS, LintEngine } from './lint-engine.js';
import { DIAGNOSTIC_SOURCE } from './protocol.js';
import path from 'node:path';

// `node dist/server.js --stdio` (or `--node-ipc`, `--socket=N`): the transport comes from the command line.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const engine = new LintEngine();
/** The last lint of each open document, so code actions answer for exactly what was published. */
const snapshots = new Map<string, LintSnapshot>();
const pending = new Map<string, NodeJS.Timeout>();
const LINT_DELAY_MS = 150;

function filePathOf(uri: string): string | undefined {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  if (uri.startsWith('untitled:')) return path.join(process.cwd(), `${uri.slice('untitled:'.length).replace(/[^\w.-]/g, '_')}.ts`);
  return undefined;
}

function lintDocument(document: TextDocument): void {
  const filePath = filePathOf(document.uri);
  if (filePath === undefined || !LINTABLE_EXTENSIONS.has(path.extname(filePath).toLowerCase())) return;
  let messages;
  try {
    messages = engine.lint({ filePath, text: document.getText() });
  } catch (error) {
    connection.console.error(`Linting ${filePath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return;
  }
  // A newer version arrived while this one was linted: its own lint will publish.
  if (documents.get(document.uri)?.version !== document.version) return;
  const snapshot = createSnapshot(document, messages, engine);
  snapshots.set(document.uri, snapshot);
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [...snapshot.diagnostics] });
}

function scheduleLint(document: TextDocument, delay: number): void {
  const previous = pending.get(document.uri);
  if (previous) clearTimeout(previous);
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      const current = documents.get(document.uri);
      if (current) lintDocument(current);
    }, delay),
  );
}

connection.onInitialize((): InitializeResult => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  },
  serverInfo: { name: DIAGNOSTIC_SOURCE, version: '0.1.0' },
}));

documents.onDidOpen(({ document }) => scheduleLint(document, 0));
documents.onDidChangeContent(({ document }) => scheduleLint(document, LINT_DELAY_MS));
documents.onDidClose(({ document }) => {
  const timer = pending.get(document.uri);
  if (timer) clearTimeout(timer);
  pending.delete(document.uri);
  snapshots.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onCodeAction(({ textDocument, range }) => {
  const snapshot = snapshots.get(textDocument.uri);
  const current = documents.get(textDocument.uri);
  // Never offer edits computed for an older version of the text.
  if (!snapshot || !current || snapshot.document.version !== current.version) return [];
  return quickFixes(snapshot, range);
});

documents.listen(connection);
connection.listen();
