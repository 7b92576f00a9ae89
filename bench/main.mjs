// `npm run bench` — Tripwire against parse time and the anchor rules, in one invocation.
// See bench/README.md for how to run it and how to read the output.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CONCURRENCY_CONFIGS,
  DEFAULT_CONCURRENCY_MODES,
  cliArguments,
  compareConcurrency,
  concurrencyRunFigures,
  findingsOf,
  parseConcurrencyModes,
} from './lib/concurrency.mjs';
import { CONFIGURATIONS, CONFIGURATION_IDS } from './lib/configs.mjs';
import { CORPORA, prepareCorpus, sliceFiles } from './lib/corpora.mjs';
import { runLspBenchmark } from './lib/lsp.mjs';
import {
  formatNumber,
  formatSpread,
  perThousandLines,
  renderTable,
  rotate,
  sameRoundRatios,
  summarize,
} from './lib/stats.mjs';
import {
  FLOATING_PROMISE_RULES,
  LIMITS,
  corpusTargets,
  floatingPromiseComparison,
  lspTargets,
  singleFileTargets,
  tripwireRuleTime,
} from './lib/targets.mjs';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(repositoryRoot, 'bench');
const cacheRoot = path.join(repositoryRoot, '.cache', 'bench-corpora');
const resultsDir = path.join(benchDir, 'results');
const scratchDir = path.join(repositoryRoot, '.cache', 'bench-scratch');
const require = createRequire(import.meta.url);

const USAGE = `Usage: npm run bench [-- options]
  (no option)        full run: warm-up + stats round, then --rounds timed rounds on both corpora,
                     the warm single-file case, .vsix size and extension activation
  --quick            one round (with stats) on a slice of each corpus; under two minutes
  --lsp              the language-server latency benchmark (didChange → publishDiagnostics)
  --rounds N         timed rounds after the warm-up (default 3; --quick: 1)
  --stats-rounds N   warm stats lints of each untyped configuration, in the stats round's process after
                     its first lint; per-rule times are their per-file medians (default 3; 0: first lint)
  --corpus ID[,ID]   only these corpora (${CORPORA.map((corpus) => corpus.id).join(', ')})
  --configs ID[,ID]  only these configurations (${CONFIGURATION_IDS.join(', ')})
  --slice LINES      lint about LINES lines per corpus (default: all; --quick: 20000)
  --edits N          edits in the single-file and LSP runs (default 40 single-file / 300 LSP)
  --no-single        skip the warm single-file case
  --no-concurrency   skip the eslint CLI --concurrency row (ts-node corpus, untyped and typed;
                     --quick runs it on the slice)
  --concurrency-modes LIST
                     the --concurrency values the row runs (default ${DEFAULT_CONCURRENCY_MODES.join(',')}; must include
                     off; a number such as 2 forces that many worker threads)
  --code-action-trials N
                     --lsp: type-aware lints during which code actions are timed (default 10; --quick: 3)
  --help             this text`;

function parseArguments(argv) {
  const options = {
    quick: false,
    lsp: false,
    rounds: undefined,
    statsRounds: 3,
    corpora: undefined,
    configs: undefined,
    slice: undefined,
    edits: undefined,
    single: true,
    concurrency: true,
    concurrencyModes: DEFAULT_CONCURRENCY_MODES,
    codeActionTrials: undefined,
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--quick') options.quick = true;
    else if (argument === '--lsp') options.lsp = true;
    else if (argument === '--rounds') options.rounds = Number(value());
    else if (argument === '--stats-rounds') {
      options.statsRounds = Number(value());
      if (!Number.isInteger(options.statsRounds) || options.statsRounds < 0)
        throw new Error('--stats-rounds needs a whole number ≥ 0');
    } else if (argument === '--corpus') options.corpora = value().split(',');
    else if (argument === '--configs') options.configs = value().split(',');
    else if (argument === '--slice') options.slice = Number(value());
    else if (argument === '--edits') options.edits = Number(value());
    else if (argument === '--no-single') options.single = false;
    else if (argument === '--no-concurrency') options.concurrency = false;
    else if (argument === '--concurrency-modes') options.concurrencyModes = parseConcurrencyModes(value());
    else if (argument === '--code-action-trials') options.codeActionTrials = Number(value());
    else if (argument === '--help' || argument === '-h') options.help = true;
    else throw new Error(`unknown option ${argument}\n${USAGE}`);
  }
  return options;
}

function packageVersion(name) {
  try {
    const manifestPath = require.resolve(`${name}/package.json`, { paths: [repositoryRoot] });
    return JSON.parse(readFileSync(manifestPath, 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/**
 * Where children load the plugin from. The built package (rules/dist, the workspace's
 * `eslint-plugin-tripwire`) is copied once per run into a scratch folder, so a rebuild by someone
 * else during the run neither breaks nor mixes versions; without dist/, the TypeScript source via tsx.
 */
function pluginLocation() {
  const packageDir = path.join(repositoryRoot, 'rules');
  const built = path.join(packageDir, 'dist', 'index.js');
  if (existsSync(built)) {
    const snapshot = path.join(scratchDir, `eslint-plugin-tripwire-${process.pid}`);
    rmSync(snapshot, { recursive: true, force: true });
    mkdirSync(snapshot, { recursive: true });
    cpSync(path.join(packageDir, 'dist'), path.join(snapshot, 'dist'), { recursive: true });
    cpSync(path.join(packageDir, 'package.json'), path.join(snapshot, 'package.json'));
    return {
      entry: path.join(snapshot, 'dist', 'index.js'),
      snapshot,
      loaderArguments: [],
      note: `eslint-plugin-tripwire (rules/dist as built at the start of this run, copied to ${path.relative(repositoryRoot, snapshot)})`,
    };
  }
  return {
    entry: path.join(repositoryRoot, 'rules', 'src', 'index.ts'),
    loaderArguments: ['--import', 'tsx'],
    note: 'rules/src via tsx — rules/dist is missing, run `npm run build` for the shipped code (every configuration runs under tsx then, to stay comparable)',
  };
}

/**
 * The language server the --lsp run starts: TRIPWIRE_BENCH_SERVER when set, else dist/ as built at the
 * start of the run, copied whole (the server finds its worker bundle and TypeScript's lib files next
 * to itself) into a scratch folder, so a rebuild by someone else during the run cannot swap servers
 * between the measurements.
 */
function serverLocation() {
  if (process.env.TRIPWIRE_BENCH_SERVER) return { path: process.env.TRIPWIRE_BENCH_SERVER };
  const built = path.join(repositoryRoot, 'dist');
  if (!existsSync(path.join(built, 'server.js'))) return { path: path.join(built, 'server.js') };
  const snapshot = path.join(scratchDir, `server-${process.pid}`);
  rmSync(snapshot, { recursive: true, force: true });
  mkdirSync(snapshot, { recursive: true });
  cpSync(built, snapshot, { recursive: true, filter: (source) => path.basename(source) !== 'cli.js' });
  return { path: path.join(snapshot, 'server.js'), snapshot };
}

let childCounter = 0;
/** Runs bench/child.mjs with a spec in a fresh process; returns its JSON result or `{ error }`. */
function runChild(spec, loaderArguments) {
  mkdirSync(scratchDir, { recursive: true });
  const id = `${process.pid}-${++childCounter}`;
  const specPath = path.join(scratchDir, `spec-${id}.json`);
  const outPath = path.join(scratchDir, `out-${id}.json`);
  writeFileSync(specPath, JSON.stringify({ ...spec, outPath }));
  const loadBefore = os.loadavg()[0];
  const child = spawnSync(process.execPath, [...loaderArguments, path.join(benchDir, 'child.mjs'), specPath], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60 * 1000,
  });
  let result;
  try {
    result = JSON.parse(readFileSync(outPath, 'utf8'));
  } catch {
    result = {
      error: `child exited ${child.status ?? child.signal} without a result: ${(child.stderr || '').trim().slice(-1500)}`,
    };
  }
  rmSync(specPath, { force: true });
  rmSync(outPath, { force: true });
  result.loadAverage = loadBefore;
  return result;
}

function corpusForChild(corpus) {
  return { id: corpus.id, root: corpus.root, language: corpus.language, sourceType: corpus.sourceType };
}

function seconds(milliseconds) {
  return milliseconds / 1000;
}

function environment(plugin) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
    versions: {
      eslint: packageVersion('eslint'),
      'typescript-eslint': packageVersion('typescript-eslint'),
      typescript: packageVersion('typescript'),
      'eslint-plugin-promise': packageVersion('eslint-plugin-promise'),
      'eslint-plugin-tripwire': packageVersion('eslint-plugin-tripwire'),
    },
    plugin: plugin.note,
  };
}

// ───────────────────────────── whole-corpus rounds ─────────────────────────────

function runCorpusRounds({ corpora, configIds, rounds, statsRounds, quick, plugin, log }) {
  /** corpusId → { statsRuns: configId → result, rounds: [configId → result] } */
  const measurements = Object.fromEntries(corpora.map((corpus) => [corpus.id, { statsRuns: {}, rounds: [] }]));
  const totalRounds = quick ? 1 : rounds + 1;
  for (let round = 0; round < totalRounds; round++) {
    const isStatsRound = round === 0;
    const roundLabel = quick
      ? 'round 1/1 (stats on)'
      : isStatsRound
        ? 'warm-up round (stats on, not timed)'
        : `round ${round}/${rounds}`;
    log(`\n${roundLabel}`);
    for (const corpus of corpora) {
      const roundResults = {};
      for (const configId of rotate(configIds, round)) {
        const result = runChild(
          {
            mode: 'corpus',
            configId,
            corpus: corpusForChild(corpus),
            files: corpus.selectedFiles,
            stats: isStatsRound,
            // Typed configurations keep the first lint's stats: a second lint in the same process
            // would reuse the checker's cached types and hide the typed rules' type computation.
            warmStatsRounds:
              isStatsRound && !CONFIGURATIONS.find((configuration) => configuration.id === configId)?.typed
                ? statsRounds
                : 0,
            pluginEntry: plugin.entry,
          },
          plugin.loaderArguments,
        );
        if (result.error)
          log(`  ${corpus.id} ${configId.padEnd(3)} FAILED: ${result.error.split('\n').slice(0, 3).join(' | ')}`);
        else
          log(
            `  ${corpus.id} ${configId.padEnd(3)} wall ${formatNumber(seconds(result.wallMs))} s  cpu ${formatNumber(seconds(result.cpuMs))} s  rss ${Math.round(result.peakRssMb)} MB  problems ${result.problems}${result.fatal ? `  fatal ${result.fatal}` : ''}`,
          );
        roundResults[configId] = result;
      }
      if (isStatsRound) measurements[corpus.id].statsRuns = roundResults;
      if (quick || !isStatsRound)
        measurements[corpus.id].rounds.push(
          Object.fromEntries(Object.entries(roundResults).filter(([, result]) => !result.error)),
        );
    }
  }
  return measurements;
}

function summarizeCorpus(corpus, measurement, configIds) {
  const rows = {};
  for (const configId of configIds) {
    const runs = measurement.rounds.map((round) => round[configId]).filter(Boolean);
    const statsRun = measurement.statsRuns[configId];
    rows[configId] = {
      runs: runs.length,
      wallMs: summarize(runs.map((run) => run.wallMs)),
      cpuMs: summarize(runs.map((run) => run.cpuMs)),
      peakRssMb: summarize(runs.map((run) => run.peakRssMb)),
      versusA: {
        wall: sameRoundRatios(measurement.rounds, configId, 'A', 'wallMs'),
        cpu: sameRoundRatios(measurement.rounds, configId, 'A', 'cpuMs'),
      },
      problems: (runs[0] ?? statsRun)?.problems,
      fatal: (runs[0] ?? statsRun)?.fatal,
      byRule: (runs[0] ?? statsRun)?.byRule,
      rulesEnabled: (runs[0] ?? statsRun)?.rulesEnabled ?? [],
      error: statsRun?.error,
    };
  }
  const pairs = [
    ['T', 'B'],
    ['TT', 'TT0'],
    ['TT', 'C'],
    ['TT0', 'A'],
    ['C', 'TT0'],
  ].filter(([numerator, denominator]) => configIds.includes(numerator) && configIds.includes(denominator));
  const ratios = Object.fromEntries(
    pairs.map(([numerator, denominator]) => [
      `${numerator}/${denominator}`,
      {
        wall: sameRoundRatios(measurement.rounds, numerator, denominator, 'wallMs'),
        cpu: sameRoundRatios(measurement.rounds, numerator, denominator, 'cpuMs'),
        peakRss: sameRoundRatios(measurement.rounds, numerator, denominator, 'peakRssMb'),
      },
    ]),
  );
  const allRuns = measurement.rounds.flatMap((round) => Object.values(round));
  const machine = {
    loadAverage: summarize(allRuns.map((run) => run.loadAverage)),
    wallOverCpu: summarize(allRuns.map((run) => run.wallMs / run.cpuMs)),
  };
  const lines = corpus.selectedFiles.reduce((sum, file) => sum + file.lines, 0);
  const targets = corpusTargets({
    corpusId: corpus.id,
    rounds: measurement.rounds,
    statsRuns: measurement.statsRuns,
    lines,
  });
  return { configurations: rows, ratios, targets, lines, files: corpus.selectedFiles.length, machine };
}

function shortPath(file, corpus) {
  return path.relative(corpus.root, file);
}

function printCorpusReport(corpus, summary, measurement, log) {
  const configIds = Object.keys(summary.configurations);
  log(
    `\n## ${corpus.id}: ${summary.files} files, ${summary.lines.toLocaleString('en-US')} lines (${measurement.rounds.length} timed round${measurement.rounds.length === 1 ? '' : 's'}; medians, min–max)`,
  );
  const rows = configIds.map((configId) => {
    const row = summary.configurations[configId];
    const label = CONFIGURATIONS.find((configuration) => configuration.id === configId).label;
    return [
      `${configId} ${label}`,
      row.error && row.runs === 0
        ? `failed: ${row.error.split('\n')[0].slice(0, 60)}`
        : formatSpread({
            ...row.wallMs,
            median: seconds(row.wallMs.median),
            min: seconds(row.wallMs.min),
            max: seconds(row.wallMs.max),
          }),
      formatSpread({
        ...row.cpuMs,
        median: seconds(row.cpuMs.median),
        min: seconds(row.cpuMs.min),
        max: seconds(row.cpuMs.max),
      }),
      formatNumber(row.versusA.wall.median),
      formatNumber(row.versusA.cpu.median),
      formatNumber(row.peakRssMb.median, 0),
      row.problems === undefined ? '–' : `${row.problems}${row.fatal ? ` (+${row.fatal} fatal)` : ''}`,
    ];
  });
  log(renderTable(['configuration', 'wall s', 'CPU s', '× A wall', '× A CPU', 'peak RSS MB', 'problems'], rows));
  const { loadAverage, wallOverCpu } = summary.machine;
  log(
    `machine: 1-min load average ${formatNumber(loadAverage.min, 1)}–${formatNumber(loadAverage.max, 1)} at the start of the runs; wall ÷ CPU median ${formatNumber(wallOverCpu.median, 2)} (max ${formatNumber(wallOverCpu.max, 2)})${wallOverCpu.median > 1.2 ? ' — other processes competed for the cores: trust the CPU column' : ''}`,
  );

  const ratioRows = Object.entries(summary.ratios).map(([pair, figures]) => [
    pair.replace('/', ' ÷ '),
    formatSpread(figures.wall),
    formatSpread(figures.cpu),
    formatSpread(figures.peakRss),
  ]);
  if (ratioRows.length) {
    log('\nsame-round ratios (median over rounds, min–max):');
    log(renderTable(['ratio', 'wall', 'CPU', 'peak RSS'], ratioRows));
  }

  // Per-rule time from the stats round.
  const ruleRows = [];
  for (const configId of configIds) {
    const stats = measurement.statsRuns[configId]?.stats;
    if (!stats) continue;
    for (const [ruleId, figures] of Object.entries(stats.rules).sort(
      (left, right) => right[1].totalMs - left[1].totalMs,
    )) {
      ruleRows.push([
        `${configId}: ${ruleId}`,
        formatNumber(figures.totalMs, 1),
        formatNumber(perThousandLines(figures.totalMs, summary.lines), 3),
        `${formatNumber(figures.p50, 3)} / ${formatNumber(figures.p95, 3)} / ${formatNumber(figures.max, 2)}`,
        String(summary.configurations[configId]?.byRule?.[ruleId] ?? 0),
      ]);
    }
  }
  if (ruleRows.length) {
    const warmRounds = Math.max(
      0,
      ...configIds.map((configId) => measurement.statsRuns[configId]?.stats?.warmRounds ?? 0),
    );
    log(
      warmRounds > 0
        ? `\nper-rule time (ESLint stats, stats round; untyped configurations: per-file medians of ${warmRounds} warm lints after the first in the same process; typed: the first lint):`
        : '\nper-rule time (ESLint stats, stats round, first lint of each process):',
    );
    log(renderTable(['rule', 'Σ ms', 'ms / 1k lines', 'per-file p50 / p95 / max ms', 'problems'], ruleRows));
  }
  const warmT = tripwireRuleTime(measurement.statsRuns.T?.stats);
  const coldT = tripwireRuleTime(measurement.statsRuns.T?.coldStats);
  if (Number.isFinite(warmT.totalMs) && Number.isFinite(coldT.totalMs))
    log(
      `Σ tripwire rule time in T: ${formatNumber(perThousandLines(warmT.totalMs, summary.lines), 3)} ms / 1k lines warm (median of ${measurement.statsRuns.T.stats.warmRounds} lints), ${formatNumber(perThousandLines(coldT.totalMs, summary.lines), 3)} in the process's first lint`,
    );
  const floating = floatingPromiseComparison(measurement.statsRuns, summary.lines);
  if (Number.isFinite(floating.ratio))
    log(
      `typed ${FLOATING_PROMISE_RULES.tripwire} (TT) vs ${FLOATING_PROMISE_RULES.anchor} (C), same stats round: ${formatNumber(floating.tripwirePer1kLines, 3)} vs ${formatNumber(floating.anchorPer1kLines, 3)} ms / 1k lines = ${formatNumber(floating.ratio, 2)}× (aim ≤ ${LIMITS.typedFloatingPromiseVersusAnchor}×)`,
    );
  const phaseRows = configIds
    .map((configId) => [configId, measurement.statsRuns[configId]?.stats])
    .filter(([, stats]) => stats)
    .map(([configId, stats]) => [
      configId,
      formatNumber(seconds(stats.parseMs)),
      formatNumber(seconds(stats.rulesMs)),
      formatNumber(seconds(stats.totalMs - stats.parseMs - stats.rulesMs)),
      `${formatNumber(stats.perFileTotal.p50, 1)} / ${formatNumber(stats.perFileTotal.p95, 1)} / ${formatNumber(stats.perFileTotal.max, 0)}`,
    ]);
  if (phaseRows.length) {
    log('\nwhere the time goes (stats round, sums over files):');
    log(renderTable(['config', 'Σ parse s', 'Σ rules s', 'Σ other s', 'per-file total ms p50 / p95 / max'], phaseRows));
  }
  for (const configId of ['T', 'TT']) {
    const enabled = summary.configurations[configId]?.rulesEnabled;
    if (enabled)
      log(
        `${configId} enables ${enabled.length} rule${enabled.length === 1 ? '' : 's'}: ${enabled.join(', ') || '(none)'}`,
      );
  }
}

const TARGET_DECIMALS = { '×': 2, ms: 1, MB: 0 };

function printTargets(targets, log, explain) {
  log(
    renderTable(
      ['target', 'measured', 'limit', 'result'],
      targets.map((target) => [
        target.id,
        target.measured === null
          ? '–'
          : `${formatNumber(target.measured, TARGET_DECIMALS[target.unit] ?? 3)}${target.unit === '×' ? '' : ` ${target.unit}`}`,
        `${target.comparison} ${target.limit}${target.unit === '×' ? '' : ` ${target.unit}`}`,
        target.status,
      ]),
    ),
  );
  for (const target of targets) if (target.status === 'MISS' && explain) explain(target);
}

/** For a missed corpus target: the slowest Tripwire rules and their slowest files (once per corpus and config). */
function explainCorpusMiss(target, corpus, measurement, log, explained) {
  if (target.id.includes(FLOATING_PROMISE_RULES.tripwire.replace('tripwire/', ''))) {
    const lines = corpus.selectedFiles.reduce((sum, file) => sum + file.lines, 0);
    for (const [configId, ruleId] of [
      ['TT', FLOATING_PROMISE_RULES.tripwire],
      ['C', FLOATING_PROMISE_RULES.anchor],
    ]) {
      const rule = measurement.statsRuns[configId]?.stats?.rules?.[ruleId];
      if (!rule) continue;
      const outliers = rule.slowestFiles
        .slice(0, 3)
        .map((file) => `${shortPath(file.file, corpus)} ${formatNumber(file.ms, 2)} ms`)
        .join(', ');
      log(
        `  ${ruleId} (${configId}): ${formatNumber(perThousandLines(rule.totalMs, lines), 3)} ms/1k lines, per-file p95 ${formatNumber(rule.p95, 3)} ms, max ${formatNumber(rule.max, 2)} ms; slowest: ${outliers}`,
      );
    }
    return;
  }
  const configId = /TT/.test(target.id) ? 'TT' : 'T';
  const key = `${corpus.id}/${configId}`;
  if (explained.has(key)) {
    log(`  ${target.id} MISS — see the ${configId} rules named above for ${corpus.id}`);
    return;
  }
  explained.add(key);
  const stats = measurement.statsRuns[configId]?.stats;
  const tripwire = tripwireRuleTime(stats);
  if (tripwire.rules.length === 0) {
    const slowest = stats?.slowestFilesByTotal
      ?.slice(0, 3)
      .map((file) => `${shortPath(file.file, corpus)} ${formatNumber(file.total, 0)} ms`)
      .join(', ');
    log(
      `  ${target.id} MISS: no tripwire rule time recorded (${configId} enables no tripwire rules, or the stats round failed); slowest files overall: ${slowest ?? '–'}. Same-round ratios this close to 1 are within the machine's noise; rerun with --rounds 5.`,
    );
    return;
  }
  log(`  ${target.id} MISS — slowest tripwire rules in ${configId}:`);
  for (const rule of tripwire.rules.slice(0, 3)) {
    const outliers = rule.slowestFiles
      .slice(0, 3)
      .map((file) => `${shortPath(file.file, corpus)} ${formatNumber(file.ms, 2)} ms`)
      .join(', ');
    log(
      `    ${rule.ruleId}: ${formatNumber(
        perThousandLines(
          rule.totalMs,
          corpus.selectedFiles.reduce((sum, file) => sum + file.lines, 0),
        ),
        3,
      )} ms/1k lines, per-file p95 ${formatNumber(rule.p95, 3)} ms, max ${formatNumber(rule.max, 2)} ms; outliers: ${outliers}`,
    );
  }
}

// ───────────────────────────── single file, extension ─────────────────────────────

function runSingleFile({ corpus, configIds, plugin, edits, unchanged, warmup, log }) {
  const single = {};
  log(
    `\nwarm single file: ${shortPath(corpus.singleFile, corpus)} (${readFileSync(corpus.singleFile, 'utf8').split('\n').length} lines), ${edits} edited re-lints after ${warmup} warm-up edits, ${unchanged} unchanged re-lints`,
  );
  // Untyped configurations share one process and alternate edit by edit; typed ones get their own.
  const untyped = configIds.filter((id) => !CONFIGURATIONS.find((configuration) => configuration.id === id)?.typed);
  const groups = [
    ...(untyped.length ? [untyped] : []),
    ...configIds.filter((id) => !untyped.includes(id)).map((id) => [id]),
  ];
  for (const group of groups) {
    const result = runChild(
      {
        mode: 'single',
        configIds: group,
        corpus: corpusForChild(corpus),
        file: corpus.singleFile,
        pluginEntry: plugin.entry,
        editIterations: edits,
        unchangedIterations: unchanged,
        warmupEdits: warmup,
      },
      plugin.loaderArguments,
    );
    for (const configId of group) {
      const figures = result.error ? { error: result.error } : result.results[configId];
      if (figures.error) log(`  ${configId} FAILED: ${figures.error.split('\n')[0]}`);
      else
        log(
          `  ${configId.padEnd(3)} cold ${formatNumber(figures.coldMs, 0)} ms, edited p50/p95 ${formatNumber(figures.edited.wall.p50, 1)} / ${formatNumber(figures.edited.wall.p95, 1)} ms${group.length > 1 ? ` (alternating with ${figures.sharedProcessWith.join(', ')} in one process)` : ''}`,
        );
      single[configId] = figures;
    }
  }
  return single;
}

function printSingleFile(single, log) {
  const rows = Object.entries(single)
    .filter(([, result]) => !result.error)
    .map(([configId, result]) => [
      configId,
      formatNumber(result.coldMs, 0),
      `${formatNumber(result.unchanged.wall.p50, 1)} / ${formatNumber(result.unchanged.wall.p95, 1)}`,
      `${formatNumber(result.edited.wall.p50, 1)} / ${formatNumber(result.edited.wall.p95, 1)}`,
      `${formatNumber(result.edited.parse.p50, 1)} / ${formatNumber(result.edited.rules.p50, 2)}`,
      `${formatNumber(result.peakRssMb, 0)}${result.sharedProcessWith?.length ? ' (shared)' : ''}`,
      String(result.problems),
    ]);
  log(
    renderTable(
      [
        'config',
        'cold ms',
        'unchanged p50 / p95 ms',
        'edited p50 / p95 ms',
        'edited parse / rules p50 ms',
        'peak RSS MB',
        'problems',
      ],
      rows,
    ),
  );
}

function extensionFigures(plugin, log) {
  const figures = {};
  const vsix = readdirSync(repositoryRoot)
    .filter((name) => /^tripwire-.*\.vsix$/.test(name))
    .sort();
  if (vsix.length === 0) {
    figures.vsix = { available: false, note: 'no tripwire-*.vsix in the repository root: run npm run package' };
  } else {
    const newest = vsix
      .map((name) => ({ name, stat: statSync(path.join(repositoryRoot, name)) }))
      .sort((left, right) => right.stat.mtimeMs - left.stat.mtimeMs)[0];
    figures.vsix = { available: true, file: newest.name, bytes: newest.stat.size };
  }
  const bundle = path.join(repositoryRoot, 'dist', 'extension.js');
  if (!existsSync(bundle)) {
    figures.activation = { available: false, note: 'dist/extension.js is missing: run npm run build' };
  } else {
    const samples = [];
    let lastError;
    for (let sample = 0; sample < 5; sample++) {
      const result = runChild({ mode: 'activation', bundle }, []);
      if (result.error) lastError = result.error;
      else samples.push(result);
    }
    figures.activation = samples.length
      ? {
          available: true,
          requireMs: summarize(samples.map((sample) => sample.requireMs)),
          hasActivate: samples[0].hasActivate,
          bundleBytes: statSync(bundle).size,
        }
      : { available: false, note: `loading dist/extension.js failed: ${lastError.split('\n')[0]}` };
  }
  log('\n## extension');
  log(
    figures.vsix.available
      ? `.vsix: ${figures.vsix.file}, ${formatNumber(figures.vsix.bytes / 1024, 0)} KiB`
      : `.vsix: ${figures.vsix.note}`,
  );
  log(
    figures.activation.available
      ? `activation: require(dist/extension.js) with a stub vscode module: median ${formatNumber(figures.activation.requireMs.median, 1)} ms (min–max ${formatNumber(figures.activation.requireMs.min, 1)}–${formatNumber(figures.activation.requireMs.max, 1)}, 5 fresh processes), bundle ${formatNumber(figures.activation.bundleBytes / 1024, 0)} KiB${figures.activation.hasActivate ? '' : ', NOTE: no activate() export'}`
      : `activation: ${figures.activation.note}`,
  );
  return figures;
}

// ───────────────────────────── eslint CLI --concurrency ─────────────────────────────

/**
 * The real `eslint` CLI on the corpus's selected files, once per configuration (T, TT) and mode.
 * Each run is a fresh process: bench/cli.config.mjs builds the same flat config as the corpus rounds,
 * bench/cli-probe.mjs (preloaded) counts ESLint's worker threads and records the process's peak RSS
 * and CPU time. Wall time is measured here, around the whole process.
 */
function runCliConcurrency({ corpus, modes, plugin, log }) {
  mkdirSync(scratchDir, { recursive: true });
  const eslintBin = path.join(
    path.dirname(require.resolve('eslint/package.json', { paths: [repositoryRoot] })),
    'bin',
    'eslint.js',
  );
  const probeUrl = pathToFileURL(path.join(benchDir, 'cli-probe.mjs')).href;
  const files = corpus.selectedFiles.map((file) => file.path);
  const lines = corpus.selectedFiles.reduce((sum, file) => sum + file.lines, 0);
  log(
    `\neslint CLI --concurrency on ${corpus.id}: ${files.length} files, ${lines.toLocaleString('en-US')} lines; modes ${modes.join(', ')}; ${os.availableParallelism()} available parallelism`,
  );
  const rows = [];
  for (const { configId, label } of CONCURRENCY_CONFIGS) {
    const runs = [];
    for (const mode of modes) {
      const id = `${process.pid}-cli-${configId}-${mode}`;
      const specPath = path.join(scratchDir, `cli-spec-${id}.json`);
      const probePath = path.join(scratchDir, `cli-probe-${id}.json`);
      const outputFile = path.join(scratchDir, `cli-out-${id}.json`);
      writeFileSync(specPath, JSON.stringify({ configId, corpus: corpusForChild(corpus), pluginEntry: plugin.entry }));
      for (const stale of [probePath, outputFile]) rmSync(stale, { force: true });
      const started = performance.now();
      const child = spawnSync(
        process.execPath,
        cliArguments({
          loaderArguments: plugin.loaderArguments,
          probeUrl,
          eslintBin,
          configFile: path.join(benchDir, 'cli.config.mjs'),
          mode,
          outputFile,
          files,
        }),
        {
          cwd: corpus.root,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          timeout: 30 * 60 * 1000,
          env: { ...process.env, TRIPWIRE_BENCH_CLI_SPEC: specPath, TRIPWIRE_BENCH_PROBE_OUT: probePath },
        },
      );
      const wallMs = performance.now() - started;
      let run;
      try {
        if (child.status !== 0 && child.status !== 1) throw new Error(`eslint exited ${child.status ?? child.signal}`);
        const probe = JSON.parse(readFileSync(probePath, 'utf8'));
        const findings = findingsOf(JSON.parse(readFileSync(outputFile, 'utf8')));
        run = concurrencyRunFigures({ mode, wallMs, probe, findings });
      } catch (error) {
        run = { mode, error: `${error?.message ?? error}: ${(child.stderr || '').trim().slice(-800)}` };
      }
      for (const scratch of [specPath, probePath, outputFile]) rmSync(scratch, { force: true });
      runs.push(run);
      log(
        run.error
          ? `  ${configId.padEnd(2)} --concurrency=${mode} FAILED: ${run.error.split('\n').slice(0, 3).join(' | ')}`
          : `  ${configId.padEnd(2)} --concurrency=${mode}: wall ${formatNumber(seconds(run.wallMs), 1)} s, CPU ${formatNumber(seconds(run.cpuMs), 1)} s, ${run.workers} worker thread${run.workers === 1 ? '' : 's'}, peak RSS ${formatNumber(run.peakRssMb, 0)} MB, ${run.problems} problems`,
      );
    }
    rows.push({ configId, label, runs, comparisons: compareConcurrency(runs) });
  }
  return {
    corpus: corpus.id,
    files: files.length,
    lines,
    modes,
    availableParallelism: os.availableParallelism(),
    rows,
  };
}

function printCliConcurrency(concurrency, log) {
  log(
    `\n## eslint CLI --concurrency (${concurrency.corpus}, ${concurrency.files} files, ${concurrency.lines.toLocaleString('en-US')} lines; one fresh process per run)`,
  );
  const tableRows = [];
  for (const row of concurrency.rows) {
    for (const run of row.runs) {
      tableRows.push(
        run.error
          ? [`${row.configId} ${row.label}`, run.mode, 'failed', '', '', '', '', '']
          : [
              `${row.configId} ${row.label}`,
              run.mode,
              String(run.workers),
              formatNumber(seconds(run.wallMs), 1),
              formatNumber(seconds(run.cpuMs), 1),
              formatNumber(run.peakRssMb, 0),
              formatNumber(run.peakRssPerLintThreadMb, 0),
              `${run.problems}${run.fatal ? ` (+${run.fatal} fatal)` : ''}`,
            ],
      );
    }
  }
  log(
    renderTable(
      [
        'configuration',
        '--concurrency',
        'worker threads',
        'wall s',
        'CPU s',
        'peak RSS MB',
        'peak RSS per lint thread MB',
        'problems',
      ],
      tableRows,
    ),
  );
  for (const row of concurrency.rows) {
    for (const comparison of row.comparisons) {
      log(
        `${row.configId}: ${comparison.mode} ÷ off: wall ${formatNumber(comparison.wallVersusOff, 2)}×, CPU ${formatNumber(comparison.cpuVersusOff, 2)}×, peak RSS ${formatNumber(comparison.peakRssVersusOff, 2)}×; findings ${comparison.sameFindings === undefined ? 'not compared' : comparison.sameFindings ? 'identical' : 'DIFFER'}`,
      );
    }
  }
  log(
    'Peak RSS is the whole process (worker threads share it; maxRSS from process.resourceUsage() at exit); per lint thread = peak ÷ worker threads, or ÷ 1 when ESLint started none and linted on its main thread.',
  );
  if (concurrency.rows.some((row) => row.runs.some((run) => run.mode === 'auto' && run.workers === 0)))
    log(
      `auto started no worker thread: ESLint caps auto at half the available parallelism (${concurrency.availableParallelism} >> 1 = ${concurrency.availableParallelism >> 1}) and never starts just one; add a number (--concurrency-modes off,auto,2) to measure threads on this machine.`,
    );
}

// ───────────────────────────── main ─────────────────────────────

export async function main(argv) {
  const options = parseArguments(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const startedAt = Date.now();
  const log = (line = '') => console.log(line);
  const plugin = pluginLocation();
  const env = environment(plugin);
  log(`# Tripwire benchmark${options.quick ? ' (--quick)' : ''}${options.lsp ? ' (--lsp)' : ''} — ${env.date}`);
  log(
    `node ${env.node}, ${env.cpu}, ${env.memoryGb} GiB, load ${env.loadAverageAtStart.join(' ')}; ${Object.entries(
      env.versions,
    )
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
  );
  log(`plugin: ${env.plugin}`);
  log(
    "Quote ratios from one run, not seconds: absolute times move with the machine's load; ratios are computed inside each round.",
  );

  const wantedCorpora = CORPORA.filter((corpus) => !options.corpora || options.corpora.includes(corpus.id));
  const lspOnly = options.lsp;
  const corpora = [];
  log('\ncorpora (pinned by version and sha512, cached in .cache/bench-corpora/):');
  for (const definition of lspOnly ? CORPORA.filter((corpus) => corpus.singleFile) : wantedCorpora) {
    const corpus = prepareCorpus(definition, cacheRoot, (line) => log(line));
    const sliceLines = options.slice ?? (options.quick ? 20000 : undefined);
    corpus.selectedFiles = sliceLines ? sliceFiles(corpus.files, sliceLines) : corpus.files;
    const selectedLines = corpus.selectedFiles.reduce((sum, file) => sum + file.lines, 0);
    log(
      `  ${corpus.id}: ${corpus.files.length} files, ${corpus.lines.toLocaleString('en-US')} lines (${corpus.nonBlank.toLocaleString('en-US')} non-blank) — ${corpus.packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}${corpus.selectedFiles !== corpus.files ? `; slice: ${corpus.selectedFiles.length} files, ${selectedLines.toLocaleString('en-US')} lines` : ''}`,
    );
    corpora.push(corpus);
  }

  const report = {
    environment: env,
    options,
    corpora: corpora.map(({ files, selectedFiles, ...rest }) => ({
      ...rest,
      files: files.length,
      selectedFiles: selectedFiles.length,
      selectedLines: selectedFiles.reduce((sum, file) => sum + file.lines, 0),
    })),
  };
  const allTargets = [];

  if (lspOnly) {
    const corpus = corpora[0];
    const edits = options.edits ?? (options.quick ? 60 : 300);
    report.singleFile = runSingleFile({
      corpus,
      configIds: ['A', 'T', 'TT0', 'TT'],
      plugin,
      edits: options.quick ? 10 : 30,
      unchanged: 3,
      warmup: 3,
      log,
    });
    const parseMs = report.singleFile.A?.edited?.parse?.p50;
    log(
      `\nESLint parse time of the file (config A, warm, edited, p50): ${formatNumber(parseMs, 1)} ms; whole lint p50/p95 ${formatNumber(report.singleFile.A?.edited?.wall?.p50, 1)} / ${formatNumber(report.singleFile.A?.edited?.wall?.p95, 1)} ms`,
    );
    const server = serverLocation();
    report.lsp = await runLspBenchmark({
      serverPath: server.path,
      repositoryRoot,
      corpus,
      edits,
      codeActionTrials: options.codeActionTrials ?? (options.quick ? 3 : 10),
      log,
    });
    if (server.snapshot) rmSync(server.snapshot, { recursive: true, force: true });
    log('\n## language server (didChange → publishDiagnostics over stdio)');
    const lsp = report.lsp;
    if (!lsp.available) log(`not available: ${lsp.note}`);
    else {
      const lspRows = [];
      for (const [mode, figures] of [
        ['syntactic', lsp.syntactic],
        ['type-aware', lsp.typeAware],
      ]) {
        if (!figures || figures.available === false || !figures.latency) {
          lspRows.push([
            mode,
            figures?.note ?? (lsp.error ? `failed: ${lsp.error}` : 'not measured'),
            '',
            '',
            '',
            '',
            '',
          ]);
          continue;
        }
        lspRows.push([
          mode,
          `${formatNumber(figures.latency.p50, 1)} / ${formatNumber(figures.latency.p95, 1)}`,
          `${formatNumber(figures.latencyAfterDebounce.p50, 1)} / ${formatNumber(figures.latencyAfterDebounce.p95, 1)}`,
          formatNumber(figures.firstLintMs, 0),
          formatNumber(figures.latencyAfterDebounce.p95 / parseMs, 2),
          figures.project
            ? `${formatNumber(figures.project.memory.rssMb, 0)} (peak ${formatNumber(figures.project.memory.peakRssMb, 0)})`
            : '–',
          String(figures.diagnostics),
        ]);
      }
      log(
        `${lsp.file} (${lsp.lines} lines), ${lsp.edits} edits; debounce ${lsp.debounce.ms} ms (${lsp.debounce.source}); memory after opening the ${lsp.project.files} files of ${lsp.project.folder}; ESLint parse of the same file (A, edited, p50): ${formatNumber(parseMs, 1)} ms`,
      );
      log(
        renderTable(
          [
            'mode',
            'didChange → diagnostics p50 / p95 ms',
            'less debounce p50 / p95 ms',
            'first lint ms',
            'p95 (less debounce) ÷ ESLint parse',
            'server RSS MB',
            'diagnostics',
          ],
          lspRows,
        ),
      );
      const firstEdit = lsp.firstEdit;
      if (firstEdit)
        log(
          firstEdit.available
            ? `type-aware, fresh server (didOpen, then the first edit at once): first edit → its diagnostics ${formatNumber(firstEdit.firstEditMs, 0)} ms; didOpen → first diagnostics ${formatNumber(firstEdit.openToFirstDiagnosticsMs, 0)} ms; RSS then ${formatNumber(firstEdit.memory?.rssMb, 0)} MB (peak ${formatNumber(firstEdit.memory?.peakRssMb, 0)})`
            : `type-aware, fresh server: ${firstEdit.note}`,
        );
      const codeActions = lsp.codeActionDuringLint;
      if (codeActions)
        log(
          `code actions while a type-aware lint of ${lsp.file} runs (${codeActions.trials} lints, median ${formatNumber(codeActions.lintMs.median, 0)} ms from start to diagnostics; start = ${codeActions.startFrom.join(', ')}): ${codeActions.inLint.count} requests, response p50 / p95 / max ${formatNumber(codeActions.inLint.p50, 1)} / ${formatNumber(codeActions.inLint.p95, 1)} / ${formatNumber(codeActions.inLint.max, 1)} ms; first request of each lint: median ${formatNumber(codeActions.first.median, 1)} ms, max ${formatNumber(codeActions.first.max, 1)} ms; ${codeActions.answeredBeforeDiagnostics} of ${codeActions.inLint.count} answered before that lint's diagnostics${codeActions.unanswered ? `; ${codeActions.unanswered} unanswered` : ''}`,
        );
    }
    log('\nESLint in-process, same file (lintText; A and T alternate in one process, TT0 and TT get a process each):');
    printSingleFile(report.singleFile, log);
    const lspTargetRows = lspTargets(report.lsp, parseMs);
    allTargets.push(...lspTargetRows, ...singleFileTargets(report.singleFile));
  } else {
    const configIds = options.configs
      ? CONFIGURATION_IDS.filter((id) => options.configs.includes(id))
      : CONFIGURATION_IDS;
    const rounds = options.rounds ?? (options.quick ? 1 : 3);
    const measurements = runCorpusRounds({
      corpora,
      configIds,
      rounds,
      statsRounds: options.statsRounds,
      quick: options.quick,
      plugin,
      log,
    });
    report.results = {};
    for (const corpus of corpora) {
      const summary = summarizeCorpus(corpus, measurements[corpus.id], configIds);
      report.results[corpus.id] = {
        summary,
        statsRuns: measurements[corpus.id].statsRuns,
        rounds: measurements[corpus.id].rounds,
      };
      printCorpusReport(corpus, summary, measurements[corpus.id], log);
    }
    const singleCorpus = corpora.find((corpus) => corpus.singleFile);
    if (options.single && singleCorpus) {
      const singleConfigs = options.quick ? ['A', 'T'] : ['A', 'T', 'B', 'TT0', 'TT', 'C'];
      report.singleFile = runSingleFile({
        corpus: singleCorpus,
        configIds: singleConfigs.filter((id) => configIds.includes(id)),
        plugin,
        edits: options.edits ?? (options.quick ? 15 : 40),
        unchanged: options.quick ? 3 : 10,
        warmup: options.quick ? 3 : 5,
        log,
      });
      log(
        '\n## warm single file (ESLint lintText; untyped configs alternate edit by edit in one process, typed ones get a process each)',
      );
      printSingleFile(report.singleFile, log);
    }
    const concurrencyCorpus = corpora.find((corpus) => corpus.id === 'ts-node');
    if (options.concurrency && concurrencyCorpus) {
      report.cliConcurrency = runCliConcurrency({
        corpus: concurrencyCorpus,
        modes: options.concurrencyModes,
        plugin,
        log,
      });
      printCliConcurrency(report.cliConcurrency, log);
    }
    report.extension = extensionFigures(plugin, log);
    for (const corpus of corpora) allTargets.push(...report.results[corpus.id].summary.targets);
    if (report.singleFile) allTargets.push(...singleFileTargets(report.singleFile));
    log('\n## targets (CPU ratios are medians of same-round ratios)');
    const explained = new Set();
    printTargets(allTargets, log, (target) => {
      const corpus = corpora.find((candidate) => target.id.startsWith(`${candidate.id}:`));
      if (corpus) explainCorpusMiss(target, corpus, measurements[corpus.id], log, explained);
      else if (target.id.startsWith('single file') && report.singleFile?.T) {
        log(
          `  ${target.id} MISS: T rules p50 ${formatNumber(report.singleFile.T.edited.rules.p50, 2)} ms per lint; parse p50 ${formatNumber(report.singleFile.T.edited.parse.p50, 1)} ms vs A ${formatNumber(report.singleFile.A?.edited?.parse?.p50, 1)} ms`,
        );
      }
    });
  }
  if (lspOnly) {
    log('\n## targets (language server, and the single-file edit target)');
    printTargets(allTargets, log);
  }
  if (plugin.snapshot) rmSync(plugin.snapshot, { recursive: true, force: true });
  report.targets = allTargets;
  report.elapsedSeconds = (Date.now() - startedAt) / 1000;
  report.environment.loadAverageAtEnd = os.loadavg().map((load) => Number(load.toFixed(2)));
  mkdirSync(resultsDir, { recursive: true });
  const resultFile = path.join(
    resultsDir,
    `${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}${options.quick ? '-quick' : ''}${options.lsp ? '-lsp' : ''}.json`,
  );
  writeFileSync(resultFile, `${JSON.stringify(report, null, 1)}\n`);
  log(
    `\nfinished in ${formatNumber(report.elapsedSeconds, 0)} s (load ${report.environment.loadAverageAtEnd.join(' ')}); JSON: ${path.relative(repositoryRoot, resultFile)}`,
  );
  log('The benchmark reports; it never fails the build (MISS is information, exit code 0).');
  return 0;
}

export { LIMITS };
