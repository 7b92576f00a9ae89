import rule from '../../rules/src/rules/prefer-bounded-concurrency.js';
import path from 'node:path';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

// Not a file of the fixtures' tsconfig: linted through allowDefaultProject (as the other typed rule tests do).
const typedFile = path.join(fixturesDir, 'prefer-bounded-concurrency.ts');

const error = (line: number, column: number, receiver = 'items') => ({
  messageId: 'unboundedMap' as const,
  line,
  column,
  data: { receiver },
});

createRuleTester().run('prefer-bounded-concurrency', rule, {
  valid: [
    // Small literal arrays are bounded by construction.
    `await Promise.all(['a', 'b', 'c'].map(async (name) => load(name)));`,
    `const regions = ['eu', 'us']; await Promise.all(regions.map(async (region) => ping(region)));`,
    // Already bounded: manual batches, slices, limiters, queues.
    `for (const chunk of chunks) await Promise.all(chunk.map(async (id) => fetchUser(id)));`,
    `await Promise.all(batch.map(async (id) => fetchUser(id)));`,
    `await Promise.all(items.slice(i, i + 10).map(async (id) => fetchUser(id)));`,
    `await Promise.all(items.map(async (id) => limit(() => fetchUser(id))));`,
    `await Promise.all(items.map(async (id) => { await semaphore.acquire(); try { return await fetchUser(id); } finally { semaphore.release(); } }));`,
    `await Promise.all(items.map(async (id) => queue.add(() => fetchUser(id))));`,
    // Not async callbacks (p-limit style wraps the work; plain values).
    `await Promise.all(items.map((id) => limit(() => fetchUser(id))));`,
    `await Promise.all(items.map((id) => id * 2));`,
    // Async callbacks that start no work of their own: nothing to bound.
    `await Promise.all(items.map(async (item) => item.value));`,
    `await Promise.all(pending.map(async (promise) => { try { return await promise; } catch { return undefined; } }));`,
    `await Promise.all(texts.map(async (text) => JSON.parse(await text)));`,
    `await Promise.all(jobs.map(async (job) => { console.log(job.id); return Math.max(await job.done, 0); }));`,
    // Not the global Promise.
    `import Promise from 'bluebird'; await Promise.all(items.map(async (id) => fetchUser(id)));`,
    `function run(Promise) { return Promise.all(items.map(async (id) => fetchUser(id))); }`,
    // Other shapes: allSettled, a map with thisArg, a function reference, already a bounded helper.
    `await Promise.allSettled(items.map(async (id) => fetchUser(id)));`,
    `await Promise.all(items.map(async function (id) { return this.load(id); }, loader));`,
    `await Promise.all(items.map(fetchUser));`,
    `await mapWithLimit(items, 8, async (id) => fetchUser(id));`,
    // A literal array mutated later is not "small" by construction, but one that is only read is.
    `const ids = [1, 2, 3]; console.log(ids.length); await Promise.all(ids.map(async (id) => fetchUser(id)));`,
  ],
  invalid: [
    {
      code: `async function loadAll(items) {\n  return await Promise.all(items.map(async (id) => fetchUser(id)));\n}`,
      errors: [error(2, 16)],
    },
    {
      code: `const users = await Promise.all(userIds.map(async (id) => {\n  const response = await fetch(url + id);\n  return response.json();\n}));`,
      errors: [error(1, 21, 'userIds')],
    },
    {
      // Without await: the fan-out happens all the same.
      code: `function loadAll() { return Promise.all(this.files.map(async (file) => read(file))); }`,
      errors: [error(1, 29, 'this.files')],
    },
    {
      code: `await Promise.all(Object.keys(config).map(async function (key) { await save(key, config[key]); }));`,
      errors: [error(1, 7, 'Object.keys(config)')],
    },
    {
      // A literal array that is pushed to has no fixed size.
      code: `const jobs = [a, b];\njobs.push(c);\nawait Promise.all(jobs.map(async (job) => job.run()));`,
      errors: [error(3, 7, 'jobs')],
    },
    {
      // A spread literal is as large as what it spreads.
      code: `await Promise.all([...urls].map(async (url) => fetch(url)));`,
      errors: [error(1, 7, '[...urls]')],
    },
    {
      code: `await Promise.all(rows.map(async (row) => db.insert(row)) as Promise<void>[]);`,
      errors: [error(1, 7, 'rows')],
    },
    {
      // Beyond the configured literal length.
      code: `await Promise.all([1, 2, 3].map(async (n) => work(n)));`,
      options: [{ maxLiteralLength: 2 }],
      errors: [error(1, 7, '[1, 2, 3]')],
    },
    {
      // A long receiver is named generically in the message.
      code: `await Promise.all(response.data.organisation.members.filter((member) => member.active).map(async (member) => notify(member)));`,
      errors: [error(1, 7, 'items')],
    },
  ],
});

createJavaScriptRuleTester().run('prefer-bounded-concurrency (JavaScript)', rule, {
  valid: [`await Promise.all(['x', 'y'].map(async (key) => get(key)));`],
  invalid: [
    {
      code: `export async function syncAll(records) {\n  await Promise.all(records.map(async (record) => { await upload(record); }));\n}`,
      errors: [error(2, 9, 'records')],
    },
  ],
});

createTypedRuleTester().run('prefer-bounded-concurrency (typed)', rule, {
  valid: [
    // A tuple has a fixed size known to the type checker.
    {
      code: `declare const pair: [string, string]; declare function load(x: string): Promise<void>; export async function f() { await Promise.all(pair.map(async (x) => load(x))); }`,
      filename: typedFile,
    },
  ],
  invalid: [
    {
      code: `declare const names: string[]; declare function load(x: string): Promise<void>; export async function f() { await Promise.all(names.map(async (x) => load(x))); }`,
      filename: typedFile,
      errors: [error(1, 115, 'names')],
    },
  ],
});

// Collections bounded by construction and per-item work that does not overlap.
createRuleTester().run('prefer-bounded-concurrency (bounded by construction, synchronous items)', rule, {
  valid: [
    // the only await is on the error path: each item's work is synchronous
    `export function run(inputs: Input[]) {\n  return Promise.all(inputs.map(async (input, index) => {\n    try {\n      return { type: 'result', data: compute(input, index) };\n    } catch (error) {\n      return { type: 'error', error: await describe(error) };\n    }\n  }));\n}`,
    `export async function validateAll(items: Item[]) {\n  return Promise.all(items.map(async (item) => {\n    const verdict = check(item);\n    if (!verdict.ok) {\n      await audit(verdict);\n      throw new Error(verdict.reason);\n    }\n    return verdict;\n  }));\n}`,
    // the keys of a small constant configuration object
    `const SERVICES = { auth: 'http://auth', billing: 'http://billing', search: 'http://search' };\nexport async function health() {\n  return Promise.all(Object.keys(SERVICES).map(async (name) => ping(name)));\n}`,
    `const REGIONS = { eu: 'eu-west-1', us: 'us-east-1' } as const;\nexport async function warm() {\n  await Promise.all(Object.entries(REGIONS).map(async ([name, region]) => prime(name, region)));\n}`,
    // as many items as the call site spells out
    `export async function grant(context: Context, ...permissions: Permission[]) {\n  await Promise.all(permissions.map(async (permission) => context.grant(permission)));\n}`,
    // the last few of a list
    `export async function latest(events: Event[]) {\n  return Promise.all(events.slice(-3).map(async (event) => enrich(event)));\n}`,
  ],
  invalid: [
    // an await on the main path next to the catch
    {
      code: 'export async function convert(inputs: Input[]) {\n  return Promise.all(inputs.map(async (input) => {\n    try {\n      return { ok: true, value: await transform(input) };\n    } catch (error) {\n      return { ok: false, error: await serialize(error) };\n    }\n  }));\n}',
      errors: [{ messageId: 'unboundedMap', line: 2, column: 10 }],
    },
    // Object.keys of an object the code fills at run time
    {
      code: 'const handlers: Record<string, Handler> = {};\nexport function register(name: string, handler: Handler) {\n  handlers[name] = handler;\n}\nexport async function closeAll() {\n  await Promise.all(Object.keys(handlers).map(async (name) => handlers[name]!.close()));\n}',
      errors: [{ messageId: 'unboundedMap', line: 6, column: 9 }],
    },
    // a slice from an index is as long as the rest
    {
      code: 'export async function rest(items: string[]) {\n  return Promise.all(items.slice(1).map(async (item) => load(item)));\n}',
      errors: [{ messageId: 'unboundedMap', line: 2, column: 10 }],
    },
    // a query result
    {
      code: "export async function archiveOld(db: Db) {\n  const rows = await db.select('orders');\n  await Promise.all(rows.map(async (row) => archive(row)));\n}",
      errors: [{ messageId: 'unboundedMap', line: 3, column: 9 }],
    },
  ],
});
