/**
 * The messages between the LSP thread (lint-worker-client.ts) and the lint worker (lint-worker-main.ts).
 * Everything here crosses a `postMessage`, so it is plain data: Maps and arrays survive the structured
 * clone, functions do not, and errors are sent as {@link PlainError} (a clone would drop their class).
 */
import type { FixAllOutcome, LintOutcome, LintRequest, RuleMetaSummary } from './lint-engine.js';
import type { FileChange } from './type-info.js';

/** What the worker is started with (`workerData`), or sent in {@link WorkerConfiguration}. */
export interface LintWorkerData {
  /** Type information for type-aware lints; absent in an untrusted workspace. */
  typeInfo?: { rootDirectory: string | undefined };
  /** The configuration comes later, as the first message (a worker started before the server knew it). */
  deferred?: boolean;
}

/** LSP thread → a worker started with `deferred`: its configuration, posted before any request. */
export interface WorkerConfiguration {
  kind: 'configure';
  data: LintWorkerData;
}

export interface OpenFile {
  filePath: string;
  text: string;
}

/** LSP thread → worker. The worker answers every request with its `id`, in the order they were sent. */
export type WorkerRequest =
  | { id: number; kind: 'lint'; request: LintRequest }
  | { id: number; kind: 'fixAll'; request: LintRequest }
  | { id: number; kind: 'filesChanged'; changes: FileChange[] }
  | { id: number; kind: 'close'; filePath: string }
  | { id: number; kind: 'reset'; rootDirectory?: string }
  /** Opens documents with the editor's text in the worker's type information, building their programs. */
  | { id: number; kind: 'restore'; files: OpenFile[] };

export interface PlainError {
  name: string;
  message: string;
  stack?: string;
}

/** A lint outcome as it crosses the thread boundary: rule failures are plain errors. */
export type PostedLintOutcome = Omit<LintOutcome, 'ruleFailures'> & { ruleFailures: Map<string, PlainError> };

/** Worker → LSP thread. */
export type WorkerMessage =
  /**
   * Sent once, before any answer: every rule's documentation link and fix capabilities, and the
   * milliseconds the worker spent starting (idle time waiting for a deferred configuration excluded).
   */
  | { kind: 'ready'; ruleMeta: Record<string, RuleMetaSummary>; startupMs: number }
  | { kind: 'done'; id: number; result: PostedLintOutcome | FixAllOutcome | boolean | undefined }
  | { kind: 'failed'; id: number; error: PlainError }
  /** A message for the server's log, logged once per session under `key`. */
  | { kind: 'log'; level: 'error' | 'warn' | 'info'; key: string; message: string };

export function toPlainError(error: unknown): PlainError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function fromPlainError(plain: PlainError): Error {
  const error = new Error(plain.message);
  error.name = plain.name;
  if (plain.stack !== undefined) error.stack = plain.stack;
  return error;
}
