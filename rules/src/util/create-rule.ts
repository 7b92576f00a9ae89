import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields every Tripwire rule declares. */
export interface TripwireRuleDocs {
  /** Imperative one-line summary ("Disallow …", "Require …"). */
  description: string;
  /** Whether the rule belongs to `configs.recommended` (and so also `recommended-type-checked`). */
  recommended: boolean;
  /**
   * True when the rule needs type information and is only enabled by `recommended-type-checked`.
   * Rules that merely get sharper with types leave this false: they must work without a program.
   */
  requiresTypeChecking?: boolean;
}

/** Where each rule's documentation page lives: `rules/docs/rules/<rule>.md` in the repository. */
export const DOCS_BASE_URL = 'https://github.com/tripwire-dev/tripwire/blob/main/rules/docs/rules';

export function ruleDocsUrl(ruleName: string): string {
  return `${DOCS_BASE_URL}/${ruleName}.md`;
}

/** The single factory every rule is created through; it sets `meta.docs.url` from the rule name. */
export const createRule = ESLintUtils.RuleCreator<TripwireRuleDocs>(ruleDocsUrl);
