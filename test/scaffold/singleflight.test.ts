import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { SingleFlight } from '../../scaffold/src/canonical/singleflight.js';
import { collectUnhandledRejections, deferred, flush, track } from './helpers.js';

describe('SingleFlight: sharing', () => {
  it('runs fn once for concurrent calls of one key; everyone gets the value with shared === true', async () => {
    const flights = new SingleFlight<string, number>();
    const gate = deferred<number>();
    let runs = 0;
    const fn = (): Promise<number> => {
      runs += 1;
      return gate.promise;
    };
    const calls = [flights.do('k', fn), flights.do('k', fn), flights.do('k', fn)];
    gate.resolve(42);
    const results = await Promise.all(calls);
    assert.equal(runs, 1);
    assert.deepEqual(results, [
      { value: 42, shared: true },
      { value: 42, shared: true },
      { value: 42, shared: true },
    ]);
  });

  it('reports shared === false to a lone caller', async () => {
    const flights = new SingleFlight<string, string>();
    assert.deepEqual(await flights.do('k', async () => 'v'), { value: 'v', shared: false });
  });

  it('keeps different keys apart', async () => {
    const flights = new SingleFlight<number, number>();
    let runs = 0;
    const results = await Promise.all([1, 2, 1].map((key) => flights.do(key, async () => ((runs += 1), key * 2))));
    assert.equal(runs, 2);
    assert.deepEqual(
      results.map((result) => result.value),
      [2, 4, 2],
    );
  });

  it('caches nothing: a call after the flight settled runs fn again', async () => {
    const flights = new SingleFlight<string, number>();
    let runs = 0;
    await flights.do('k', async () => (runs += 1));
    const second = await flights.do('k', async () => (runs += 1));
    assert.equal(runs, 2);
    assert.deepEqual(second, { value: 2, shared: false });
  });

  it('shares an error with joined callers but never caches it', async () => {
    const flights = new SingleFlight<string, number>();
    const gate = deferred<number>();
    const failure = new Error('down');
    const first = flights.do('k', () => gate.promise);
    const joined = flights.do('k', () => Promise.resolve(0));
    gate.reject(failure);
    await assert.rejects(first, (error) => error === failure);
    await assert.rejects(joined, (error) => error === failure);
    assert.deepEqual(await flights.do('k', async () => 7), { value: 7, shared: false }, 'the next call retries');
  });

  it('rejects every waiter on a synchronous throw in fn', async () => {
    const flights = new SingleFlight<string, number>();
    const calls = [
      flights.do('k', () => {
        throw new Error('sync');
      }),
    ];
    calls.push(flights.do('k', () => 1));
    for (const call of calls) await assert.rejects(call, /sync/);
    assert.equal(flights.size, 0);
  });
});

describe('SingleFlight: forget', () => {
  it('mid-flight: the next caller starts fresh, earlier waiters get the old result', async () => {
    const flights = new SingleFlight<string, string>();
    const oldRun = deferred<string>();
    const newRun = deferred<string>();
    const early = flights.do('k', () => oldRun.promise);
    flights.forget('k');
    assert.equal(flights.has('k'), false);
    const late = flights.do('k', () => newRun.promise);
    oldRun.resolve('old');
    newRun.resolve('new');
    assert.deepEqual(await early, { value: 'old', shared: false });
    assert.deepEqual(await late, { value: 'new', shared: false });
  });

  it('the old run finishing does not evict the new entry (go#31420)', async () => {
    const flights = new SingleFlight<string, string>();
    const oldRun = deferred<string>();
    const newRun = deferred<string>();
    const early = flights.do('k', () => oldRun.promise);
    flights.forget('k');
    const late = flights.do('k', () => newRun.promise);
    oldRun.resolve('old');
    await early;
    assert.equal(flights.has('k'), true, 'the new flight is still registered');
    let thirdRan = false;
    const joiner = flights.do('k', async () => {
      thirdRan = true;
      return 'third';
    });
    newRun.resolve('new');
    assert.deepEqual(await joiner, { value: 'new', shared: true });
    assert.deepEqual(await late, { value: 'new', shared: true });
    assert.equal(thirdRan, false, 'the joiner joined the new flight instead of starting a third');
    assert.equal(flights.size, 0);
  });

  it('forget of an unknown key is harmless', () => {
    const flights = new SingleFlight<string, number>();
    flights.forget('nothing');
    assert.equal(flights.size, 0);
  });
});

describe('SingleFlight: cancellation', () => {
  it("a caller's own signal rejects only that caller, with its reason", async () => {
    const flights = new SingleFlight<string, string>();
    const gate = deferred<string>();
    let sharedSignal: AbortSignal | undefined;
    const leaver = new AbortController();
    const stays = flights.do('k', (signal) => {
      sharedSignal = signal;
      return gate.promise;
    });
    const leaves = flights.do('k', () => gate.promise, { signal: leaver.signal });
    const reason = new Error('caller gave up');
    leaver.abort(reason);
    await assert.rejects(leaves, (error) => error === reason);
    assert.equal(sharedSignal?.aborted, false, 'the shared work goes on for the remaining waiter');
    gate.resolve('done');
    assert.deepEqual(await stays, { value: 'done', shared: true });
  });

  it('rejects at once with the reason when the caller signal is already aborted, without running fn', async () => {
    const flights = new SingleFlight<string, string>();
    let ran = false;
    await assert.rejects(
      flights.do('k', async () => ((ran = true), 'x'), { signal: AbortSignal.abort(new Error('pre')) }),
      /pre/,
    );
    assert.equal(ran, false);
    assert.equal(flights.size, 0);
  });

  it("aborts the shared fn's signal only when every waiter has left", async () => {
    const flights = new SingleFlight<string, string>();
    const gate = deferred<string>();
    let sharedSignal: AbortSignal | undefined;
    const first = new AbortController();
    const second = new AbortController();
    const a = flights.do(
      'k',
      (signal) => {
        sharedSignal = signal;
        return gate.promise;
      },
      { signal: first.signal },
    );
    const b = flights.do('k', () => gate.promise, { signal: second.signal });
    first.abort(new Error('first left'));
    await assert.rejects(a, /first left/);
    assert.equal(sharedSignal?.aborted, false);
    second.abort(new Error('second left'));
    await assert.rejects(b, /second left/);
    assert.equal(sharedSignal?.aborted, true);
    assert.equal(flights.has('k'), false, 'the abandoned flight cannot be joined');
  });

  it('after every waiter left, a new caller starts a fresh run and never joins the aborted one (tailscale#18919, janos#4)', async () => {
    const flights = new SingleFlight<string, string>();
    const abandoned = deferred<string>();
    const caller = new AbortController();
    let abandonedSignal: AbortSignal | undefined;
    const left = flights.do(
      'k',
      (signal) => {
        abandonedSignal = signal;
        return abandoned.promise;
      },
      { signal: caller.signal },
    );
    caller.abort(new Error('left'));
    await assert.rejects(left);
    let freshSignal: AbortSignal | undefined;
    const fresh = flights.do('k', async (signal) => {
      freshSignal = signal;
      return 'fresh';
    });
    assert.ok(freshSignal !== undefined && freshSignal !== abandonedSignal);
    assert.equal(freshSignal.aborted, false, "the fresh run's signal is not the aborted one");
    abandoned.resolve('stale');
    assert.deepEqual(await fresh, { value: 'fresh', shared: false });
  });

  it('a joiner after one waiter left joins the live flight with a live signal (tailscale#18919)', async () => {
    const flights = new SingleFlight<string, string>();
    const gate = deferred<string>();
    let sharedSignal: AbortSignal | undefined;
    let runs = 0;
    const leaver = new AbortController();
    const a = flights.do(
      'k',
      (signal) => {
        runs += 1;
        sharedSignal = signal;
        return gate.promise;
      },
      { signal: leaver.signal },
    );
    const b = flights.do('k', () => gate.promise);
    leaver.abort(new Error('bye'));
    await assert.rejects(a);
    const c = flights.do('k', () => gate.promise);
    assert.equal(sharedSignal?.aborted, false);
    gate.resolve('v');
    assert.deepEqual(await b, { value: 'v', shared: true });
    assert.deepEqual(await c, { value: 'v', shared: true });
    assert.equal(runs, 1);
  });

  it('leaves no unhandled rejection when every waiter left and the work then fails', async () => {
    const unhandled = await collectUnhandledRejections(async () => {
      const flights = new SingleFlight<string, string>();
      const gate = deferred<string>();
      const caller = new AbortController();
      const call = flights.do('k', () => gate.promise, { signal: caller.signal });
      caller.abort(new Error('left'));
      await assert.rejects(call);
      gate.reject(new Error('work failed later'));
    });
    assert.deepEqual(unhandled, []);
  });

  it("removes the caller's abort listener once the flight settles", async () => {
    const flights = new SingleFlight<string, string>();
    const longLived = new AbortController();
    for (let i = 0; i < 1000; i += 1) await flights.do(`k${i % 3}`, async () => 'v', { signal: longLived.signal });
    assert.equal(getEventListeners(longLived.signal, 'abort').length, 0);
  });
});

describe('SingleFlight: has and size', () => {
  it('report in-flight keys and drop to 0 when flights settle', async () => {
    const flights = new SingleFlight<string, number>();
    const a = deferred<number>();
    const b = deferred<number>();
    const calls = [
      flights.do('a', () => a.promise),
      flights.do('b', () => b.promise),
      flights.do('a', () => a.promise),
    ];
    assert.equal(flights.size, 2);
    assert.equal(flights.has('a'), true);
    assert.equal(flights.has('c'), false);
    a.resolve(1);
    await calls[0];
    assert.equal(flights.has('a'), false);
    assert.equal(flights.size, 1);
    b.reject(new Error('b failed'));
    await assert.rejects(calls[1] ?? Promise.resolve());
    assert.equal(flights.size, 0);
  });

  it('drops the key before the waiters are resumed, like Go', async () => {
    const flights = new SingleFlight<string, number>();
    const gate = deferred<number>();
    const seenInside = track(flights.do('k', () => gate.promise).then(() => flights.has('k')));
    gate.resolve(1);
    await flush();
    assert.equal(seenInside.value, false);
  });
});
