// The benchmark's targets (the linting ones and the language server's), evaluated from one run's
// measurements. Pure: takes summaries, returns PASS / MISS / N/A rows.
import { evaluateTarget, perThousandLines, ratio, sameRoundRatios } from './stats.mjs';

export const LIMITS = {
  syntacticVersusCorePair: 1.05, // T ÷ B
  syntacticRuleMsPer1kLines: 0.5, // Σ tripwire rule time in T
  typedVersusTypedFloor: 1.15, // TT ÷ TT0
  typedVersusTypedAnchor: 0.75, // TT ÷ C
  peakRssVersusCorePair: 1.1, // RSS(T) ÷ RSS(B)
  editedP95OverParseOnlyMs: 5, // single file: T edited p95 − A edited p95
  lspSyntacticP95OverParse: 1.5, // server, syntactic: p95 ÷ ESLint parse time of the file
  lspTypedP95OverParse: 3, // server, type-aware: p95 ÷ ESLint parse time of the file
};

/** Σ of the `tripwire/*` rules' times in a stats summary, and the slowest of them. */
export function tripwireRuleTime(stats) {
  if (!stats?.rules) return { totalMs: Number.NaN, rules: [] };
  const rules = Object.entries(stats.rules)
    .filter(([ruleId]) => ruleId.startsWith('tripwire/'))
    .map(([ruleId, figures]) => ({ ruleId, ...figures }))
    .sort((left, right) => right.totalMs - left.totalMs);
  return { totalMs: rules.reduce((sum, rule) => sum + rule.totalMs, 0), rules };
}

/**
 * Targets for one corpus. `rounds`: list of configId → run result (timed rounds only);
 * `statsRuns`: configId → run result with `stats`; `lines`: lines linted.
 */
export function corpusTargets({ corpusId, rounds, statsRuns, lines }) {
  const cpu = (numerator, denominator) => sameRoundRatios(rounds, numerator, denominator, 'cpuMs');
  const rss = sameRoundRatios(rounds, 'T', 'B', 'peakRssMb');
  const syntactic = tripwireRuleTime(statsRuns.T?.stats);
  return [
    evaluateTarget({
      id: `${corpusId}: T ÷ B (CPU)`,
      description: 'all syntactic Tripwire rules cost no more than core no-loop-func + no-await-in-loop',
      measured: cpu('T', 'B').median,
      limit: LIMITS.syntacticVersusCorePair,
    }),
    evaluateTarget({
      id: `${corpusId}: Σ tripwire rule time (T)`,
      description: 'ms per 1k lines, from ESLint stats',
      measured: perThousandLines(syntactic.totalMs, lines),
      limit: LIMITS.syntacticRuleMsPer1kLines,
      unit: 'ms/1k lines',
    }),
    evaluateTarget({
      id: `${corpusId}: TT ÷ TT0 (CPU)`,
      description: 'type information used after cheap syntactic filters',
      measured: cpu('TT', 'TT0').median,
      limit: LIMITS.typedVersusTypedFloor,
    }),
    evaluateTarget({
      id: `${corpusId}: TT ÷ C (CPU)`,
      description: 'clearly cheaper than the typed anchor',
      measured: cpu('TT', 'C').median,
      limit: LIMITS.typedVersusTypedAnchor,
    }),
    evaluateTarget({
      id: `${corpusId}: peak RSS T ÷ B`,
      description: 'memory of the syntactic rules',
      measured: rss.median,
      limit: LIMITS.peakRssVersusCorePair,
    }),
  ];
}

/** Warm single-file target: T's edited re-lint p95 within 5 ms of parse-only's. */
export function singleFileTargets(single) {
  const parseOnly = single?.A?.edited?.wall?.p95;
  const syntactic = single?.T?.edited?.wall?.p95;
  return [
    evaluateTarget({
      id: 'single file: T edited p95 − A edited p95',
      description: 'warm re-lint after a one-line edit',
      measured: syntactic - parseOnly,
      limit: LIMITS.editedP95OverParseOnlyMs,
      unit: 'ms',
    }),
  ];
}

/**
 * The language server's targets, against ESLint's parse time of the same file. The
 * latency compared is didChange → publishDiagnostics less the server's deliberate debounce
 * (`latencyAfterDebounce`); without it, the raw latency.
 */
export function lspTargets(lsp, parseMs) {
  const p95 = (mode) => mode?.latencyAfterDebounce?.p95 ?? mode?.latency?.p95;
  return [
    evaluateTarget({
      id: 'LSP: syntactic p95 (less debounce) ÷ ESLint parse',
      description: 'didChange → publishDiagnostics',
      measured: ratio(p95(lsp?.syntactic), parseMs),
      limit: LIMITS.lspSyntacticP95OverParse,
    }),
    evaluateTarget({
      id: 'LSP: type-aware p95 (less debounce) ÷ ESLint parse',
      description: 'after the first typed lint',
      measured: ratio(p95(lsp?.typeAware), parseMs),
      limit: LIMITS.lspTypedP95OverParse,
    }),
  ];
}
