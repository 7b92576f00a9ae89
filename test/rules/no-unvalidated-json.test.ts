import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/src/rules/no-unvalidated-json.js';
import path from 'node:path';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/** Typed cases lint as a file of their own next to the fixtures' tsconfig (the project service's default project). */
const typedFile = path.join(fixturesDir, 'no-unvalidated-json.ts');

function typed<T extends Valid | Invalid>(testCase: T | string): T {
  return (
    typeof testCase === 'string' ? { code: testCase, filename: typedFile } : { ...testCase, filename: typedFile }
  ) as T;
}

/** Cases written in plain JavaScript: run with the TypeScript parser, with espree, and with type information. */
const sharedValid: Array<Valid | string> = [
  `const data = JSON.parse(text);
console.log(data.name);`,
  `app.get('/health', (req, res) => {
  res.json({ ok: true });
});`,
  `import merge from 'lodash.merge';
merge(config, JSON.parse(body));`,
  `Object.assign(target, JSON.parse(body));`,
  `function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof source[key] === 'object') target[key] = deepMerge(target[key] ?? {}, source[key]);
    else target[key] = source[key];
  }
  return target;
}
deepMerge(config, JSON.parse(body));`,
  `const defaults = deepMerge(JSON.parse(text), overrides);
function deepMerge(target, source) {
  for (const key in source) target[key] = typeof source[key] === 'object' ? deepMerge(target[key] ?? {}, source[key]) : source[key];
  return target;
}`,
  `const copy = {};
const parsed = JSON.parse(text);
for (const key in parsed) {
  copy[key] = parsed[key];
}`,
  // a reviver that drops the prototype keys guards the merge (inline, or a function of the file)
  `function deepMerge(target, source) {
  for (const key in source) target[key] = typeof source[key] === 'object' ? deepMerge(target[key] ?? {}, source[key]) : source[key];
  return target;
}
deepMerge(config, JSON.parse(body, (key, value) =>
  key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value));`,
  `function dropPrototypeKeys(key, value) {
  return key === "__proto__" || key === "constructor" || key === "prototype" ? undefined : value;
}
function deepMerge(target, source) {
  for (const key in source) target[key] = typeof source[key] === 'object' ? deepMerge(target[key] ?? {}, source[key]) : source[key];
  return target;
}
deepMerge(config, JSON.parse(body, dropPrototypeKeys));`,
];

/** Cases that use TypeScript syntax: run without and with type information. */
const typeScriptValid: Array<Valid | string> = [
  // Assigned to a variable declared earlier, then checked with a type guard before its first use.
  `interface ParamsMessage { method: 'connectionParams'; data: Record<string, string> }
declare function isObject(value: unknown): value is Record<string, unknown>;
declare function parseParams(value: unknown): Record<string, string>;
export function read(text: string) {
  let msg;
  try {
    msg = JSON.parse(text) as ParamsMessage;
    if (!isObject(msg)) throw new Error('Message was not an object');
  } catch (cause) {
    throw new Error('Malformed message', { cause });
  }
  return parseParams(msg.data);
}`,
  // A generic JSON value type, through same-file aliases, assumes no shape.
  `type Scalar = null | string | number | boolean;
type CellValue = Scalar | Scalar[];
export const toJson = (value: CellValue): CellValue => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};`,
  `export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export function read(text: string): Json {
  return JSON.parse(text);
}`,
  // Round trips of the program's own serialization: a clone through a variable, and what a class stored in
  // its own queue or history with JSON.stringify (other kinds of entries left early by their tag).
  `const serialized = JSON.stringify(state);
const copy = JSON.parse(serialized) as State;`,
  `export class Outbox<T> {
  private pending: ({ kind: 'json'; data: string } | { kind: 'raw'; data: Uint8Array })[] = [];
  enqueue(message: T): void {
    const data = JSON.stringify(message);
    this.pending.push({ kind: 'json', data });
  }
  enqueueRaw(data: Uint8Array): void {
    this.pending.push({ kind: 'raw', data });
  }
  flush(send: (data: string | Uint8Array) => void): void {
    const taken = this.pending.splice(0);
    for (let i = 0; i < taken.length; i++) {
      try {
        send(taken[i]!.data);
      } catch (error) {
        this.pending = taken.slice(i).concat(this.pending);
        throw error;
      }
    }
  }
  drain(): T[] {
    return this.pending.flatMap((entry) => {
      if (entry.kind === 'raw') return [];
      return [JSON.parse(entry.data) as T];
    });
  }
}`,
  `export class History {
  #entries: { snapshot: string }[] = [];
  save(state: object): void {
    this.#entries.push({ snapshot: JSON.stringify(state) });
  }
  undo(): Settings | undefined {
    const last = this.#entries.pop();
    return last ? (JSON.parse(last.snapshot) as Settings) : undefined;
  }
}`,
  // Only optional primitive fields: nothing is assumed present, every read has to check first.
  `export async function fetchToken(url: string): Promise<string> {
  const response = await fetch(url);
  const data = (await response.json()) as { access_token?: string; expires_in?: number };
  if (!data.access_token) throw new Error('no access_token in the response');
  return data.access_token;
}`,
  `const a = JSON.parse(text) as unknown;
const b: unknown = JSON.parse(text);`,
  `const loose = JSON.parse(text) as any;`,
  `const record: Record<string, unknown> = JSON.parse(text);
const list = JSON.parse(text) as unknown[];
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
const json: JsonValue = JSON.parse(text);`,
  `interface User { id: number }
function isUser(value: unknown): value is User {
  return typeof value === 'object' && value !== null && 'id' in value;
}
function parseUser(text: string): User {
  const data = JSON.parse(text);
  if (!isUser(data)) throw new TypeError('not a user');
  return data;
}`,
  `import { z } from 'zod';
const UserSchema = z.object({ id: z.number() });
type User = z.infer<typeof UserSchema>;
const user: User = UserSchema.parse(JSON.parse(text));
async function load(res: Response): Promise<User> {
  return UserSchema.parse(await res.json());
}`,
  `import { z } from 'zod';
const UserSchema = z.object({ id: z.number() });
type User = z.infer<typeof UserSchema>;
function getUser(): Promise<User> {
  return fetch('/user').then((res) => res.json()).then((data) => UserSchema.parse(data));
}`,
  `interface Point { x: number; y: number }
function readPoint(text: string): Point {
  const raw = JSON.parse(text);
  if (typeof raw.x !== 'number' || typeof raw.y !== 'number') throw new Error('bad point');
  return raw;
}`,
  `interface Tag { name: string }
function readTags(text: string): Tag[] {
  const raw = JSON.parse(text);
  if (!Array.isArray(raw)) return [];
  return raw;
}`,
  `interface Msg { kind: string }
function toMsg(text: string): Msg {
  const raw = JSON.parse(text);
  assertMsg(raw);
  return raw;
}`,
  `interface Msg { kind: string }
function toMsg(text: string): Msg | undefined {
  const raw = JSON.parse(text);
  if (raw && typeof raw === 'object' && 'kind' in raw) return raw;
  return undefined;
}`,
  `interface Config { port: number }
function isConfig(value: unknown): value is Config { return typeof value === 'object' && value !== null; }
const config = JSON.parse(text) as Config;
if (!isConfig(config)) throw new Error('bad config');`,
];

const sharedInvalid: Invalid[] = [
  {
    code: `function deepMerge(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      target[key] = deepMerge(target[key] ?? {}, source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}
deepMerge(config, JSON.parse(body));`,
    errors: [
      {
        messageId: 'unguardedMerge',
        line: 11,
        column: 19,
        suggestions: [
          {
            messageId: 'suggestDropPrototypeKeys',
            output: `function deepMerge(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      target[key] = deepMerge(target[key] ?? {}, source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}
deepMerge(config, JSON.parse(body, (key, value) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value)));`,
          },
        ],
      },
    ],
  },
  {
    code: `function mergeInto(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object') {
      target[key] = mergeInto(target[key] || {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}
const patch = JSON.parse(text);
mergeInto(settings, patch);`,
    errors: [
      {
        messageId: 'unguardedMerge',
        line: 11,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestDropPrototypeKeys',
            output: `function mergeInto(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object') {
      target[key] = mergeInto(target[key] || {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}
const patch = JSON.parse(text, (key, value) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value));
mergeInto(settings, patch);`,
          },
        ],
      },
    ],
  },
  {
    code: `import { deepMerge } from './utils.js';
app.patch('/settings', async (req, res) => {
  const changes = await req.json();
  deepMerge(settings, changes);
  res.sendStatus(204);
});`,
    errors: [
      {
        messageId: 'unguardedMerge',
        line: 3,
        column: 25,
        suggestions: [],
      },
    ],
  },
  {
    code: `const incoming = JSON.parse(message);
for (const key in incoming) {
  state[key] = mergeDeep(state[key], incoming[key]);
}`,
    errors: [
      {
        messageId: 'unguardedMerge',
        line: 1,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestDropPrototypeKeys',
            output: `const incoming = JSON.parse(message, (key, value) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value));
for (const key in incoming) {
  state[key] = mergeDeep(state[key], incoming[key]);
}`,
          },
        ],
      },
    ],
  },
];

const typeScriptInvalid: Invalid[] = [
  {
    // Assigned to a variable declared earlier and used with no check.
    code: `interface ParamsMessage { method: 'connectionParams'; data: Record<string, string> }
export function read(text: string) {
  let msg;
  msg = JSON.parse(text) as ParamsMessage;
  return msg.data;
}`,
    errors: [{ messageId: 'unvalidated', line: 4, column: 9, suggestions: [] }],
  },
  {
    // The queue also holds text from callers, and nothing sets those entries apart before the parse.
    code: `export class Outbox<T> {
  private pending: { kind: string; data: string }[] = [];
  enqueue(message: T): void {
    this.pending.push({ kind: 'json', data: JSON.stringify(message) });
  }
  enqueueRaw(data: string): void {
    this.pending.push({ kind: 'raw', data });
  }
  drain(): T[] {
    return this.pending.map((entry) => JSON.parse(entry.data) as T);
  }
}`,
    errors: [{ messageId: 'unvalidated', line: 10, column: 40, suggestions: [] }],
  },
  {
    code: `export class Inbox<T> {
  private received: { data: string }[] = [];
  accept(data: string): void {
    this.received.push({ data });
  }
  drain(): T[] {
    return this.received.map((entry) => JSON.parse(entry.data) as T);
  }
}`,
    errors: [{ messageId: 'unvalidated', line: 7, column: 41, suggestions: [] }],
  },
  {
    code: `type Pair = string | number;
export const read = (text: string): Pair => JSON.parse(text);`,
    errors: [{ messageId: 'unvalidated', line: 2, column: 45, suggestions: [] }],
  },
  {
    code: `declare const response: Response;
const token = (await response.json()) as { access_token?: string; user: { id: number } };`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 2,
        column: 22,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `declare const response: Response;
function isExpectedJson(value: unknown): value is { access_token?: string; user: { id: number } } {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const token: unknown = await response.json();
if (!isExpectedJson(token)) throw new TypeError('Unexpected JSON shape');`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number; name: string }
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number; name: string }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number; name: string }
function greet(text: string) {
  const user: User = JSON.parse(text);
  return \`hi \${user.name}\`;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 22,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number; name: string }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

function greet(text: string) {
  const user: unknown = JSON.parse(text);
  if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');
  return \`hi \${user.name}\`;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number }
async function getUser(): Promise<User> {
  const res = await fetch('/user');
  return (await res.json()) as User;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

async function getUser(): Promise<User> {
  const res = await fetch('/user');
  const parsed: unknown = await res.json();
  if (!isUser(parsed)) throw new TypeError('Unexpected JSON: expected User');
  return parsed;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number }
async function getUser(): Promise<User> {
  const res = await fetch('/user');
  return res.json();
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

async function getUser(): Promise<User> {
  const res = await fetch('/user');
  return res.json().then((value: unknown) => {
    if (!isUser(value)) throw new TypeError('Unexpected JSON: expected User');
    return value;
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number }
function getUser(): Promise<User> {
  return fetch('/user').then((res) => res.json());
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 39,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

function getUser(): Promise<User> {
  return fetch('/user').then((res) => res.json()).then((value: unknown) => {
    if (!isUser(value)) throw new TypeError('Unexpected JSON: expected User');
    return value;
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number }
function getUser(res: Response) {
  return res.json() as Promise<User>;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

function getUser(res: Response) {
  return res.json().then((value: unknown) => {
    if (!isUser(value)) throw new TypeError('Unexpected JSON: expected User');
    return value;
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number }
fetch('/user')
  .then((res) => res.json())
  .then((user: User) => show(user.id));`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

fetch('/user')
  .then((res) => res.json()).then((value: unknown) => {
  if (!isUser(value)) throw new TypeError('Unexpected JSON: expected User');
  return value;
})
  .then((user: User) => show(user.id));`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number }
function parseUser(text: string): User {
  const data = JSON.parse(text);
  return data;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

function parseUser(text: string): User {
  const data = JSON.parse(text);
  const parsed: unknown = data;
  if (!isUser(parsed)) throw new TypeError('Unexpected JSON: expected User');
  return parsed;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface Item { sku: string }
const items = JSON.parse(text) as Item[];`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 2,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface Item { sku: string }
function isItemArray(value: unknown): value is Item[] {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return Array.isArray(value);
}

const items: unknown = JSON.parse(text);
if (!isItemArray(items)) throw new TypeError('Unexpected JSON shape');`,
          },
        ],
      },
    ],
  },
  {
    code: `interface User { id: number }
const user = JSON.parse(text) as unknown as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  return res.json();
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 10,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { z } from 'zod';
const User = z.object({ id: z.number() });
type User = z.infer<typeof User>;
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import { z } from 'zod';
const User = z.object({ id: z.number() });
type User = z.infer<typeof User>;
const user = User.parse(JSON.parse(text));`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import { z } from 'zod';
const User = z.object({ id: z.number() });
type User = z.infer<typeof User>;
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `import { z } from 'zod';
const UserSchema = z.object({ id: z.number() });
type User = z.infer<typeof UserSchema>;
async function load(res: Response) {
  const user: User = await res.json();
  return user;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 5,
        column: 28,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import { z } from 'zod';
const UserSchema = z.object({ id: z.number() });
type User = z.infer<typeof UserSchema>;
async function load(res: Response) {
  const user: User = UserSchema.parse(await res.json());
  return user;
}`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import { z } from 'zod';
const UserSchema = z.object({ id: z.number() });
type User = z.infer<typeof UserSchema>;
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

async function load(res: Response) {
  const user: unknown = await res.json();
  if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');
  return user;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { z } from 'zod';
const UserSchema = z.object({ id: z.number() });
type User = z.infer<typeof UserSchema>;
function getUser(): Promise<User> {
  return fetch('/user').then((res) => res.json());
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 5,
        column: 39,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import { z } from 'zod';
const UserSchema = z.object({ id: z.number() });
type User = z.infer<typeof UserSchema>;
function getUser(): Promise<User> {
  return fetch('/user').then((res) => res.json()).then((value) => UserSchema.parse(value));
}`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import { z } from 'zod';
const UserSchema = z.object({ id: z.number() });
type User = z.infer<typeof UserSchema>;
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

function getUser(): Promise<User> {
  return fetch('/user').then((res) => res.json()).then((value: unknown) => {
    if (!isUser(value)) throw new TypeError('Unexpected JSON: expected User');
    return value;
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import * as v from 'valibot';
const UserSchema = v.object({ id: v.number() });
type User = v.InferOutput<typeof UserSchema>;
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import * as v from 'valibot';
const UserSchema = v.object({ id: v.number() });
type User = v.InferOutput<typeof UserSchema>;
const user = v.parse(UserSchema, JSON.parse(text));`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import * as v from 'valibot';
const UserSchema = v.object({ id: v.number() });
type User = v.InferOutput<typeof UserSchema>;
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `import * as yup from 'yup';
const UserSchema = yup.object({ id: yup.number().required() });
type User = yup.InferType<typeof UserSchema>;
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import * as yup from 'yup';
const UserSchema = yup.object({ id: yup.number().required() });
type User = yup.InferType<typeof UserSchema>;
const user = UserSchema.validateSync(JSON.parse(text));`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import * as yup from 'yup';
const UserSchema = yup.object({ id: yup.number().required() });
type User = yup.InferType<typeof UserSchema>;
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `import typia from 'typia';
interface User { id: number }
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import typia from 'typia';
interface User { id: number }
const user = typia.assert<User>(JSON.parse(text));`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import typia from 'typia';
interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `import { z } from 'zod';
interface Legacy { id: number }
const legacy = JSON.parse(text) as Legacy;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `import { z } from 'zod';
interface Legacy { id: number }
function isLegacy(value: unknown): value is Legacy {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const legacy: unknown = JSON.parse(text);
if (!isLegacy(legacy)) throw new TypeError('Unexpected JSON: expected Legacy');`,
          },
        ],
      },
    ],
  },
  {
    code: `interface Settings { theme: string }
let settings: Settings;
settings = JSON.parse(localStorage.getItem('settings') ?? '{}');`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 12,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Page { items: string[] }
async function load(url: string) {
  const { items } = (await (await fetch(url)).json()) as Page;
  return items;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 28,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Todo { id: number }
async function getTodos(): Promise<Todo[]> {
  const response = await fetch('/todos');
  const todos = await response.json();
  return todos;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 23,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface Todo { id: number }
function isTodoArray(value: unknown): value is Todo[] {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return Array.isArray(value);
}

async function getTodos(): Promise<Todo[]> {
  const response = await fetch('/todos');
  const todos = await response.json();
  const parsed: unknown = todos;
  if (!isTodoArray(parsed)) throw new TypeError('Unexpected JSON shape');
  return parsed;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface Cfg { port: number }
class Server {
  private config: Cfg = JSON.parse(readFileSync('cfg.json', 'utf8'));
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 25,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Todo { id: number }
const loadTodos = async (): Promise<Todo[]> => (await fetch('/todos')).json();`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 2,
        column: 48,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface Todo { id: number }
function isTodoArray(value: unknown): value is Todo[] {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return Array.isArray(value);
}

const loadTodos = async (): Promise<Todo[]> => (await fetch('/todos')).json().then((value: unknown) => {
  if (!isTodoArray(value)) throw new TypeError('Unexpected JSON shape');
  return value;
});`,
          },
        ],
      },
    ],
  },
  {
    code: `interface Todo { id: number }
const loadTodos = (): Promise<Todo[]> => fetch('/todos').then((r) => r.json());`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 2,
        column: 70,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface Todo { id: number }
function isTodoArray(value: unknown): value is Todo[] {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return Array.isArray(value);
}

const loadTodos = (): Promise<Todo[]> => fetch('/todos').then((r) => r.json()).then((value: unknown) => {
  if (!isTodoArray(value)) throw new TypeError('Unexpected JSON shape');
  return value;
});`,
          },
        ],
      },
    ],
  },
  {
    code: `type Profile = { name: string };
export async function getProfile(): Promise<Profile> {
  const res = await fetch('/me');
  if (!res.ok) throw new Error('failed');
  return (await res.json()) as Profile;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 5,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `type Profile = { name: string };
function isProfile(value: unknown): value is Profile {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

export async function getProfile(): Promise<Profile> {
  const res = await fetch('/me');
  if (!res.ok) throw new Error('failed');
  const parsed: unknown = await res.json();
  if (!isProfile(parsed)) throw new TypeError('Unexpected JSON: expected Profile');
  return parsed;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Ajv from 'ajv';
interface User { id: number }
const ajv = new Ajv();
const validateUser = ajv.compile<User>(schema);
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 5,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import Ajv from 'ajv';
interface User { id: number }
const ajv = new Ajv();
const validateUser = ajv.compile<User>(schema);
const user: unknown = JSON.parse(text);
if (!validateUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import Ajv from 'ajv';
interface User { id: number }
const ajv = new Ajv();
const validateUser = ajv.compile<User>(schema);
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `import * as t from 'io-ts';
const User = t.type({ id: t.number });
type User = t.TypeOf<typeof User>;
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import * as t from 'io-ts';
const User = t.type({ id: t.number });
type User = t.TypeOf<typeof User>;
const user: unknown = JSON.parse(text);
if (!User.is(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import * as t from 'io-ts';
const User = t.type({ id: t.number });
type User = t.TypeOf<typeof User>;
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `import { object, number, create } from 'superstruct';
const UserStruct = object({ id: number() });
interface User { id: number }
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import { object, number, create } from 'superstruct';
const UserStruct = object({ id: number() });
interface User { id: number }
const user = create(JSON.parse(text), UserStruct);`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import { object, number, create } from 'superstruct';
const UserStruct = object({ id: number() });
interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
  {
    code: `import Joi from 'joi';
const UserSchema = Joi.object({ id: Joi.number() });
interface User { id: number }
const user = JSON.parse(text) as User;`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestLibrary',
            output: `import Joi from 'joi';
const UserSchema = Joi.object({ id: Joi.number() });
interface User { id: number }
const user = Joi.attempt(JSON.parse(text), UserSchema);`,
          },
          {
            messageId: 'suggestTypeGuard',
            output: `import Joi from 'joi';
const UserSchema = Joi.object({ id: Joi.number() });
interface User { id: number }
function isUser(value: unknown): value is User {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const user: unknown = JSON.parse(text);
if (!isUser(user)) throw new TypeError('Unexpected JSON: expected User');`,
          },
        ],
      },
    ],
  },
];

createRuleTester().run('no-unvalidated-json', rule, {
  valid: [...sharedValid, ...typeScriptValid],
  invalid: [...sharedInvalid, ...typeScriptInvalid],
});

createJavaScriptRuleTester().run('no-unvalidated-json (JavaScript)', rule, {
  valid: sharedValid,
  invalid: sharedInvalid,
});

createTypedRuleTester().run('no-unvalidated-json (type information)', rule, {
  valid: [...sharedValid, ...typeScriptValid].map((testCase) => typed<Valid>(testCase)),
  invalid: [...sharedInvalid, ...typeScriptInvalid].map((testCase) => typed<Invalid>(testCase)),
});

// Type information removes guesses: an alias of `unknown` claims nothing, and a `.json()` that does not return
// a promise (a framework's response object) is not a body reader.
const aliasOfUnknown = `type Payload = unknown;
const payload = JSON.parse(text) as Payload;`;
const replyJson = `interface Reply { json(): Reply }
interface Out { ok: boolean }
async function send(reply: Reply): Promise<Out> {
  return reply.json();
}`;

createTypedRuleTester().run('no-unvalidated-json (only with type information)', rule, {
  valid: [aliasOfUnknown, replyJson].map((testCase) => typed<Valid>(testCase)),
  invalid: [],
});

createRuleTester().run('no-unvalidated-json (only without type information)', rule, {
  valid: [],
  invalid: [
    {
      code: aliasOfUnknown,
      errors: [
        {
          messageId: 'unvalidated',
          line: 2,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestTypeGuard',
              output: `type Payload = unknown;
function isPayload(value: unknown): value is Payload {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

const payload: unknown = JSON.parse(text);
if (!isPayload(payload)) throw new TypeError('Unexpected JSON: expected Payload');`,
            },
          ],
        },
      ],
    },
    {
      code: replyJson,
      errors: [
        {
          messageId: 'unvalidated',
          line: 4,
          column: 10,
          suggestions: [
            {
              messageId: 'suggestTypeGuard',
              output: `interface Reply { json(): Reply }
interface Out { ok: boolean }
function isOut(value: unknown): value is Out {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

async function send(reply: Reply): Promise<Out> {
  return reply.json().then((value: unknown) => {
    if (!isOut(value)) throw new TypeError('Unexpected JSON: expected Out');
    return value;
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

// With types, a typed member on the receiving side is a claim too (syntax alone cannot see its declaration).
const memberAssignment = `interface Config { port: number }
class App {
  config: Config = { port: 0 };
  load(text: string) {
    this.config = JSON.parse(text);
  }
}`;

// A member declared with a type that claims no shape, as the untyped rule reads `object` or `{}`.
const shapelessMembers = `class Invocation {
  input: object = {};
  extra: Record<string, unknown> = {};
  rest: {} = {};
  constructor(text: string) {
    this.input = JSON.parse(text);
    this.extra = JSON.parse(text);
    this.rest = JSON.parse(text);
  }
}`;

createTypedRuleTester().run('no-unvalidated-json (typed member assignment)', rule, {
  valid: [typed<Valid>(shapelessMembers)],
  invalid: [
    typed<Invalid>({
      code: memberAssignment,
      errors: [{ messageId: 'unvalidated', line: 5, column: 19, suggestions: [] }],
    }),
  ],
});

createRuleTester().run('no-unvalidated-json (member assignment without types)', rule, {
  valid: [memberAssignment],
  invalid: [],
});

/**
 * Evidence in the file that the shape is not this code's to check: a transport layer that only routes each message
 * by its discriminant to listeners, and a payload whose signature the function verified before the parse.
 */
const trustedValid: Array<Valid | string> = [
  // The file writes this framing itself (a constant prefix right before JSON.stringify output) and strips it.
  `const FRAME_PREFIX = 'frame:';
interface Frame { seq: number; body: string }
export function encode(frame: Frame): { line: string } {
  return { line: \`\${FRAME_PREFIX}\${JSON.stringify(frame)}\` };
}
export function decode(entry: { line: string }): Frame {
  return JSON.parse(entry.line.slice(FRAME_PREFIX.length)) as Frame;
}`,
  `type FeedEvent = { kind: 'quote'; symbol: string; price: number } | { kind: 'halt'; symbol: string };
export class FeedClient extends Emitter {
  connect(socket: WebSocket): void {
    socket.addEventListener('message', (frame) => {
      let event: FeedEvent;
      try {
        event = JSON.parse(String(frame.data)) as FeedEvent;
      } catch (error) {
        this.emit('malformed', error);
        return;
      }
      if (event.kind === 'halt') this.emit('halted', event);
      else this.emit(event.kind, event);
    });
  }
}`,
  `interface Notice { topic: string; body: unknown }
export function route(raw: string, bus: Bus): void {
  const notice = (() => {
    try {
      return JSON.parse(raw) as Notice;
    } catch {
      return undefined;
    }
  })();
  if (!notice) return;
  switch (notice.topic) {
    case 'ping':
      bus.reply(notice);
      break;
    default:
      bus.forward(notice);
  }
}`,
  `import { createHmac, timingSafeEqual } from 'node:crypto';
interface Delivery { id: string; action: string }
export function readDelivery(body: string, signature: string, secret: string): Delivery {
  const expected = createHmac('sha256', secret).update(body).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw new Error('bad signature');
  return JSON.parse(body) as Delivery;
}`,
  `interface Hook { event: string; at: string }
export class Receiver {
  constructor(private readonly key: CryptoKey) {}
  async open(payload: string, mac: ArrayBuffer): Promise<Hook> {
    await this.check(payload, mac);
    return JSON.parse(payload) as Hook;
  }
  private async check(payload: string, mac: ArrayBuffer): Promise<void> {
    const ok = await crypto.subtle.verify('HMAC', this.key, mac, new TextEncoder().encode(payload));
    if (!ok) throw new Error('forged payload');
  }
}`,
];

const trustedInvalid: Invalid[] = [
  {
    // Routed by its discriminant, but nothing here handles a malformed frame: not the deliberate transport layer.
    code: `type FeedEvent = { kind: 'quote'; symbol: string; price: number } | { kind: 'halt'; symbol: string };
export function relay(socket: WebSocket, bus: Emitter): void {
  socket.addEventListener('message', (frame) => {
    const event = JSON.parse(String(frame.data)) as FeedEvent;
    bus.emit(event.kind, event);
  });
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 19,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `type FeedEvent = { kind: 'quote'; symbol: string; price: number } | { kind: 'halt'; symbol: string };
function isFeedEvent(value: unknown): value is FeedEvent {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

export function relay(socket: WebSocket, bus: Emitter): void {
  socket.addEventListener('message', (frame) => {
    const event: unknown = JSON.parse(String(frame.data));
    if (!isFeedEvent(event)) throw new TypeError('Unexpected JSON: expected FeedEvent');
    bus.emit(event.kind, event);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    // The prefix is only read here: nothing in the file writes that framing.
    code: `const FRAME_PREFIX = 'frame:';
interface Frame { seq: number; body: string }
export function decode(entry: { line: string }): Frame {
  return JSON.parse(entry.line.slice(FRAME_PREFIX.length)) as Frame;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 4,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `const FRAME_PREFIX = 'frame:';
interface Frame { seq: number; body: string }
function isFrame(value: unknown): value is Frame {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

export function decode(entry: { line: string }): Frame {
  const parsed: unknown = JSON.parse(entry.line.slice(FRAME_PREFIX.length));
  if (!isFrame(parsed)) throw new TypeError('Unexpected JSON: expected Frame');
  return parsed;
}`,
          },
        ],
      },
    ],
  },
  {
    // Same framing, but the text arrives from a socket: the peer is another program.
    code: `const FRAME_PREFIX = 'frame:';
interface Frame { seq: number; body: string }
export function send(socket: Socket, frame: Frame): void {
  socket.write(\`\${FRAME_PREFIX}\${JSON.stringify(frame)}\`);
}
socket.on('message', (data) => {
  const frame = JSON.parse(data.toString().slice(FRAME_PREFIX.length)) as Frame;
  acknowledge(frame.seq);
});`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 7,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `const FRAME_PREFIX = 'frame:';
interface Frame { seq: number; body: string }
export function send(socket: Socket, frame: Frame): void {
  socket.write(\`\${FRAME_PREFIX}\${JSON.stringify(frame)}\`);
}
function isFrame(value: unknown): value is Frame {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

socket.on('message', (data) => {
  const frame: unknown = JSON.parse(data.toString().slice(FRAME_PREFIX.length));
  if (!isFrame(frame)) throw new TypeError('Unexpected JSON: expected Frame');
  acknowledge(frame.seq);
});`,
          },
        ],
      },
    ],
  },
  {
    // The router also reads a field of its own: the shape is used here.
    code: `type FeedEvent = { kind: 'quote'; symbol: string; price: number } | { kind: 'halt'; symbol: string };
export class FeedClient extends Emitter {
  connect(socket: WebSocket): void {
    socket.addEventListener('message', (frame) => {
      let event: FeedEvent;
      try {
        event = JSON.parse(String(frame.data)) as FeedEvent;
      } catch (error) {
        this.emit('malformed', error);
        return;
      }
      if (event.kind === 'quote') this.last = event.price;
      this.emit(event.kind, event);
    });
  }
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 7,
        column: 17,
        suggestions: [],
      },
    ],
  },
  {
    // Destructured: every field is read whatever the message holds.
    code: `interface Notice { topic: string; body: string }
export function route(raw: string, bus: Bus): void {
  const notice = JSON.parse(raw) as Notice;
  const { topic, body } = notice;
  bus.emit(topic, body.trim());
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface Notice { topic: string; body: string }
function isNotice(value: unknown): value is Notice {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

export function route(raw: string, bus: Bus): void {
  const notice: unknown = JSON.parse(raw);
  if (!isNotice(notice)) throw new TypeError('Unexpected JSON: expected Notice');
  const { topic, body } = notice;
  bus.emit(topic, body.trim());
}`,
          },
        ],
      },
    ],
  },
  {
    // No path for topics the code does not know: every message is taken to be a ping.
    code: `interface Notice { topic: string; body: unknown }
export function route(raw: string, bus: Bus): void {
  const notice = JSON.parse(raw) as Notice;
  switch (notice.topic) {
    case 'ping':
      bus.reply(notice);
      break;
  }
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface Notice { topic: string; body: unknown }
function isNotice(value: unknown): value is Notice {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

export function route(raw: string, bus: Bus): void {
  const notice: unknown = JSON.parse(raw);
  if (!isNotice(notice)) throw new TypeError('Unexpected JSON: expected Notice');
  switch (notice.topic) {
    case 'ping':
      bus.reply(notice);
      break;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // The HMAC is computed, but nothing stops a forged payload before the parse.
    code: `import { createHmac } from 'node:crypto';
interface Delivery { id: string; action: string }
export function readDelivery(body: string, signature: string, secret: string): Delivery {
  const expected = createHmac('sha256', secret).update(body).digest('hex');
  audit(expected === signature);
  return JSON.parse(body) as Delivery;
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 6,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `import { createHmac } from 'node:crypto';
interface Delivery { id: string; action: string }
function isDelivery(value: unknown): value is Delivery {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

export function readDelivery(body: string, signature: string, secret: string): Delivery {
  const expected = createHmac('sha256', secret).update(body).digest('hex');
  audit(expected === signature);
  const parsed: unknown = JSON.parse(body);
  if (!isDelivery(parsed)) throw new TypeError('Unexpected JSON: expected Delivery');
  return parsed;
}`,
          },
        ],
      },
    ],
  },
  {
    // The helper the payload goes through checks no signature.
    code: `interface Hook { event: string; at: string }
export class Receiver {
  async open(payload: string): Promise<Hook> {
    await this.record(payload);
    return JSON.parse(payload) as Hook;
  }
  private async record(payload: string): Promise<void> {
    await this.store.append(payload);
  }
}`,
    errors: [
      {
        messageId: 'unvalidated',
        line: 5,
        column: 12,
        suggestions: [
          {
            messageId: 'suggestTypeGuard',
            output: `interface Hook { event: string; at: string }
function isHook(value: unknown): value is Hook {
  // TODO: check the fields this code relies on; this only rules out the wrong kind of value.
  return typeof value === 'object' && value !== null;
}

export class Receiver {
  async open(payload: string): Promise<Hook> {
    await this.record(payload);
    const parsed: unknown = JSON.parse(payload);
    if (!isHook(parsed)) throw new TypeError('Unexpected JSON: expected Hook');
    return parsed;
  }
  private async record(payload: string): Promise<void> {
    await this.store.append(payload);
  }
}`,
          },
        ],
      },
    ],
  },
];

createRuleTester().run('no-unvalidated-json (routed or signed payloads)', rule, {
  valid: trustedValid,
  invalid: trustedInvalid,
});

createTypedRuleTester().run('no-unvalidated-json (routed or signed payloads, type information)', rule, {
  valid: trustedValid.map((testCase) => typed<Valid>(testCase)),
  invalid: trustedInvalid.map((testCase) => typed<Invalid>(testCase)),
});
