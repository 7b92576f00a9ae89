import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { ErrGroup, mapWithLimit } from '../../scaffold/src/canonical/errgroup.js';
import { collectUnhandledRejections, deferred, flush, track, type Deferred } from './helpers.js';

/** Counts running tasks and remembers the highest count seen. */
function concurrencyCounter() {
  const counter = {
    running: 0,
    peak: 0,
    started: 0,
    enter(): void {
      counter.running += 1;
      counter.started += 1;
      counter.peak = Math.max(counter.peak, counter.running);
    },
    leave(): void {
      counter.running -= 1;
    },
  };
  return counter;
}

describe('ErrGroup: first error', () => {
  it('gives every task the group signal and aborts it with reason === the first error', async () => {
    const group = new ErrGroup();
    const seen: AbortSignal[] = [];
    const gate = deferred();
    const boom = new Error('boom');
    group.go(async (signal) => {
      seen.push(signal);
      await gate.promise;
    });
    group.go(async (signal) => {
      seen.push(signal);
      throw boom;
    });
    assert.equal(seen.length, 2);
    assert.ok(seen.every((signal) => signal === group.signal));
    await flush();
    assert.equal(group.signal.aborted, true);
    assert.equal(group.signal.reason, boom);
    gate.resolve();
    await assert.rejects(group.wait(), (error) => error === boom);
  });

  it('treats a synchronous throw as a rejection that cancels the siblings', async () => {
    const group = new ErrGroup();
    const gate = deferred();
    let siblingSawAbort = false;
    group.go(async (signal) => {
      signal.addEventListener(
        'abort',
        () => {
          siblingSawAbort = true;
        },
        { once: true },
      );
      await gate.promise;
    });
    const sync = new Error('sync');
    assert.doesNotThrow(() =>
      group.go(() => {
        throw sync;
      }),
    );
    await flush();
    assert.equal(siblingSawAbort, true);
    assert.equal(group.signal.reason, sync);
    gate.resolve();
    await assert.rejects(group.wait(), (error) => error === sync);
  });

  it('rejects wait() with the first error, not a later one', async () => {
    const group = new ErrGroup();
    const first = deferred();
    const second = deferred();
    group.go(() => first.promise);
    group.go(() => second.promise);
    const waited = group.wait();
    first.reject(new Error('first'));
    await flush();
    second.reject(new Error('second'));
    await assert.rejects(waited, /first/);
  });

  it('settles wait() only after every started task settled, even after the first error', async () => {
    const group = new ErrGroup();
    const slow = deferred();
    group.go(() => slow.promise);
    group.go(() => Promise.reject(new Error('fast failure')));
    const waited = track(group.wait());
    await flush();
    assert.equal(group.signal.aborted, true);
    assert.equal(waited.settled, false, 'a started task is still running');
    slow.resolve();
    await flush();
    assert.equal(waited.settled, true);
    assert.equal(waited.rejected, true);
  });

  it('starts no queued task after the first error, and go() drops new tasks', async () => {
    const group = new ErrGroup({ limit: 1 });
    const running = deferred();
    let queuedRan = false;
    let lateRan = false;
    group.go(() => running.promise);
    group.go(() => {
      queuedRan = true;
    });
    running.reject(new Error('fail'));
    await flush();
    group.go(() => {
      lateRan = true;
    });
    await assert.rejects(group.wait(), /fail/);
    assert.equal(queuedRan, false);
    assert.equal(lateRan, false);
  });

  it('resolves wait() when every task succeeds, and wait() with no tasks resolves at once', async () => {
    const group = new ErrGroup();
    const results: number[] = [];
    for (const n of [1, 2, 3]) group.go(async () => void results.push(n));
    await group.wait();
    assert.deepEqual(results.sort(), [1, 2, 3]);
    assert.equal(group.signal.aborted, false);
    await new ErrGroup().wait();
  });

  it('returns the same promise from repeated wait() calls', () => {
    const group = new ErrGroup();
    assert.equal(group.wait(), group.wait());
  });

  it('lets a running task add more tasks before wait() settles', async () => {
    const group = new ErrGroup();
    let childRan = false;
    group.go(async () => {
      await flush();
      group.go(() => {
        childRan = true;
      });
    });
    await group.wait();
    assert.equal(childRan, true);
  });

  it('leaves no unhandled rejection when a task fails and wait() is never called', async () => {
    const unhandled = await collectUnhandledRejections(async () => {
      const group = new ErrGroup();
      group.go(() => Promise.reject(new Error('ignored')));
      group.go(() => {
        throw new Error('ignored too');
      });
    });
    assert.deepEqual(unhandled, []);
  });
});

describe('ErrGroup: parent signal', () => {
  it('aborts the group and rejects wait() with the parent reason when the parent aborts first', async () => {
    const parent = new AbortController();
    const group = new ErrGroup({ signal: parent.signal });
    const task = deferred();
    let taskSignal: AbortSignal | undefined;
    group.go((signal) => {
      taskSignal = signal;
      return task.promise;
    });
    const reason = new Error('shutdown');
    parent.abort(reason);
    assert.equal(taskSignal?.aborted, true);
    assert.equal(group.signal.reason, reason);
    const waited = track(group.wait());
    await flush();
    assert.equal(waited.settled, false, 'still waits for the running task');
    task.resolve();
    await assert.rejects(group.wait(), (error) => error === reason);
  });

  it('fails at once when the parent is already aborted, and runs nothing', async () => {
    const parent = AbortSignal.abort(new Error('already'));
    const group = new ErrGroup({ signal: parent });
    let ran = false;
    group.go(() => {
      ran = true;
    });
    assert.equal(
      group.tryGo(() => undefined),
      false,
    );
    await assert.rejects(group.wait(), /already/);
    assert.equal(ran, false);
    assert.equal(group.signal.aborted, true);
  });

  it('removes its listener from the parent once wait() settles (success and failure)', async () => {
    const parent = new AbortController();
    const ok = new ErrGroup({ signal: parent.signal });
    const failing = new ErrGroup({ signal: parent.signal });
    assert.equal(getEventListeners(parent.signal, 'abort').length, 2);
    ok.go(async () => undefined);
    failing.go(async () => {
      throw new Error('x');
    });
    await ok.wait();
    await assert.rejects(failing.wait());
    assert.equal(getEventListeners(parent.signal, 'abort').length, 0);
  });

  it('does not accumulate listeners: 100,000 groups on one long-lived parent', async () => {
    const parent = new AbortController();
    let peakListeners = 0;
    for (let round = 0; round < 100; round += 1) {
      const waits: Promise<void>[] = [];
      for (let i = 0; i < 1000; i += 1) {
        const group = new ErrGroup({ signal: parent.signal });
        group.go(() => undefined);
        waits.push(group.wait());
      }
      peakListeners = Math.max(peakListeners, getEventListeners(parent.signal, 'abort').length);
      await Promise.all(waits);
      assert.equal(getEventListeners(parent.signal, 'abort').length, 0, `round ${round}`);
    }
    assert.ok(peakListeners <= 1000, `at most one listener per live group (saw ${peakListeners})`);
    assert.equal(parent.signal.aborted, false);
  });
});

describe('ErrGroup: reuse', () => {
  it('throws from go() and tryGo() after wait() settled', async () => {
    const group = new ErrGroup();
    group.go(() => undefined);
    await group.wait();
    assert.throws(() => group.go(() => undefined), /after wait\(\) settled/);
    assert.throws(() => group.tryGo(() => undefined), /after wait\(\) settled/);
  });

  it('throws from go() after a failed wait() settled too', async () => {
    const group = new ErrGroup();
    group.go(() => Promise.reject(new Error('x')));
    await assert.rejects(group.wait());
    assert.throws(() => group.go(() => undefined), /after wait\(\) settled/);
  });
});

describe('ErrGroup: limit', () => {
  it('never exceeds the limit (instrumented counter)', async () => {
    const group = new ErrGroup({ limit: 3 });
    const counter = concurrencyCounter();
    const gates: Deferred<void>[] = [];
    for (let i = 0; i < 20; i += 1) {
      group.go(async () => {
        counter.enter();
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        counter.leave();
      });
    }
    const waited = track(group.wait());
    // Release tasks one at a time, in a scrambled order, checking the bound at every step.
    while (counter.started < 20 || counter.running > 0) {
      assert.ok(counter.running <= 3, `running ${counter.running}`);
      const gate = gates.shift();
      assert.ok(gate, 'a running task exists');
      gate.resolve();
      await flush();
    }
    assert.equal(counter.peak, 3);
    await flush();
    assert.equal(waited.settled, true);
  });

  it('rejects a limit of 0, negative, fractional or NaN with RangeError; accepts Infinity', () => {
    const group = new ErrGroup();
    for (const bad of [0, -1, 1.5, Number.NaN, -Infinity]) {
      assert.throws(() => group.setLimit(bad), RangeError, String(bad));
      assert.throws(() => new ErrGroup({ limit: bad }), RangeError, String(bad));
    }
    assert.doesNotThrow(() => group.setLimit(Infinity));
    assert.doesNotThrow(() => group.setLimit(1));
  });

  it('applies a changed limit to the next start while tasks run', async () => {
    const group = new ErrGroup({ limit: 1 });
    const counter = concurrencyCounter();
    const gates: Deferred<void>[] = [];
    const task = async (): Promise<void> => {
      counter.enter();
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      counter.leave();
    };
    for (let i = 0; i < 6; i += 1) group.go(task);
    assert.equal(counter.running, 1);
    group.setLimit(3);
    assert.equal(counter.running, 3, 'raising the limit starts queued tasks');
    group.setLimit(1);
    assert.equal(counter.running, 3, 'lowering it never interrupts running tasks');
    gates.shift()?.resolve();
    await flush();
    assert.equal(counter.running, 2, 'no start while at or over the new limit');
    gates.shift()?.resolve();
    await flush();
    assert.equal(counter.running, 1);
    gates.shift()?.resolve();
    await flush();
    assert.equal(counter.running, 1, 'the next queued task starts under the new limit');
    while (gates.length > 0) {
      gates.shift()?.resolve();
      await flush();
    }
    await group.wait();
    assert.equal(counter.started, 6);
  });

  it('tryGo starts only when a slot is free, and never queues', async () => {
    const group = new ErrGroup({ limit: 1 });
    const gate = deferred();
    let extraRan = false;
    assert.equal(
      group.tryGo(() => gate.promise),
      true,
    );
    assert.equal(
      group.tryGo(() => {
        extraRan = true;
      }),
      false,
    );
    gate.resolve();
    await group.wait();
    assert.equal(extraRan, false, 'a refused task was not queued');
  });

  it('tryGo returns false after the group failed', async () => {
    const group = new ErrGroup();
    group.go(() => Promise.reject(new Error('x')));
    await flush();
    assert.equal(
      group.tryGo(() => undefined),
      false,
    );
    await assert.rejects(group.wait());
  });
});

describe('mapWithLimit', () => {
  it('returns results in input order whatever the completion order', async () => {
    const gates = [deferred(), deferred(), deferred()];
    const pending = mapWithLimit([0, 1, 2], 3, async (n) => {
      await gates[n]?.promise;
      return n * 10;
    });
    gates[2]?.resolve();
    await flush();
    gates[0]?.resolve();
    await flush();
    gates[1]?.resolve();
    assert.deepEqual(await pending, [0, 10, 20]);
  });

  it('passes the index and the shared signal, and never exceeds the limit', async () => {
    const counter = concurrencyCounter();
    const indexes: number[] = [];
    const gates: Deferred<void>[] = [];
    const pending = track(
      mapWithLimit(new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g']), 2, async (item, index, signal) => {
        counter.enter();
        indexes.push(index);
        assert.equal(signal.aborted, false);
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        counter.leave();
        return item.toUpperCase();
      }),
    );
    while (!pending.settled) {
      assert.ok(counter.running <= 2);
      gates.shift()?.resolve();
      await flush();
    }
    assert.equal(counter.peak, 2);
    assert.deepEqual(indexes, [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(pending.value, ['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('pulls items lazily, only as slots free up', async () => {
    let pulled = 0;
    function* items(): Generator<number> {
      for (let i = 0; i < 5; i += 1) {
        pulled += 1;
        yield i;
      }
    }
    const gates: Deferred<void>[] = [];
    const pending = mapWithLimit(items(), 2, async (n) => {
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      return n;
    });
    assert.equal(pulled, 2);
    gates.shift()?.resolve();
    await flush();
    assert.equal(pulled, 3);
    while (gates.length > 0) {
      gates.shift()?.resolve();
      await flush();
    }
    assert.deepEqual(await pending, [0, 1, 2, 3, 4]);
  });

  it('on the first error aborts the rest, starts nothing more, and rejects only after all settled', async () => {
    const started: number[] = [];
    const slow = deferred();
    let slowSignal: AbortSignal | undefined;
    const boom = new Error('boom');
    const pending = track(
      mapWithLimit([0, 1, 2, 3, 4], 2, async (n, _index, signal) => {
        started.push(n);
        if (n === 0) {
          slowSignal = signal;
          await slow.promise;
          return n;
        }
        throw boom;
      }),
    );
    await flush();
    assert.equal(slowSignal?.aborted, true);
    assert.equal(slowSignal?.reason, boom);
    assert.equal(pending.settled, false, 'the slow call is still running');
    slow.resolve();
    await flush();
    assert.equal(pending.rejected, true);
    assert.equal(pending.error, boom);
    assert.deepEqual(started, [0, 1]);
  });

  it('counts a synchronous throw in fn as a failure', async () => {
    await assert.rejects(
      mapWithLimit([1, 2], Infinity, (n) => {
        if (n === 2) throw new Error('sync');
        return n;
      }),
      /sync/,
    );
  });

  it('rejects with the parent reason when the parent signal aborts', async () => {
    const parent = new AbortController();
    const gate = deferred();
    const pending = mapWithLimit([1, 2, 3], 1, () => gate.promise, { signal: parent.signal });
    parent.abort(new Error('stop'));
    gate.resolve();
    await assert.rejects(pending, /stop/);
    await assert.rejects(
      mapWithLimit([1], 1, () => 1, { signal: AbortSignal.abort(new Error('pre')) }),
      /pre/,
    );
  });

  it('rejects an invalid limit with RangeError, maps an empty input to []', async () => {
    await assert.rejects(
      mapWithLimit([1], 0, (n) => n),
      RangeError,
    );
    assert.deepEqual(await mapWithLimit([], 4, (n: number) => n), []);
    assert.deepEqual(await mapWithLimit([1, 2, 3], Infinity, async (n) => n + 1), [2, 3, 4]);
  });

  it('turns an iterable that throws into a rejection after running calls settle', async () => {
    function* broken(): Generator<number> {
      yield 1;
      throw new Error('iteration failed');
    }
    await assert.rejects(
      mapWithLimit(broken(), 4, async (n) => n),
      /iteration failed/,
    );
    await assert.rejects(
      mapWithLimit(broken(), Infinity, async (n) => n),
      /iteration failed/,
    );
  });
});
