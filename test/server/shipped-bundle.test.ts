// What ships holds nothing for tests: the rules the server tests add live only in the test server bundle.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, serverBundle, testServerBundle } from './lsp-client.js';

/** Strings only the test rules (test/server/test-rules.ts) and their wiring contain. */
const TEST_ONLY = [
  'tripwire-test',
  '__tripwire_throw__',
  '__tripwire_slow_',
  '__tripwire_fixme__',
  '__tripwire_block__',
  '__tripwire_exit_worker__',
  'TRIPWIRE_TEST_HOOKS',
];

/** The bundles of the shipped server: the LSP thread and its lint worker. */
const SHIPPED = [serverBundle, path.join(path.dirname(serverBundle), 'lint-worker.js')];
/** The test server's lint worker: the test rules run there. */
const TEST_WORKER = path.join(path.dirname(testServerBundle), 'lint-worker.cjs');

describe('the shipped server bundle', () => {
  it('contains none of the test rules', () => {
    for (const bundle of SHIPPED) {
      const shipped = readFileSync(bundle, 'utf8');
      assert.deepEqual(
        TEST_ONLY.filter((marker) => shipped.includes(marker)),
        [],
        bundle,
      );
    }
  });

  it('is checked against markers the test server bundle does contain', () => {
    const forTests = readFileSync(TEST_WORKER, 'utf8');
    assert.deepEqual(
      TEST_ONLY.filter((marker) => !forTests.includes(marker)),
      ['TRIPWIRE_TEST_HOOKS'],
    );
  });

  it('runs ESLint only in the lint worker, and packages the worker', () => {
    // The LSP thread's bundle holds no ESLint Linter: every lint goes to the worker.
    assert.equal(readFileSync(serverBundle, 'utf8').includes('verifyAndFix'), false);
    assert.equal(readFileSync(SHIPPED[1]!, 'utf8').includes('verifyAndFix'), true);
    const vscodeignore = readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(vscodeignore.includes('!dist/server.js') && vscodeignore.includes('!dist/lint-worker.js'));
  });
});
