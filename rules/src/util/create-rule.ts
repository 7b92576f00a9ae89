import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields every Tripwire rule declares. */
export interface TripwireRuleDocs {
  /** Imperative one-line summary ("Disallow …", "Require …"). */
  description: string;
  /**
   * The least demanding preset that enables the rule. `'recommended'`: right on real code, so in every preset;
   * `'strict'`: worth its reports only to teams that want more at the price of noise, so in `strict` and
   * `strict-type-checked` only; `false`: in no preset, turned on by name.
   */
  recommended: RuleTier | false;
  /**
   * True when the rule needs type information and is only enabled by the `…-type-checked` presets.
   * Rules that merely get sharper with types leave this false: they must work without a program.
   */
  requiresTypeChecking?: boolean;
  /**
   * Options the `strict` presets pass instead of the defaults: a stricter mode of a rule whose default
   * mode is in `recommended`. The recommended presets always run the rule with its defaults.
   */
  strictOptions?: readonly unknown[];
}

/** The presets, from the least to the most demanding: each tier's rules are also in every later one. */
export const RULE_TIERS = ['recommended', 'strict'] as const;
export type RuleTier = (typeof RULE_TIERS)[number];

/** Where each rule's documentation page lives: `rules/docs/rules/<rule>.md` in the repository. */
export const DOCS_BASE_URL = 'https://github.com/tripwire-dev/tripwire/blob/main/rules/docs/rules';

export function ruleDocsUrl(ruleName: string): string {
  return `${DOCS_BASE_URL}/${ruleName}.md`;
}

const namedRule = ESLintUtils.RuleCreator<TripwireRuleDocs>(ruleDocsUrl);

/** Freezes a plain options value and everything in it, so a shared copy cannot be changed by a rule. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * The single factory every rule is created through; it sets `meta.docs.url` from the rule name. A file
 * linted without options for the rule (every preset but the strict options) gets one frozen copy of the
 * defaults made when the rule is defined, instead of a structured clone of them per file and rule;
 * options given in the config are merged over the defaults as typescript-eslint's `RuleCreator` does.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, TripwireRuleDocs>>,
): ReturnType<typeof namedRule<Options, MessageIds>> {
  const created = namedRule(rule);
  // The same defaults typescript-eslint's RuleCreator resolves.
  const defaultOptions = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as unknown as Options;
  const defaults = deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaultOptions, null));
  return {
    ...created,
    create(context) {
      const options =
        context.options.length === 0
          ? defaults
          : ESLintUtils.applyDefault<Options, Options>(defaultOptions, context.options);
      return rule.create(context, options);
    },
  };
}
