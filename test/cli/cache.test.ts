import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; message: string }>;
}

let root: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** `tripwire/layer-boundaries` findings of one run, as `file:line`. */
function lint(args: string[]): string[] {
  const run = spawnSync(process.execPath, [eslintBin, '-f', 'json', ...args, 'src'], { cwd: root, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return (JSON.parse(run.stdout) as JsonResult[]).flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId === 'tripwire/layer-boundaries')
      .map((m) => `${path.relative(root, r.filePath)}:${m.line}`),
  );
}

/** The cache file named by a hash of the cross-file inputs, as docs/ci.md recommends for CI. */
function keyedCacheLocation(): string {
  const hash = createHash('sha256');
  for (const file of ['eslint.config.js', 'package.json', 'tsconfig.json'])
    hash.update(readFileSync(path.join(root, file)));
  return path.join(root, '.eslintcache-by-inputs', hash.digest('hex').slice(0, 16));
}

const pointAt = (layer: string): string =>
  JSON.stringify({ compilerOptions: { paths: { '@lib/*': [`./src/${layer}/*`] } }, include: ['src'] });

before(() => {
  const scratch = path.join(repoRoot, '.cache', 'cli-tests');
  mkdirSync(scratch, { recursive: true });
  root = mkdtempSync(path.join(scratch, 'cache-'));
  write('package.json', JSON.stringify({ name: 'cache-fixture', private: true, type: 'module' }));
  write(
    'eslint.config.js',
    [
      `import tseslint from 'typescript-eslint';`,
      `import tripwire from 'eslint-plugin-tripwire';`,
      `export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, tripwire.configs.recommended];`,
    ].join('\n'),
  );
  write('tsconfig.json', pointAt('dao'));
  write('src/service/orders.ts', "import { store } from '@lib/store';\nexport const orders = store;\n");
  write('src/dao/store.ts', 'export const store = 1;\n');
  write('src/handler/store.ts', 'export const store = 2;\n');
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('--cache and a rule that reads other files (layer-boundaries through tsconfig paths)', () => {
  it('a change to tsconfig paths alone is missed by --cache with either strategy, and caught by a cache keyed on the inputs or by no cache', () => {
    const metadata = ['--cache', '--cache-location', path.join(root, '.eslintcache-metadata')];
    const content = [
      '--cache',
      '--cache-strategy',
      'content',
      '--cache-location',
      path.join(root, '.eslintcache-content'),
    ];
    const keyed = (): string[] => ['--cache', '--cache-strategy', 'content', '--cache-location', keyedCacheLocation()];

    // service → dao is allowed: nothing to report, and every cache now holds that result.
    assert.deepEqual(lint(metadata), []);
    assert.deepEqual(lint(content), []);
    assert.deepEqual(lint(keyed()), []);
    assert.deepEqual(lint([]), []);

    // The alias now points into the handler layer: the service file imports upward, though its own
    // text did not change.
    write('tsconfig.json', pointAt('handler'));
    const truth = lint(['--no-cache']);
    assert.deepEqual(truth, ['src/service/orders.ts:1']);

    assert.deepEqual(lint(metadata), [], '--cache (metadata) reuses the stale result');
    assert.deepEqual(lint(content), [], '--cache-strategy content reuses the stale result too');
    assert.deepEqual(lint(keyed()), truth, 'a cache keyed on the inputs starts afresh');
  });
});
