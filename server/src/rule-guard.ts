/**
 * Keeps one broken rule from taking the others down. ESLint's `Linter.verify` throws as soon as a
 * rule's listener throws, and every other rule's findings for the file are lost. Each rule the server
 * runs is wrapped: an exception in `create` or in a listener is recorded, the rule goes quiet for the
 * rest of that file, and the other rules finish normally.
 */
import type { Rule } from 'eslint';

/** Failures recorded during the current (synchronous) `verify`, by rule id. */
let currentFailures: Map<string, unknown> | undefined;

function record(ruleId: string, error: unknown): void {
  if (currentFailures && !currentFailures.has(ruleId)) currentFailures.set(ruleId, error);
}

type Listener = (...args: unknown[]) => unknown;

export function guardRule(ruleId: string, rule: Rule.RuleModule): Rule.RuleModule {
  return {
    ...rule,
    create(context) {
      let failed = false;
      let listeners: Rule.RuleListener;
      try {
        listeners = rule.create(context);
      } catch (error) {
        record(ruleId, error);
        return {};
      }
      const guarded: Record<string, Listener> = {};
      for (const [selector, listener] of Object.entries(listeners as Record<string, unknown>)) {
        if (typeof listener !== 'function') continue;
        guarded[selector] = function guardedListener(this: unknown, ...args: unknown[]) {
          if (failed) return undefined;
          try {
            return (listener as Listener).apply(this, args);
          } catch (error) {
            failed = true;
            record(ruleId, error);
            return undefined;
          }
        };
      }
      return guarded as Rule.RuleListener;
    },
  };
}

export function guardPluginRules(
  namespace: string,
  rules: Record<string, Rule.RuleModule>,
): Record<string, Rule.RuleModule> {
  const guarded: Record<string, Rule.RuleModule> = {};
  for (const [name, rule] of Object.entries(rules)) guarded[name] = guardRule(`${namespace}/${name}`, rule);
  return guarded;
}

/** Runs `work` and returns the rule failures it recorded (rule id → error). Not re-entrant; verify is synchronous. */
export function collectRuleFailures<T>(work: () => T): { result: T; failures: Map<string, unknown> } {
  const previous = currentFailures;
  const failures = new Map<string, unknown>();
  currentFailures = failures;
  try {
    return { result: work(), failures };
  } finally {
    currentFailures = previous;
  }
}
