import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import plugin from '../../rules/src/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

const LAYERS = ['handler', 'service', 'dao', 'model', 'common'] as const;
const FILES_PER_LAYER = 13;

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; message: string; fatal?: boolean }>;
}

/** One module with several traps; `upward` names a layer this file may not import. */
function source(layer: string, index: number, ts: boolean): string {
  const upward = layer === 'dao' ? 'service' : layer === 'model' ? 'dao' : layer === 'common' ? 'handler' : 'dao';
  const t = (annotation: string): string => (ts ? annotation : '');
  return [
    `import { readFileSync } from 'node:fs';`,
    `import { helper${index} as upper } from '../${upward}/f${index}${ts ? '' : '.js'}';`,
    `import { shared as sharedValue } from '#common/f0.js';`,
    `import { aliased as aliasedValue } from '@app/model/f${(index + 1) % FILES_PER_LAYER}';`,
    ``,
    `export const name${index} = '${layer}-${index}';`,
    `export function helper${index}()${t(': string')} { return name${index}; }`,
    `export const shared = 1;`,
    `export const aliased = 2;`,
    ``,
    `async function save(id${t(': string')})${t(': Promise<void>')} { await Promise.resolve(id); }`,
    ``,
    `export function schedule(ids${t(': string[]')})${t(': void')} {`,
    `  for (var i = 0; i < ids.length; i++) {`,
    `    setTimeout(() => save(ids[i] ?? ''), ${index});`,
    `  }`,
    `  save('first');`,
    `  void [upper, sharedValue, aliasedValue];`,
    `}`,
    ``,
    `export function load(file${t(': string')})${t(': unknown')} {`,
    `  return JSON.parse(readFileSync(file, 'utf8'));`,
    `}`,
    ``,
    `export async function get(url${t(': string')})${t(': Promise<unknown>')} {`,
    `  const response = await fetch(url);`,
    `  return response.json();`,
    `}`,
    ``,
  ].join('\n');
}

function generate(root: string): number {
  let count = 0;
  writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({
      name: 'concurrency-fixture',
      private: true,
      type: 'module',
      imports: { '#common/*': './src/common/*' },
    }),
  );
  writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        allowJs: true,
        checkJs: false,
        noEmit: true,
        types: [],
        lib: ['ES2022', 'DOM'],
        paths: { '@app/*': ['./src/*'] },
      },
      include: ['src', 'eslint.config.js'],
    }),
  );
  for (const layer of LAYERS) {
    mkdirSync(path.join(root, 'src', layer), { recursive: true });
    for (let index = 0; index < FILES_PER_LAYER; index += 1) {
      const ts = index % 3 !== 2;
      writeFileSync(path.join(root, 'src', layer, `f${index}.${ts ? 'ts' : 'js'}`), source(layer, index, ts));
      count += 1;
    }
  }
  return count;
}

function config(typed: boolean): string {
  return [
    `import tseslint from 'typescript-eslint';`,
    `import tripwire from 'eslint-plugin-tripwire';`,
    `export default [`,
    `  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser${typed ? ', parserOptions: { projectService: { allowDefaultProject: [] }, tsconfigRootDir: import.meta.dirname }' : ''} } },`,
    `  tripwire.configs['${typed ? 'strict-type-checked' : 'strict'}'],`,
    `];`,
  ].join('\n');
}

/** The findings of one run, as sorted lines `file:line:column rule message`. */
function lint(root: string, configFile: string, concurrency: string): string[] {
  const run = spawnSync(
    process.execPath,
    [eslintBin, '-c', configFile, `--concurrency=${concurrency}`, '-f', 'json', 'src'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.equal(run.status, 1, `eslint --concurrency=${concurrency} exits 1 on findings\n${run.stderr}`);
  const results = JSON.parse(run.stdout) as JsonResult[];
  return results
    .flatMap((r) =>
      r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    )
    .sort();
}

let root: string;
let fileCount: number;

before(() => {
  const scratch = path.join(repoRoot, '.cache', 'cli-tests');
  mkdirSync(scratch, { recursive: true });
  root = mkdtempSync(path.join(scratch, 'concurrency-'));
  fileCount = generate(root);
  writeFileSync(path.join(root, 'untyped.config.js'), config(false));
  writeFileSync(path.join(root, 'typed.config.js'), config(true));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe("ESLint's worker threads give the same findings as one thread", () => {
  for (const typed of [false, true]) {
    it(`${typed ? 'typed (projectService)' : 'untyped'}: --concurrency=off, 2 and auto agree`, () => {
      assert.ok(fileCount >= 60);
      const configFile = typed ? 'typed.config.js' : 'untyped.config.js';
      const off = lint(root, configFile, 'off');
      assert.ok(
        !off.some((line) => / null /.test(line)),
        `no parse errors or crashes:\n${off.filter((l) => / null /.test(l)).join('\n')}`,
      );
      const files = new Set(off.map((line) => line.slice(0, line.indexOf(':'))));
      assert.equal(files.size, fileCount, 'every file has findings');
      const rules = new Set(off.map((line) => line.split(' ')[1]));
      for (const rule of [
        'no-loop-closure-capture',
        'no-floating-promise',
        'no-unguarded-json-parse',
        'no-request-without-timeout',
        'layer-boundaries',
      ]) {
        assert.ok(
          rules.has(`tripwire/${rule}`),
          `${rule} reports in the fixture (rules seen: ${[...rules].join(', ')})`,
        );
      }
      assert.deepEqual(lint(root, configFile, '2'), off, '--concurrency=2');
      assert.deepEqual(lint(root, configFile, 'auto'), off, '--concurrency=auto');
    });
  }
});

describe('options and presets cross to workers', () => {
  it('every preset is structured-cloneable apart from the plugin object it carries', () => {
    for (const [name, preset] of Object.entries(plugin.configs)) {
      const { plugins, ...rest } = preset;
      assert.deepEqual(structuredClone(rest), rest, name);
      assert.deepEqual(Object.keys(plugins ?? {}), ['tripwire'], name);
    }
  });

  it("every rule's default options and strict options are structured-cloneable", () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      const options: unknown = rule.defaultOptions;
      assert.deepEqual(structuredClone(options), options, name);
      const strict: unknown = (rule.meta.docs as { strictOptions?: unknown } | undefined)?.strictOptions;
      if (strict !== undefined) assert.deepEqual(structuredClone(strict), strict, `${name} strictOptions`);
    }
  });
});
