// One measurement in a fresh process, driven by scripts/bench.mjs:
//   node bench/child.mjs <spec.json>
// spec.mode:
//   'corpus'     lint a file list with one configuration (ESLint class, lintFiles)
//   'single'     warm single-file loop (ESLint class, lintText): cold, unchanged and edited re-lints
//   'activation' time to load the extension bundle with a stub `vscode` module
// Writes its result as JSON to spec.outPath; peak RSS is this process's maxRSS.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { buildConfig, ruleIdsOf } from './lib/configs.mjs';
import { makeEditor } from './lib/edits.mjs';
import { medianStatsPasses, percentile, summarize } from './lib/stats.mjs';

let spec;
try {
  spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
} catch (error) {
  console.error(`bench/child.mjs: cannot read the spec ${process.argv[2]}: ${error?.message ?? error}`);
  process.exit(2);
}

function peakRssMb() {
  // resourceUsage().maxRSS is in kilobytes on Linux.
  return process.resourceUsage().maxRSS / 1024;
}

function cpuMs(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Per-rule and per-file figures from ESLint's `stats` (passes[0]; no fixes are applied). */
function summarizeStats(results, linesByFile) {
  const perRule = new Map();
  const perFile = [];
  for (const result of results) {
    const pass = result.stats?.times?.passes?.[0];
    if (!pass) continue;
    const ruleTimes = pass.rules ?? {};
    let rulesTotal = 0;
    for (const [ruleId, time] of Object.entries(ruleTimes)) {
      if (ruleId === 'total') continue;
      const milliseconds = typeof time === 'number' ? time : time.total;
      rulesTotal += milliseconds;
      if (!perRule.has(ruleId)) perRule.set(ruleId, []);
      perRule.get(ruleId).push({ file: result.filePath, ms: milliseconds });
    }
    perFile.push({
      file: result.filePath,
      lines: linesByFile.get(result.filePath) ?? 0,
      parse: pass.parse?.total ?? 0,
      rules: rulesTotal,
      total: pass.total ?? 0,
    });
  }
  const fileCount = perFile.length;
  const rules = {};
  for (const [ruleId, entries] of perRule) {
    // A file where the rule's listeners never ran has no entry: it counts as 0 ms.
    const values = entries.map((entry) => entry.ms);
    while (values.length < fileCount) values.push(0);
    const total = entries.reduce((sum, entry) => sum + entry.ms, 0);
    rules[ruleId] = {
      totalMs: total,
      p50: percentile(values, 50),
      p95: percentile(values, 95),
      max: Math.max(...values),
      slowestFiles: [...entries].sort((left, right) => right.ms - left.ms).slice(0, 5),
    };
  }
  const sum = (field) => perFile.reduce((total, file) => total + file[field], 0);
  return {
    files: fileCount,
    parseMs: sum('parse'),
    rulesMs: sum('rules'),
    totalMs: sum('total'),
    perFileTotal: summarize(perFile.map((file) => file.total)),
    perFileRules: summarize(perFile.map((file) => file.rules)),
    slowestFilesByRules: [...perFile].sort((left, right) => right.rules - left.rules).slice(0, 5),
    slowestFilesByTotal: [...perFile].sort((left, right) => right.total - left.total).slice(0, 5),
    rules,
  };
}

/**
 * Problems reported by the configuration's own rules. Other messages (for example ESLint's
 * "Definition for rule … was not found" for the corpus's own eslint-disable comments) cost the same
 * in every configuration and are counted apart as `otherMessages`.
 */
function countProblems(results, rulesEnabled) {
  const enabled = new Set(rulesEnabled);
  let otherMessages = 0;
  let problems = 0;
  let fatal = 0;
  const byRule = {};
  const fatalSamples = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) {
        fatal++;
        if (fatalSamples.length < 3) fatalSamples.push(`${result.filePath}:${message.line}: ${message.message}`);
        continue;
      }
      if (!enabled.has(message.ruleId)) {
        otherMessages++;
        continue;
      }
      problems++;
      const key = message.ruleId;
      byRule[key] = (byRule[key] ?? 0) + 1;
    }
  }
  return { problems, fatal, otherMessages, byRule, fatalSamples };
}

async function runCorpus() {
  const { ESLint } = await import('eslint');
  const config = await buildConfig(spec.configId, spec.corpus, spec.pluginEntry);
  const files = spec.files;
  const linesByFile = new Map(files.map((file) => [file.path, file.lines]));
  const rulesEnabled = config.flatMap((entry) => ruleIdsOf(entry));

  const newEngine = () =>
    new ESLint({
      cwd: spec.corpus.root,
      overrideConfigFile: true,
      overrideConfig: config,
      stats: Boolean(spec.stats),
      cache: false,
      errorOnUnmatchedPattern: false,
      warnIgnored: false,
    });
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const results = await newEngine().lintFiles(files.map((file) => file.path));
  const wallMs = performance.now() - wallStart;
  const cpuTimeMs = cpuMs(cpuStart);
  const peakRss = peakRssMb();

  // Warm stats: the timed lint above was the warm-up (JIT, caches of the parser and of ESLint); the
  // same files are linted `warmStatsRounds` more times in this process, each with a new ESLint
  // instance, and every file's times are the medians over those lints.
  const warmRounds = spec.stats ? (spec.warmStatsRounds ?? 0) : 0;
  let stats;
  let coldStats;
  if (spec.stats && warmRounds > 0) {
    const warmLints = [];
    for (let round = 0; round < warmRounds; round++) {
      warmLints.push(await newEngine().lintFiles(files.map((file) => file.path)));
    }
    stats = summarizeStats(medianStatsPasses(warmLints), linesByFile);
    stats.warmRounds = warmRounds;
    coldStats = summarizeStats(results, linesByFile);
  } else if (spec.stats) {
    stats = summarizeStats(results, linesByFile);
    stats.warmRounds = 0;
  }

  return {
    configId: spec.configId,
    corpusId: spec.corpus.id,
    files: results.length,
    wallMs,
    cpuMs: cpuTimeMs,
    peakRssMb: peakRss,
    rulesEnabled,
    ...countProblems(results, rulesEnabled),
    stats,
    coldStats,
  };
}

/**
 * Warm single file. Several untyped configurations share one process and take turns edit by edit
 * (A T B A T B …), so their p95s are compared under the same machine load; each has its own
 * ESLint instance. Typed configurations get a process each (two programs would share the heap).
 */
async function runSingle() {
  const { ESLint } = await import('eslint');
  const filePath = spec.file;
  const text = readFileSync(filePath, 'utf8');
  const edit = makeEditor(text);
  const engines = [];
  for (const configId of spec.configIds) {
    const config = await buildConfig(configId, spec.corpus, spec.pluginEntry);
    engines.push({
      configId,
      enabled: new Set(config.flatMap((entry) => ruleIdsOf(entry))),
      eslint: new ESLint({
        cwd: spec.corpus.root,
        overrideConfigFile: true,
        overrideConfig: config,
        stats: true,
        cache: false,
      }),
      cold: undefined,
      unchanged: [],
      edited: [],
    });
  }

  async function lintOnce(engine, source) {
    const start = performance.now();
    const [result] = await engine.eslint.lintText(source, { filePath });
    const wall = performance.now() - start;
    const pass = result.stats?.times?.passes?.[0] ?? {};
    let rules = 0;
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
      if (ruleId !== 'total') rules += typeof time === 'number' ? time : time.total;
    }
    return {
      wall,
      parse: pass.parse?.total ?? 0,
      rules,
      problems: result.messages.filter((message) => !message.fatal && engine.enabled.has(message.ruleId)).length,
      fatal: result.messages.filter((message) => message.fatal).length,
    };
  }

  for (const engine of engines) engine.cold = await lintOnce(engine, text);
  for (let iteration = 0; iteration < spec.unchangedIterations; iteration++) {
    for (const engine of engines) engine.unchanged.push(await lintOnce(engine, text));
  }
  for (let iteration = 0; iteration < spec.warmupEdits; iteration++) {
    for (const engine of engines) await lintOnce(engine, edit(-1 - iteration));
  }
  for (let iteration = 0; iteration < spec.editIterations; iteration++) {
    for (const engine of engines) engine.edited.push(await lintOnce(engine, edit(iteration)));
  }
  const pick = (list, field) => summarize(list.map((entry) => entry[field]));
  const peak = peakRssMb();
  return {
    file: filePath,
    results: Object.fromEntries(
      engines.map((engine) => [
        engine.configId,
        {
          configId: engine.configId,
          sharedProcessWith: spec.configIds.filter((other) => other !== engine.configId),
          coldMs: engine.cold.wall,
          coldParseMs: engine.cold.parse,
          problems: engine.cold.problems,
          fatal: engine.cold.fatal,
          unchanged: {
            wall: pick(engine.unchanged, 'wall'),
            parse: pick(engine.unchanged, 'parse'),
            rules: pick(engine.unchanged, 'rules'),
          },
          edited: {
            wall: pick(engine.edited, 'wall'),
            parse: pick(engine.edited, 'parse'),
            rules: pick(engine.edited, 'rules'),
          },
          peakRssMb: peak,
        },
      ]),
    ),
  };
}

function runActivation() {
  // Any `require('vscode')` gets a stub: a Proxy that answers every property with another stub,
  // so top-level code of the bundle that touches the API does not throw.
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  // `__esModule: true` makes TypeScript's __importStar hand the stub through unchanged; getPrototypeOf
  // answers a stub too because esbuild's __toESM copies own keys onto Object.create(prototype), so
  // lookups of API names fall through to the prototype.
  const prototypeStub = new Proxy({}, { get: (target, property) => (property === 'then' ? undefined : stub) });
  const stub = new Proxy(function vscodeStub() {}, {
    get: (target, property) =>
      property === '__esModule'
        ? true
        : property === 'then'
          ? undefined
          : property === 'prototype'
            ? target.prototype
            : stub,
    getPrototypeOf: () => prototypeStub,
    apply: () => stub,
    construct: () => stub,
  });
  const originalLoad = Module._load;
  Module._load = function load(request, parent, isMain) {
    if (request === 'vscode') return stub;
    return originalLoad.call(this, request, parent, isMain);
  };
  const start = performance.now();
  let exported;
  try {
    exported = require(spec.bundle);
  } finally {
    Module._load = originalLoad;
  }
  const requireMs = performance.now() - start;
  return { requireMs, hasActivate: typeof exported?.activate === 'function', peakRssMb: peakRssMb() };
}

let output;
try {
  if (spec.mode === 'corpus') output = await runCorpus();
  else if (spec.mode === 'single') output = await runSingle();
  else if (spec.mode === 'activation') output = runActivation();
  else throw new Error(`unknown mode ${spec.mode}`);
} catch (error) {
  output = { error: String(error?.stack ?? error) };
}
writeFileSync(spec.outPath, JSON.stringify(output));
// Exit at once: pending timers of a language service or watcher must not keep the process alive.
process.exit(output.error ? 1 : 0);
