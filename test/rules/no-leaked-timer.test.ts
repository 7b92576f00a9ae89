import path from 'node:path';
import rule from '../../rules/src/rules/no-leaked-timer.js';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

const ruleTester = createRuleTester();
const javaScriptRuleTester = createJavaScriptRuleTester();
const typedRuleTester = createTypedRuleTester();
// Typed cases lint as a fixtures file outside the fixtures tsconfig (see no-floating-promise.test.ts).
const typedFile = path.join(fixturesDir, 'no-leaked-timer.tsx');

ruleTester.run('no-leaked-timer', rule, {
  valid: [
    // cleared somewhere: a stop method, the callback itself, a close event, finally
    'const id = setInterval(tick, 1000); function stop() { clearInterval(id); }',
    'const id = setInterval(() => { if (done()) clearInterval(id); }, 100);',
    'class Poller { constructor() { this.timer = setInterval(() => this.poll(), 500); } poll() {} close() { clearInterval(this.timer); } }',
    'class Poller { #timer = setInterval(() => this.poll(), 500); poll() {} dispose() { clearInterval(this.#timer); } }',
    "app.get('/events', (req, res) => { const beat = setInterval(() => res.write('ping'), 1000); req.on('close', () => clearInterval(beat)); });",
    "wss.on('connection', (ws) => { const beat = setInterval(() => ws.ping(), 30000); ws.on('close', () => clearInterval(beat)); });",
    'async function withTimeout(work: Promise<unknown>) { let timer; try { return await Promise.race([work, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("timeout")), 5000); })]); } finally { clearTimeout(timer); } }',
    'function Ticker() { useEffect(() => { timerRef.current = setInterval(tick, 1000); }, []); const stop = () => clearInterval(timerRef.current); }',
    // handles that escape: returned, stored in a collection, passed on, exported
    'function startPolling() { return setInterval(poll, 1000); }',
    'const startPolling = () => setInterval(poll, 1000);',
    'timers.push(setInterval(poll, 1000));',
    'track(setInterval(poll, 1000));',
    'export const heartbeat = setInterval(beat, 1000);',
    // an unref-ed interval does not keep the process alive: a deliberate background timer
    'setInterval(flushMetrics, 10000).unref();',
    'const sweeper = setInterval(sweep, 60000); sweeper.unref();',
    // one-shot timers outside effects and races
    'function later() { setTimeout(() => console.log("x"), 10); }',
    'const handle = setTimeout(retry, 500);',
    'function delay(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); } async function f() { await delay(10); }',
    // React effects with a cleanup
    'useEffect(() => { const id = setInterval(tick, 1000); return () => clearInterval(id); }, []);',
    'useEffect(() => { const id = setTimeout(close, 3000); return () => clearTimeout(id); }, []);',
    'React.useLayoutEffect(() => { let cancelled = false; setTimeout(() => { if (!cancelled) close(); }, 3000); return () => { cancelled = true; }; }, []);',
    // AbortSignal.timeout and timers/promises driven by a signal
    'async function f(url: string) { return fetch(url, { signal: AbortSignal.timeout(5000) }); }',
    "import { setTimeout as sleep } from 'node:timers/promises'; async function f(work: Promise<void>, signal: AbortSignal) { await Promise.race([work, sleep(1000, undefined, { signal })]); }",
    "import { setInterval } from 'node:timers/promises'; async function f() { for await (const _ of setInterval(1000)) { tick(); } }",
    // a local function called setInterval
    'function setInterval(fn: () => void) { fn(); } setInterval(tick);',
  ],
  invalid: [
    {
      code: 'setInterval(() => refreshCache(), 60000);',
      errors: [{ messageId: 'intervalDiscarded', line: 1, column: 1, suggestions: [] }],
    },
    {
      code: 'window.setInterval(poll, 1000);\nfunction start() {\n  globalThis.setInterval(poll, 1000);\n}',
      errors: [
        { messageId: 'intervalDiscarded', line: 1, column: 1 },
        { messageId: 'intervalDiscarded', line: 3, column: 3 },
      ],
    },
    {
      code: 'function start() {\n  const poller = setInterval(poll, 1000);\n  if (poller) log("started");\n}',
      errors: [{ messageId: 'intervalNeverCleared', data: { name: 'poller' }, line: 2, column: 18, suggestions: [] }],
    },
    {
      // class field set in the constructor, close() does not clear it
      code: 'class Poller {\n  constructor() {\n    this.timer = setInterval(() => this.poll(), 500);\n  }\n  poll() {}\n  close() {\n    this.closed = true;\n  }\n}',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          data: { name: 'this.timer' },
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestDispose',
              data: { method: 'close' },
              output:
                'class Poller {\n  constructor() {\n    this.timer = setInterval(() => this.poll(), 500);\n  }\n  poll() {}\n  close() {\n    clearInterval(this.timer);\n    this.closed = true;\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // no dispose method at all: add one; another class clearing its own `timer` does not count
      code: 'class Clock {\n  start() {\n    this.timer = setInterval(() => this.tick(), 1000);\n  }\n  tick() {}\n}\nclass Other {\n  stop() { clearInterval(this.timer); }\n}',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestDispose',
              data: { method: 'dispose' },
              output:
                'class Clock {\n  start() {\n    this.timer = setInterval(() => this.tick(), 1000);\n  }\n  tick() {}\n\n  dispose() {\n    clearInterval(this.timer);\n  }\n}\nclass Other {\n  stop() { clearInterval(this.timer); }\n}',
            },
          ],
        },
      ],
    },
    {
      // server-sent events without clearing on close
      code: "app.get('/events', (req, res) => {\n  res.setHeader('Content-Type', 'text/event-stream');\n  setInterval(() => res.write('data: ping\\n\\n'), 1000);\n});",
      errors: [{ messageId: 'intervalDiscarded', line: 3, column: 3 }],
    },
    {
      code: "wss.on('connection', (ws) => {\n  const beat = setInterval(() => ws.ping(), 30000);\n  ws.on('message', (data) => handle(data));\n});",
      errors: [{ messageId: 'intervalNeverCleared', data: { name: 'beat' }, line: 2, column: 16 }],
    },
    {
      // React effects without a cleanup
      code: 'function Clock() {\n  useEffect(() => {\n    setInterval(() => setNow(Date.now()), 1000);\n  }, []);\n}',
      errors: [
        {
          messageId: 'effectTimer',
          data: { timer: 'setInterval', clear: 'clearInterval' },
          line: 3,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestEffectCleanup',
              output:
                'function Clock() {\n  useEffect(() => {\n    const interval = setInterval(() => setNow(Date.now()), 1000);\n    return () => clearInterval(interval);\n  }, []);\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'function Toast() {\n  useEffect(() => {\n    const hide = setTimeout(() => setOpen(false), 3000);\n    log(open);\n  }, [open]);\n}',
      errors: [
        {
          messageId: 'effectTimer',
          data: { timer: 'setTimeout', clear: 'clearTimeout' },
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestEffectCleanup',
              output:
                'function Toast() {\n  useEffect(() => {\n    const hide = setTimeout(() => setOpen(false), 3000);\n    log(open);\n    return () => clearTimeout(hide);\n  }, [open]);\n}',
            },
          ],
        },
      ],
    },
    {
      // an interval in an effect whose cleanup does something else
      code: 'React.useEffect(() => {\n  socket.connect();\n  setInterval(ping, 1000);\n  return () => socket.disconnect();\n}, []);',
      errors: [{ messageId: 'effectTimer', line: 3, column: 3, suggestions: [] }],
    },
    {
      // a stored timeout that the effect's cleanup never clears
      code: 'useEffect(() => {\n  const hide = setTimeout(close, 1000);\n  return () => socket.close();\n}, []);',
      errors: [
        {
          messageId: 'effectTimer',
          data: { timer: 'setTimeout', clear: 'clearTimeout' },
          line: 2,
          column: 16,
          suggestions: [],
        },
      ],
    },
    {
      // a ref that holds the interval is matched by its whole text, not by `.current` anywhere
      code: 'function Ticker() {\n  useEffect(() => {\n    timerRef.current = setInterval(tick, 1000);\n  }, []);\n  inputRef.current.focus();\n}',
      errors: [{ messageId: 'effectTimer', line: 3, column: 24, suggestions: [] }],
    },
    {
      // Promise.race timeout whose timer is never cleared: fetch can take AbortSignal.timeout instead
      code: 'async function load(url: string) {\n  const response = await Promise.race([fetch(url), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 5000))]);\n  return response;\n}',
      errors: [
        {
          messageId: 'raceTimer',
          line: 2,
          column: 79,
          suggestions: [
            {
              messageId: 'suggestAbortSignal',
              data: { ms: '5000' },
              output:
                'async function load(url: string) {\n  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  return response;\n}',
            },
            {
              messageId: 'suggestClearInFinally',
              output:
                'async function load(url: string) {\n  let timeoutHandle: ReturnType<typeof setTimeout> | undefined;\n  const response = await Promise.race([fetch(url), new Promise((_, reject) => { timeoutHandle = setTimeout(() => reject(new Error("timeout")), 5000); })]).finally(() => clearTimeout(timeoutHandle));\n  return response;\n}',
            },
          ],
        },
      ],
    },
    {
      // a block-bodied executor and a fetch with options
      code: 'function load(url: string, ms: number) {\n  return Promise.race([\n    fetch(url, { method: "POST" }),\n    new Promise((_, reject) => {\n      setTimeout(() => reject(new Error("timeout")), ms);\n    }),\n  ]);\n}',
      errors: [
        {
          messageId: 'raceTimer',
          line: 5,
          column: 7,
          suggestions: [
            {
              messageId: 'suggestAbortSignal',
              data: { ms: 'ms' },
              output:
                'function load(url: string, ms: number) {\n  return fetch(url, { method: "POST", signal: AbortSignal.timeout(ms) });\n}',
            },
            {
              messageId: 'suggestClearInFinally',
              output:
                'function load(url: string, ms: number) {\n  let timeoutHandle: ReturnType<typeof setTimeout> | undefined;\n  return Promise.race([\n    fetch(url, { method: "POST" }),\n    new Promise((_, reject) => {\n      timeoutHandle = setTimeout(() => reject(new Error("timeout")), ms);\n    }),\n  ]).finally(() => clearTimeout(timeoutHandle));\n}',
            },
          ],
        },
      ],
    },
    {
      // a timeout helper used in a race
      code: 'function timeout(ms) {\n  return new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), ms));\n}\nasync function query(sql) {\n  return Promise.race([db.query(sql), timeout(2000)]);\n}',
      errors: [{ messageId: 'raceTimer', line: 2, column: 37, suggestions: [] }],
    },
    {
      // a timeout promise stored in a variable and raced
      code: 'async function run(job) {\n  const deadline = new Promise((resolve) => setTimeout(resolve, 1000, "late"));\n  return Promise.race([job(), deadline]);\n}',
      errors: [{ messageId: 'raceTimer', line: 2, column: 45, suggestions: [] }],
    },
    {
      // timers/promises setTimeout raced without a signal
      code: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(work) {\n  await Promise.race([work, sleep(1000)]);\n}",
      errors: [{ messageId: 'raceTimer', line: 3, column: 29, suggestions: [] }],
    },
  ],
});

javaScriptRuleTester.run('no-leaked-timer (JavaScript)', rule, {
  valid: ['const id = setInterval(tick, 1000);\nprocess.on("SIGTERM", () => clearInterval(id));'],
  invalid: [
    {
      code: 'async function load(url) {\n  return Promise.race([fetch(url), new Promise((resolve, reject) => setTimeout(reject, 100))]);\n}',
      errors: [
        {
          messageId: 'raceTimer',
          line: 2,
          column: 69,
          suggestions: [
            {
              messageId: 'suggestAbortSignal',
              output: 'async function load(url) {\n  return fetch(url, { signal: AbortSignal.timeout(100) });\n}',
            },
            {
              messageId: 'suggestClearInFinally',
              output:
                'async function load(url) {\n  let timeoutHandle;\n  return Promise.race([fetch(url), new Promise((resolve, reject) => { timeoutHandle = setTimeout(reject, 100); })]).finally(() => clearTimeout(timeoutHandle));\n}',
            },
          ],
        },
      ],
    },
    {
      code: "const timers = require('timers');\nmodule.exports = function start() {\n  timers.setInterval(poll, 10);\n};",
      errors: [{ messageId: 'intervalDiscarded', line: 3, column: 3 }],
    },
  ],
});

typedRuleTester.run('no-leaked-timer (typed)', rule, {
  valid: [
    {
      code: 'import { useEffect } from "react";\nexport function Clock() {\n  useEffect(() => {\n    const id = setInterval(() => {}, 1000);\n    return () => clearInterval(id);\n  }, []);\n  return null;\n}',
      filename: typedFile,
    },
  ],
  invalid: [
    {
      code: 'export function Banner() {\n  useEffect(() => {\n    setTimeout(() => hide(), 1000);\n  }, []);\n  return null;\n}\ndeclare function useEffect(effect: () => void | (() => void), deps: unknown[]): void;\ndeclare function hide(): void;',
      filename: typedFile,
      errors: [
        {
          messageId: 'effectTimer',
          line: 3,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestEffectCleanup',
              output:
                'export function Banner() {\n  useEffect(() => {\n    const timeout = setTimeout(() => hide(), 1000);\n    return () => clearTimeout(timeout);\n  }, []);\n  return null;\n}\ndeclare function useEffect(effect: () => void | (() => void), deps: unknown[]): void;\ndeclare function hide(): void;',
            },
          ],
        },
      ],
    },
  ],
});

// Intervals kept in fields: only a use of that field's handle counts, wherever the class (or a subclass) clears it.
ruleTester.run('no-leaked-timer (fields)', rule, {
  valid: [
    'class Feed { start() { const self = this; self.timer = setInterval(() => self.pull(), 1000); } stop() { const self = this; clearInterval(self.timer); } pull() {} }',
    'class Base { start() { this.timer = setInterval(() => this.beat(), 1000); } beat() {} }\nclass Child extends Base { stop() { clearInterval(this.timer); } }',
    'class Flusher { constructor() { this.loop = setInterval(() => this.flush(), 5000); this.loop.unref(); } flush() {} }',
    'class Probe { run() { this.handle = setInterval(() => this.check(), 100); } halt() { const { handle } = this; clearInterval(handle); } check() {} }',
    'class Ticker { #tick = setInterval(() => this.emit(), 16); emit() {} [Symbol.dispose]() { clearInterval(this.#tick); } }',
    'class Job { start() { this.timer = setInterval(() => this.step(), 50); } stop() { stopTimer(this.timer); } step() {} }',
    'const poller = { start() { this.timer = setInterval(() => this.poll(), 1000); }, stop() { clearInterval(this.timer); }, poll() {} };',
    'class Registry { static sweep = setInterval(() => Registry.prune(), 60000); static prune() {} }',
    // stored through `var that = this` in a prototype method, cleared through `this` in another
    'Client.prototype.reconnect = function () { var that = this; that.reconnectTimer = setInterval(function () { that.retry(); }, 1000); };\nClient.prototype.stopReconnect = function () { clearInterval(this.reconnectTimer); };',
  ],
  invalid: [
    // stored through `var that = this`; the other method only forgets the handle
    {
      code: 'Client.prototype.reconnect = function () { var that = this; that.reconnectTimer = setInterval(function () { that.retry(); }, 1000); };\nClient.prototype.stop = function () { this.reconnectTimer = null; };',
      errors: [{ messageId: 'intervalNeverCleared', line: 1, column: 83, suggestions: [] }],
    },
    // a field initialised with an interval that nothing clears
    {
      code: 'export class Cache {\n  private sweeper = setInterval(() => this.sweep(), 60_000);\n  sweep() {}\n}',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 2,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestDispose',
              output:
                'export class Cache {\n  private sweeper = setInterval(() => this.sweep(), 60_000);\n  sweep() {}\n\n  dispose() {\n    clearInterval(this.sweeper);\n  }\n}',
            },
          ],
        },
      ],
    },
    // a private field; close() forgets it
    {
      code: 'export class Metrics {\n  #flush = setInterval(() => this.send(), 10000);\n  send() {}\n  close() {\n    this.closed = true;\n  }\n}',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 2,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestDispose',
              output:
                'export class Metrics {\n  #flush = setInterval(() => this.send(), 10000);\n  send() {}\n  close() {\n    clearInterval(this.#flush);\n    this.closed = true;\n  }\n}',
            },
          ],
        },
      ],
    },
    // another object's member of the same name is not this handle
    {
      code: 'class Heartbeat {\n  constructor(options) {\n    this.options = options;\n  }\n  start() {\n    this.interval = setInterval(() => this.ping(), this.options.interval);\n  }\n  stop() {\n    this.stopped = true;\n  }\n  ping() {}\n}',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 6,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestDispose',
              output:
                'class Heartbeat {\n  constructor(options) {\n    this.options = options;\n  }\n  start() {\n    this.interval = setInterval(() => this.ping(), this.options.interval);\n  }\n  stop() {\n    clearInterval(this.interval);\n    this.stopped = true;\n  }\n  ping() {}\n}',
            },
          ],
        },
      ],
    },
    // forgetting the handle does not stop the timer
    {
      code: 'export class Poller {\n  private handle?: ReturnType<typeof setInterval>;\n  start() {\n    if (this.handle) return;\n    this.handle = setInterval(() => this.tick(), 1000);\n  }\n  shutdown() {\n    this.handle = undefined;\n  }\n  tick() {}\n}',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 5,
          column: 19,
          suggestions: [
            {
              messageId: 'suggestDispose',
              output:
                'export class Poller {\n  private handle?: ReturnType<typeof setInterval>;\n  start() {\n    if (this.handle) return;\n    this.handle = setInterval(() => this.tick(), 1000);\n  }\n  shutdown() {\n    clearInterval(this.handle);\n    this.handle = undefined;\n  }\n  tick() {}\n}',
            },
          ],
        },
      ],
    },
    // clearing a different object's timer
    {
      code: 'class Reconnector {\n  constructor(retry) {\n    this.retry = retry;\n  }\n  start() {\n    this.timer = setInterval(() => this.check(), 1000);\n  }\n  reset() {\n    clearTimeout(this.retry.timer);\n  }\n  check() {}\n}',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 6,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestDispose',
              output:
                'class Reconnector {\n  constructor(retry) {\n    this.retry = retry;\n  }\n  start() {\n    this.timer = setInterval(() => this.check(), 1000);\n  }\n  reset() {\n    clearTimeout(this.retry.timer);\n  }\n  check() {}\n\n  dispose() {\n    clearInterval(this.timer);\n  }\n}',
            },
          ],
        },
      ],
    },
    // the same name as an object key elsewhere
    {
      code: 'class Watcher {\n  start() {\n    this.timer = setInterval(() => this.scan(), 500);\n    log({ timer: 500 });\n  }\n  scan() {}\n}',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestDispose',
              output:
                'class Watcher {\n  start() {\n    this.timer = setInterval(() => this.scan(), 500);\n    log({ timer: 500 });\n  }\n  scan() {}\n\n  dispose() {\n    clearInterval(this.timer);\n  }\n}',
            },
          ],
        },
      ],
    },
    // a class expression assigned to an export
    {
      code: "export const Sampler = class {\n  begin() {\n    this.sampling = setInterval(() => this.sample(), 250);\n  }\n  sample() {}\n  end() {\n    console.log(this.sampling ? 'running' : 'idle');\n  }\n};",
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 3,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestDispose',
              output:
                "export const Sampler = class {\n  begin() {\n    this.sampling = setInterval(() => this.sample(), 250);\n  }\n  sample() {}\n  end() {\n    console.log(this.sampling ? 'running' : 'idle');\n  }\n\n  dispose() {\n    clearInterval(this.sampling);\n  }\n};",
            },
          ],
        },
      ],
    },
  ],
});

javaScriptRuleTester.run('no-leaked-timer (fields, JavaScript)', rule, {
  valid: [
    "class Pinger { constructor(ws) { this.ws = ws; this.beat = setInterval(() => ws.ping(), 30000); ws.on('close', () => clearInterval(this.beat)); } }",
  ],
  invalid: [
    // refresh() re-arms the timer, it does not clear it
    {
      code: 'class Session {\n  constructor() {\n    this.keepAlive = setInterval(() => this.touch(), 5000);\n  }\n  touch() {\n    this.keepAlive.refresh();\n  }\n}\nmodule.exports = Session;',
      errors: [
        {
          messageId: 'intervalNeverCleared',
          line: 3,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestDispose',
              output:
                'class Session {\n  constructor() {\n    this.keepAlive = setInterval(() => this.touch(), 5000);\n  }\n  touch() {\n    this.keepAlive.refresh();\n  }\n\n  dispose() {\n    clearInterval(this.keepAlive);\n  }\n}\nmodule.exports = Session;',
            },
          ],
        },
      ],
    },
    // a constructor function and a prototype close that forgets the timer
    {
      code: "function Client(socket) {\n  this.socket = socket;\n  this.pingTimer = setInterval(() => socket.write('ping'), 30000);\n}\nClient.prototype.close = function () {\n  this.socket.end();\n};\nexport default Client;",
      errors: [{ messageId: 'intervalNeverCleared', line: 3, column: 20, suggestions: [] }],
    },
  ],
});
