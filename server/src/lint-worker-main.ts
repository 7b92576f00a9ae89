/**
 * The lint worker: the thread that owns the lint engine and its type information. It answers the LSP
 * thread's requests one at a time, in the order they arrive (ESLint is synchronous), so the LSP thread
 * stays free for code actions, hovers, status and cancellation while a lint runs. A rule that throws
 * is isolated per rule by the engine (rule-guard.ts); anything that ends this thread (an exception
 * outside ESLint, `process.exit`, running out of memory) is seen by the client, which starts a new one.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { LintEngine, type ExtraRules, type LintOutcome, type RuleMetaSummary } from './lint-engine.js';
import {
  toPlainError,
  type LintWorkerData,
  type PlainError,
  type PostedLintOutcome,
  type WorkerConfiguration,
  type WorkerMessage,
  type WorkerRequest,
} from './lint-worker-protocol.js';
import { TypeInfo } from './type-info.js';

export interface LintWorkerOptions {
  /** Rules run next to the bundled plugin (the server tests' rules); they must live in the worker's bundle. */
  extraRules?: ExtraRules;
}

function ruleMetaTable(engine: LintEngine, extraRules: ExtraRules | undefined): Record<string, RuleMetaSummary> {
  const ids = engine.ruleNames.map((name) => `tripwire/${name}`);
  if (extraRules) ids.push(...Object.keys(extraRules.rules).map((name) => `${extraRules.namespace}/${name}`));
  const table: Record<string, RuleMetaSummary> = {};
  for (const id of ids) {
    const meta = engine.ruleMeta(id);
    if (meta) table[id] = meta;
  }
  return table;
}

function postable(outcome: LintOutcome): PostedLintOutcome {
  const ruleFailures = new Map<string, PlainError>();
  for (const [ruleId, error] of outcome.ruleFailures) ruleFailures.set(ruleId, toPlainError(error));
  return { ...outcome, ruleFailures };
}

/** The answer to one request (plain data), computed synchronously. */
function handle(engine: LintEngine, typeInfo: TypeInfo | undefined, message: WorkerRequest): unknown {
  switch (message.kind) {
    case 'lint':
      return postable(engine.lint(message.request));
    case 'fixAll':
      return engine.fixAll(message.request);
    case 'filesChanged':
      return typeInfo?.active === true && typeInfo.filesChanged(message.changes);
    case 'close':
      if (typeInfo?.active) typeInfo.close(message.filePath);
      return undefined;
    case 'reset':
      typeInfo?.reset(message.rootDirectory);
      return undefined;
    case 'restore':
      // Opening the files with their text brings their projects up to date, as their lints would.
      typeInfo?.openDocuments(message.files);
      return undefined;
  }
}

/**
 * Serves lint requests on this worker thread's parent port until the thread is ended. A worker
 * started with `deferred` (lint-worker-prestart.ts) has loaded its modules by now and waits for its
 * configuration, the first message.
 */
export function runLintWorker(options: LintWorkerOptions = {}): void {
  const port: MessagePort | null = parentPort;
  if (!port) throw new Error('the lint worker runs only in a worker thread');
  // performance.now() counts from the start of this thread.
  const loadedMs = performance.now();
  const data = (workerData ?? {}) as LintWorkerData;
  if (data.deferred !== true) {
    serve(port, data, options, 0);
    return;
  }
  port.once('message', (message: WorkerConfiguration) => {
    const configuredAt = performance.now();
    serve(port, message.data, options, loadedMs - configuredAt);
  });
}

/** `startupMs` plus the time from now to `ready` is what the worker spent starting. */
function serve(port: MessagePort, data: LintWorkerData, options: LintWorkerOptions, startupMs: number): void {
  const post = (message: WorkerMessage) => port.postMessage(message);
  const typeInfo = data.typeInfo ? new TypeInfo(data.typeInfo.rootDirectory) : undefined;
  if (typeInfo) {
    typeInfo.onMissingLibraries = () =>
      post({
        kind: 'log',
        level: 'error',
        key: 'ts-lib',
        message:
          "TypeScript's lib.*.d.ts files are missing next to the server (dist/typescript-lib/); type-aware rules see built-in types as `any`.",
      });
  }
  const engine = new LintEngine({ typeInfo, extraRules: options.extraRules });
  post({
    kind: 'ready',
    ruleMeta: ruleMetaTable(engine, options.extraRules),
    startupMs: startupMs + performance.now(),
  });
  port.on('message', (message: WorkerRequest) => {
    let result: unknown;
    try {
      result = handle(engine, typeInfo, message);
    } catch (error) {
      post({ kind: 'failed', id: message.id, error: toPlainError(error) });
      return;
    }
    try {
      post({ kind: 'done', id: message.id, result: result as never });
    } catch (error) {
      // A value the structured clone cannot copy (a rule put a function into its report's data).
      post({ kind: 'failed', id: message.id, error: toPlainError(error) });
    }
  });
}
