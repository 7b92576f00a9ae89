import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// Verifies the Turborepo recipe of docs/monorepo.md on a generated three-package workspace. Turborepo
// is installed from the npm registry into a scratch folder (or taken from TURBO_BIN).

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = path.join(repoRoot, '.cache', 'cli-tests');
const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
const tscBin = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const monorepoDoc = readFileSync(path.join(repoRoot, 'docs', 'monorepo.md'), 'utf8');

function installTurbo(): { bin?: string; reason?: string } {
  if (process.env['TURBO_BIN']) return { bin: process.env['TURBO_BIN'] };
  const prefix = path.join(scratch, 'turbo-install');
  const bin = path.join(prefix, 'node_modules', '.bin', 'turbo');
  if (existsSync(bin)) return { bin };
  mkdirSync(prefix, { recursive: true });
  writeFileSync(path.join(prefix, 'package.json'), '{ "name": "turbo-install", "private": true }');
  const npm = spawnSync('npm', ['install', 'turbo@^2', '--no-audit', '--no-fund', '--no-save'], {
    cwd: prefix,
    encoding: 'utf8',
  });
  if (npm.status !== 0 || !existsSync(bin))
    return {
      reason: `turbo could not be installed from the npm registry: ${npm.stderr.trim().split('\n').slice(-2).join(' ')}`,
    };
  return { bin };
}

/** The `turbo.json` shown in docs/monorepo.md. */
function documentedTurboJson(): string {
  const match = /## Turborepo[\s\S]*?```json\n([\s\S]*?)```/.exec(monorepoDoc);
  assert.ok(match?.[1], 'docs/monorepo.md shows a turbo.json');
  return match[1];
}

let root: string;
let turbo: string | undefined;
let skipReason: string | undefined;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

function generate(): void {
  write(
    'package.json',
    JSON.stringify({
      name: 'turbo-fixture',
      private: true,
      type: 'module',
      packageManager: `npm@${execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()}`,
      workspaces: ['packages/*'],
    }),
  );
  write('turbo.json', documentedTurboJson());
  write('.gitignore', 'node_modules/\ndist/\n.turbo/\n');
  write(
    'tsconfig.base.json',
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        declaration: true,
        skipLibCheck: true,
        types: [],
      },
    }),
  );
  write(
    'eslint.config.js',
    [
      `import tseslint from 'typescript-eslint';`,
      `import tripwire from 'eslint-plugin-tripwire';`,
      `const preset = tripwire.configs['recommended-type-checked'];`,
      `export default [`,
      `  { ignores: ['**/dist/**'] },`,
      `  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },`,
      `  // Warnings, so the lint task succeeds and is cached.`,
      `  { ...preset, rules: Object.fromEntries(Object.keys(preset.rules).map((id) => [id, 'warn'])) },`,
      `];`,
    ].join('\n'),
  );
  const dependencies: Record<string, string | undefined> = { model: undefined, service: 'model', app: 'service' };
  for (const [name, dependency] of Object.entries(dependencies)) {
    write(
      `packages/${name}/package.json`,
      JSON.stringify({
        name: `@fx/${name}`,
        private: true,
        type: 'module',
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
        scripts: {
          build: `node ${JSON.stringify(tscBin)} -p tsconfig.json`,
          lint: `node ${JSON.stringify(eslintBin)} src`,
        },
        ...(dependency ? { dependencies: { [`@fx/${dependency}`]: '*' } } : {}),
      }),
    );
    write(
      `packages/${name}/tsconfig.json`,
      JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist' },
        include: ['src'],
      }),
    );
    mkdirSync(path.join(root, 'node_modules', '@fx'), { recursive: true });
    symlinkSync(path.join('..', '..', 'packages', name), path.join(root, 'node_modules', '@fx', name));
  }
  write(
    'packages/model/src/index.ts',
    'export interface Order { id: string; total: number }\nexport function total(order: Order): number { return order.total; }\n',
  );
  write(
    'packages/service/src/index.ts',
    "import type { Order } from '@fx/model';\nexport async function save(order: Order): Promise<void> { await Promise.resolve(order); }\n",
  );
  write(
    'packages/app/src/index.ts',
    "import { save } from '@fx/service';\nexport function main(): void {\n  save({ id: '1', total: 2 });\n}\n",
  );
  const git = (...args: string[]): void =>
    void execFileSync('git', ['-c', 'user.email=fixture@example.com', '-c', 'user.name=fixture', ...args], {
      cwd: root,
    });
  git('init', '-q', '.');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
}

/** `turbo run lint`: task id → 'hit' | 'miss'. */
function runLint(): Record<string, string> {
  const run = spawnSync(turbo!, ['run', 'lint', '--output-logs=hash-only'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  const tasks: Record<string, string> = {};
  for (const match of run.stdout.matchAll(/^(@fx\/\w+:\w+): cache (hit|miss)/gm)) tasks[match[1]!] = match[2]!;
  return Object.fromEntries(Object.entries(tasks).sort(([a], [b]) => a.localeCompare(b)));
}

const all = (state: string, overrides: Record<string, string> = {}): Record<string, string> =>
  Object.fromEntries(
    ['@fx/app:lint', '@fx/model:build', '@fx/model:lint', '@fx/service:build', '@fx/service:lint'].map((task) => [
      task,
      overrides[task] ?? state,
    ]),
  );

before(() => {
  mkdirSync(scratch, { recursive: true });
  const found = installTurbo();
  turbo = found.bin;
  skipReason = found.reason;
  root = mkdtempSync(path.join(scratch, 'turbo-'));
  generate();
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('the Turborepo recipe of docs/monorepo.md', () => {
  it("the second run is a full cache hit; the root config, a dependency's types and a package's source cause the right misses", (t) => {
    if (turbo === undefined) {
      t.skip(skipReason);
      return;
    }
    assert.deepEqual(runLint(), all('miss'), 'first run');
    assert.deepEqual(runLint(), all('hit'), 'second run: full hit');

    write(
      'eslint.config.js',
      readFileSync(path.join(root, 'eslint.config.js'), 'utf8').replace('// Warnings,', '// Warnings (every rule),'),
    );
    assert.deepEqual(
      runLint(),
      all('miss', { '@fx/model:build': 'hit', '@fx/service:build': 'hit' }),
      'root ESLint config changed',
    );

    write(
      'packages/model/src/index.ts',
      readFileSync(path.join(root, 'packages/model/src/index.ts'), 'utf8').replace(
        'total: number }',
        'total: number; currency: string }',
      ),
    );
    assert.deepEqual(runLint(), all('miss'), "a dependency's types changed");

    write(
      'packages/app/src/index.ts',
      `${readFileSync(path.join(root, 'packages/app/src/index.ts'), 'utf8')}export const version = 2;\n`,
    );
    assert.deepEqual(runLint(), all('hit', { '@fx/app:lint': 'miss' }), "one package's source changed");
  });
});
