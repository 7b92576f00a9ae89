// Every rule of the plugin lints every syntax-corner fixture, without and with type information, through
// ESLint's real Linter: a rule exception would abort a user's whole lint run, so none may escape.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';
import plugin from '../../rules/src/index.js';
import { askChecker, CHECKER_FAILURE_WARNING } from '../../rules/src/util/checker-guard.js';

const corpusDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'crash-corpus');
const CODE_FILE = /\.(?:[cm]?[jt]sx?)$/;
const JS_FILE = /\.(?:[cm]?jsx?)$/;

/** Every code file of the corpus, relative to its folder, in a stable order. */
function corpusFiles(dir = corpusDir, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...corpusFiles(path.join(dir, entry.name), relative));
    else if (CODE_FILE.test(entry.name)) files.push(relative);
  }
  return files;
}

const ruleIds = Object.keys(plugin.rules).map((name) => `tripwire/${name}`);

/** One lint setup: which parser reads the files and whether a TypeScript program backs them. */
interface Mode {
  name: string;
  typed: boolean;
  applies: (file: string) => boolean;
  languageOptions: Linter.LanguageOptions;
}

const modes: Mode[] = [
  {
    name: 'espree (JavaScript files, no types)',
    typed: false,
    applies: (file) => JS_FILE.test(file),
    languageOptions: {
      parser: espree as unknown as Linter.Parser,
      ecmaVersion: 'latest',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  },
  {
    name: 'typescript-eslint parser, untyped',
    typed: false,
    applies: () => true,
    languageOptions: { parser: tsParser as unknown as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    name: 'typescript-eslint parser, typed (project service)',
    typed: true,
    applies: () => true,
    languageOptions: {
      parser: tsParser as unknown as Linter.Parser,
      parserOptions: { ecmaFeatures: { jsx: true }, projectService: true, tsconfigRootDir: corpusDir },
    },
  },
];

function configFor(mode: Mode, rules: readonly string[]): Linter.Config[] {
  return [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
      plugins: { tripwire: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      languageOptions: mode.languageOptions,
      rules: Object.fromEntries(rules.map((id) => [id, 'error'])),
    },
  ];
}

/** The rules that throw on this file, each with the first line of what it threw; empty when none does. */
function crashingRules(linter: Linter, mode: Mode, text: string, filename: string): string[] {
  try {
    linter.verify(text, configFor(mode, ruleIds), { filename });
    return [];
  } catch {
    // One rule aborted the run: lint with each rule alone to name every culprit, not only the first.
  }
  const crashes: string[] = [];
  for (const id of ruleIds) {
    try {
      linter.verify(text, configFor(mode, [id]), { filename });
    } catch (error) {
      crashes.push(`${id}: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
    }
  }
  return crashes.length > 0 ? crashes : ['the run with every rule threw, yet no rule alone does'];
}

const files = corpusFiles();

/** Checker-failure warnings emitted in this process, in order. */
const checkerWarnings: string[] = [];
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.code === CHECKER_FAILURE_WARNING) checkerWarnings.push(warning.message);
});

/** Process warnings are emitted on the next tick: let them arrive before reading them. */
function warningsDelivered(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('crash corpus: every rule completes on every syntax corner', () => {
  it('has fixtures and lints every registered rule', () => {
    assert.ok(files.length >= 20, `only ${files.length} fixtures`);
    assert.ok(ruleIds.length > 0);
  });

  for (const mode of modes) {
    describe(mode.name, () => {
      const linter = new Linter({ cwd: corpusDir });
      for (const file of files.filter(mode.applies)) {
        it(file, () => {
          const filename = path.join(corpusDir, file);
          const text = readFileSync(filename, 'utf8');
          assert.deepEqual(crashingRules(linter, mode, text, filename), [], `a rule threw on ${file}`);
          const messages = linter.verify(text, configFor(mode, ruleIds), { filename });
          const fatal = messages.filter((message) => message.fatal);
          assert.deepEqual(fatal, [], `${file} must parse, or it tests nothing`);
          const services = linter.getSourceCode().parserServices as { program?: unknown } | undefined;
          assert.equal(
            services?.program != null,
            mode.typed,
            mode.typed ? 'the typed run must have a program' : 'untyped',
          );
        });
      }
    });
  }

  it('a checker failure is a warning once per rule, never an exception', async () => {
    await warningsDelivered();
    const rules = checkerWarnings.map((message) => message.slice(0, message.indexOf(':')));
    assert.deepEqual(rules, [...new Set(rules)], 'one warning per rule');
    // TypeScript 6.0 overflows its stack on the generic method reference in generics-type-args.ts.
    assert.ok(
      checkerWarnings.some(
        (message) => message.startsWith('tripwire/no-floating-promise:') && message.includes('generics-type-args.ts'),
      ),
      checkerWarnings.join('\n'),
    );
  });
});

describe('askChecker', () => {
  const context = { id: 'tripwire/guard-under-test', filename: 'guarded.ts' };

  it('returns the answer of a question that succeeds', () => {
    assert.equal(
      askChecker(context, undefined, () => 42),
      42,
    );
  });

  it('answers undefined for a question that throws, and warns once for the rule however often it fails', async () => {
    const before = checkerWarnings.length;
    assert.equal(
      askChecker(context, undefined, () => {
        throw new RangeError('Maximum call stack size exceeded');
      }),
      undefined,
    );
    assert.equal(
      askChecker(context, undefined, () => {
        throw new Error('Debug Failure. False expression.');
      }),
      undefined,
    );
    await warningsDelivered();
    const added = checkerWarnings.slice(before);
    assert.equal(added.length, 1, added.join('\n'));
    assert.match(
      added[0]!,
      /^tripwire\/guard-under-test: the TypeScript checker failed at guarded\.ts \(RangeError: Maximum call stack/,
    );
  });
});
