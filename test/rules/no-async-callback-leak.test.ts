import path from 'node:path';
import rule from '../../rules/src/rules/no-async-callback-leak.js';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

const ruleTester = createRuleTester();
const javaScriptRuleTester = createJavaScriptRuleTester();
const typedRuleTester = createTypedRuleTester();
// Typed cases lint as a fixtures file outside the fixtures tsconfig (see no-floating-promise.test.ts).
const typedFile = path.join(fixturesDir, 'no-async-callback-leak.ts');

ruleTester.run('no-async-callback-leak', rule, {
  valid: [
    // awaited iteration
    'async function f(items: number[]) { await Promise.all(items.map(async (item) => save(item))); }',
    'async function f(items: number[]) { for (const item of items) await save(item); }',
    'async function f(items: number[]) { const results = items.map(async (item) => save(item)); await Promise.all(results); }',
    // reduce chains promises on purpose
    'items.reduce(async (previous, item) => { await previous; await save(item); }, Promise.resolve());',
    // synchronous callbacks
    'items.forEach((item) => save(item)); emitter.on("data", (chunk) => write(chunk));',
    // the whole body inside a try/catch that does not rethrow
    'emitter.on("data", async (chunk) => { try { await write(chunk); } catch (error) { log(error); } });',
    'items.forEach(async (item) => { const id = item.id; try { await save(id); } catch (error) { report(error); } finally { done(); } });',
    'setTimeout(async () => { try { await flush(); } catch { /* ignored */ } }, 10);',
    'process.on("SIGTERM", async () => shutdown().catch(console.error));',
    'new Promise(async (resolve, reject) => { try { resolve(await load()); } catch (error) { reject(error); } });',
    // JSX event handlers are left alone
    'const button = <button onClick={async () => { await save(); }}>Save</button>;',
    // test frameworks await their callbacks
    'describe("x", () => { it("works", async () => { await save(); }); });',
    // frameworks that await handlers: Koa, Fastify, Hono
    "import Koa from 'koa'; const app = new Koa(); app.use(async (ctx, next) => { await next(); });",
    "import Fastify from 'fastify'; const app = Fastify(); app.get('/', async (request, reply) => load());",
    "import { Hono } from 'hono'; const app = new Hono(); app.get('/', async (c) => c.json(await load())); app.on('GET', '/x', async (c) => c.text('x'));",
    // unknown router and non-Express parameter names: not reported
    'export function routes(router) { router.get("/", async (ctx) => { ctx.body = await load(); }); }',
    // Express handler wrapped by an async-handler helper
    "import express from 'express'; const app = express(); app.get('/', asyncHandler(async (req, res) => { res.json(await load()); }));",
    // Express handler whose body cannot reject
    "import express from 'express'; const app = express(); app.post('/', async (req, res, next) => { try { res.json(await load()); } catch (error) { next(error); } });",
    // a locally shadowed setTimeout
    'function setTimeout(fn: () => Promise<void>) { return fn(); } setTimeout(async () => { await load(); });',
    // handler properties: capitalised callback options are not DOM handlers; a body that cannot reject is fine
    'options.onSuccess = async () => { await refresh(); };',
    'window.onload = async () => { try { await boot(); } catch (error) { show(error); } };',
    // flags and early returns before the try cannot throw
    'setTimeout(async () => { timer = null; if (closing) { return; } try { await reconnect(); } catch (error) { log(error); } }, 10);',
    "import express from 'express'; const app = express(); app.get('/:id', async (req, res) => { const id = parseInt(req.params.id, 10); console.log('get', id); try { res.json(await load(id)); } catch (error) { res.status(500).end(); } });",
    "fs.readFile('a.json', async (err, data) => { try { await store(data); } catch (error) { log(error); } });",
    'promise.then(async (value) => { await next(value); }, async (error) => { await report(error); });',
    // a catch that rethrows can reject: but try with only `finally` is not exempt either (see invalid)
    'const handler = async () => { await load(); }; const result = handler();',
  ],
  invalid: [
    {
      code: 'async function run(items: string[]) {\n  items.forEach(async (item) => {\n    await save(item);\n  });\n}',
      errors: [
        {
          messageId: 'iteration',
          data: { method: 'forEach' },
          line: 2,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestForOf',
              output:
                'async function run(items: string[]) {\n  for (const item of items) {\n    await save(item);\n  }\n}',
            },
            {
              messageId: 'suggestPromiseAll',
              output:
                'async function run(items: string[]) {\n  await Promise.all(items.map(async (item) => {\n    await save(item);\n  }));\n}',
            },
          ],
        },
      ],
    },
    {
      // expression body, typed destructured parameter
      code: 'async function run(users: User[]) {\n  users.forEach(async ({ id }: User) => notify(id));\n}',
      errors: [
        {
          messageId: 'iteration',
          line: 2,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestForOf',
              output: 'async function run(users: User[]) {\n  for (const { id } of users) { await notify(id); }\n}',
            },
            {
              messageId: 'suggestPromiseAll',
              output:
                'async function run(users: User[]) {\n  await Promise.all(users.map(async ({ id }: User) => notify(id)));\n}',
            },
          ],
        },
      ],
    },
    {
      // outside an async function: only the try/catch wrap; index parameter and return prevent for…of
      code: 'function run(items: string[]) {\n  items.forEach(async (item, index) => {\n    if (!item) return;\n    await save(item, index);\n  });\n}',
      errors: [
        {
          messageId: 'iteration',
          line: 2,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'function run(items: string[]) {\n  items.forEach(async (item, index) => {\n    try {\n      if (!item) return;\n      await save(item, index);\n    } catch (error) {\n      console.error(error);\n    }\n  });\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'async function run(items: string[]) {\n  items.forEach(async (item, index) => {\n    await save(item, index);\n  });\n}',
      errors: [
        {
          messageId: 'iteration',
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                'async function run(items: string[]) {\n  await Promise.all(items.map(async (item, index) => {\n    await save(item, index);\n  }));\n}',
            },
          ],
        },
      ],
    },
    {
      // predicates see a promise, always truthy; a try/catch does not help
      code: 'const active = users.filter(async (user) => { try { return await isActive(user); } catch { return false; } });\nconst any = users.some(async (user) => await isAdmin(user));',
      errors: [
        { messageId: 'predicate', data: { method: 'filter' }, line: 1, column: 29, suggestions: [] },
        { messageId: 'predicate', data: { method: 'some' }, line: 2, column: 24, suggestions: [] },
      ],
    },
    {
      code: 'async function run(items: string[]) {\n  items.map(async (item) => save(item));\n}',
      errors: [
        {
          messageId: 'discardedMap',
          line: 2,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                'async function run(items: string[]) {\n  await Promise.all(items.map(async (item) => save(item)));\n}',
            },
          ],
        },
      ],
    },
    {
      // event emitters, DOM listeners, process signals
      code: 'emitter.on("data", async (chunk) => {\n  await write(chunk);\n});',
      errors: [
        {
          messageId: 'listener',
          data: { method: 'on' },
          line: 1,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'emitter.on("data", async (chunk) => {\n  try {\n    await write(chunk);\n  } catch (error) {\n    console.error(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    {
      code: 'window.addEventListener("load", async function () { await boot(); });\nprocess.once("SIGINT", async () => close());',
      errors: [
        {
          messageId: 'listener',
          data: { method: 'addEventListener' },
          line: 1,
          column: 33,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'window.addEventListener("load", async function () {\n  try {\n    await boot();\n  } catch (error) {\n    console.error(error);\n  }\n});\nprocess.once("SIGINT", async () => close());',
            },
          ],
        },
        {
          messageId: 'listener',
          data: { method: 'once' },
          line: 2,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'window.addEventListener("load", async function () { await boot(); });\nprocess.once("SIGINT", async () => {\n  try {\n    await close();\n  } catch (error) {\n    console.error(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    {
      // queue / stream consumers
      code: 'channel.consume("jobs", async (message) => { await handle(message); });\nupdates$.subscribe(async (update) => { await apply(update); });',
      errors: [
        {
          messageId: 'listener',
          data: { method: 'consume' },
          line: 1,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'channel.consume("jobs", async (message) => {\n  try {\n    await handle(message);\n  } catch (error) {\n    console.error(error);\n  }\n});\nupdates$.subscribe(async (update) => { await apply(update); });',
            },
          ],
        },
        {
          messageId: 'listener',
          data: { method: 'subscribe' },
          line: 2,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'channel.consume("jobs", async (message) => { await handle(message); });\nupdates$.subscribe(async (update) => {\n  try {\n    await apply(update);\n  } catch (error) {\n    console.error(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    {
      // Express 4 route handler: the catch forwards to next
      code: "import express from 'express';\nconst app = express();\napp.get('/users/:id', async (req, res, next) => {\n  res.json(await loadUser(req.params.id));\n});",
      errors: [
        {
          messageId: 'route',
          line: 3,
          column: 23,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "import express from 'express';\nconst app = express();\napp.get('/users/:id', async (req, res, next) => {\n  try {\n    res.json(await loadUser(req.params.id));\n  } catch (error) {\n    next(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    {
      // Express middleware and a router from express; a catch that rethrows does not count
      code: "import { Router } from 'express';\nconst router = Router();\nrouter.use(async (req, res, next) => { try { await auth(req); next(); } catch (error) { throw error; } });",
      errors: [
        {
          messageId: 'route',
          data: { method: 'use' },
          line: 3,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "import { Router } from 'express';\nconst router = Router();\nrouter.use(async (req, res, next) => {\n  try {\n    try { await auth(req); next(); } catch (error) { throw error; }\n  } catch (error) {\n    next(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    {
      // an unknown router with Express-style (req, res) parameters
      code: 'export function routes(router) {\n  router.post("/", async (req, res) => { res.send(await create(req.body)); });\n}',
      errors: [
        {
          messageId: 'route',
          data: { method: 'post' },
          line: 2,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'export function routes(router) {\n  router.post("/", async (req, res) => {\n    try {\n      res.send(await create(req.body));\n    } catch (error) {\n      console.error(error);\n    }\n  });\n}',
            },
          ],
        },
      ],
    },
    {
      // timers
      code: 'setInterval(async () => {\n  await poll();\n}, 1000);',
      errors: [
        {
          messageId: 'timer',
          data: { method: 'setInterval' },
          line: 1,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'setInterval(async () => {\n  try {\n    await poll();\n  } catch (error) {\n    console.error(error);\n  }\n}, 1000);',
            },
          ],
        },
      ],
    },
    {
      code: 'setTimeout(async () => (await refresh()), 5);\nprocess.nextTick(async () => { await flush(); });',
      errors: [
        {
          messageId: 'timer',
          data: { method: 'setTimeout' },
          line: 1,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'setTimeout(async () => {\n  try {\n    await refresh();\n  } catch (error) {\n    console.error(error);\n  }\n}, 5);\nprocess.nextTick(async () => { await flush(); });',
            },
          ],
        },
        {
          messageId: 'timer',
          data: { method: 'process.nextTick' },
          line: 2,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'setTimeout(async () => (await refresh()), 5);\nprocess.nextTick(async () => {\n  try {\n    await flush();\n  } catch (error) {\n    console.error(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    {
      // async Promise executor
      code: 'const user = new Promise(async (resolve, reject) => {\n  resolve(await load());\n});',
      errors: [
        {
          messageId: 'executor',
          line: 1,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'const user = new Promise(async (resolve, reject) => {\n  try {\n    resolve(await load());\n  } catch (error) {\n    reject(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    {
      // a named async function passed by reference: reported at the reference
      code: 'async function onMessage(message) { await store(message); }\nsocket.on("message", onMessage);\nconst sendAll = async (item) => send(item);\nitems.forEach(sendAll);',
      errors: [
        { messageId: 'listener', line: 2, column: 22, suggestions: [] },
        { messageId: 'iteration', line: 4, column: 15, suggestions: [] },
      ],
    },
    {
      // try/finally without catch can still reject
      code: 'emitter.on("x", async () => { try { await work(); } finally { done(); } });',
      errors: [
        {
          messageId: 'listener',
          line: 1,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'emitter.on("x", async () => {\n  try {\n    try { await work(); } finally { done(); }\n  } catch (error) {\n    console.error(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    {
      // the `listen` callback and DOM-style handler properties ignore the promise too
      code: 'app.listen(3000, async () => {\n  await db.connect();\n});\nsocket.onmessage = async (event) => {\n  await handle(event.data);\n};',
      errors: [
        {
          messageId: 'listener',
          data: { method: 'listen' },
          line: 1,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'app.listen(3000, async () => {\n  try {\n    await db.connect();\n  } catch (error) {\n    console.error(error);\n  }\n});\nsocket.onmessage = async (event) => {\n  await handle(event.data);\n};',
            },
          ],
        },
        {
          messageId: 'listener',
          data: { method: 'onmessage' },
          line: 4,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'app.listen(3000, async () => {\n  await db.connect();\n});\nsocket.onmessage = async (event) => {\n  try {\n    await handle(event.data);\n  } catch (error) {\n    console.error(error);\n  }\n};',
            },
          ],
        },
      ],
    },
    {
      // Node-style (err, …) callbacks never read the promise
      code: "fs.readFile('a.json', async (err, data) => {\n  await store(JSON.parse(String(data)));\n});",
      errors: [
        {
          messageId: 'callback',
          data: { method: 'readFile' },
          line: 1,
          column: 23,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "fs.readFile('a.json', async (err, data) => {\n  try {\n    await store(JSON.parse(String(data)));\n  } catch (error) {\n    console.error(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    {
      // lodash iteration
      code: '_.forEach(items, async (item) => { await save(item); });',
      errors: [
        {
          messageId: 'iteration',
          data: { method: '_.forEach' },
          line: 1,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                '_.forEach(items, async (item) => {\n  try {\n    await save(item);\n  } catch (error) {\n    console.error(error);\n  }\n});',
            },
          ],
        },
      ],
    },
  ],
});

javaScriptRuleTester.run('no-async-callback-leak (JavaScript)', rule, {
  valid: [
    "const Koa = require('koa'); const app = new Koa(); app.use(async (ctx, next) => { await next(); });",
    'items.forEach((item) => console.log(item));',
  ],
  invalid: [
    {
      code: "const express = require('express');\nconst app = express();\napp.use(async function (req, res) {\n  res.send(await render());\n});",
      errors: [
        {
          messageId: 'route',
          line: 3,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "const express = require('express');\nconst app = express();\napp.use(async function (req, res) {\n  try {\n    res.send(await render());\n  } catch (error) {\n    console.error(error);\n  }\n});",
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-async-callback-leak (typed)', rule, {
  valid: [
    {
      // the slot's declared type accepts a promise-returning function: the caller awaits it
      code: 'declare const bus: { on(event: string, listener: (payload: string) => Promise<void>): void };\nbus.on("x", async (payload) => { await handle(payload); });\ndeclare function handle(payload: string): Promise<void>;',
      filename: typedFile,
    },
    {
      code: 'declare function sync(item: number): void;\n[1, 2].forEach(sync);',
      filename: typedFile,
    },
  ],
  invalid: [
    {
      // an imported or declared async function passed by reference: only types can tell
      code: 'declare function store(item: number): Promise<void>;\n[1, 2].forEach(store);',
      filename: typedFile,
      errors: [{ messageId: 'iteration', line: 2, column: 16, suggestions: [] }],
    },
    {
      code: 'declare const bus: { on(event: string, listener: (payload: string) => void): void };\nbus.on("x", async (payload) => { await fetch(payload); });',
      filename: typedFile,
      errors: [
        {
          messageId: 'listener',
          line: 2,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'declare const bus: { on(event: string, listener: (payload: string) => void): void };\nbus.on("x", async (payload) => {\n  try {\n    await fetch(payload);\n  } catch (error) {\n    console.error(error);\n  }\n});',
            },
          ],
        },
      ],
    },
  ],
});

// Dropped arrays of promises, callback-style processors, promise-returning predicates; and async functions that
// cannot reject (or only by a synchronous throw), which stay quiet.
ruleTester.run('no-async-callback-leak (more slots, bodies that cannot reject)', rule, {
  valid: [
    // the array of promises reaches Promise.all
    'export async function load(ids: string[]) { return Promise.all(Array.from(ids, async (id) => fetchOne(id))); }',
    'export function uploadAll() { return listFiles().then((files) => files.map(async (file) => upload(file))).then((jobs) => Promise.all(jobs)); }',
    'export async function sync(items: Item[]) { const pending = items.map(async (item) => push(item)); await Promise.allSettled(pending); }',
    // a processor without a completion callback: the queue awaits the promise it returns
    'queue.process(async (job) => { await sendEmail(job.data); });',
    // a completion callback that is never called is no evidence of callback style
    'worker.run(async (task, done) => { await task.execute(); });',
    // test frameworks: their runner deals with done
    'it("drains", async (t, done) => { await drain(); done(); });',
    // only calls that cannot throw around the try/catch: a Map delete, timers, Array.from, new Map(), assignments
    "socket.on('close', async () => {\n  pending.delete(socketId);\n  clearTimeout(idleTimer);\n  const waiting = Array.from(waiters);\n  waiters = new Map();\n  state = 'closed';\n  try {\n    await releaseAll(waiting);\n  } catch (error) {\n    logger.warn(error);\n  }\n});",
    // whatever the try throws, the finally ends the process
    "process.on('SIGTERM', async () => {\n  try {\n    await server.close();\n    await db.end();\n  } finally {\n    process.exit(0);\n  }\n});",
    // a signal handler that ends the process after its await: a rejection ends it too
    "const onSignal = async () => {\n  await server.destroy();\n  process.exit(0);\n};\nprocess.on('SIGINT', onSignal);\nprocess.on('SIGTERM', onSignal);",
    // no await and no returned value: only a synchronous throw could reject
    "emitter.on('change', async (value) => {\n  render(value);\n});",
    'setInterval(async () => { tick(); }, 1000);',
    'window.onresize = async () => { layout(); };',
    // an awaited sleep never rejects; the rest is caught
    'const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\nsetInterval(async () => {\n  await sleep(250);\n  try { await poll(); } catch (error) { console.error(error); }\n}, 1000);',
    "import { setTimeout as delay } from 'node:timers/promises';\nbus.on('retry', async (job) => { await delay(500); try { await job.run(); } catch (error) { job.fail(error); } });",
    // a poller that routes every failure to the reject it was given
    'export function waitReady(): Promise<Status> {\n  return new Promise((resolve, reject) => {\n    const check = async (attempt: number) => {\n      if (attempt > 10) return reject(new Error("not ready"));\n      try {\n        const status = await fetchStatus();\n        if (status.ready) resolve(status);\n        else setTimeout(() => check(attempt + 1), 500);\n      } catch (error) {\n        reject(error);\n      }\n    };\n    setTimeout(check, 0, 0);\n  });\n}',
    // a predicate that returns a plain value
    'function isActive(user: User) { return user.active; }\nexport const active = (users: User[]) => users.filter((user) => isActive(user));',
    // a predicate that tests presence: promises or nulls, the nulls dropped on purpose
    'export async function acquire(previous: Promise<void>, timeout: Promise<never> | null) {\n  await Promise.race([previous, timeout].filter((entry) => entry));\n}',
    // synchronous calls around a try/catch that holds every await: only a synchronous throw is left
    "channel.addEventListener('message', async (event) => {\n  debug('received', event);\n  if (event.data.kind === 'refresh') cache.clear();\n  try {\n    await notifySubscribers(event.data);\n  } catch (error) {\n    debug('notify failed', error);\n  }\n  render();\n});",
    'port.onmessage = async (event) => {\n  let reply;\n  try {\n    reply = await handle(event.data);\n  } catch {\n    reply = { error: true };\n  }\n  port.postMessage(reply);\n};',
    // an async executor that awaits nothing: a throw there is no different from a plain executor's
    'export function deferred() {\n  let settle;\n  const promise = new Promise(async (resolve) => (settle = resolve));\n  return { promise, settle };\n}',
    'export async function shutdown(server: Server) {\n  await new Promise(async (resolve) => {\n    server.close();\n    try {\n      server.onIdle(() => resolve(undefined));\n    } catch (error) {\n      console.error(error);\n    }\n  });\n}',
  ],
  invalid: [
    // the array of promises is what forEach's arrow returns: nobody waits for it
    {
      code: 'export function notifyGroups(groups) {\n  groups.forEach((group) => group.members.map(async (member) => notify(member)));\n}',
      errors: [{ messageId: 'discardedMap', line: 2, column: 47, suggestions: [] }],
    },
    // awaiting the array waits for nothing
    {
      code: "export async function sendAll(users: User[]) {\n  await users.map(async (user) => sendMail(user));\n  log('sent');\n}",
      errors: [
        {
          messageId: 'discardedMap',
          line: 2,
          column: 19,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                "export async function sendAll(users: User[]) {\n  await Promise.all(users.map(async (user) => sendMail(user)));\n  log('sent');\n}",
            },
          ],
        },
      ],
    },
    // the promises become a .then value that nobody awaits
    {
      code: 'export function uploadAll() {\n  return listFiles().then((files) => files.map(async (file) => upload(file)));\n}',
      errors: [{ messageId: 'discardedMap', line: 2, column: 48, suggestions: [] }],
    },
    // the right of && in a statement
    {
      code: 'export function save(items: Item[], enabled: boolean) {\n  enabled && items.map(async (item) => {\n    await persist(item);\n  });\n}',
      errors: [{ messageId: 'discardedMap', line: 2, column: 24, suggestions: [] }],
    },
    // Array.from with an async mapper, dropped and awaited
    {
      code: 'export async function refreshAll(nodes: Set<Node>) {\n  Array.from(nodes, async (node) => {\n    await node.refresh();\n  });\n  await Array.from(nodes, async (node) => node.flush());\n}',
      errors: [
        {
          messageId: 'discardedMap',
          line: 2,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                'export async function refreshAll(nodes: Set<Node>) {\n  await Promise.all(Array.from(nodes, async (node) => {\n    await node.refresh();\n  }));\n  await Array.from(nodes, async (node) => node.flush());\n}',
            },
          ],
        },
        {
          messageId: 'discardedMap',
          line: 5,
          column: 27,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                'export async function refreshAll(nodes: Set<Node>) {\n  Array.from(nodes, async (node) => {\n    await node.refresh();\n  });\n  await Promise.all(Array.from(nodes, async (node) => node.flush()));\n}',
            },
          ],
        },
      ],
    },
    // Bull in callback mode: the promise is ignored and done is never called on a rejection
    {
      code: 'emailQueue.process(async (job, done) => {\n  await sendEmail(job.data);\n  done();\n});',
      errors: [
        {
          messageId: 'doneCallback',
          line: 1,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'emailQueue.process(async (job, done) => {\n  try {\n    await sendEmail(job.data);\n    done();\n  } catch (error) {\n    done(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    // a job processor with a name and a concurrency
    {
      code: "this.queue.process('sync', 4, async (job, cb) => {\n  await this.sync(job.data);\n  cb();\n});",
      errors: [
        {
          messageId: 'doneCallback',
          line: 1,
          column: 31,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "this.queue.process('sync', 4, async (job, cb) => {\n  try {\n    await this.sync(job.data);\n    cb();\n  } catch (error) {\n    cb(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    // Passport verify callbacks are called callback-style
    {
      code: 'passport.use(new LocalStrategy(async (username, password, done) => {\n  const user = await User.findOne({ username });\n  if (!user) return done(null, false);\n  done(null, user);\n}));',
      errors: [
        {
          messageId: 'doneCallback',
          line: 1,
          column: 32,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'passport.use(new LocalStrategy(async (username, password, done) => {\n  try {\n    const user = await User.findOne({ username });\n    if (!user) return done(null, false);\n    done(null, user);\n  } catch (error) {\n    done(error);\n  }\n}));',
            },
          ],
        },
      ],
    },
    // a predicate that is not async but returns a promise
    {
      code: 'async function isActive(user: User) {\n  return (await loadProfile(user)).active;\n}\nexport const active = (users: User[]) => users.filter((user) => isActive(user));',
      errors: [{ messageId: 'predicate', line: 4, column: 55, suggestions: [] }],
    },
    // every() over promises from fs/promises
    {
      code: "import { access } from 'node:fs/promises';\nexport function allReadable(paths: string[]) {\n  return paths.every(function (path) {\n    return access(path);\n  });\n}",
      errors: [{ messageId: 'predicate', line: 3, column: 22, suggestions: [] }],
    },
  ],
});

javaScriptRuleTester.run('no-async-callback-leak (more slots, JavaScript)', rule, {
  valid: [
    "const Queue = require('bull');\nconst queue = new Queue('mail');\nqueue.process(async (job) => {\n  await deliver(job.data);\n});",
    "process.on('unhandledRejection', async (reason) => {\n  console.error(reason);\n});",
  ],
  invalid: [
    // kue processes jobs with a callback only
    {
      code: "const kue = require('kue');\nconst jobs = kue.createQueue();\njobs.process('email', async (job, done) => {\n  await deliver(job.data);\n  done();\n});",
      errors: [
        {
          messageId: 'doneCallback',
          line: 3,
          column: 23,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "const kue = require('kue');\nconst jobs = kue.createQueue();\njobs.process('email', async (job, done) => {\n  try {\n    await deliver(job.data);\n    done();\n  } catch (error) {\n    done(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    // Passport session deserialisation
    {
      code: 'passport.deserializeUser(async (id, done) => {\n  const user = await User.findById(id);\n  done(null, user);\n});',
      errors: [
        {
          messageId: 'doneCallback',
          line: 1,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'passport.deserializeUser(async (id, done) => {\n  try {\n    const user = await User.findById(id);\n    done(null, user);\n  } catch (error) {\n    done(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    // a function expression processor that passes its result to the callback
    {
      code: "queue.process('resize', 4, async function (job, callback) {\n  const output = await sharp(job.data.path).resize(200).toBuffer();\n  callback(null, output);\n});",
      errors: [
        {
          messageId: 'doneCallback',
          line: 1,
          column: 28,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "queue.process('resize', 4, async function (job, callback) {\n  try {\n    const output = await sharp(job.data.path).resize(200).toBuffer();\n    callback(null, output);\n  } catch (error) {\n    callback(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    // Array.from over a length, dropped
    {
      code: 'function spawnWorkers(count) {\n  Array.from({ length: count }, async (_, index) => {\n    await startWorker(index);\n  });\n}\nmodule.exports = spawnWorkers;',
      errors: [{ messageId: 'discardedMap', line: 2, column: 33, suggestions: [] }],
    },
    // awaiting a map of async blocks
    {
      code: "async function migrate(rows) {\n  await rows.map(async (row) => {\n    await db.insert(row);\n  });\n  console.log('done');\n}\nmodule.exports = migrate;",
      errors: [
        {
          messageId: 'discardedMap',
          line: 2,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestPromiseAll',
              output:
                "async function migrate(rows) {\n  await Promise.all(rows.map(async (row) => {\n    await db.insert(row);\n  }));\n  console.log('done');\n}\nmodule.exports = migrate;",
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-async-callback-leak (typed: declared slots, methods by reference)', rule, {
  valid: [
    {
      // a queue whose processor type accepts a promise: without a completion callback the queue awaits it
      code: 'interface Job { data: string }\ndeclare const queue: { process(handler: ((job: Job, done: (error?: Error) => void) => void) | ((job: Job) => Promise<void>)): void };\ndeclare function deliver(data: string): Promise<void>;\nqueue.process(async (job) => { await deliver(job.data); });',
      filename: typedFile,
    },
    {
      // methods passed by reference whose bodies cannot reject or never await
      code: 'import { EventEmitter } from "node:events";\ndeclare function flush(): Promise<void>;\nexport class Conn {\n  private count = 0;\n  constructor(private readonly events: EventEmitter) {\n    events.on("data", this.onData);\n    events.on("close", this.onClose);\n  }\n  private onData = async () => {\n    this.count += 1;\n  };\n  private async onClose(): Promise<void> {\n    try {\n      await flush();\n    } catch (error) {\n      console.error(error);\n    }\n  }\n}',
      filename: typedFile,
    },
    {
      // a callback stored in a field by the class, whose body catches everything
      code: 'export class Visibility {\n  private onChange: (() => Promise<void>) | null = null;\n  start(target: EventTarget) {\n    this.onChange = async () => {\n      try {\n        await refresh();\n      } catch (error) {\n        console.error(error);\n      }\n    };\n    target.addEventListener("visibilitychange", this.onChange);\n  }\n  stop() {\n    this.onChange = null;\n  }\n}\ndeclare function refresh(): Promise<void>;',
      filename: typedFile,
    },
    {
      // a map whose promises are awaited
      code: 'declare function send(x: number): Promise<void>;\nexport async function f(items: number[]) { await Promise.all(items.map(async (x) => { await send(x); })); }',
      filename: typedFile,
    },
  ],
  invalid: [
    {
      // the slot's parameter is generic (map<U>): the promises are still discarded
      code: 'declare function send(x: number): Promise<void>;\nexport function f(items: number[]) {\n  items.map(async (x) => { await send(x); });\n}',
      filename: typedFile,
      errors: [{ messageId: 'discardedMap', line: 3, column: 13, suggestions: [] }],
    },
    {
      // callback style wins over a declared type that also accepts a promise
      code: 'interface Job { data: string }\ndeclare const queue: { process(handler: ((job: Job, done: (error?: Error) => void) => void) | ((job: Job) => Promise<void>)): void };\ndeclare function deliver(data: string): Promise<void>;\nqueue.process(async (job, done) => {\n  await deliver(job.data);\n  done();\n});',
      filename: typedFile,
      errors: [
        {
          messageId: 'doneCallback',
          line: 4,
          column: 15,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                'interface Job { data: string }\ndeclare const queue: { process(handler: ((job: Job, done: (error?: Error) => void) => void) | ((job: Job) => Promise<void>)): void };\ndeclare function deliver(data: string): Promise<void>;\nqueue.process(async (job, done) => {\n  try {\n    await deliver(job.data);\n    done();\n  } catch (error) {\n    done(error);\n  }\n});',
            },
          ],
        },
      ],
    },
    {
      // a method by reference that awaits and can reject
      code: 'import { EventEmitter } from "node:events";\ndeclare function store(chunk: string): Promise<void>;\nexport class Sink {\n  constructor(events: EventEmitter) {\n    events.on("data", this.onData);\n  }\n  private async onData(chunk: string): Promise<void> {\n    await store(chunk);\n  }\n}',
      filename: typedFile,
      errors: [{ messageId: 'listener', line: 5, column: 23, suggestions: [] }],
    },
    {
      // a non-async predicate declared to return a promise
      code: 'declare function exists(path: string): Promise<boolean>;\nexport function present(paths: string[]) {\n  return paths.filter((path) => exists(path));\n}',
      filename: typedFile,
      errors: [{ messageId: 'predicate', line: 3, column: 23, suggestions: [] }],
    },
  ],
});

const READY_RESOLVE_ONLY =
  "export function attach(source: Source, sink: Sink) {\n  const ready = new Promise<void>((resolve) => {\n    source.once('ready', resolve);\n  });\n  source.on('data', async (chunk: Chunk) => {\n    await ready;\n    sink.write(chunk);\n  });\n}";
const READY_WITH_REJECT =
  "export function attach(source: Source, sink: Sink) {\n  const ready = new Promise<void>((resolve, reject) => {\n    source.once('ready', resolve);\n    source.once('error', reject);\n  });\n  source.on('data', async (chunk: Chunk) => {\n    await ready;\n    sink.write(chunk);\n  });\n}";
const LISTENER_FAILS_TO_SYNC_METHOD =
  "export class Peer {\n  listen(wire: Wire) {\n    wire.on('metadata', async (raw: Uint8Array) => {\n      let info;\n      try {\n        info = await decode(raw);\n      } catch (error) {\n        return this.destroy(error);\n      }\n      this.info = info;\n    });\n  }\n  destroy(error: unknown) {\n    this.closed = true;\n    this.emit('close', error);\n  }\n}";
const LISTENER_FAILS_TO_ASYNC_METHOD =
  "export class Peer {\n  listen(wire: Wire) {\n    wire.on('metadata', async (raw: Uint8Array) => {\n      let info;\n      try {\n        info = await decode(raw);\n      } catch (error) {\n        return this.reconnect(error);\n      }\n      this.info = info;\n    });\n  }\n  async reconnect(error: unknown) {\n    await this.dial();\n  }\n}";

ruleTester.run('no-async-callback-leak (awaits and returns the rule can see)', rule, {
  valid: [
    // the only await is of a promise of this file that only ever resolves; the rest is synchronous
    READY_RESOLVE_ONLY,
    // the caught error goes to a synchronous method of the class
    LISTENER_FAILS_TO_SYNC_METHOD,
  ],
  invalid: [
    // the awaited promise is rejected on an error event
    {
      code: READY_WITH_REJECT,
      errors: [
        {
          messageId: 'listener',
          data: { method: 'on' },
          line: 6,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output: READY_WITH_REJECT.replace(
                '    await ready;\n    sink.write(chunk);\n',
                '    try {\n      await ready;\n      sink.write(chunk);\n    } catch (error) {\n      console.error(error);\n    }\n',
              ),
            },
          ],
        },
      ],
    },
    // the catch returns an async method's promise, whose rejection is the listener's
    {
      code: LISTENER_FAILS_TO_ASYNC_METHOD,
      errors: [
        {
          messageId: 'listener',
          data: { method: 'on' },
          line: 3,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output: LISTENER_FAILS_TO_ASYNC_METHOD.replace(
                '      let info;\n      try {\n        info = await decode(raw);\n      } catch (error) {\n        return this.reconnect(error);\n      }\n      this.info = info;\n',
                '      try {\n        let info;\n        try {\n          info = await decode(raw);\n        } catch (error) {\n          return this.reconnect(error);\n        }\n        this.info = info;\n      } catch (error) {\n        console.error(error);\n      }\n',
              ),
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-async-callback-leak (typed: slots made by the referenced function)', rule, {
  valid: [
    {
      // a method by reference in no slot, in a class whose async method takes a node-style callback's parameters
      code: 'declare function store(data: string): Promise<void>;\ndeclare function remember(value: unknown): void;\nexport class Loader {\n  keep() {\n    remember(this.onRead);\n  }\n  private async onRead(err: Error | null, data: string): Promise<void> {\n    if (err) return;\n    await store(data);\n  }\n}',
      filename: typedFile,
    },
  ],
  invalid: [
    {
      // the method's `(err, …)` parameters make the last argument a node-style callback
      code: 'declare function readFile(path: string, callback: (err: Error | null, data: string) => void): void;\ndeclare function store(data: string): Promise<void>;\nexport class Loader {\n  load(path: string) {\n    readFile(path, this.onRead);\n  }\n  private async onRead(err: Error | null, data: string): Promise<void> {\n    if (err) return;\n    await store(data);\n  }\n}',
      filename: typedFile,
      errors: [{ messageId: 'callback', data: { method: 'readFile' }, line: 5, column: 20, suggestions: [] }],
    },
    {
      // a function declared after the call, run callback-style through its last `done` parameter
      code: 'declare function store(data: string): Promise<void>;\ndeclare function runTask(name: string, task: (data: string, done: (error?: Error) => void) => void): void;\nexport function start() {\n  runTask("sync", handle);\n}\nasync function handle(data: string, done: (error?: Error) => void) {\n  await store(data);\n  done();\n}',
      filename: typedFile,
      errors: [
        {
          messageId: 'doneCallback',
          data: { method: 'runTask', param: 'done' },
          line: 4,
          column: 19,
          suggestions: [],
        },
      ],
    },
  ],
});

// An async listener or timer callback that awaits nothing, and a handler that ends the process after its awaits:
// quiet only when the body shows nothing a synchronous callback would not also lose.
const MOVE_RETURNED =
  "watcher.on('rename', async (from: string, to: string) => {\n  log.info('moved', to);\n  return index.move(from, to);\n});";
const MOVE_AWAITED =
  "watcher.on('rename', async (from: string, to: string) => {\n  await index.move(from, to);\n  log.info('moved', to);\n});";
const SETTINGS_RETURNED =
  "async function loadSettings() {\n  return JSON.parse(await readText('settings.json'));\n}\nconst settings = loadSettings();\nsetTimeout(async () => settings, 0);";
const DRAIN_WITH_REJECTION_HANDLER =
  "process.on('unhandledRejection', (reason) => logger.error(reason));\nprocess.once('SIGHUP', async () => {\n  await pool.drain();\n  process.exit(0);\n});";
const DRAIN_THEN_RETURN =
  "process.once('SIGHUP', async () => {\n  await pool.drain();\n  if (pool.size > 0) return;\n  process.exit(0);\n});";

ruleTester.run('no-async-callback-leak (no await, or ending the process)', rule, {
  valid: [
    // statement calls of unknown functions: a throw is synchronous, a dropped promise is no-floating-promise's report
    "watcher.on('rename', async (from: string, to: string) => {\n  index.move(from, to);\n  log.info('moved', to);\n});",
    "let state = 'busy';\nsetTimeout(async () => {\n  void flushLater();\n  state = 'idle';\n}, 50);",
    // the returned promise of the file only ever resolves
    "const opened = new Promise<void>((resolve) => {\n  door.once('open', resolve);\n});\nbell.on('ring', async () => {\n  chime();\n  return opened;\n});",
    // the early return comes before any await: every path that can reject reaches process.exit
    "let stopping = false;\nprocess.once('SIGHUP', async () => {\n  if (stopping) return;\n  stopping = true;\n  await pool.drain();\n  process.exit(0);\n});",
    // a finally that exits ends the process even when the file catches unhandled rejections
    "process.on('unhandledRejection', (reason) => logger.error(reason));\nprocess.once('SIGHUP', async () => {\n  try {\n    await pool.drain();\n  } finally {\n    process.exit(0);\n  }\n});",
  ],
  invalid: [
    // a returned call of an unknown function may be a promise the async listener adopts
    {
      code: MOVE_RETURNED,
      errors: [
        {
          messageId: 'listener',
          line: 1,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "watcher.on('rename', async (from: string, to: string) => {\n  try {\n    log.info('moved', to);\n    return index.move(from, to);\n  } catch (error) {\n    console.error(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    // the same work awaited: a rejection of move is the listener's
    {
      code: MOVE_AWAITED,
      errors: [
        {
          messageId: 'listener',
          line: 1,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "watcher.on('rename', async (from: string, to: string) => {\n  try {\n    await index.move(from, to);\n    log.info('moved', to);\n  } catch (error) {\n    console.error(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    // a returned constant holding an async function's promise: adopted with its rejection
    {
      code: SETTINGS_RETURNED,
      errors: [
        {
          messageId: 'timer',
          line: 5,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "async function loadSettings() {\n  return JSON.parse(await readText('settings.json'));\n}\nconst settings = loadSettings();\nsetTimeout(async () => {\n  try {\n    await settings;\n  } catch (error) {\n    console.error(error);\n  }\n}, 0);",
            },
          ],
        },
      ],
    },
    // the file catches unhandled rejections: a failed drain skips the exit and the process keeps running
    {
      code: DRAIN_WITH_REJECTION_HANDLER,
      errors: [
        {
          messageId: 'listener',
          line: 2,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "process.on('unhandledRejection', (reason) => logger.error(reason));\nprocess.once('SIGHUP', async () => {\n  try {\n    await pool.drain();\n    process.exit(0);\n  } catch (error) {\n    console.error(error);\n  }\n});",
            },
          ],
        },
      ],
    },
    // a path after the await leaves without ending the process
    {
      code: DRAIN_THEN_RETURN,
      errors: [
        {
          messageId: 'listener',
          line: 1,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "process.once('SIGHUP', async () => {\n  try {\n    await pool.drain();\n    if (pool.size > 0) return;\n    process.exit(0);\n  } catch (error) {\n    console.error(error);\n  }\n});",
            },
          ],
        },
      ],
    },
  ],
});

const SHUTDOWN_WITH_EXCEPTION_HANDLER =
  "const db = require('./db');\nprocess.on('uncaughtException', (error) => console.error(error));\nprocess.on('SIGINT', async () => {\n  await db.end();\n  process.exit(0);\n});";

javaScriptRuleTester.run('no-async-callback-leak (ending the process, JavaScript)', rule, {
  valid: [
    // an unhandled rejection ends the process the handler was about to end
    "const db = require('./db');\nprocess.on('SIGINT', async () => {\n  await db.end();\n  process.exit(0);\n});",
  ],
  invalid: [
    // the file's uncaughtException handler catches the rejection: the process outlives the signal
    {
      code: SHUTDOWN_WITH_EXCEPTION_HANDLER,
      errors: [
        {
          messageId: 'listener',
          line: 3,
          column: 22,
          suggestions: [
            {
              messageId: 'suggestTryCatch',
              output:
                "const db = require('./db');\nprocess.on('uncaughtException', (error) => console.error(error));\nprocess.on('SIGINT', async () => {\n  try {\n    await db.end();\n    process.exit(0);\n  } catch (error) {\n    console.error(error);\n  }\n});",
            },
          ],
        },
      ],
    },
  ],
});
