/**
 * Starts the lint worker thread before the rest of the server is loaded. Loading ESLint, the parser,
 * TypeScript and the plugin takes the worker most of a second, and so does loading the LSP thread's
 * own modules: started first, the worker loads while the LSP thread does, instead of after the client
 * says `initialized`. It waits, idle, for its configuration (whether it gets type information, and
 * for which workspace), which the first worker client sends when it adopts it
 * (lint-worker-client.ts). This module stays small: the entry imports it before anything else.
 */
import { Worker } from 'node:worker_threads';

/** What the worker is started with when its configuration is sent later (see lint-worker-main.ts). */
export const DEFERRED_CONFIGURATION = { deferred: true } as const;

interface Prestarted {
  thread: Worker;
  script: string;
  heapLimitMb: number;
  /** Set once the thread fails or ends before it was adopted. */
  gone: boolean;
  onError(): void;
  onExit(): void;
}

let prestarted: Prestarted | undefined;

/** Starts the worker now; the first {@link adoptPrestartedWorker} with the same script and heap cap takes it. */
export function prestartLintWorker(script: string | undefined, heapLimitMb: number): void {
  if (script === undefined || prestarted) return;
  let thread: Worker;
  try {
    // stdout carries the protocol on the LSP side: the worker's output must not be piped into it.
    thread = new Worker(script, {
      workerData: DEFERRED_CONFIGURATION,
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
    });
  } catch {
    // The client starts its own worker and reports what goes wrong.
    return;
  }
  thread.unref();
  const entry: Prestarted = {
    thread,
    script,
    heapLimitMb,
    gone: false,
    onError: () => (entry.gone = true),
    onExit: () => (entry.gone = true),
  };
  thread.on('error', entry.onError);
  thread.on('exit', entry.onExit);
  prestarted = entry;
}

/**
 * The prestarted worker if it was started with this script and heap cap and is still running (its
 * configuration must be the first message posted to it), else undefined; a worker that does not
 * match is ended. Either way, the prestarted worker is handed out at most once.
 */
export function adoptPrestartedWorker(script: string, heapLimitMb: number): Worker | undefined {
  const entry = prestarted;
  prestarted = undefined;
  if (!entry) return undefined;
  entry.thread.off('error', entry.onError);
  entry.thread.off('exit', entry.onExit);
  if (entry.gone || entry.script !== script || entry.heapLimitMb !== heapLimitMb) {
    if (!entry.gone) void entry.thread.terminate();
    return undefined;
  }
  return entry.thread;
}
