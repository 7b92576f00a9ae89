// Every rule page is checked against its rule: the code samples under "❌ Incorrect" are reported by the
// rule, those under "✅ Correct" are not, and every option in the rule's schema has a heading of its own.
// A sample block may name its file with `filename=<path>` after the language (```ts filename=src/a.ts), and
// asks for type information with `typed` (```ts typed): it is then linted through the project service as a
// file of the typed rule tests' fixtures project (test/rules/fixtures), the way the rules' typed tests are.
// A ✅ sample that is right but that the rule reports by mistake says `false-positive` (```ts false-positive):
// it is still linted, as a todo test, so the run lists it until the rule is fixed.
// A page whose samples span several files says so with `<!-- samples: multi-file -->`; its samples are
// then covered by the rule's own tests (files on disk), and the page is still checked for its options.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../../rules/src/index.js';
import { fixturesDir } from './rule-tester.js';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules', 'docs', 'rules');
const MULTI_FILE = '<!-- samples: multi-file -->';

interface Sample {
  kind: 'incorrect' | 'correct';
  language: string;
  filename: string | undefined;
  typed: boolean;
  falsePositive: boolean;
  /** Words after the language that mean nothing here (a typo such as `type` for `typed`). */
  unknownWords: string[];
  code: string;
  line: number;
}

/** The code blocks that follow a "❌ Incorrect" or "✅ Correct" marker, up to the next marker or heading. */
export function samplesOf(markdown: string): Sample[] {
  const samples: Sample[] = [];
  let kind: Sample['kind'] | undefined;
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^(#{1,6} )?❌/.test(line)) kind = 'incorrect';
    else if (/^(#{1,6} )?✅/.test(line)) kind = 'correct';
    else if (/^#{1,3} /.test(line)) kind = undefined;
    const fence = /^```(\w+)(.*)$/.exec(line);
    if (!fence) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index] !== '```'; index++) body.push(lines[index] ?? '');
    const language = fence[1] ?? '';
    if (kind === undefined || !['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs'].includes(language)) continue;
    const info = fence[2] ?? '';
    samples.push({
      kind,
      language,
      filename: /filename=(\S+)/.exec(info)?.[1],
      typed: /(^|\s)typed(\s|$)/.test(info),
      falsePositive: /(^|\s)false-positive(\s|$)/.test(info),
      unknownWords: info
        .split(/\s+/)
        .filter(
          (word) => word !== '' && word !== 'typed' && word !== 'false-positive' && !word.startsWith('filename='),
        ),
      code: body.join('\n'),
      line: start + 1,
    });
  }
  return samples;
}

function lintSample(ruleName: string, sample: Sample) {
  const extension =
    sample.language === 'jsx' || sample.language === 'tsx' ? sample.language : sample.language === 'ts' ? 'ts' : 'js';
  // Rooted at the fixtures folder, so the typed samples' paths there match the config from any working directory.
  const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
  const rules = { [`tripwire/${ruleName}`]: 'error' as const };
  const plugins = { tripwire: plugin as never };
  if (sample.typed) {
    // Typed samples open as `file.ts` (or `react.tsx`) in the fixtures folder, in the project service's
    // default project, which takes its compiler options from the fixtures tsconfig.json.
    const filename = path.join(
      fixturesDir,
      sample.filename ?? (extension === 'tsx' || extension === 'jsx' ? 'react.tsx' : 'file.ts'),
    );
    return linter.verify(
      sample.code,
      [
        {
          files: ['**/*.ts', '**/*.tsx'],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: {
              projectService: { allowDefaultProject: ['*.ts*'], defaultProject: 'tsconfig.json' },
              tsconfigRootDir: fixturesDir,
            },
          },
          plugins,
          rules,
        },
      ],
      filename,
    );
  }
  const filename = sample.filename ?? `sample.${extension}`;
  return linter.verify(
    sample.code,
    [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { ecmaFeatures: { jsx: true } },
          sourceType: filename.endsWith('.cjs') ? 'commonjs' : 'module',
        },
        plugins,
        rules,
      },
    ],
    filename,
  );
}

for (const [name, rule] of Object.entries(plugin.rules)) {
  describe(`rules/docs/rules/${name}.md`, () => {
    const page = readFileSync(path.join(docsDir, `${name}.md`), 'utf8');
    const samples = samplesOf(page);

    it('has an option heading for every option in the schema', () => {
      const schema = (Array.isArray(rule.meta.schema) ? rule.meta.schema[0] : undefined) as
        { properties?: Record<string, unknown> } | undefined;
      for (const option of Object.keys(schema?.properties ?? {})) {
        assert.match(page, new RegExp(`^#{3,4} \`${option}\``, 'm'), `a "### \`${option}\`" heading`);
      }
    });

    it('marks its samples only with known words, and only ✅ samples as false positives', () => {
      for (const sample of samples) {
        assert.deepEqual(
          sample.unknownWords,
          [],
          `the fence at line ${sample.line} says only typed, false-positive or filename=…`,
        );
        assert.ok(
          !(sample.falsePositive && sample.kind === 'incorrect'),
          `the ❌ sample at line ${sample.line} is not a false positive`,
        );
      }
    });

    if (page.includes(MULTI_FILE)) return;

    it('has samples of both kinds', () => {
      assert.ok(
        samples.some((sample) => sample.kind === 'incorrect'),
        'a ❌ sample',
      );
      assert.ok(
        samples.some((sample) => sample.kind === 'correct'),
        'a ✅ sample',
      );
    });

    for (const sample of samples) {
      const title = `the ${sample.typed ? 'typed ' : ''}${sample.kind === 'incorrect' ? '❌' : '✅'} sample at line ${sample.line} ${sample.kind === 'incorrect' ? 'is reported' : 'is not reported'}`;
      const todo = sample.falsePositive
        ? 'a false positive of the rule: the sample is right, the rule reports it'
        : undefined;
      it(title, { todo }, () => {
        const messages = lintSample(name, sample);
        const problems = messages.filter((message) => message.fatal || message.ruleId === null);
        assert.deepEqual(
          problems.map((message) => `${message.line}:${message.column} ${message.message}`),
          [],
          'the sample parses and is linted',
        );
        const reports = messages.filter((message) => message.ruleId === `tripwire/${name}`);
        if (sample.kind === 'incorrect') assert.ok(reports.length > 0, 'the rule reports the ❌ sample');
        else
          assert.deepEqual(
            reports.map((message) => `${message.line}:${message.column} ${message.message}`),
            [],
            'the rule is quiet on the ✅ sample',
          );
      });
    }
  });
}
