import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** The part of a rule context the guard needs: which rule asks, about which file. */
export type CheckerGuardContext = Pick<Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, 'id' | 'filename'>;

/** The `code` of the process warning a checker failure emits. */
export const CHECKER_FAILURE_WARNING = 'TRIPWIRE_CHECKER_FAILURE';

/** Rules that already warned in this process: the warning names the first failure, not every node. */
const warnedRules = new Set<string>();

/**
 * Asks the TypeScript checker one question about one node and returns its answer, or `undefined` when the
 * checker throws. The checker can fail on legal code (its own `Debug` asserts on unusual declaration merges, a
 * stack overflow on recursive generic instantiations), and one exception from a rule aborts the whole ESLint run.
 * `undefined` is the caller's cue to give its untyped answer for that node. Every call a rule makes to the
 * checker (or to a `ts.Type` method, which calls into it) belongs inside `question`.
 */
export function askChecker<T>(
  context: CheckerGuardContext,
  node: TSESTree.Node | undefined,
  question: () => T,
): T | undefined {
  try {
    return question();
  } catch (error) {
    warnCheckerFailure(context, node, error);
    return undefined;
  }
}

function warnCheckerFailure(context: CheckerGuardContext, node: TSESTree.Node | undefined, error: unknown): void {
  const rule = context.id || 'tripwire';
  if (warnedRules.has(rule)) return;
  warnedRules.add(rule);
  const where = node ? `${context.filename}:${node.loc.start.line}:${node.loc.start.column + 1}` : context.filename;
  const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  const message =
    `${rule}: the TypeScript checker failed at ${where} (${reason}). ` +
    'That node was judged without type information; later checker failures of this rule are not reported again.';
  const processLike = (
    globalThis as { process?: { emitWarning?: (warning: string, options: { code: string }) => void } }
  ).process;
  if (typeof processLike?.emitWarning === 'function')
    processLike.emitWarning(message, { code: CHECKER_FAILURE_WARNING });
  else console.warn(message);
}
