import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { esmToCommonJs, reindent, removeSemicolons, requote } from '../../scaffold/src/adapt.js';
import {
  detectProjectStyle,
  detectTestRunner,
  inferIndent,
  inferQuote,
  inferSemicolons,
} from '../../scaffold/src/project-style.js';
import { typeScriptToJavaScript, UnsupportedTypeScriptError } from '../../scaffold/src/ts-to-js.js';

const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tripwire-style-'));
  temporaryRoots.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

describe('project style detection', () => {
  it('infers indentation: tabs, four spaces, two spaces, nothing', () => {
    assert.equal(inferIndent(['function f() {\n\tif (x) {\n\t\ty();\n\t}\n}\n']), '\t');
    assert.equal(inferIndent(['function f() {\n    if (x) {\n        y();\n    }\n}\n']), '    ');
    assert.equal(inferIndent(['function f() {\n  if (x) {\n    y();\n  }\n}\n/**\n * doc\n */\n']), '  ');
    assert.equal(inferIndent(['const a = 1;\n']), undefined);
  });

  it('infers quotes from string literals, ignoring JSX attributes and comments', () => {
    assert.equal(
      inferQuote([{ fileName: 'a.ts', text: "import x from \"x\";\nconst s = \"a\"; // 'c' 'd' 'e'\n" }]),
      '"',
    );
    assert.equal(
      inferQuote([{ fileName: 'a.tsx', text: 'import x from \'x\';\nconst e = <div className="a" id="b" />;\n' }]),
      "'",
    );
    assert.equal(inferQuote([{ fileName: 'a.ts', text: 'const n = 1;\n' }]), undefined);
  });

  it('chooses the test runner from package.json dependencies', () => {
    assert.equal(detectTestRunner({ devDependencies: { vitest: '^3' } }), 'vitest');
    assert.equal(detectTestRunner({ devDependencies: { jest: '^30', 'ts-jest': '^29' } }), 'jest');
    assert.equal(detectTestRunner({ dependencies: { express: '^5' } }), 'node');
    assert.equal(detectTestRunner(undefined), 'node');
  });

  it('detects TypeScript, ESM and sampled style of the project around a new folder', () => {
    const root = project({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': '{}',
      'src/app.ts': 'export function f(): string {\n    return "x";\n}\n',
    });
    const style = detectProjectStyle(path.join(root, 'src/lib/new-folder'));
    assert.deepEqual(
      {
        language: style.language,
        moduleKind: style.moduleKind,
        indent: style.indent,
        quote: style.quote,
        testRunner: style.testRunner,
        packageRoot: style.packageRoot,
      },
      { language: 'ts', moduleKind: 'esm', indent: '    ', quote: '"', testRunner: 'node', packageRoot: root },
    );
    assert.equal(detectProjectStyle(root, { forceJavaScript: true }).language, 'js');
  });

  it('defaults to JavaScript CommonJS with two spaces and single quotes, and honours Prettier settings', () => {
    const bare = project({ 'package.json': '{}' });
    const style = detectProjectStyle(bare);
    assert.deepEqual([style.language, style.moduleKind, style.indent, style.quote], ['js', 'cjs', '  ', "'"]);
    const prettier = project({
      'package.json': '{ "prettier": { "useTabs": true, "singleQuote": false } }',
      'index.js': "const a = 'x';\n",
    });
    const prettierStyle = detectProjectStyle(prettier);
    assert.deepEqual([prettierStyle.indent, prettierStyle.quote], ['\t', '"']);
  });
});

describe('source adaptations', () => {
  it('re-indents level by level, keeping JSDoc alignment and template literal content', () => {
    const source = 'class A {\n  /**\n   * doc\n   */\n  m() {\n    return `a\n  b`;\n  }\n}\n';
    assert.equal(reindent(source, '\t'), 'class A {\n\t/**\n\t * doc\n\t */\n\tm() {\n\t\treturn `a\n  b`;\n\t}\n}\n');
    assert.equal(reindent(source, '    ').split('\n')[4], '    m() {');
  });

  it('requotes string literals unless they contain the new quote; comments and templates stay', () => {
    const source =
      "import x from './x.js';\n// 'comment'\nconst a = 'it\\'s';\nconst b = 'say \"hi\"';\nconst c = `t'`;\n";
    assert.equal(
      requote(source, '"'),
      'import x from "./x.js";\n// \'comment\'\nconst a = "it\'s";\nconst b = \'say "hi"\';\nconst c = `t\'`;\n',
    );
  });

  it('removes terminating semicolons except before ASI hazards and inside one line', () => {
    const source =
      "import x from 'x';\nconst a = 1; // note\nconst b = a;\n(async () => {})();\nfor (let i = 0; i < 2; i++) f({ a: 1 });\ntype T = { a: number; b: string };\nclass C {\n  x = 1;\n  [key] = 2;\n}\n";
    assert.equal(
      removeSemicolons(source),
      "import x from 'x'\nconst a = 1 // note\nconst b = a;\n(async () => {})()\nfor (let i = 0; i < 2; i++) f({ a: 1 })\ntype T = { a: number; b: string }\nclass C {\n  x = 1;\n  [key] = 2\n}\n",
    );
  });

  it('infers whether a project uses semicolons', () => {
    const withSemi = { fileName: 'a.js', text: 'const a = 1;\nconst b = 2;\nf(a);\ng(b);\nreturn;\n' };
    const without = { fileName: 'b.js', text: 'const a = 1\nconst b = 2\nf(a)\ng(b)\nh()\n' };
    assert.equal(inferSemicolons([withSemi]), true);
    assert.equal(inferSemicolons([without]), false);
    assert.equal(inferSemicolons([{ fileName: 'c.js', text: 'f()\n' }]), undefined);
  });

  it('turns ES modules into CommonJS', () => {
    const source =
      "import assert from 'node:assert';\nimport { a, b as c } from './m.js';\nimport * as ns from './n.js';\n\nexport class K {}\nexport function f() {}\nexport const v = 1;\n";
    assert.equal(
      esmToCommonJs(source),
      "const assert = require('node:assert');\nconst { a, b: c } = require('./m.js');\nconst ns = require('./n.js');\n\nclass K {}\nfunction f() {}\nconst v = 1;\n\nmodule.exports = { K, f, v };\n",
    );
    assert.throws(() => esmToCommonJs('export default 1;\n'), /default exports/);
  });
});

describe('TypeScript to JavaScript with JSDoc types', () => {
  it('moves annotations into JSDoc, merging with existing comments', () => {
    const source = [
      '/** A point. */',
      'export interface Point {',
      '  x: number;',
      '  /** Optional label. */',
      '  label?: string;',
      '}',
      '/**',
      ' * Moves a point.',
      ' * @param p the point',
      ' */',
      'export function move<T extends never = never>(p: Point): Point { return p; }',
    ].join('\n');
    assert.throws(
      () => typeScriptToJavaScript(source),
      UnsupportedTypeScriptError,
      'constrained type parameters have no JSDoc spelling',
    );
    const plain = source.replace('<T extends never = never>', '');
    const output = typeScriptToJavaScript(plain);
    assert.match(
      output,
      /@typedef \{Object\} Point\n \* @property \{number\} x\n \* @property \{string\} \[label\] Optional label\./,
    );
    assert.match(output, / \* @param \{Point\} p the point\n \* @returns \{Point\}\n \*\//);
    assert.match(output, /export function move\(p\) \{ return p; \}/);
  });

  it('types class fields, variables and generic constructor calls', () => {
    const output = typeScriptToJavaScript(
      'export class Box<T> {\n  readonly #items: T[] = [];\n  private count = 0;\n  add(item: T): void { this.#items.push(item); this.count += 1; }\n}\nconst pending = new Map<string, number>();\nlet last: string | undefined = undefined;\n',
    );
    assert.match(output, /\/\*\*\n \* @template T\n \*\/\nexport class Box \{/);
    assert.match(output, /\/\*\* @type \{T\[\]\} \*\/ #items = \[\];/);
    assert.match(output, /^ {2}count = 0;$/m);
    assert.match(output, /const pending = \/\*\* @type \{Map<string, number>\} \*\/ \(new Map\(\)\);/);
    assert.match(output, /\/\*\* @type \{string \| undefined\} \*\/ let last = undefined;/);
  });

  it('refuses constructs without a faithful JSDoc spelling', () => {
    for (const code of [
      'const a = b as string;',
      'const a = b!;',
      'enum E { A }',
      'class C { constructor(private x: number) {} }',
      'class C implements I {}',
    ]) {
      assert.throws(() => typeScriptToJavaScript(code), UnsupportedTypeScriptError, code);
    }
  });
});
