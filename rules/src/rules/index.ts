import type { TSESLint } from '@typescript-eslint/utils';
import type { TripwireRuleDocs } from '../util/create-rule.js';
import noLoopClosureCapture from './no-loop-closure-capture.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rules differ in message ids and options
export type TripwireRuleModule = TSESLint.RuleModule<string, any[], TripwireRuleDocs>;

/** Every rule of the plugin, by name (without the `tripwire/` prefix). One import per rule file. */
export const rules: Record<string, TripwireRuleModule> = {
  'no-loop-closure-capture': noLoopClosureCapture,
};
