import type { TSESLint } from '@typescript-eslint/utils';
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from './meta.js';
import { rules, type TripwireRuleModule } from './rules/index.js';

export type { TripwireRuleDocs } from './util/create-rule.js';
export type { TripwireRuleModule };
export { rules };

type RuleLevelMap = Record<string, TSESLint.SharedConfig.RuleEntry>;

/** Rule entries of a preset, derived from each rule's own `meta.docs` so presets never drift from the rules. */
function presetRules(includeTypeChecked: boolean): RuleLevelMap {
  const entries: RuleLevelMap = {};
  for (const [name, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs;
    if (!docs?.recommended) continue;
    if (docs.requiresTypeChecking && !includeTypeChecked) continue;
    entries[`${PLUGIN_NAMESPACE}/${name}`] = 'error';
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
  };
}

const plugin: TripwirePlugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as TripwirePlugin['configs'],
};

plugin.configs.recommended = {
  name: 'tripwire/recommended',
  plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: presetRules(false),
};
plugin.configs['recommended-type-checked'] = {
  name: 'tripwire/recommended-type-checked',
  plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: presetRules(true),
};

export const configs = plugin.configs;
export const meta = plugin.meta;
export default plugin;
