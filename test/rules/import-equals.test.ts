// `import x = require('m')` is CommonJS in TypeScript syntax: every rule must answer for it exactly as for
// `const x = require('m')`, and `import f = x.f` exactly as for `const f = require('m').f`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../rules/src/index.js';

const linter = new Linter();
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    plugins: { tripwire: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
    languageOptions: { parser: tsParser as unknown as Linter.Parser },
    rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [`tripwire/${name}`, 'error'])),
  },
];

/** Rule, line and message of every report, in order. */
function reports(code: string): string[] {
  return linter
    .verify(code, config, { filename: 'module.ts' })
    .map((m) => `${m.ruleId ?? 'fatal'} ${m.line} ${m.message}`);
}

/** Pairs of equivalent programs: the `require` form and the `import =` form, line for line. */
const pairs: { name: string; required: string; imported: string; expectReports: boolean }[] = [
  {
    name: 'a promise-returning export of a whole required module',
    required: "const fsp = require('node:fs/promises');\nfsp.readFile('a');",
    imported: "import fsp = require('node:fs/promises');\nfsp.readFile('a');",
    expectReports: true,
  },
  {
    name: 'a member of a required module, aliased',
    required:
      "const timers = require('node:timers/promises');\nconst sleep = require('node:timers/promises').setTimeout;\nsleep(10);",
    imported: "import timers = require('node:timers/promises');\nimport sleep = timers.setTimeout;\nsleep(10);",
    expectReports: true,
  },
  {
    name: 'an interval from the timers module that nothing clears',
    required: "const timers = require('node:timers');\ntimers.setInterval(() => undefined, 1000);",
    imported: "import timers = require('node:timers');\ntimers.setInterval(() => undefined, 1000);",
    expectReports: true,
  },
  {
    name: 'a callback-style export (not a promise)',
    required: "const fs = require('fs');\nfs.readFile('a', () => undefined);",
    imported: "import fs = require('fs');\nfs.readFile('a', () => undefined);",
    expectReports: false,
  },
];

describe('import = require(): the same answers as require()', () => {
  for (const pair of pairs) {
    it(pair.name, () => {
      const expected = reports(pair.required);
      assert.equal(expected.length > 0, pair.expectReports, `require form: ${expected.join('; ')}`);
      assert.deepEqual(reports(pair.imported), expected);
    });
  }

  it('an alias of a namespace declared in the file has no module origin and does not throw', () => {
    const code = [
      'namespace Jobs {',
      '  export function start(): number {',
      '    return 1;',
      '  }',
      '}',
      'import start = Jobs.start;',
      'import again = again.start;',
      'start();',
    ].join('\n');
    assert.doesNotThrow(() => reports(code));
  });
});
