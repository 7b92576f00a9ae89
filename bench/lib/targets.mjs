// The benchmark's targets (the linting ones and the language server's), evaluated from one run's
// measurements. Pure: takes summaries, returns PASS / MISS / N/A rows.
import { evaluateTarget, formatNumber, perThousandLines, ratio, sameRoundRatios } from './stats.mjs';

export const LIMITS = {
  syntacticVersusCorePair: 1.05, // T ÷ B
  syntacticRuleMsPer1kLines: 0.5, // Σ tripwire rule time in T
  typedVersusTypedFloor: 1.15, // TT ÷ TT0
  typedVersusTypedAnchor: 0.6, // TT ÷ C
  typedFloatingPromiseVersusAnchor: 1, // stats: tripwire/no-floating-promise in TT ÷ @typescript-eslint/no-floating-promises in C
  peakRssVersusCorePair: 1.1, // RSS(T) ÷ RSS(B)
  editedP95OverParseOnlyMs: 5, // single file: T edited p95 − A edited p95
  lspSyntacticP95OverParse: 1.2, // server, syntactic: p95 ÷ ESLint parse time of the file
  lspTypedP95OverParse: 2.5, // server, type-aware: p95 ÷ ESLint parse time of the file
  lspTypedFirstEditMs: 2000, // server, type-aware, fresh process: didOpen, first edit → its diagnostics
  lspTypedProjectRssMb: 600, // server, type-aware: RSS after opening the mid-size project
  lspTypedProjectPeakRssMb: 900, // server, type-aware: peak RSS (VmHWM) at that point
  lspCodeActionDuringLintMs: 50, // server: codeAction response time while a type-aware lint runs (p95)
};

/** The typed Tripwire rule and the typescript-eslint rule it is compared with, per-rule stats of TT and C. */
export const FLOATING_PROMISE_RULES = {
  tripwire: 'tripwire/no-floating-promise',
  anchor: '@typescript-eslint/no-floating-promises',
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
 * The typed `no-floating-promise` against typescript-eslint's `no-floating-promises`: each rule's
 * Σ time in the same run's stats round (TT and C lint the same files, so the quotient of the sums
 * is the quotient of the ms per 1k lines).
 */
export function floatingPromiseComparison(statsRuns, lines) {
  const tripwireMs = statsRuns?.TT?.stats?.rules?.[FLOATING_PROMISE_RULES.tripwire]?.totalMs;
  const anchorMs = statsRuns?.C?.stats?.rules?.[FLOATING_PROMISE_RULES.anchor]?.totalMs;
  return {
    tripwirePer1kLines: Number.isFinite(tripwireMs) ? perThousandLines(tripwireMs, lines) : Number.NaN,
    anchorPer1kLines: Number.isFinite(anchorMs) ? perThousandLines(anchorMs, lines) : Number.NaN,
    ratio: ratio(tripwireMs, anchorMs),
  };
}

/**
 * Targets for one corpus. `rounds`: list of configId → run result (timed rounds only);
 * `statsRuns`: configId → run result with `stats`; `lines`: lines linted.
 */
export function corpusTargets({ corpusId, rounds, statsRuns, lines }) {
  const cpu = (numerator, denominator) => sameRoundRatios(rounds, numerator, denominator, 'cpuMs');
  const rss = sameRoundRatios(rounds, 'T', 'B', 'peakRssMb');
  const syntactic = tripwireRuleTime(statsRuns.T?.stats);
  const floating = floatingPromiseComparison(statsRuns, lines);
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
      id: `${corpusId}: typed no-floating-promise ÷ typescript-eslint no-floating-promises (stats)`,
      description: `ms per 1k lines: ${formatNumber(floating.tripwirePer1kLines, 3)} (${FLOATING_PROMISE_RULES.tripwire} in TT) vs ${formatNumber(floating.anchorPer1kLines, 3)} (${FLOATING_PROMISE_RULES.anchor} in C)`,
      measured: floating.ratio,
      limit: LIMITS.typedFloatingPromiseVersusAnchor,
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
 * The language server's targets. The latency compared with ESLint's parse time of the same file is
 * didChange → publishDiagnostics less the server's deliberate debounce (`latencyAfterDebounce`);
 * without it, the raw latency. The type-aware rows: the first edit in a fresh server
 * (`firstEdit.firstEditMs`), memory after opening the mid-size project (`typeAware.project.memory`,
 * the edited file being open too), and code actions answered while a type-aware lint runs
 * (`codeActionDuringLint.inLint.p95`).
 */
export function lspTargets(lsp, parseMs) {
  const p95 = (mode) => mode?.latencyAfterDebounce?.p95 ?? mode?.latency?.p95;
  const typedProject = lsp?.typeAware?.project;
  const openFiles = typedProject?.files === undefined ? undefined : typedProject.files + 1;
  const codeActions = lsp?.codeActionDuringLint;
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
    evaluateTarget({
      id: 'LSP: type-aware first diagnostics after the first edit',
      description:
        'fresh server with typeAware onType: didOpen, the first edit at once, didChange → its publishDiagnostics',
      measured: lsp?.firstEdit?.firstEditMs,
      limit: LIMITS.lspTypedFirstEditMs,
      unit: 'ms',
    }),
    evaluateTarget({
      id: `LSP: type-aware RSS after opening ${openFiles ?? '?'} files`,
      description: 'VmRSS of the server process once every file has its diagnostics',
      measured: typedProject?.memory?.rssMb,
      limit: LIMITS.lspTypedProjectRssMb,
      unit: 'MB',
    }),
    evaluateTarget({
      id: `LSP: type-aware peak RSS after opening ${openFiles ?? '?'} files`,
      description: 'VmHWM of the server process at the same moment',
      measured: typedProject?.memory?.peakRssMb,
      limit: LIMITS.lspTypedProjectPeakRssMb,
      unit: 'MB',
    }),
    evaluateTarget({
      id: 'LSP: code action answered while a type-aware lint runs (p95)',
      description: codeActions?.inLint
        ? `${codeActions.inLint.count} requests sent during ${codeActions.trials} lints; ${codeActions.answeredBeforeDiagnostics} answered before that lint's diagnostics`
        : 'textDocument/codeAction sent while the lint runs',
      measured: codeActions?.inLint?.p95,
      limit: LIMITS.lspCodeActionDuringLintMs,
      unit: 'ms',
    }),
  ];
}
