/**
 * The scaffold generators as LSP features: the `tripwire.scaffold` command and generator code actions.
 * The generators themselves live in `scaffold/` (owned separately); this file only adapts them.
 */
import type { CodeAction, CodeActionParams, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintSnapshot } from './code-actions.js';

export interface ScaffoldingHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folderFor(filePath: string): string | undefined;
  filePathOf(uri: string): string | undefined;
  workspaceRoots(): string[];
  log(level: 'error' | 'warn' | 'info', message: string): void;
}

export interface Scaffolding {
  codeActions(params: CodeActionParams, document: TextDocument, snapshot: LintSnapshot | undefined): Promise<CodeAction[]>;
  resolveCodeAction(action: CodeAction): Promise<CodeAction>;
  executeScaffold(argument: unknown): Promise<unknown>;
}

export function registerScaffolding(_host: ScaffoldingHost): Scaffolding {
  return {
    codeActions: async () => [],
    resolveCodeAction: async (action) => action,
    executeScaffold: async () => ({ applied: false, error: 'scaffolding is not available in this build' }),
  };
}
