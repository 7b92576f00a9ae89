import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  buildMapWithLimitEdit,
  computeMapWithLimitRewrite,
  importSpecifierFor,
  locateErrGroupModule,
  mapWithLimitTitle,
  type OffsetEdit,
} from '../../scaffold/src/bounded-concurrency-fix.js';

const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});
function freshRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tripwire-fix-'));
  temporaryRoots.push(root);
  return root;
}

function apply(text: string, edits: OffsetEdit[]): string {
  let output = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    output = output.slice(0, edit.start) + edit.newText + output.slice(edit.end);
  return output;
}

function rewrite(
  text: string,
  options: { fileName?: string; at?: string; moduleKind?: 'esm' | 'cjs' } = {},
): string | undefined {
  const offset = text.indexOf(options.at ?? 'Promise.all');
  const edits = computeMapWithLimitRewrite({
    fileName: options.fileName ?? 'file.ts',
    text,
    offset,
    importSpecifier: './common/errgroup.js',
    ...(options.moduleKind === undefined ? {} : { moduleKind: options.moduleKind }),
  });
  return edits === undefined ? undefined : apply(text, edits);
}

describe('computeMapWithLimitRewrite', () => {
  it('rewrites the call and adds the import after the last import', () => {
    const input = [
      "import { db } from './db.js';",
      '',
      'export async function load(ids: string[]) {',
      '  return await Promise.all(ids.map(async (id, index) => {',
      '    return db.get(id, index);',
      '  }));',
      '}',
      '',
    ].join('\n');
    assert.equal(
      rewrite(input),
      [
        "import { db } from './db.js';",
        "import { mapWithLimit } from './common/errgroup.js';",
        '',
        'export async function load(ids: string[]) {',
        '  return await mapWithLimit(ids, 8, async (id, index) => {',
        '    return db.get(id, index);',
        '  });',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('extends an existing import of the module, and follows double quotes', () => {
    const input =
      'import { ErrGroup } from "./common/errgroup.js";\nawait Promise.all(users.map(async (u) => save(u)));\n';
    assert.equal(
      rewrite(input),
      'import { ErrGroup, mapWithLimit } from "./common/errgroup.js";\nawait mapWithLimit(users, 8, async (u) => save(u));\n',
    );
  });

  it('adds nothing when mapWithLimit is already imported', () => {
    const input =
      "import { mapWithLimit } from '../lib/errgroup.js';\nawait Promise.all(a.b.map(async function (x) { await x.run(); }));\n";
    assert.equal(
      rewrite(input),
      "import { mapWithLimit } from '../lib/errgroup.js';\nawait mapWithLimit(a.b, 8, async function (x) { await x.run(); });\n",
    );
  });

  it('uses require() in CommonJS files', () => {
    const input =
      "'use strict';\nconst fs = require('node:fs');\nmodule.exports = async (files) => Promise.all(files.map(async (f) => fs.promises.readFile(f)));\n";
    assert.equal(
      rewrite(input, { fileName: 'file.js' }),
      "'use strict';\nconst fs = require('node:fs');\nconst { mapWithLimit } = require('./common/errgroup.js');\nmodule.exports = async (files) => mapWithLimit(files, 8, async (f) => fs.promises.readFile(f));\n",
    );
    assert.equal(
      rewrite("'use strict';\nexports.run = (xs) => Promise.all(xs.map(async (x) => go(x)));\n", {
        fileName: 'file.cjs',
      }),
      "'use strict';\nconst { mapWithLimit } = require('./common/errgroup.js');\nexports.run = (xs) => mapWithLimit(xs, 8, async (x) => go(x));\n",
    );
  });

  it('puts the import at the top of a file without imports (after a shebang)', () => {
    assert.equal(
      rewrite('#!/usr/bin/env node\nawait Promise.all(jobs.map(async (j) => j.run()));\n', { fileName: 'run.mjs' }),
      "#!/usr/bin/env node\nimport { mapWithLimit } from './common/errgroup.js';\nawait mapWithLimit(jobs, 8, async (j) => j.run());\n",
    );
  });

  it('rewrites the Promise.all at the offset when several exist', () => {
    const input = 'await Promise.all(a.map(async (x) => f(x)));\nawait Promise.all(b.map(async (y) => g(y)));\n';
    const output = rewrite(input, { at: 'Promise.all(b' });
    assert.ok(output?.includes('await Promise.all(a.map(async (x) => f(x)));'));
    assert.ok(output?.includes('await mapWithLimit(b, 8, async (y) => g(y));'));
  });

  it('refuses rewrites that would change meaning', () => {
    for (const code of [
      'await Promise.all(xs.map(async (x, i, all) => f(x, all)));',
      'await Promise.all(xs.map(async function (x) { return this.f(x); }, self));',
      'await Promise.all(xs.map((x) => f(x)));',
      'await Promise.all(xs?.map(async (x) => f(x)));',
      'await Promise.all(xs.map(async (...args) => f(args)));',
      'await Promise.all(xs.map(load));',
      'await Promise.allSettled(xs.map(async (x) => f(x)));',
    ]) {
      assert.equal(rewrite(code, { at: 'Promise' }), undefined, code);
    }
  });

  it('offers a stable title', () => {
    assert.equal(mapWithLimitTitle(), 'Run with mapWithLimit (limit 8)');
  });
});

describe('locateErrGroupModule', () => {
  it('reuses an existing module in the nearest common/ or lib/ folder', () => {
    const root = freshRoot();
    mkdirSync(path.join(root, 'src/orders/lib'), { recursive: true });
    writeFileSync(path.join(root, 'src/orders/lib/errgroup.ts'), '// existing');
    assert.deepEqual(locateErrGroupModule(path.join(root, 'src/orders/service.ts'), root), {
      path: path.join(root, 'src/orders/lib/errgroup.ts'),
      exists: true,
    });
  });

  it('creates it in the nearest common/ folder, else in src/common, else in the configured directory', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    mkdirSync(path.join(root, 'src/common'), { recursive: true });
    mkdirSync(path.join(root, 'packages/api/common'), { recursive: true });
    assert.deepEqual(locateErrGroupModule(path.join(root, 'packages/api/handlers/users.ts'), root), {
      path: path.join(root, 'packages/api/common/errgroup.ts'),
      exists: false,
    });
    const bare = freshRoot();
    assert.deepEqual(locateErrGroupModule(path.join(bare, 'index.js'), bare), {
      path: path.join(bare, 'src/common/errgroup.js'),
      exists: false,
    });
    assert.equal(
      locateErrGroupModule(path.join(root, 'src/a.ts'), root, 'shared/concurrency').path,
      path.join(root, 'shared/concurrency/errgroup.ts'),
    );
  });

  it('computes relative .js specifiers', () => {
    assert.equal(importSpecifierFor('/w/src/a/b.ts', '/w/src/common/errgroup.ts'), '../common/errgroup.js');
    assert.equal(importSpecifierFor('/w/src/b.ts', '/w/src/errgroup.ts'), './errgroup.js');
  });
});

describe('buildMapWithLimitEdit', () => {
  it('creates the module when missing, then edits the file; the applied result compiles with tsc --strict', () => {
    const root = freshRoot();
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
          typeRoots: [path.join(repoRoot(), 'node_modules/@types')],
          skipLibCheck: true,
        },
        include: ['src'],
      }),
    );
    mkdirSync(path.join(root, 'src/jobs'), { recursive: true });
    const filePath = path.join(root, 'src/jobs/sync.ts');
    const text =
      'declare function push(id: number): Promise<string>;\nexport async function syncAll(ids: number[]): Promise<string[]> {\n  return Promise.all(ids.map(async (id) => push(id)));\n}\n';
    writeFileSync(filePath, text);
    const result = buildMapWithLimitEdit({
      filePath,
      text,
      version: 3,
      offset: text.indexOf('Promise.all'),
      workspaceRoot: root,
    });
    assert.ok(result);
    assert.equal(result.title, 'Run with mapWithLimit (limit 8)');
    assert.equal(result.createsModule, path.join(root, 'src/common/errgroup.ts'));
    assert.equal(result.changes.length, 2, 'create the module, edit the file');
    const [create, fileEdit] = result.changes;
    assert.ok(
      create?.kind === 'create' && !create.replace && create.path === path.join(root, 'src/common/errgroup.ts'),
    );
    assert.ok(fileEdit?.kind === 'edit' && fileEdit.path === filePath && fileEdit.text === text);
    assert.equal(fileEdit.version, 3);

    // Apply the changes the way a client would, then type-check the project.
    const moduleText = create.content;
    mkdirSync(path.join(root, 'src/common'), { recursive: true });
    writeFileSync(path.join(root, 'src/common/errgroup.ts'), moduleText);
    const rewritten = apply(text, fileEdit.edits);
    writeFileSync(filePath, rewritten);
    assert.match(rewritten, /^import \{ mapWithLimit \} from '\.\.\/common\/errgroup\.js';$/m);
    assert.match(rewritten, /return mapWithLimit\(ids, 8, async \(id\) => push\(id\)\);/);
    const tsc = path.join(
      path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
      'bin',
      'tsc',
    );
    const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(compiled.status, 0, `${compiled.stdout}${compiled.stderr}`);
    assert.equal(readFileSync(path.join(root, 'src/common/errgroup.ts'), 'utf8'), moduleText);
  });

  it('follows import = require() in CommonJS TypeScript with verbatimModuleSyntax, and the result compiles', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'package.json'), '{ "type": "commonjs" }');
    writeFileSync(
      path.join(root, 'tsconfig.json'),
      // The shape `tsc --init` writes (comments and trailing commas included), plus Node types for the test.
      `{\n  // generated\n  "compilerOptions": { "module": "nodenext", "target": "esnext", "strict": true, "verbatimModuleSyntax": true, "isolatedModules": true, "moduleDetection": "force", "noEmit": true, "skipLibCheck": true, "types": ["node"], "typeRoots": [${JSON.stringify(path.join(repoRoot(), 'node_modules/@types'))}], },\n  "include": ["src"],\n}\n`,
    );
    mkdirSync(path.join(root, 'src/jobs'), { recursive: true });
    const filePath = path.join(root, 'src/jobs/sync.ts');
    const text =
      "import fs = require('node:fs');\n\nasync function copyAll(files: string[]): Promise<string[]> {\n  return Promise.all(files.map(async (file) => fs.promises.readFile(file, 'utf8')));\n}\nexport = { copyAll };\n";
    writeFileSync(filePath, text);
    const result = buildMapWithLimitEdit({
      filePath,
      text,
      version: 1,
      offset: text.indexOf('Promise.all'),
      workspaceRoot: root,
    });
    assert.ok(result);
    assert.equal(result.createsModule, path.join(root, 'src/common/errgroup.mts'));
    const [create, fileEdit] = result.changes;
    assert.ok(create?.kind === 'create' && fileEdit?.kind === 'edit');
    mkdirSync(path.join(root, 'src/common'), { recursive: true });
    writeFileSync(path.join(root, 'src/common/errgroup.mts'), create.content);
    const rewritten = apply(text, fileEdit.edits);
    assert.match(
      rewritten,
      /^import errgroupModule = require\('\.\.\/common\/errgroup\.mjs'\);\nconst \{ mapWithLimit \} = errgroupModule;$/m,
    );
    writeFileSync(filePath, rewritten);
    const tsc = path.join(
      path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
      'bin',
      'tsc',
    );
    const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(compiled.status, 0, `${compiled.stdout}${compiled.stderr}\n${rewritten}`);
  });

  it('only edits the file when the module exists', () => {
    const root = freshRoot();
    mkdirSync(path.join(root, 'lib'));
    writeFileSync(path.join(root, 'lib/errgroup.js'), '// existing');
    const filePath = path.join(root, 'main.js');
    const text = 'await Promise.all(urls.map(async (u) => fetch(u)));\n';
    const result = buildMapWithLimitEdit({ filePath, text, version: null, offset: 6, workspaceRoot: root });
    assert.ok(result);
    assert.equal(result.createsModule, undefined);
    assert.equal(result.changes.length, 1);
    const [fileEdit] = result.changes;
    assert.ok(fileEdit?.kind === 'edit');
    assert.deepEqual(
      fileEdit.edits.map((edit) => edit.newText),
      ["import { mapWithLimit } from './lib/errgroup.js';\n", 'mapWithLimit(urls, 8, async (u) => fetch(u))'],
    );
  });
});

function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}
