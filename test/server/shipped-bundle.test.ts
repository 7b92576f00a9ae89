// What ships holds nothing for tests: the rules the server tests add live only in the test server bundle.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { serverBundle, testServerBundle } from './lsp-client.js';

/** Strings only the test rules (test/server/test-rules.ts) and their wiring contain. */
const TEST_ONLY = [
  'tripwire-test',
  '__tripwire_throw__',
  '__tripwire_slow_',
  '__tripwire_fixme__',
  'TRIPWIRE_TEST_HOOKS',
];

describe('the shipped server bundle', () => {
  it('contains none of the test rules', () => {
    const shipped = readFileSync(serverBundle, 'utf8');
    assert.deepEqual(
      TEST_ONLY.filter((marker) => shipped.includes(marker)),
      [],
    );
  });

  it('is checked against markers the test server bundle does contain', () => {
    const forTests = readFileSync(testServerBundle, 'utf8');
    assert.deepEqual(
      TEST_ONLY.filter((marker) => !forTests.includes(marker)),
      ['TRIPWIRE_TEST_HOOKS'],
    );
  });
});
