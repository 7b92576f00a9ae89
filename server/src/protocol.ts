/**
 * Names shared by the language server and its clients (the VS Code extension, other LSP editors).
 * Plain constants only: no logic lives here.
 */

/** `source` of every diagnostic Tripwire publishes. */
export const DIAGNOSTIC_SOURCE = 'tripwire';

/** Diagnostic `code` used when a file cannot be parsed (it carries no rule id). */
export const PARSE_ERROR_CODE = 'tripwire/parse-error';

/** Commands the server executes through `workspace/executeCommand`. */
export const ServerCommands = {
  /** Applies a stored edit (used by code actions whose edit is computed on resolve). */
  applyEdit: 'tripwire.applyEdit',
} as const;

/** Code action kinds the server offers. */
export const CodeActionKinds = {
  quickFix: 'quickfix',
  fixAll: 'source.fixAll.tripwire',
} as const;
