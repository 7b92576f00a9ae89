// Types of bench/lib/targets.mjs.
import type { Round, TargetResult } from './stats.mjs';

export const LIMITS: {
  syntacticVersusCorePair: number;
  syntacticRuleMsPer1kLines: number;
  typedVersusTypedFloor: number;
  typedVersusTypedAnchor: number;
  typedFloatingPromiseVersusAnchor: number;
  peakRssVersusCorePair: number;
  editedP95OverParseOnlyMs: number;
  lspSyntacticP95OverParse: number;
  lspTypedP95OverParse: number;
  lspTypedFirstEditMs: number;
  lspTypedProjectRssMb: number;
  lspTypedProjectPeakRssMb: number;
  lspCodeActionDuringLintMs: number;
};
export const FLOATING_PROMISE_RULES: { tripwire: string; anchor: string };
export interface RuleFigures {
  totalMs: number;
  p50: number;
  p95: number;
  max: number;
  slowestFiles: { file: string; ms: number }[];
}
export interface StatsSummary {
  rules: Record<string, RuleFigures>;
}
export function tripwireRuleTime(stats: StatsSummary | undefined): {
  totalMs: number;
  rules: (RuleFigures & { ruleId: string })[];
};
export function floatingPromiseComparison(
  statsRuns: Record<string, { stats?: StatsSummary } | undefined> | undefined,
  lines: number,
): { tripwirePer1kLines: number; anchorPer1kLines: number; ratio: number };
export function corpusTargets(input: {
  corpusId: string;
  rounds: readonly Round[];
  statsRuns: Record<string, { stats?: StatsSummary } | undefined>;
  lines: number;
}): TargetResult[];
export function singleFileTargets(
  single: Record<string, { edited?: { wall?: { p95?: number } } } | undefined> | undefined,
): TargetResult[];
export function lspTargets(
  lsp:
    | {
        syntactic?: { latency?: { p95?: number }; latencyAfterDebounce?: { p95?: number } };
        typeAware?: {
          latency?: { p95?: number };
          latencyAfterDebounce?: { p95?: number };
          project?: { files?: number; memory?: { rssMb?: number; peakRssMb?: number } };
        };
        firstEdit?: { firstEditMs?: number };
        codeActionDuringLint?: {
          trials: number;
          answeredBeforeDiagnostics: number;
          inLint?: { count: number; p95?: number };
        };
      }
    | undefined,
  parseMs: number | undefined,
): TargetResult[];
