import type { Linter } from 'eslint';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, PARSE_ERROR_CODE } from './protocol.js';
import type { RuleMetaSummary } from './lint-engine.js';

/** Where rule documentation links come from (the lint worker reports them when it starts). */
export interface RuleMetaSource {
  ruleMeta(ruleId: string): RuleMetaSummary | undefined;
}

/** Converts ESLint's 1-based line/column (end exclusive) to an LSP range, clamped to the document. */
export function messageRange(message: Linter.LintMessage, document: TextDocument): Range {
  const startLine = Math.max(0, message.line - 1);
  const startCharacter = Math.max(0, message.column - 1);
  const endLine = message.endLine === undefined ? startLine : Math.max(0, message.endLine - 1);
  const endCharacter = message.endColumn === undefined ? startCharacter : Math.max(0, message.endColumn - 1);
  // Round-trip through offsets so positions past the end of a line or file are clamped.
  const start = document.positionAt(document.offsetAt({ line: startLine, character: startCharacter }));
  const end = document.positionAt(document.offsetAt({ line: endLine, character: endCharacter }));
  return { start, end };
}

/** The result of one lint of one document version, kept so code actions match what was published. */
export interface LintSnapshot {
  document: TextDocument;
  messages: readonly Linter.LintMessage[];
  diagnostics: readonly Diagnostic[];
}

export function createSnapshot(
  document: TextDocument,
  messages: Linter.LintMessage[],
  engine: RuleMetaSource,
): LintSnapshot {
  return { document, messages, diagnostics: messages.map((message) => toDiagnostic(message, document, engine)) };
}

export function toDiagnostic(message: Linter.LintMessage, document: TextDocument, engine: RuleMetaSource): Diagnostic {
  const range = messageRange(message, document);
  if (message.ruleId === null) {
    return {
      range,
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: PARSE_ERROR_CODE,
      message: message.fatal
        ? `Tripwire cannot parse this file, so its rules did not run: ${message.message}`
        : message.message,
    };
  }
  const meta = engine.ruleMeta(message.ruleId);
  const diagnostic: Diagnostic = {
    range,
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: message.ruleId,
    message: message.message,
  };
  if (meta?.docsUrl) diagnostic.codeDescription = { href: meta.docsUrl };
  return diagnostic;
}
