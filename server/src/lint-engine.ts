import path from 'node:path';
import { Linter, type Rule } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import tripwire from 'eslint-plugin-tripwire';
import type ts from 'typescript';
import { importGraphOf } from './import-graph.js';
import { collectRuleFailures, guardPluginRules } from './rule-guard.js';
import { severityOf, type RuleSetting } from './settings.js';
import type { TypeInfo } from './type-info.js';

export { LINTABLE_EXTENSIONS } from './file-checks.js';

export interface LintRequest {
  /** Absolute file-system path of the document (it need not exist on disk). */
  filePath: string;
  text: string;
  /** Rule settings by name without the `tripwire/` prefix, applied over the recommended preset. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Give the rules type information (needs `typeInfo` in the engine). */
  typeAware?: boolean;
  /** Type-aware lints: also find the files that depend on this one (`LintOutcome.dependents`). */
  dependents?: boolean;
}

export interface RuleMetaSummary {
  docsUrl: string | undefined;
  fixable: boolean;
  hasSuggestions: boolean;
}

export interface LintOutcome {
  messages: Linter.LintMessage[];
  /** Rules that threw while linting this file (their findings for the file are dropped). */
  ruleFailures: Map<string, unknown>;
  /** Whether the rules actually had type information. */
  typed: boolean;
  /** Why a requested type-aware lint ran without types. */
  typeError?: string;
  /** Time spent bringing the TypeScript program up to date (not charged to the file's budget). */
  programMs: number;
  /** Total time of the lint. */
  totalMs: number;
  /** Rule options that failed validation and were dropped (rule id → message). */
  invalidOptions: Map<string, string>;
  /**
   * Type-aware lints asked for `dependents`: absolute paths of the program's files whose types may
   * depend on the linted file (its importers, and importers of files re-exporting it; see
   * import-graph.ts); undefined when the program's imports cannot be read.
   */
  dependents?: string[];
}

/**
 * Rules run next to the bundled plugin, each at `warn`, under their own plugin namespace. The shipped
 * server passes none; the server tests pass rules that throw, are slow, fix, or read types.
 */
export interface ExtraRules {
  namespace: string;
  rules: Readonly<Record<string, Rule.RuleModule>>;
}

export interface LintEngineOptions {
  /** Type information for type-aware lints; without it every lint is syntactic. */
  typeInfo?: TypeInfo;
  extraRules?: ExtraRules;
}

export interface FixAllOutcome {
  output: string;
  fixed: boolean;
}

const PLUGIN_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/** State of the type-aware parse in progress (verify is synchronous, so one slot is enough). */
interface TypedParseSlot {
  typeInfo: TypeInfo;
  programMs: number;
  typed: boolean;
  /** The program the file was parsed with. */
  program?: ts.Program;
  error?: string;
}

let typedParseSlot: TypedParseSlot | undefined;

/**
 * The parser used for type-aware lints: the bundled typescript-eslint parser, given the program from
 * Tripwire's own project service for the exact text being parsed (also across the passes of fix-all).
 */
const typeAwareParser = {
  meta: { name: 'tripwire/type-aware-parser', version: '1' },
  parseForESLint(code: string, options: Record<string, unknown> = {}) {
    const slot = typedParseSlot;
    const filePath = typeof options['filePath'] === 'string' ? options['filePath'] : undefined;
    if (slot && filePath) {
      const started = performance.now();
      try {
        const program = slot.typeInfo.programFor(filePath, code);
        slot.programMs += performance.now() - started;
        if (program && program.getSourceFile(filePath)) {
          const result = tsParser.parseForESLint(code, {
            ...options,
            programs: [program],
            project: undefined,
            projectService: undefined,
          });
          slot.typed = true;
          slot.program = program;
          return result;
        }
        slot.error ??= 'the file belongs to no TypeScript project';
      } catch (error) {
        slot.programMs += performance.now() - started;
        slot.error ??= error instanceof Error ? error.message : String(error);
      }
    }
    return tsParser.parseForESLint(code, { ...options, programs: null, project: undefined, projectService: undefined });
  },
};

/** The dependents of the linted file in its program, or undefined when the program's imports cannot be read. */
function dependentsIn(program: ts.Program, filePath: string): string[] | undefined {
  try {
    return importGraphOf(program).dependentsOf(filePath);
  } catch {
    return undefined;
  }
}

const INVALID_RULE_CONFIG = /Key "rules": Key "([^"]+)":|Configuration for rule "([^"]+)" is invalid/;

/**
 * The one long-lived ESLint `Linter` with the bundled parser and plugin. It never loads a
 * configuration file, a plugin or a parser from the workspace: the config is built here, in code.
 */
export class LintEngine {
  /** One Linter per file-system root, so every absolute path lies under the Linter's `cwd`. */
  readonly #linters = new Map<string, Linter>();
  readonly #configs = new Map<string, Linter.Config[]>();
  readonly #plugin: NonNullable<Linter.Config['plugins']>[string];
  readonly #extraPlugin: NonNullable<Linter.Config['plugins']>[string] | undefined;
  readonly #extraRules: ExtraRules | undefined;
  readonly typeInfo: TypeInfo | undefined;

  constructor(options: LintEngineOptions = {}) {
    this.typeInfo = options.typeInfo;
    const pluginRules = tripwire.rules as unknown as Record<string, Rule.RuleModule>;
    this.#plugin = { meta: tripwire.meta, rules: guardPluginRules('tripwire', pluginRules) };
    this.#extraRules = options.extraRules;
    this.#extraPlugin = options.extraRules
      ? {
          meta: { name: options.extraRules.namespace },
          rules: guardPluginRules(options.extraRules.namespace, { ...options.extraRules.rules }),
        }
      : undefined;
  }

  /** Names (without prefix) of every rule of the bundled plugin. */
  get ruleNames(): string[] {
    return Object.keys(tripwire.rules);
  }

  lint(request: LintRequest): LintOutcome {
    const started = performance.now();
    const filePath = path.resolve(request.filePath);
    const typeAware = request.typeAware === true && this.typeInfo !== undefined;
    const slot: TypedParseSlot | undefined = typeAware
      ? { typeInfo: this.typeInfo!, programMs: 0, typed: false }
      : undefined;
    const invalidOptions = new Map<string, string>();
    let rules: Record<string, RuleSetting> = { ...request.rules };
    const linter = this.#linterFor(filePath);
    for (let attempt = 0; ; attempt++) {
      const config = this.#configFor(rules, typeAware);
      typedParseSlot = slot;
      try {
        const { result: messages, failures } = collectRuleFailures(() =>
          linter.verify(request.text, config, { filename: filePath }),
        );
        const failedRules = new Set(failures.keys());
        const kept =
          failedRules.size === 0
            ? messages
            : messages.filter((message) => message.ruleId === null || !failedRules.has(message.ruleId));
        const outcome: LintOutcome = {
          messages: kept,
          ruleFailures: failures,
          typed: slot?.typed === true,
          programMs: slot?.programMs ?? 0,
          totalMs: performance.now() - started,
          invalidOptions,
        };
        if (slot && !slot.typed) outcome.typeError = slot.error ?? 'no type information';
        if (slot?.program && request.dependents === true) outcome.dependents = dependentsIn(slot.program, filePath);
        return outcome;
      } catch (error) {
        // Invalid options for one rule make ESLint refuse the whole config: drop those options and retry.
        const match = error instanceof Error ? INVALID_RULE_CONFIG.exec(error.message) : null;
        const ruleId = match?.[1] ?? match?.[2];
        const name = ruleId?.startsWith('tripwire/') ? ruleId.slice('tripwire/'.length) : undefined;
        if (attempt > 5 || name === undefined || rules[name] === undefined || invalidOptions.has(ruleId!)) throw error;
        invalidOptions.set(ruleId!, (error as Error).message.split('\n').slice(0, 3).join(' '));
        rules = { ...rules, [name]: severityOf(rules[name]!) };
      } finally {
        typedParseSlot = undefined;
      }
    }
  }

  /**
   * Applies every safe autofix (never a suggestion), repeatedly as `eslint --fix` does, and returns
   * the fixed text. The caller turns it into minimal edits.
   */
  fixAll(request: LintRequest): FixAllOutcome {
    const filePath = path.resolve(request.filePath);
    const typeAware = request.typeAware === true && this.typeInfo !== undefined;
    const rules: Record<string, RuleSetting> = { ...request.rules };
    const config = this.#configFor(rules, typeAware);
    typedParseSlot = typeAware ? { typeInfo: this.typeInfo!, programMs: 0, typed: false } : undefined;
    try {
      const { result } = collectRuleFailures(() =>
        this.#linterFor(filePath).verifyAndFix(request.text, config, { filename: filePath, fix: true }),
      );
      return { output: result.output, fixed: result.fixed };
    } finally {
      typedParseSlot = undefined;
      // The passes opened intermediate texts in the project service; put the document's text back.
      if (typeAware) this.typeInfo!.programFor(filePath, request.text);
    }
  }

  /** Every rule's documentation link and fix capabilities, by fully qualified id (`tripwire/<rule>`). */
  ruleMeta(ruleId: string): RuleMetaSummary | undefined {
    let rule: Rule.RuleModule | undefined;
    if (ruleId.startsWith('tripwire/'))
      rule = (tripwire.rules as unknown as Record<string, Rule.RuleModule>)[ruleId.slice('tripwire/'.length)];
    else if (this.#extraRules && ruleId.startsWith(`${this.#extraRules.namespace}/`))
      rule = this.#extraRules.rules[ruleId.slice(this.#extraRules.namespace.length + 1)];
    if (!rule) return undefined;
    return {
      docsUrl: rule.meta?.docs?.url,
      fixable: rule.meta?.fixable !== undefined,
      hasSuggestions: rule.meta?.hasSuggestions === true,
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

  #configFor(settings: Readonly<Record<string, RuleSetting>>, typeAware: boolean): Linter.Config[] {
    const key = `${typeAware ? 'typed' : 'syntactic'}:${JSON.stringify(settings)}`;
    const cached = this.#configs.get(key);
    if (cached) return cached;
    const rules: Linter.RulesRecord = {};
    const preset = typeAware ? tripwire.configs['recommended-type-checked'] : tripwire.configs.recommended;
    Object.assign(rules, preset.rules as Linter.RulesRecord);
    for (const [name, setting] of Object.entries(settings)) {
      if ((tripwire.rules as Record<string, unknown>)[name]) rules[`tripwire/${name}`] = setting as Linter.RuleEntry;
    }
    const plugins: NonNullable<Linter.Config['plugins']> = { tripwire: this.#plugin };
    if (this.#extraRules && this.#extraPlugin) {
      plugins[this.#extraRules.namespace] = this.#extraPlugin;
      for (const name of Object.keys(this.#extraRules.rules)) rules[`${this.#extraRules.namespace}/${name}`] = 'warn';
    }
    const config: Linter.Config[] = [
      {
        name: 'tripwire/server',
        files: PLUGIN_FILES,
        languageOptions: {
          parser: (typeAware ? typeAwareParser : tsParser) as unknown as Linter.Parser,
          ecmaVersion: 'latest',
          sourceType: 'module',
        },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        plugins,
        rules,
      },
    ];
    if (this.#configs.size > 64) this.#configs.clear();
    this.#configs.set(key, config);
    return config;
  }
}
