// What the program of Tripwire's project service holds: the open documents, what they import and the
// files whose declarations reach every file (scripts, declare global, module augmentations, .d.ts),
// and not the project's other sources; types stay what the whole project gives them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { changedSpan, mayDeclareGlobals, TypeInfo } from '../../server/src/type-info.js';
import { makeWorkspace, removeWorkspace } from './helpers.js';

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    noEmit: true,
    types: [],
  },
  include: ['src'],
});

describe('mayDeclareGlobals', () => {
  it('says yes for scripts, declare global and module augmentations', () => {
    assert.equal(mayDeclareGlobals('/p/a.ts', 'const x = 1;\n'), true);
    assert.equal(
      mayDeclareGlobals('/p/a.ts', 'export {};\ndeclare global {\n  interface Window { x: number }\n}\n'),
      true,
    );
    assert.equal(mayDeclareGlobals('/p/a.ts', "import 'x';\ndeclare module 'x' {\n  const y: number;\n}\n"), true);
    assert.equal(mayDeclareGlobals('/p/a.js', 'function helper() {}\n'), true);
    assert.equal(mayDeclareGlobals('/p/a.d.ts', 'declare const version: string;\n'), true);
    assert.equal(mayDeclareGlobals('/p/a.ts', "import('./b').then(() => undefined);\nconst c = 1;\n"), true);
  });
  it('says no for modules', () => {
    assert.equal(mayDeclareGlobals('/p/a.ts', "import { b } from './b';\nb();\n"), false);
    assert.equal(mayDeclareGlobals('/p/a.ts', 'export const a = 1;\n'), false);
    assert.equal(mayDeclareGlobals('/p/a.ts', "import type { B } from './b';\nconst b: B = 1;\n"), false);
    assert.equal(mayDeclareGlobals('/p/a.mts', 'const a = 1;\n'), false);
    assert.equal(mayDeclareGlobals('/p/a.d.ts', 'export declare function a(): void;\n'), false);
    assert.equal(mayDeclareGlobals('/p/a.cjs', 'module.exports = 1;\n'), false);
    assert.equal(mayDeclareGlobals('/p/a.js', "const fs = require('fs');\n"), false);
    assert.equal(mayDeclareGlobals('/p/a.ts', 'declare namespace Local {}\nexport {};\n'), false);
  });
});

describe('changedSpan', () => {
  const apply = (before: string, after: string) => {
    const span = changedSpan(before, after);
    return span === undefined ? before : before.slice(0, span.start) + span.newText + before.slice(span.end);
  };
  it('is the text between the common prefix and the common suffix', () => {
    assert.deepEqual(changedSpan('const a = 1;\n', 'const ab = 1;\n'), { start: 7, end: 7, newText: 'b' });
    assert.deepEqual(changedSpan('const ab = 1;\n', 'const a = 1;\n'), { start: 7, end: 8, newText: '' });
    assert.deepEqual(changedSpan('x\ny\n', 'x\n// note\ny\n'), { start: 2, end: 2, newText: '// note\n' });
    assert.equal(changedSpan('same', 'same'), undefined);
  });
  it('never lets the prefix and the suffix overlap', () => {
    for (const [before, after] of [
      ['aaa', 'aaaa'],
      ['aaaa', 'aa'],
      ['', 'abc'],
      ['abc', ''],
      ['abab', 'ab'],
      ['a\r\nb', 'a\nb'],
    ] as const)
      assert.equal(apply(before, after), after, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  });
});

describe('TypeInfo programs hold what the open documents can see', () => {
  let workspace: string;
  let typeInfo: TypeInfo;
  const file = (name: string) => path.join(workspace, 'src', name);
  const fileNames = (program: ts.Program) => new Set(program.getSourceFiles().map((sf) => path.resolve(sf.fileName)));

  before(() => {
    workspace = makeWorkspace({
      'tsconfig.json': TSCONFIG,
      'src/main.ts':
        "import { load } from './lib';\nexport const value = load();\nexport const flag = globalFlag;\nexport const extra = window2.extra;\n",
      'src/lib.ts': "import { deep } from './deep';\nexport function load(): number {\n  return deep();\n}\n",
      'src/deep.ts': 'export function deep(): number {\n  return 1;\n}\n',
      'src/unrelated.ts': 'export const unrelated = 1;\n',
      'src/also-unrelated.ts': "import { unrelated } from './unrelated';\nexport const twice = unrelated * 2;\n",
      // Reach every file without being imported.
      'src/globals.ts': 'declare const globalFlag: boolean;\n',
      'src/augment.ts': 'export {};\ndeclare global {\n  var window2: { extra: string };\n}\n',
      'src/ambient.d.ts': 'declare const fromDeclarationFile: number;\n',
      // A declaration file that is a module matters only to files that import it.
      'src/module-types.d.ts': 'export interface Unused {\n  a: number;\n}\n',
    });
    typeInfo = new TypeInfo(workspace);
  });
  after(() => {
    typeInfo.reset();
    removeWorkspace(workspace);
  });

  it('holds the open document, its imports and the global files, not the other sources', () => {
    const program = typeInfo.programFor(file('main.ts'), ts.sys.readFile(file('main.ts'))!)!;
    const names = fileNames(program);
    for (const name of ['main.ts', 'lib.ts', 'deep.ts', 'globals.ts', 'augment.ts', 'ambient.d.ts'])
      assert.ok(names.has(file(name)), name);
    assert.ok(!names.has(file('unrelated.ts')));
    assert.ok(!names.has(file('also-unrelated.ts')));
    assert.ok(!names.has(file('module-types.d.ts')));
    // The types are those of the whole project: globals declared elsewhere are seen.
    const checker = program.getTypeChecker();
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file('main.ts'))!)!);
    const typeOf = (name: string) =>
      checker.typeToString(checker.getTypeOfSymbol(exported.find((symbol) => symbol.name === name)!));
    assert.equal(typeOf('value'), 'number');
    assert.equal(typeOf('flag'), 'boolean');
    assert.equal(typeOf('extra'), 'string');
    assert.deepEqual(program.getSemanticDiagnostics(program.getSourceFile(file('main.ts'))), []);
  });

  it('adds a document opened later that the program did not hold, with its imports', () => {
    const program = typeInfo.programFor(file('also-unrelated.ts'), ts.sys.readFile(file('also-unrelated.ts'))!)!;
    const names = fileNames(program);
    assert.ok(names.has(file('also-unrelated.ts')));
    assert.ok(names.has(file('unrelated.ts')));
    assert.ok(names.has(file('main.ts')));
  });

  it('keeps the program when the opened document is one it already holds', () => {
    const before = typeInfo.programFor(file('main.ts'), ts.sys.readFile(file('main.ts'))!);
    const after = typeInfo.programFor(file('deep.ts'), ts.sys.readFile(file('deep.ts'))!);
    assert.equal(after, before);
  });

  it('gives an open document edited in place the types of its new text', () => {
    const source = 'export function count(): number {\n  return 1;\n}\n\nexport const total = count();\n';
    const typeOfTotal = (program: ts.Program) => {
      const checker = program.getTypeChecker();
      const module = checker.getSymbolAtLocation(program.getSourceFile(file('deep.ts'))!)!;
      const total = checker.getExportsOfModule(module).find((symbol) => symbol.name === 'total')!;
      return checker.typeToString(checker.getTypeOfSymbol(total));
    };
    assert.equal(typeOfTotal(typeInfo.programFor(file('deep.ts'), source)!), 'number');
    const edited = source.replace('number {\n  return 1;', 'string {\n  return "one";');
    const program = typeInfo.programFor(file('deep.ts'), edited)!;
    assert.equal(program.getSourceFile(file('deep.ts'))!.text, edited);
    assert.equal(typeOfTotal(program), 'string');
    assert.deepEqual(program.getSemanticDiagnostics(program.getSourceFile(file('deep.ts'))), []);
    // Back to the text on disk, for the tests that follow.
    typeInfo.programFor(file('deep.ts'), ts.sys.readFile(file('deep.ts'))!);
  });

  it('opens documents together as roots of one program, whatever they import', () => {
    const fresh = new TypeInfo(workspace);
    try {
      const names = ['also-unrelated.ts', 'main.ts'];
      fresh.openDocuments(names.map((name) => ({ filePath: file(name), text: ts.sys.readFile(file(name))! })));
      const first = fresh.programFor(file('also-unrelated.ts'), ts.sys.readFile(file('also-unrelated.ts'))!)!;
      assert.equal(fresh.programFor(file('main.ts'), ts.sys.readFile(file('main.ts'))!), first);
      assert.equal(first.getRootFileNames().filter((name) => names.includes(path.basename(name))).length, 2);
    } finally {
      fresh.reset();
    }
  });
});
