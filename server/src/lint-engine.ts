import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import tripwire from 'eslint-plugin-tripwire';

/** File extensions Tripwire lints; everything else is left alone. */
export const LINTABLE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

export type RuleSeverity = 'off' | 'warn' | 'error';

export interface LintRequest {
  /** Absolute file-system path of the document (it need not exist on disk). */
  filePath: string;
  text: string;
  /** Severity overrides by rule name without the `tripwire/` prefix. */
  ruleSeverities?: Readonly<Record<string, RuleSeverity>>;
}

export interface RuleMetaSummary {
  docsUrl: string | undefined;
  fixable: boolean;
  hasSuggestions: boolean;
}

/**
 * The one long-lived ESLint `Linter` with the bundled parser and plugin. It never loads a
 * configuration file, a plugin or a parser from the workspace: the config is built here, in code.
 */
export class LintEngine {
  /** One Linter per file-system root, so every absolute path lies under the Linter's `cwd`. */
  readonly #linters = new Map<string, Linter>();

  lint(request: LintRequest): Linter.LintMessage[] {
    const filePath = path.resolve(request.filePath);
    const config = this.#configFor(request.ruleSeverities);
    return this.#linterFor(filePath).verify(request.text, config, { filename: filePath });
  }

  /** Every rule's documentation link and fix capabilities, by fully qualified id (`tripwire/<rule>`). */
  ruleMeta(ruleId: string): RuleMetaSummary | undefined {
    const name = ruleId.startsWith('tripwire/') ? ruleId.slice('tripwire/'.length) : undefined;
    const rule = name === undefined ? undefined : tripwire.rules[name];
    if (!rule) return undefined;
    return {
      docsUrl: rule.meta.docs?.url,
      fixable: rule.meta.fixable !== undefined,
      hasSuggestions: rule.meta.hasSuggestions === true,
    };
  }

  #linterFor(filePath: string): Linter {
    const fsRoot = path.parse(filePath).root;
    let linter = this.#linters.get(fsRoot);
    if (!linter) {
      linter = new Linter({ cwd: fsRoot, configType: 'flat' });
      this.#linters.set(fsRoot, linter);
    }
    return linter;
  }

  #configFor(severities: Readonly<Record<string, RuleSeverity>> | undefined): Linter.Config[] {
    const rules: Linter.RulesRecord = { ...(tripwire.configs.recommended.rules as Linter.RulesRecord) };
    for (const [name, severity] of Object.entries(severities ?? {})) {
      if (tripwire.rules[name]) rules[`tripwire/${name}`] = severity;
    }
    return [
      {
        name: 'tripwire/server',
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: {
          parser: tsParser as unknown as Linter.Parser,
          ecmaVersion: 'latest',
          sourceType: 'module',
        },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        plugins: { tripwire: tripwire as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules,
      },
    ];
  }
}
