/**
 * When documents are linted. Each document has its own debounce timer, so edits to one file never
 * push back another file's lint. Due documents wait in a queue that is drained one lint at a time
 * (ESLint is synchronous), yielding to the event loop between lints so new edits, requests and
 * cancellations are read in between. Order:
 * 1. foreground (opened, edited, saved documents); documents known to be slow go last, and even
 *    wait briefly for a fast document whose debounce ends within 50 ms;
 * 2. background (re-lints after a settings change, a type-information refresh, or an edit to a file
 *    other documents depend on), only when no foreground work is waiting or about to be due.
 * A document is queued at most once; its lint always reads the newest text (latest version wins).
 */

/** How long a slow document's lint waits for a fast document that is about to become due. */
const SLOW_YIELD_MS = 50;

export type LintTrigger = 'open' | 'change' | 'save' | 'refresh';

export interface QueueCallbacks {
  lint(uri: string, trigger: LintTrigger): Promise<void>;
  isSlow(uri: string): boolean;
  onIdle?(): void;
}

export class LintQueue {
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; trigger: LintTrigger; dueAt: number }>();
  readonly #foreground = new Map<string, LintTrigger>();
  readonly #background = new Map<string, LintTrigger>();
  readonly #callbacks: QueueCallbacks;
  #draining = false;

  constructor(callbacks: QueueCallbacks) {
    this.#callbacks = callbacks;
  }

  /** Lints `uri` after `delayMs` of quiet; a later call for the same document restarts its timer. */
  schedule(uri: string, delayMs: number, trigger: LintTrigger): void {
    const previous = this.#timers.get(uri);
    if (previous) clearTimeout(previous.timer);
    // An open or a save must not be downgraded by a later keystroke's trigger before it ran.
    const effective = previous && (previous.trigger === 'open' || previous.trigger === 'save') && trigger === 'change' ? previous.trigger : trigger;
    this.#foreground.delete(uri);
    const timer = setTimeout(() => {
      this.#timers.delete(uri);
      this.#background.delete(uri);
      this.#foreground.set(uri, effective);
      this.#drain();
    }, delayMs);
    this.#timers.set(uri, { timer, trigger: effective, dueAt: performance.now() + delayMs });
  }

  /** Queues a low-priority re-lint (no debounce) unless the document already waits for one. */
  scheduleBackground(uri: string): void {
    if (this.#timers.has(uri) || this.#foreground.has(uri)) return;
    this.#background.set(uri, 'refresh');
    this.#drain();
  }

  cancel(uri: string): void {
    const pending = this.#timers.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.#timers.delete(uri);
    this.#foreground.delete(uri);
    this.#background.delete(uri);
  }

  get idle(): boolean {
    return !this.#draining && this.#timers.size === 0 && this.#foreground.size === 0 && this.#background.size === 0;
  }

  /** The next document to lint, or a number of milliseconds to wait first. */
  #next(): [string, LintTrigger] | number | undefined {
    let slowCandidate: [string, LintTrigger] | undefined;
    for (const entry of this.#foreground) {
      if (!this.#callbacks.isSlow(entry[0])) return entry;
      slowCandidate ??= entry;
    }
    if (slowCandidate) {
      // A slow document yields to a fast one whose debounce is about to end.
      const now = performance.now();
      let soonest = Infinity;
      for (const [uri, pending] of this.#timers) if (!this.#callbacks.isSlow(uri)) soonest = Math.min(soonest, pending.dueAt - now);
      if (soonest <= SLOW_YIELD_MS) return Math.max(1, soonest + 1);
      return slowCandidate;
    }
    if (this.#background.size === 0) return undefined;
    // Background work waits while any document's debounce is running: that lint is about to be due.
    if (this.#timers.size > 0) {
      const now = performance.now();
      let soonest = Infinity;
      for (const pending of this.#timers.values()) soonest = Math.min(soonest, pending.dueAt - now);
      return Math.max(1, soonest + 1);
    }
    for (const entry of this.#background) return entry;
    return undefined;
  }

  #drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    setImmediate(() => void this.#run());
  }

  async #run(): Promise<void> {
    try {
      for (;;) {
        const next = this.#next();
        if (next === undefined) break;
        if (typeof next === 'number') {
          await new Promise<void>((resolve) => setTimeout(resolve, next));
          continue;
        }
        const [uri, trigger] = next;
        this.#foreground.delete(uri);
        this.#background.delete(uri);
        try {
          await this.#callbacks.lint(uri, trigger);
        } catch {
          // the lint callback reports its own failures
        }
        // Let pending messages (edits, cancellations, requests) in before the next lint.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.#draining = false;
      if (this.#foreground.size > 0 || this.#background.size > 0) this.#drain();
      else this.#callbacks.onIdle?.();
    }
  }
}
