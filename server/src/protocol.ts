/**
 * Names shared by the language server and its clients (the VS Code extension, other LSP editors).
 * Plain constants and types only: no logic lives here. Documented in server/PROTOCOL.md.
 */

/** `source` of every diagnostic Tripwire publishes. */
export const DIAGNOSTIC_SOURCE = 'tripwire';

/** Diagnostic `code` used when a file cannot be parsed (it carries no rule id). */
export const PARSE_ERROR_CODE = 'tripwire/parse-error';

/** Commands the server executes through `workspace/executeCommand`. */
export const ServerCommands = {
  /** Lints every JS/TS file of the workspace folders and publishes the results. Args: `[{ folderUri? }]`. */
  lintWorkspace: 'tripwire.server.lintWorkspace',
  /** Drops all type information; open documents are re-linted with a fresh project service. */
  reloadTypeInformation: 'tripwire.server.reloadTypeInformation',
  /** Opens a rule's documentation through `window/showDocument`. Args: `[url]`. */
  showDocumentation: 'tripwire.server.showDocumentation',
  /** Runs a scaffold generator and applies its WorkspaceEdit. Args: `[{ generator, directory, options? }]`. */
  scaffold: 'tripwire.scaffold',
} as const;

/** Code action kinds the server offers. */
export const CodeActionKinds = {
  quickFix: 'quickfix',
  fixAll: 'source.fixAll.tripwire',
  rewrite: 'refactor.rewrite.tripwire',
} as const;

/** Server → client notification carrying the server's state, for a status display. */
export const StatusNotificationMethod = 'tripwire/status';

export type ServerState = 'starting' | 'ready' | 'linting' | 'error';

export interface StatusParams {
  state: ServerState;
  /** Whether the workspace is trusted (limited mode otherwise). */
  trusted: boolean;
  /** The effective type-aware mode (always `off` when untrusted). */
  typeAware: 'off' | 'onSave' | 'onType';
  /** Duration of the last lint in milliseconds. */
  lastLintMs?: number;
  /** URI of the last linted document. */
  lastLintUri?: string;
  /** When the last lint finished (ISO 8601). */
  lastLintAt?: string;
  /** Whether the last lint had type information. */
  lastLintTyped?: boolean;
  /** Human-readable detail (the latest error, or why something was skipped). */
  message?: string;
}
