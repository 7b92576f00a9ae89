import path from 'node:path';
import rule from '../../rules/src/rules/no-request-without-timeout.js';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

const ruleTester = createRuleTester();
const javaScriptRuleTester = createJavaScriptRuleTester();
const typedRuleTester = createTypedRuleTester();
// Typed cases lint as a fixtures file outside the fixtures tsconfig, with the clients' declarations referenced.
const typedFile = path.join(fixturesDir, 'no-request-without-timeout.ts');
const clients = '/// <reference path="service-clients.d.ts" />\n';

ruleTester.run('no-request-without-timeout', rule, {
  valid: [
    // fetch with a signal that can fire
    'export async function load(url: string) { return fetch(url, { signal: AbortSignal.timeout(5000) }); }',
    'export async function load(url: string, signal: AbortSignal) { return fetch(url, { signal }); }',
    'export async function load(url: string, signal: AbortSignal) { return fetch(url, { method: "POST", signal: AbortSignal.any([signal, AbortSignal.timeout(3000)]) }); }',
    'export async function load(url: string) { const controller = new AbortController(); const timer = setTimeout(() => controller.abort(), 5000); try { return await fetch(url, { signal: controller.signal }); } finally { clearTimeout(timer); } }',
    'export async function load(url: string, options: { signal?: AbortSignal }) { return fetch(url, { headers: { accept: "application/json" }, signal: options.signal }); }',
    'export async function proxy(req: { signal: AbortSignal }, url: string) { return fetch(url, { signal: req.signal }); }',
    // init the file cannot see into: a parameter, a spread of one
    'export async function load(url: string, init: RequestInit) { return fetch(url, init); }',
    'export async function load(url: string, init: RequestInit) { return fetch(url, { ...init, method: "GET" }); }',
    // init objects the file can see into, carrying a signal
    'const init = { method: "POST", signal: AbortSignal.timeout(2000) }; export async function send(url: string) { return fetch(url, init); }',
    'const base = { signal: AbortSignal.timeout(2000) }; export async function send(url: string) { return fetch(url, { ...base, method: "PUT" }); }',
    // wrappers that bound the call
    'import { withTimeout } from "./timeout.js"; export async function load(url: string) { return withTimeout((signal) => fetch(url, { signal }), 5000); }',
    'import { withTimeout } from "./timeout.js"; export async function load(url: string) { return withTimeout(() => fetch(url), 5000); }',
    'import pTimeout from "p-timeout"; export async function load(url: string) { return pTimeout(fetch(url), { milliseconds: 5000 }); }',
    'function deadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number) { const signal = AbortSignal.timeout(ms); return work(signal); }\nexport const load = (url: string) => deadline(() => fetch(url), 5000);',
    // a Request object carries its own signal (a proxied incoming request's, or one set when it was made)
    'export async function proxy(request: Request) { return fetch(request); }',
    'export async function forward(url: string, incoming: Request) { return fetch(new Request(url, incoming), { redirect: "manual" }); }',
    // a helper given a deadline
    'import { retry } from "./retry.js"; export const load = (url: string) => retry((signal) => fetch(url, { signal }), { retries: 3 });',
    'import pRetry from "p-retry"; export const load = (url: string) => pRetry(() => fetch(url), { retries: 3, signal: AbortSignal.timeout(30000) });',
    // a race with a timer belongs to no-leaked-timer
    'export async function load(url: string, timeout: Promise<never>) { return Promise.race([fetch(url), timeout]); }',
    // a local or injected fetch is not the global one
    'export async function load(fetch: (url: string) => Promise<Response>, url: string) { return fetch(url); }',
    'function fetch(url: string) { return url; } fetch("/x");',
    // axios with a timeout or a signal, per request or on the instance
    'import axios from "axios"; export const load = (url: string) => axios.get(url, { timeout: 5000 });',
    'import axios from "axios"; export const save = (url: string, body: unknown) => axios.post(url, body, { timeout: 5000 });',
    'import axios from "axios"; export const save = (url: string, body: unknown, signal: AbortSignal) => axios.post(url, body, { signal });',
    'import axios from "axios"; export const load = (url: string) => axios({ url, method: "get", timeout: 2000 });',
    'import axios from "axios"; const api = axios.create({ baseURL: "https://api.example", timeout: 5000 }); export const load = () => api.get("/users");',
    'import axios from "axios"; const api = axios.create({ baseURL: "https://api.example" }); api.defaults.timeout = 5000; export const load = () => api.get("/users");',
    'import axios from "axios"; axios.defaults.timeout = 8000; export const load = (url: string) => axios.get(url);',
    'import axios from "axios"; export const load = (url: string, config: object) => axios.get(url, config);',
    'import axios from "axios"; const settings = { timeout: 4000 }; const api = axios.create(settings); export const load = () => api.get("/x");',
    'import axios from "axios"; export class Users { private http = axios.create({ baseURL: "/api", timeout: 3000 }); list() { return this.http.get("/users"); } }',
    'import axios from "axios"; export class Users { constructor(private readonly http: typeof axios) {} list() { return this.http.get("/users"); } }',
    // got with a timeout
    'import got from "got"; export const load = (url: string) => got(url, { timeout: { request: 5000 } });',
    'import got from "got"; const client = got.extend({ prefixUrl: "https://api.example", timeout: { request: 5000 } }); export const load = () => client.get("users");',
    'import got from "got"; export const load = (url: string, signal: AbortSignal) => got.post(url, { json: {}, signal });',
    // http/https with a timeout option, req.setTimeout, a signal, or a timer that destroys the request
    'import https from "node:https"; export function ping(url: string) { https.get(url, { timeout: 5000 }, (res) => res.resume()); }',
    'import * as http from "http"; export function ping(url: string) { const req = http.get(url, (res) => res.resume()); req.setTimeout(5000, () => req.destroy()); }',
    'import { request } from "https"; export function post(options: { host: string }) { const req = request({ ...options, method: "POST", timeout: 3000 }); req.end(); }',
    'import http from "http"; export function ping(url: string) { http.get(url, (res) => res.resume()).setTimeout(2000); }',
    'import http from "http"; export function ping(url: string) { const req = http.get(url, (res) => res.resume()); const timer = setTimeout(() => req.destroy(), 5000); req.on("close", () => clearTimeout(timer)); }',
    'import http from "http"; export function ping(url: string) { return http.get(url); }',
    'import http from "http"; export function ping(url: string) { const req = http.get(url); req.on("socket", (socket) => socket.setTimeout(5000)); }',
    'import http from "http"; export function ping(url: string, signal: AbortSignal) { http.get(url, { signal }, (res) => res.resume()); }',
    // clients with a default timeout: ky, undici's request
    'import ky from "ky"; export const load = (url: string) => ky.get(url).json();',
    'import { request } from "undici"; export const load = (url: string) => request(url);',
    // browser UI code: bounded by the page, aborted on unmount
    {
      code: 'import { useEffect } from "react";\nexport function Users() { useEffect(() => { const controller = new AbortController(); fetch("/api/users", { signal: controller.signal }); return () => controller.abort(); }, []); return null; }',
    },
    {
      code: 'export function Users() { useEffect(() => { fetch("/api/users").then(setUsers); }, []); return <ul />; }',
      filename: 'users.tsx',
    },
    { code: '"use client";\nexport async function refresh() { await fetch("/api/refresh"); }' },
    // tests are bounded by the runner's timeout
    {
      code: 'it("answers", async () => { await fetch("http://localhost:3000/health"); });',
      filename: 'server.test.ts',
    },
    // the process's own server in a local address: test and development helpers
    'export async function inject(port: number) { return fetch("http://localhost:" + port + "/health", { method: "GET" }); }',
    'export const ping = (port: number) => fetch(`http://127.0.0.1:${port}/ready`);',
    // not HTTP at all
    'export const read = (map: Map<string, string>) => map.get("x");',
    'import { get } from "lodash"; export const read = (o: object) => get(o, "a.b");',
  ],
  invalid: [
    {
      code: 'export async function loadUser(id: string) {\n  const res = await fetch(`https://api.example/users/${id}`);\n  return res.json();\n}',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`fetch`' },
          line: 2,
          column: 21,
          suggestions: [
            {
              messageId: 'suggestSignal',
              data: { ms: '10000' },
              output:
                'export async function loadUser(id: string) {\n  const res = await fetch(`https://api.example/users/${id}`, { signal: AbortSignal.timeout(10000) });\n  return res.json();\n}',
            },
          ],
        },
      ],
    },
    {
      // an init object without a signal: the property goes at its end
      code: 'export async function save(url: string, body: unknown) {\n  await fetch(url, { method: "POST", body: JSON.stringify(body) });\n}',
      errors: [
        {
          messageId: 'noTimeout',
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'export async function save(url: string, body: unknown) {\n  await fetch(url, { method: "POST", body: JSON.stringify(body), signal: AbortSignal.timeout(10000) });\n}',
            },
          ],
        },
      ],
    },
    {
      // one property per line, with a trailing comma
      code: 'export async function save(url: string) {\n  await fetch(url, {\n    method: "POST",\n    headers: { "content-type": "application/json" },\n  });\n}',
      errors: [
        {
          messageId: 'noTimeout',
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'export async function save(url: string) {\n  await fetch(url, {\n    method: "POST",\n    headers: { "content-type": "application/json" },\n    signal: AbortSignal.timeout(10000),\n  });\n}',
            },
          ],
        },
      ],
    },
    {
      // the option sets the milliseconds
      code: 'export const ping = (url: string) => fetch(url, {});',
      options: [{ defaultTimeoutMs: 2500 }],
      errors: [
        {
          messageId: 'noTimeout',
          suggestions: [
            {
              messageId: 'suggestSignal',
              data: { ms: '2500' },
              output: 'export const ping = (url: string) => fetch(url, { signal: AbortSignal.timeout(2500) });',
            },
          ],
        },
      ],
    },
    {
      // a caller's signal in scope that is not passed on
      code: 'export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { headers: { accept: "text/html" } });\n}',
      errors: [
        {
          messageId: 'signalNotPassed',
          suggestions: [
            {
              messageId: 'suggestAnySignal',
              output:
                'export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { headers: { accept: "text/html" }, signal: AbortSignal.any([signal, AbortSignal.timeout(10000)]) });\n}',
            },
          ],
        },
      ],
    },
    {
      // an optional caller's signal: combined only when there is one
      code: 'export async function load(url: string, { signal }: { signal?: AbortSignal } = {}) {\n  return fetch(url);\n}',
      errors: [
        {
          messageId: 'signalNotPassed',
          suggestions: [
            {
              messageId: 'suggestAnySignal',
              output:
                'export async function load(url: string, { signal }: { signal?: AbortSignal } = {}) {\n  return fetch(url, { signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10000)]) : AbortSignal.timeout(10000) });\n}',
            },
          ],
        },
      ],
    },
    {
      // an init variable without a signal, spread into a new object by the suggestion
      code: 'const init = { method: "DELETE" };\nexport const remove = (url: string) => fetch(url, init);',
      errors: [
        {
          messageId: 'noTimeout',
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'const init = { method: "DELETE" };\nexport const remove = (url: string) => fetch(url, { ...init, signal: AbortSignal.timeout(10000) });',
            },
          ],
        },
      ],
    },
    {
      // spreading a literal that has no signal either
      code: 'const defaults = { headers: { accept: "application/json" } };\nexport const load = (url: string) => fetch(url, { ...defaults, method: "GET" });',
      errors: [
        {
          messageId: 'noTimeout',
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'const defaults = { headers: { accept: "application/json" } };\nexport const load = (url: string) => fetch(url, { ...defaults, method: "GET", signal: AbortSignal.timeout(10000) });',
            },
          ],
        },
      ],
    },
    {
      // a controller nothing ever aborts is no timeout
      code: 'export async function load(url: string) {\n  const controller = new AbortController();\n  return fetch(url, { signal: controller.signal });\n}',
      errors: [{ messageId: 'noTimeout', line: 3, suggestions: [] }],
    },
    {
      code: 'export const load = (url: string) => globalThis.fetch(url);',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`globalThis.fetch`' },
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'export const load = (url: string) => globalThis.fetch(url, { signal: AbortSignal.timeout(10000) });',
            },
          ],
        },
      ],
    },
    {
      // a retry helper is no deadline: its timer only sleeps
      code: 'async function retry<T>(work: () => Promise<T>) { for (;;) { try { return await work(); } catch { await new Promise((resolve) => setTimeout(resolve, 100)); } } }\nexport const load = (url: string) => retry(() => fetch(url));',
      errors: [
        {
          messageId: 'noTimeout',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'async function retry<T>(work: () => Promise<T>) { for (;;) { try { return await work(); } catch { await new Promise((resolve) => setTimeout(resolve, 100)); } } }\nexport const load = (url: string) => retry(() => fetch(url, { signal: AbortSignal.timeout(10000) }));',
            },
          ],
        },
      ],
    },
    {
      // a timer is not a timeout: the request it starts can hang all the same
      code: 'export function schedule(url: string) {\n  setTimeout(() => fetch(url), 1000);\n}',
      errors: [
        {
          messageId: 'noTimeout',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'export function schedule(url: string) {\n  setTimeout(() => fetch(url, { signal: AbortSignal.timeout(10000) }), 1000);\n}',
            },
          ],
        },
      ],
    },
    {
      // node-fetch and undici's fetch
      code: 'import fetch from "node-fetch";\nimport { fetch as undiciFetch } from "undici";\nexport const a = (url: string) => fetch(url);\nexport const b = (url: string) => undiciFetch(url);',
      errors: [
        {
          messageId: 'noTimeout',
          line: 3,
          data: { client: '`fetch`' },
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'import fetch from "node-fetch";\nimport { fetch as undiciFetch } from "undici";\nexport const a = (url: string) => fetch(url, { signal: AbortSignal.timeout(10000) });\nexport const b = (url: string) => undiciFetch(url);',
            },
          ],
        },
        {
          messageId: 'noTimeout',
          line: 4,
          data: { client: '`undiciFetch`' },
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'import fetch from "node-fetch";\nimport { fetch as undiciFetch } from "undici";\nexport const a = (url: string) => fetch(url);\nexport const b = (url: string) => undiciFetch(url, { signal: AbortSignal.timeout(10000) });',
            },
          ],
        },
      ],
    },
    {
      // axios on the default instance
      code: 'import axios from "axios";\nexport async function loadUser(id: string) {\n  const { data } = await axios.get(`/users/${id}`);\n  return data;\n}',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`axios.get`' },
          line: 3,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestTimeout',
              data: { ms: '10000' },
              output:
                'import axios from "axios";\nexport async function loadUser(id: string) {\n  const { data } = await axios.get(`/users/${id}`, { timeout: 10000 });\n  return data;\n}',
            },
          ],
        },
      ],
    },
    {
      // post(url, data, config): the config is the third argument
      code: 'import axios from "axios";\nexport const save = (user: object) => axios.post("/users", user);\nexport const ping = () => axios.post("/ping");',
      errors: [
        {
          messageId: 'noTimeout',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import axios from "axios";\nexport const save = (user: object) => axios.post("/users", user, { timeout: 10000 });\nexport const ping = () => axios.post("/ping");',
            },
          ],
        },
        {
          messageId: 'noTimeout',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import axios from "axios";\nexport const save = (user: object) => axios.post("/users", user);\nexport const ping = () => axios.post("/ping", undefined, { timeout: 10000 });',
            },
          ],
        },
      ],
    },
    {
      // a config object without a timeout
      code: 'import axios from "axios";\nexport const load = (url: string) => axios({ url, method: "get", headers: { accept: "application/json" } });',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`axios`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import axios from "axios";\nexport const load = (url: string) => axios({ url, method: "get", headers: { accept: "application/json" }, timeout: 10000 });',
            },
          ],
        },
      ],
    },
    {
      // an instance created without a timeout: per request, or on the instance
      code: 'import axios from "axios";\nconst api = axios.create({ baseURL: "https://api.example" });\nexport const listUsers = () => api.get("/users");',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`api.get`' },
          line: 3,
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import axios from "axios";\nconst api = axios.create({ baseURL: "https://api.example" });\nexport const listUsers = () => api.get("/users", { timeout: 10000 });',
            },
            {
              messageId: 'suggestInstanceTimeout',
              output:
                'import axios from "axios";\nconst api = axios.create({ baseURL: "https://api.example", timeout: 10000 });\nexport const listUsers = () => api.get("/users");',
            },
          ],
        },
      ],
    },
    {
      // an instance kept in a class field
      code: 'import axios from "axios";\nexport class Billing {\n  private http = axios.create({ baseURL: "/billing" });\n  charge(amount: number) {\n    return this.http.post("/charges", { amount });\n  }\n}',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`this.http.post`' },
          line: 5,
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import axios from "axios";\nexport class Billing {\n  private http = axios.create({ baseURL: "/billing" });\n  charge(amount: number) {\n    return this.http.post("/charges", { amount }, { timeout: 10000 });\n  }\n}',
            },
            {
              messageId: 'suggestInstanceTimeout',
              output:
                'import axios from "axios";\nexport class Billing {\n  private http = axios.create({ baseURL: "/billing", timeout: 10000 });\n  charge(amount: number) {\n    return this.http.post("/charges", { amount });\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // an instance created with no options at all, called directly
      code: 'import axios from "axios";\nconst client = axios.create();\nexport const load = () => client("/status");',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`client`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import axios from "axios";\nconst client = axios.create();\nexport const load = () => client("/status", { timeout: 10000 });',
            },
          ],
        },
      ],
    },
    {
      // a timeout of 0 is axios's "no timeout"; interceptors add headers, not a timeout
      code: 'import axios from "axios";\nconst api = axios.create({ baseURL: "/api", timeout: 0 });\napi.interceptors.request.use((config) => config);\nexport const load = () => api.get("/users");',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`api.get`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import axios from "axios";\nconst api = axios.create({ baseURL: "/api", timeout: 0 });\napi.interceptors.request.use((config) => config);\nexport const load = () => api.get("/users", { timeout: 10000 });',
            },
            {
              messageId: 'suggestInstanceTimeout',
              output:
                'import axios from "axios";\nconst api = axios.create({ baseURL: "/api", timeout: 10000 });\napi.interceptors.request.use((config) => config);\nexport const load = () => api.get("/users");',
            },
          ],
        },
      ],
    },
    {
      // got has no default timeout
      code: 'import got from "got";\nexport const load = (url: string) => got(url).json();',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`got`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import got from "got";\nexport const load = (url: string) => got(url, { timeout: { request: 10000 } }).json();',
            },
          ],
        },
      ],
    },
    {
      code: 'import got from "got";\nexport const save = (url: string, json: object) => got.post(url, { json });',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`got.post`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import got from "got";\nexport const save = (url: string, json: object) => got.post(url, { json, timeout: { request: 10000 } });',
            },
          ],
        },
      ],
    },
    {
      code: 'import got from "got";\nconst github = got.extend({ prefixUrl: "https://api.github.com" });\nexport const repos = () => github.get("repos");',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`github.get`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import got from "got";\nconst github = got.extend({ prefixUrl: "https://api.github.com" });\nexport const repos = () => github.get("repos", { timeout: { request: 10000 } });',
            },
            {
              messageId: 'suggestInstanceTimeout',
              output:
                'import got from "got";\nconst github = got.extend({ prefixUrl: "https://api.github.com", timeout: { request: 10000 } });\nexport const repos = () => github.get("repos");',
            },
          ],
        },
      ],
    },
    {
      // http.get with a callback: the options go between the URL and the callback
      code: 'import * as http from "node:http";\nexport function ping(url: string) {\n  http.get(url, (res) => res.resume());\n}',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`http.get`' },
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'import * as http from "node:http";\nexport function ping(url: string) {\n  http.get(url, { signal: AbortSignal.timeout(10000) }, (res) => res.resume());\n}',
            },
            {
              messageId: 'suggestTimeout',
              output:
                'import * as http from "node:http";\nexport function ping(url: string) {\n  http.get(url, { timeout: 10000 }, (res) => res.resume());\n}',
            },
          ],
        },
      ],
    },
    {
      // `import { request } from 'https'` with an options object, nobody times the request out
      code: 'import { request } from "https";\nexport function post(body: string) {\n  const req = request({ host: "api.example", path: "/v1", method: "POST" }, (res) => res.resume());\n  req.on("error", console.error);\n  req.end(body);\n}',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`https.request`' },
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'import { request } from "https";\nexport function post(body: string) {\n  const req = request({ host: "api.example", path: "/v1", method: "POST", signal: AbortSignal.timeout(10000) }, (res) => res.resume());\n  req.on("error", console.error);\n  req.end(body);\n}',
            },
            {
              messageId: 'suggestTimeout',
              output:
                'import { request } from "https";\nexport function post(body: string) {\n  const req = request({ host: "api.example", path: "/v1", method: "POST", timeout: 10000 }, (res) => res.resume());\n  req.on("error", console.error);\n  req.end(body);\n}',
            },
          ],
        },
      ],
    },
    {
      // a promise around https.get without any timeout
      code: 'import https from "https";\nexport function download(url: string): Promise<string> {\n  return new Promise((resolve, reject) => {\n    https.get(url, (res) => { let body = ""; res.on("data", (c) => (body += c)); res.on("end", () => resolve(body)); }).on("error", reject);\n  });\n}',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`https.get`' },
          line: 4,
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'import https from "https";\nexport function download(url: string): Promise<string> {\n  return new Promise((resolve, reject) => {\n    https.get(url, { signal: AbortSignal.timeout(10000) }, (res) => { let body = ""; res.on("data", (c) => (body += c)); res.on("end", () => resolve(body)); }).on("error", reject);\n  });\n}',
            },
            {
              messageId: 'suggestTimeout',
              output:
                'import https from "https";\nexport function download(url: string): Promise<string> {\n  return new Promise((resolve, reject) => {\n    https.get(url, { timeout: 10000 }, (res) => { let body = ""; res.on("data", (c) => (body += c)); res.on("end", () => resolve(body)); }).on("error", reject);\n  });\n}',
            },
          ],
        },
      ],
    },
    {
      // a request in an Express handler
      code: 'import axios from "axios";\napp.get("/weather", async (req, res) => {\n  const { data } = await axios.get("https://weather.example/today");\n  res.json(data);\n});',
      errors: [
        {
          messageId: 'noTimeout',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import axios from "axios";\napp.get("/weather", async (req, res) => {\n  const { data } = await axios.get("https://weather.example/today", { timeout: 10000 });\n  res.json(data);\n});',
            },
          ],
        },
      ],
    },
  ],
});

javaScriptRuleTester.run('no-request-without-timeout (JavaScript)', rule, {
  valid: [
    'const axios = require("axios");\nmodule.exports = (url) => axios.get(url, { timeout: 5000 });',
    'const https = require("https");\nmodule.exports = (url) => { const req = https.get(url, (res) => res.resume()); req.setTimeout(5000); };',
    'export async function load(url) { return fetch(url, { signal: AbortSignal.timeout(5000) }); }',
    'const got = require("got");\nconst client = got.extend({ timeout: { request: 3000 } });\nmodule.exports = () => client("https://example.com");',
    'const { request } = require("undici");\nmodule.exports = (url) => request(url);',
    'const ky = require("ky");\nmodule.exports = (url) => ky(url);',
  ],
  invalid: [
    {
      code: 'const axios = require("axios");\nmodule.exports = async function load(url) {\n  return (await axios.get(url)).data;\n};',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`axios.get`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'const axios = require("axios");\nmodule.exports = async function load(url) {\n  return (await axios.get(url, { timeout: 10000 })).data;\n};',
            },
          ],
        },
      ],
    },
    {
      code: 'const axios = require("axios").default;\nconst api = axios.create({ baseURL: process.env.API_URL });\nexports.list = () => api.get("/items");',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`api.get`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'const axios = require("axios").default;\nconst api = axios.create({ baseURL: process.env.API_URL });\nexports.list = () => api.get("/items", { timeout: 10000 });',
            },
            {
              messageId: 'suggestInstanceTimeout',
              output:
                'const axios = require("axios").default;\nconst api = axios.create({ baseURL: process.env.API_URL, timeout: 10000 });\nexports.list = () => api.get("/items");',
            },
          ],
        },
      ],
    },
    {
      code: 'const http = require("node:http");\nexports.ping = (url) => {\n  http.get(url, (res) => res.resume());\n};',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`http.get`' },
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'const http = require("node:http");\nexports.ping = (url) => {\n  http.get(url, { signal: AbortSignal.timeout(10000) }, (res) => res.resume());\n};',
            },
            {
              messageId: 'suggestTimeout',
              output:
                'const http = require("node:http");\nexports.ping = (url) => {\n  http.get(url, { timeout: 10000 }, (res) => res.resume());\n};',
            },
          ],
        },
      ],
    },
    {
      code: 'const { get } = require("https");\nexports.ping = (url) => { get(url, (res) => res.resume()); };',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`https.get`' },
          suggestions: [
            {
              messageId: 'suggestSignal',
              output:
                'const { get } = require("https");\nexports.ping = (url) => { get(url, { signal: AbortSignal.timeout(10000) }, (res) => res.resume()); };',
            },
            {
              messageId: 'suggestTimeout',
              output:
                'const { get } = require("https");\nexports.ping = (url) => { get(url, { timeout: 10000 }, (res) => res.resume()); };',
            },
          ],
        },
      ],
    },
    {
      code: 'import got from "got";\nexport const load = (url) => got.get(url).text();',
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`got.get`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output:
                'import got from "got";\nexport const load = (url) => got.get(url, { timeout: { request: 10000 } }).text();',
            },
          ],
        },
      ],
    },
    {
      code: 'export async function load(url, signal) {\n  const res = await fetch(url);\n  return res.text();\n}',
      errors: [
        {
          messageId: 'signalNotPassed',
          suggestions: [
            {
              messageId: 'suggestAnySignal',
              output:
                'export async function load(url, signal) {\n  const res = await fetch(url, { signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10000)]) : AbortSignal.timeout(10000) });\n  return res.text();\n}',
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-request-without-timeout (typed)', rule, {
  valid: [
    // a project's own client is not axios, whatever it is called
    {
      code: `${clients}import { axios } from 'house-http';\nexport const load = () => axios.get('/x');`,
      filename: typedFile,
    },
    // an init whose declared type may carry a signal is the caller's business
    {
      code: `${clients}export async function load(url: string, init: RequestInit) { return fetch(url, init); }`,
      filename: typedFile,
    },
    // an injected instance: its timeout is set where it is created
    {
      code: `${clients}import type { AxiosInstance } from 'axios';\nexport class Users { constructor(private readonly http: AxiosInstance) {} list() { return this.http.get('/users'); } }`,
      filename: typedFile,
    },
    {
      code: `${clients}import axios from 'axios';\nexport const load = (url: string) => axios.get(url, { timeout: 1000 });`,
      filename: typedFile,
    },
    {
      code: `${clients}import * as http from 'node:http';\nexport function ping(url: string) { http.get(url, { timeout: 1000 }, (res) => res.resume()); }`,
      filename: typedFile,
    },
    { code: `${clients}import ky from 'ky';\nexport const load = (url: string) => ky.get(url);`, filename: typedFile },
    {
      code: `${clients}import { request } from 'undici';\nexport const load = (url: string) => request(url);`,
      filename: typedFile,
    },
    {
      code: `${clients}export async function load(url: string, signal: AbortSignal) { return fetch(url, { signal }); }`,
      filename: typedFile,
    },
  ],
  invalid: [
    {
      // recognised by declaration through a re-export under another name
      code: `${clients}import { httpClient } from 'house-clients';\nexport const load = (url: string) => httpClient.get(url);`,
      filename: typedFile,
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`httpClient.get`' },
          line: 3,
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output: `${clients}import { httpClient } from 'house-clients';\nexport const load = (url: string) => httpClient.get(url, { timeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      code: `${clients}import { rawRequest } from 'house-clients';\nexport function ping(url: string) { rawRequest(url, (res) => res.resume()); }`,
      filename: typedFile,
      errors: [
        {
          messageId: 'noTimeout',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestSignal',
              output: `${clients}import { rawRequest } from 'house-clients';\nexport function ping(url: string) { rawRequest(url, { signal: AbortSignal.timeout(10000) }, (res) => res.resume()); }`,
            },
            {
              messageId: 'suggestTimeout',
              output: `${clients}import { rawRequest } from 'house-clients';\nexport function ping(url: string) { rawRequest(url, { timeout: 10000 }, (res) => res.resume()); }`,
            },
          ],
        },
      ],
    },
    {
      // an init whose declared type has no signal cannot carry one
      code: `${clients}interface Post { method: 'POST'; body: string }\nexport async function send(url: string, init: Post) { return fetch(url, init); }`,
      filename: typedFile,
      errors: [
        {
          messageId: 'noTimeout',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestSignal',
              output: `${clients}interface Post { method: 'POST'; body: string }\nexport async function send(url: string, init: Post) { return fetch(url, { ...init, signal: AbortSignal.timeout(10000) }); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${clients}import axios from 'axios';\nexport const load = (url: string) => axios.get(url);`,
      filename: typedFile,
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`axios.get`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output: `${clients}import axios from 'axios';\nexport const load = (url: string) => axios.get(url, { timeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      code: `${clients}import got from 'got';\nexport const load = (url: string) => got(url);`,
      filename: typedFile,
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`got`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output: `${clients}import got from 'got';\nexport const load = (url: string) => got(url, { timeout: { request: 10000 } });`,
            },
          ],
        },
      ],
    },
    {
      // a URL held in a variable with no telling name: its string type says it is a URL
      code: `${clients}import axios from 'axios';\nexport const load = (target: string) => axios(target);`,
      filename: typedFile,
      errors: [
        {
          messageId: 'noTimeout',
          data: { client: '`axios`' },
          suggestions: [
            {
              messageId: 'suggestTimeout',
              output: `${clients}import axios from 'axios';\nexport const load = (target: string) => axios(target, { timeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      // a caller's non-optional signal: combined directly
      code: `${clients}export async function load(url: string, signal: AbortSignal) { return fetch(url); }`,
      filename: typedFile,
      errors: [
        {
          messageId: 'signalNotPassed',
          suggestions: [
            {
              messageId: 'suggestAnySignal',
              output: `${clients}export async function load(url: string, signal: AbortSignal) { return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10000)]) }); }`,
            },
          ],
        },
      ],
    },
  ],
});
