import type { TSESLint } from '@typescript-eslint/utils';
import type { TripwireRuleDocs } from '../util/create-rule.js';
import layerBoundaries from './layer-boundaries.js';
import noAsyncCallbackLeak from './no-async-callback-leak.js';
import noFloatingPromise from './no-floating-promise.js';
import noLeakedTimer from './no-leaked-timer.js';
import noListenerLeak from './no-listener-leak.js';
import noLoopClosureCapture from './no-loop-closure-capture.js';
import noLossyJson from './no-lossy-json.js';
import noMiddlewareNextMisuse from './no-middleware-next-misuse.js';
import noRequestWithoutTimeout from './no-request-without-timeout.js';
import noUnguardedJsonParse from './no-unguarded-json-parse.js';
import noUnvalidatedJson from './no-unvalidated-json.js';
import preferBoundedConcurrency from './prefer-bounded-concurrency.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rules differ in message ids and options
export type TripwireRuleModule = TSESLint.RuleModule<string, any[], TripwireRuleDocs>;

/** Every rule of the plugin, by name (without the `tripwire/` prefix). One import per rule file. */
export const rules: Record<string, TripwireRuleModule> = {
  // loop-closure
  'no-loop-closure-capture': noLoopClosureCapture,
  // async-leak
  'no-floating-promise': noFloatingPromise,
  'no-async-callback-leak': noAsyncCallbackLeak,
  'no-leaked-timer': noLeakedTimer,
  // json-unchecked
  'no-unguarded-json-parse': noUnguardedJsonParse,
  'no-unvalidated-json': noUnvalidatedJson,
  'no-lossy-json': noLossyJson,
  // services
  'no-request-without-timeout': noRequestWithoutTimeout,
  'no-listener-leak': noListenerLeak,
  // connecting traps to the scaffolds
  'prefer-bounded-concurrency': preferBoundedConcurrency,
  'layer-boundaries': layerBoundaries,
  'no-middleware-next-misuse': noMiddlewareNextMisuse,
};
