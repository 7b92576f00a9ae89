// The concurrency row: the real `eslint` CLI with `--concurrency=auto` against `--concurrency=off`
// on a corpus, untyped (configuration T) and typed (TT). Pure helpers: the command line, the figures
// of one run, and the comparison of the modes. The runs themselves are in bench/main.mjs.
import { createHash } from 'node:crypto';
import { ratio } from './stats.mjs';

/** The modes compared by default; numbers (`2`) are ESLint's explicit worker counts. */
export const DEFAULT_CONCURRENCY_MODES = ['off', 'auto'];

/** The configurations the row runs: the plugin's two presets. */
export const CONCURRENCY_CONFIGS = [
  { configId: 'T', label: 'untyped (recommended)' },
  { configId: 'TT', label: 'typed (recommended-type-checked, projectService)' },
];

/** Parses `off,auto,2`: each mode is off, auto or a positive integer. */
export function parseConcurrencyModes(text) {
  const modes = String(text)
    .split(',')
    .map((mode) => mode.trim())
    .filter(Boolean);
  for (const mode of modes) {
    if (mode !== 'off' && mode !== 'auto' && !/^[1-9]\d*$/.test(mode))
      throw new Error(`--concurrency-modes: "${mode}" is neither off, auto nor a positive integer`);
  }
  if (!modes.includes('off')) throw new Error('--concurrency-modes must include off (the ratios divide by it)');
  return [...new Set(modes)];
}

/**
 * The argument vector (after the node executable) of one CLI run: loader arguments, the probe
 * preload, ESLint's bin, the config file, the mode, JSON output to a file, then the files.
 */
export function cliArguments({ loaderArguments = [], probeUrl, eslintBin, configFile, mode, outputFile, files }) {
  return [
    ...loaderArguments,
    '--import',
    probeUrl,
    eslintBin,
    '--config',
    configFile,
    `--concurrency=${mode}`,
    '--no-warn-ignored',
    '--format',
    'json',
    '--output-file',
    outputFile,
    ...files,
  ];
}

/**
 * Problems in ESLint's JSON results, and a fingerprint of them (rule, file, line, column, message),
 * sorted: two runs found the same problems exactly when their fingerprints are equal.
 */
export function findingsOf(results) {
  const keys = [];
  let fatal = 0;
  for (const result of results) {
    for (const message of result.messages ?? []) {
      if (message.fatal) fatal++;
      keys.push(`${result.filePath}:${message.line}:${message.column}:${message.ruleId ?? ''}:${message.message}`);
    }
  }
  keys.sort();
  return {
    files: results.length,
    problems: keys.length - fatal,
    fatal,
    fingerprint: createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 16),
  };
}

/**
 * One run's figures. Worker threads share the process, so the process's peak RSS covers them all;
 * the memory per lint thread is that peak divided by the threads that linted: ESLint's worker count,
 * or 1 when it started none (the main thread lints then).
 */
export function concurrencyRunFigures({ mode, wallMs, probe, findings }) {
  const lintThreads = Math.max(1, probe?.workers ?? 0);
  return {
    mode,
    wallMs,
    cpuMs: probe?.cpuMs,
    workers: probe?.workers,
    lintThreads,
    peakRssMb: probe?.peakRssMb,
    peakRssPerLintThreadMb: ratio(probe?.peakRssMb, lintThreads),
    ...findings,
  };
}

/** Each mode against `off`: wall, CPU and peak-RSS ratios, and whether the findings are the same. */
export function compareConcurrency(runs) {
  const off = runs.find((run) => run.mode === 'off' && !run.error);
  return runs
    .filter((run) => run.mode !== 'off' && !run.error)
    .map((run) => ({
      mode: run.mode,
      wallVersusOff: ratio(run.wallMs, off?.wallMs),
      cpuVersusOff: ratio(run.cpuMs, off?.cpuMs),
      peakRssVersusOff: ratio(run.peakRssMb, off?.peakRssMb),
      sameFindings: off ? run.fingerprint === off.fingerprint : undefined,
    }));
}
