// The import graph read from a real TypeScript program: direct importers (value and type imports,
// dynamic imports), importers through chains of re-exports, and nothing further away.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { importGraphOf } from '../../server/src/import-graph.js';
import { makeWorkspace, removeWorkspace } from './helpers.js';

describe('import graph of a program', () => {
  let workspace: string;
  let program: ts.Program;
  const file = (name: string) => path.join(workspace, 'src', name);

  before(() => {
    workspace = makeWorkspace({
      'src/a.ts': 'export function load(): number {\n  return 1;\n}\n',
      // A chain of re-exports: a ← inner ← index.
      'src/inner.ts': "export { load } from './a';\n",
      'src/index.ts': "export * from './inner';\n",
      'src/via-index.ts': "import { load } from './index';\nexport const value = load();\n",
      'src/direct.ts': "import { load } from './a';\nexport function run(): void {\n  load();\n}\n",
      'src/types-only.ts': "import type { load } from './a';\nexport type Loader = typeof load;\n",
      'src/lazy.ts': "export async function later(): Promise<number> {\n  return (await import('./a')).load();\n}\n",
      // Imports a plain importer of a.ts: not a dependent.
      'src/far.ts': "import { run } from './direct';\nrun();\n",
      'src/unrelated.ts': 'export const answer = 42;\n',
    });
    const names = ['a', 'inner', 'index', 'via-index', 'direct', 'types-only', 'lazy', 'far', 'unrelated'];
    program = ts.createProgram({
      rootNames: names.map((name) => file(`${name}.ts`)),
      options: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        noEmit: true,
        types: [],
      },
    });
  });
  after(() => removeWorkspace(workspace));

  it('lists the direct importers of a file, whatever the kind of import', () => {
    assert.deepEqual(
      importGraphOf(program).importersOf(file('a.ts')).sort(),
      [file('direct.ts'), file('inner.ts'), file('lazy.ts'), file('types-only.ts')].sort(),
    );
  });

  it('follows re-export chains to the files that import the re-exporting module', () => {
    assert.deepEqual(
      importGraphOf(program).dependentsOf(file('a.ts')),
      [
        file('direct.ts'),
        file('index.ts'),
        file('inner.ts'),
        file('lazy.ts'),
        file('types-only.ts'),
        file('via-index.ts'),
      ].sort(),
    );
  });

  it('leaves out files that only import an importer, and files that import nothing', () => {
    const graph = importGraphOf(program);
    assert.ok(!graph.dependentsOf(file('a.ts')).includes(file('far.ts')));
    assert.deepEqual(graph.dependentsOf(file('direct.ts')), [file('far.ts')]);
    assert.deepEqual(graph.dependentsOf(file('unrelated.ts')), []);
    assert.deepEqual(graph.dependentsOf(file('far.ts')), []);
  });

  it('is built once per program and again for an updated program', () => {
    const graph = importGraphOf(program);
    assert.equal(importGraphOf(program), graph);
    const host = ts.createCompilerHost(program.getCompilerOptions());
    const readFile = host.readFile.bind(host);
    host.readFile = (name) =>
      name === file('unrelated.ts') ? "import { load } from './a';\nload();\n" : readFile(name);
    const updated = ts.createProgram({
      rootNames: program.getRootFileNames(),
      options: program.getCompilerOptions(),
      host,
      oldProgram: program,
    });
    assert.notEqual(importGraphOf(updated), graph);
    assert.ok(importGraphOf(updated).dependentsOf(file('a.ts')).includes(file('unrelated.ts')));
    assert.ok(!graph.dependentsOf(file('a.ts')).includes(file('unrelated.ts')));
  });
});
