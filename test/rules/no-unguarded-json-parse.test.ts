import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/src/rules/no-unguarded-json-parse.js';
import path from 'node:path';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/** Typed cases lint as a file of their own next to the fixtures' tsconfig (the project service's default project). */
const typedFile = path.join(fixturesDir, 'no-unguarded-json-parse.ts');

function typed<T extends Valid | Invalid>(testCase: T | string): T {
  return (
    typeof testCase === 'string' ? { code: testCase, filename: typedFile } : { ...testCase, filename: typedFile }
  ) as T;
}

/** Cases written in plain JavaScript: run with the TypeScript parser, with espree, and with type information. */
const sharedValid: Array<Valid | string> = [
  `const a = JSON.parse('{"retries": 3}');
const b = JSON.parse(\`[1, 2, 3]\`);`,
  `const copy = JSON.parse(JSON.stringify(state));`,
  `app.post('/orders', (req, res) => {
  let order;
  try {
    order = JSON.parse(req.body);
  } catch {
    return res.status(400).send('Invalid JSON');
  }
  res.send(order.id);
});`,
  `try {
  config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
} catch (error) {
  throw new Error('config.json is not valid JSON', { cause: error });
}`,
  `function parseConfig(text) {
  return JSON.parse(text);
}
try {
  parseConfig(fs.readFileSync('config.json', 'utf8'));
} catch (error) {
  console.error('bad config', error);
}`,
  `async function readState(file) {
  return JSON.parse(await fs.promises.readFile(file, 'utf8'));
}
async function main() {
  try {
    await readState('state.json');
  } catch {
    reset();
  }
}`,
  `async function load(url) {
  const res = await fetch(url);
  const data = await res.json();
  return data;
}`,
  `export function parseJson(text) {
  return JSON.parse(text);
}`,
  `fetch('/data').then((r) => r.text()).then((text) => JSON.parse(text)).catch(() => null);`,
  `const pending = new Promise((resolve) => {
  resolve(JSON.parse(fs.readFileSync('a.json', 'utf8')));
});`,
  `try {
  rows = fs.readFileSync('rows.ndjson', 'utf8').split('\\n').map((line) => JSON.parse(line));
} catch {
  rows = [];
}`,
  `try {
  prefs = JSON.parse(localStorage.getItem('prefs'));
} catch {}`,
  `class Store {
  restore() {
    return JSON.parse(this.data);
  }
}`,
  `function clone(value) {
  return JSON.parse(JSON.stringify(value));
}`,
  `const cached = cacheMap.get(key);
const value = JSON.parse(cached);`,
  `function readConfig() {
  try {
    return JSON.parse(fs.readFileSync('c.json', 'utf8'));
  } catch (error) {
    log(error);
    throw error;
  }
}`,
  `function parse(text) {
  return JSON.parse(text);
}
parse('{"a": 1}');
parse(JSON.stringify(value));`,
  `const unsent = queue.map((entry) => JSON.parse(entry.data));`,
  `function replay(orig) {
  return JSON.parse(orig.body);
}`,
  `const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));`,
  // the manifest of a sample app shipped in the package's own folder
  `function listSamples(names, done) {
  names.forEach((name) => {
    const appDir = path.join(__dirname, '../templates/samples', name);
    fs.readFile(path.join(appDir, 'package.json'), (err, text) => {
      if (err) return done(err);
      done(null, JSON.parse(text));
    });
  });
}`,
  `class ConfigStore {
  #load(text) {
    return JSON.parse(text);
  }
  refresh() {
    try {
      this.config = this.#load(fs.readFileSync(this.path, 'utf8'));
    } catch (error) {
      this.config = {};
    }
  }
}`,
  `router.post('/orders', asyncHandler(async (req, res) => {
  const order = JSON.parse(req.body);
  res.json(await save(order));
}));`,
  // Functions whose contract is to parse and throw: the caller, elsewhere, owns the error.
  `export class CachedResponse {
  constructor(bytes) {
    this.bytes = bytes;
  }
  async text() {
    return this.bytes.toString('utf8');
  }
  async json() {
    const text = await this.text();
    return JSON.parse(text);
  }
}`,
  `export const upload = {
  async json() {
    return { ...JSON.parse(await request.text()), receivedAt: Date.now() };
  },
};`,
  `export class Envelope {
  decodeMeta() {
    const meta = JSON.parse(req.headers['x-meta']);
    return meta;
  }
  parseBody() {
    const { items } = JSON.parse(this.request.body);
    return items;
  }
}`,
  `/**
 * Reads the last saved session.
 * @throws {SyntaxError} when the file holds malformed JSON
 */
export function restoreSession(file) {
  const session = JSON.parse(fs.readFileSync(file, 'utf8'));
  session.restoredAt = Date.now();
  return session;
}`,
  `export function parseCompletion(completion, options) {
  const choices = completion.choices.map((choice) => ({
    ...choice,
    parsed: choice.message.content ? readStructured(options, choice.message.content) : null,
  }));
  return { ...completion, choices };
}
function readStructured(options, content) {
  if (options.format !== 'json') return null;
  return JSON.parse(content);
}`,
  // A request-sounding property of a value the program's own code produced is not input.
  `class ResponseCache {
  #row(key) {
    return this.db.get(key);
  }
  get(key) {
    const row = this.#row(key);
    return row ? { headers: row.headers ? JSON.parse(row.headers) : undefined, body: row.body } : undefined;
  }
  set(key, value) {
    this.db.set(key, { headers: JSON.stringify(value.headers), body: value.body });
  }
}`,
  `function loadEntry(store, key) {
  return store.read(key);
}
const entry = loadEntry(store, 'k');
const query = JSON.parse(entry.query);`,
  // A transport-sounding parameter name is not evidence when the program fills it itself.
  `class Connection {
  send(message) {
    const { type } = JSON.parse(message);
    this.stats.count(type);
    this.socket.send(message);
  }
}
connection.send(JSON.stringify({ type: 'ping' }));
const subscribe = JSON.stringify({ type: 'subscribe', topic });
connection.send(subscribe);`,
  `export class Outbox {
  publish(payload) {
    this.pending.push(JSON.parse(payload).id);
    return this.transport.write(payload);
  }
}`,
  `export function send(message) {
  JSON.parse(message);
  relay(message);
}
export function relay(message) {
  send(message);
}`,
];

/** Cases that use TypeScript syntax: run without and with type information. */
const typeScriptValid: Array<Valid | string> = [
  `export function decodeFrame(payload: string) {
  return JSON.parse(payload);
}`,
];

const sharedInvalid: Invalid[] = [
  {
    // The body of a response the program received names its source as such.
    code: `function onReply(response, done) {
  done(null, JSON.parse(response.body));
}
`,
    errors: [
      {
        messageId: 'unguardedParse',
        data: { origin: 'an HTTP response body' },
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `function onReply(response, done) {
  let parsed;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    return;
  }
  done(null, parsed);
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `app.post('/orders', (req, res) => {
  const order = JSON.parse(req.body);
  res.send(order.id);
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `app.post('/orders', (req, res) => {
  let order;
  try {
    order = JSON.parse(req.body);
  } catch {
    return res.status(400).send('Invalid JSON');
  }
  res.send(order.id);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `app.post('/orders', async (req, res) => {
  const { items, note } = JSON.parse(await req.text());
  res.send(items.length);
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 27,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `app.post('/orders', async (req, res) => {
  let items, note;
  try {
    ({ items, note } = JSON.parse(await req.text()));
  } catch {
    return res.status(400).send('Invalid JSON');
  }
  res.send(items.length);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function handler(event) {
  const input = JSON.parse(event.body);
  return { statusCode: 200, body: JSON.stringify(input) };
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `export async function handler(event) {
  let input;
  try {
    input = JSON.parse(event.body);
  } catch {
    return { statusCode: 400, body: 'Invalid JSON' };
  }
  return { statusCode: 200, body: JSON.stringify(input) };
}`,
          },
        ],
      },
    ],
  },
  {
    code: `app.get('/search', (req, res) => {
  const filter = JSON.parse(req.query.filter);
  res.json(find(filter));
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `app.get('/search', (req, res) => {
  let filter;
  try {
    filter = JSON.parse(req.query.filter);
  } catch {
    return res.status(400).send('Invalid JSON');
  }
  res.json(find(filter));
});`,
          },
        ],
      },
    ],
  },
  {
    code: `const params = new URLSearchParams(window.location.search);
const state = JSON.parse(params.get('state'));`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `const params = new URLSearchParams(window.location.search);
let state;
try {
  state = JSON.parse(params.get('state'));
} catch (error) {
  throw new Error(\`Invalid JSON in a URL or query-string value: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `ws.on('message', (data) => JSON.parse(data));`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 1,
        column: 28,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `ws.on('message', (data) => {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
});`,
          },
        ],
      },
    ],
  },
  {
    code: `channel.consume('jobs', (msg) => {
  const job = JSON.parse(msg.content.toString());
  run(job);
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `channel.consume('jobs', (msg) => {
  let job;
  try {
    job = JSON.parse(msg.content.toString());
  } catch {
    return;
  }
  run(job);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `window.addEventListener('message', (event) => {
  apply(JSON.parse(event.data));
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 9,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `window.addEventListener('message', (event) => {
  let parsed;
  try {
    parsed = JSON.parse(event.data);
  } catch {
    return;
  }
  apply(parsed);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `worker.onmessage = (event) => {
  const reply = JSON.parse(event.data);
  show(reply);
};`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `worker.onmessage = (event) => {
  let reply;
  try {
    reply = JSON.parse(event.data);
  } catch {
    return;
  }
  show(reply);
};`,
          },
        ],
      },
    ],
  },
  {
    code: `function loadPrefs() {
  return JSON.parse(localStorage.getItem('prefs') || '{}');
}
loadPrefs();`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `function loadPrefs() {
  try {
    return JSON.parse(localStorage.getItem('prefs') || '{}');
  } catch {
    return undefined;
  }
}
loadPrefs();`,
          },
        ],
      },
    ],
  },
  {
    code: `const draft = JSON.parse(sessionStorage.getItem('draft') ?? 'null');`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 1,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `let draft;
try {
  draft = JSON.parse(sessionStorage.getItem('draft') ?? 'null');
} catch (error) {
  throw new Error(\`Invalid JSON in browser storage: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 1,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `let config;
try {
  config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
} catch (error) {
  throw new Error(\`Invalid JSON in file contents: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const flags = JSON.parse(process.env.FEATURE_FLAGS || '{}');`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 1,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `let flags;
try {
  flags = JSON.parse(process.env.FEATURE_FLAGS || '{}');
} catch (error) {
  throw new Error(\`Invalid JSON in an environment variable: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const options = JSON.parse(process.argv[2]);`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 1,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `let options;
try {
  options = JSON.parse(process.argv[2]);
} catch (error) {
  throw new Error(\`Invalid JSON in a command-line argument: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function parseManifest(text) {
  return JSON.parse(text);
}
const manifest = parseManifest(fs.readFileSync('manifest.json', 'utf8'));`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `function parseManifest(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
const manifest = parseManifest(fs.readFileSync('manifest.json', 'utf8'));`,
          },
        ],
      },
    ],
  },
  {
    code: `try {
  JSON.parse(req.body);
} catch (error) {
  throw error;
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `try {
  try {
    JSON.parse(req.body);
  } catch (error) {
    throw new Error(\`Invalid JSON in a request or message body: \${String(error)}\`);
  }
} catch (error) {
  throw error;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `try {
  settings = JSON.parse(localStorage.getItem('settings'));
} finally {
  ready = true;
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `try {
  try {
    settings = JSON.parse(localStorage.getItem('settings'));
  } catch (error) {
    throw new Error(\`Invalid JSON in browser storage: \${String(error)}\`);
  }
} finally {
  ready = true;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `fetch('/data').then((response) => response.text()).then((text) => JSON.parse(text));`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 1,
        column: 67,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `fetch('/data').then((response) => response.text()).then((text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
});`,
          },
        ],
      },
    ],
  },
  {
    code: `let body = '';
req.on('data', (chunk) => { body += chunk; });
req.on('end', () => {
  const payload = JSON.parse(body);
  handle(payload);
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 4,
        column: 19,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `let body = '';
req.on('data', (chunk) => { body += chunk; });
req.on('end', () => {
  let payload;
  try {
    payload = JSON.parse(body);
  } catch {
    return;
  }
  handle(payload);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `try {
  socket.on('message', (raw) => {
    route(JSON.parse(raw));
  });
} catch (error) {
  console.error(error);
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 11,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `try {
  socket.on('message', (raw) => {
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return;
    }
    route(parsed);
  });
} catch (error) {
  console.error(error);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function onMessage(raw) {
  dispatch(JSON.parse(raw));
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 12,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `export function onMessage(raw) {
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return;
  }
  dispatch(parsed);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `fs.readFile(idsPath, (error, buffer) => {
  if (error) return callback(error);
  const ids = JSON.parse(buffer.toString());
  callback(null, ids);
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `fs.readFile(idsPath, (error, buffer) => {
  if (error) return callback(error);
  let ids;
  try {
    ids = JSON.parse(buffer.toString());
  } catch {
    return undefined;
  }
  callback(null, ids);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `window.addEventListener('storage', (event) => {
  sync(JSON.parse(event.newValue));
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 8,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `window.addEventListener('storage', (event) => {
  let parsed;
  try {
    parsed = JSON.parse(event.newValue);
  } catch {
    return;
  }
  sync(parsed);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `ipcMain.on('save-settings', (event, raw) => {
  store(JSON.parse(raw));
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 9,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `ipcMain.on('save-settings', (event, raw) => {
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return;
  }
  store(parsed);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `const [, , rawOptions] = process.argv;
const options = JSON.parse(rawOptions);`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `const [, , rawOptions] = process.argv;
let options;
try {
  options = JSON.parse(rawOptions);
} catch (error) {
  throw new Error(\`Invalid JSON in a command-line argument: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function readJsonBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString());
}
readJsonBody(request).then(handle);`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 4,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `async function readJsonBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString());
  } catch {
    return undefined;
  }
}
readJsonBody(request).then(handle);`,
          },
        ],
      },
    ],
  },
  {
    code: `router.post('/items', async (ctx) => {
  const item = JSON.parse(ctx.request.body);
  ctx.body = await save(item);
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `router.post('/items', async (ctx) => {
  let item;
  try {
    item = JSON.parse(ctx.request.body);
  } catch {
    return ctx.throw(400, 'Invalid JSON');
  }
  ctx.body = await save(item);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `export default function handler(req, res) {
  const { name } = JSON.parse(req.body);
  res.status(200).json({ name });
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 20,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `export default function handler(req, res) {
  let name;
  try {
    ({ name } = JSON.parse(req.body));
  } catch {
    return res.status(400).send('Invalid JSON');
  }
  res.status(200).json({ name });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `http.get(url, (res) => {
  let raw = '';
  res.on('data', (chunk) => (raw += chunk));
  res.on('end', () => {
    const parsed = JSON.parse(raw);
    done(parsed);
  });
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 5,
        column: 20,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `http.get(url, (res) => {
  let raw = '';
  res.on('data', (chunk) => (raw += chunk));
  res.on('end', () => {
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return;
    }
    done(parsed);
  });
});`,
          },
        ],
      },
    ],
  },
  {
    code: `const { CONFIG } = process.env;
const config = JSON.parse(CONFIG);`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `const { CONFIG } = process.env;
let config;
try {
  config = JSON.parse(CONFIG);
} catch (error) {
  throw new Error(\`Invalid JSON in an environment variable: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function getCached(key) {
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached);
  return null;
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 22,
        suggestions: [],
      },
    ],
  },
  {
    code: `exports.handler = async (event) => {
  for (const record of event.Records) {
    const message = JSON.parse(record.body);
    await process(message);
  }
};`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 21,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `exports.handler = async (event) => {
  for (const record of event.Records) {
    let message;
    try {
      message = JSON.parse(record.body);
    } catch {
      continue;
    }
    await process(message);
  }
};`,
          },
        ],
      },
    ],
  },
  {
    code: `client.on('message', (topic, payload) => {
  const reading = JSON.parse(payload.toString());
  save(topic, reading);
});`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 19,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `client.on('message', (topic, payload) => {
  let reading;
  try {
    reading = JSON.parse(payload.toString());
  } catch {
    return;
  }
  save(topic, reading);
});`,
          },
        ],
      },
    ],
  },
  {
    code: `const cart = JSON.parse(localStorage.cart);`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 1,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `let cart;
try {
  cart = JSON.parse(localStorage.cart);
} catch (error) {
  throw new Error(\`Invalid JSON in browser storage: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `class ConfigStore {
  #load(text) {
    return JSON.parse(text);
  }
  refresh() {
    this.config = this.#load(fs.readFileSync(this.path, 'utf8'));
  }
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 12,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `class ConfigStore {
  #load(text) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  refresh() {
    this.config = this.#load(fs.readFileSync(this.path, 'utf8'));
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function route(frame) {
  const message = JSON.parse(frame);
  dispatch(message);
}
socket.on('message', route);`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 19,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `function route(frame) {
  let message;
  try {
    message = JSON.parse(frame);
  } catch {
    return;
  }
  dispatch(message);
}
socket.on('message', route);`,
          },
        ],
      },
    ],
  },
];

const typeScriptInvalid: Invalid[] = [
  {
    code: `const request = await server.accept();
const meta = JSON.parse(request.headers['x-meta']);`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `const request = await server.accept();
let meta;
try {
  meta = JSON.parse(request.headers['x-meta']);
} catch (error) {
  throw new Error(\`Invalid JSON in a request header or cookie: \${String(error)}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Session {
  async json(): Promise<void> {
    this.state = JSON.parse(await this.text());
  }
  declare state: unknown;
  declare text: () => Promise<string>;
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `export class Session {
  async json(): Promise<void> {
    try {
      this.state = JSON.parse(await this.text());
    } catch {
      return;
    }
  }
  declare state: unknown;
  declare text: () => Promise<string>;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Inbox {
  accept(message: string) {
    return JSON.parse(message);
  }
}
inbox.accept(JSON.stringify({ kind: 'hello' }));
inbox.accept(req.body);`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 12,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `export class Inbox {
  accept(message: string) {
    try {
      return JSON.parse(message);
    } catch {
      return undefined;
    }
  }
}
inbox.accept(JSON.stringify({ kind: 'hello' }));
inbox.accept(req.body);`,
          },
        ],
      },
    ],
  },
  {
    code: `async function readCache(file: string): Promise<Cache | undefined> {
  const text = await fs.promises.readFile(file, 'utf8');
  return JSON.parse(text);
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `async function readCache(file: string): Promise<Cache | undefined> {
  const text = await fs.promises.readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function getStatus(url: string): Promise<void> {
  const response = await fetch(url);
  const status = JSON.parse(await response.text());
  render(status);
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `async function getStatus(url: string): Promise<void> {
  const response = await fetch(url);
  let status;
  try {
    status = JSON.parse(await response.text());
  } catch {
    return;
  }
  render(status);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function handleWebhook(payload: string) {
  const event = JSON.parse(payload);
  dispatch(event);
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 2,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `export function handleWebhook(payload: string) {
  let event;
  try {
    event = JSON.parse(payload);
  } catch {
    return;
  }
  dispatch(event);
}`,
          },
        ],
      },
    ],
  },
];

createRuleTester().run('no-unguarded-json-parse', rule, {
  valid: [...sharedValid, ...typeScriptValid],
  invalid: [...sharedInvalid, ...typeScriptInvalid],
});

createJavaScriptRuleTester().run('no-unguarded-json-parse (JavaScript)', rule, {
  valid: sharedValid,
  invalid: sharedInvalid,
});

createTypedRuleTester().run('no-unguarded-json-parse (type information)', rule, {
  valid: [...sharedValid, ...typeScriptValid].map((testCase) => typed<Valid>(testCase)),
  invalid: [...sharedInvalid, ...typeScriptInvalid].map((testCase) => typed<Invalid>(testCase)),
});

/** Text the same file wrote itself with `JSON.stringify`: the program reads back its own output. */
const ownOutputValid: Array<Valid | string> = [
  `const fs = require('node:fs');
function rememberBuild(outDir, inputs) {
  const stampFile = outDir + '/build-stamp.json';
  const stamp = fs.existsSync(stampFile) ? JSON.parse(fs.readFileSync(stampFile, 'utf8')) : {};
  stamp.inputs = inputs;
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
}`,
  `import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
export async function bumpCounter(dir) {
  const counts = JSON.parse(await readFile(join(dir, 'counts.json'), 'utf8'));
  counts.runs += 1;
  await writeFile(join(dir, 'counts.json'), JSON.stringify(counts, null, 2));
}`,
  // Written through a serializer of the same file that only returns `JSON.stringify` text.
  `const fs = require('node:fs');
const CONF_FILE = '/var/lib/app/conf.json';
function serialize(conf) {
  return JSON.stringify(conf, null, 4);
}
exports.set = function (key, value, cb) {
  fs.readFile(CONF_FILE, function (err, data) {
    if (err) return cb(err);
    const conf = JSON.parse(data);
    conf[key] = value;
    fs.writeFile(CONF_FILE, serialize(conf), cb);
  });
};`,
];

const ownOutputInvalid: Invalid[] = [
  {
    // A manifest under the working directory is the user's file, not one the package ships.
    code: `function readProject(done) {
  const appDir = path.join(process.cwd(), 'app');
  fs.readFile(path.join(appDir, 'package.json'), (err, text) => {
    if (err) return done(err);
    done(null, JSON.parse(text));
  });
}
`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 5,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `function readProject(done) {
  const appDir = path.join(process.cwd(), 'app');
  fs.readFile(path.join(appDir, 'package.json'), (err, text) => {
    if (err) return done(err);
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    done(null, parsed);
  });
}
`,
          },
        ],
      },
    ],
  },
  {
    // The serializer can return text that is not `JSON.stringify` output.
    code: `const fs = require('node:fs');
const CONF_FILE = '/var/lib/app/conf.json';
const serialize = (conf) => conf.raw ?? JSON.stringify(conf);
exports.get = function (key) {
  const conf = JSON.parse(fs.readFileSync(CONF_FILE, 'utf8'));
  fs.writeFileSync(CONF_FILE, serialize(conf));
  return conf[key];
};`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 5,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `const fs = require('node:fs');
const CONF_FILE = '/var/lib/app/conf.json';
const serialize = (conf) => conf.raw ?? JSON.stringify(conf);
exports.get = function (key) {
  let conf;
  try {
    conf = JSON.parse(fs.readFileSync(CONF_FILE, 'utf8'));
  } catch {
    return undefined;
  }
  fs.writeFileSync(CONF_FILE, serialize(conf));
  return conf[key];
};`,
          },
        ],
      },
    ],
  },
  {
    // The file is also written with text that comes from elsewhere.
    code: `const fs = require('node:fs');
function rememberBuild(outDir, inputs, imported) {
  const stampFile = outDir + '/build-stamp.json';
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  stamp.inputs = inputs;
  fs.writeFileSync(stampFile, imported ?? JSON.stringify(stamp));
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 4,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `const fs = require('node:fs');
function rememberBuild(outDir, inputs, imported) {
  const stampFile = outDir + '/build-stamp.json';
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return;
  }
  stamp.inputs = inputs;
  fs.writeFileSync(stampFile, imported ?? JSON.stringify(stamp));
}`,
          },
        ],
      },
    ],
  },
  {
    // Another file is written; the one read is not the program's own.
    code: `import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
export async function bumpCounter(dir) {
  const counts = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
  counts.runs += 1;
  await writeFile(join(dir, 'counts.json'), JSON.stringify(counts, null, 2));
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 4,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
export async function bumpCounter(dir) {
  let counts;
  try {
    counts = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
  } catch {
    return;
  }
  counts.runs += 1;
  await writeFile(join(dir, 'counts.json'), JSON.stringify(counts, null, 2));
}`,
          },
        ],
      },
    ],
  },
];

createRuleTester().run('no-unguarded-json-parse (its own output)', rule, {
  valid: ownOutputValid,
  invalid: ownOutputInvalid,
});

createJavaScriptRuleTester().run('no-unguarded-json-parse (its own output, JavaScript)', rule, {
  valid: ownOutputValid,
  invalid: ownOutputInvalid,
});

/** Pub/sub messages on channels this file publishes to itself, always with `JSON.stringify` text. */
const ownChannelValid: Array<Valid | string> = [
  `class Tracker extends EventEmitter {
  constructor(pub, sub) {
    super();
    this.pub = pub;
    sub.on('message', (channel, message) => {
      if (channel === 'tracker:tick') {
        this.emit('tick', Number(message));
        return;
      }
      const update = JSON.parse(message);
      this.emit(update.kind, update.id);
    });
    sub.subscribe('tracker:updates', 'tracker:tick');
  }
  report(id, kind) {
    return this.pub.publish('tracker:updates', JSON.stringify({ id, kind }));
  }
  tick(count) {
    return this.pub.publish('tracker:tick', String(count));
  }
}`,
  `const UPDATES = 'jobs:updates';
function listen(sub, onUpdate) {
  sub.subscribe(UPDATES, 'jobs:control');
  sub.on('message', (channel, text) => {
    switch (channel) {
      case UPDATES:
        onUpdate(JSON.parse(text));
        break;
      default:
        break;
    }
  });
}
function announce(pub, update) {
  return pub.publish(UPDATES, JSON.stringify(update));
}`,
  `function follow(sub, topics, onEvent) {
  const channels = ['audit:events'];
  if (topics.includes('billing')) channels.push('billing:events');
  channels.forEach((channel) => sub.subscribe(channel));
  sub.on('message', (channel, body) => onEvent(channel, JSON.parse(body)));
}
function record(pub, kind, event) {
  return pub.publish(kind === 'billing' ? 'billing:events' : 'audit:events', JSON.stringify(event));
}
function bill(pub, event) {
  return pub.publish('billing:events', JSON.stringify(event));
}
function audit(pub, event) {
  return pub.publish('audit:events', JSON.stringify(event));
}`,
];

const ownChannelInvalid: Invalid[] = [
  {
    // Also subscribed to a channel nothing in this file publishes: another program writes it.
    code: `class Tracker extends EventEmitter {
  constructor(pub, sub) {
    super();
    this.pub = pub;
    sub.on('message', (channel, message) => {
      if (channel === 'tracker:tick') {
        this.emit('tick', Number(message));
        return;
      }
      const update = JSON.parse(message);
      this.emit(update.kind, update.id);
    });
    sub.subscribe('tracker:updates', 'tracker:tick', 'partner:feed');
  }
  report(id, kind) {
    return this.pub.publish('tracker:updates', JSON.stringify({ id, kind }));
  }
  tick(count) {
    return this.pub.publish('tracker:tick', String(count));
  }
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 10,
        column: 22,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `class Tracker extends EventEmitter {
  constructor(pub, sub) {
    super();
    this.pub = pub;
    sub.on('message', (channel, message) => {
      if (channel === 'tracker:tick') {
        this.emit('tick', Number(message));
        return;
      }
      let update;
      try {
        update = JSON.parse(message);
      } catch {
        return;
      }
      this.emit(update.kind, update.id);
    });
    sub.subscribe('tracker:updates', 'tracker:tick', 'partner:feed');
  }
  report(id, kind) {
    return this.pub.publish('tracker:updates', JSON.stringify({ id, kind }));
  }
  tick(count) {
    return this.pub.publish('tracker:tick', String(count));
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // The tick channel carries plain numbers, and nothing keeps them from the parse.
    code: `class Tracker extends EventEmitter {
  constructor(pub, sub) {
    super();
    this.pub = pub;
    sub.on('message', (channel, message) => {
      const update = JSON.parse(message);
      this.emit(update.kind, update.id);
    });
    sub.subscribe('tracker:updates', 'tracker:tick');
  }
  report(id, kind) {
    return this.pub.publish('tracker:updates', JSON.stringify({ id, kind }));
  }
  tick(count) {
    return this.pub.publish('tracker:tick', String(count));
  }
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 6,
        column: 22,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `class Tracker extends EventEmitter {
  constructor(pub, sub) {
    super();
    this.pub = pub;
    sub.on('message', (channel, message) => {
      let update;
      try {
        update = JSON.parse(message);
      } catch {
        return;
      }
      this.emit(update.kind, update.id);
    });
    sub.subscribe('tracker:updates', 'tracker:tick');
  }
  report(id, kind) {
    return this.pub.publish('tracker:updates', JSON.stringify({ id, kind }));
  }
  tick(count) {
    return this.pub.publish('tracker:tick', String(count));
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // The updates channel also carries text relayed from elsewhere.
    code: `class Tracker extends EventEmitter {
  constructor(pub, sub) {
    super();
    this.pub = pub;
    sub.on('message', (channel, message) => {
      if (channel === 'tracker:tick') {
        this.emit('tick', Number(message));
        return;
      }
      const update = JSON.parse(message);
      this.emit(update.kind, update.id);
    });
    sub.subscribe('tracker:updates', 'tracker:tick');
  }
  report(id, kind) {
    return this.pub.publish('tracker:updates', JSON.stringify({ id, kind }));
  }
  tick(count) {
    return this.pub.publish('tracker:tick', String(count));
  }
  relay(raw) {
    return this.pub.publish('tracker:updates', raw);
  }
}`,
    errors: [
      {
        messageId: 'unguardedParse',
        line: 10,
        column: 22,
        suggestions: [
          {
            messageId: 'suggestTryCatch',
            output: `class Tracker extends EventEmitter {
  constructor(pub, sub) {
    super();
    this.pub = pub;
    sub.on('message', (channel, message) => {
      if (channel === 'tracker:tick') {
        this.emit('tick', Number(message));
        return;
      }
      let update;
      try {
        update = JSON.parse(message);
      } catch {
        return;
      }
      this.emit(update.kind, update.id);
    });
    sub.subscribe('tracker:updates', 'tracker:tick');
  }
  report(id, kind) {
    return this.pub.publish('tracker:updates', JSON.stringify({ id, kind }));
  }
  tick(count) {
    return this.pub.publish('tracker:tick', String(count));
  }
  relay(raw) {
    return this.pub.publish('tracker:updates', raw);
  }
}`,
          },
        ],
      },
    ],
  },
];

createRuleTester().run('no-unguarded-json-parse (its own channels)', rule, {
  valid: ownChannelValid,
  invalid: ownChannelInvalid,
});

createJavaScriptRuleTester().run('no-unguarded-json-parse (its own channels, JavaScript)', rule, {
  valid: ownChannelValid,
  invalid: ownChannelInvalid,
});
