// The lint queue on mocked timers: debounce, triggers, fairness between slow and fast documents,
// background work, and what the queue learns about slow documents. No real time passes.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { LintQueue, type LintTrigger } from '../../server/src/lint-queue.js';

interface Call {
  uri: string;
  trigger: LintTrigger;
}

/** A queue whose lints are recorded and report `durations[uri]` (0 when unset) as their cost. */
function recordingQueue(durations: Record<string, number | undefined> = {}, lint?: (call: Call) => Promise<void>) {
  const calls: Call[] = [];
  const queue = new LintQueue({
    now: () => Date.now(),
    lint: async (uri, trigger) => {
      calls.push({ uri, trigger });
      await lint?.({ uri, trigger });
      return uri in durations ? durations[uri] : 0;
    },
  });
  return { queue, calls, lintedUris: () => calls.map((call) => call.uri) };
}

/** Lets promise continuations and immediates (the queue's yields between lints) run, without moving the clock. */
async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Moves the mocked clock by `ms`, one millisecond at a time so chained timers fire in order. */
async function advance(ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed++) {
    mock.timers.tick(1);
    await settle();
  }
}

describe('LintQueue', () => {
  // setImmediate stays real: the queue only yields to the event loop with it, and no time passes for that.
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  it('waits for the debounce, and a later edit restarts it', async () => {
    const { queue, calls } = recordingQueue();
    queue.schedule('a', 150, 'change');
    await advance(100);
    queue.schedule('a', 150, 'change');
    await advance(149);
    assert.deepEqual(calls, []);
    await advance(1);
    assert.deepEqual(calls, [{ uri: 'a', trigger: 'change' }]);
  });

  it("keeps an open's or a save's trigger when a keystroke follows before the lint", async () => {
    const { queue, calls } = recordingQueue();
    queue.schedule('opened', 0, 'open');
    queue.schedule('opened', 150, 'change');
    queue.schedule('saved', 0, 'save');
    queue.schedule('saved', 150, 'change');
    await advance(150);
    assert.deepEqual(calls, [
      { uri: 'opened', trigger: 'open' },
      { uri: 'saved', trigger: 'save' },
    ]);
  });

  it("gives each document its own debounce: typing in one never delays another's lint", async () => {
    const { queue, lintedUris } = recordingQueue();
    queue.schedule('quiet', 150, 'change');
    for (let keystroke = 0; keystroke < 10; keystroke++) {
      queue.schedule('busy', 150, 'change');
      await advance(50);
    }
    assert.deepEqual(lintedUris(), ['quiet']);
    await advance(150);
    assert.deepEqual(lintedUris(), ['quiet', 'busy']);
  });

  it('lints a document once however often it is scheduled before its turn', async () => {
    let release!: () => void;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const { queue, lintedUris } = recordingQueue({}, ({ uri }) => (uri === 'first' ? blocker : Promise.resolve()));
    queue.schedule('first', 0, 'open');
    await advance(1);
    // While "first" is being linted, "second" becomes due three times over.
    for (let index = 0; index < 3; index++) {
      queue.schedule('second', 0, 'change');
      queue.scheduleBackground('second');
      await advance(1);
    }
    release();
    await advance(5);
    assert.deepEqual(lintedUris(), ['first', 'second']);
  });

  it('learns a document is slow from its lint duration, and forgets it after a fast lint or a close', async () => {
    const durations: Record<string, number> = { doc: 900 };
    const { queue } = recordingQueue(durations);
    queue.schedule('doc', 0, 'open');
    await advance(1);
    assert.equal(queue.isSlow('doc'), true);
    durations['doc'] = 20;
    queue.schedule('doc', 0, 'change');
    await advance(1);
    assert.equal(queue.isSlow('doc'), false);
    durations['doc'] = 900;
    queue.schedule('doc', 0, 'change');
    await advance(1);
    assert.equal(queue.isSlow('doc'), true);
    queue.forget('doc');
    assert.equal(queue.isSlow('doc'), false);
  });

  it('keeps what it learned when a lint reports no duration (the document was not linted)', async () => {
    const durations: Record<string, number | undefined> = { doc: 900 };
    const { queue } = recordingQueue(durations);
    queue.schedule('doc', 0, 'open');
    await advance(1);
    durations['doc'] = undefined;
    queue.schedule('doc', 0, 'change');
    await advance(1);
    assert.equal(queue.isSlow('doc'), true);
  });

  it('lints a due fast document before a due slow one', async () => {
    const { queue, lintedUris } = recordingQueue({ slow: 900 });
    queue.schedule('slow', 0, 'open');
    await advance(1);
    assert.deepEqual(lintedUris(), ['slow']);
    queue.schedule('slow', 10, 'change');
    queue.schedule('fast', 10, 'change');
    await advance(10);
    assert.deepEqual(lintedUris(), ['slow', 'fast', 'slow']);
  });

  it('makes a slow document wait for a fast one whose debounce ends within 50 ms, not longer', async () => {
    const { queue, lintedUris } = recordingQueue({ slow: 900 });
    queue.schedule('slow', 0, 'open');
    await advance(1);
    queue.schedule('slow', 0, 'change');
    queue.schedule('soon', 40, 'change');
    await advance(39);
    assert.deepEqual(lintedUris(), ['slow'], 'the slow document waits for the one about to be due');
    await advance(2);
    assert.deepEqual(lintedUris(), ['slow', 'soon', 'slow']);

    queue.schedule('slow', 0, 'change');
    queue.schedule('later', 200, 'change');
    await advance(1);
    assert.deepEqual(lintedUris(), ['slow', 'soon', 'slow', 'slow'], 'a fast document due in 200 ms is not waited for');
  });

  it('runs background re-lints only when no foreground lint is waiting or about to be due', async () => {
    const { queue, calls } = recordingQueue();
    queue.schedule('edited', 150, 'change');
    queue.scheduleBackground('other');
    await advance(149);
    assert.deepEqual(calls, [], 'background work waits for the pending debounce');
    await advance(2);
    assert.deepEqual(calls, [
      { uri: 'edited', trigger: 'change' },
      { uri: 'other', trigger: 'refresh' },
    ]);
  });

  it('drops a background re-lint when the document gets a foreground one', async () => {
    const { queue, calls } = recordingQueue();
    queue.schedule('doc', 100, 'change');
    queue.scheduleBackground('doc');
    await advance(100);
    assert.deepEqual(calls, [{ uri: 'doc', trigger: 'change' }]);
  });

  it('never lints a document forgotten before its turn', async () => {
    const { queue, calls } = recordingQueue();
    queue.schedule('closed', 150, 'change');
    queue.scheduleBackground('closed-too');
    queue.forget('closed');
    queue.forget('closed-too');
    await advance(200);
    assert.deepEqual(calls, []);
  });

  it('keeps draining after a lint throws', async () => {
    const { queue, lintedUris } = recordingQueue({}, async ({ uri }) => {
      if (uri === 'broken') throw new Error('lint failed');
    });
    queue.schedule('broken', 0, 'open');
    queue.schedule('next', 0, 'open');
    await advance(2);
    assert.deepEqual(lintedUris(), ['broken', 'next']);
  });
});
