import { after, describe, it } from 'node:test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

// Run RuleTester's generated cases as node:test tests.
RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Folder with the typed fixtures' `tsconfig.json`; typed cases lint as `file.ts` (or `react.tsx`, or their own `filename`) there. */
export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A RuleTester without type information (the parser still understands TypeScript syntax). */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}

/** A RuleTester for plain JavaScript parsed by ESLint's own parser (espree): proves a rule works in `.js`. */
export function createJavaScriptRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parser: espree as never,
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
  });
}

/** A RuleTester with type information from `test/rules/fixtures/tsconfig.json` through the project service. */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        // Test files are not part of the fixtures project: they open in the default project, which
        // takes its compiler options from the fixtures tsconfig.json.
        projectService: { allowDefaultProject: ['*.ts*'], defaultProject: 'tsconfig.json' },
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}
