import path from 'node:path';
import rule from '../../rules/src/rules/no-loop-closure-capture.js';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

/** Typed cases lint a file outside the fixture tsconfig (picked up through allowDefaultProject). */
const typedFile = path.join(fixturesDir, 'no-loop-closure-capture.ts');

// Every invalid case pins the message id, the position (the capturing function, or the deferring call
// for a named function declared elsewhere) and each suggestion's full output.

createRuleTester().run('no-loop-closure-capture', rule, {
  valid: [
    {
      name: 'let per-iteration counter in a classic for loop',
      code: `for (let i = 0; i < 3; i++) {
  setTimeout(() => console.log(i), 100);
}
`,
    },
    {
      name: 'const copy of a var',
      code: `for (var i = 0; i < 3; i++) {
  const current = i;
  setTimeout(() => console.log(current), 100);
}
`,
    },
    {
      name: 'IIFE snapshot of a var',
      code: `for (var i = 0; i < 3; i++) {
  (function (j: number) {
    setTimeout(() => console.log(j), 100);
  })(i);
}
`,
    },
    {
      name: 'synchronous array callbacks in a var loop (no-loop-func reports these)',
      code: `declare const matrix: number[][];
for (var r = 0; r < matrix.length; r++) {
  const doubled = matrix[r].map((v) => v * r);
  const positive = matrix[r].filter((v) => v > r);
  const total = matrix[r].reduce((sum, v) => sum + v * r, 0);
  const right = matrix[r].reduceRight((sum, v) => sum + v - r, 0);
  matrix[r].sort((a, b) => a - b + r);
  matrix[r].forEach((v) => console.log(v, r));
  const found = matrix[r].find((v) => v === r) ?? matrix[r].findIndex((v) => v === r) ?? matrix[r].findLast((v) => v === r);
  const any = matrix[r].some((v) => v === r) && matrix[r].every((v) => v !== r);
  const flat = matrix[r].flatMap((v) => [v, r]);
  console.log(doubled, positive, total, right, found, any, flat);
}
`,
    },
    {
      name: 'Promise executor runs immediately',
      code: `const made: Promise<number>[] = [];
for (var i = 0; i < 3; i++) {
  made.push(new Promise((resolve) => resolve(i)));
}
`,
    },
    {
      name: 'helper that takes a callback is assumed to call it right away',
      code: `declare function withLock(body: () => void): void;
declare function write(n: number): void;
for (var i = 0; i < 3; i++) {
  withLock(() => write(i));
}
`,
    },
    {
      name: 'timer callback inside an awaited promise',
      code: `async function tick(): Promise<number[]> {
  const values: number[] = [];
  for (var i = 0; i < 3; i++) {
    values.push(await new Promise<number>((resolve) => setTimeout(() => resolve(i), 10)));
  }
  return values;
}
`,
    },
    {
      name: 'Promise.all of async callbacks awaited in the iteration',
      code: `declare function save(item: string): Promise<void>;
async function saveBatches(batches: string[][]): Promise<void> {
  for (var b = 0; b < batches.length; b++) {
    await Promise.all(batches[b].map(async (item) => {
      await save(item);
      console.log('batch', b, item);
    }));
  }
}
`,
    },
    {
      name: 'awaited .then callback',
      code: `declare function fetchText(url: string): Promise<string>;
async function readAll(urls: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (var i = 0; i < urls.length; i++) {
    await fetchText(urls[i]).then((text) => { texts[i] = text; });
  }
  return texts;
}
`,
    },
    {
      name: 'promise kept in a const and awaited later in the same iteration',
      code: `declare function fetchText(url: string): Promise<string>;
async function readAll(urls: string[]): Promise<void> {
  for (var i = 0; i < urls.length; i++) {
    const pending = fetchText(urls[i]).then((text) => console.log(i, text));
    console.log('started', i);
    await pending;
  }
}
`,
    },
    {
      name: 'promises collected in an iteration-local array and awaited with Promise.allSettled',
      code: `declare function ping(host: string, attempt: number): Promise<void>;
async function pingAll(hosts: string[]): Promise<void> {
  for (var attempt = 0; attempt < 3; attempt++) {
    const pings: Promise<void>[] = [];
    for (const host of hosts) pings.push(ping(host, attempt).catch(() => console.log('retry', attempt)));
    await Promise.allSettled(pings);
  }
}
`,
    },
    {
      name: 'capture followed directly by break',
      code: `declare const items: string[];
for (var i = 0; i < items.length; i++) {
  if (items[i] === 'stop') {
    setTimeout(() => console.log('stopped at', i));
    break;
  }
}
`,
    },
    {
      name: 'capture followed directly by return',
      code: `declare function onReady(cb: () => void): void;
function firstReady(ids: number[]): void {
  for (var i = 0; i < ids.length; i++) {
    if (ids[i] > 0) {
      document.addEventListener('ready', () => console.log(ids[i]));
      return;
    }
  }
}
`,
    },
    {
      name: 'capture followed by throw',
      code: `for (var i = 0; i < 3; i++) {
  if (i === 2) {
    setTimeout(() => console.log('failed at', i));
    throw new Error('failed');
  }
}
`,
    },
    {
      name: 'labelled break that leaves the outer loop',
      code: `outer: for (var r = 0; r < 3; r++) {
  for (let c = 0; c < 3; c++) {
    setTimeout(() => console.log(r, c));
    break outer;
  }
}
`,
    },
    {
      name: 'variable changed only outside the loop (no-loop-func reports this)',
      code: `let config = { verbose: false };
export function configure(next: { verbose: boolean }): void {
  config = next;
}
for (const name of ['a', 'b']) {
  setTimeout(() => console.log(name, config.verbose));
}
`,
    },
    {
      name: 'accumulator written only inside the callbacks (no-loop-func reports this)',
      code: `declare function readFile(name: string, cb: (err: Error | null, data: string) => void): void;
const files = ['a', 'b'];
let done = 0;
for (const file of files) {
  readFile(file, (err, data) => {
    done++;
    if (done === files.length) console.log('all read', err, data);
  });
}
`,
    },
    {
      name: 'for-of const element in listeners',
      code: `declare const buttons: HTMLButtonElement[];
for (const button of buttons) {
  button.addEventListener('click', () => button.classList.toggle('on'));
}
`,
    },
    {
      name: 'for-of let element not changed after the closure',
      code: `declare const lines: string[];
for (let line of lines) {
  line = line.trim();
  setTimeout(() => console.log(line));
}
`,
    },
    {
      name: 'for-in with let key',
      code: `const table: Record<string, number> = { a: 1 };
for (let key in table) {
  setTimeout(() => console.log(key, table[key]));
}
`,
    },
    {
      name: 'closure created and called in the same iteration',
      code: `for (var i = 0; i < 3; i++) {
  const show = () => console.log(i);
  show();
}
`,
    },
    {
      name: 'closure returned out of the loop',
      code: `function finder(xs: number[]): (() => number) | undefined {
  for (var i = 0; i < xs.length; i++) {
    if (xs[i] > 10) return () => xs[i];
  }
  return undefined;
}
`,
    },
    {
      name: 'async IIFE reads the var before its first await',
      code: `declare function save(n: number): Promise<void>;
for (var i = 0; i < 3; i++) {
  (async () => {
    const n = i;
    await save(n);
  })();
}
`,
    },
    {
      name: 'async IIFE awaited by the loop',
      code: `declare function sleep(ms: number): Promise<void>;
async function run(): Promise<void> {
  for (var i = 0; i < 3; i++) {
    await (async () => {
      await sleep(10);
      console.log(i);
    })();
  }
}
`,
    },
    {
      name: 'shared timer handle read only to cancel it',
      code: `declare const inputs: HTMLInputElement[];
declare function save(): void;
let timer: ReturnType<typeof setTimeout> | undefined;
for (const input of inputs) {
  input.addEventListener('input', () => clearTimeout(timer));
  timer = setTimeout(save, 300);
}
`,
    },
    {
      name: 'let declared empty and filled in after the closure',
      code: `declare const jobs: string[];
declare const emitter: { once(event: string, cb: () => void): void };
declare function start(job: string): { cancel(): void };
for (const job of jobs) {
  let handle: { cancel(): void } | undefined;
  emitter.once('stop', () => handle?.cancel());
  handle = start(job);
}
`,
    },
    {
      name: 'callbacks pushed into an array created in the iteration',
      code: `declare function runAll(tasks: Array<() => void>): void;
for (var i = 0; i < 3; i++) {
  const tasks: Array<() => void> = [];
  tasks.push(() => console.log(i));
  runAll(tasks);
}
`,
    },
    {
      name: 'closure in the for-of iterable is created once',
      code: `declare const events: string[];
for (var name of events.filter((e) => e !== name)) {
  console.log(name);
}
`,
    },
    {
      name: 'deferred closure reads only constants and its own parameters',
      code: `const prefix = 'item';
for (var i = 0; i < 3; i++) {
  setTimeout((n: number) => console.log(prefix, n), 10, i);
}
`,
    },
    {
      name: 'describe body runs while the file is collected',
      code: `declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => void): void;
for (const size of [1, 2, 3]) {
  describe('size ' + size, () => {
    it('works', () => console.log(size));
  });
}
`,
    },
    {
      name: 'return of a promise chain ends the loop',
      code: `declare function fetchText(url: string): Promise<string>;
function firstOk(urls: string[]): Promise<string> | undefined {
  for (var i = 0; i < urls.length; i++) {
    if (urls[i]) return fetchText(urls[i]).then((text) => text + i);
  }
  return undefined;
}
`,
    },
    {
      name: 'named function deferred from a loop but reading nothing the loop changes',
      code: `let greeting = 'hi';
function greet(): void { console.log(greeting); }
for (const delay of [10, 20]) {
  setTimeout(greet, delay);
}
greeting = 'bye';
`,
    },
    {
      name: 'var only written by the for initialiser',
      code: `for (var started = Date.now(), k = 0; k < 3; k++) {
  setTimeout(() => console.log(Date.now() - started));
}
`,
    },
    {
      name: 'map of handlers built outside any loop',
      code: `declare function select(id: number): void;
const ids = [1, 2];
const handlers = ids.map((id) => () => select(id));
console.log(handlers);
`,
    },
    {
      name: 'function with no loop around it',
      code: `let count = 0;
function schedule(): void {
  count++;
  setTimeout(() => console.log(count));
}
schedule();
`,
    },
    {
      name: 'React-style handlers built with map and a const',
      filename: 'react.tsx',
      code: `declare function select(id: number): void;
export function List({ items }: { items: Array<{ id: number; name: string }> }) {
  const rows = [];
  for (const item of items) {
    rows.push(<li key={item.id} onClick={() => select(item.id)}>{item.name}</li>);
  }
  return <ul>{rows}</ul>;
}
`,
    },
    {
      name: 'generator loop with a let counter',
      code: `function* makeGetters(): Generator<() => number> {
  for (let i = 0; i < 3; i++) yield () => i;
}
`,
    },
    {
      name: 'for await loop awaiting each reply before the next message',
      code: `declare const stream: AsyncIterable<string>;
declare function reply(text: string): Promise<void>;
async function serve(): Promise<void> {
  for await (var message of stream) {
    await reply(message).then(() => console.log('answered', message));
  }
}
`,
    },
    {
      name: 'callback handed over inside a return statement',
      code: `declare function readChunk(size: number, cb: (err: Error | null) => void): void;
function readFirst(sizes: number[], done: (err: Error | null) => void): void {
  for (var i = 0; i < sizes.length; i++) {
    if (sizes[i] > 0) return readChunk(sizes[i], function (err) { done(err ?? null); console.log(i); });
  }
}
`,
    },
    {
      name: 'var self = this in a loop body stores the same value every time',
      code: `class Poller {
  tick(): void {}
  start(count: number): void {
    for (var n = 0; n < count; n++) {
      var self = this;
      setTimeout(function () { self.tick(); }, n * 100);
    }
  }
}
`,
    },
    {
      name: 'event emitted synchronously with a callback argument',
      code: `declare const emitter: { emit(event: string, cb: () => number): void };
for (var i = 0; i < 3; i++) {
  emitter.emit('compute', () => i);
}
`,
    },
    {
      name: 'named callback passed to forEach in the same iteration',
      code: `declare const items: string[];
for (var i = 0; i < 3; i++) {
  const show = (item: string) => console.log(item, i);
  items.forEach(show);
}
`,
    },
    {
      name: 'one-shot listener awaited through a promise before the next iteration',
      code: `declare const socket: { once(event: string, cb: (reply: string) => void): void; send(text: string): void };
async function ask(questions: string[]): Promise<string[]> {
  const answers: string[] = [];
  for (var q = 0; q < questions.length; q++) {
    await new Promise<void>((resolve) => {
      socket.once('reply', (reply) => { answers[q] = reply; resolve(); });
      socket.send(questions[q]);
    });
  }
  return answers;
}
`,
    },
    {
      name: 'helper result stored as a value, not a callback',
      code: `declare function compute(fn: () => number): number;
const results: number[] = [];
for (var i = 0; i < 3; i++) {
  results.push(compute(() => i * 2));
}
`,
    },
    {
      name: 'lodash-style iteration helper with (e, index) parameters',
      code: `declare const _: { each<T>(list: T[], fn: (e: T, index: number) => void): void };
declare const list: string[];
for (var j = 0; j < 3; j++) {
  _.each(list, (e, index) => console.log(e, index, j));
}
`,
    },
    {
      name: 'boolean flag set later is read by the callback for its latest state',
      code: `declare const streams: Array<{ on(event: string, cb: () => void): void; resume(): void }>;
declare function cleanup(): void;
for (const stream of streams) {
  let finished = false;
  stream.on('close', () => { if (!finished) cleanup(); });
  stream.resume();
  finished = true;
}
`,
    },
    {
      name: 'reassigned only on the other branch of the if that made the closure',
      code: `declare const updates: string[];
declare const tasks: Array<(done: () => void) => void>;
declare function lookup(path: string): { validate(cb: () => void): void } | undefined;
for (const update of updates) {
  let schemaPath = lookup(update);
  if (schemaPath) {
    tasks.push((done) => schemaPath.validate(done));
  } else {
    schemaPath = lookup(update + '.0');
    console.log(schemaPath);
  }
}
`,
    },
    {
      name: 'local factory whose closure is called in the same iteration',
      code: `for (var i = 0; i < 3; i++) {
  const make = () => () => i;
  console.log(make()());
}
`,
    },
    {
      name: 'per-request timeout cleared before the iteration ends',
      code: `declare const urls: string[];
async function fetchAll(): Promise<void> {
  for (var u = 0; u < urls.length; u++) {
    var controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 5000);
    try {
      await fetch(urls[u], { signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }
}
`,
    },
    {
      name: 'hyperscript-style props object is only an unknown call argument',
      code: `declare function h(tag: string, props: { title: string }): unknown;
for (var i = 0; i < 3; i++) {
  h('li', { title: String(i) });
}
`,
    },
  ],
  invalid: [
    {
      name: 'var loop counter read by a setTimeout callback',
      code: `for (var i = 0; i < 3; i++) {
  setTimeout(() => console.log(i), 100);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < 3; i++) {
  setTimeout(() => console.log(i), 100);
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < 3; i++) {
  const iSnapshot = i;
  setTimeout(() => console.log(iSnapshot), 100);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'var counter read by a setInterval poller',
      code: `function pollAll(urls: string[]): void {
  for (var index = 0; index < urls.length; index++) {
    setInterval(function () {
      void fetch(urls[index]);
    }, 5000);
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function pollAll(urls: string[]): void {
  for (let index = 0; index < urls.length; index++) {
    setInterval(function () {
      void fetch(urls[index]);
    }, 5000);
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function pollAll(urls: string[]): void {
  for (var index = 0; index < urls.length; index++) {
    const indexSnapshot = index;
    setInterval(function () {
      void fetch(urls[indexSnapshot]);
    }, 5000);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'var counter in DOM buttons wired with addEventListener',
      code: `const buttons = document.querySelectorAll('button');
for (var n = 0; n < buttons.length; n++) {
  buttons[n].addEventListener('click', () => {
    alert('You clicked button ' + n);
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 40,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const buttons = document.querySelectorAll('button');
for (let n = 0; n < buttons.length; n++) {
  buttons[n].addEventListener('click', () => {
    alert('You clicked button ' + n);
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const buttons = document.querySelectorAll('button');
for (var n = 0; n < buttons.length; n++) {
  const nSnapshot = n;
  buttons[n].addEventListener('click', () => {
    alert('You clicked button ' + nSnapshot);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'var loop variable read by an EventEmitter listener',
      code: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
for (var step = 1; step <= 3; step++) {
  bus.on('tick', () => console.log('step', step));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
for (let step = 1; step <= 3; step++) {
  bus.on('tick', () => console.log('step', step));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
for (var step = 1; step <= 3; step++) {
  const stepSnapshot = step;
  bus.on('tick', () => console.log('step', stepSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'var loop variable read in an unawaited .then',
      code: `declare function save(id: number): Promise<void>;
for (var id = 0; id < 10; id++) {
  save(id).then(() => console.log('saved', id));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function save(id: number): Promise<void>;
for (let id = 0; id < 10; id++) {
  save(id).then(() => console.log('saved', id));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function save(id: number): Promise<void>;
for (var id = 0; id < 10; id++) {
  const idSnapshot = id;
  save(id).then(() => console.log('saved', idSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'var loop variable read in .catch and .finally of a chain',
      code: `declare function load(n: number): Promise<string>;
for (var attempt = 0; attempt < 3; attempt++) {
  load(attempt)
    .catch((error: unknown) => console.warn('attempt', attempt, error))
    .finally(() => console.log('done'));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function load(n: number): Promise<string>;
for (let attempt = 0; attempt < 3; attempt++) {
  load(attempt)
    .catch((error: unknown) => console.warn('attempt', attempt, error))
    .finally(() => console.log('done'));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function load(n: number): Promise<string>;
for (var attempt = 0; attempt < 3; attempt++) {
  const attemptSnapshot = attempt;
  load(attempt)
    .catch((error: unknown) => console.warn('attempt', attemptSnapshot, error))
    .finally(() => console.log('done'));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'callbacks stored with push and called after the loop',
      code: `var fns: Array<() => number> = [];
for (var i = 0; i < 3; i++) fns.push(function () { return i; });
fns.forEach((fn) => console.log(fn()));
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 38,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `var fns: Array<() => number> = [];
for (let i = 0; i < 3; i++) fns.push(function () { return i; });
fns.forEach((fn) => console.log(fn()));
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `var fns: Array<() => number> = [];
for (var i = 0; i < 3; i++) { const iSnapshot = i; fns.push(function () { return iSnapshot; }); }
fns.forEach((fn) => console.log(fn()));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'callback added to an outer array literal',
      code: `let pending: Array<() => void> = [];
for (var k = 0; k < 4; k++) {
  pending = [...pending, () => console.log(k)];
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `let pending: Array<() => void> = [];
for (let k = 0; k < 4; k++) {
  pending = [...pending, () => console.log(k)];
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `let pending: Array<() => void> = [];
for (var k = 0; k < 4; k++) {
  const kSnapshot = k;
  pending = [...pending, () => console.log(kSnapshot)];
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'handlers kept in a Map',
      code: `const handlers = new Map<string, () => void>();
const routes: Record<string, () => void> = {};
for (var route in routes) {
  handlers.set(route, () => routes[route]());
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 23,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const handlers = new Map<string, () => void>();
const routes: Record<string, () => void> = {};
for (let route in routes) {
  handlers.set(route, () => routes[route]());
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const handlers = new Map<string, () => void>();
const routes: Record<string, () => void> = {};
for (var route in routes) {
  const routeSnapshot = route;
  handlers.set(route, () => routes[routeSnapshot]());
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'callback added to a Set',
      code: `const listeners = new Set<() => void>();
for (var level = 0; level < 3; level++) {
  listeners.add(() => console.log(level));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const listeners = new Set<() => void>();
for (let level = 0; level < 3; level++) {
  listeners.add(() => console.log(level));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const listeners = new Set<() => void>();
for (var level = 0; level < 3; level++) {
  const levelSnapshot = level;
  listeners.add(() => console.log(levelSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'callback stored in an object field',
      code: `const callbacks: Record<number, () => number> = {};
for (var slot = 0; slot < 3; slot++) {
  callbacks[slot] = function () { return slot; };
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const callbacks: Record<number, () => number> = {};
for (let slot = 0; slot < 3; slot++) {
  callbacks[slot] = function () { return slot; };
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const callbacks: Record<number, () => number> = {};
for (var slot = 0; slot < 3; slot++) {
  const slotSnapshot = slot;
  callbacks[slot] = function () { return slotSnapshot; };
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'callback assigned to an outer variable',
      code: `let last: (() => number) | undefined;
for (var pos = 0; pos < 5; pos++) {
  last = () => pos;
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 10,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `let last: (() => number) | undefined;
for (let pos = 0; pos < 5; pos++) {
  last = () => pos;
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `let last: (() => number) | undefined;
for (var pos = 0; pos < 5; pos++) {
  const posSnapshot = pos;
  last = () => posSnapshot;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'closures returned from a map callback and spread into an outer array',
      code: `const getters: Array<() => string> = [];
const keys = ['a', 'b'];
for (var row = 0; row < 3; row++) {
  getters.push(...keys.map((key) => () => key + row));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 37,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const getters: Array<() => string> = [];
const keys = ['a', 'b'];
for (let row = 0; row < 3; row++) {
  getters.push(...keys.map((key) => () => key + row));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const getters: Array<() => string> = [];
const keys = ['a', 'b'];
for (var row = 0; row < 3; row++) {
  const rowSnapshot = row;
  getters.push(...keys.map((key) => () => key + rowSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'closure yielded from a generator loop',
      code: `function* makeGetters(): Generator<() => number> {
  for (var i = 0; i < 3; i++) yield () => i;
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 37,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function* makeGetters(): Generator<() => number> {
  for (let i = 0; i < 3; i++) yield () => i;
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function* makeGetters(): Generator<() => number> {
  for (var i = 0; i < 3; i++) { const iSnapshot = i; yield () => iSnapshot; }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'async IIFE that reads the var after an await',
      code: `declare function sleep(ms: number): Promise<void>;
for (var i = 0; i < 3; i++) {
  (async () => {
    await sleep(10);
    console.log(i);
  })();
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 4,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function sleep(ms: number): Promise<void>;
for (let i = 0; i < 3; i++) {
  (async () => {
    await sleep(10);
    console.log(i);
  })();
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function sleep(ms: number): Promise<void>;
for (var i = 0; i < 3; i++) {
  const iSnapshot = i;
  (async () => {
    await sleep(10);
    console.log(iSnapshot);
  })();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'forEach with an async callback inside a var loop',
      code: `declare function upload(name: string): Promise<void>;
const groups: string[][] = [];
for (var g = 0; g < groups.length; g++) {
  groups[g].forEach(async (name) => {
    await upload(name);
    console.log('group', g, 'uploaded', name);
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function upload(name: string): Promise<void>;
const groups: string[][] = [];
for (let g = 0; g < groups.length; g++) {
  groups[g].forEach(async (name) => {
    await upload(name);
    console.log('group', g, 'uploaded', name);
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function upload(name: string): Promise<void>;
const groups: string[][] = [];
for (var g = 0; g < groups.length; g++) {
  const gSnapshot = g;
  groups[g].forEach(async (name) => {
    await upload(name);
    console.log('group', gSnapshot, 'uploaded', name);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'retry loop: outer let counter read by a delayed log',
      code: `let attempts = 0;
while (attempts < 3) {
  attempts++;
  setTimeout(() => console.log('retry #' + attempts), attempts * 1000);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `let attempts = 0;
while (attempts < 3) {
  attempts++;
  const attemptsSnapshot = attempts;
  setTimeout(() => console.log('retry #' + attemptsSnapshot), attempts * 1000);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'do-while with an outer let page counter and a queued fetch',
      code: `declare const queue: { push(job: () => Promise<void>): void };
declare function fetchPage(page: number): Promise<void>;
let page = 0;
do {
  page++;
  queue.push(() => fetchPage(page));
} while (page < 10);
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `declare const queue: { push(job: () => Promise<void>): void };
declare function fetchPage(page: number): Promise<void>;
let page = 0;
do {
  page++;
  const pageSnapshot = page;
  queue.push(() => fetchPage(pageSnapshot));
} while (page < 10);
`,
            },
          ],
        },
      ],
    },
    {
      name: 'for-in over an object with a var key and a listener',
      code: `declare const el: HTMLElement;
const labels: Record<string, string> = { a: 'A', b: 'B' };
for (var key in labels) {
  el.addEventListener('mouseover', () => { el.title = labels[key]; });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 36,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const el: HTMLElement;
const labels: Record<string, string> = { a: 'A', b: 'B' };
for (let key in labels) {
  el.addEventListener('mouseover', () => { el.title = labels[key]; });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const el: HTMLElement;
const labels: Record<string, string> = { a: 'A', b: 'B' };
for (var key in labels) {
  const keySnapshot = key;
  el.addEventListener('mouseover', () => { el.title = labels[keySnapshot]; });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'for-of with a var element and a promise callback',
      code: `declare function send(text: string): Promise<void>;
for (var message of ['a', 'b']) {
  send(message).then(() => console.log('sent', message));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function send(text: string): Promise<void>;
for (let message of ['a', 'b']) {
  send(message).then(() => console.log('sent', message));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function send(text: string): Promise<void>;
for (var message of ['a', 'b']) {
  const messageSnapshot = message;
  send(message).then(() => console.log('sent', messageSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'per-iteration let changed by the body after the closure',
      code: `for (let i = 0; i < 10; i++) {
  setTimeout(() => console.log(i));
  i++;
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `for (let i = 0; i < 10; i++) {
  const iSnapshot = i;
  setTimeout(() => console.log(iSnapshot));
  i++;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'let in the body reassigned later in the same iteration',
      code: `declare const api: { save(user: { id: number }): Promise<void> };
declare const users: Array<{ id: number }>;
for (const user of users) {
  let status = 'pending';
  api.save(user).then(() => console.log(user.id, status));
  status = 'sent';
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 23,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `declare const api: { save(user: { id: number }): Promise<void> };
declare const users: Array<{ id: number }>;
for (const user of users) {
  let status = 'pending';
  const statusSnapshot = status;
  api.save(user).then(() => console.log(user.id, statusSnapshot));
  status = 'sent';
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'for-of let head trimmed after the closure is queued',
      code: `declare const jobs: Array<() => void>;
declare function send(line: string): void;
for (let line of ['a ', ' b']) {
  jobs.push(() => send(line));
  line = line.trim();
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `declare const jobs: Array<() => void>;
declare function send(line: string): void;
for (let line of ['a ', ' b']) {
  const lineSnapshot = line;
  jobs.push(() => send(lineSnapshot));
  line = line.trim();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'nested loops: outer var, inner let',
      code: `declare const grid: number[][];
const cells: Array<() => number> = [];
for (var r = 0; r < 3; r++) {
  for (let c = 0; c < 3; c++) {
    cells.push(() => grid[r][c]);
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 16,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const grid: number[][];
const cells: Array<() => number> = [];
for (let r = 0; r < 3; r++) {
  for (let c = 0; c < 3; c++) {
    cells.push(() => grid[r][c]);
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const grid: number[][];
const cells: Array<() => number> = [];
for (var r = 0; r < 3; r++) {
  for (let c = 0; c < 3; c++) {
    const rSnapshot = r;
    cells.push(() => grid[rSnapshot][c]);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'nested loops: both counters are var',
      code: `declare const grid: number[][];
const cells: Array<() => number> = [];
for (var r = 0; r < 3; r++) {
  for (var c = 0; c < 3; c++) {
    cells.push(() => grid[r][c]);
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 16,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const grid: number[][];
const cells: Array<() => number> = [];
for (let r = 0; r < 3; r++) {
  for (let c = 0; c < 3; c++) {
    cells.push(() => grid[r][c]);
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const grid: number[][];
const cells: Array<() => number> = [];
for (var r = 0; r < 3; r++) {
  for (var c = 0; c < 3; c++) {
    const rSnapshot = r;
    const cSnapshot = c;
    cells.push(() => grid[rSnapshot][cSnapshot]);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'labelled loops: the break leaves only the inner loop',
      code: `declare const rows: number[][];
outer: for (var r = 0; r < rows.length; r++) {
  for (const cell of rows[r]) {
    if (cell < 0) {
      setTimeout(() => console.log('negative in row', r));
      break;
    }
  }
  if (r > 10) break outer;
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const rows: number[][];
outer: for (let r = 0; r < rows.length; r++) {
  for (const cell of rows[r]) {
    if (cell < 0) {
      setTimeout(() => console.log('negative in row', r));
      break;
    }
  }
  if (r > 10) break outer;
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const rows: number[][];
outer: for (var r = 0; r < rows.length; r++) {
  for (const cell of rows[r]) {
    if (cell < 0) {
      const rSnapshot = r;
      setTimeout(() => console.log('negative in row', rSnapshot));
      break;
    }
  }
  if (r > 10) break outer;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'break inside a switch does not leave the loop',
      code: `declare const kinds: string[];
for (var i = 0; i < kinds.length; i++) {
  switch (kinds[i]) {
    case 'later':
      setTimeout(() => console.log(kinds[i]));
      break;
    default:
      console.log(kinds[i]);
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const kinds: string[];
for (let i = 0; i < kinds.length; i++) {
  switch (kinds[i]) {
    case 'later':
      setTimeout(() => console.log(kinds[i]));
      break;
    default:
      console.log(kinds[i]);
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const kinds: string[];
for (var i = 0; i < kinds.length; i++) {
  switch (kinds[i]) {
    case 'later':
      const iSnapshot = i;
      setTimeout(() => console.log(kinds[iSnapshot]));
      break;
    default:
      console.log(kinds[i]);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'class method wiring onclick handlers in a var loop',
      code: `class Menu {
  select(item: string): void { console.log(item); }
  render(items: string[]): void {
    for (var i = 0; i < items.length; i++) {
      const button = document.createElement('button');
      button.onclick = () => this.select(items[i]);
      document.body.append(button);
    }
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Menu {
  select(item: string): void { console.log(item); }
  render(items: string[]): void {
    for (let i = 0; i < items.length; i++) {
      const button = document.createElement('button');
      button.onclick = () => this.select(items[i]);
      document.body.append(button);
    }
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Menu {
  select(item: string): void { console.log(item); }
  render(items: string[]): void {
    for (var i = 0; i < items.length; i++) {
      const button = document.createElement('button');
      const iSnapshot = i;
      button.onclick = () => this.select(items[iSnapshot]);
      document.body.append(button);
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'React-style onClick handlers built in a var loop',
      filename: 'react.tsx',
      code: `declare function select(id: number): void;
export function List({ items }: { items: Array<{ id: number; name: string }> }) {
  const rows = [];
  for (var i = 0; i < items.length; i++) {
    rows.push(<li key={items[i].id} onClick={() => select(items[i].id)}>{items[i].name}</li>);
  }
  return <ul>{rows}</ul>;
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 46,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function select(id: number): void;
export function List({ items }: { items: Array<{ id: number; name: string }> }) {
  const rows = [];
  for (let i = 0; i < items.length; i++) {
    rows.push(<li key={items[i].id} onClick={() => select(items[i].id)}>{items[i].name}</li>);
  }
  return <ul>{rows}</ul>;
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function select(id: number): void;
export function List({ items }: { items: Array<{ id: number; name: string }> }) {
  const rows = [];
  for (var i = 0; i < items.length; i++) {
    const iSnapshot = i;
    rows.push(<li key={items[i].id} onClick={() => select(items[iSnapshot].id)}>{items[i].name}</li>);
  }
  return <ul>{rows}</ul>;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'named function declared before the loop and scheduled in it',
      code: `let current = '';
function report(): void {
  console.log('processing', current);
}
for (const item of ['a', 'b']) {
  current = item;
  setTimeout(report, 10);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: 'named arrow listener reading an outer let the loop reassigns',
      code: `import { Readable } from 'node:stream';
declare const streams: Readable[];
let chunks: Buffer[] = [];
const onData = (chunk: Buffer) => { chunks.push(chunk); };
for (const stream of streams) {
  chunks = [];
  stream.on('data', onData);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: 'async function started without await reads the shared value after its await',
      code: `declare const db: { connect(): Promise<void>; write(value: string): Promise<void> };
let pendingValue = '';
async function flush(): Promise<void> {
  await db.connect();
  await db.write(pendingValue);
}
for (const value of ['a', 'b']) {
  pendingValue = value;
  void flush();
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 8,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Node error-first callback reading the var index',
      code: `import fs from 'node:fs';
const files = ['a.txt', 'b.txt'];
const contents: string[] = [];
for (var f = 0; f < files.length; f++) {
  fs.readFile(files[f], 'utf8', function (err, data) {
    if (!err) contents[f] = data;
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 33,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `import fs from 'node:fs';
const files = ['a.txt', 'b.txt'];
const contents: string[] = [];
for (let f = 0; f < files.length; f++) {
  fs.readFile(files[f], 'utf8', function (err, data) {
    if (!err) contents[f] = data;
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `import fs from 'node:fs';
const files = ['a.txt', 'b.txt'];
const contents: string[] = [];
for (var f = 0; f < files.length; f++) {
  const fSnapshot = f;
  fs.readFile(files[f], 'utf8', function (err, data) {
    if (!err) contents[fSnapshot] = data;
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Express routes registered in a var loop',
      code: `declare const app: { get(path: string, handler: (req: unknown, res: { send(body: string): void }) => void): void };
const pages = [{ path: '/a', body: 'A' }];
for (var p = 0; p < pages.length; p++) {
  app.get(pages[p].path, (req, res) => res.send(pages[p].body));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const app: { get(path: string, handler: (req: unknown, res: { send(body: string): void }) => void): void };
const pages = [{ path: '/a', body: 'A' }];
for (let p = 0; p < pages.length; p++) {
  app.get(pages[p].path, (req, res) => res.send(pages[p].body));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const app: { get(path: string, handler: (req: unknown, res: { send(body: string): void }) => void): void };
const pages = [{ path: '/a', body: 'A' }];
for (var p = 0; p < pages.length; p++) {
  const pSnapshot = p;
  app.get(pages[p].path, (req, res) => res.send(pages[pSnapshot].body));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'test cases generated with a var index',
      code: `declare function it(name: string, body: () => void): void;
declare function check(input: string): boolean;
const cases = ['a', 'b'];
for (var t = 0; t < cases.length; t++) {
  it('accepts ' + cases[t], () => {
    if (!check(cases[t])) throw new Error('rejected');
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 29,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function it(name: string, body: () => void): void;
declare function check(input: string): boolean;
const cases = ['a', 'b'];
for (let t = 0; t < cases.length; t++) {
  it('accepts ' + cases[t], () => {
    if (!check(cases[t])) throw new Error('rejected');
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function it(name: string, body: () => void): void;
declare function check(input: string): boolean;
const cases = ['a', 'b'];
for (var t = 0; t < cases.length; t++) {
  const tSnapshot = t;
  it('accepts ' + cases[t], () => {
    if (!check(cases[tSnapshot])) throw new Error('rejected');
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'jQuery-style ajax success option',
      code: `declare const $: { ajax(options: { url: string; success(data: string): void }): void };
const urls = ['/a', '/b'];
const out: string[] = [];
for (var u = 0; u < urls.length; u++) {
  $.ajax({ url: urls[u], success: function (data) { out[u] = data; } });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 35,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const $: { ajax(options: { url: string; success(data: string): void }): void };
const urls = ['/a', '/b'];
const out: string[] = [];
for (let u = 0; u < urls.length; u++) {
  $.ajax({ url: urls[u], success: function (data) { out[u] = data; } });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const $: { ajax(options: { url: string; success(data: string): void }): void };
const urls = ['/a', '/b'];
const out: string[] = [];
for (var u = 0; u < urls.length; u++) {
  const uSnapshot = u;
  $.ajax({ url: urls[u], success: function (data) { out[uSnapshot] = data; } });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'handler kept in a local const, then registered',
      code: `declare const links: HTMLElement[];
for (var i = 0; i < links.length; i++) {
  const onClick = () => links[i].classList.toggle('active');
  links[i].addEventListener('click', onClick);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 19,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const links: HTMLElement[];
for (let i = 0; i < links.length; i++) {
  const onClick = () => links[i].classList.toggle('active');
  links[i].addEventListener('click', onClick);
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const links: HTMLElement[];
for (var i = 0; i < links.length; i++) {
  const iSnapshot = i;
  const onClick = () => links[iSnapshot].classList.toggle('active');
  links[i].addEventListener('click', onClick);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'function declaration in the loop body registered as a listener',
      code: `declare const inputs: HTMLInputElement[];
for (var i = 0; i < inputs.length; i++) {
  function onChange() {
    console.log(inputs[i].value);
  }
  inputs[i].addEventListener('change', onChange);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const inputs: HTMLInputElement[];
for (let i = 0; i < inputs.length; i++) {
  function onChange() {
    console.log(inputs[i].value);
  }
  inputs[i].addEventListener('change', onChange);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'MutationObserver callback',
      code: `declare const nodes: Node[];
for (var i = 0; i < nodes.length; i++) {
  new MutationObserver(() => console.log('changed', i)).observe(nodes[i], { childList: true });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const nodes: Node[];
for (let i = 0; i < nodes.length; i++) {
  new MutationObserver(() => console.log('changed', i)).observe(nodes[i], { childList: true });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const nodes: Node[];
for (var i = 0; i < nodes.length; i++) {
  const iSnapshot = i;
  new MutationObserver(() => console.log('changed', iSnapshot)).observe(nodes[i], { childList: true });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'queueMicrotask, requestAnimationFrame and process.nextTick',
      code: `for (var frame = 0; frame < 3; frame++) {
  queueMicrotask(() => console.log(frame));
  requestAnimationFrame(() => console.log(frame));
  process.nextTick(() => console.log(frame));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let frame = 0; frame < 3; frame++) {
  queueMicrotask(() => console.log(frame));
  requestAnimationFrame(() => console.log(frame));
  process.nextTick(() => console.log(frame));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var frame = 0; frame < 3; frame++) {
  const frameSnapshot = frame;
  queueMicrotask(() => console.log(frameSnapshot));
  requestAnimationFrame(() => console.log(frame));
  process.nextTick(() => console.log(frame));
}
`,
            },
          ],
        },
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let frame = 0; frame < 3; frame++) {
  queueMicrotask(() => console.log(frame));
  requestAnimationFrame(() => console.log(frame));
  process.nextTick(() => console.log(frame));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var frame = 0; frame < 3; frame++) {
  queueMicrotask(() => console.log(frame));
  const frameSnapshot = frame;
  requestAnimationFrame(() => console.log(frameSnapshot));
  process.nextTick(() => console.log(frame));
}
`,
            },
          ],
        },
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let frame = 0; frame < 3; frame++) {
  queueMicrotask(() => console.log(frame));
  requestAnimationFrame(() => console.log(frame));
  process.nextTick(() => console.log(frame));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var frame = 0; frame < 3; frame++) {
  queueMicrotask(() => console.log(frame));
  requestAnimationFrame(() => console.log(frame));
  const frameSnapshot = frame;
  process.nextTick(() => console.log(frameSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'promises pushed to an outer array are only awaited after the loop',
      code: `declare function fetchJson(url: string): Promise<unknown>;
async function loadAll(urls: string[]): Promise<unknown[]> {
  const results: unknown[] = [];
  const tasks: Promise<void>[] = [];
  for (var i = 0; i < urls.length; i++) {
    tasks.push(fetchJson(urls[i]).then((json) => { results[i] = json; }));
  }
  await Promise.all(tasks);
  return results;
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 40,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function fetchJson(url: string): Promise<unknown>;
async function loadAll(urls: string[]): Promise<unknown[]> {
  const results: unknown[] = [];
  const tasks: Promise<void>[] = [];
  for (let i = 0; i < urls.length; i++) {
    tasks.push(fetchJson(urls[i]).then((json) => { results[i] = json; }));
  }
  await Promise.all(tasks);
  return results;
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function fetchJson(url: string): Promise<unknown>;
async function loadAll(urls: string[]): Promise<unknown[]> {
  const results: unknown[] = [];
  const tasks: Promise<void>[] = [];
  for (var i = 0; i < urls.length; i++) {
    const iSnapshot = i;
    tasks.push(fetchJson(urls[i]).then((json) => { results[iSnapshot] = json; }));
  }
  await Promise.all(tasks);
  return results;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'closure in an if without braces',
      code: `for (var i = 0; i < 3; i++)
  if (i % 2) setTimeout(() => console.log(i));
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < 3; i++)
  if (i % 2) setTimeout(() => console.log(i));
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < 3; i++)
  if (i % 2) { const iSnapshot = i; setTimeout(() => console.log(iSnapshot)); }
`,
            },
          ],
        },
      ],
    },
    {
      name: 'leading comment stays attached to its statement',
      code: `for (var i = 0, len = 3; i < len; i++) {
  // render once the frame is free
  setTimeout(() => console.log(i), 0);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0, len = 3; i < len; i++) {
  // render once the frame is free
  setTimeout(() => console.log(i), 0);
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0, len = 3; i < len; i++) {
  const iSnapshot = i;
  // render once the frame is free
  setTimeout(() => console.log(iSnapshot), 0);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'shorthand property inside the closure',
      code: `declare function track(event: { index: number }): void;
for (var index = 0; index < 3; index++) {
  setTimeout(() => track({ index }), 0);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function track(event: { index: number }): void;
for (let index = 0; index < 3; index++) {
  setTimeout(() => track({ index }), 0);
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function track(event: { index: number }): void;
for (var index = 0; index < 3; index++) {
  const indexSnapshot = index;
  setTimeout(() => track({ index: indexSnapshot }), 0);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'var read after the loop: only the snapshot is offered',
      code: `const items = ['a', 'b'];
for (var i = 0; i < items.length; i++) {
  if (items[i] === 'skip') continue;
  setTimeout(() => console.log(items[i]), 0);
}
console.log('stopped at', i);
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `const items = ['a', 'b'];
for (var i = 0; i < items.length; i++) {
  if (items[i] === 'skip') continue;
  const iSnapshot = i;
  setTimeout(() => console.log(items[iSnapshot]), 0);
}
console.log('stopped at', i);
`,
            },
          ],
        },
      ],
    },
    {
      name: 'var declared in the loop body',
      code: `declare const rows: Array<{ cells: HTMLElement[] }>;
declare function select(cell: HTMLElement): void;
for (const row of rows) {
  var cell = row.cells[0];
  cell.addEventListener('click', function () { select(cell); });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 34,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const rows: Array<{ cells: HTMLElement[] }>;
declare function select(cell: HTMLElement): void;
for (const row of rows) {
  let cell = row.cells[0];
  cell.addEventListener('click', function () { select(cell); });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const rows: Array<{ cells: HTMLElement[] }>;
declare function select(cell: HTMLElement): void;
for (const row of rows) {
  var cell = row.cells[0];
  const cellSnapshot = cell;
  cell.addEventListener('click', function () { select(cellSnapshot); });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'function parameter reassigned by a backoff loop',
      code: `function backoff(delay: number, tries: number): void {
  while (tries-- > 0) {
    delay *= 2;
    setTimeout(() => console.log('next try in', delay), delay);
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `function backoff(delay: number, tries: number): void {
  while (tries-- > 0) {
    delay *= 2;
    const delaySnapshot = delay;
    setTimeout(() => console.log('next try in', delaySnapshot), delay);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'snapshot name avoids an existing identifier',
      code: `for (var i = 0; i < 3; i++) {
  const iSnapshot = 'taken';
  setTimeout(() => console.log(i, iSnapshot));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < 3; i++) {
  const iSnapshot = 'taken';
  setTimeout(() => console.log(i, iSnapshot));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < 3; i++) {
  const iSnapshot = 'taken';
  const iSnapshot2 = i;
  setTimeout(() => console.log(iSnapshot2, iSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'async callback handed to a helper and never awaited',
      code: `declare function limit<T>(task: () => Promise<T>): Promise<T>;
declare function download(url: string): Promise<string>;
const urls = ['/a'];
const bodies: string[] = [];
for (var i = 0; i < urls.length; i++) {
  void limit(async () => {
    const body = await download(urls[i]);
    bodies[i] = body;
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function limit<T>(task: () => Promise<T>): Promise<T>;
declare function download(url: string): Promise<string>;
const urls = ['/a'];
const bodies: string[] = [];
for (let i = 0; i < urls.length; i++) {
  void limit(async () => {
    const body = await download(urls[i]);
    bodies[i] = body;
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function limit<T>(task: () => Promise<T>): Promise<T>;
declare function download(url: string): Promise<string>;
const urls = ['/a'];
const bodies: string[] = [];
for (var i = 0; i < urls.length; i++) {
  const iSnapshot = i;
  void limit(async () => {
    const body = await download(urls[iSnapshot]);
    bodies[iSnapshot] = body;
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'setState updater runs after the loop',
      code: `declare const component: { setState(update: (state: { total: number }) => { total: number }): void };
for (var amount = 1; amount <= 3; amount++) {
  component.setState((state) => ({ total: state.total + amount }));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const component: { setState(update: (state: { total: number }) => { total: number }): void };
for (let amount = 1; amount <= 3; amount++) {
  component.setState((state) => ({ total: state.total + amount }));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const component: { setState(update: (state: { total: number }) => { total: number }): void };
for (var amount = 1; amount <= 3; amount++) {
  const amountSnapshot = amount;
  component.setState((state) => ({ total: state.total + amountSnapshot }));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'capture not followed by break: the loop keeps going',
      code: `declare function next(): string | undefined;
let token: string | undefined;
while ((token = next()) !== undefined) {
  setTimeout(() => console.log(token));
  if (token === 'end') break;
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `declare function next(): string | undefined;
let token: string | undefined;
while ((token = next()) !== undefined) {
  const tokenSnapshot = token;
  setTimeout(() => console.log(tokenSnapshot));
  if (token === 'end') break;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'closure in a do-while with a var declared in the body',
      code: `declare function poll(): number;
const seen: Array<() => number> = [];
do {
  var reading = poll();
  seen.push(() => reading);
} while (seen.length < 5);
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function poll(): number;
const seen: Array<() => number> = [];
do {
  let reading = poll();
  seen.push(() => reading);
} while (seen.length < 5);
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function poll(): number;
const seen: Array<() => number> = [];
do {
  var reading = poll();
  const readingSnapshot = reading;
  seen.push(() => readingSnapshot);
} while (seen.length < 5);
`,
            },
          ],
        },
      ],
    },
    {
      name: 'accessor defined with Object.defineProperty',
      code: `declare const target: object;
const keys = ['a', 'b'];
const values = [1, 2];
for (var i = 0; i < keys.length; i++) {
  Object.defineProperty(target, keys[i], { get: function () { return values[i]; } });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 49,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const target: object;
const keys = ['a', 'b'];
const values = [1, 2];
for (let i = 0; i < keys.length; i++) {
  Object.defineProperty(target, keys[i], { get: function () { return values[i]; } });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const target: object;
const keys = ['a', 'b'];
const values = [1, 2];
for (var i = 0; i < keys.length; i++) {
  const iSnapshot = i;
  Object.defineProperty(target, keys[i], { get: function () { return values[iSnapshot]; } });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'bound function expression handed to a timer',
      code: `class Ticker {
  log(n: number): void { console.log(n); }
  start(): void {
    for (var i = 0; i < 3; i++) {
      setTimeout(function (this: Ticker) { this.log(i); }.bind(this), 10);
    }
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Ticker {
  log(n: number): void { console.log(n); }
  start(): void {
    for (let i = 0; i < 3; i++) {
      setTimeout(function (this: Ticker) { this.log(i); }.bind(this), 10);
    }
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Ticker {
  log(n: number): void { console.log(n); }
  start(): void {
    for (var i = 0; i < 3; i++) {
      const iSnapshot = i;
      setTimeout(function (this: Ticker) { this.log(iSnapshot); }.bind(this), 10);
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'sequential promise chain built in a var loop',
      code: `declare function step(n: number): Promise<void>;
let chain: Promise<void> = Promise.resolve();
for (var n = 0; n < 5; n++) {
  chain = chain.then(() => step(n));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function step(n: number): Promise<void>;
let chain: Promise<void> = Promise.resolve();
for (let n = 0; n < 5; n++) {
  chain = chain.then(() => step(n));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function step(n: number): Promise<void>;
let chain: Promise<void> = Promise.resolve();
for (var n = 0; n < 5; n++) {
  const nSnapshot = n;
  chain = chain.then(() => step(nSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'timer inside a promise that is collected, not awaited, by the iteration',
      code: `const delays: Promise<number>[] = [];
for (var i = 0; i < 3; i++) {
  delays.push(new Promise((resolve) => setTimeout(() => resolve(i), 100 * i)));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 51,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const delays: Promise<number>[] = [];
for (let i = 0; i < 3; i++) {
  delays.push(new Promise((resolve) => setTimeout(() => resolve(i), 100 * i)));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const delays: Promise<number>[] = [];
for (var i = 0; i < 3; i++) {
  const iSnapshot = i;
  delays.push(new Promise((resolve) => setTimeout(() => resolve(iSnapshot), 100 * i)));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'counter declared with let before the loop and stepped by the for head',
      code: `let i: number;
for (i = 0; i < 3; i++) {
  setTimeout(() => console.log(i));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `let i: number;
for (i = 0; i < 3; i++) {
  const iSnapshot = i;
  setTimeout(() => console.log(iSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'worker message handlers stored on onmessage',
      code: `declare const workers: Worker[];
const results: unknown[] = [];
for (var w = 0; w < workers.length; w++) {
  workers[w].onmessage = (event: MessageEvent) => { results[w] = event.data; };
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const workers: Worker[];
const results: unknown[] = [];
for (let w = 0; w < workers.length; w++) {
  workers[w].onmessage = (event: MessageEvent) => { results[w] = event.data; };
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const workers: Worker[];
const results: unknown[] = [];
for (var w = 0; w < workers.length; w++) {
  const wSnapshot = w;
  workers[w].onmessage = (event: MessageEvent) => { results[wSnapshot] = event.data; };
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'debounced handler registered as a listener',
      code: `declare function debounce<T extends () => void>(fn: T, ms: number): T;
declare function search(text: string): void;
declare const inputs: HTMLInputElement[];
for (var i = 0; i < inputs.length; i++) {
  inputs[i].addEventListener('input', debounce(() => search(inputs[i].value), 300));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 48,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function debounce<T extends () => void>(fn: T, ms: number): T;
declare function search(text: string): void;
declare const inputs: HTMLInputElement[];
for (let i = 0; i < inputs.length; i++) {
  inputs[i].addEventListener('input', debounce(() => search(inputs[i].value), 300));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function debounce<T extends () => void>(fn: T, ms: number): T;
declare function search(text: string): void;
declare const inputs: HTMLInputElement[];
for (var i = 0; i < inputs.length; i++) {
  const iSnapshot = i;
  inputs[i].addEventListener('input', debounce(() => search(inputs[iSnapshot].value), 300));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Observable subscriber object',
      code: `declare const feeds: Array<{ subscribe(observer: { next(value: string): void; error(err: unknown): void }): void }>;
for (var f = 0; f < feeds.length; f++) {
  feeds[f].subscribe({
    next: (value) => console.log('feed', f, value),
    error: (err) => console.error(err),
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 11,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const feeds: Array<{ subscribe(observer: { next(value: string): void; error(err: unknown): void }): void }>;
for (let f = 0; f < feeds.length; f++) {
  feeds[f].subscribe({
    next: (value) => console.log('feed', f, value),
    error: (err) => console.error(err),
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const feeds: Array<{ subscribe(observer: { next(value: string): void; error(err: unknown): void }): void }>;
for (var f = 0; f < feeds.length; f++) {
  const fSnapshot = f;
  feeds[f].subscribe({
    next: (value) => console.log('feed', fSnapshot, value),
    error: (err) => console.error(err),
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'batching: the outer batch is replaced right after the flush is scheduled',
      code: `declare function send(lines: string[]): void;
declare const lines: string[];
let batch: string[] = [];
for (const line of lines) {
  batch.push(line);
  if (batch.length === 100) {
    setTimeout(() => send(batch), 0);
    batch = [];
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 16,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `declare function send(lines: string[]): void;
declare const lines: string[];
let batch: string[] = [];
for (const line of lines) {
  batch.push(line);
  if (batch.length === 100) {
    const batchSnapshot = batch;
    setTimeout(() => send(batchSnapshot), 0);
    batch = [];
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Vue-style $nextTick callback',
      code: `declare const vm: { $nextTick(cb: () => void): void; focus(n: number): void };
for (var row = 0; row < 3; row++) {
  vm.$nextTick(() => vm.focus(row));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 16,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare const vm: { $nextTick(cb: () => void): void; focus(n: number): void };
for (let row = 0; row < 3; row++) {
  vm.$nextTick(() => vm.focus(row));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare const vm: { $nextTick(cb: () => void): void; focus(n: number): void };
for (var row = 0; row < 3; row++) {
  const rowSnapshot = row;
  vm.$nextTick(() => vm.focus(rowSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'closure returned by a factory declared in the loop and pushed',
      code: `const callbacks: Array<() => number> = [];
for (var i = 0; i < 3; i++) {
  callbacks.push(makeCallback());
  function makeCallback() { return function () { return i; }; }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 36,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const callbacks: Array<() => number> = [];
for (let i = 0; i < 3; i++) {
  callbacks.push(makeCallback());
  function makeCallback() { return function () { return i; }; }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const callbacks: Array<() => number> = [];
for (var i = 0; i < 3; i++) {
  callbacks.push(makeCallback());
  function makeCallback() { const iSnapshot = i; return function () { return iSnapshot; }; }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'local helper called in the iteration schedules a timer',
      code: `for (var i = 0; i < 3; i++) {
  const schedule = () => setTimeout(() => console.log(i), 100);
  schedule();
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 37,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < 3; i++) {
  const schedule = () => setTimeout(() => console.log(i), 100);
  schedule();
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < 3; i++) {
  const iSnapshot = i;
  const schedule = () => setTimeout(() => console.log(iSnapshot), 100);
  schedule();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'lower-case onclick prop handed to a hyperscript helper',
      code: `declare function h(tag: string, props: { onclick: () => void }): unknown;
declare function select(n: number): void;
const items: unknown[] = [];
for (var i = 0; i < 3; i++) {
  items.push(h('li', { onclick: () => select(i) }));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 33,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `declare function h(tag: string, props: { onclick: () => void }): unknown;
declare function select(n: number): void;
const items: unknown[] = [];
for (let i = 0; i < 3; i++) {
  items.push(h('li', { onclick: () => select(i) }));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `declare function h(tag: string, props: { onclick: () => void }): unknown;
declare function select(n: number): void;
const items: unknown[] = [];
for (var i = 0; i < 3; i++) {
  const iSnapshot = i;
  items.push(h('li', { onclick: () => select(iSnapshot) }));
}
`,
            },
          ],
        },
      ],
    },
  ],
});

// The rule needs no type information; with a program it must behave exactly the same.
createTypedRuleTester().run('no-loop-closure-capture (type information)', rule, {
  valid: [
    {
      name: 'let per-iteration counter in a classic for loop',
      filename: typedFile,
      code: `for (let i = 0; i < 3; i++) {
  setTimeout(() => console.log(i), 100);
}
`,
    },
    {
      name: 'const copy of a var',
      filename: typedFile,
      code: `for (var i = 0; i < 3; i++) {
  const current = i;
  setTimeout(() => console.log(current), 100);
}
`,
    },
  ],
  invalid: [
    {
      name: 'var loop counter read by a setTimeout callback',
      filename: typedFile,
      code: `for (var i = 0; i < 3; i++) {
  setTimeout(() => console.log(i), 100);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < 3; i++) {
  setTimeout(() => console.log(i), 100);
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < 3; i++) {
  const iSnapshot = i;
  setTimeout(() => console.log(iSnapshot), 100);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'var counter read by a setInterval poller',
      filename: typedFile,
      code: `function pollAll(urls: string[]): void {
  for (var index = 0; index < urls.length; index++) {
    setInterval(function () {
      void fetch(urls[index]);
    }, 5000);
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function pollAll(urls: string[]): void {
  for (let index = 0; index < urls.length; index++) {
    setInterval(function () {
      void fetch(urls[index]);
    }, 5000);
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function pollAll(urls: string[]): void {
  for (var index = 0; index < urls.length; index++) {
    const indexSnapshot = index;
    setInterval(function () {
      void fetch(urls[indexSnapshot]);
    }, 5000);
  }
}
`,
            },
          ],
        },
      ],
    },
  ],
});

createJavaScriptRuleTester().run('no-loop-closure-capture (JavaScript)', rule, {
  valid: [
    {
      name: 'plain JavaScript: let counter with setTimeout',
      code: `for (let i = 0; i < 3; i++) {
  setTimeout(function () { console.log(i); }, 10);
}
`,
    },
    {
      name: 'plain JavaScript: var with synchronous callbacks only',
      code: `for (var i = 0; i < rows.length; i++) {
  var total = rows[i].reduce(function (sum, v) { return sum + v * i; }, 0);
  console.log(total);
}
`,
    },
    {
      name: 'plain JavaScript: IIFE snapshot',
      code: `for (var i = 0; i < 3; i++) {
  (function (j) { setTimeout(function () { console.log(j); }, 10); })(i);
}
`,
    },
    {
      name: 'plain JavaScript: capture followed by break',
      code: `for (var i = 0; i < list.length; i++) {
  if (list[i].id === wanted) {
    setTimeout(function () { show(list[i]); });
    break;
  }
}
`,
    },
    {
      name: 'plain JavaScript: Promise executor and awaited promise',
      code: `async function run(list) {
  for (var i = 0; i < list.length; i++) {
    await new Promise(function (resolve) {
      setTimeout(function () { resolve(list[i]); }, 10);
    });
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'plain JavaScript: var counter and setTimeout',
      code: `for (var i = 0; i < 3; i++) {
  setTimeout(function () { console.log(i); }, 10);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < 3; i++) {
  setTimeout(function () { console.log(i); }, 10);
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < 3; i++) {
  const iSnapshot = i;
  setTimeout(function () { console.log(iSnapshot); }, 10);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: for-in var key and an onclick property',
      code: `var links = document.querySelectorAll('a');
for (var key in links) {
  links[key].onclick = function () { return go(key); };
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `var links = document.querySelectorAll('a');
for (let key in links) {
  links[key].onclick = function () { return go(key); };
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `var links = document.querySelectorAll('a');
for (var key in links) {
  const keySnapshot = key;
  links[key].onclick = function () { return go(keySnapshot); };
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: named function deferred from a while loop',
      code: `var current = null;
function flush() { console.log(current); }
var queue = ['a', 'b'];
while (queue.length) {
  current = queue.shift();
  setImmediate(flush);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: 'plain JavaScript: outer let in a do-while, promise callback',
      code: `let offset = 0;
do {
  offset += 10;
  load(offset).then(function (rows) { render(rows, offset); });
} while (offset < 100);
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `let offset = 0;
do {
  offset += 10;
  const offsetSnapshot = offset;
  load(offset).then(function (rows) { render(rows, offsetSnapshot); });
} while (offset < 100);
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: async IIFE inside a for-of with var',
      code: `for (var item of items) {
  (async function () {
    await save(item);
    log('saved', item);
  })();
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 4,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let item of items) {
  (async function () {
    await save(item);
    log('saved', item);
  })();
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var item of items) {
  const itemSnapshot = item;
  (async function () {
    await save(itemSnapshot);
    log('saved', itemSnapshot);
  })();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: jQuery click handlers',
      code: `for (var i = 0; i < 5; i++) {
  $('#item-' + i).click(function () {
    $('#detail').text('Item ' + i);
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < 5; i++) {
  $('#item-' + i).click(function () {
    $('#detail').text('Item ' + i);
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < 5; i++) {
  const iSnapshot = i;
  $('#item-' + i).click(function () {
    $('#detail').text('Item ' + iSnapshot);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: error-first callback in a while loop over a queue',
      code: `var fs = require('fs');
var pending = ['a.txt', 'b.txt'];
while (pending.length > 0) {
  var file = pending.pop();
  fs.stat(file, function (err, stats) {
    if (err) return;
    console.log(file, stats.size);
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `var fs = require('fs');
var pending = ['a.txt', 'b.txt'];
while (pending.length > 0) {
  let file = pending.pop();
  fs.stat(file, function (err, stats) {
    if (err) return;
    console.log(file, stats.size);
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `var fs = require('fs');
var pending = ['a.txt', 'b.txt'];
while (pending.length > 0) {
  var file = pending.pop();
  const fileSnapshot = file;
  fs.stat(file, function (err, stats) {
    if (err) return;
    console.log(fileSnapshot, stats.size);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: mocha test per fixture',
      code: `var fixtures = ['one', 'two'];
for (var n = 0; n < fixtures.length; n++) {
  it('parses ' + fixtures[n], function () {
    assert.ok(parse(fixtures[n]));
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 31,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `var fixtures = ['one', 'two'];
for (let n = 0; n < fixtures.length; n++) {
  it('parses ' + fixtures[n], function () {
    assert.ok(parse(fixtures[n]));
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `var fixtures = ['one', 'two'];
for (var n = 0; n < fixtures.length; n++) {
  const nSnapshot = n;
  it('parses ' + fixtures[n], function () {
    assert.ok(parse(fixtures[nSnapshot]));
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: jQuery Ajax shorthand and Deferred .done',
      code: `for (var i = 0; i < ids.length; i++) {
  $.getJSON('/items/' + ids[i], function (item) { cache[ids[i]] = item; });
  $.ajax({ url: '/stock/' + ids[i] }).done(function (stock) { levels[ids[i]] = stock; });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 33,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < ids.length; i++) {
  $.getJSON('/items/' + ids[i], function (item) { cache[ids[i]] = item; });
  $.ajax({ url: '/stock/' + ids[i] }).done(function (stock) { levels[ids[i]] = stock; });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < ids.length; i++) {
  const iSnapshot = i;
  $.getJSON('/items/' + ids[i], function (item) { cache[ids[iSnapshot]] = item; });
  $.ajax({ url: '/stock/' + ids[i] }).done(function (stock) { levels[ids[i]] = stock; });
}
`,
            },
          ],
        },
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 44,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < ids.length; i++) {
  $.getJSON('/items/' + ids[i], function (item) { cache[ids[i]] = item; });
  $.ajax({ url: '/stock/' + ids[i] }).done(function (stock) { levels[ids[i]] = stock; });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < ids.length; i++) {
  $.getJSON('/items/' + ids[i], function (item) { cache[ids[i]] = item; });
  const iSnapshot = i;
  $.ajax({ url: '/stock/' + ids[i] }).done(function (stock) { levels[ids[iSnapshot]] = stock; });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: Chrome extension API callback',
      code: `for (var t = 0; t < tabIds.length; t++) {
  chrome.tabs.get(tabIds[t], function (tab) {
    titles[tabIds[t]] = tab.title;
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 30,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let t = 0; t < tabIds.length; t++) {
  chrome.tabs.get(tabIds[t], function (tab) {
    titles[tabIds[t]] = tab.title;
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var t = 0; t < tabIds.length; t++) {
  const tSnapshot = t;
  chrome.tabs.get(tabIds[t], function (tab) {
    titles[tabIds[tSnapshot]] = tab.title;
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: Node http.get response callback and (e, data) callback',
      code: `const http = require('http');
const fs = require('fs');
for (var u = 0; u < urls.length; u++) {
  http.get(urls[u], (res) => { statuses[u] = res.statusCode; });
  fs.readFile(paths[u], (e, data) => { sizes[u] = data.length; });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const http = require('http');
const fs = require('fs');
for (let u = 0; u < urls.length; u++) {
  http.get(urls[u], (res) => { statuses[u] = res.statusCode; });
  fs.readFile(paths[u], (e, data) => { sizes[u] = data.length; });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const http = require('http');
const fs = require('fs');
for (var u = 0; u < urls.length; u++) {
  const uSnapshot = u;
  http.get(urls[u], (res) => { statuses[uSnapshot] = res.statusCode; });
  fs.readFile(paths[u], (e, data) => { sizes[u] = data.length; });
}
`,
            },
          ],
        },
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const http = require('http');
const fs = require('fs');
for (let u = 0; u < urls.length; u++) {
  http.get(urls[u], (res) => { statuses[u] = res.statusCode; });
  fs.readFile(paths[u], (e, data) => { sizes[u] = data.length; });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const http = require('http');
const fs = require('fs');
for (var u = 0; u < urls.length; u++) {
  http.get(urls[u], (res) => { statuses[u] = res.statusCode; });
  const uSnapshot = u;
  fs.readFile(paths[u], (e, data) => { sizes[uSnapshot] = data.length; });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: jQuery animation completion callback',
      code: `for (var b = 0; b < boxes.length; b++) {
  $(boxes[b]).fadeOut(200, function () { $(boxes[b]).remove(); });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 28,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let b = 0; b < boxes.length; b++) {
  $(boxes[b]).fadeOut(200, function () { $(boxes[b]).remove(); });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var b = 0; b < boxes.length; b++) {
  const bSnapshot = b;
  $(boxes[b]).fadeOut(200, function () { $(boxes[bSnapshot]).remove(); });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain JavaScript: undeclared global counter in a sloppy script',
      code: `for (i = 0; i < links.length; i++) {
  links[i].onclick = function () { open(pages[i]); };
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 22,
          suggestions: [],
        },
      ],
    },
  ],
});

// A function handed to a call the rule has no name for is judged by what the file says about the callee:
// a helper, method or constructor declared here that stores, registers or schedules its parameter; a Node
// core callback API known from its import; `.set`/`.add` on a declared Map or Set. Names alone decide
// nothing, so the same names on callees that run the callback at once stay quiet.

createRuleTester().run('no-loop-closure-capture (callees the file declares)', rule, {
  valid: [
    {
      name: 'set on a local class whose set calls the factory right away',
      code: `class Options {
  values: Record<string, unknown> = {};
  set(key: string, make: () => unknown): this {
    this.values[key] = make();
    return this;
  }
}
const opts = new Options();
for (var i = 0; i < keys.length; i++) {
  opts.set(keys[i], () => i * 2);
}
`,
    },
    {
      name: 'set on an interface that is not a Map',
      code: `interface Builder {
  set(key: string, compute: () => number): Builder;
}
declare const builder: Builder;
for (var i = 0; i < 3; i++) {
  builder.set('k' + i, () => i);
}
`,
    },
    {
      name: 'add on an instance of a local class that runs the callback',
      code: `class Totals {
  sum = 0;
  add(compute: () => number): void {
    this.sum += compute();
  }
}
const totals = new Totals();
let weight = 1;
for (const item of cart) {
  weight = item.weight;
  totals.add(() => item.price * weight);
}
`,
    },
    {
      name: 'a listener that reloads the outer let before using it',
      code: `let selection: string[] = [];
for (const list of lists) {
  selection = list.selected();
  list.el.addEventListener('change', () => {
    selection = list.selected();
    save(selection);
  });
}
`,
    },
    {
      name: 'a local helper that runs its callback before returning',
      code: `function withRetry<T>(work: () => T, attempts = 3): T {
  for (let n = 1; ; n++) {
    try {
      return work();
    } catch (error) {
      if (n >= attempts) throw error;
    }
  }
}
for (var i = 0; i < urls.length; i++) {
  withRetry(() => fetchSync(urls[i]));
}
`,
    },
    {
      name: 'a helper returning a promise reaction, awaited',
      code: `function afterSave(cb: () => void): Promise<void> {
  return save().then(cb);
}
async function flush(items: string[]): Promise<void> {
  for (var i = 0; i < items.length; i++) {
    await afterSave(() => mark(items[i]));
  }
}
`,
    },
    {
      name: 'class: a measuring method runs the callback synchronously',
      code: `class Profiler {
  samples: number[] = [];
  measure(label: string, fn: () => void): void {
    const start = performance.now();
    fn();
    this.samples.push(performance.now() - start);
  }
  runAll(steps: Array<() => void>): void {
    for (var i = 0; i < steps.length; i++) {
      this.measure('step', () => steps[i]());
    }
  }
}
`,
    },
    {
      name: 'set on a class field that is not a collection',
      code: `class Config {
  set(key: string, read: () => string): void {
    process.env[key] = read();
  }
}
class App {
  config = new Config();
  load(keys: string[]): void {
    for (var i = 0; i < keys.length; i++) {
      this.config.set(keys[i], () => defaults[keys[i]]);
    }
  }
}
`,
    },
    {
      name: 'latch: an in-flight counter decremented by a promise reaction',
      code: `let inFlight = 0;
const settle = (): boolean => --inFlight === 0 && bus.emit('idle');
function sendAll(chunks: Uint8Array[]): void {
  for (let offset = 0; offset < chunks.length; offset += 1) {
    inFlight++;
    transport.send(chunks[offset]).then(settle, fail);
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'helper: an arrow helper that stores its callback in an on… property (outer let)',
      code: `const bindHover = (node: HTMLElement, cb: () => void): void => {
  node.onmouseenter = cb;
};
let caption = '';
for (const entry of menuEntries) {
  caption = entry.title;
  bindHover(entry.node, () => showTooltip(caption));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `const bindHover = (node: HTMLElement, cb: () => void): void => {
  node.onmouseenter = cb;
};
let caption = '';
for (const entry of menuEntries) {
  caption = entry.title;
  const captionSnapshot = caption;
  bindHover(entry.node, () => showTooltip(captionSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: pushes an entry holding the callback into a module array',
      code: `interface Binding { el: Element; run: () => void }
const bindings: Binding[] = [];
function bindAction(el: Element, run: () => void): void {
  bindings.push({ el, run });
}
for (var a = 0; a < actions.length; a++) {
  bindAction(actions[a].el, () => perform(actions[a].id));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 29,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `interface Binding { el: Element; run: () => void }
const bindings: Binding[] = [];
function bindAction(el: Element, run: () => void): void {
  bindings.push({ el, run });
}
for (let a = 0; a < actions.length; a++) {
  bindAction(actions[a].el, () => perform(actions[a].id));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `interface Binding { el: Element; run: () => void }
const bindings: Binding[] = [];
function bindAction(el: Element, run: () => void): void {
  bindings.push({ el, run });
}
for (var a = 0; a < actions.length; a++) {
  const aSnapshot = a;
  bindAction(actions[a].el, () => perform(actions[aSnapshot].id));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: keeps the callback in a module Map',
      code: `const commands = new Map<string, () => void>();
function defineCommand(id: string, handler: () => void): void {
  commands.set(id, handler);
}
let verb = '';
for (const entry of manifest) {
  verb = entry.verb;
  defineCommand(entry.id, () => execute(verb));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 8,
          column: 27,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `const commands = new Map<string, () => void>();
function defineCommand(id: string, handler: () => void): void {
  commands.set(id, handler);
}
let verb = '';
for (const entry of manifest) {
  verb = entry.verb;
  const verbSnapshot = verb;
  defineCommand(entry.id, () => execute(verbSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a method of an object literal that registers the callback',
      code: `const ui = {
  bindToggle(el: Element, fn: (on: boolean) => void) {
    el.addEventListener('change', () => fn((el as HTMLInputElement).checked));
  },
};
for (var s = 0; s < switches.length; s++) {
  ui.bindToggle(switches[s], (on) => saveSetting(settings[s], on));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 30,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const ui = {
  bindToggle(el: Element, fn: (on: boolean) => void) {
    el.addEventListener('change', () => fn((el as HTMLInputElement).checked));
  },
};
for (let s = 0; s < switches.length; s++) {
  ui.bindToggle(switches[s], (on) => saveSetting(settings[s], on));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const ui = {
  bindToggle(el: Element, fn: (on: boolean) => void) {
    el.addEventListener('change', () => fn((el as HTMLInputElement).checked));
  },
};
for (var s = 0; s < switches.length; s++) {
  const sSnapshot = s;
  ui.bindToggle(switches[s], (on) => saveSetting(settings[sSnapshot], on));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: an async helper that calls the callback after an await, not awaited',
      code: `async function retryLater(task: () => void): Promise<void> {
  await sleep(250);
  task();
}
for (var job = 0; job < queue.length; job++) {
  void retryLater(() => run(queue[job]));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 19,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `async function retryLater(task: () => void): Promise<void> {
  await sleep(250);
  task();
}
for (let job = 0; job < queue.length; job++) {
  void retryLater(() => run(queue[job]));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `async function retryLater(task: () => void): Promise<void> {
  await sleep(250);
  task();
}
for (var job = 0; job < queue.length; job++) {
  const jobSnapshot = job;
  void retryLater(() => run(queue[jobSnapshot]));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a static method of a local class that listens',
      code: `class Events {
  static bind(el: Element, fn: () => void): void {
    el.addEventListener('click', fn);
  }
}
let chosen = -1;
for (const option of options) {
  chosen = option.index;
  Events.bind(option.el, () => pick(chosen));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `class Events {
  static bind(el: Element, fn: () => void): void {
    el.addEventListener('click', fn);
  }
}
let chosen = -1;
for (const option of options) {
  chosen = option.index;
  const chosenSnapshot = chosen;
  Events.bind(option.el, () => pick(chosenSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a helper that attaches the callback to a promise, not awaited',
      code: `function whenReady(cb: () => void): void {
  ready.then(cb);
}
for (var w = 0; w < widgets.length; w++) {
  whenReady(() => mount(widgets[w]));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function whenReady(cb: () => void): void {
  ready.then(cb);
}
for (let w = 0; w < widgets.length; w++) {
  whenReady(() => mount(widgets[w]));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function whenReady(cb: () => void): void {
  ready.then(cb);
}
for (var w = 0; w < widgets.length; w++) {
  const wSnapshot = w;
  whenReady(() => mount(widgets[wSnapshot]));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fs: watch imported under another name from node:fs, outer let',
      code: `import { watch as watchDir } from 'node:fs';
let target = '';
for (const folder of folders) {
  target = folder;
  watchDir(folder, { recursive: true }, () => sync(target));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 41,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `import { watch as watchDir } from 'node:fs';
let target = '';
for (const folder of folders) {
  target = folder;
  const targetSnapshot = target;
  watchDir(folder, { recursive: true }, () => sync(targetSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fs: stat callbacks in nested var loops',
      code: `import * as fs from 'node:fs';
for (var a = 0; a < roots.length; a++) {
  for (var b = 0; b < names.length; b++) {
    fs.stat(roots[a] + '/' + names[b], (problem, info) => record(roots[a], names[b], info));
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 40,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `import * as fs from 'node:fs';
for (let a = 0; a < roots.length; a++) {
  for (let b = 0; b < names.length; b++) {
    fs.stat(roots[a] + '/' + names[b], (problem, info) => record(roots[a], names[b], info));
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `import * as fs from 'node:fs';
for (var a = 0; a < roots.length; a++) {
  for (var b = 0; b < names.length; b++) {
    const aSnapshot = a;
    const bSnapshot = b;
    fs.stat(roots[a] + '/' + names[b], (problem, info) => record(roots[aSnapshot], names[bSnapshot], info));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'class: this.items[i] read by a callback handed to a method that stores it',
      code: `class Menu {
  private handlers: Array<() => void> = [];
  constructor(private items: string[]) {}
  private register(fn: () => void): void {
    this.handlers.push(fn);
  }
  build(): void {
    for (var i = 0; i < this.items.length; i++) {
      this.register(() => this.open(this.items[i]));
    }
  }
  open(item: string): void {}
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Menu {
  private handlers: Array<() => void> = [];
  constructor(private items: string[]) {}
  private register(fn: () => void): void {
    this.handlers.push(fn);
  }
  build(): void {
    for (let i = 0; i < this.items.length; i++) {
      this.register(() => this.open(this.items[i]));
    }
  }
  open(item: string): void {}
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Menu {
  private handlers: Array<() => void> = [];
  constructor(private items: string[]) {}
  private register(fn: () => void): void {
    this.handlers.push(fn);
  }
  build(): void {
    for (var i = 0; i < this.items.length; i++) {
      const iSnapshot = i;
      this.register(() => this.open(this.items[iSnapshot]));
    }
  }
  open(item: string): void {}
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'class: an arrow-function field that registers the callback',
      code: `class Tabs {
  items: string[] = [];
  private attach = (el: Element, fn: () => void) => el.addEventListener('click', fn);
  init(els: Element[]): void {
    for (var i = 0; i < els.length; i++) {
      this.attach(els[i], () => this.select(this.items[i]));
    }
  }
  select(item: string): void {}
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 27,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Tabs {
  items: string[] = [];
  private attach = (el: Element, fn: () => void) => el.addEventListener('click', fn);
  init(els: Element[]): void {
    for (let i = 0; i < els.length; i++) {
      this.attach(els[i], () => this.select(this.items[i]));
    }
  }
  select(item: string): void {}
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Tabs {
  items: string[] = [];
  private attach = (el: Element, fn: () => void) => el.addEventListener('click', fn);
  init(els: Element[]): void {
    for (var i = 0; i < els.length; i++) {
      const iSnapshot = i;
      this.attach(els[i], () => this.select(this.items[iSnapshot]));
    }
  }
  select(item: string): void {}
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'class: a method inherited from a base class in the same file',
      code: `class Widget {
  protected handlers: Array<() => void> = [];
  protected keep(fn: () => void): void {
    this.handlers.push(fn);
  }
}
class List extends Widget {
  items: number[] = [];
  wire(): void {
    for (var i = 0; i < this.items.length; i++) {
      this.onItem(() => this.emit(this.items[i]));
    }
  }
  private onItem(fn: () => void): void {
    this.keep(fn);
  }
  emit(value: number): void {}
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 11,
          column: 19,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Widget {
  protected handlers: Array<() => void> = [];
  protected keep(fn: () => void): void {
    this.handlers.push(fn);
  }
}
class List extends Widget {
  items: number[] = [];
  wire(): void {
    for (let i = 0; i < this.items.length; i++) {
      this.onItem(() => this.emit(this.items[i]));
    }
  }
  private onItem(fn: () => void): void {
    this.keep(fn);
  }
  emit(value: number): void {}
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Widget {
  protected handlers: Array<() => void> = [];
  protected keep(fn: () => void): void {
    this.handlers.push(fn);
  }
}
class List extends Widget {
  items: number[] = [];
  wire(): void {
    for (var i = 0; i < this.items.length; i++) {
      const iSnapshot = i;
      this.onItem(() => this.emit(this.items[iSnapshot]));
    }
  }
  private onItem(fn: () => void): void {
    this.keep(fn);
  }
  emit(value: number): void {}
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'class: a Map field keeps callbacks reading this.items[i]',
      code: `class Scheduler {
  private jobs = new Map<number, () => void>();
  items: string[] = [];
  plan(): void {
    for (var i = 0; i < this.items.length; i++) {
      this.jobs.set(i, () => this.run(this.items[i]));
    }
  }
  run(item: string): void {}
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Scheduler {
  private jobs = new Map<number, () => void>();
  items: string[] = [];
  plan(): void {
    for (let i = 0; i < this.items.length; i++) {
      this.jobs.set(i, () => this.run(this.items[i]));
    }
  }
  run(item: string): void {}
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Scheduler {
  private jobs = new Map<number, () => void>();
  items: string[] = [];
  plan(): void {
    for (var i = 0; i < this.items.length; i++) {
      const iSnapshot = i;
      this.jobs.set(i, () => this.run(this.items[iSnapshot]));
    }
  }
  run(item: string): void {}
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'switch: a case hands a closure to a scheduling helper, then breaks the switch',
      code: `const pending: Array<() => void> = [];
function schedule(task: () => void): void {
  pending.push(task);
}
for (var k = 0; k < ops.length; k++) {
  switch (ops[k].kind) {
    case 'insert':
      schedule(() => apply(ops[k]));
      break;
    case 'noop':
      continue;
    default:
      throw new Error('unknown op');
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 8,
          column: 16,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const pending: Array<() => void> = [];
function schedule(task: () => void): void {
  pending.push(task);
}
for (let k = 0; k < ops.length; k++) {
  switch (ops[k].kind) {
    case 'insert':
      schedule(() => apply(ops[k]));
      break;
    case 'noop':
      continue;
    default:
      throw new Error('unknown op');
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const pending: Array<() => void> = [];
function schedule(task: () => void): void {
  pending.push(task);
}
for (var k = 0; k < ops.length; k++) {
  switch (ops[k].kind) {
    case 'insert':
      const kSnapshot = k;
      schedule(() => apply(ops[kSnapshot]));
      break;
    case 'noop':
      continue;
    default:
      throw new Error('unknown op');
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'labelled continue right after the capture still advances the loop',
      code: `function onReady(cb: () => void): void {
  readyCallbacks.push(cb);
}
const readyCallbacks: Array<() => void> = [];
outer: for (var g = 0; g < groups.length; g++) {
  for (const member of groups[g]) {
    onReady(() => greet(member, g));
    continue outer;
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function onReady(cb: () => void): void {
  readyCallbacks.push(cb);
}
const readyCallbacks: Array<() => void> = [];
outer: for (let g = 0; g < groups.length; g++) {
  for (const member of groups[g]) {
    onReady(() => greet(member, g));
    continue outer;
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function onReady(cb: () => void): void {
  readyCallbacks.push(cb);
}
const readyCallbacks: Array<() => void> = [];
outer: for (var g = 0; g < groups.length; g++) {
  for (const member of groups[g]) {
    const gSnapshot = g;
    onReady(() => greet(member, gSnapshot));
    continue outer;
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'nested var loops: only the outer counter is read',
      code: `const tasks: Array<() => void> = [];
function enqueue(task: () => void): void {
  tasks.push(task);
}
for (var page = 0; page < pages; page++) {
  for (var slot = 0; slot < 4; slot++) {
    enqueue(() => loadPage(page));
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const tasks: Array<() => void> = [];
function enqueue(task: () => void): void {
  tasks.push(task);
}
for (let page = 0; page < pages; page++) {
  for (var slot = 0; slot < 4; slot++) {
    enqueue(() => loadPage(page));
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const tasks: Array<() => void> = [];
function enqueue(task: () => void): void {
  tasks.push(task);
}
for (var page = 0; page < pages; page++) {
  for (var slot = 0; slot < 4; slot++) {
    const pageSnapshot = page;
    enqueue(() => loadPage(pageSnapshot));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'for await: a let before the loop read by an idle-callback helper',
      code: `function whenIdle(cb: () => void): void {
  requestIdleCallback(() => cb());
}
async function consume(source: AsyncIterable<Uint8Array>): Promise<void> {
  let received = 0;
  for await (const chunk of source) {
    received += chunk.length;
    whenIdle(() => showProgress(received));
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 8,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `function whenIdle(cb: () => void): void {
  requestIdleCallback(() => cb());
}
async function consume(source: AsyncIterable<Uint8Array>): Promise<void> {
  let received = 0;
  for await (const chunk of source) {
    received += chunk.length;
    const receivedSnapshot = received;
    whenIdle(() => showProgress(receivedSnapshot));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'for await: fs.watch with a let updated each iteration',
      code: `import { watch } from 'node:fs';
async function watchAll(dirs: AsyncIterable<string>): Promise<void> {
  let index = 0;
  for await (const dir of dirs) {
    index++;
    watch(dir, () => console.log('changed', dir, index));
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 16,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `import { watch } from 'node:fs';
async function watchAll(dirs: AsyncIterable<string>): Promise<void> {
  let index = 0;
  for await (const dir of dirs) {
    index++;
    const indexSnapshot = index;
    watch(dir, () => console.log('changed', dir, indexSnapshot));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a parameter annotated as Map keeps callbacks',
      code: `function registerAll(map: Map<string, () => void>, keys: string[]): void {
  for (var i = 0; i < keys.length; i++) {
    map.set(keys[i], () => handle(keys[i]));
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function registerAll(map: Map<string, () => void>, keys: string[]): void {
  for (let i = 0; i < keys.length; i++) {
    map.set(keys[i], () => handle(keys[i]));
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function registerAll(map: Map<string, () => void>, keys: string[]): void {
  for (var i = 0; i < keys.length; i++) {
    const iSnapshot = i;
    map.set(keys[i], () => handle(keys[iSnapshot]));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an imported onClick helper registers the callback',
      code: `import { onClick } from './dom';
for (var i = 0; i < buttons.length; i++) {
  onClick(buttons[i], () => choose(i));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 23,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `import { onClick } from './dom';
for (let i = 0; i < buttons.length; i++) {
  onClick(buttons[i], () => choose(i));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `import { onClick } from './dom';
for (var i = 0; i < buttons.length; i++) {
  const iSnapshot = i;
  onClick(buttons[i], () => choose(iSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'latch look-alike: a binding set to each id, then compared later, is not a counter',
      code: `let id = 0;
for (const row of rows) {
  id = row.id;
  row.el.addEventListener('click', () => {
    if (id === selectedId) open(row);
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 36,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `let id = 0;
for (const row of rows) {
  id = row.id;
  const idSnapshot = id;
  row.el.addEventListener('click', () => {
    if (idSnapshot === selectedId) open(row);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: an overloaded function whose implementation keeps the callback',
      code: `function keep(fn: () => void): void;
function keep(fn: () => void, label: string): void;
function keep(fn: () => void, label?: string): void {
  queue.push({ fn, label });
}
const queue: Array<{ fn: () => void; label?: string }> = [];
for (var job = 0; job < jobs.length; job++) {
  keep(() => start(jobs[job]), 'job');
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 8,
          column: 8,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function keep(fn: () => void): void;
function keep(fn: () => void, label: string): void;
function keep(fn: () => void, label?: string): void {
  queue.push({ fn, label });
}
const queue: Array<{ fn: () => void; label?: string }> = [];
for (let job = 0; job < jobs.length; job++) {
  keep(() => start(jobs[job]), 'job');
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function keep(fn: () => void): void;
function keep(fn: () => void, label: string): void;
function keep(fn: () => void, label?: string): void {
  queue.push({ fn, label });
}
const queue: Array<{ fn: () => void; label?: string }> = [];
for (var job = 0; job < jobs.length; job++) {
  const jobSnapshot = job;
  keep(() => start(jobs[jobSnapshot]), 'job');
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a generic arrow with a default delay that schedules the callback',
      code: `const soon = <T,>(value: T, use: (value: T) => void, delayMs = 0): void => {
  setTimeout(() => use(value), delayMs);
};
let shown = 0;
for (const card of cards) {
  shown++;
  soon(card, (c) => reveal(c, shown));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `const soon = <T,>(value: T, use: (value: T) => void, delayMs = 0): void => {
  setTimeout(() => use(value), delayMs);
};
let shown = 0;
for (const card of cards) {
  shown++;
  const shownSnapshot = shown;
  soon(card, (c) => reveal(c, shownSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'options: an option the helper calls from a listener',
      code: `interface ActionOptions {
  el: Element;
  action: () => void;
}
function wire(options: ActionOptions): void {
  options.el.addEventListener('click', () => options.action());
}
let pressed = 0;
for (const el of controls) {
  pressed++;
  wire({ el, action: () => count(pressed) });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 11,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `interface ActionOptions {
  el: Element;
  action: () => void;
}
function wire(options: ActionOptions): void {
  options.el.addEventListener('click', () => options.action());
}
let pressed = 0;
for (const el of controls) {
  pressed++;
  const pressedSnapshot = pressed;
  wire({ el, action: () => count(pressedSnapshot) });
}
`,
            },
          ],
        },
      ],
    },
  ],
});

createJavaScriptRuleTester().run('no-loop-closure-capture (JavaScript: callees the file declares)', rule, {
  valid: [
    {
      name: 'add on a receiver the file does not declare as a collection',
      code: `for (var i = 0; i < fields.length; i++) {
  form.add(fields[i], function (value) { return value + i; });
}
`,
    },
    {
      name: 'set on an untyped parameter',
      code: `function fill(target) {
  for (var i = 0; i < 3; i++) {
    target.set('slot' + i, () => i);
  }
}
`,
    },
    {
      name: 'the closure assigns the captured var before reading it',
      code: `var message;
for (var i = 0; i < 3; i++) {
  message = 'queued ' + i;
  setTimeout(function () {
    message = 'sent';
    show(message);
  });
}
`,
    },
    {
      name: 'a named function deferred from a loop that assigns first',
      code: `let frame = 0;
function tick() {
  frame = performance.now();
  draw(frame);
}
for (var i = 0; i < 3; i++) {
  frame = i;
  requestAnimationFrame(tick);
}
`,
    },
    {
      name: 'a helper that collects callbacks in its own array and drains it',
      code: `function runAll(first, second) {
  const queue = [];
  queue.push(first, second);
  while (queue.length) queue.shift()();
}
for (var i = 0; i < 3; i++) {
  runAll(() => step(i), () => check(i));
}
`,
    },
    {
      name: 'an async helper awaited before the loop moves on',
      code: `async function later(fn) {
  await delay(10);
  fn();
}
async function main() {
  for (var i = 0; i < 3; i++) {
    await later(() => log(i));
  }
}
`,
    },
    {
      name: 'a local onReady that calls its callback at once',
      code: `function onReady(cb) {
  cb();
}
for (var i = 0; i < 3; i++) {
  onReady(() => init(i));
}
`,
    },
    {
      name: 'a once() wrapper whose result is called in the iteration',
      code: `function once(fn) {
  let done = false;
  return function () {
    if (!done) {
      done = true;
      fn();
    }
  };
}
for (var i = 0; i < 3; i++) {
  const start = once(() => begin(i));
  start();
}
`,
    },
    {
      name: 'fs: synchronous API with a replacer-like callback',
      code: `import fs from 'fs';
for (var i = 0; i < files.length; i++) {
  fs.readdirSync(files[i]).forEach((name) => seen.push(files[i] + name));
}
`,
    },
    {
      name: 'helper registers a listener that never touches the callback',
      code: `function track(el, fn) {
  el.addEventListener('click', () => counter.hit());
  return fn();
}
for (var i = 0; i < els.length; i++) {
  track(els[i], () => prepare(i));
}
`,
    },
    {
      name: 'prototype: a method that calls the callback at once',
      code: `function Calc() {}
Calc.prototype.run = function (fn) {
  return fn();
};
Calc.prototype.sum = function (xs) {
  var total = 0;
  for (var i = 0; i < xs.length; i++) {
    total += this.run(function () { return xs[i]; });
  }
  return total;
};
`,
    },
    {
      name: 'latch: a countdown callback declared before the loop',
      code: `function closeAll(sockets, done) {
  let remaining = 0;
  const finished = (err) => {
    if (err || --remaining === 0) done(err);
  };
  for (const socket of sockets) {
    remaining++;
    socket.close(finished);
  }
}
`,
    },
    {
      name: 'latch: a callback created in the loop compares its own count with the loop count',
      code: `function listenAll(hosts, onAllReady) {
  let started = 0;
  let ready = 0;
  for (const host of hosts) {
    started++;
    connect(host, {
      onReady: () => {
        ready++;
        if (ready === started) onAllReady();
      },
    });
  }
}
`,
    },
    {
      name: 'latch: a sentinel set after the loop tells the callback whether it ran synchronously',
      code: `function startLimited(limit, start, finish) {
  let i;
  let completed = 0;
  for (i = 0; i < limit; i++) {
    start(i, next);
  }
  i = -1;
  function next(err) {
    const calledSynchronously = i >= 0;
    if (err || ++completed === limit) finish(err, calledSynchronously);
  }
}
`,
    },
    {
      name: 'latch: a function declared in the loop body counts back up',
      code: `function runAll(names, finish) {
  let outstanding = 0;
  for (const name of names) {
    outstanding--;
    function onDone(err) {
      outstanding++;
      if (outstanding === 0) finish(err);
    }
    runTask(name, onDone);
  }
}
`,
    },
    {
      name: 'Function.prototype.bind with a closure argument calls nothing later',
      code: `for (var i = 0; i < 3; i++) {
  const run = invoke.bind(null, () => i);
  run();
}
`,
    },
    {
      name: 'options: a helper that calls the option before returning',
      code: `function withTiming({ label, run }) {
  const start = Date.now();
  const result = run();
  log(label, Date.now() - start);
  return result;
}
for (var i = 0; i < steps.length; i++) {
  withTiming({ label: 'step', run: () => steps[i]() });
}
`,
    },
    {
      name: 'options: only another option is kept for later',
      code: `function bindAction({ el, prepare, onDone }) {
  el.addEventListener('click', onDone);
  prepare();
}
for (var i = 0; i < els.length; i++) {
  bindAction({ el: els[i], prepare: () => warm(i), onDone: finish });
}
`,
    },
    {
      name: 'options: a deferred function reads another property of the options',
      code: `function bindAction(options) {
  options.run();
  options.el.addEventListener('click', () => highlight(options.el));
}
for (var i = 0; i < els.length; i++) {
  bindAction({ el: els[i], run: () => warm(i) });
}
`,
    },
  ],
  invalid: [
    {
      name: 'helper: a local function that registers its callback with addEventListener (var counter)',
      code: `function bindClick(el, fn) {
  el.addEventListener('click', fn);
}
var tabs = document.querySelectorAll('.tab');
for (var t = 0; t < tabs.length; t++) {
  bindClick(tabs[t], function () {
    activate(t);
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function bindClick(el, fn) {
  el.addEventListener('click', fn);
}
var tabs = document.querySelectorAll('.tab');
for (let t = 0; t < tabs.length; t++) {
  bindClick(tabs[t], function () {
    activate(t);
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function bindClick(el, fn) {
  el.addEventListener('click', fn);
}
var tabs = document.querySelectorAll('.tab');
for (var t = 0; t < tabs.length; t++) {
  const tSnapshot = t;
  bindClick(tabs[t], function () {
    activate(tSnapshot);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: the callback is called from a listener the helper registers',
      code: `function onClick(el, handler) {
  el.addEventListener('click', function (event) {
    event.preventDefault();
    handler.call(el, event);
  });
}
var rows = table.rows;
for (var r = 0; r < rows.length; r++) {
  onClick(rows[r], function () { highlightRow(r); });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function onClick(el, handler) {
  el.addEventListener('click', function (event) {
    event.preventDefault();
    handler.call(el, event);
  });
}
var rows = table.rows;
for (let r = 0; r < rows.length; r++) {
  onClick(rows[r], function () { highlightRow(r); });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function onClick(el, handler) {
  el.addEventListener('click', function (event) {
    event.preventDefault();
    handler.call(el, event);
  });
}
var rows = table.rows;
for (var r = 0; r < rows.length; r++) {
  const rSnapshot = r;
  onClick(rows[r], function () { highlightRow(rSnapshot); });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a jQuery delegate inside the helper',
      code: `function bindRemove($row, callback) {
  $row.find('.remove').on('click', callback);
}
var row;
for (var n = 0; n < records.length; n++) {
  row = $('<tr>').appendTo(body);
  bindRemove(row, () => deleteRecord(records[n].id, row));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 19,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `function bindRemove($row, callback) {
  $row.find('.remove').on('click', callback);
}
var row;
for (var n = 0; n < records.length; n++) {
  row = $('<tr>').appendTo(body);
  const nSnapshot = n;
  const rowSnapshot = row;
  bindRemove(row, () => deleteRecord(records[nSnapshot].id, rowSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: stores the callback on a shared state object',
      code: `const state = {};
function whenDone(cb) {
  state.onDone = cb;
}
let step = 0;
while (step < jobs.length) {
  whenDone(() => report(step));
  step++;
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `const state = {};
function whenDone(cb) {
  state.onDone = cb;
}
let step = 0;
while (step < jobs.length) {
  const stepSnapshot = step;
  whenDone(() => report(stepSnapshot));
  step++;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: hands the callback to setTimeout',
      code: `function later(cb, ms) {
  setTimeout(cb, ms);
}
var attempt = 0;
do {
  attempt++;
  later(function () { console.log('attempt', attempt); }, attempt * 200);
} while (attempt < 3);
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `function later(cb, ms) {
  setTimeout(cb, ms);
}
var attempt = 0;
do {
  attempt++;
  const attemptSnapshot = attempt;
  later(function () { console.log('attempt', attemptSnapshot); }, attempt * 200);
} while (attempt < 3);
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: forwards the callback to another local helper that registers it',
      code: `function bindEvent(el, type, fn) {
  el.addEventListener(type, fn);
}
function onSubmit(form, fn) {
  bindEvent(form, 'submit', fn);
}
for (var f = 0; f < document.forms.length; f++) {
  onSubmit(document.forms[f], (e) => validate(e, f));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 8,
          column: 31,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function bindEvent(el, type, fn) {
  el.addEventListener(type, fn);
}
function onSubmit(form, fn) {
  bindEvent(form, 'submit', fn);
}
for (let f = 0; f < document.forms.length; f++) {
  onSubmit(document.forms[f], (e) => validate(e, f));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function bindEvent(el, type, fn) {
  el.addEventListener(type, fn);
}
function onSubmit(form, fn) {
  bindEvent(form, 'submit', fn);
}
for (var f = 0; f < document.forms.length; f++) {
  const fSnapshot = f;
  onSubmit(document.forms[f], (e) => validate(e, fSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a method of a local class instance that subscribes the callback',
      code: `class Hub {
  constructor() {
    this.subscribers = [];
  }
  subscribeTo(fn) {
    this.subscribers.push(fn);
  }
}
const hub = new Hub();
let topic;
for (const name of topicNames) {
  topic = name;
  hub.subscribeTo(function () { render(topic); });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 13,
          column: 19,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `class Hub {
  constructor() {
    this.subscribers = [];
  }
  subscribeTo(fn) {
    this.subscribers.push(fn);
  }
}
const hub = new Hub();
let topic;
for (const name of topicNames) {
  topic = name;
  const topicSnapshot = topic;
  hub.subscribeTo(function () { render(topicSnapshot); });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a local class whose constructor keeps the callback',
      code: `class Button {
  constructor(el, onPress) {
    this.el = el;
    this.onPress = onPress;
  }
}
const buttons = [];
for (var b = 0; b < nodes.length; b++) {
  buttons.push(new Button(nodes[b], () => press(b)));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 37,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Button {
  constructor(el, onPress) {
    this.el = el;
    this.onPress = onPress;
  }
}
const buttons = [];
for (let b = 0; b < nodes.length; b++) {
  buttons.push(new Button(nodes[b], () => press(b)));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Button {
  constructor(el, onPress) {
    this.el = el;
    this.onPress = onPress;
  }
}
const buttons = [];
for (var b = 0; b < nodes.length; b++) {
  const bSnapshot = b;
  buttons.push(new Button(nodes[b], () => press(bSnapshot)));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a named function handed to a registering helper from a loop',
      code: `function bindKey(key, fn) {
  shortcuts[key] = fn;
}
let current = '';
function runCurrent() {
  execute(current);
}
for (const command of commands) {
  current = command.name;
  bindKey(command.key, runCurrent);
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 10,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: 'helper: declared after the loop that uses it (hoisted)',
      code: `for (var i = 0; i < slides.length; i++) {
  onSwipe(slides[i], function () { goTo(i + 1); });
}
function onSwipe(el, fn) {
  el.addEventListener('touchend', fn, { passive: true });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < slides.length; i++) {
  onSwipe(slides[i], function () { goTo(i + 1); });
}
function onSwipe(el, fn) {
  el.addEventListener('touchend', fn, { passive: true });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < slides.length; i++) {
  const iSnapshot = i;
  onSwipe(slides[i], function () { goTo(iSnapshot + 1); });
}
function onSwipe(el, fn) {
  el.addEventListener('touchend', fn, { passive: true });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fs: watch imported by name, var counter',
      code: `import { watch } from 'fs';
for (var d = 0; d < dirs.length; d++) {
  watch(dirs[d], (eventType) => rebuild(dirs[d], eventType));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `import { watch } from 'fs';
for (let d = 0; d < dirs.length; d++) {
  watch(dirs[d], (eventType) => rebuild(dirs[d], eventType));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `import { watch } from 'fs';
for (var d = 0; d < dirs.length; d++) {
  const dSnapshot = d;
  watch(dirs[d], (eventType) => rebuild(dirs[dSnapshot], eventType));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fs: watch destructured from require',
      code: `const { watch } = require('fs');
var pkgs = ['core', 'cli'];
for (var p = 0; p < pkgs.length; p++) {
  watch('packages/' + pkgs[p], function () {
    build(pkgs[p]);
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 32,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const { watch } = require('fs');
var pkgs = ['core', 'cli'];
for (let p = 0; p < pkgs.length; p++) {
  watch('packages/' + pkgs[p], function () {
    build(pkgs[p]);
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const { watch } = require('fs');
var pkgs = ['core', 'cli'];
for (var p = 0; p < pkgs.length; p++) {
  const pSnapshot = p;
  watch('packages/' + pkgs[p], function () {
    build(pkgs[pSnapshot]);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fs: watchFile on the required module object',
      code: `const fs = require('fs');
let config;
for (config of configFiles) {
  fs.watchFile(config, () => reload(config));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `const fs = require('fs');
let config;
for (config of configFiles) {
  const configSnapshot = config;
  fs.watchFile(config, () => reload(configSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'child_process: exec completion callback',
      code: `import { exec } from 'child_process';
for (var c = 0; c < commands.length; c++) {
  exec(commands[c], function (failure, output) {
    results[commands[c]] = failure ? null : output;
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `import { exec } from 'child_process';
for (let c = 0; c < commands.length; c++) {
  exec(commands[c], function (failure, output) {
    results[commands[c]] = failure ? null : output;
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `import { exec } from 'child_process';
for (var c = 0; c < commands.length; c++) {
  const cSnapshot = c;
  exec(commands[c], function (failure, output) {
    results[commands[cSnapshot]] = failure ? null : output;
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'class: self.items[i] in a function expression handed to a listening method',
      code: `class Gallery {
  bindThumb(el, fn) {
    el.addEventListener('click', fn);
  }
  render() {
    var self = this;
    for (var i = 0; i < this.items.length; i++) {
      this.bindThumb(this.thumbs[i], function () {
        self.show(self.items[i]);
      });
    }
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 8,
          column: 38,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Gallery {
  bindThumb(el, fn) {
    el.addEventListener('click', fn);
  }
  render() {
    var self = this;
    for (let i = 0; i < this.items.length; i++) {
      this.bindThumb(this.thumbs[i], function () {
        self.show(self.items[i]);
      });
    }
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Gallery {
  bindThumb(el, fn) {
    el.addEventListener('click', fn);
  }
  render() {
    var self = this;
    for (var i = 0; i < this.items.length; i++) {
      const iSnapshot = i;
      this.bindThumb(this.thumbs[i], function () {
        self.show(self.items[iSnapshot]);
      });
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'class: a Set built in the constructor keeps callbacks',
      code: `class Store {
  constructor() {
    this.watchers = new Set();
  }
  track(keys) {
    var key;
    for (var k = 0; k < keys.length; k++) {
      key = keys[k];
      this.watchers.add(() => this.notify(key));
    }
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `class Store {
  constructor() {
    this.watchers = new Set();
  }
  track(keys) {
    var key;
    for (var k = 0; k < keys.length; k++) {
      key = keys[k];
      const keySnapshot = key;
      this.watchers.add(() => this.notify(keySnapshot));
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'labelled continue: a deferring helper in the inner loop',
      code: `function defer(fn) {
  queueMicrotask(fn);
}
rows: for (var y = 0; y < grid.length; y++) {
  for (var x = 0; x < grid[y].length; x++) {
    if (grid[y][x] === null) continue rows;
    defer(() => paint(x, y));
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 11,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function defer(fn) {
  queueMicrotask(fn);
}
rows: for (let y = 0; y < grid.length; y++) {
  for (let x = 0; x < grid[y].length; x++) {
    if (grid[y][x] === null) continue rows;
    defer(() => paint(x, y));
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function defer(fn) {
  queueMicrotask(fn);
}
rows: for (var y = 0; y < grid.length; y++) {
  for (var x = 0; x < grid[y].length; x++) {
    if (grid[y][x] === null) continue rows;
    const xSnapshot = x;
    const ySnapshot = y;
    defer(() => paint(xSnapshot, ySnapshot));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'switch: a listener helper in one case, continue in another',
      code: `function onToggle(el, fn) {
  el.addEventListener('change', fn);
}
var field;
for (var i = 0; i < fields.length; i++) {
  field = fields[i];
  switch (field.type) {
    case 'checkbox':
      onToggle(field.el, function () { store(field.name); });
      break;
    default:
      continue;
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `function onToggle(el, fn) {
  el.addEventListener('change', fn);
}
var field;
for (var i = 0; i < fields.length; i++) {
  field = fields[i];
  switch (field.type) {
    case 'checkbox':
      const fieldSnapshot = field;
      onToggle(field.el, function () { store(fieldSnapshot.name); });
      break;
    default:
      continue;
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'nested var loops: a cell binder captures both counters',
      code: `function bindCell(cell, fn) {
  cell.onclick = fn;
}
for (var r = 0; r < table.rows.length; r++) {
  for (var c = 0; c < table.rows[r].cells.length; c++) {
    bindCell(table.rows[r].cells[c], function () { select(r, c); });
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 38,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function bindCell(cell, fn) {
  cell.onclick = fn;
}
for (let r = 0; r < table.rows.length; r++) {
  for (let c = 0; c < table.rows[r].cells.length; c++) {
    bindCell(table.rows[r].cells[c], function () { select(r, c); });
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function bindCell(cell, fn) {
  cell.onclick = fn;
}
for (var r = 0; r < table.rows.length; r++) {
  for (var c = 0; c < table.rows[r].cells.length; c++) {
    const rSnapshot = r;
    const cSnapshot = c;
    bindCell(table.rows[r].cells[c], function () { select(rSnapshot, cSnapshot); });
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'for await: a let before the loop read by a subscriber kept in an array',
      code: `const listeners = [];
function notify(fn) {
  listeners.push(fn);
}
async function follow(feed) {
  let latest = null;
  for await (const event of feed) {
    latest = event;
    notify(() => render(latest));
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `const listeners = [];
function notify(fn) {
  listeners.push(fn);
}
async function follow(feed) {
  let latest = null;
  for await (const event of feed) {
    latest = event;
    const latestSnapshot = latest;
    notify(() => render(latestSnapshot));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Set assigned before the loop keeps callbacks',
      code: `let hooks;
hooks = new Set();
let phase = '';
for (const p of phases) {
  phase = p;
  hooks.add(() => enter(phase));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `let hooks;
hooks = new Set();
let phase = '';
for (const p of phases) {
  phase = p;
  const phaseSnapshot = phase;
  hooks.add(() => enter(phaseSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an onDid… method of an editor API',
      code: `let model;
for (model of editor.getModels()) {
  model.onDidChangeContent(() => lint(model));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 3,
          column: 28,
          suggestions: [
            {
              messageId: 'suggestSnapshot',
              output: `let model;
for (model of editor.getModels()) {
  const modelSnapshot = model;
  model.onDidChangeContent(() => lint(modelSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'prototype: this.method registers the callback, reading this.items[i]',
      code: `function Gallery(items) {
  this.items = items;
}
Gallery.prototype.bindThumb = function (el, fn) {
  el.addEventListener('click', fn);
};
Gallery.prototype.render = function () {
  for (var i = 0; i < this.items.length; i++) {
    this.bindThumb(this.thumbs[i], () => this.show(this.items[i]));
  }
};
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 36,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function Gallery(items) {
  this.items = items;
}
Gallery.prototype.bindThumb = function (el, fn) {
  el.addEventListener('click', fn);
};
Gallery.prototype.render = function () {
  for (let i = 0; i < this.items.length; i++) {
    this.bindThumb(this.thumbs[i], () => this.show(this.items[i]));
  }
};
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function Gallery(items) {
  this.items = items;
}
Gallery.prototype.bindThumb = function (el, fn) {
  el.addEventListener('click', fn);
};
Gallery.prototype.render = function () {
  for (var i = 0; i < this.items.length; i++) {
    const iSnapshot = i;
    this.bindThumb(this.thumbs[i], () => this.show(this.items[iSnapshot]));
  }
};
`,
            },
          ],
        },
      ],
    },
    {
      name: 'prototype object: self.keep stores the callback',
      code: `function List() {
  this.pending = [];
}
List.prototype = {
  keep: function (fn) {
    this.pending.push(fn);
  },
  build: function () {
    var self = this;
    for (var i = 0; i < self.items.length; i++) {
      self.keep(function () { self.open(self.items[i]); });
    }
  },
};
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 11,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function List() {
  this.pending = [];
}
List.prototype = {
  keep: function (fn) {
    this.pending.push(fn);
  },
  build: function () {
    var self = this;
    for (let i = 0; i < self.items.length; i++) {
      self.keep(function () { self.open(self.items[i]); });
    }
  },
};
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function List() {
  this.pending = [];
}
List.prototype = {
  keep: function (fn) {
    this.pending.push(fn);
  },
  build: function () {
    var self = this;
    for (var i = 0; i < self.items.length; i++) {
      const iSnapshot = i;
      self.keep(function () { self.open(self.items[iSnapshot]); });
    }
  },
};
`,
            },
          ],
        },
      ],
    },
    {
      name: 'prototype: a constructor function keeps the callback it is given',
      code: `function Task(run) {
  this.run = run;
}
var tasks = [];
for (var n = 0; n < 3; n++) {
  tasks.push(new Task(function () { work(n); }));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 23,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function Task(run) {
  this.run = run;
}
var tasks = [];
for (let n = 0; n < 3; n++) {
  tasks.push(new Task(function () { work(n); }));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function Task(run) {
  this.run = run;
}
var tasks = [];
for (var n = 0; n < 3; n++) {
  const nSnapshot = n;
  tasks.push(new Task(function () { work(nSnapshot); }));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'prototype: an instance method of a constructor function subscribes',
      code: `function Bus() {
  this.subscribers = [];
}
Bus.prototype.subscribe = function (fn) {
  this.subscribers.push(fn);
};
var bus = new Bus();
for (var level = 0; level < 3; level++) {
  bus.subscribe(function () { log(level); });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function Bus() {
  this.subscribers = [];
}
Bus.prototype.subscribe = function (fn) {
  this.subscribers.push(fn);
};
var bus = new Bus();
for (let level = 0; level < 3; level++) {
  bus.subscribe(function () { log(level); });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function Bus() {
  this.subscribers = [];
}
Bus.prototype.subscribe = function (fn) {
  this.subscribers.push(fn);
};
var bus = new Bus();
for (var level = 0; level < 3; level++) {
  const levelSnapshot = level;
  bus.subscribe(function () { log(levelSnapshot); });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'latch look-alike: a var loop counter compared in a listener is still the last value',
      code: `for (var i = 0; i < tabs.length; i++) {
  tabs[i].onclick = function () {
    if (i === activeTab) refresh();
  };
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let i = 0; i < tabs.length; i++) {
  tabs[i].onclick = function () {
    if (i === activeTab) refresh();
  };
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var i = 0; i < tabs.length; i++) {
  const iSnapshot = i;
  tabs[i].onclick = function () {
    if (iSnapshot === activeTab) refresh();
  };
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: copies the callback onto a shared table with Object.assign',
      code: `const routes = {};
function route(path, handle) {
  Object.assign(routes, { [path]: handle });
}
for (var r = 0; r < pages.length; r++) {
  route(pages[r].path, function () { return render(pages[r]); });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 6,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `const routes = {};
function route(path, handle) {
  Object.assign(routes, { [path]: handle });
}
for (let r = 0; r < pages.length; r++) {
  route(pages[r].path, function () { return render(pages[r]); });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `const routes = {};
function route(path, handle) {
  Object.assign(routes, { [path]: handle });
}
for (var r = 0; r < pages.length; r++) {
  const rSnapshot = r;
  route(pages[r].path, function () { return render(pages[rSnapshot]); });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'helper: a bound function expression handed to a registering helper',
      code: `function bindClick(el, fn) {
  el.addEventListener('click', fn);
}
for (var i = 0; i < items.length; i++) {
  bindClick(items[i].el, function () { this.open(i); }.bind(controller));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function bindClick(el, fn) {
  el.addEventListener('click', fn);
}
for (let i = 0; i < items.length; i++) {
  bindClick(items[i].el, function () { this.open(i); }.bind(controller));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function bindClick(el, fn) {
  el.addEventListener('click', fn);
}
for (var i = 0; i < items.length; i++) {
  const iSnapshot = i;
  bindClick(items[i].el, function () { this.open(iSnapshot); }.bind(controller));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fs: watch destructured from a namespace import',
      code: `import * as fs from 'node:fs';
const { watch } = fs;
for (var w = 0; w < folders.length; w++) {
  watch(folders[w], () => reindex(folders[w]));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `import * as fs from 'node:fs';
const { watch } = fs;
for (let w = 0; w < folders.length; w++) {
  watch(folders[w], () => reindex(folders[w]));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `import * as fs from 'node:fs';
const { watch } = fs;
for (var w = 0; w < folders.length; w++) {
  const wSnapshot = w;
  watch(folders[w], () => reindex(folders[wSnapshot]));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'class: listenTo registers a view callback reading this.items[i]',
      code: `class ListView extends View {
  bindModels() {
    for (var i = 0; i < this.models.length; i++) {
      this.listenTo(this.models[i], 'change', () => this.renderRow(this.items[i]));
    }
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 4,
          column: 47,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class ListView extends View {
  bindModels() {
    for (let i = 0; i < this.models.length; i++) {
      this.listenTo(this.models[i], 'change', () => this.renderRow(this.items[i]));
    }
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class ListView extends View {
  bindModels() {
    for (var i = 0; i < this.models.length; i++) {
      const iSnapshot = i;
      this.listenTo(this.models[i], 'change', () => this.renderRow(this.items[iSnapshot]));
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "jQuery's bind('click', fn) registers a listener",
      code: `for (var l = 0; l < links.length; l++) {
  $(links[l]).bind('click', function () {
    openPanel(l);
  });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 2,
          column: 29,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `for (let l = 0; l < links.length; l++) {
  $(links[l]).bind('click', function () {
    openPanel(l);
  });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `for (var l = 0; l < links.length; l++) {
  const lSnapshot = l;
  $(links[l]).bind('click', function () {
    openPanel(lSnapshot);
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'options: a destructured option the helper registers',
      code: `function bindAction({ el, run }) {
  el.addEventListener('click', run);
}
for (var a = 0; a < buttons.length; a++) {
  bindAction({ el: buttons[a], run: () => trigger(a) });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 5,
          column: 37,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function bindAction({ el, run }) {
  el.addEventListener('click', run);
}
for (let a = 0; a < buttons.length; a++) {
  bindAction({ el: buttons[a], run: () => trigger(a) });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function bindAction({ el, run }) {
  el.addEventListener('click', run);
}
for (var a = 0; a < buttons.length; a++) {
  const aSnapshot = a;
  bindAction({ el: buttons[a], run: () => trigger(aSnapshot) });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'options: a constructor keeps an option on the instance',
      code: `class Tooltip {
  constructor(options) {
    this.render = options.render;
  }
}
for (var t = 0; t < targets.length; t++) {
  new Tooltip({ render: () => describe(targets[t]) });
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Tooltip {
  constructor(options) {
    this.render = options.render;
  }
}
for (let t = 0; t < targets.length; t++) {
  new Tooltip({ render: () => describe(targets[t]) });
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Tooltip {
  constructor(options) {
    this.render = options.render;
  }
}
for (var t = 0; t < targets.length; t++) {
  const tSnapshot = t;
  new Tooltip({ render: () => describe(targets[tSnapshot]) });
}
`,
            },
          ],
        },
      ],
    },
  ],
});

createTypedRuleTester().run('no-loop-closure-capture (type information: callees and collections)', rule, {
  valid: [
    {
      name: 'typed: set on an interface that is not a Map',
      filename: typedFile,
      code: `interface Builder {
  set(key: string, compute: () => number): Builder;
}
declare const builder: Builder;
for (var i = 0; i < 3; i++) {
  builder.set('k' + i, () => i);
}
`,
    },
    {
      name: 'typed: the closure assigns the captured binding first',
      filename: typedFile,
      code: `declare function show(text: string): void;
let status = '';
for (var i = 0; i < 3; i++) {
  status = 'queued';
  setTimeout(() => {
    status = 'sent';
    show(status);
  });
}
`,
    },
  ],
  invalid: [
    {
      name: 'typed: a Map returned by a factory keeps callbacks',
      filename: typedFile,
      code: `function createRegistry(): Map<string, () => void> {
  return new Map();
}
declare function handle(name: string): void;
const registry = createRegistry();
const names = ['a', 'b'];
for (var i = 0; i < names.length; i++) {
  registry.set(names[i], () => handle(names[i]));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 8,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function createRegistry(): Map<string, () => void> {
  return new Map();
}
declare function handle(name: string): void;
const registry = createRegistry();
const names = ['a', 'b'];
for (let i = 0; i < names.length; i++) {
  registry.set(names[i], () => handle(names[i]));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function createRegistry(): Map<string, () => void> {
  return new Map();
}
declare function handle(name: string): void;
const registry = createRegistry();
const names = ['a', 'b'];
for (var i = 0; i < names.length; i++) {
  const iSnapshot = i;
  registry.set(names[i], () => handle(names[iSnapshot]));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'typed: a helper that registers its callback',
      filename: typedFile,
      code: `function bindClick(el: Element, fn: () => void): void {
  el.addEventListener('click', fn);
}
declare function activate(index: number): void;
declare const tabs: Element[];
for (var t = 0; t < tabs.length; t++) {
  bindClick(tabs[t], () => activate(t));
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 7,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `function bindClick(el: Element, fn: () => void): void {
  el.addEventListener('click', fn);
}
declare function activate(index: number): void;
declare const tabs: Element[];
for (let t = 0; t < tabs.length; t++) {
  bindClick(tabs[t], () => activate(t));
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `function bindClick(el: Element, fn: () => void): void {
  el.addEventListener('click', fn);
}
declare function activate(index: number): void;
declare const tabs: Element[];
for (var t = 0; t < tabs.length; t++) {
  const tSnapshot = t;
  bindClick(tabs[t], () => activate(tSnapshot));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'typed: class this.items[i] through a storing method',
      filename: typedFile,
      code: `class Menu {
  private handlers: Array<() => void> = [];
  constructor(private items: string[]) {}
  private register(fn: () => void): void {
    this.handlers.push(fn);
  }
  build(): void {
    for (var i = 0; i < this.items.length; i++) {
      this.register(() => this.open(this.items[i]));
    }
  }
  open(item: string): void {
    console.log(item);
  }
}
`,
      errors: [
        {
          messageId: 'sharedBinding',
          line: 9,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestLet',
              output: `class Menu {
  private handlers: Array<() => void> = [];
  constructor(private items: string[]) {}
  private register(fn: () => void): void {
    this.handlers.push(fn);
  }
  build(): void {
    for (let i = 0; i < this.items.length; i++) {
      this.register(() => this.open(this.items[i]));
    }
  }
  open(item: string): void {
    console.log(item);
  }
}
`,
            },
            {
              messageId: 'suggestSnapshot',
              output: `class Menu {
  private handlers: Array<() => void> = [];
  constructor(private items: string[]) {}
  private register(fn: () => void): void {
    this.handlers.push(fn);
  }
  build(): void {
    for (var i = 0; i < this.items.length; i++) {
      const iSnapshot = i;
      this.register(() => this.open(this.items[iSnapshot]));
    }
  }
  open(item: string): void {
    console.log(item);
  }
}
`,
            },
          ],
        },
      ],
    },
  ],
});
