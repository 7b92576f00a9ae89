import rule from '../../rules/src/rules/no-floating-promise.js';
import path from 'node:path';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

const CATCH = '.catch((error) => console.error(error))';

const ruleTester = createRuleTester();
const javaScriptRuleTester = createJavaScriptRuleTester();
const typedRuleTester = createTypedRuleTester();
// Typed cases lint as a file of the fixtures folder that the fixtures tsconfig does not list: the project
// service opens it in its default project, with the case's code as its text.
const typedFile = path.join(fixturesDir, 'no-floating-promise.ts');

ruleTester.run('no-floating-promise', rule, {
  valid: [
    // awaited, returned, voided, handled
    'async function save() {} async function main() { await save(); }',
    'async function save() {} function main() { return save(); }',
    'async function save() {} const main = () => save();',
    'async function save() {} void save();',
    'async function save() {} save().catch((error) => console.error(error));',
    'async function save() {} save().then(() => {}, (error) => console.error(error));',
    'async function save() {} save().catch(() => {}).finally(() => {});',
    'fetch("/a").then((r) => r.json()).catch(console.error);',
    // passed on to another call
    'async function save() {} const all = []; all.push(save()); Promise.all(all).catch(() => {});',
    'async function save(n: number) {} async function main() { await Promise.all([save(1), save(2)]); }',
    'async function save() {} function track(p: Promise<void>) {} track(save());',
    // stored and awaited / returned / passed later
    'async function save() {} async function main() { const p = save(); doWork(); await p; }',
    'async function save() {} function main() { const p = save(); return p; }',
    'async function save() {} function main() { const p = save(); p.then(() => {}, () => {}); }',
    'async function save() {} async function main() { const jobs = [save(), save()]; await Promise.allSettled(jobs); }',
    'async function main(items: string[]) { const jobs = items.map(async (item) => item); await Promise.all(jobs); }',
    'async function save() {} export const ready = save();',
    'class Store { ready = this.load(); async load() {} async use() { await this.ready; } }',
    'class Store { constructor() { this.loading = this.load(); } async load() {} async get() { await this.loading; } loading: Promise<void>; }',
    // not promises
    'function sync() { return 1; } sync();',
    'console.log("x");',
    'const items = [1, 2]; items.map((x) => x * 2);',
    'setTimeout(() => {}, 10);',
    // test frameworks register their callbacks and await them
    'describe("suite", () => { it("works", async () => { await fetch("/x"); }); });',
    'test("a", async () => {}); test.each([1])("b", async () => {});',
    // Cypress command chains are not promises
    'cy.get(".button").then(($el) => $el.click());',
    // locally shadowed fetch that is not a promise
    'function fetch(url: string) { return url; } fetch("/x");',
    // a deliberate allow-list
    { code: 'async function track() {} track();', options: [{ allowedCalls: ['track'] }] },
    {
      code: 'const analytics = { async send() {} }; analytics.send();',
      options: [{ allowedCalls: ['analytics.send'] }],
    },
    // same-file functions that cannot reject: the whole body in try/catch, or a handled chain returned
    'async function log(entry: string) { try { await send(entry); } catch (error) { console.error(error); } } log("x");',
    'async function load() {} function prefetch() { return load().then(() => {}).catch(() => {}); } prefetch();',
    // reporting a caught error as an unhandled rejection on purpose
    'try { run(); } catch (error) { Promise.reject(error); }',
    // a function that returns a promise only when no callback is given
    'function close(callback?: () => void) { if (callback) { callback(); return; } return new Promise<void>((resolve) => resolve()); } close(() => {});',
    // usage elsewhere is trusted for plain functions only, and never for callback-style calls
    'async function handler(reply: Reply) { await reply.send(1); reply.send(2); }',
    "import { connect } from './db'; async function a() { await connect(); } function b() { connect(() => {}); }",
    // usage is per binding: a parameter awaited in one function says nothing of a same-named one in another
    'function wrap(dispose: () => void) { return () => { dispose(); }; }\nfunction wrapAsync(dispose: () => Promise<void>) { return async () => { await dispose(); }; }',
    // a package's default export awaited elsewhere is a thenable factory, not proof of a promise
    "import fastify from 'fastify'; async function a() { await fastify(); } fastify({ logger: true });",
    // every branch handled or already resolved
    'function cancel(pending?: Promise<void>) { return pending ? pending.then(() => {}).catch(() => {}) : Promise.resolve(); } cancel();',
    // stored-promise checks can be switched off
    { code: 'async function save() {} function main() { const p = save(); }', options: [{ checkStored: false }] },
  ],
  invalid: [
    {
      code: 'async function save() {}\nasync function main() {\n  save();\n}',
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: 'async function save() {}\nasync function main() {\n  await save();\n}',
            },
            {
              messageId: 'suggestCatch',
              output: `async function save() {}\nasync function main() {\n  save()${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output: 'async function save() {}\nasync function main() {\n  void save();\n}',
            },
          ],
        },
      ],
    },
    {
      // not inside an async function: no await suggestion
      code: 'const save = async () => {};\nfunction main() { save(); }',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 19,
          suggestions: [
            { messageId: 'suggestCatch', output: `const save = async () => {};\nfunction main() { save()${CATCH}; }` },
            { messageId: 'suggestVoid', output: 'const save = async () => {};\nfunction main() { void save(); }' },
          ],
        },
      ],
    },
    {
      // a function returning new Promise, well-known fetch
      code: 'function delay(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }\ndelay(5);\nfetch("/ping");',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `function delay(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }\ndelay(5)${CATCH};\nfetch("/ping");`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'function delay(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }\nvoid delay(5);\nfetch("/ping");',
            },
          ],
        },
        {
          messageId: 'floating',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `function delay(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }\ndelay(5);\nfetch("/ping")${CATCH};`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'function delay(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }\ndelay(5);\nvoid fetch("/ping");',
            },
          ],
        },
      ],
    },
    {
      // explicit Promise return type, and new Promise as a statement
      code: 'function load(): Promise<number> { return cache.get(); }\nload();\nnew Promise((resolve) => resolve(1));',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `function load(): Promise<number> { return cache.get(); }\nload()${CATCH};\nnew Promise((resolve) => resolve(1));`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'function load(): Promise<number> { return cache.get(); }\nvoid load();\nnew Promise((resolve) => resolve(1));',
            },
          ],
        },
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `function load(): Promise<number> { return cache.get(); }\nload();\nnew Promise((resolve) => resolve(1))${CATCH};`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'function load(): Promise<number> { return cache.get(); }\nload();\nvoid new Promise((resolve) => resolve(1));',
            },
          ],
        },
      ],
    },
    {
      // fs/promises and timers/promises imports, fs.promises
      code: "import { readFile } from 'node:fs/promises';\nimport * as timers from 'timers/promises';\nimport fs from 'fs';\nreadFile('a');\ntimers.setTimeout(10);\nfs.promises.unlink('b');",
      errors: [
        {
          messageId: 'floating',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `import { readFile } from 'node:fs/promises';\nimport * as timers from 'timers/promises';\nimport fs from 'fs';\nreadFile('a')${CATCH};\ntimers.setTimeout(10);\nfs.promises.unlink('b');`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "import { readFile } from 'node:fs/promises';\nimport * as timers from 'timers/promises';\nimport fs from 'fs';\nvoid readFile('a');\ntimers.setTimeout(10);\nfs.promises.unlink('b');",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `import { readFile } from 'node:fs/promises';\nimport * as timers from 'timers/promises';\nimport fs from 'fs';\nreadFile('a');\ntimers.setTimeout(10)${CATCH};\nfs.promises.unlink('b');`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "import { readFile } from 'node:fs/promises';\nimport * as timers from 'timers/promises';\nimport fs from 'fs';\nreadFile('a');\nvoid timers.setTimeout(10);\nfs.promises.unlink('b');",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `import { readFile } from 'node:fs/promises';\nimport * as timers from 'timers/promises';\nimport fs from 'fs';\nreadFile('a');\ntimers.setTimeout(10);\nfs.promises.unlink('b')${CATCH};`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "import { readFile } from 'node:fs/promises';\nimport * as timers from 'timers/promises';\nimport fs from 'fs';\nreadFile('a');\ntimers.setTimeout(10);\nvoid fs.promises.unlink('b');",
            },
          ],
        },
      ],
    },
    {
      // .then(ok) without a rejection handler, .finally() alone
      code: 'async function f() {\n  fetch("/a").then((r) => r.json());\n  fetch("/b").finally(() => done());\n}',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output:
                'async function f() {\n  await fetch("/a").then((r) => r.json());\n  fetch("/b").finally(() => done());\n}',
            },
            {
              messageId: 'suggestCatch',
              output: `async function f() {\n  fetch("/a").then((r) => r.json())${CATCH};\n  fetch("/b").finally(() => done());\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'async function f() {\n  void fetch("/a").then((r) => r.json());\n  fetch("/b").finally(() => done());\n}',
            },
          ],
        },
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output:
                'async function f() {\n  fetch("/a").then((r) => r.json());\n  await fetch("/b").finally(() => done());\n}',
            },
            {
              messageId: 'suggestCatch',
              output: `async function f() {\n  fetch("/a").then((r) => r.json());\n  fetch("/b").finally(() => done())${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'async function f() {\n  fetch("/a").then((r) => r.json());\n  void fetch("/b").finally(() => done());\n}',
            },
          ],
        },
      ],
    },
    {
      // ternary and logical statements
      code: 'async function save() {}\nfunction skip() {}\nasync function run(cond: boolean, ready: boolean) {\n  cond ? save() : skip();\n  ready && save();\n}',
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output:
                'async function save() {}\nfunction skip() {}\nasync function run(cond: boolean, ready: boolean) {\n  await (cond ? save() : skip());\n  ready && save();\n}',
            },
            {
              messageId: 'suggestCatch',
              output: `async function save() {}\nfunction skip() {}\nasync function run(cond: boolean, ready: boolean) {\n  cond ? save()${CATCH} : skip();\n  ready && save();\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'async function save() {}\nfunction skip() {}\nasync function run(cond: boolean, ready: boolean) {\n  void (cond ? save() : skip());\n  ready && save();\n}',
            },
          ],
        },
        {
          messageId: 'floating',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output:
                'async function save() {}\nfunction skip() {}\nasync function run(cond: boolean, ready: boolean) {\n  cond ? save() : skip();\n  await (ready && save());\n}',
            },
            {
              messageId: 'suggestCatch',
              output: `async function save() {}\nfunction skip() {}\nasync function run(cond: boolean, ready: boolean) {\n  cond ? save() : skip();\n  ready && save()${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'async function save() {}\nfunction skip() {}\nasync function run(cond: boolean, ready: boolean) {\n  cond ? save() : skip();\n  void (ready && save());\n}',
            },
          ],
        },
      ],
    },
    {
      // async IIFE
      code: '(async () => {\n  await fetch("/x");\n})();',
      errors: [
        {
          messageId: 'floating',
          line: 1,
          column: 1,
          suggestions: [
            { messageId: 'suggestCatch', output: `(async () => {\n  await fetch("/x");\n})()${CATCH};` },
            { messageId: 'suggestVoid', output: 'void (async () => {\n  await fetch("/x");\n})();' },
          ],
        },
      ],
    },
    {
      // methods: this.method(), object literal and class instances declared in the file
      code: 'class Repo {\n  async save() {}\n  touch() {\n    this.save();\n  }\n}\nconst api = { async ping() {} };\napi.ping();\nconst repo = new Repo();\nrepo.save();',
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `class Repo {\n  async save() {}\n  touch() {\n    this.save()${CATCH};\n  }\n}\nconst api = { async ping() {} };\napi.ping();\nconst repo = new Repo();\nrepo.save();`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'class Repo {\n  async save() {}\n  touch() {\n    void this.save();\n  }\n}\nconst api = { async ping() {} };\napi.ping();\nconst repo = new Repo();\nrepo.save();',
            },
          ],
        },
        {
          messageId: 'floating',
          line: 8,
          column: 1,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `class Repo {\n  async save() {}\n  touch() {\n    this.save();\n  }\n}\nconst api = { async ping() {} };\napi.ping()${CATCH};\nconst repo = new Repo();\nrepo.save();`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'class Repo {\n  async save() {}\n  touch() {\n    this.save();\n  }\n}\nconst api = { async ping() {} };\nvoid api.ping();\nconst repo = new Repo();\nrepo.save();',
            },
          ],
        },
        {
          messageId: 'floating',
          line: 10,
          column: 1,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `class Repo {\n  async save() {}\n  touch() {\n    this.save();\n  }\n}\nconst api = { async ping() {} };\napi.ping();\nconst repo = new Repo();\nrepo.save()${CATCH};`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'class Repo {\n  async save() {}\n  touch() {\n    this.save();\n  }\n}\nconst api = { async ping() {} };\napi.ping();\nconst repo = new Repo();\nvoid repo.save();',
            },
          ],
        },
      ],
    },
    {
      // without the checker: the file's own interfaces, type literals, classes and annotations
      code: 'interface UserRepo { save(user: string): Promise<void>; count(): number }\ntype Task = () => Promise<void>;\nclass Service {\n  constructor(private repo: UserRepo) {}\n  register(user: string, task: () => Promise<void>) {\n    this.repo.count();\n    this.repo.save(user);\n    task();\n  }\n}',
      errors: [
        {
          messageId: 'floating',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `interface UserRepo { save(user: string): Promise<void>; count(): number }\ntype Task = () => Promise<void>;\nclass Service {\n  constructor(private repo: UserRepo) {}\n  register(user: string, task: () => Promise<void>) {\n    this.repo.count();\n    this.repo.save(user)${CATCH};\n    task();\n  }\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'interface UserRepo { save(user: string): Promise<void>; count(): number }\ntype Task = () => Promise<void>;\nclass Service {\n  constructor(private repo: UserRepo) {}\n  register(user: string, task: () => Promise<void>) {\n    this.repo.count();\n    void this.repo.save(user);\n    task();\n  }\n}',
            },
          ],
        },
        {
          messageId: 'floating',
          line: 8,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `interface UserRepo { save(user: string): Promise<void>; count(): number }\ntype Task = () => Promise<void>;\nclass Service {\n  constructor(private repo: UserRepo) {}\n  register(user: string, task: () => Promise<void>) {\n    this.repo.count();\n    this.repo.save(user);\n    task()${CATCH};\n  }\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'interface UserRepo { save(user: string): Promise<void>; count(): number }\ntype Task = () => Promise<void>;\nclass Service {\n  constructor(private repo: UserRepo) {}\n  register(user: string, task: () => Promise<void>) {\n    this.repo.count();\n    this.repo.save(user);\n    void task();\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'type Mailer = { send(to: string): Promise<void> };\nclass Queue { async push(job: string) {} }\nfunction run(mailer: Mailer) {\n  const queue: Queue = make();\n  mailer.send("a");\n  queue.push("b");\n}',
      errors: [
        {
          messageId: 'floating',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `type Mailer = { send(to: string): Promise<void> };\nclass Queue { async push(job: string) {} }\nfunction run(mailer: Mailer) {\n  const queue: Queue = make();\n  mailer.send("a")${CATCH};\n  queue.push("b");\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'type Mailer = { send(to: string): Promise<void> };\nclass Queue { async push(job: string) {} }\nfunction run(mailer: Mailer) {\n  const queue: Queue = make();\n  void mailer.send("a");\n  queue.push("b");\n}',
            },
          ],
        },
        {
          messageId: 'floating',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `type Mailer = { send(to: string): Promise<void> };\nclass Queue { async push(job: string) {} }\nfunction run(mailer: Mailer) {\n  const queue: Queue = make();\n  mailer.send("a");\n  queue.push("b")${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'type Mailer = { send(to: string): Promise<void> };\nclass Queue { async push(job: string) {} }\nfunction run(mailer: Mailer) {\n  const queue: Queue = make();\n  mailer.send("a");\n  void queue.push("b");\n}',
            },
          ],
        },
      ],
    },
    {
      // a promise stored in a variable that nothing reads: reported at the assignment
      code: 'async function save() {}\nasync function main() {\n  const result = save();\n}',
      errors: [
        {
          messageId: 'unusedStored',
          data: { name: 'result' },
          line: 3,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: 'async function save() {}\nasync function main() {\n  const result = await save();\n}',
            },
            {
              messageId: 'suggestCatch',
              output: `async function save() {}\nasync function main() {\n  const result = save()${CATCH};\n}`,
            },
          ],
        },
      ],
    },
    {
      // an array of promises that nobody hands to Promise.all
      code: 'async function sync(items: string[]) {\n  const jobs = items.map(async (item) => save(item));\n}',
      errors: [{ messageId: 'unusedStored', data: { name: 'jobs' }, line: 2, column: 9, suggestions: [] }],
    },
    {
      // stored in a field that nothing reads
      code: 'class Cache {\n  constructor() {\n    this.warming = this.warm();\n  }\n  async warm() {}\n}',
      errors: [
        {
          messageId: 'unusedStored',
          data: { name: 'this.warming' },
          line: 3,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `class Cache {\n  constructor() {\n    this.warming = this.warm()${CATCH};\n  }\n  async warm() {}\n}`,
            },
          ],
        },
      ],
    },
    {
      code: 'class Cache {\n  #pending = fetch("/warm");\n}',
      errors: [
        {
          messageId: 'unusedStored',
          data: { name: 'pending' },
          line: 2,
          column: 3,
          suggestions: [
            { messageId: 'suggestCatch', output: `class Cache {\n  #pending = fetch("/warm")${CATCH};\n}` },
          ],
        },
      ],
    },
    {
      // an imported function the same file awaits elsewhere
      code: "import { sendEmail } from './mail';\nasync function welcome() { await sendEmail(1); }\nfunction remind() {\n  sendEmail(2);\n}",
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `import { sendEmail } from './mail';\nasync function welcome() { await sendEmail(1); }\nfunction remind() {\n  sendEmail(2)${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "import { sendEmail } from './mail';\nasync function welcome() { await sendEmail(1); }\nfunction remind() {\n  void sendEmail(2);\n}",
            },
          ],
        },
      ],
    },
    {
      // the await that proves it comes later in the file than the dropped call (usage is indexed for the whole file)
      code: "import { sendEmail } from './mail';\nfunction remind() {\n  sendEmail(2);\n}\nasync function welcome() { await sendEmail(1); }",
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `import { sendEmail } from './mail';\nfunction remind() {\n  sendEmail(2)${CATCH};\n}\nasync function welcome() { await sendEmail(1); }`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "import { sendEmail } from './mail';\nfunction remind() {\n  void sendEmail(2);\n}\nasync function welcome() { await sendEmail(1); }",
            },
          ],
        },
      ],
    },
    {
      // handed to Promise.all through a TypeScript wrapper (the await itself proves nothing: its operand is a method call)
      code: "import { sendEmail } from './mail';\nfunction remind() {\n  sendEmail(2);\n}\nexport async function all() { await (Promise as PromiseConstructor).all([sendEmail(1)]); }",
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `import { sendEmail } from './mail';\nfunction remind() {\n  sendEmail(2)${CATCH};\n}\nexport async function all() { await (Promise as PromiseConstructor).all([sendEmail(1)]); }`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "import { sendEmail } from './mail';\nfunction remind() {\n  void sendEmail(2);\n}\nexport async function all() { await (Promise as PromiseConstructor).all([sendEmail(1)]); }",
            },
          ],
        },
      ],
    },
    {
      // …Async naming, AsyncStorage, and Promise.reject outside a catch (a forgotten return)
      code: "saveAsync(user);\nAsyncStorage.setItem('k', 'v');\nif (!user) { Promise.reject(new Error('no user')); }",
      errors: [
        {
          messageId: 'floating',
          line: 1,
          column: 1,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `saveAsync(user)${CATCH};\nAsyncStorage.setItem('k', 'v');\nif (!user) { Promise.reject(new Error('no user')); }`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "void saveAsync(user);\nAsyncStorage.setItem('k', 'v');\nif (!user) { Promise.reject(new Error('no user')); }",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `saveAsync(user);\nAsyncStorage.setItem('k', 'v')${CATCH};\nif (!user) { Promise.reject(new Error('no user')); }`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "saveAsync(user);\nvoid AsyncStorage.setItem('k', 'v');\nif (!user) { Promise.reject(new Error('no user')); }",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `saveAsync(user);\nAsyncStorage.setItem('k', 'v');\nif (!user) { Promise.reject(new Error('no user'))${CATCH}; }`,
            },
            {
              messageId: 'suggestVoid',
              output:
                "saveAsync(user);\nAsyncStorage.setItem('k', 'v');\nif (!user) { void Promise.reject(new Error('no user')); }",
            },
          ],
        },
      ],
    },
    {
      // an empty .catch() handles nothing; .then(ok, undefined) neither
      code: 'fetch("/a").catch();\nfetch("/b").then(() => {}, undefined);',
      errors: [
        {
          messageId: 'floating',
          line: 1,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `fetch("/a").catch()${CATCH};\nfetch("/b").then(() => {}, undefined);`,
            },
            { messageId: 'suggestVoid', output: 'void fetch("/a").catch();\nfetch("/b").then(() => {}, undefined);' },
          ],
        },
        {
          messageId: 'floating',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `fetch("/a").catch();\nfetch("/b").then(() => {}, undefined)${CATCH};`,
            },
            { messageId: 'suggestVoid', output: 'fetch("/a").catch();\nvoid fetch("/b").then(() => {}, undefined);' },
          ],
        },
      ],
    },
  ],
});

javaScriptRuleTester.run('no-floating-promise (JavaScript)', rule, {
  valid: [
    'const { readFile } = require("fs/promises"); readFile("a").then(String, console.error);',
    'async function save() {} module.exports = { pending: save() };',
    'function notify() { return 1; } notify();',
  ],
  invalid: [
    {
      code: 'const { readFile } = require("fs/promises");\nasync function main() {\n  readFile("a");\n}',
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output:
                'const { readFile } = require("fs/promises");\nasync function main() {\n  await readFile("a");\n}',
            },
            {
              messageId: 'suggestCatch',
              output: `const { readFile } = require("fs/promises");\nasync function main() {\n  readFile("a")${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output: 'const { readFile } = require("fs/promises");\nasync function main() {\n  void readFile("a");\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'const util = require("util");\nconst sleep = util.promisify(setTimeout);\nsleep(10);',
      errors: [
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `const util = require("util");\nconst sleep = util.promisify(setTimeout);\nsleep(10)${CATCH};`,
            },
            {
              messageId: 'suggestVoid',
              output: 'const util = require("util");\nconst sleep = util.promisify(setTimeout);\nvoid sleep(10);',
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-floating-promise (typed)', rule, {
  valid: [
    // a thenable-free value
    { code: 'interface Repo { count(): number } function f(repo: Repo) { repo.count(); }', filename: typedFile },
    // handled by types too
    {
      code: 'interface Repo { save(): Promise<void> } async function f(repo: Repo) { await repo.save(); repo.save().catch(() => {}); }',
      filename: typedFile,
    },
    // types overrule the syntax: a local `fetch` that returns a string
    { code: 'declare function fetch(url: string): string; fetch("/x");', filename: typedFile },
    {
      code: 'declare function it(name: string, fn: () => Promise<void>): Promise<void>; it("x", async () => {});',
      filename: typedFile,
    },
    // `never` is not a promise (nor a type parameter)
    { code: 'declare function fail(message: string): never;\nfunction f() {\n  fail("x");\n}', filename: typedFile },
  ],
  invalid: [
    {
      // the checker knows what syntax cannot: an interface method returning a promise
      filename: typedFile,
      code: 'interface Repo { save(): Promise<void> }\nfunction f(repo: Repo) {\n  repo.save();\n}',
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `interface Repo { save(): Promise<void> }\nfunction f(repo: Repo) {\n  repo.save()${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output: 'interface Repo { save(): Promise<void> }\nfunction f(repo: Repo) {\n  void repo.save();\n}',
            },
          ],
        },
      ],
    },
    {
      // a type parameter whose constraint is a promise
      filename: typedFile,
      code: 'function run<T extends Promise<void>>(make: () => T) {\n  make();\n}',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `function run<T extends Promise<void>>(make: () => T) {\n  make()${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output: 'function run<T extends Promise<void>>(make: () => T) {\n  void make();\n}',
            },
          ],
        },
      ],
    },
    {
      // any thenable, and a stored promise from a declared function
      filename: typedFile,
      code: 'declare function load(): PromiseLike<string>;\nasync function main() {\n  const text = load();\n}',
      errors: [
        {
          messageId: 'unusedStored',
          line: 3,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output:
                'declare function load(): PromiseLike<string>;\nasync function main() {\n  const text = await load();\n}',
            },
            {
              messageId: 'suggestCatch',
              output: `declare function load(): PromiseLike<string>;\nasync function main() {\n  const text = load()${CATCH};\n}`,
            },
          ],
        },
      ],
    },
  ],
});

// Evidence from the file for promises of other modules, more statement shapes, and same-file functions that
// catch their own errors (whatever is left can only be a synchronous throw).
ruleTester.run('no-floating-promise (imports, statement shapes, functions that catch)', rule, {
  valid: [
    // a thenable class of the file whose then takes no rejection handler
    'class Thenable {\n  then(callback: () => void): Thenable {\n    return new Thenable();\n  }\n}\nconst thenable = new Thenable();\nthenable.then(() => {});',
    // an ambient promise is read by code this file does not see
    'declare let ready: Promise<void>;\nasync function boot() {}\nready = boot();',
    // the callback flavour of a dual API, and a non-promise member of a known package
    "import fse from 'fs-extra';\nexport function save(file: string, data: string) { fse.outputFile(file, data, (error) => { if (error) report(error); }); }",
    "import axios from 'axios';\nexport function client(baseURL: string) { const api = axios.create({ baseURL }); return api; }",
    // a method of a parameter awaited elsewhere is not evidence (fluent APIs)
    'export async function handle(reply: Reply) { await reply.send(1); reply.send(2); }',
    // every await is caught; what is left are synchronous calls
    'const onSourceFinish = async (source: Stream, destination: Stream) => {\n  if (isStandard(source)) return;\n  try {\n    await finished(source);\n  } catch {}\n  destination.end();\n};\nexport const pipe = (source: Stream, destination: Stream) => {\n  source.pipe(destination);\n  onSourceFinish(source, destination);\n};',
    // no await at all, every failure routed to the callback it was given
    'async function wrap(hook: Hook, server: Server, done: (error?: Error) => void) {\n  try {\n    const result = hook.call(server);\n    if (result && typeof result.then === "function") {\n      result.then(() => done(), done);\n      return;\n    }\n    done();\n  } catch (error) {\n    done(error as Error);\n  }\n}\nexport function runHooks(hooks: Hook[], server: Server, done: () => void) {\n  wrap(hooks[0]!, server, done);\n}',
    // a recursive poller: the project's own sleep never rejects, the rest goes to reject
    "const sleep = require('./sleep');\nmodule.exports = (check, delay) => {\n  const poll = async (resolve, reject) => {\n    await sleep(delay);\n    try {\n      const result = await check();\n      if (result) return resolve(result);\n      poll(resolve, reject);\n    } catch (error) {\n      reject(error);\n    }\n  };\n  return new Promise((resolve, reject) => {\n    poll(resolve, reject);\n  });\n};",
    // a handled chain whose last link is a synchronous state update
    'export function load(client: Client, done: () => void) {\n  client.execute(query).then((rows) => store(rows)).catch((error) => report(error)).then(() => {\n    pending -= 1;\n    done();\n  });\n}',
    // methods that await nothing, or only each other: they can only throw synchronously
    'export class Refresher {\n  private ticker: ReturnType<typeof setInterval> | null = null;\n  private async stop() {\n    if (this.ticker) clearInterval(this.ticker);\n    this.ticker = null;\n  }\n  private async start() {\n    await this.stop();\n    this.ticker = setInterval(() => this.tick(), 1000);\n  }\n  tick() {}\n  resume() {\n    this.start();\n  }\n  pause() {\n    this.stop();\n  }\n}',
    // a promise whose executor takes no reject and calls nothing never rejects; the callback is synchronous
    'class CancelToken {\n  constructor() {\n    let resolvePromise;\n    this.promise = new Promise(function executor(resolve) {\n      resolvePromise = resolve;\n    });\n    const token = this;\n    this.promise.then((reason) => {\n      for (const listener of token.listeners) listener(reason);\n      token.listeners = [];\n    });\n  }\n}',
    // raising an error held in a variable as an unhandled rejection on purpose, outside promise callbacks
    "export class Stream {\n  emitError(error: Error) {\n    if (!this.listeners('error').length) {\n      Promise.reject(error);\n      return;\n    }\n    this.emit('error', error);\n  }\n}",
    // an async IIFE whose loop catches every attempt
    'export function retryable<T>(attempt: (n: number) => Promise<T>): Promise<T> {\n  return new Promise<T>((accept, reject) => {\n    (async () => {\n      for (let n = 0; n < 5; n++) {\n        try {\n          accept(await attempt(n));\n          return;\n        } catch (error) {\n          if (n === 4) reject(error);\n        }\n      }\n    })();\n  });\n}',
  ],
  invalid: [
    // an imported function whose promise the file handles with .then elsewhere
    {
      code: "import { sendWelcome } from './mail';\nexport function onSignup(user: User) {\n  sendWelcome(user).then(() => log('sent'), report);\n}\nexport function onInvite(user: User) {\n  sendWelcome(user);\n}",
      errors: [
        {
          messageId: 'floating',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "import { sendWelcome } from './mail';\nexport function onSignup(user: User) {\n  sendWelcome(user).then(() => log('sent'), report);\n}\nexport function onInvite(user: User) {\n  sendWelcome(user).catch((error) => console.error(error));\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "import { sendWelcome } from './mail';\nexport function onSignup(user: User) {\n  sendWelcome(user).then(() => log('sent'), report);\n}\nexport function onInvite(user: User) {\n  void sendWelcome(user);\n}",
            },
          ],
        },
      ],
    },
    // a method of an imported module, awaited elsewhere
    {
      code: "import * as api from '../api/client';\nexport async function load(id: string) {\n  return await api.fetchUser(id);\n}\nexport function refresh(id: string) {\n  api.fetchUser(id);\n}",
      errors: [
        {
          messageId: 'floating',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "import * as api from '../api/client';\nexport async function load(id: string) {\n  return await api.fetchUser(id);\n}\nexport function refresh(id: string) {\n  api.fetchUser(id).catch((error) => console.error(error));\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "import * as api from '../api/client';\nexport async function load(id: string) {\n  return await api.fetchUser(id);\n}\nexport function refresh(id: string) {\n  void api.fetchUser(id);\n}",
            },
          ],
        },
      ],
    },
    // a default-imported database module, awaited elsewhere
    {
      code: "import db from './db';\nexport async function rows() {\n  return await db.query('SELECT 1');\n}\nexport function touch(id: string) {\n  db.query('UPDATE sessions SET seen = now() WHERE id = $1', [id]);\n}",
      errors: [
        {
          messageId: 'floating',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "import db from './db';\nexport async function rows() {\n  return await db.query('SELECT 1');\n}\nexport function touch(id: string) {\n  db.query('UPDATE sessions SET seen = now() WHERE id = $1', [id]).catch((error) => console.error(error));\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "import db from './db';\nexport async function rows() {\n  return await db.query('SELECT 1');\n}\nexport function touch(id: string) {\n  void db.query('UPDATE sessions SET seen = now() WHERE id = $1', [id]);\n}",
            },
          ],
        },
      ],
    },
    // packages whose API returns promises
    {
      code: "import axios from 'axios';\nimport { writeJson } from 'fs-extra';\nimport fetch from 'node-fetch';\nexport function notify(hook: string, payload: object) {\n  axios.post(hook, payload);\n  writeJson('last.json', payload);\n  fetch(hook);\n}",
      errors: [
        {
          messageId: 'floating',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "import axios from 'axios';\nimport { writeJson } from 'fs-extra';\nimport fetch from 'node-fetch';\nexport function notify(hook: string, payload: object) {\n  axios.post(hook, payload).catch((error) => console.error(error));\n  writeJson('last.json', payload);\n  fetch(hook);\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "import axios from 'axios';\nimport { writeJson } from 'fs-extra';\nimport fetch from 'node-fetch';\nexport function notify(hook: string, payload: object) {\n  void axios.post(hook, payload);\n  writeJson('last.json', payload);\n  fetch(hook);\n}",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "import axios from 'axios';\nimport { writeJson } from 'fs-extra';\nimport fetch from 'node-fetch';\nexport function notify(hook: string, payload: object) {\n  axios.post(hook, payload);\n  writeJson('last.json', payload).catch((error) => console.error(error));\n  fetch(hook);\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "import axios from 'axios';\nimport { writeJson } from 'fs-extra';\nimport fetch from 'node-fetch';\nexport function notify(hook: string, payload: object) {\n  axios.post(hook, payload);\n  void writeJson('last.json', payload);\n  fetch(hook);\n}",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 7,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "import axios from 'axios';\nimport { writeJson } from 'fs-extra';\nimport fetch from 'node-fetch';\nexport function notify(hook: string, payload: object) {\n  axios.post(hook, payload);\n  writeJson('last.json', payload);\n  fetch(hook).catch((error) => console.error(error));\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "import axios from 'axios';\nimport { writeJson } from 'fs-extra';\nimport fetch from 'node-fetch';\nexport function notify(hook: string, payload: object) {\n  axios.post(hook, payload);\n  writeJson('last.json', payload);\n  void fetch(hook);\n}",
            },
          ],
        },
      ],
    },
    // a tagged template of an async function
    {
      code: 'async function sql(strings: TemplateStringsArray, ...values: unknown[]) {\n  return run(strings, values);\n}\nexport function audit(id: string) {\n  sql`INSERT INTO audit VALUES (${id})`;\n}',
      errors: [
        {
          messageId: 'floating',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestVoid',
              output:
                'async function sql(strings: TemplateStringsArray, ...values: unknown[]) {\n  return run(strings, values);\n}\nexport function audit(id: string) {\n  void sql`INSERT INTO audit VALUES (${id})`;\n}',
            },
          ],
        },
      ],
    },
    // a promise on the left of && or || is always truthy
    {
      code: "async function save(): Promise<boolean> {\n  return persist();\n}\nexport function submit() {\n  save() && log('saved');\n  save() || log('failed');\n}",
      errors: [
        {
          messageId: 'floating',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "async function save(): Promise<boolean> {\n  return persist();\n}\nexport function submit() {\n  save().catch((error) => console.error(error)) && log('saved');\n  save() || log('failed');\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "async function save(): Promise<boolean> {\n  return persist();\n}\nexport function submit() {\n  void (save() && log('saved'));\n  save() || log('failed');\n}",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "async function save(): Promise<boolean> {\n  return persist();\n}\nexport function submit() {\n  save() && log('saved');\n  save().catch((error) => console.error(error)) || log('failed');\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "async function save(): Promise<boolean> {\n  return persist();\n}\nexport function submit() {\n  save() && log('saved');\n  void (save() || log('failed'));\n}",
            },
          ],
        },
      ],
    },
    // finally(fn) and a bare then() exist only on promises
    {
      code: "export function run(job: Job, query: Query) {\n  job.start().finally(() => cleanup());\n  query.insert({ a: 1 }).into('events').then();\n}",
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "export function run(job: Job, query: Query) {\n  job.start().finally(() => cleanup()).catch((error) => console.error(error));\n  query.insert({ a: 1 }).into('events').then();\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "export function run(job: Job, query: Query) {\n  void job.start().finally(() => cleanup());\n  query.insert({ a: 1 }).into('events').then();\n}",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "export function run(job: Job, query: Query) {\n  job.start().finally(() => cleanup());\n  query.insert({ a: 1 }).into('events').then().catch((error) => console.error(error));\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "export function run(job: Job, query: Query) {\n  job.start().finally(() => cleanup());\n  void query.insert({ a: 1 }).into('events').then();\n}",
            },
          ],
        },
      ],
    },
    // after the handler, a link that returns another promise can reject again
    {
      code: 'export function sync(job: Job) {\n  fetchState(job).catch(report).then(() => saveState(job));\n}',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                'export function sync(job: Job) {\n  fetchState(job).catch(report).then(() => saveState(job)).catch((error) => console.error(error));\n}',
            },
            {
              messageId: 'suggestVoid',
              output:
                'export function sync(job: Job) {\n  void fetchState(job).catch(report).then(() => saveState(job));\n}',
            },
          ],
        },
      ],
    },
    // an executor that can reject: the then without a handler loses it
    {
      code: "export function watch(source: Source) {\n  const ready = new Promise((resolve, reject) => {\n    source.once('ready', resolve);\n    source.once('error', reject);\n  });\n  ready.then(() => {\n    started = true;\n  });\n}",
      errors: [
        {
          messageId: 'floating',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "export function watch(source: Source) {\n  const ready = new Promise((resolve, reject) => {\n    source.once('ready', resolve);\n    source.once('error', reject);\n  });\n  ready.then(() => {\n    started = true;\n  }).catch((error) => console.error(error));\n}",
            },
            {
              messageId: 'suggestVoid',
              output:
                "export function watch(source: Source) {\n  const ready = new Promise((resolve, reject) => {\n    source.once('ready', resolve);\n    source.once('error', reject);\n  });\n  void ready.then(() => {\n    started = true;\n  });\n}",
            },
          ],
        },
      ],
    },
    // in a .catch callback, Promise.reject(error) without return swallows the error
    {
      code: 'export function load(id: string) {\n  return fetchItem(id).catch((error) => {\n    log(error);\n    Promise.reject(error);\n  });\n}',
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                'export function load(id: string) {\n  return fetchItem(id).catch((error) => {\n    log(error);\n    Promise.reject(error).catch((error) => console.error(error));\n  });\n}',
            },
            {
              messageId: 'suggestVoid',
              output:
                'export function load(id: string) {\n  return fetchItem(id).catch((error) => {\n    log(error);\n    void Promise.reject(error);\n  });\n}',
            },
          ],
        },
      ],
    },
    // an Array.from of async work that nothing reads
    {
      code: 'export async function warm(ids: string[]) {\n  const jobs = Array.from(ids, async (id) => load(id));\n}',
      errors: [{ messageId: 'unusedStored', line: 2, column: 9, suggestions: [] }],
    },
  ],
});

javaScriptRuleTester.run('no-floating-promise (imports, JavaScript)', rule, {
  valid: [
    "const fse = require('fs-extra');\nfunction copyAll(from, to, done) {\n  fse.copy(from, to, done);\n}\nmodule.exports = copyAll;",
  ],
  invalid: [
    // a CommonJS module object awaited elsewhere
    {
      code: "const mailer = require('../lib/mailer');\nexports.welcome = async (user) => {\n  await mailer.send(user.email, 'welcome');\n};\nexports.bye = (user) => {\n  mailer.send(user.email, 'bye');\n};",
      errors: [
        {
          messageId: 'floating',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "const mailer = require('../lib/mailer');\nexports.welcome = async (user) => {\n  await mailer.send(user.email, 'welcome');\n};\nexports.bye = (user) => {\n  mailer.send(user.email, 'bye').catch((error) => console.error(error));\n};",
            },
            {
              messageId: 'suggestVoid',
              output:
                "const mailer = require('../lib/mailer');\nexports.welcome = async (user) => {\n  await mailer.send(user.email, 'welcome');\n};\nexports.bye = (user) => {\n  void mailer.send(user.email, 'bye');\n};",
            },
          ],
        },
      ],
    },
    // axios and fs-extra through require
    {
      code: "const axios = require('axios');\nconst fse = require('fs-extra');\nfunction report(url, file, data) {\n  axios.get(url);\n  fse.outputFile(file, data);\n}\nmodule.exports = report;",
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "const axios = require('axios');\nconst fse = require('fs-extra');\nfunction report(url, file, data) {\n  axios.get(url).catch((error) => console.error(error));\n  fse.outputFile(file, data);\n}\nmodule.exports = report;",
            },
            {
              messageId: 'suggestVoid',
              output:
                "const axios = require('axios');\nconst fse = require('fs-extra');\nfunction report(url, file, data) {\n  void axios.get(url);\n  fse.outputFile(file, data);\n}\nmodule.exports = report;",
            },
          ],
        },
        {
          messageId: 'floating',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output:
                "const axios = require('axios');\nconst fse = require('fs-extra');\nfunction report(url, file, data) {\n  axios.get(url);\n  fse.outputFile(file, data).catch((error) => console.error(error));\n}\nmodule.exports = report;",
            },
            {
              messageId: 'suggestVoid',
              output:
                "const axios = require('axios');\nconst fse = require('fs-extra');\nfunction report(url, file, data) {\n  axios.get(url);\n  void fse.outputFile(file, data);\n}\nmodule.exports = report;",
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-floating-promise (typed: thenables, tagged templates, ambient)', rule, {
  valid: [
    // thenables without a rejection slot, or whose then takes no callback, are not promises
    {
      code: 'class Thenable {\n  then(callback: () => void): Thenable {\n    return new Thenable();\n  }\n}\nconst thenable = new Thenable();\nthenable.then(() => {});',
      filename: typedFile,
    },
    {
      code: 'class Pair {\n  then(first: string, second: number): Pair {\n    return this;\n  }\n}\nnew Pair().then("a", 1);',
      filename: typedFile,
    },
    {
      code: 'declare let ready: Promise<void>;\ndeclare function boot(): Promise<void>;\nready = boot();',
      filename: typedFile,
    },
    // the public field of an exported class is read by its users, not in this file
    {
      code: 'export class Deferred<T> {\n  readonly promise: Promise<T>;\n  resolve!: (value: T) => void;\n  constructor() {\n    this.promise = new Promise<T>((resolve) => {\n      this.resolve = resolve;\n    });\n  }\n}',
      filename: typedFile,
    },
    // super(…) of a Promise subclass constructs this object
    {
      code: 'export class ApiPromise<T> extends Promise<T> {\n  constructor(executor: (resolve: (value: T) => void, reject: (reason?: unknown) => void) => void) {\n    super(executor);\n  }\n}',
      filename: typedFile,
    },
  ],
  invalid: [
    {
      filename: typedFile,
      code: 'class Deferred {\n  then(onFulfilled: () => void, onRejected: (error: unknown) => void): Deferred {\n    return this;\n  }\n}\nexport function f(deferred: Deferred) {\n  deferred.then(() => {});\n}',
      errors: [
        {
          messageId: 'floating',
          line: 7,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: `class Deferred {\n  then(onFulfilled: () => void, onRejected: (error: unknown) => void): Deferred {\n    return this;\n  }\n}\nexport function f(deferred: Deferred) {\n  deferred.then(() => {})${CATCH};\n}`,
            },
            {
              messageId: 'suggestVoid',
              output:
                'class Deferred {\n  then(onFulfilled: () => void, onRejected: (error: unknown) => void): Deferred {\n    return this;\n  }\n}\nexport function f(deferred: Deferred) {\n  void deferred.then(() => {});\n}',
            },
          ],
        },
      ],
    },
    {
      filename: typedFile,
      code: 'declare function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;\nexport function audit(id: string) {\n  sql`DELETE FROM audit WHERE id = ${id}`;\n}',
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestVoid',
              output:
                'declare function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;\nexport function audit(id: string) {\n  void sql`DELETE FROM audit WHERE id = ${id}`;\n}',
            },
          ],
        },
      ],
    },
  ],
});

/**
 * One `floating` report on the statement whose expression is `text` (unique in `code`), with the suggestions the
 * rule offers there: `await` (inside an async function), `.catch(…)` and `void`.
 */
function floatingAt(code: string, text: string, inAsync = false) {
  const index = code.indexOf(text);
  if (index < 0 || code.indexOf(text, index + 1) >= 0) throw new Error(`"${text}" must occur once in the case`);
  const before = code.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  const replace = (replacement: string) => before + replacement + code.slice(index + text.length);
  return {
    messageId: 'floating' as const,
    line,
    column,
    suggestions: [
      ...(inAsync ? [{ messageId: 'suggestAwait' as const, output: replace(`await ${text}`) }] : []),
      { messageId: 'suggestCatch' as const, output: replace(`${text}${CATCH}`) },
      { messageId: 'suggestVoid' as const, output: replace(`void ${text}`) },
    ],
  };
}

const CLOSE_CHANNEL_RESOLVE_ONLY =
  "class Channel {\n  async leave(timeout = 1000) {\n    return new Promise<string>((resolve) => {\n      this.adapter.leave(timeout).on('ok', () => resolve('ok')).on('timeout', () => resolve('timed out'));\n    });\n  }\n  onServerError() {\n    this.leave();\n    this.state = 'errored';\n  }\n}";
const CLOSE_CHANNEL_WITH_REJECT =
  "class Channel {\n  async leave(timeout = 1000) {\n    return new Promise<string>((resolve, reject) => {\n      this.adapter.leave(timeout).on('ok', () => resolve('ok')).on('error', reject);\n    });\n  }\n  onServerError() {\n    this.leave();\n    this.state = 'errored';\n  }\n}";
const FAIL_TO_SYNC_METHOD =
  "export class Download {\n  async onInfo(raw: Uint8Array) {\n    let info;\n    try {\n      info = await decode(raw);\n    } catch (error) {\n      return this.fail(error);\n    }\n    this.pieces = info.pieces;\n  }\n  fail(error: unknown) {\n    if (this.failed) return;\n    this.failed = true;\n    this.emit('error', error);\n  }\n  start(raw: Uint8Array) {\n    this.onInfo(raw);\n  }\n}";
const FAIL_TO_ASYNC_METHOD =
  'export class Download {\n  async onInfo(raw: Uint8Array) {\n    let info;\n    try {\n      info = await decode(raw);\n    } catch (error) {\n      return this.retry(error);\n    }\n    this.pieces = info.pieces;\n  }\n  async retry(error: unknown) {\n    await this.connect();\n  }\n  start(raw: Uint8Array) {\n    this.onInfo(raw);\n  }\n}';
const FETCH_TO_CALLBACK =
  "export function probe(urls: string[]) {\n  async function fetchOne(url: string, cb: (error: Error | null, body?: string) => void) {\n    let response;\n    try {\n      response = await fetch(url);\n    } catch (error) {\n      return cb(error as Error);\n    }\n    if (!response.ok) return cb(new Error('status ' + response.status));\n    cb(null, 'ok');\n  }\n  for (const url of urls) fetchOne(url, () => {});\n}";
const FETCH_TO_ASYNC_REPORT =
  "export function probe(urls: string[]) {\n  async function report(error: unknown) {\n    await fetch('/errors', { method: 'POST', body: String(error) });\n  }\n  async function fetchOne(url: string) {\n    let response;\n    try {\n      response = await fetch(url);\n    } catch (error) {\n      return report(error);\n    }\n    return response.ok;\n  }\n  for (const url of urls) fetchOne(url);\n}";
const LOADED_THEN_SYNC_TAIL =
  'export function watchTypes(loading: Promise<void>, paused: Set<Conn>) {\n  let loaded = false;\n  loading\n    .then(() => { loaded = true; }, (error) => { lastError = error; })\n    .then(() => {\n      if (loaded) return resumeAll();\n      return [...paused].forEach((conn) => conn.retryLater());\n    });\n  function resumeAll() {\n    const all = [...paused];\n    paused.clear();\n    all.forEach((conn) => conn.go());\n  }\n}';
const LOADED_THEN_ASYNC_TAIL =
  'export function watchTypes(loading: Promise<void>, paused: Set<Conn>) {\n  let loaded = false;\n  loading\n    .then(() => { loaded = true; }, (error) => { lastError = error; })\n    .then(() => {\n      if (loaded) return resumeAll();\n    });\n  async function resumeAll() {\n    for (const conn of paused) await conn.go();\n  }\n}';
const MICROTASK_HOP =
  'export function createPool() {\n  const idle: Conn[] = [];\n  let closing = false;\n  function drainIdle() {\n    if (!closing) return;\n    idle.forEach((conn) => conn.close());\n    idle.length = 0;\n  }\n  return {\n    end() {\n      closing = true;\n      Promise.resolve().then(drainIdle);\n    },\n  };\n}';
const MICROTASK_HOP_UNKNOWN =
  "import { drainIdle } from './drain';\nexport function createPool() {\n  return {\n    end() {\n      Promise.resolve().then(drainIdle);\n    },\n  };\n}";

const PAUSE_THEN_RUN =
  'export function createRunner(task: () => void) {\n  let resumeFn: (() => void) | undefined;\n  const pause = () =>\n    new Promise<void>((resume) => {\n      resumeFn = resume;\n    }).then(() => {\n      resumeFn = undefined;\n    });\n  const run = () => {\n    if (stopped) return;\n    task();\n  };\n  return {\n    start(ready: boolean) {\n      if (ready) run();\n      else pause().then(run);\n    },\n    resume: () => resumeFn?.(),\n  };\n}';
const PAUSE_THEN_ASYNC_RUN =
  'export function createRunner(task: () => Promise<void>) {\n  let resumeFn: (() => void) | undefined;\n  const pause = () =>\n    new Promise<void>((resume) => {\n      resumeFn = resume;\n    });\n  const run = async () => {\n    await task();\n  };\n  return {\n    start() {\n      pause().then(run);\n    },\n    resume: () => resumeFn?.(),\n  };\n}';
const FETCH_CAUGHT_UNLESS_ASKED =
  'export class Observer {\n  #fetch(options?: { throwOnError?: boolean }): Promise<unknown> {\n    this.#prepare();\n    let promise = this.query.fetch(this.options);\n    if (!options?.throwOnError) {\n      promise = promise.catch(noop);\n    }\n    return promise;\n  }\n  onSubscribe() {\n    this.#fetch();\n  }\n  refetch(options: { throwOnError?: boolean }) {\n    return this.#fetch(options);\n  }\n  #prepare() {}\n}';
const FETCH_CAUGHT_UNLESS_ASKED_PASSED =
  'export class Observer {\n  #fetch(options?: { throwOnError?: boolean }): Promise<unknown> {\n    let promise = this.query.fetch(this.options);\n    if (!options?.throwOnError) {\n      promise = promise.catch(noop);\n    }\n    return promise;\n  }\n  onFocus() {\n    this.#fetch({ throwOnError: true });\n  }\n}';

const CONNECT_SYNC_ERRORS_ONLY =
  "export class Queue {\n  constructor(autoConnect: boolean) {\n    if (autoConnect) this.connect();\n  }\n  connect() {\n    return new Promise((resolve, reject) => {\n      try {\n        if (this.ready) return resolve(true);\n        this.client.once('ready', () => resolve(true));\n        this.client.open();\n      } catch (error) {\n        reject(error);\n      }\n    });\n  }\n}";
const CONNECT_REJECTS_ON_ERROR_EVENT =
  "export class Queue {\n  constructor(autoConnect: boolean) {\n    if (autoConnect) this.connect();\n  }\n  connect() {\n    return new Promise((resolve, reject) => {\n      this.client.once('ready', () => resolve(true));\n      this.client.once('error', reject);\n      this.client.open();\n    });\n  }\n}";

const WAIT_READY_DROPPED =
  "export function start(server: Server) {\n  function waitReady(event = 'listening') {\n    return new Promise((resolve) => {\n      server.once(event, resolve);\n    });\n  }\n  server.listen(8080);\n  waitReady();\n  announce();\n}";

ruleTester.run('no-floating-promise (the dropped promise visibly cannot reject)', rule, {
  valid: [
    // the only await is caught, and the catch hands the error to a synchronous method of the class
    FAIL_TO_SYNC_METHOD,
    // every failure goes to the completion callback the function was given (`return cb(error)`)
    FETCH_TO_CALLBACK,
    // an async method that returns a promise whose executor takes no reject: it resolves with a status
    CLOSE_CHANNEL_RESOLVE_ONLY,
    // both outcomes handled by the first link; the tail returns only synchronous calls of this file
    LOADED_THEN_SYNC_TAIL,
    // a microtask hop to a synchronous function of this file fails only as `queueMicrotask` would
    MICROTASK_HOP,
    // a synchronous step after a pause that only ever resolves (its own `.then` tail is synchronous too)
    PAUSE_THEN_RUN,
    // called without options, the method attaches `.catch(noop)` to what it returns
    FETCH_CAUGHT_UNLESS_ASKED,
    // a promise whose executor calls reject only for its own synchronous errors
    CONNECT_SYNC_ERRORS_ONLY,
  ],
  invalid: [
    // the catch returns an async method's promise: its rejection becomes the dropped promise's
    { code: FAIL_TO_ASYNC_METHOD, errors: [floatingAt(FAIL_TO_ASYNC_METHOD, 'this.onInfo(raw)')] },
    // the catch returns the promise of an async function that can reject
    { code: FETCH_TO_ASYNC_REPORT, errors: [floatingAt(FETCH_TO_ASYNC_REPORT, 'fetchOne(url)')] },
    // the executor wires reject: the promise rejects on a protocol error
    { code: CLOSE_CHANNEL_WITH_REJECT, errors: [floatingAt(CLOSE_CHANNEL_WITH_REJECT, 'this.leave()')] },
    // the tail returns an async function's promise: a failure there is unhandled
    {
      code: LOADED_THEN_ASYNC_TAIL,
      errors: [
        floatingAt(
          LOADED_THEN_ASYNC_TAIL,
          'loading\n    .then(() => { loaded = true; }, (error) => { lastError = error; })\n    .then(() => {\n      if (loaded) return resumeAll();\n    })',
        ),
      ],
    },
    // the hop runs a function this file does not show
    { code: MICROTASK_HOP_UNKNOWN, errors: [floatingAt(MICROTASK_HOP_UNKNOWN, 'Promise.resolve().then(drainIdle)')] },
    // the step after the pause is async: its rejection is lost
    { code: PAUSE_THEN_ASYNC_RUN, errors: [floatingAt(PAUSE_THEN_ASYNC_RUN, 'pause().then(run)')] },
    // a promise that only waits for an event, dropped: a forgotten await, although it never rejects
    { code: WAIT_READY_DROPPED, errors: [floatingAt(WAIT_READY_DROPPED, 'waitReady()')] },
    // the executor hands reject to an error event: a connection failure is lost
    {
      code: CONNECT_REJECTS_ON_ERROR_EVENT,
      errors: [floatingAt(CONNECT_REJECTS_ON_ERROR_EVENT, 'this.connect()')],
    },
    // the caller asks for the error, so no handler is attached, and it drops the promise
    {
      code: FETCH_CAUGHT_UNLESS_ASKED_PASSED,
      errors: [floatingAt(FETCH_CAUGHT_UNLESS_ASKED_PASSED, 'this.#fetch({ throwOnError: true })')],
    },
  ],
});

const LATER = 'declare function later<T>(value: T): Promise<T>;\nlater(1);';
const IDENTITY =
  'declare function identity<T>(value: T): T;\ndeclare function load(): Promise<void>;\nidentity(load());';
const OPTIONAL_HOOK =
  'declare const hooks: { onError?: (error: Error) => Promise<void> };\nhooks.onError?.(new Error("x"));';

typedRuleTester.run('no-floating-promise (typed: generic and optional callees)', rule, {
  valid: [
    // generic signatures whose return type no type argument can make a promise
    {
      code: 'declare function emit<K extends string>(event: K, ...args: unknown[]): boolean;\nemit("ready", 1);',
      filename: typedFile,
    },
    {
      code: 'declare function listen<T>(handler: (value: T) => void): () => void;\nlisten<number>((value) => console.log(value));',
      filename: typedFile,
    },
    // an optional callee that returns nothing
    { code: 'declare const hooks: { onClose?: () => void };\nhooks.onClose?.();', filename: typedFile },
  ],
  invalid: [
    {
      // a generic function declared to return a promise
      code: LATER,
      filename: typedFile,
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'suggestCatch', output: LATER.replace('later(1);', `later(1)${CATCH};`) },
            { messageId: 'suggestVoid', output: LATER.replace('later(1);', 'void later(1);') },
          ],
        },
      ],
    },
    {
      // a type parameter returned: the argument makes it a promise
      code: IDENTITY,
      filename: typedFile,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 1,
          suggestions: [
            { messageId: 'suggestCatch', output: IDENTITY.replace('identity(load());', `identity(load())${CATCH};`) },
            { messageId: 'suggestVoid', output: IDENTITY.replace('identity(load());', 'void identity(load());') },
          ],
        },
      ],
    },
    {
      // an optional callee that returns a promise
      code: OPTIONAL_HOOK,
      filename: typedFile,
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'suggestCatch',
              output: OPTIONAL_HOOK.replace(
                'hooks.onError?.(new Error("x"));',
                `hooks.onError?.(new Error("x"))${CATCH};`,
              ),
            },
            {
              messageId: 'suggestVoid',
              output: OPTIONAL_HOOK.replace(
                'hooks.onError?.(new Error("x"));',
                'void hooks.onError?.(new Error("x"));',
              ),
            },
          ],
        },
      ],
    },
  ],
});
