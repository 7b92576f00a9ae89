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
            { messageId: 'suggestForOf', output: 'async function run(items: string[]) {\n  for (const item of items) {\n    await save(item);\n  }\n}' },
            { messageId: 'suggestPromiseAll', output: 'async function run(items: string[]) {\n  await Promise.all(items.map(async (item) => {\n    await save(item);\n  }));\n}' },
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
            { messageId: 'suggestForOf', output: 'async function run(users: User[]) {\n  for (const { id } of users) { await notify(id); }\n}' },
            { messageId: 'suggestPromiseAll', output: 'async function run(users: User[]) {\n  await Promise.all(users.map(async ({ id }: User) => notify(id)));\n}' },
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
            { messageId: 'suggestPromiseAll', output: 'async function run(items: string[]) {\n  await Promise.all(items.map(async (item, index) => {\n    await save(item, index);\n  }));\n}' },
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
          suggestions: [{ messageId: 'suggestPromiseAll', output: 'async function run(items: string[]) {\n  await Promise.all(items.map(async (item) => save(item)));\n}' }],
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
            { messageId: 'suggestTryCatch', output: 'emitter.on("data", async (chunk) => {\n  try {\n    await write(chunk);\n  } catch (error) {\n    console.error(error);\n  }\n});' },
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
            { messageId: 'suggestTryCatch', output: 'window.addEventListener("load", async function () {\n  try {\n    await boot();\n  } catch (error) {\n    console.error(error);\n  }\n});\nprocess.once("SIGINT", async () => close());' },
          ],
        },
        {
          messageId: 'listener',
          data: { method: 'once' },
          line: 2,
          column: 24,
          suggestions: [
            { messageId: 'suggestTryCatch', output: 'window.addEventListener("load", async function () { await boot(); });\nprocess.once("SIGINT", async () => {\n  try {\n    await close();\n  } catch (error) {\n    console.error(error);\n  }\n});' },
          ],
        },
      ],
    },
    {
      // queue / stream consumers
      code: 'channel.consume("jobs", async (message) => { await handle(message); });\nupdates$.subscribe(async (update) => { await apply(update); });',
      errors: [
        { messageId: 'listener', data: { method: 'consume' }, line: 1, column: 25, suggestions: [
          { messageId: 'suggestTryCatch', output: 'channel.consume("jobs", async (message) => {\n  try {\n    await handle(message);\n  } catch (error) {\n    console.error(error);\n  }\n});\nupdates$.subscribe(async (update) => { await apply(update); });' },
        ] },
        { messageId: 'listener', data: { method: 'subscribe' }, line: 2, column: 20, suggestions: [
          { messageId: 'suggestTryCatch', output: 'channel.consume("jobs", async (message) => { await handle(message); });\nupdates$.subscribe(async (update) => {\n  try {\n    await apply(update);\n  } catch (error) {\n    console.error(error);\n  }\n});' },
        ] },
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
            { messageId: 'suggestTryCatch', output: "import express from 'express';\nconst app = express();\napp.get('/users/:id', async (req, res, next) => {\n  try {\n    res.json(await loadUser(req.params.id));\n  } catch (error) {\n    next(error);\n  }\n});" },
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
            { messageId: 'suggestTryCatch', output: "import { Router } from 'express';\nconst router = Router();\nrouter.use(async (req, res, next) => {\n  try {\n    try { await auth(req); next(); } catch (error) { throw error; }\n  } catch (error) {\n    next(error);\n  }\n});" },
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
            { messageId: 'suggestTryCatch', output: 'export function routes(router) {\n  router.post("/", async (req, res) => {\n    try {\n      res.send(await create(req.body));\n    } catch (error) {\n      console.error(error);\n    }\n  });\n}' },
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
            { messageId: 'suggestTryCatch', output: 'setInterval(async () => {\n  try {\n    await poll();\n  } catch (error) {\n    console.error(error);\n  }\n}, 1000);' },
          ],
        },
      ],
    },
    {
      code: 'setTimeout(async () => (await refresh()), 5);\nprocess.nextTick(async () => { await flush(); });',
      errors: [
        { messageId: 'timer', data: { method: 'setTimeout' }, line: 1, column: 12, suggestions: [
          { messageId: 'suggestTryCatch', output: 'setTimeout(async () => {\n  try {\n    await refresh();\n  } catch (error) {\n    console.error(error);\n  }\n}, 5);\nprocess.nextTick(async () => { await flush(); });' },
        ] },
        { messageId: 'timer', data: { method: 'process.nextTick' }, line: 2, column: 18, suggestions: [
          { messageId: 'suggestTryCatch', output: 'setTimeout(async () => (await refresh()), 5);\nprocess.nextTick(async () => {\n  try {\n    await flush();\n  } catch (error) {\n    console.error(error);\n  }\n});' },
        ] },
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
            { messageId: 'suggestTryCatch', output: 'const user = new Promise(async (resolve, reject) => {\n  try {\n    resolve(await load());\n  } catch (error) {\n    reject(error);\n  }\n});' },
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
            { messageId: 'suggestTryCatch', output: 'emitter.on("x", async () => {\n  try {\n    try { await work(); } finally { done(); }\n  } catch (error) {\n    console.error(error);\n  }\n});' },
          ],
        },
      ],
    },
    {
      // the `listen` callback and DOM-style handler properties ignore the promise too
      code: 'app.listen(3000, async () => {\n  await db.connect();\n});\nsocket.onmessage = async (event) => {\n  await handle(event.data);\n};',
      errors: [
        { messageId: 'listener', data: { method: 'listen' }, line: 1, column: 18, suggestions: [
          { messageId: 'suggestTryCatch', output: 'app.listen(3000, async () => {\n  try {\n    await db.connect();\n  } catch (error) {\n    console.error(error);\n  }\n});\nsocket.onmessage = async (event) => {\n  await handle(event.data);\n};' },
        ] },
        { messageId: 'listener', data: { method: 'onmessage' }, line: 4, column: 20, suggestions: [
          { messageId: 'suggestTryCatch', output: 'app.listen(3000, async () => {\n  await db.connect();\n});\nsocket.onmessage = async (event) => {\n  try {\n    await handle(event.data);\n  } catch (error) {\n    console.error(error);\n  }\n};' },
        ] },
      ],
    },
    {
      // Node-style (err, …) callbacks never read the promise
      code: "fs.readFile('a.json', async (err, data) => {\n  await store(JSON.parse(String(data)));\n});",
      errors: [
        { messageId: 'callback', data: { method: 'readFile' }, line: 1, column: 23, suggestions: [
          { messageId: 'suggestTryCatch', output: "fs.readFile('a.json', async (err, data) => {\n  try {\n    await store(JSON.parse(String(data)));\n  } catch (error) {\n    console.error(error);\n  }\n});" },
        ] },
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
            { messageId: 'suggestTryCatch', output: '_.forEach(items, async (item) => {\n  try {\n    await save(item);\n  } catch (error) {\n    console.error(error);\n  }\n});' },
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
            { messageId: 'suggestTryCatch', output: "const express = require('express');\nconst app = express();\napp.use(async function (req, res) {\n  try {\n    res.send(await render());\n  } catch (error) {\n    console.error(error);\n  }\n});" },
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
            { messageId: 'suggestTryCatch', output: 'declare const bus: { on(event: string, listener: (payload: string) => void): void };\nbus.on("x", async (payload) => {\n  try {\n    await fetch(payload);\n  } catch (error) {\n    console.error(error);\n  }\n});' },
          ],
        },
      ],
    },
  ],
});
