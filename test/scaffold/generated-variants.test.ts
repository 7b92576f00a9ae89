/**
 * Generates every variant (TS ESM, TS CJS, JS ESM, JS CJS) of every canonical module scaffold
 * (errgroup, singleflight, and the resilience kit: retry, circuit breaker, rate limiter, timeout)
 * into temporary projects, compiles each with the real `tsc --strict` (JavaScript with allowJs +
 * checkJs), and runs the generated node:test files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CANONICAL_MODULES, planConcurrencyScaffold, renderTests } from '../../scaffold/src/concurrency.js';
import { checkPlan, writePlan } from '../../scaffold/src/plan.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const tscBin = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
const typeRoots = [path.join(repoRoot, 'node_modules', '@types')];

/** Stricter than `--strict` alone: generated code should survive the options careful projects turn on. */
const STRICT_OPTIONS = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noPropertyAccessFromIndexSignature: true,
  noFallthroughCasesInSwitch: true,
  skipLibCheck: true,
  target: 'ES2022',
  lib: ['ES2022'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  typeRoots,
  types: ['node'],
};

const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

interface Variant {
  name: string;
  language: 'ts' | 'js';
  packageType: 'module' | 'commonjs';
  /** `verbatimModuleSyntax` on (the `tsc --init` default): CommonJS TypeScript gets `.mts` modules. */
  verbatim?: boolean;
  /** A semicolon-free project (Prettier `semi: false`). */
  noSemicolons?: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'TS ESM', language: 'ts', packageType: 'module' },
  { name: 'TS CJS', language: 'ts', packageType: 'commonjs' },
  { name: 'JS ESM', language: 'js', packageType: 'module' },
  { name: 'JS CJS', language: 'js', packageType: 'commonjs' },
  {
    name: 'TS CJS with verbatimModuleSyntax (tsc --init defaults)',
    language: 'ts',
    packageType: 'commonjs',
    verbatim: true,
  },
  {
    name: 'JS ESM without semicolons (Prettier semi: false)',
    language: 'js',
    packageType: 'module',
    noSemicolons: true,
  },
];

function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  // A child test run must not think it is part of this one (node:test passes NODE_TEST_CONTEXT down).
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env['NODE_TEST_CONTEXT'];
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function createProject(variant: Variant): string {
  const root = mkdtempSync(path.join(tmpdir(), `tripwire-variant-${variant.language}-${variant.packageType}-`));
  temporaryRoots.push(root);
  writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ name: 'variant', private: true, type: variant.packageType }, null, 2),
  );
  if (variant.noSemicolons === true) writeFileSync(path.join(root, '.prettierrc'), JSON.stringify({ semi: false }));
  // An existing source file with 4-space indentation and double quotes: the scaffold must follow it.
  mkdirSync(path.join(root, 'src'));
  writeFileSync(
    path.join(
      root,
      'src',
      variant.language === 'js' ? 'existing.js' : variant.verbatim === true ? 'existing.mts' : 'existing.ts',
    ),
    '/** @param {string} [name] */\nexport function greet(name) {\n    if (name) {\n        return "hello " + name;\n    }\n    return "hello";\n}\n'.replace(
      '(name)',
      variant.language === 'ts' ? '(name?: string): string' : '(name)',
    ),
  );
  const compilerOptions =
    variant.language === 'ts'
      ? {
          ...STRICT_OPTIONS,
          outDir: 'out',
          rootDir: 'src',
          ...(variant.verbatim === true
            ? { verbatimModuleSyntax: true, isolatedModules: true, moduleDetection: 'force' }
            : {}),
        }
      : { ...STRICT_OPTIONS, allowJs: true, checkJs: true, noEmit: true };
  if (variant.language === 'ts') {
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }, null, 2));
  } else {
    // Not named tsconfig.json: its presence would make the project "TypeScript" for detection.
    writeFileSync(
      path.join(root, 'jsconfig.check.json'),
      JSON.stringify({ compilerOptions, include: ['src'] }, null, 2),
    );
  }
  return root;
}

for (const variant of VARIANTS) {
  describe(`generated variant: ${variant.name}`, () => {
    const root = createProject(variant);
    const directory = path.join(root, 'src', 'lib');
    const extension = variant.language === 'js' ? '.js' : variant.verbatim === true ? '.mts' : '.ts';
    const emitted = variant.verbatim === true ? '.mjs' : '.js';

    it('is planned and written with the project style', () => {
      for (const module of CANONICAL_MODULES) {
        const plan = planConcurrencyScaffold({ module, directory, root, tests: true });
        assert.deepEqual(
          plan.files.map((file) => path.relative(root, file.path)),
          [`src/lib/${module}${extension}`, `src/lib/${module}.test${extension}`],
        );
        writePlan(plan, { root });
      }
      const errgroup = readFileSync(path.join(directory, `errgroup${extension}`), 'utf8');
      assert.match(errgroup, /^ {4}readonly signal: AbortSignal;$|^ {4}signal;?$/m, 'four-space indentation');
      assert.match(errgroup, /"abort"/, 'double quotes');
      assert.doesNotMatch(errgroup, /'abort'/);
      if (variant.noSemicolons === true) {
        assert.match(errgroup, /^ {8}this\.#active \+= 1$/m, 'no terminating semicolons');
        assert.match(errgroup, /^import|^export class ErrGroup \{$/m);
      } else {
        assert.match(errgroup, /^ {8}this\.#active \+= 1;$/m);
      }
      if (variant.language === 'js') {
        assert.match(errgroup, /@param \{ErrGroupTask\} task/);
        assert.match(errgroup, /@typedef \{Object\} ErrGroupOptions/);
      }
      if (variant.language === 'js' && variant.packageType === 'commonjs') {
        assert.match(errgroup, /^module\.exports = \{ ErrGroup, mapWithLimit \};$/m);
        assert.doesNotMatch(errgroup, /^export /m);
      } else {
        assert.match(errgroup, /^export class ErrGroup/m);
      }
    });

    it('re-running the generator is a no-op (every file identical)', () => {
      for (const module of CANONICAL_MODULES) {
        const check = checkPlan(planConcurrencyScaffold({ module, directory, root, tests: true }), root);
        assert.deepEqual(
          check.files.map((file) => file.status),
          ['identical', 'identical'],
        );
      }
    });

    it(`compiles with tsc --strict${variant.language === 'js' ? ' (allowJs + checkJs)' : ''}`, () => {
      const project = variant.language === 'ts' ? 'tsconfig.json' : 'jsconfig.check.json';
      const result = run(process.execPath, [tscBin, '-p', project], root);
      assert.equal(result.status, 0, result.output);
    });

    it('passes its generated tests under node:test', () => {
      const testDirectory = variant.language === 'ts' ? path.join(root, 'out', 'lib') : directory;
      const files = CANONICAL_MODULES.map((module) => path.join(testDirectory, `${module}.test${emitted}`));
      const result = run(process.execPath, ['--test', '--test-reporter=tap', ...files], root);
      assert.equal(result.status, 0, result.output);
      assert.match(result.output, /^# pass (\d+)$/m);
      assert.match(result.output, /^# fail 0$/m);
      const passed = Number(/^# pass (\d+)$/m.exec(result.output)?.[1]);
      // errgroup and singleflight bring 13 tests, the resilience modules 58 more.
      assert.ok(passed >= 71, `ran the generated tests (${passed} passed)`);
    });
  });
}

describe('generated module in a browser-only TypeScript project', () => {
  it('compiles with lib DOM, no Node types, isolatedDeclarations and verbatimModuleSyntax', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tripwire-variant-browser-'));
    temporaryRoots.push(root);
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      path.join(root, 'tsconfig.json'),
      // Also what library authors turn on: declarations checkable file by file, verbatim module syntax.
      JSON.stringify({
        compilerOptions: {
          ...STRICT_OPTIONS,
          lib: ['ES2022', 'DOM'],
          types: [],
          noEmit: true,
          declaration: true,
          isolatedDeclarations: true,
          verbatimModuleSyntax: true,
        },
        include: ['src'],
      }),
    );
    for (const module of CANONICAL_MODULES)
      writePlan(planConcurrencyScaffold({ module, directory: 'src', root }), { root });
    const result = run(process.execPath, [tscBin, '-p', 'tsconfig.json'], root);
    assert.equal(result.status, 0, result.output);
  });
});

describe('generated tests for other runners', () => {
  const style = { language: 'ts', moduleKind: 'esm', indent: '  ', quote: "'", testRunner: 'node' } as const;
  it('imports describe/it from vitest for vitest projects', () => {
    const { content } = renderTests('errgroup', { ...style, testRunner: 'vitest' });
    assert.match(content, /^import \{ describe, it \} from 'vitest';$/m);
    assert.doesNotMatch(content, /node:test/);
  });
  it('imports describe/it from @jest/globals for jest projects (CommonJS JavaScript too)', () => {
    const { content, fileName } = renderTests('singleflight', {
      ...style,
      language: 'js',
      moduleKind: 'cjs',
      testRunner: 'jest',
    });
    assert.equal(fileName, 'singleflight.test.js');
    assert.match(content, /^const \{ describe, it \} = require\('@jest\/globals'\);$/m);
    assert.match(content, /^const \{ SingleFlight \} = require\('\.\/singleflight\.js'\);$/m);
  });
  it('detects vitest and jest from package.json', () => {
    for (const [dependency, expected] of [
      ['vitest', "from 'vitest'"],
      ['jest', "from '@jest/globals'"],
    ] as const) {
      const root = mkdtempSync(path.join(tmpdir(), 'tripwire-runner-'));
      temporaryRoots.push(root);
      writeFileSync(
        path.join(root, 'package.json'),
        JSON.stringify({ type: 'module', devDependencies: { [dependency]: '*' } }),
      );
      writeFileSync(path.join(root, 'tsconfig.json'), '{}');
      const plan = planConcurrencyScaffold({ module: 'errgroup', directory: root, tests: true });
      assert.ok(plan.files[1]?.content.includes(expected), dependency);
    }
  });
});
