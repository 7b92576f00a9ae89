import type { TSESLint } from '@typescript-eslint/utils';
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from './meta.js';
import { rules, type TripwireRuleModule } from './rules/index.js';
import { RULE_TIERS, type RuleTier } from './util/create-rule.js';

export type { RuleTier, TripwireRuleDocs } from './util/create-rule.js';
export type { TripwireRuleModule };
export { rules };

type RuleLevelMap = Record<string, TSESLint.SharedConfig.RuleEntry>;

/**
 * Rule entries of a preset, derived from each rule's own `meta.docs` so presets never drift from the rules:
 * a preset of tier T holds every rule whose tier is T or less demanding (`strict` ⊇ `recommended`).
 */
export function presetRules(
  tier: RuleTier,
  includeTypeChecked: boolean,
  ruleSet: Readonly<Record<string, TripwireRuleModule>> = rules,
): RuleLevelMap {
  const tiers: readonly RuleTier[] = RULE_TIERS.slice(0, RULE_TIERS.indexOf(tier) + 1);
  const entries: RuleLevelMap = {};
  for (const [name, rule] of Object.entries(ruleSet)) {
    const docs = rule.meta.docs;
    if (!docs?.recommended || !tiers.includes(docs.recommended)) continue;
    if (docs.requiresTypeChecking && !includeTypeChecked) continue;
    const strictOptions = tier === 'strict' ? docs.strictOptions : undefined;
    entries[`${PLUGIN_NAMESPACE}/${name}`] = strictOptions ? ['error', ...strictOptions] : 'error';
  }
  return entries;
}

export interface TripwirePlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: {
    /** Syntactic rules only: fast, works in `.js`, needs no type information. */
    recommended: TSESLint.FlatConfig.Config;
    /** `recommended` plus the rules that need type information (set `parserOptions.projectService`). */
    'recommended-type-checked': TSESLint.FlatConfig.Config;
    /** `recommended` plus the rules (and stricter rule modes) that catch more at the price of some noise. */
    strict: TSESLint.FlatConfig.Config;
    /** `strict` plus the rules that need type information; a superset of `recommended-type-checked`. */
    'strict-type-checked': TSESLint.FlatConfig.Config;
  };
}

const plugin: TripwirePlugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as TripwirePlugin['configs'],
};

function preset(
  name: keyof TripwirePlugin['configs'],
  tier: RuleTier,
  includeTypeChecked: boolean,
): TSESLint.FlatConfig.Config {
  return {
    name: `${PLUGIN_NAMESPACE}/${name}`,
    plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: presetRules(tier, includeTypeChecked),
  };
}

plugin.configs.recommended = preset('recommended', 'recommended', false);
plugin.configs['recommended-type-checked'] = preset('recommended-type-checked', 'recommended', true);
plugin.configs.strict = preset('strict', 'strict', false);
plugin.configs['strict-type-checked'] = preset('strict-type-checked', 'strict', true);

export const configs = plugin.configs;
export const meta = plugin.meta;
export default plugin;
