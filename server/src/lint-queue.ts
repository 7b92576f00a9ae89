/**
 * When documents are linted. Each document has its own debounce timer, so edits to one file never
 * push back another file's lint. Due documents wait in a queue that is drained one lint at a time
 * (the lint worker runs one lint at a time), so the next document is chosen only when the worker is
 * free, with the edits that arrived meanwhile taken into account. Order:
 * 1. foreground (opened, edited, saved documents); documents known to be slow go last, and even
 *    wait briefly for a fast document whose debounce ends within `slowYieldMs`;
 * 2. background (re-lints after a settings change, a type-information refresh, or an edit to a file
 *    other documents depend on), only when no foreground work is waiting or about to be due.
 * A document is queued at most once; its lint always reads the newest text (latest version wins).
 *
 * The queue learns which documents are slow from the lints it runs: the lint callback resolves with
 * the time the lint took, and a document stays slow until one of its lints is fast again.
 */

export type LintTrigger = 'open' | 'change' | 'save' | 'refresh';

export interface LintQueueOptions {
  /**
   * Lints one document. Resolves with the milliseconds the lint took, or undefined when the
   * document was not linted (closed, excluded, skipped), which leaves its slowness as it was.
   */
  lint(uri: string, trigger: LintTrigger): Promise<number | undefined>;
  /** A lint that took longer than this marks its document slow. */
  slowLintMs?: number;
  /** How long a slow document's lint waits for a fast document that is about to become due. */
  slowYieldMs?: number;
  /** The clock that due times are measured with. */
  now?: () => number;
}

interface PendingTimer {
  timer: NodeJS.Timeout;
  trigger: LintTrigger;
  dueAt: number;
}

export class LintQueue {
  readonly #timers = new Map<string, PendingTimer>();
  readonly #foreground = new Map<string, LintTrigger>();
  readonly #background = new Map<string, LintTrigger>();
  readonly #slow = new Set<string>();
  readonly #lint: LintQueueOptions['lint'];
  readonly #slowLintMs: number;
  readonly #slowYieldMs: number;
  readonly #now: () => number;
  #draining = false;

  constructor(options: LintQueueOptions) {
    this.#lint = options.lint;
    this.#slowLintMs = options.slowLintMs ?? 500;
    this.#slowYieldMs = options.slowYieldMs ?? 50;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Lints `uri` after `delayMs` of quiet; a later call for the same document restarts its timer. */
  schedule(uri: string, delayMs: number, trigger: LintTrigger): void {
    const previous = this.#timers.get(uri);
    if (previous) clearTimeout(previous.timer);
    // An open or a save must not be downgraded by a later keystroke's trigger before it ran.
    const downgraded = previous && (previous.trigger === 'open' || previous.trigger === 'save') && trigger === 'change';
    const effective = downgraded ? previous.trigger : trigger;
    this.#foreground.delete(uri);
    const timer = setTimeout(() => {
      this.#timers.delete(uri);
      this.#background.delete(uri);
      this.#foreground.set(uri, effective);
      this.#drain();
    }, delayMs);
    this.#timers.set(uri, { timer, trigger: effective, dueAt: this.#now() + delayMs });
  }

  /** Queues a low-priority re-lint (no debounce) unless the document already waits for one. */
  scheduleBackground(uri: string): void {
    if (this.#timers.has(uri) || this.#foreground.has(uri)) return;
    this.#background.set(uri, 'refresh');
    this.#drain();
  }

  /** Drops the document's pending lint and what the queue learned about it (the document closed). */
  forget(uri: string): void {
    const pending = this.#timers.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.#timers.delete(uri);
    this.#foreground.delete(uri);
    this.#background.delete(uri);
    this.#slow.delete(uri);
  }

  /** Whether the document's last lint took longer than the slow threshold. */
  isSlow(uri: string): boolean {
    return this.#slow.has(uri);
  }

  /** Milliseconds until the soonest debounce (of a fast document, when `fastOnly`) ends. */
  #soonestDue(fastOnly: boolean): number {
    const now = this.#now();
    let soonest = Infinity;
    for (const [uri, pending] of this.#timers) {
      if (!fastOnly || !this.#slow.has(uri)) soonest = Math.min(soonest, pending.dueAt - now);
    }
    return soonest;
  }

  /** The next document to lint, or a number of milliseconds to wait first. */
  #next(): [string, LintTrigger] | number | undefined {
    let slowCandidate: [string, LintTrigger] | undefined;
    for (const entry of this.#foreground) {
      if (!this.#slow.has(entry[0])) return entry;
      slowCandidate ??= entry;
    }
    if (slowCandidate) {
      // A slow document yields to a fast one whose debounce is about to end.
      const soonest = this.#soonestDue(true);
      if (soonest <= this.#slowYieldMs) return Math.max(1, soonest + 1);
      return slowCandidate;
    }
    if (this.#background.size === 0) return undefined;
    // Background work waits while any document's debounce is running: that lint is about to be due.
    if (this.#timers.size > 0) return Math.max(1, this.#soonestDue(false) + 1);
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
        let tookMs: number | undefined;
        try {
          tookMs = await this.#lint(uri, trigger);
        } catch {
          // the lint callback reports its own failures
        }
        if (tookMs !== undefined) {
          if (tookMs > this.#slowLintMs) this.#slow.add(uri);
          else this.#slow.delete(uri);
        }
        // Let pending messages (edits, cancellations, requests) in before the next lint.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.#draining = false;
      if (this.#foreground.size > 0 || this.#background.size > 0) this.#drain();
    }
  }
}
