/** Shared helpers for the scaffold tier: deterministic sequencing without timers. */

/** A promise with its settle functions exposed, so a test decides exactly when a task finishes. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

/** Lets every pending microtask (and the promise chains they start) run: one macrotask turn. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Observes whether a promise has settled, without awaiting it. */
export function track<T>(promise: Promise<T>): {
  readonly settled: boolean;
  readonly rejected: boolean;
  readonly value: T | undefined;
  readonly error: unknown;
} {
  const state = { settled: false, rejected: false, value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      state.settled = true;
      state.value = value;
    },
    (error: unknown) => {
      state.settled = true;
      state.rejected = true;
      state.error = error;
    },
  );
  return state;
}

/** Records unhandled rejections while `body` runs (plus one macrotask turn after it). */
export async function collectUnhandledRejections(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on('unhandledRejection', listener);
  try {
    await body();
    await flush();
    await flush();
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}
