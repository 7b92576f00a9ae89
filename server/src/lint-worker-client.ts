/**
 * The LSP thread's side of the lint worker (lint-worker-main.ts): sends lints, fix-alls and
 * type-information updates to the one worker thread and resolves them with its answers, so the LSP
 * thread never runs ESLint itself. The worker answers in the order requests were sent; the oldest
 * unanswered request is the one it is working on.
 *
 * - A worker that ends on its own (an exception outside ESLint, `process.exit` in a rule, out of
 *   memory) fails the request it was working on with {@link LintWorkerStopped}; the requests queued
 *   behind it go to a new worker, and the next request after that starts one.
 * - The worker's V8 heap is capped ({@link DEFAULT_HEAP_LIMIT_MB} to start). Each edit of a typed
 *   document makes a new program and checker, and without a cap V8 lets the garbage of the old ones
 *   pile up far past what is live (hundreds of MB on a large project). A worker that runs out of
 *   memory is replaced by one with twice the cap, up to {@link MAX_HEAP_LIMIT_MB}: a project that
 *   really needs more costs one failed lint, once per session.
 * - A lint whose result nobody wants any more (its document has a newer version) is stopped by
 *   restarting the worker, but only once it has run longer than a restart costs: the new worker's
 *   start-up, plus for a type-aware lint the from-scratch build of the TypeScript program it
 *   throws away. A lint that has already run that long is likely to need as long again (see
 *   server/PROTOCOL.md, "Lint worker"). The first type-aware lint of a worker, which is building the
 *   program the next lints reuse, is never stopped.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FixAllOutcome, LintOutcome, LintRequest, RuleMetaSummary } from './lint-engine.js';
import {
  fromPlainError,
  type WorkerConfiguration,
  type LintWorkerData,
  type OpenFile,
  type PostedLintOutcome,
  type WorkerMessage,
  type WorkerRequest,
} from './lint-worker-protocol.js';
import { adoptPrestartedWorker } from './lint-worker-prestart.js';
import type { FileChange } from './type-info.js';

/** Until measured, what starting a worker is assumed to cost (loading ESLint, the parser and the plugin). */
const ASSUMED_STARTUP_MS = 1000;
/** The worker's old-generation heap cap to start with, in MB (measured: about twice what a large project keeps live). */
export const DEFAULT_HEAP_LIMIT_MB = 768;
/** The cap is never raised past this. */
export const MAX_HEAP_LIMIT_MB = 8192;

/** Never stop a lint younger than this (the per-document debounce is 150 ms). */
const MIN_RESTART_AFTER_MS = 250;

/** The worker ended while working on this request. */
export class LintWorkerStopped extends Error {
  override name = 'LintWorkerStopped';
}

/** The lint was obsolete and slow: the worker was restarted to stop it. */
export class ObsoleteLintStopped extends Error {
  override name = 'ObsoleteLintStopped';
  readonly elapsedMs: number;
  constructor(message: string, elapsedMs: number) {
    super(message);
    this.elapsedMs = elapsedMs;
  }
}

/** The worker's type information, seen from the LSP thread. */
export interface RemoteTypeInfo {
  /** Whether the worker has been asked for type information since it started or was reset. */
  readonly active: boolean;
  /**
   * Opens a document with the editor's text in the worker's project service, which builds its program
   * there and then, ahead of the document's first type-aware lint.
   */
  open(filePath: string, text: string): void;
  /** The editor closed the document: the worker's project service goes back to the disk content. */
  close(filePath: string): void;
  /** Files changed on disk; resolves with whether anything the project service knows changed. */
  filesChanged(changes: readonly FileChange[]): Promise<boolean>;
  /** Drops the project service; the next type-aware lint builds a fresh one. */
  reset(rootDirectory?: string): void;
}

export type WorkerLogLevel = 'error' | 'warn' | 'info';

export interface LintWorkerClientOptions {
  /** The worker's entry (dist/lint-worker.js beside the bundled server). */
  script: string | undefined;
  /** Give the worker type information, for the workspace rooted here. */
  typeInfo?: { rootDirectory: string | undefined };
  /** Logs a message; `key` set means once per session. */
  log(level: WorkerLogLevel, message: string, key?: string): void;
  /** The worker's initial old-generation heap cap in MB ({@link DEFAULT_HEAP_LIMIT_MB} when absent). */
  heapLimitMb?: number;
  /** Documents whose editor text a worker started to replace a stopped lint must see in its type information. */
  openFiles?(): OpenFile[];
}

export interface LintOptions {
  /** Whether nobody wants this lint's result any more (checked by {@link LintWorkerClient.checkObsolete}). */
  obsolete?: () => boolean;
}

interface Job {
  message: WorkerRequest;
  label: string;
  typed: boolean;
  obsolete: (() => boolean) | undefined;
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** When the worker began working on it (undefined while it waits). */
  startedAt?: number;
}

interface RunningWorker {
  thread: Worker;
  ready: boolean;
  /** Set when the client ends the worker on purpose. */
  ending: boolean;
  lastError?: Error;
  /** Whether this worker has answered a type-aware lint (its program is built). */
  built: boolean;
}

/** The bundled worker entry beside the bundled server. */
export function defaultLintWorkerScript(): string | undefined {
  return typeof __dirname === 'string' ? path.join(__dirname, 'lint-worker.js') : undefined;
}

export class LintWorkerClient {
  readonly #options: LintWorkerClientOptions;
  /** Unanswered requests in the order they were sent (Map keeps insertion order). */
  readonly #pending = new Map<number, Job>();
  readonly #ruleMeta = new Map<string, RuleMetaSummary>();
  #worker: RunningWorker | undefined;
  #nextId = 1;
  #startupMs: number | undefined;
  #heapLimitMb: number;
  #programBuildMs: number | undefined;
  #typedSinceReset = false;
  #obsoleteTimer: NodeJS.Timeout | undefined;
  readonly typeInfo: RemoteTypeInfo | undefined;

  constructor(options: LintWorkerClientOptions) {
    this.#options = options;
    this.#heapLimitMb = options.heapLimitMb ?? DEFAULT_HEAP_LIMIT_MB;
    this.typeInfo = options.typeInfo ? this.#remoteTypeInfo() : undefined;
  }

  lint(request: LintRequest, options: LintOptions = {}): Promise<LintOutcome> {
    const label = `linting ${request.filePath}`;
    return this.#request({ id: 0, kind: 'lint', request }, label, request, options.obsolete).then((result) => {
      const posted = result as PostedLintOutcome;
      const ruleFailures = new Map<string, unknown>();
      for (const [ruleId, error] of posted.ruleFailures) ruleFailures.set(ruleId, fromPlainError(error));
      return { ...posted, ruleFailures };
    });
  }

  fixAll(request: LintRequest): Promise<FixAllOutcome> {
    const label = `fixing ${request.filePath}`;
    return this.#request({ id: 0, kind: 'fixAll', request }, label, request) as Promise<FixAllOutcome>;
  }

  /** Starts the worker now, so loading ESLint overlaps with the client opening its documents. */
  warmUp(): void {
    if (this.#worker || this.#options.script === undefined) return;
    this.#start();
  }

  /** A rule's documentation link and fix capabilities, as the worker reported them when it started. */
  ruleMeta(ruleId: string): RuleMetaSummary | undefined {
    return this.#ruleMeta.get(ruleId);
  }

  /**
   * Stops the lint the worker is working on if it is obsolete and has run longer than a restart costs;
   * if it is obsolete but younger, checks again when it reaches that age. Call it when documents change.
   */
  checkObsolete(): void {
    const running = this.#pending.values().next().value;
    if (!running?.obsolete?.()) return;
    const threshold = this.#restartAfterMs(running);
    if (threshold === undefined) return;
    const elapsed = running.startedAt === undefined ? 0 : performance.now() - running.startedAt;
    if (running.startedAt !== undefined && elapsed >= threshold) {
      this.#stopObsolete(running, elapsed);
      return;
    }
    if (this.#obsoleteTimer) clearTimeout(this.#obsoleteTimer);
    this.#obsoleteTimer = setTimeout(
      () => {
        this.#obsoleteTimer = undefined;
        this.checkObsolete();
      },
      Math.max(1, threshold - elapsed),
    );
    this.#obsoleteTimer.unref();
  }

  /** What restarting costs for this job, or undefined when it is never worth it. */
  #restartAfterMs(job: Job): number | undefined {
    if (job.message.kind !== 'lint') return undefined;
    let cost = this.#startupMs ?? ASSUMED_STARTUP_MS;
    if (job.typed) {
      // The first type-aware lint of a worker builds the program the next lints reuse incrementally.
      if (!this.#worker?.built || this.#programBuildMs === undefined) return undefined;
      cost += this.#programBuildMs;
    }
    return Math.max(MIN_RESTART_AFTER_MS, cost);
  }

  #stopObsolete(job: Job, elapsedMs: number): void {
    const ms = Math.round(elapsedMs);
    this.#options.log(
      'info',
      `Stopped an obsolete lint (${job.label}, ${ms} ms; a newer version of the document is waiting) by restarting the lint worker; ` +
        'type information is rebuilt on the next type-aware lint. This is logged once per session.',
      'obsolete-restart',
    );
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) {
      worker.ending = true;
      void worker.thread.terminate();
    }
    const waiting = [...this.#pending.values()].filter((pending) => pending !== job);
    this.#pending.clear();
    job.reject(new ObsoleteLintStopped(`stopped the obsolete lint (${job.label}) after ${ms} ms`, elapsedMs));
    const files = this.typeInfo ? (this.#options.openFiles?.() ?? []) : [];
    if (files.length > 0) {
      void this.#request({ id: 0, kind: 'restore', files }, 'restoring open documents', undefined).catch(
        () => undefined,
      );
      this.#typedSinceReset = true;
    }
    for (const pending of waiting) this.#post(pending);
  }

  #request(
    message: WorkerRequest,
    label: string,
    request: LintRequest | undefined,
    obsolete?: () => boolean,
  ): Promise<unknown> {
    const typed = request?.typeAware === true && this.typeInfo !== undefined;
    return new Promise((resolve, reject) => this.#post({ message, label, typed, obsolete, resolve, reject }));
  }

  #post(job: Job): void {
    let worker: RunningWorker;
    try {
      worker = this.#worker ?? this.#start();
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    // After #start, which begins a worker without type information.
    if (job.typed) this.#typedSinceReset = true;
    const id = this.#nextId++;
    job.message = { ...job.message, id };
    job.startedAt = this.#pending.size === 0 && worker.ready ? performance.now() : undefined;
    this.#pending.set(id, job);
    worker.thread.postMessage(job.message);
  }

  #start(): RunningWorker {
    const script = this.#options.script;
    if (script === undefined) throw new Error('the lint worker script is unknown (run the bundled server)');
    const workerData: LintWorkerData = this.#options.typeInfo ? { typeInfo: this.#options.typeInfo } : {};
    // The worker the entry started while the server loaded, told now what it serves; else a new one.
    const prestarted = adoptPrestartedWorker(script, this.#heapLimitMb);
    if (prestarted) prestarted.postMessage({ kind: 'configure', data: workerData } satisfies WorkerConfiguration);
    // stdout carries the protocol on the LSP side: the worker's output must not be piped into it.
    const thread =
      prestarted ??
      new Worker(script, {
        workerData,
        stdout: true,
        stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: this.#heapLimitMb },
      });
    const worker: RunningWorker = { thread, ready: false, ending: false, built: false };
    thread.unref();
    thread.stdout.on('data', (chunk: Buffer) =>
      this.#options.log('info', `lint worker: ${chunk.toString().trimEnd()}`),
    );
    thread.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    thread.on('message', (message: WorkerMessage) => this.#received(worker, message));
    thread.on('error', (error) => {
      worker.lastError = error;
    });
    thread.on('exit', (code) => this.#exited(worker, code));
    this.#worker = worker;
    this.#typedSinceReset = false;
    return worker;
  }

  #received(worker: RunningWorker, message: WorkerMessage): void {
    if (worker !== this.#worker) return;
    switch (message.kind) {
      case 'ready': {
        worker.ready = true;
        this.#startupMs = message.startupMs;
        for (const [ruleId, meta] of Object.entries(message.ruleMeta)) this.#ruleMeta.set(ruleId, meta);
        const first = this.#pending.values().next().value;
        if (first && first.startedAt === undefined) first.startedAt = performance.now();
        return;
      }
      case 'log':
        this.#options.log(message.level, message.message, message.key);
        return;
      case 'done':
      case 'failed': {
        const job = this.#pending.get(message.id);
        if (!job) return;
        this.#pending.delete(message.id);
        const next = this.#pending.values().next().value;
        if (next) next.startedAt = performance.now();
        if (message.kind === 'failed') {
          job.reject(fromPlainError(message.error));
          return;
        }
        // The worker's first typed lint (or the restore before it) built the program from scratch:
        // that is what a restart throws away.
        if (job.typed && job.message.kind === 'lint') {
          const outcome = message.result as PostedLintOutcome;
          if (!worker.built && outcome.typed) this.#programBuildMs = outcome.programMs;
          if (outcome.typed) worker.built = true;
        } else if (job.message.kind === 'restore' && job.startedAt !== undefined && !worker.built) {
          this.#programBuildMs = performance.now() - job.startedAt;
          worker.built = true;
        }
        job.resolve(message.result);
        return;
      }
    }
  }

  #exited(worker: RunningWorker, code: number): void {
    if (worker !== this.#worker || worker.ending) return;
    this.#worker = undefined;
    const reason = worker.lastError ? worker.lastError.message : `exit code ${code}`;
    if ((worker.lastError as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const previous = this.#heapLimitMb;
      this.#heapLimitMb = Math.min(previous * 2, MAX_HEAP_LIMIT_MB);
      this.#options.log(
        'warn',
        `The lint worker ran out of memory at its ${previous} MB heap limit; the next one gets ${this.#heapLimitMb} MB.`,
      );
    }
    const [running, ...waiting] = this.#pending.values();
    this.#pending.clear();
    const answered = running && (running.message.kind === 'lint' || running.message.kind === 'fixAll');
    if (!answered) {
      this.#options.log(
        'error',
        `The lint worker stopped (${reason}); a new one serves the next lint. This is logged once per session.`,
        `lint-worker-stopped:${reason}`,
      );
    }
    running?.reject(new LintWorkerStopped(`the lint worker stopped (${reason}) while ${running.label}`));
    // The requests queued behind the one that failed go to a new worker.
    for (const job of waiting) this.#post(job);
  }

  #remoteTypeInfo(): RemoteTypeInfo {
    const fireAndForget = (message: WorkerRequest, label: string) =>
      void this.#request(message, label, undefined).catch(() => undefined);
    const isActive = () => this.#typedSinceReset;
    return {
      get active() {
        return isActive();
      },
      open: (filePath, text) => {
        fireAndForget({ id: 0, kind: 'restore', files: [{ filePath, text }] }, `opening ${filePath}`);
        this.#typedSinceReset = true;
      },
      close: (filePath) => {
        if (this.#worker) fireAndForget({ id: 0, kind: 'close', filePath }, `closing ${filePath}`);
      },
      filesChanged: (changes) => {
        if (!this.#worker) return Promise.resolve(false);
        return this.#request(
          { id: 0, kind: 'filesChanged', changes: [...changes] },
          'refreshing type information',
          undefined,
        ).then(
          (changed) => changed === true,
          (error: unknown) => {
            // A new worker builds its type information from the disk as it is now.
            if (error instanceof LintWorkerStopped) return false;
            throw error;
          },
        );
      },
      reset: (rootDirectory) => {
        this.#typedSinceReset = false;
        if (this.#worker) fireAndForget({ id: 0, kind: 'reset', rootDirectory }, 'resetting type information');
      },
    };
  }
}
