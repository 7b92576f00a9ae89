import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { OffsetEdit } from '../../scaffold/src/bounded-concurrency-fix.js';
import type { FileChange } from '../../scaffold/src/plan.js';
import {
  buildForOfToErrGroupEdit,
  buildSingleFlightWrapEdit,
  computeForOfToErrGroup,
  computeSingleFlightWrap,
  type RefactorComputation,
} from '../../scaffold/src/concurrency-refactors.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function apply(text: string, edits: OffsetEdit[]): string {
  let output = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    output = output.slice(0, edit.start) + edit.newText + output.slice(edit.end);
  return output;
}

function result(computation: RefactorComputation, text: string): string {
  if ('disabledReason' in computation) assert.fail(`unexpectedly disabled: ${computation.disabledReason}`);
  return apply(text, computation.edits);
}

function forOf(text: string, fileName = 'file.ts', at = 'for'): RefactorComputation {
  return computeForOfToErrGroup({ fileName, text, offset: text.indexOf(at), importSpecifier: './common/errgroup.js' });
}

function wrap(text: string, at: string, fileName = 'file.ts'): RefactorComputation {
  return computeSingleFlightWrap({
    fileName,
    text,
    offset: text.indexOf(at),
    importSpecifier: './common/singleflight.js',
  });
}

describe('Run iterations concurrently with ErrGroup', () => {
  it('wraps each iteration in group.go, waits after the loop, and imports ErrGroup', () => {
    const text =
      "import { db } from './db.js';\n\nexport async function run(ids: string[]) {\n  for (const id of ids) {\n    const row = await db.get(id);\n    await db.put(id, row);\n  }\n}\n";
    assert.equal(
      result(forOf(text), text),
      "import { db } from './db.js';\nimport { ErrGroup } from './common/errgroup.js';\n\nexport async function run(ids: string[]) {\n  const group = new ErrGroup({ limit: 8 });\n  for (const id of ids) {\n    group.go(async () => {\n      const row = await db.get(id);\n      await db.put(id, row);\n    });\n  }\n  await group.wait();\n}\n",
    );
  });

  it('handles a single-statement body, tabs, and a taken name', () => {
    const text = 'const group = 1;\nasync function f(xs) {\n\tfor (const x of xs) await send(x);\n}\n';
    assert.equal(
      result(forOf(text, 'file.js'), text),
      "import { ErrGroup } from './common/errgroup.js';\nconst group = 1;\nasync function f(xs) {\n\tconst group2 = new ErrGroup({ limit: 8 });\n\tfor (const x of xs) {\n\t\tgroup2.go(async () => {\n\t\t\tawait send(x);\n\t\t});\n\t}\n\tawait group2.wait();\n}\n",
    );
  });

  it('writes no semicolons in a semicolon-free file', () => {
    const text =
      "import { send } from './send.js'\nimport { log } from './log.js'\n\nexport async function f(xs) {\n  log('start')\n  for (const x of xs) {\n    await send(x)\n  }\n  log('done')\n}\n";
    assert.equal(
      result(forOf(text, 'file.js'), text),
      "import { send } from './send.js'\nimport { log } from './log.js'\nimport { ErrGroup } from './common/errgroup.js'\n\nexport async function f(xs) {\n  log('start')\n  const group = new ErrGroup({ limit: 8 })\n  for (const x of xs) {\n    group.go(async () => {\n      await send(x)\n    })\n  }\n  await group.wait()\n  log('done')\n}\n",
    );
  });

  it('allows breaks of nested loops and order-free writes (Map.set) and locals', () => {
    const text =
      'async function f(xs: string[], seen: Map<string, number>) {\n  for (const x of xs) {\n    let count = 0;\n    for (const c of x) { if (c === "!") break; count += 1; }\n    seen.set(x, await measure(x, count));\n  }\n}\n';
    assert.ok('edits' in forOf(text));
  });

  it('is unavailable when iterations depend on each other or there is nothing to await', () => {
    const cases: [string, RegExp][] = [
      ['async function f(xs) { for await (const x of xs) { await g(x); } }', /for await/],
      ['async function f(xs) { let x; for (x of xs) { await g(x); } }', /const or let/],
      ['async function f(xs) { for (var x of xs) { await g(x); } }', /const or let/],
      ['async function f(xs) { for (const x of xs) { g(x); } }', /does not await/],
      ['async function f(xs) { for (const x of xs) { setTimeout(async () => { await g(x); }); } }', /does not await/],
      ['async function f(xs) { for (const x of xs) { if (await g(x)) return x; } }', /returns/],
      ['async function f(xs) { for (const x of xs) { if (await g(x)) break; } }', /break or continue/],
      ['async function f(xs) { for (const x of xs) { if (!x) continue; await g(x); } }', /break or continue/],
      [
        'async function f(xs) { outer: for (const x of xs) { for (const y of x) { await g(y); continue outer; } } }',
        /break or continue/,
      ],
      [
        'async function f(xs) { let total = 0; for (const x of xs) { total += await g(x); } return total; }',
        /writes `total`/,
      ],
      ['async function f(xs) { let last; for (const x of xs) { last = await g(x); } return last; }', /writes `last`/],
      ['async function f(xs) { let n = 0; for (const x of xs) { await g(x, n++); } }', /updates `n`/],
      [
        'async function f(xs) { const out = []; for (const x of xs) { out.push(await g(x)); } return out; }',
        /out\.push/,
      ],
      ['function f() { return 1; }', /for…of/],
    ];
    for (const [code, reason] of cases) {
      const computed = forOf(code, 'file.js', code.includes('for') ? 'for' : 'return');
      assert.ok('disabledReason' in computed, code);
      assert.match(computed.disabledReason, reason, code);
    }
  });
});

describe('Deduplicate concurrent calls with SingleFlight', () => {
  it('adds a typed module-level group, wraps the body, and imports SingleFlight', () => {
    const text =
      "import type { User } from './types.js';\n\n/** Loads a user. */\nexport async function getUser(id: string): Promise<User> {\n  const res = await fetch(`/users/${id}`);\n  return (await res.json()) as User;\n}\n";
    assert.equal(
      result(wrap(text, 'getUser'), text),
      "import type { User } from './types.js';\nimport { SingleFlight } from './common/singleflight.js';\n\nconst getUserFlights = new SingleFlight<string, User>();\n\n/** Loads a user. */\nexport async function getUser(id: string): Promise<User> {\n  const { value } = await getUserFlights.do(id, async () => {\n    const res = await fetch(`/users/${id}`);\n    return (await res.json()) as User;\n  });\n  return value;\n}\n",
    );
  });

  it('works for JavaScript const arrows with an expression body, and for methods that do not use this', () => {
    const arrow = 'const load = async (key) => fetchThing(key);\n';
    assert.equal(
      result(wrap(arrow, 'async', 'file.js'), arrow),
      "import { SingleFlight } from './common/singleflight.js';\n\nconst loadFlights = new SingleFlight();\n\nconst load = async (key) => (await loadFlights.do(key, async () => fetchThing(key))).value;\n",
    );
    const method = 'class Repo {\n  async find(id: number): Promise<string> {\n    return lookup(id);\n  }\n}\n';
    assert.match(
      result(wrap(method, 'find'), method),
      /const findFlights = new SingleFlight<number, string>\(\);\n\nclass Repo \{\n {2}async find\(id: number\): Promise<string> \{\n {4}const \{ value \} = await findFlights\.do\(id, async \(\) => \{\n {6}return lookup\(id\);\n {4}\}\);/,
    );
  });

  it('is unavailable when sharing by key would change results', () => {
    const cases: [string, string, RegExp, string?][] = [
      ['function get(id) { return 1; }', 'get', /async/],
      ['async function* get(id) { yield id; }', 'get', /generators/],
      ['async function get(id, options) { return fetch(id, options); }', 'get', /exactly one parameter/],
      ['async function get({ id }) { return fetch(id); }', 'get', /plain, required/],
      ['async function get(id = 1) { return fetch(id); }', 'get', /plain, required/],
      ['async function get(id) { return fetch(arguments[0]); }', 'get', /arguments/],
      ['class A { async get(id) { return this.fetch(id); } }', 'get', /uses `this`/],
      ['async function get(id: string) { return fetch(id); }', 'get', /Annotate/, 'file.ts'],
    ];
    for (const [code, at, reason, fileName] of cases) {
      const computed = wrap(code, at, fileName ?? 'file.js');
      assert.ok('disabledReason' in computed, code);
      assert.match(computed.disabledReason, reason, code);
    }
  });
});

describe('refactor edits end to end', () => {
  it('create the missing modules, and the refactored file compiles with tsc --strict', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tripwire-refactor-'));
    temporaryRoots.push(root);
    writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
    writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022'],
          types: ['node'],
          typeRoots: [path.join(repoRoot, 'node_modules/@types')],
          skipLibCheck: true,
        },
        include: ['src'],
      }),
    );
    mkdirSync(path.join(root, 'src/jobs'), { recursive: true });
    const filePath = path.join(root, 'src/jobs/sync.ts');
    let text = [
      'declare function push(id: number): Promise<void>;',
      'declare function lookup(id: number): Promise<string>;',
      '',
      'export async function syncAll(ids: number[]): Promise<void> {',
      '  for (const id of ids) {',
      '    await push(id);',
      '  }',
      '}',
      '',
      'export async function name(id: number): Promise<string> {',
      '  return lookup(id);',
      '}',
      '',
    ].join('\n');
    const applyChanges = (changes: readonly FileChange[]): void => {
      for (const change of changes) {
        mkdirSync(path.dirname(change.path), { recursive: true });
        if (change.kind === 'create') {
          writeFileSync(change.path, change.content);
          continue;
        }
        assert.equal(change.text, text, 'edits are computed from the current text');
        text = apply(change.text, change.edits);
        writeFileSync(change.path, text);
      }
    };
    const errgroup = buildForOfToErrGroupEdit({
      filePath,
      text,
      version: 1,
      offset: text.indexOf('for'),
      workspaceRoot: root,
    });
    assert.ok('changes' in errgroup, JSON.stringify(errgroup));
    assert.equal(errgroup.createsModule, path.join(root, 'src/common/errgroup.ts'));
    applyChanges(errgroup.changes);
    const singleflight = buildSingleFlightWrapEdit({
      filePath,
      text,
      version: 2,
      offset: text.indexOf('function name'),
      workspaceRoot: root,
    });
    assert.ok('changes' in singleflight, JSON.stringify(singleflight));
    applyChanges(singleflight.changes);
    assert.match(
      text,
      /import \{ ErrGroup \} from '\.\.\/common\/errgroup\.js';\nimport \{ SingleFlight \} from '\.\.\/common\/singleflight\.js';/,
    );
    const tsc = path.join(
      path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
      'bin',
      'tsc',
    );
    const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(compiled.status, 0, `${compiled.stdout}${compiled.stderr}\n${text}`);
  });
});
