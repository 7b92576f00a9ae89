import rule from '../../rules/src/rules/prefer-bounded-concurrency.js';
import path from 'node:path';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

// Not a file of the fixtures' tsconfig: linted through allowDefaultProject (as the other typed rule tests do).
const typedFile = path.join(fixturesDir, 'prefer-bounded-concurrency.ts');

const error = (line: number, column: number, receiver = 'items') => ({ messageId: 'unboundedMap' as const, line, column, data: { receiver } });

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
