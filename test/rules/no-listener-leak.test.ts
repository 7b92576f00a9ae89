import path from 'node:path';
import rule from '../../rules/src/rules/no-listener-leak.js';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

const ruleTester = createRuleTester();
const javaScriptRuleTester = createJavaScriptRuleTester();
const typedRuleTester = createTypedRuleTester();
// Typed cases lint as a fixtures file outside the fixtures tsconfig, with `node:events` declared by the fixture.
const typedFile = path.join(fixturesDir, 'no-listener-leak.ts');
const clients = '/// <reference path="service-clients.d.ts" />\n';

ruleTester.run('no-listener-leak', rule, {
  valid: [
    // called once, from the IIFE that runs when the module loads: one listener per process
    "(function container() {\n  const script = process.argv[2];\n  exec(script);\n})();\nfunction exec(script) {\n  process.on('message', (msg) => handle(msg, script));\n}\n",
    // registered once: at start-up, in a constructor, in a start-up function
    'import { EventEmitter } from "node:events";\nexport const bus = new EventEmitter();\nbus.on("order", (order) => log(order));\nprocess.on("SIGTERM", () => server.close());',
    'export class Cache { constructor(private bus: Emitter) { bus.on("invalidate", (key: string) => this.drop(key)); process.on("exit", () => this.flush()); } drop(key: string) {} flush() {} }',
    'export class Conn { socket = connect(); constructor() { this.socket.on("data", (chunk) => this.onChunk(chunk)); } onChunk(chunk: unknown) {} }',
    'export function start() { process.on("unhandledRejection", report); server.on("error", report); }',
    'export async function main() { const server = createServer(); server.on("request", handle); process.on("SIGINT", () => server.close()); }',
    'export function connect(url: string) { const ws = new WebSocket(url); ws.addEventListener("message", onMessage); return ws; }',
    // once, { once: true }, { signal }
    'app.get("/ready", (req, res) => { bus.once("ready", () => res.end("ok")); });',
    'app.get("/ready", (req, res) => { target.addEventListener("ready", () => res.end("ok"), { once: true }); });',
    'export async function watch(signal: AbortSignal) { window.addEventListener("resize", onResize, { signal }); }',
    'app.get("/x", (req, res) => { const controller = new AbortController(); shared.addEventListener("change", onChange, { signal: controller.signal }); res.on("close", () => controller.abort()); });',
    // removed in the same scope: on close, in finally, in a returned cleanup
    'app.get("/events", (req, res) => {\n  const send = (event: unknown) => res.write(`data: ${JSON.stringify(event)}\\n\\n`);\n  bus.on("order", send);\n  req.on("close", () => bus.off("order", send));\n});',
    'app.get("/events", (req, res) => { const send = (e: unknown) => res.write(String(e)); bus.addListener("order", send); req.on("close", () => bus.removeListener("order", send)); });',
    'export async function run(job: Job, signal: AbortSignal) { const onAbort = () => job.cancel(); signal.addEventListener("abort", onAbort); try { await job.start(); } finally { signal.removeEventListener("abort", onAbort); } }',
    'export function handleRequest(req: Req) { const onData = (d: unknown) => use(d); process.on("message", onData); return () => process.off("message", onData); }',
    'useEffect(() => { window.addEventListener("resize", onResize); return () => window.removeEventListener("resize", onResize); }, []);',
    'app.get("/x", (req, res) => { bus.on("tick", onTick); res.on("finish", () => bus.removeAllListeners("tick")); });',
    // the promise around one reply removes its listeners when it settles
    'export class RpcClient {\n  constructor(private socket: Socket) {}\n  request(payload: string) {\n    return new Promise((resolve, reject) => {\n      const onData = (d: unknown) => { cleanup(); resolve(d); };\n      const onError = (e: Error) => { cleanup(); reject(e); };\n      const cleanup = () => { this.socket.off("data", onData); this.socket.off("error", onError); };\n      this.socket.on("data", onData);\n      this.socket.on("error", onError);\n      this.socket.write(payload);\n    });\n  }\n}',
    'export class Pool { request(q: string) { return new Promise((resolve) => { const onReply = (r: unknown) => { this.conn.removeListener("reply", onReply); resolve(r); }; this.conn.on("reply", onReply); this.conn.send(q); }); } }',
    // per-request and fresh objects die with the request
    'app.post("/upload", (req, res) => { const chunks: Buffer[] = []; req.on("data", (c: Buffer) => chunks.push(c)); req.on("end", () => res.end(String(chunks.length))); res.on("finish", () => log("done")); });',
    'wss.on("connection", (ws) => { ws.on("message", (m) => handle(ws, m)); ws.on("close", () => log("bye")); });',
    'export async function load(url: string) { const controller = new AbortController(); controller.signal.addEventListener("abort", () => log("aborted")); return fetch(url, { signal: controller.signal }); }',
    'setInterval(() => { const probe = net.connect(port); probe.on("error", () => markDown()); probe.on("connect", () => probe.end()); }, 5000);',
    'export function handleRequest(req: Req) { const parser = new Parser(); parser.on("field", (f) => req.fields.push(f)); parser.write(req.body); }',
    // events.once / events.on with a signal are not registrations that stay
    'import { once, on } from "node:events";\nexport async function handleMessage(signal: AbortSignal) { await once(bus, "ready"); for await (const [e] of on(bus, "tick", { signal })) log(e); }',
    'import events from "node:events";\napp.get("/x", async (req, res) => { for await (const [e] of events.on(bus, "tick", { signal: req.signal })) res.write(e); });',
    // loops over distinct events, distinct emitters, or one handler per item
    'for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, shutdown);',
    'for (const worker of workers) worker.on("message", onWorkerMessage);',
    'for (const plugin of plugins) app.on("request", plugin.onRequest);',
    'sockets.forEach((socket) => socket.on("close", () => drop(socket)));',
    'for (const [event, handler] of Object.entries(handlers)) emitter.on(event, handler);',
    // a registration guarded to happen once per target
    'app.use((req, res, next) => {\n  if (!tracked.has(req.socket)) {\n    tracked.add(req.socket);\n    req.socket.on("close", () => tracked.delete(req.socket));\n  }\n  next();\n});',
    'export function handleRequest(req: Req) { if (!req.socket._watched) { req.socket.on("timeout", onTimeout); req.socket._watched = true; } }',
    'app.get("/x", (req, res) => { if (bus.listenerCount("tick") === 0) bus.on("tick", onTick); res.end(); });',
    // one handler per item, made in the loop body, registered once at start-up
    'for (const address of addresses) {\n  const secondary = listen(address);\n  const closeSecondary = () => secondary.close();\n  mainServer.on("close", closeSecondary);\n}',
    // the request's own signal dies with the request
    'app.get("/slow", async (request, reply) => { request.signal.addEventListener("abort", () => log("gone")); return work(); });',
    // a one-shot timer at start-up runs once
    'setTimeout(() => { process.on("SIGTERM", () => server.close()); }, 0);',
    // three arguments: a router, not an emitter
    'for (const route of routes) router.on("GET", route.path, route.handler);',
    // the registration result is kept: its owner removes it
    'app.get("/x", (req, res) => { const off = store.on("change", () => res.write("x")); req.on("close", off); });',
    'export function handleRequest() { disposables.push(emitter.on("change", refresh)); }',
    // inside a one-shot event or a `once` listener
    'server.on("listening", () => { process.on("SIGTERM", () => server.close()); });',
    'db.once("open", () => { db.on("error", report); });',
    // a single-use object wiring its own input stream in a per-call-looking method
    'export class BatchRunner {\n  execute() {\n    return new Promise((resolve, reject) => {\n      this.stream.on("data", (row) => this.add(row)).on("error", reject).on("end", resolve);\n    });\n  }\n  add(row: unknown) {}\n}',
    // the target is torn down with its listeners
    'export class Client { request(q: string) { return new Promise((resolve) => { this.socket.on("data", resolve); this.socket.write(q); }).finally(() => this.socket.destroy()); } }',
    // a named listener removed elsewhere in the class
    'export class Feed { handleRequest() { this.source.on("item", this.onItem); } close() { this.source.off("item", this.onItem); } onItem = () => {}; }',
  ],
  invalid: [
    {
      // a per-call function called twice while the module loads: two listeners
      code: "function exec(script) {\n  process.on('message', (msg) => handle(msg, script));\n}\nexec('a.js');\nexec('b.js');\n",
      errors: [
        {
          messageId: 'leak',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                "function exec(script) {\n  process.once('message', (msg) => handle(msg, script));\n}\nexec('a.js');\nexec('b.js');\n",
            },
          ],
        },
      ],
    },
    {
      // a module-level emitter, per request
      code: 'import { EventEmitter } from "node:events";\nconst bus = new EventEmitter();\napp.get("/events", (req, res) => {\n  bus.on("order", (order) => res.write(JSON.stringify(order)));\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'bus' },
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestOnce',
              data: { replacement: 'bus.once(…)' },
              output:
                'import { EventEmitter } from "node:events";\nconst bus = new EventEmitter();\napp.get("/events", (req, res) => {\n  bus.once("order", (order) => res.write(JSON.stringify(order)));\n});',
            },
          ],
        },
      ],
    },
    {
      // process, per request
      code: 'app.post("/upload", (req, res) => {\n  process.on("uncaughtException", (err) => res.status(500).end());\n  req.pipe(store());\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'process' },
          line: 2,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'app.post("/upload", (req, res) => {\n  process.once("uncaughtException", (err) => res.status(500).end());\n  req.pipe(store());\n});',
            },
          ],
        },
      ],
    },
    {
      // the keep-alive socket outlives the request
      code: 'app.get("/x", (req, res) => {\n  req.socket.on("close", () => cleanup());\n  res.end();\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'req.socket' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output: 'app.get("/x", (req, res) => {\n  req.socket.once("close", () => cleanup());\n  res.end();\n});',
            },
          ],
        },
      ],
    },
    {
      // a plain Node handler on a shared connection
      code: 'import http from "node:http";\nimport { db } from "./db.js";\nhttp.createServer((req, res) => {\n  db.addListener("error", (err) => res.destroy(err));\n  db.query("select 1").then(() => res.end());\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'db' },
          line: 4,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'import http from "node:http";\nimport { db } from "./db.js";\nhttp.createServer((req, res) => {\n  db.once("error", (err) => res.destroy(err));\n  db.query("select 1").then(() => res.end());\n});',
            },
          ],
        },
      ],
    },
    {
      // a caller's signal, per call
      code: 'export async function run(job: Job, signal: AbortSignal) {\n  signal.addEventListener("abort", () => job.cancel());\n  await job.start();\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'signal' },
          line: 2,
          suggestions: [
            {
              messageId: 'suggestOnce',
              data: { replacement: '{ once: true }' },
              output:
                'export async function run(job: Job, signal: AbortSignal) {\n  signal.addEventListener("abort", () => job.cancel(), { once: true });\n  await job.start();\n}',
            },
          ],
        },
      ],
    },
    {
      // a named listener: also remove it in finally
      code: 'export async function run(job: Job, signal: AbortSignal) {\n  const onAbort = () => job.cancel();\n  signal.addEventListener("abort", onAbort);\n  await job.start();\n  log("done");\n}',
      errors: [
        {
          messageId: 'leak',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export async function run(job: Job, signal: AbortSignal) {\n  const onAbort = () => job.cancel();\n  signal.addEventListener("abort", onAbort, { once: true });\n  await job.start();\n  log("done");\n}',
            },
            {
              messageId: 'suggestFinally',
              data: { remove: 'signal.removeEventListener("abort", onAbort)' },
              output:
                'export async function run(job: Job, signal: AbortSignal) {\n  const onAbort = () => job.cancel();\n  signal.addEventListener("abort", onAbort);\n  try {\n    await job.start();\n    log("done");\n  } finally {\n    signal.removeEventListener("abort", onAbort);\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // the signal inside an options object, destructured
      code: 'export function download(url: string, { signal }: { signal: AbortSignal }) {\n  return new Promise((resolve, reject) => {\n    signal.addEventListener("abort", () => reject(signal.reason));\n    start(url, resolve);\n  });\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'signal' },
          line: 3,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export function download(url: string, { signal }: { signal: AbortSignal }) {\n  return new Promise((resolve, reject) => {\n    signal.addEventListener("abort", () => reject(signal.reason), { once: true });\n    start(url, resolve);\n  });\n}',
            },
          ],
        },
      ],
    },
    {
      // a presence check on an optional signal is no once-per-target guard
      code: 'export function record({ signal }: { signal?: AbortSignal } = {}) {\n  return new Promise((resolve) => {\n    const child = spawn("rec");\n    if (signal) {\n      signal.addEventListener("abort", () => child.kill());\n    }\n    child.on("close", resolve);\n  });\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'signal' },
          line: 5,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export function record({ signal }: { signal?: AbortSignal } = {}) {\n  return new Promise((resolve) => {\n    const child = spawn("rec");\n    if (signal) {\n      signal.addEventListener("abort", () => child.kill(), { once: true });\n    }\n    child.on("close", resolve);\n  });\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'export async function fetchPage(url: string, options: { signal: AbortSignal }) {\n  options.signal.addEventListener("abort", () => log(url));\n  return get(url);\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'options.signal' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export async function fetchPage(url: string, options: { signal: AbortSignal }) {\n  options.signal.addEventListener("abort", () => log(url), { once: true });\n  return get(url);\n}',
            },
          ],
        },
      ],
    },
    {
      // a long-lived signal shared by every request
      code: 'const shutdown = new AbortController();\napp.get("/stream", (req, res) => {\n  shutdown.signal.addEventListener("abort", () => res.end());\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'shutdown.signal' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const shutdown = new AbortController();\napp.get("/stream", (req, res) => {\n  shutdown.signal.addEventListener("abort", () => res.end(), { once: true });\n});',
            },
          ],
        },
      ],
    },
    {
      // a per-call method waiting for a reply on a shared socket
      code: 'export class RpcClient {\n  constructor(private socket: Socket) {}\n  request(payload: string): Promise<string> {\n    return new Promise((resolve) => {\n      this.socket.on("data", (chunk) => resolve(String(chunk)));\n      this.socket.write(payload);\n    });\n  }\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'this.socket' },
          line: 5,
          column: 7,
          suggestions: [
            {
              messageId: 'suggestOnce',
              data: { replacement: 'this.socket.once(…)' },
              output:
                'export class RpcClient {\n  constructor(private socket: Socket) {}\n  request(payload: string): Promise<string> {\n    return new Promise((resolve) => {\n      this.socket.once("data", (chunk) => resolve(String(chunk)));\n      this.socket.write(payload);\n    });\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // a helper that turns an event into a promise, on a module-level emitter
      code: 'const queue = createQueue();\nexport function waitForDrain() {\n  return new Promise((resolve) => queue.on("drain", resolve));\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'queue' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const queue = createQueue();\nexport function waitForDrain() {\n  return new Promise((resolve) => queue.once("drain", resolve));\n}',
            },
          ],
        },
      ],
    },
    {
      // an emitter subclass listening to itself on every message
      code: 'export class Worker extends EventEmitter {\n  async handleMessage(msg: Message) {\n    this.on("stop", () => msg.nack());\n    await this.process(msg);\n  }\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'this' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export class Worker extends EventEmitter {\n  async handleMessage(msg: Message) {\n    this.once("stop", () => msg.nack());\n    await this.process(msg);\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // a timer callback
      code: 'const ws = connect();\nsetInterval(() => {\n  ws.on("pong", () => markAlive());\n  ws.ping();\n}, 30000);',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'timer tick', target: 'ws' },
          line: 3,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const ws = connect();\nsetInterval(() => {\n  ws.once("pong", () => markAlive());\n  ws.ping();\n}, 30000);',
            },
          ],
        },
      ],
    },
    {
      // a listener added inside another listener that fires per message
      code: 'server.on("connection", (socket) => {\n  socket.on("data", (data) => {\n    socket.on("error", (err) => log(err));\n    handle(data);\n  });\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: '`data` event', target: 'socket' },
          line: 3,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'server.on("connection", (socket) => {\n  socket.on("data", (data) => {\n    socket.once("error", (err) => log(err));\n    handle(data);\n  });\n});',
            },
          ],
        },
      ],
    },
    {
      code: 'wss.on("connection", (ws) => {\n  ws.on("message", () => {\n    process.on("SIGTERM", () => ws.close());\n  });\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: '`message` event', target: 'process' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'wss.on("connection", (ws) => {\n  ws.on("message", () => {\n    process.once("SIGTERM", () => ws.close());\n  });\n});',
            },
          ],
        },
      ],
    },
    {
      // a loop adding the same listener again and again
      code: 'const emitter = new EventEmitter();\nfor (const job of jobs) {\n  emitter.on("drain", () => flush());\n  emitter.emit("job", job);\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'loop iteration', target: 'emitter' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const emitter = new EventEmitter();\nfor (const job of jobs) {\n  emitter.once("drain", () => flush());\n  emitter.emit("job", job);\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'export async function pump(queue: Queue) {\n  while (running) {\n    const msg = await queue.next();\n    window.addEventListener("online", () => retry(msg), false);\n  }\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'loop iteration', target: 'window' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export async function pump(queue: Queue) {\n  while (running) {\n    const msg = await queue.next();\n    window.addEventListener("online", () => retry(msg), { once: true });\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // per-item registrations are fine once, but this loop runs on every request
      code: 'app.post("/batch", (req, res) => {\n  for (const item of req.body.items) {\n    bus.on("done", () => res.write(item.id));\n  }\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'bus' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'app.post("/batch", (req, res) => {\n  for (const item of req.body.items) {\n    bus.once("done", () => res.write(item.id));\n  }\n});',
            },
          ],
        },
      ],
    },
    {
      // a per-message method on a field, named for its work
      code: 'export class Consumer {\n  onMessage(msg: Message) {\n    this.events.on("ack", () => msg.done());\n  }\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'this.events' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export class Consumer {\n  onMessage(msg: Message) {\n    this.events.once("ack", () => msg.done());\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // named functions handed to a timer and to a route elsewhere in the file
      code: 'const bus = new EventEmitter();\nfunction heartbeat() {\n  bus.on("beat", record);\n}\nsetInterval(heartbeat, 1000);\nconst show = async (req: Req, reply: Reply) => {\n  process.on("warning", (w) => reply.log(w));\n};\napp.get("/show", show);',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'timer tick', target: 'bus' },
          line: 3,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const bus = new EventEmitter();\nfunction heartbeat() {\n  bus.once("beat", record);\n}\nsetInterval(heartbeat, 1000);\nconst show = async (req: Req, reply: Reply) => {\n  process.on("warning", (w) => reply.log(w));\n};\napp.get("/show", show);',
            },
          ],
        },
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'process' },
          line: 7,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const bus = new EventEmitter();\nfunction heartbeat() {\n  bus.on("beat", record);\n}\nsetInterval(heartbeat, 1000);\nconst show = async (req: Req, reply: Reply) => {\n  process.once("warning", (w) => reply.log(w));\n};\napp.get("/show", show);',
            },
          ],
        },
      ],
    },
    {
      // a named `message` listener
      code: 'const cache = new Map();\nfunction relay(data: string) {\n  process.on("exit", () => cache.clear());\n}\nworker.on("message", relay);',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: '`message` event', target: 'process' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const cache = new Map();\nfunction relay(data: string) {\n  process.once("exit", () => cache.clear());\n}\nworker.on("message", relay);',
            },
          ],
        },
      ],
    },
    {
      // a one-shot timer inside a handler runs once per request
      code: 'app.get("/later", (req, res) => {\n  setTimeout(() => {\n    bus.on("tick", () => res.write("."));\n  }, 100);\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'bus' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'app.get("/later", (req, res) => {\n  setTimeout(() => {\n    bus.once("tick", () => res.write("."));\n  }, 100);\n});',
            },
          ],
        },
      ],
    },
    {
      // a React effect without a cleanup
      code: 'function Widget() {\n  useEffect(() => {\n    window.addEventListener("resize", onResize);\n  }, []);\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'effect run', target: 'window' },
          suggestions: [
            {
              messageId: 'suggestEffectCleanup',
              data: { remove: 'window.removeEventListener("resize", onResize)' },
              output:
                'function Widget() {\n  useEffect(() => {\n    window.addEventListener("resize", onResize);\n    return () => window.removeEventListener("resize", onResize);\n  }, []);\n}',
            },
          ],
        },
      ],
    },
    {
      // a queue job handler on a module-level connection, prependListener
      code: 'import { redis } from "./redis.js";\nexport const worker = {\n  async process(job: Job) {\n    redis.prependListener("error", (err) => job.fail(err));\n    await job.run();\n  },\n};',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'redis' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              data: { replacement: 'redis.prependOnceListener(…)' },
              output:
                'import { redis } from "./redis.js";\nexport const worker = {\n  async process(job: Job) {\n    redis.prependOnceListener("error", (err) => job.fail(err));\n    await job.run();\n  },\n};',
            },
          ],
        },
      ],
    },
    {
      // a Kafka-style per-message callback
      code: 'const metrics = new EventEmitter();\nawait consumer.run({\n  eachMessage: async ({ message }) => {\n    metrics.on("flush", () => ack(message));\n  },\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'metrics' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const metrics = new EventEmitter();\nawait consumer.run({\n  eachMessage: async ({ message }) => {\n    metrics.once("flush", () => ack(message));\n  },\n});',
            },
          ],
        },
      ],
    },
    {
      // a Koa-style handler on a class field
      code: 'export class Controller {\n  show(ctx: Context, next: Next) {\n    this.cache.on("evict", () => ctx.app.emit("stale"));\n    return next();\n  }\n}',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'this.cache' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export class Controller {\n  show(ctx: Context, next: Next) {\n    this.cache.once("evict", () => ctx.app.emit("stale"));\n    return next();\n  }\n}',
            },
          ],
        },
      ],
    },
  ],
});

javaScriptRuleTester.run('no-listener-leak (JavaScript)', rule, {
  valid: [
    'const { EventEmitter } = require("events");\nconst bus = new EventEmitter();\nbus.on("x", log);\nmodule.exports = bus;',
    'module.exports = function handler(req, res) { req.on("data", (c) => res.write(c)); req.on("end", () => res.end()); };',
    'const events = require("events");\nmodule.exports = async function handleMessage(emitter) { await events.once(emitter, "ready"); };',
    'class Conn { constructor(socket) { this.socket = socket; socket.on("data", (d) => this.onData(d)); } onData(d) {} }\nmodule.exports = Conn;',
    'for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));',
    'exports.start = function start(server) { process.on("SIGTERM", () => server.close()); };',
    'app.get("/sse", (req, res) => { const send = (e) => res.write(e); bus.on("e", send); res.on("close", () => bus.removeListener("e", send)); });',
  ],
  invalid: [
    {
      code: 'setInterval(function () {\n  process.on("warning", report);\n}, 1000);',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'timer tick', target: 'process' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output: 'setInterval(function () {\n  process.once("warning", report);\n}, 1000);',
            },
          ],
        },
      ],
    },
    {
      code: 'wss.on("connection", function (ws) {\n  ws.on("message", function () {\n    ws.addListener("close", cleanup);\n  });\n});',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: '`message` event', target: 'ws' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'wss.on("connection", function (ws) {\n  ws.on("message", function () {\n    ws.once("close", cleanup);\n  });\n});',
            },
          ],
        },
      ],
    },
    {
      code: 'const { EventEmitter } = require("events");\nconst bus = new EventEmitter();\nmodule.exports = function handler(req, res) {\n  bus.on("update", (u) => res.write(u));\n};',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'request', target: 'bus' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'const { EventEmitter } = require("events");\nconst bus = new EventEmitter();\nmodule.exports = function handler(req, res) {\n  bus.once("update", (u) => res.write(u));\n};',
            },
          ],
        },
      ],
    },
    {
      code: 'export async function run(task, signal) {\n  const onAbort = () => task.cancel();\n  signal.addEventListener("abort", onAbort);\n  await task.start();\n}',
      errors: [
        {
          messageId: 'leak',
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export async function run(task, signal) {\n  const onAbort = () => task.cancel();\n  signal.addEventListener("abort", onAbort, { once: true });\n  await task.start();\n}',
            },
            {
              messageId: 'suggestFinally',
              output:
                'export async function run(task, signal) {\n  const onAbort = () => task.cancel();\n  signal.addEventListener("abort", onAbort);\n  try {\n    await task.start();\n  } finally {\n    signal.removeEventListener("abort", onAbort);\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'class Client {\n  send(msg) {\n    return new Promise((resolve) => {\n      this.conn.on("ack", resolve);\n      this.conn.write(msg);\n    });\n  }\n}\nmodule.exports = Client;',
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'this.conn' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'class Client {\n  send(msg) {\n    return new Promise((resolve) => {\n      this.conn.once("ack", resolve);\n      this.conn.write(msg);\n    });\n  }\n}\nmodule.exports = Client;',
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-listener-leak (typed)', rule, {
  valid: [
    // an `on` that is no emitter (nothing can remove what it registers): a router, a query builder
    {
      code: 'interface Router { on(method: string, handler: () => void): void }\ndeclare const router: Router;\napp.get("/x", (req: unknown, res: unknown) => { router.on("GET", () => {}); });',
      filename: typedFile,
    },
    {
      code: `${clients}import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nexport function handleRequest() { const onX = () => {}; bus.on('x', onX); return () => bus.off('x', onX); }`,
      filename: typedFile,
    },
    {
      code: 'declare const target: EventTarget;\nexport function watch(signal: AbortSignal) { target.addEventListener("change", () => {}, { signal }); }',
      filename: typedFile,
    },
    {
      code: `${clients}import { once, EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nexport async function handleRequest() { await once(bus, 'ready'); }`,
      filename: typedFile,
    },
  ],
  invalid: [
    {
      code: `${clients}import { EventEmitter } from 'node:events';\nexport class Rpc {\n  constructor(private readonly socket: EventEmitter & { write(data: string): void }) {}\n  send(data: string) {\n    return new Promise((resolve) => {\n      this.socket.on('reply', resolve);\n      this.socket.write(data);\n    });\n  }\n}`,
      filename: typedFile,
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'this.socket' },
          line: 7,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output: `${clients}import { EventEmitter } from 'node:events';\nexport class Rpc {\n  constructor(private readonly socket: EventEmitter & { write(data: string): void }) {}\n  send(data: string) {\n    return new Promise((resolve) => {\n      this.socket.once('reply', resolve);\n      this.socket.write(data);\n    });\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${clients}import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nexport function handleRequest(req: { id: string }) {\n  bus.on('done', () => log(req.id));\n}\ndeclare function log(id: string): void;`,
      filename: typedFile,
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'bus' },
          line: 5,
          suggestions: [
            {
              messageId: 'suggestOnce',
              output: `${clients}import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nexport function handleRequest(req: { id: string }) {\n  bus.once('done', () => log(req.id));\n}\ndeclare function log(id: string): void;`,
            },
          ],
        },
      ],
    },
    {
      code: 'export async function run(signal: AbortSignal) {\n  signal.addEventListener("abort", () => console.log("stop"));\n}',
      filename: typedFile,
      errors: [
        {
          messageId: 'leak',
          data: { repeat: 'call', target: 'signal' },
          suggestions: [
            {
              messageId: 'suggestOnce',
              output:
                'export async function run(signal: AbortSignal) {\n  signal.addEventListener("abort", () => console.log("stop"), { once: true });\n}',
            },
          ],
        },
      ],
    },
  ],
});
