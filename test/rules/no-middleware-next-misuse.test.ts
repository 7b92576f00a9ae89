import path from 'node:path';
import rule from '../../rules/src/rules/no-middleware-next-misuse.js';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

const ruleTester = createRuleTester();
const javaScriptRuleTester = createJavaScriptRuleTester();
const typedRuleTester = createTypedRuleTester();
const typedFile = path.join(fixturesDir, 'no-middleware-next-misuse.ts');

/** Cases that are plain JavaScript, run in all three modes. */
const sharedValid: string[] = [
  // a three-parameter callback kept in a listener set is not a handler: nothing in it is named as a response
  `const listeners = new Set();
const filtered = (fullPath, flags, info) => {
  if (fullPath.startsWith('/tmp')) listener(fullPath, flags, info);
};
listeners.add(filtered);`,
  // an HTTP client's completion callback (err, res, body) given to `.post`
  `client.post(uri, data, { multipart: true }, function (err, res, body) {
  if (err) return console.error(err);
  if (res.statusCode !== 200) return console.error(body);
  console.log('published');
});`,
  // return next(err) stops the path
  'app.use((req, res, next) => {\n  if (!req.user) return next(new Error("no user"));\n  next();\n});',
  // if / else
  'app.use(function (req, res, next) {\n  if (!req.user) {\n    next(new Error("no user"));\n  } else {\n    next();\n  }\n});',
  // next("route") skips to the next route
  'app.get("/users/:id", (req, res, next) => {\n  if (req.params.id === "0") next("route");\n  else next();\n});',
  // error middleware responding once
  'app.use((err, req, res, next) => {\n  res.status(err.status || 500).json({ error: err.message });\n});',
  'app.use((err, req, res, next) => {\n  if (res.headersSent) return next(err);\n  res.status(500).send("oops");\n});',
  // Express 5 async handler that throws
  'app.get("/users/:id", async (req, res) => {\n  const user = await db.find(req.params.id);\n  if (!user) throw new NotFound();\n  res.json(user);\n});',
  // a middleware factory: the inner function is analysed
  'export function requireRole(role) {\n  return (req, res, next) => {\n    if (req.user.role !== role) return res.sendStatus(403);\n    next();\n  };\n}',
  // next() in finally when nothing else called it
  'app.use(async (req, res, next) => {\n  try {\n    await audit(req);\n  } finally {\n    next();\n  }\n});',
  // Koa
  'app.use(async (ctx, next) => {\n  const start = Date.now();\n  await next();\n  ctx.set("X-Time", String(Date.now() - start));\n});',
  'router.get("/", (ctx, next) => {\n  ctx.state.user = ctx.session.user;\n  return next();\n});',
  // Fastify hooks with done
  'fastify.addHook("onRequest", (request, reply, done) => {\n  if (!request.headers.auth) return reply.code(401).send();\n  done();\n});',
  // callbacks: the response happens in the callback only
  'app.get("/users/:id", (req, res, next) => {\n  db.find(req.params.id, (err, user) => {\n    if (err) return next(err);\n    res.json(user);\n  });\n});',
  // a call that passes res on hands over control
  'app.get("/file", (req, res) => {\n  fs.createReadStream(path).pipe(res);\n});',
  'app.get("/x", (request, response) => {\n  controller.show(request, response);\n});',
  // switch with a response in every case
  'app.post("/jobs", (req, res, next) => {\n  switch (req.body.kind) {\n    case "a":\n      return res.status(201).json(queueA(req.body));\n    case "b":\n      res.status(202).end();\n      break;\n    default:\n      next(new BadRequest());\n  }\n});',
  // try / catch
  'app.get("/x", async (req, res, next) => {\n  try {\n    res.json(await load());\n  } catch (err) {\n    next(err);\n  }\n});',
  // a named function registered later
  'function auth(req, res, next) {\n  if (!req.session) return res.redirect("/login");\n  next();\n}\napp.use(auth);',
  // app.route("/x").get(...)
  'app.route("/book").get((req, res) => {\n  res.send("Get a random book");\n}).post((req, res) => {\n  res.send("Add a book");\n});',
  // loops that decide before next()
  'app.use((req, res, next) => {\n  for (const header of required) {\n    if (!req.get(header)) return res.status(400).send(header);\n  }\n  next();\n});',
  // a helper that calls next, used on one path only
  'app.use((req, res, next) => {\n  const fail = (e) => next(e);\n  if (!req.ok) return fail(new Error("bad"));\n  next();\n});',
  // sets headers, then passes on
  'app.use((req, res, next) => {\n  res.set("X-Frame-Options", "DENY");\n  res.locals.nonce = makeNonce();\n  next();\n});',
  // render with a callback does not send by itself
  'app.get("/", (req, res, next) => {\n  res.render("home", (err, html) => {\n    if (err) return next(err);\n    res.send(html);\n  });\n});',
  // not a handler: two params with other names
  'items.forEach((item, next) => { next(); next(); });',
  // exported helpers with three or four parameters are not middleware
  'function compile(context, compile, isCustom) {\n  if (!context.schema) return;\n  build(context);\n}\nmodule.exports = { compile };',
  'export function walk(current, addJs, importer, depth) {\n  if (seen.has(current)) return;\n  seen.add(current);\n  items.get(current, depth);\n}',
  // different names, a router, an error path that returns the response
  'router.post("/login", function login(request, response, proceed) {\n  if (!request.body.user) {\n    return response.status(400).send("user required");\n  }\n  proceed();\n});',
  // .then/.catch hand the request over
  'app.get("/a", (req, res, next) => {\n  load(req.params.id).then((a) => res.json(a)).catch(next);\n});',
  // an exported middleware
  'export function cors(req, res, next) {\n  res.setHeader("Access-Control-Allow-Origin", "*");\n  if (req.method === "OPTIONS") return res.sendStatus(204);\n  next();\n}',
  'module.exports = function errorHandler(err, req, res, next) {\n  if (res.headersSent) {\n    return next(err);\n  }\n  res.status(500).render("error", { err });\n};',
  // a wrapper around the handler
  'router.get("/orders", asyncHandler(async (req, res) => {\n  const orders = await Order.find();\n  res.json(orders);\n}));',
  // a handler returning a promise
  'app.get("/x", (req, res) => {\n  return service.handle(req).then((body) => res.json(body));\n});',
  // next() once after a loop, and in a callback only
  'app.use((req, res, next) => {\n  let ok = true;\n  for (const rule of rules) {\n    if (!rule(req)) ok = false;\n  }\n  if (!ok) return res.sendStatus(400);\n  next();\n});',
  'app.use((req, res, next) => {\n  const timer = setTimeout(() => res.status(503).end(), 5000);\n  res.on("finish", () => clearTimeout(timer));\n  next();\n});',
  // Koa: awaited in try, returned, and a then chain that is returned
  'app.use(async (ctx, next) => {\n  try {\n    await next();\n  } catch (err) {\n    ctx.status = err.status || 500;\n    ctx.body = { message: err.message };\n  }\n});',
  'app.use((ctx, next) => next().then(() => { ctx.set("X-Done", "1"); }));',
  // a shadowing next inside a callback belongs to someone else
  'app.use((req, res, next) => {\n  queue.push((next) => { next(); next(); });\n  next();\n});',
  // a three-parameter callback of an array method, inside Promise.all, is not a handler
  'async function transfer(result) {\n  await Promise.all(\n    result.map(async (item, index, all) => {\n      if (item.handle) all[index] = await move(item);\n    }),\n  );\n}',
  // an empty stub, and a Fastify async handler whose promise Fastify awaits
  'fastify.post("/", (req, reply) => {\n});',
  'fastify.get("/items", async (request, reply) => {\n  const items = await repo.list();\n  if (items.length) reply.header("x-count", String(items.length));\n});',
  // assert.fail throws
  'fastify.get("/", function (request, reply) {\n  t.assert.fail("we should not be here");\n});',
  // an SSE stream stays open on purpose
  'app.get("/events", (req, res) => {\n  res.writeHead(200, { "Content-Type": "text/event-stream" });\n  bus.on("tick", send);\n});',
];

const sharedInvalid = [
  {
    // next(err) without return, then next()
    code: 'app.use((req, res, next) => {\n  if (!req.user) next(new Error("no user"));\n  next();\n});',
    errors: [
      {
        messageId: 'nextTwice' as const,
        line: 3,
        suggestions: [
          {
            messageId: 'suggestReturn' as const,
            output:
              'app.use((req, res, next) => {\n  if (!req.user) return next(new Error("no user"));\n  next();\n});',
          },
        ],
      },
    ],
  },
  {
    // a response and then next()
    code: 'router.get("/me", function (request, response, done) {\n  if (!request.user) {\n    response.status(401).json({ error: "login" });\n  }\n  done();\n});',
    errors: [
      {
        messageId: 'nextAfterResponse' as const,
        line: 5,
        suggestions: [
          {
            messageId: 'suggestReturn' as const,
            output:
              'router.get("/me", function (request, response, done) {\n  if (!request.user) {\n    return response.status(401).json({ error: "login" });\n  }\n  done();\n});',
          },
        ],
      },
    ],
  },
  {
    // the callback: next(err) without return, then res.json
    code: 'app.get("/users/:id", (req, res, next) => {\n  db.find(req.params.id, (err, user) => {\n    if (err) next(err);\n    res.json(user);\n  });\n});',
    errors: [
      {
        messageId: 'responseAfterNext' as const,
        line: 4,
        suggestions: [
          {
            messageId: 'suggestReturn' as const,
            output:
              'app.get("/users/:id", (req, res, next) => {\n  db.find(req.params.id, (err, user) => {\n    if (err) return next(err);\n    res.json(user);\n  });\n});',
          },
        ],
      },
    ],
  },
  {
    // a path that hangs
    code: 'app.get("/users/:id", async (req, res) => {\n  const user = await db.find(req.params.id);\n  if (user) {\n    res.json(user);\n  }\n});',
    errors: [{ messageId: 'handlerHangs' as const, line: 1, data: { line: '6' } }],
  },
  {
    code: 'function auth(req, res, next) {\n  if (!req.session) {\n    log("no session");\n    return;\n  }\n  next();\n}\napp.use(auth);',
    errors: [{ messageId: 'handlerHangs' as const, line: 1, data: { line: '4' } }],
  },
  {
    // Koa: next() neither awaited nor returned
    code: 'app.use(async (ctx, next) => {\n  ctx.state.start = Date.now();\n  next();\n});',
    errors: [
      {
        messageId: 'koaNextNotAwaited' as const,
        line: 3,
        suggestions: [
          {
            messageId: 'suggestAwait' as const,
            output: 'app.use(async (ctx, next) => {\n  ctx.state.start = Date.now();\n  await next();\n});',
          },
          {
            messageId: 'suggestReturnNext' as const,
            output: 'app.use(async (ctx, next) => {\n  ctx.state.start = Date.now();\n  return next();\n});',
          },
        ],
      },
    ],
  },
  {
    // next both synchronously and in a callback
    code: 'app.use((req, res, next) => {\n  fs.readFile(file, (err, data) => {\n    if (err) return next(err);\n    req.data = data;\n    next();\n  });\n  next();\n});',
    errors: [{ messageId: 'nextInCallbackToo' as const, line: 7 }],
  },
  {
    // a switch case that falls through to next()
    code: 'app.post("/jobs", (req, res, next) => {\n  switch (req.body.kind) {\n    case "bad":\n      res.status(400).json({ error: "bad kind" });\n    default:\n      next();\n  }\n});',
    errors: [
      {
        messageId: 'nextAfterResponse' as const,
        line: 6,
        suggestions: [
          {
            messageId: 'suggestReturn' as const,
            output:
              'app.post("/jobs", (req, res, next) => {\n  switch (req.body.kind) {\n    case "bad":\n      return res.status(400).json({ error: "bad kind" });\n    default:\n      next();\n  }\n});',
          },
        ],
      },
    ],
  },
  {
    // a catch that calls next(err) and the path goes on to next()
    code: 'app.use(async (req, res, next) => {\n  try {\n    req.user = await loadUser(req);\n  } catch (err) {\n    next(err);\n  }\n  next();\n});',
    errors: [
      {
        messageId: 'nextTwice' as const,
        line: 7,
        suggestions: [
          {
            messageId: 'suggestReturn' as const,
            output:
              'app.use(async (req, res, next) => {\n  try {\n    req.user = await loadUser(req);\n  } catch (err) {\n    return next(err);\n  }\n  next();\n});',
          },
        ],
      },
    ],
  },
  {
    // a named function registered later, with a response and then next()
    code: 'const checkQuota = (req, response, cont) => {\n  if (overQuota(req)) response.sendStatus(429);\n  cont();\n};\nrouter.use(checkQuota);',
    errors: [
      {
        messageId: 'nextAfterResponse' as const,
        line: 3,
        suggestions: [
          {
            messageId: 'suggestReturn' as const,
            output:
              'const checkQuota = (req, response, cont) => {\n  if (overQuota(req)) return response.sendStatus(429);\n  cont();\n};\nrouter.use(checkQuota);',
          },
        ],
      },
    ],
  },
  {
    // app.route(...).get(...) with a hanging path
    code: 'app.route("/book").get(async (req, res) => {\n  const book = await books.random();\n  if (!book) {\n    return;\n  }\n  res.send(book);\n});',
    errors: [{ messageId: 'handlerHangs' as const, line: 1, data: { line: '4' } }],
  },
  {
    // a response after next()
    code: 'app.use((req, res, next) => {\n  next();\n  res.json({ ok: true });\n});',
    errors: [
      {
        messageId: 'responseAfterNext' as const,
        line: 3,
        suggestions: [
          {
            messageId: 'suggestReturn' as const,
            output: 'app.use((req, res, next) => {\n  return next();\n  res.json({ ok: true });\n});',
          },
        ],
      },
    ],
  },
  {
    // next() and then a callback that calls it again
    code: 'app.use((req, res, next) => {\n  next();\n  audit.write(req, (err) => next(err));\n});',
    errors: [{ messageId: 'nextInCallbackToo' as const, line: 3 }],
  },
  {
    // error middleware: next(err) without return, then a response
    code: 'app.use((err, req, res, next) => {\n  if (err.code === "EBADCSRFTOKEN") next(err);\n  res.status(403).send("form tampered with");\n});',
    errors: [
      {
        messageId: 'responseAfterNext' as const,
        line: 3,
        suggestions: [
          {
            messageId: 'suggestReturn' as const,
            output:
              'app.use((err, req, res, next) => {\n  if (err.code === "EBADCSRFTOKEN") return next(err);\n  res.status(403).send("form tampered with");\n});',
          },
        ],
      },
    ],
  },
  {
    // Koa: next() twice, and a non-async middleware with a bare next()
    code: 'router.use(async (ctx, next) => {\n  if (!ctx.state.user) await next();\n  await next();\n});',
    errors: [{ messageId: 'nextTwice' as const, line: 3, suggestions: [] }],
  },
  {
    code: 'app.use((ctx, next) => {\n  ctx.state.requestId = id();\n  next();\n});',
    errors: [
      {
        messageId: 'koaNextNotAwaited' as const,
        line: 3,
        suggestions: [
          {
            messageId: 'suggestReturnNext' as const,
            output: 'app.use((ctx, next) => {\n  ctx.state.requestId = id();\n  return next();\n});',
          },
        ],
      },
    ],
  },
  {
    // a hanging path in a factory's middleware: the else branch only logs
    code: 'export function requireKey(key) {\n  return function (req, res, next) {\n    if (req.get("x-api-key") === key) {\n      next();\n    } else {\n      console.warn("bad key");\n    }\n  };\n}',
    errors: [{ messageId: 'handlerHangs' as const, line: 2, data: { line: '8' } }],
  },
];

ruleTester.run('no-middleware-next-misuse', rule, {
  valid: [...sharedValid],
  invalid: [...sharedInvalid],
});

javaScriptRuleTester.run('no-middleware-next-misuse (JavaScript)', rule, {
  valid: [...sharedValid],
  invalid: [...sharedInvalid],
});

typedRuleTester.run('no-middleware-next-misuse (typed)', rule, {
  valid: sharedValid.map((code) => ({ code, filename: typedFile })),
  invalid: sharedInvalid.map((test) => ({ ...test, filename: typedFile })),
});
