/**
 * The resilience modules (retry, circuit breaker, rate limiter, timeout) as they sit in
 * `scaffold/src/canonical/`: their own specs (the tests every generated copy ships with) run here
 * too, followed by edge cases that do not belong in a user's test file. Time is node:test's mock
 * clock; nothing sleeps.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it, mock } from 'node:test';
import '../../scaffold/src/canonical/retry.spec.js';
import '../../scaffold/src/canonical/circuit-breaker.spec.js';
import '../../scaffold/src/canonical/rate-limiter.spec.js';
import '../../scaffold/src/canonical/timeout.spec.js';
import { BreakerOpenError, CircuitBreaker } from '../../scaffold/src/canonical/circuit-breaker.js';
import { RateLimiter } from '../../scaffold/src/canonical/rate-limiter.js';
import { retry } from '../../scaffold/src/canonical/retry.js';
import { TimeoutError, withTimeout } from '../../scaffold/src/canonical/timeout.js';
import { collectUnhandledRejections, deferred, flush, track } from './helpers.js';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import tripwire from '../../rules/src/index.js';
import { RESILIENCE_MODULES, renderModule, renderTests } from '../../scaffold/src/concurrency.js';

const MAX_TIMER_MS = 2_147_483_647;

/** Runs `body` with node:test's mock setTimeout (and Date), restoring the real ones afterwards. */
async function withMockTimers(body: () => Promise<void>): Promise<void> {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  try {
    await body();
  } finally {
    mock.timers.reset();
  }
}

/** Moves the mock clock forward, letting promise chains run before and after. */
async function tick(ms: number): Promise<void> {
  await flush();
  mock.timers.tick(ms);
  await flush();
}

describe('retry: edges', () => {
  it('waits longer than one timer allows by chaining timers', () =>
    withMockTimers(async () => {
      let attempts = 0;
      const fn = async (): Promise<string> => {
        attempts += 1;
        if (attempts === 1) throw new Error('once');
        return 'late';
      };
      const result = track(retry(fn, { minDelayMs: 3_000_000_000, maxDelayMs: 3_000_000_000, jitter: 'none' }));
      await tick(MAX_TIMER_MS);
      assert.equal(
        attempts,
        1,
        'a single 2^31-1 ms timer would have fired already (Node clamps longer delays to 1 ms)',
      );
      await tick(3_000_000_000 - MAX_TIMER_MS);
      assert.equal(attempts, 2);
      assert.equal(result.value, 'late');
    }));

  it('rejects with the error a throwing shouldRetry or onRetry raised, and arms nothing', () =>
    withMockTimers(async () => {
      const predicateBug = new Error('shouldRetry bug');
      const hookBug = new Error('onRetry bug');
      const controller = new AbortController();
      let attempts = 0;
      const fail = async (): Promise<never> => {
        attempts += 1;
        throw new Error('down');
      };
      const first = track(
        retry(fail, {
          signal: controller.signal,
          shouldRetry: () => {
            throw predicateBug;
          },
        }),
      );
      const second = track(
        retry(fail, {
          signal: controller.signal,
          onRetry: () => {
            throw hookBug;
          },
        }),
      );
      await tick(60_000);
      assert.equal(first.error, predicateBug);
      assert.equal(second.error, hookBug);
      assert.equal(attempts, 2);
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    }));

  it('an attempt that settles after an abort changes nothing and leaves no unhandled rejection', async () => {
    const gate = deferred<string>();
    const controller = new AbortController();
    const reason = new Error('stop');
    const unhandled = await collectUnhandledRejections(async () => {
      const result = track(retry(() => gate.promise, { signal: controller.signal }));
      controller.abort(reason);
      await flush();
      gate.reject(new Error('attempt failed after the abort'));
      await flush();
      assert.equal(result.error, reason);
    });
    assert.deepEqual(unhandled, []);
  });

  it('rejects with the DOMException reason of a plain abort()', async () => {
    const controller = new AbortController();
    const result = track(retry(() => new Promise<never>(() => undefined), { signal: controller.signal }));
    controller.abort();
    await flush();
    assert.ok(result.error instanceof DOMException);
    assert.equal(result.error.name, 'AbortError');
  });

  it('keeps a 0 ms delay at 0 however many retries have passed (no NaN from 0 × Infinity)', () =>
    withMockTimers(async () => {
      const delays: number[] = [];
      let attempts = 0;
      const result = track(
        retry(
          async () => {
            attempts += 1;
            if (attempts <= 1_100) throw new Error('not yet');
            return 'done';
          },
          { retries: Infinity, minDelayMs: 0, jitter: 'none', onRetry: ({ delayMs }) => delays.push(delayMs) },
        ),
      );
      for (let step = 0; step < 1_200 && !result.settled; step += 1) await tick(0);
      assert.equal(result.value, 'done');
      assert.ok(delays.every((delay) => delay === 0));
    }));

  it('retries forever with retries: Infinity until fn succeeds', () =>
    withMockTimers(async () => {
      let attempts = 0;
      const result = track(
        retry(
          async () => {
            attempts += 1;
            if (attempts < 50) throw new Error('not yet');
            return attempts;
          },
          { retries: Infinity, minDelayMs: 1, maxDelayMs: 1, jitter: 'none' },
        ),
      );
      for (let step = 0; step < 60 && !result.settled; step += 1) await tick(1);
      assert.equal(result.value, 50);
    }));
});

describe('CircuitBreaker: edges', () => {
  it('refuses a call while the trial slots are taken with retryAfterMs 1, and counts a throwing isFailure as a failure', async () => {
    let time = 0;
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      resetTimeoutMs: 0,
      now: () => time,
      isFailure: () => {
        throw new Error('filter bug');
      },
    });
    await breaker.execute(() => Promise.reject(new Error('down'))).catch(() => undefined);
    assert.equal(breaker.state, 'half-open', 'resetTimeoutMs 0: trials at once');
    const trial = deferred<string>();
    const running = breaker.execute(() => trial.promise);
    const refused = track(breaker.execute(async () => 'second'));
    await flush();
    assert.ok(refused.error instanceof BreakerOpenError);
    assert.equal(refused.error.retryAfterMs, 1);
    trial.reject(new Error('still down'));
    await assert.rejects(running, /still down/);
    time += 1;
    assert.equal(breaker.state, 'half-open');
  });

  it('accepts a non-promise result and keeps the value', async () => {
    const breaker = new CircuitBreaker();
    // A JavaScript caller may hand over a synchronous function; the result is still a promise.
    const syncFn = (() => 42) as unknown as () => Promise<number>;
    assert.equal(await breaker.execute(syncFn), 42);
  });

  it('rejects invalid options with a RangeError', () => {
    assert.throws(() => new CircuitBreaker({ failureThreshold: Number.NaN }), RangeError);
    assert.throws(() => new CircuitBreaker({ halfOpenMaxCalls: 0 }), RangeError);
    assert.throws(() => new CircuitBreaker({ resetTimeoutMs: Number.NaN }), RangeError);
  });
});

describe('RateLimiter: edges', () => {
  it('serves every waiter whose tokens arrived in one refill, in order', () =>
    withMockTimers(async () => {
      const limiter = new RateLimiter({ rate: 10, intervalMs: 1_000, now: () => Date.now() });
      assert.equal(limiter.tryTake(10), true);
      const order: number[] = [];
      const waits = [2, 3, 1].map((tokens) => limiter.take(tokens).then(() => order.push(tokens)));
      await tick(600);
      await Promise.all(waits);
      assert.deepEqual(order, [2, 3, 1]);
      assert.equal(limiter.available, 0);
    }));

  it('handles rates that do not divide the interval (3 per second)', () =>
    withMockTimers(async () => {
      const limiter = new RateLimiter({ rate: 3, now: () => Date.now() });
      assert.equal(limiter.tryTake(3), true);
      const taken = track(limiter.take());
      await tick(333);
      assert.equal(taken.settled, false);
      await tick(1);
      assert.equal(taken.settled, true);
    }));

  it('keeps a fractional burst and never adds tokens when the clock goes backwards', () => {
    let time = 1_000;
    const limiter = new RateLimiter({ rate: 1, burst: 2.5, now: () => time });
    assert.equal(limiter.available, 2);
    assert.equal(limiter.tryTake(2), true);
    time = 0;
    assert.equal(limiter.available, 0);
    time = 1_000;
    assert.equal(limiter.available, 1);
  });

  it('rejects non-finite options', () => {
    assert.throws(() => new RateLimiter({ rate: Infinity }), RangeError);
    assert.throws(() => new RateLimiter({ rate: Number.NaN }), RangeError);
    assert.throws(() => new RateLimiter({ rate: 1, intervalMs: Infinity }), RangeError);
  });
});

describe('withTimeout: edges', () => {
  it('chains timers for deadlines longer than one timer allows', () =>
    withMockTimers(async () => {
      const result = track(withTimeout(() => new Promise<never>(() => undefined), 3_000_000_000));
      await tick(MAX_TIMER_MS);
      assert.equal(result.settled, false);
      await tick(3_000_000_000 - MAX_TIMER_MS);
      assert.ok(result.error instanceof TimeoutError);
      assert.match(result.error.message, /3000000000 ms/);
    }));

  it('leaves no unhandled rejection when fn rejects after the deadline', () =>
    withMockTimers(async () => {
      const late = deferred<string>();
      const unhandled = await collectUnhandledRejections(async () => {
        const result = track(withTimeout(() => late.promise, 10));
        await tick(10);
        assert.ok(result.error instanceof TimeoutError);
        late.reject(new Error('too late'));
      });
      assert.deepEqual(unhandled, []);
    }));

  it('TimeoutError is an Error with a default message', () => {
    const error = new TimeoutError();
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'TimeoutError');
    assert.equal(typeof error.message, 'string');
  });
});

describe("generated resilience modules under Tripwire's recommended config", () => {
  it('every module and its tests, TypeScript and JavaScript, ES modules and CommonJS, has no finding', () => {
    const linter = new Linter({ cwd: '/project' });
    const recommended = tripwire.configs.recommended as Linter.Config;
    const config: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      recommended,
    ];
    const styles = [
      { language: 'ts', moduleKind: 'esm' },
      { language: 'js', moduleKind: 'esm' },
      { language: 'js', moduleKind: 'cjs' },
    ] as const;
    const findings: string[] = [];
    let linted = 0;
    for (const style of styles) {
      const full = {
        ...style,
        indent: '  ',
        quote: "'",
        semicolons: true,
        testRunner: 'node',
        verbatimCommonJs: false,
      } as const;
      for (const module of RESILIENCE_MODULES) {
        for (const file of [renderModule(module, full), renderTests(module, full)]) {
          const sourceType = style.moduleKind === 'cjs' ? 'commonjs' : 'module';
          const messages = linter.verify(
            file.content,
            [...config, { files: ['**/*.js'], languageOptions: { sourceType, ecmaVersion: 2022 } }],
            { filename: `/project/${file.fileName}` },
          );
          linted += 1;
          for (const message of messages)
            findings.push(
              `${style.language}/${style.moduleKind} ${file.fileName}:${String(message.line)} ${message.ruleId ?? 'parse'}: ${message.message}`,
            );
        }
      }
    }
    assert.equal(linted, 24);
    assert.deepEqual(findings, []);
  });
});

describe('generated resilience tests for vitest and jest', () => {
  it('import describe/it from the project runner and nothing else from node:test', () => {
    for (const module of RESILIENCE_MODULES) {
      const vitest = renderTests(module, {
        language: 'ts',
        moduleKind: 'esm',
        indent: '  ',
        quote: "'",
        semicolons: true,
        testRunner: 'vitest',
        verbatimCommonJs: false,
      });
      assert.match(vitest.content, /^import \{ describe, it \} from 'vitest';$/m, module);
      assert.doesNotMatch(vitest.content, /node:test/, module);
      const jest = renderTests(module, {
        language: 'js',
        moduleKind: 'cjs',
        indent: '  ',
        quote: "'",
        semicolons: true,
        testRunner: 'jest',
        verbatimCommonJs: false,
      });
      assert.match(jest.content, /^const \{ describe, it \} = require\('@jest\/globals'\);$/m, module);
      assert.doesNotMatch(jest.content, /node:test/, module);
    }
  });
});
