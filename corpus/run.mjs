// `npm run corpus`: lints the pinned real-code corpus with Tripwire's presets through ESLint's own
// API, pairs every report with the committed audit and prints per-rule precision and actionable
// rate. See rules/docs/real-code.md.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageFolderName, prepareCorpus } from '../bench/lib/corpora.mjs';
import { CORPORA } from './packages.mjs';
import {
  compareLocations,
  exclusionReason,
  fingerprint,
  matchReports,
  readAudit,
  renderTally,
  tally,
  writeAudit,
} from './lib.mjs';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const AUDIT_FILE = path.join(repositoryRoot, 'corpus', 'audit.jsonl');
const CACHE_ROOT = path.join(repositoryRoot, '.cache', 'corpus');

export const HELP = `npm run corpus [-- options]

Lints the pinned real-code corpus (corpus/packages.mjs: released npm packages fetched with
npm pack into .cache/corpus/, integrity-checked) with tripwire.configs.recommended through
ESLint's API, pairs every report with the audit in corpus/audit.jsonl, and prints per rule:
reports, true, benign, false, unaudited, precision = true/(true+false), actionable = true/audited.
The strict config is measured too when the plugin has configs.strict.

Exit code 1 when a rule throws (ESLint aborts on it), when a corpus file does not parse (it would
silently go unlinted), when a recommended preset reports a line the audit judged "false", or on a
bad option or audit file; 0 otherwise.

Options:
  --typed         also lint the TypeScript part with recommended-type-checked
                  (and strict-type-checked when it exists), with type information
  --json          print the result as JSON on stdout (progress goes to stderr)
  --update        append every unaudited report to the audit as a "unaudited" entry to judge,
                  and move matched entries to the line they are reported on now
  --prune         with --update --typed: drop entries whose report is gone ("no longer reported")
  --doc           with --typed: rewrite the generated tables of rules/docs/real-code.md
  --plugin PATH   load the plugin from PATH (an index.js or index.ts) instead of rules/dist
  --only NAMES    lint only these packages (comma-separated names); for quick checks
  --help          this text

The plugin is rules/dist as built (copied once per run, so a rebuild does not mix versions);
run \`npm run build\` first. Without rules/dist the source is loaded through tsx.`;

export function parseArguments(argv) {
  const options = {
    typed: false,
    json: false,
    update: false,
    prune: false,
    doc: false,
    plugin: undefined,
    only: undefined,
    help: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    switch (argument) {
      case '--typed':
        options.typed = true;
        break;
      case '--json':
        options.json = true;
        break;
      case '--update':
        options.update = true;
        break;
      case '--prune':
        options.prune = true;
        break;
      case '--doc':
        options.doc = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--plugin':
        options.plugin = argv[++index];
        if (!options.plugin) throw new Error('--plugin needs a path');
        break;
      case '--only': {
        const value = argv[++index];
        if (!value) throw new Error('--only needs package names');
        options.only = value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
        break;
      }
      default:
        throw new Error(`unknown option ${argument} (see --help)`);
    }
  }
  if (options.prune && !options.update) throw new Error('--prune only goes with --update');
  if (options.doc && (!options.typed || options.only))
    throw new Error('--doc needs --typed and the whole corpus (the page shows both runs)');
  if (options.prune && (!options.typed || options.only))
    throw new Error(
      '--prune needs --typed and the whole corpus (entries only the typed run reproduces would be dropped)',
    );
  return options;
}

/** The plugin entry and a snapshot of rules/dist, so a rebuild during the run does not mix versions. */
function pluginEntry(explicit) {
  if (explicit)
    return { entry: path.resolve(explicit), needsTsx: /\.[cm]?ts$/.test(explicit), note: `plugin from ${explicit}` };
  const built = path.join(repositoryRoot, 'rules', 'dist', 'index.js');
  if (existsSync(built)) {
    const snapshot = path.join(CACHE_ROOT, `plugin-${process.pid}`);
    rmSync(snapshot, { recursive: true, force: true });
    mkdirSync(snapshot, { recursive: true });
    cpSync(path.join(repositoryRoot, 'rules', 'dist'), path.join(snapshot, 'dist'), { recursive: true });
    cpSync(path.join(repositoryRoot, 'rules', 'package.json'), path.join(snapshot, 'package.json'));
    return {
      entry: path.join(snapshot, 'dist', 'index.js'),
      snapshot,
      note: 'eslint-plugin-tripwire (rules/dist as built at the start of this run)',
    };
  }
  return {
    entry: path.join(repositoryRoot, 'rules', 'src', 'index.ts'),
    needsTsx: true,
    note: 'rules/src through tsx (rules/dist is missing: run `npm run build` for the shipped code)',
  };
}

/** The module object of a package whatever the loader's CommonJS interop. */
function moduleObject(namespace, probe) {
  if (namespace.default && probe in namespace.default) return namespace.default;
  if (probe in namespace) return namespace;
  return namespace.default ?? namespace;
}

const JS_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** Flat config for one corpus and one preset. */
function buildConfig({ definition, root, preset, typed, parser }) {
  const config = [
    {
      name: 'corpus/base',
      files: [...JS_FILES, ...TS_FILES],
      // The corpus's own eslint-disable and /* eslint … */ comments would switch its authors' rules on
      // or hide reports: every run lints the raw code.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    },
  ];
  if (definition.language === 'js') {
    for (const pkg of definition.packages) {
      config.push({
        name: `corpus/${pkg.name}`,
        files: [`src/${packageFolderName(pkg.name)}/**/*.js`],
        languageOptions: { sourceType: pkg.sourceType ?? 'module' },
      });
    }
    config.push({ name: 'corpus/cjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } });
    config.push({ name: 'corpus/mjs', files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } });
    config.push({
      name: 'corpus/jsx',
      files: ['**/*.jsx'],
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    });
  } else {
    config.push({
      name: 'corpus/typescript',
      files: TS_FILES,
      languageOptions: { parser, parserOptions: typed ? { projectService: true, tsconfigRootDir: root } : {} },
    });
  }
  config.push({ ...preset, files: [...JS_FILES, ...TS_FILES] });
  return config;
}

/** Prepares both corpora and the list of linted files per package (the rest is listed as skipped). */
export function prepare(log, only) {
  const corpora = [];
  for (const definition of CORPORA) {
    const packages = only ? definition.packages.filter((pkg) => only.includes(pkg.name)) : definition.packages;
    if (packages.length === 0) continue;
    // The stamp covers every package of the corpus, so `--only` never re-extracts a smaller corpus.
    const prepared = prepareCorpus(definition, CACHE_ROOT, log);
    const byPackage = [];
    const skipped = [];
    for (const pkg of packages) {
      const folder = packageFolderName(pkg.name);
      const prefix = `src/${folder}/`;
      const files = [];
      for (const file of prepared.files.filter((candidate) => candidate.relative.startsWith(prefix))) {
        const inside = file.relative.slice(prefix.length);
        const reason = exclusionReason(inside, readFileSync(file.path, 'utf8'), pkg.include ?? ['']);
        if (reason === undefined) files.push(file);
        else if (reason !== 'not included') skipped.push({ file: `${folder}/${inside}`, reason, lines: file.lines });
      }
      byPackage.push({ ...pkg, folder, files, lines: files.reduce((sum, file) => sum + file.lines, 0) });
    }
    corpora.push({ definition, root: prepared.root, packages: byPackage, skipped });
  }
  return corpora;
}

/** Lints the packages of one corpus; a rule exception is caught per file and returned as a crash. */
async function lintCorpus({ ESLint, corpus, config, log }) {
  const eslint = new ESLint({
    cwd: corpus.root,
    overrideConfigFile: true,
    overrideConfig: config,
    cache: false,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  const reports = [];
  const crashes = [];
  const parseErrors = [];
  const sources = new Map();
  const collect = (results, pkg) => {
    for (const result of results) {
      const relative = path.relative(path.join(corpus.root, 'src'), result.filePath).split(path.sep).join('/');
      for (const message of result.messages) {
        if (message.fatal) {
          parseErrors.push({ file: relative, line: message.line, message: message.message });
          continue;
        }
        // Notes without a rule (an inline directive that noInlineConfig turns off) are not findings.
        if (!message.ruleId) continue;
        if (!message.ruleId.startsWith('tripwire/')) continue;
        if (!sources.has(result.filePath))
          sources.set(result.filePath, readFileSync(result.filePath, 'utf8').split('\n'));
        const lineText = sources.get(result.filePath)[message.line - 1] ?? '';
        reports.push({
          rule: message.ruleId.slice('tripwire/'.length),
          package: pkg.name,
          file: relative,
          line: message.line,
          column: message.column,
          fingerprint: fingerprint(lineText),
          message: message.message,
        });
      }
    }
  };
  for (const pkg of corpus.packages) {
    const paths = pkg.files.map((file) => file.path);
    if (paths.length === 0) continue;
    const started = performance.now();
    try {
      collect(await eslint.lintFiles(paths), pkg);
    } catch {
      // One exception aborts the whole call: lint file by file to find every crashing file.
      for (const file of paths) {
        try {
          collect(await eslint.lintFiles([file]), pkg);
        } catch (error) {
          const relative = path.relative(path.join(corpus.root, 'src'), file).split(path.sep).join('/');
          crashes.push({
            package: pkg.name,
            file: relative,
            error: String(error?.message ?? error)
              .split('\n')
              .slice(0, 4)
              .join(' | '),
          });
        }
      }
    }
    log(`    ${pkg.name}: ${pkg.files.length} files, ${Math.round(performance.now() - started)} ms`);
  }
  return { reports, crashes, parseErrors };
}

/** A rule entry without its severity: `'error'` → `[]`, `['warn', { a: 1 }]` → `[{ a: 1 }]`; off → undefined. */
function ruleOptions(entry) {
  const [level, ...options] = Array.isArray(entry) ? entry : [entry];
  return level === 'off' || level === 0 || level === undefined ? undefined : JSON.stringify(options);
}

/** True when `big` enables every rule `small` enables, with the same options. */
export function coversPreset(big, small) {
  return Object.entries(small?.rules ?? {}).every(([id, entry]) => {
    const options = ruleOptions(entry);
    return options === undefined || ruleOptions(big?.rules?.[id]) === options;
  });
}

function ruleIdsOf(preset) {
  return Object.entries(preset?.rules ?? {})
    .filter(
      ([, level]) =>
        !(level === 'off' || level === 0 || (Array.isArray(level) && (level[0] === 'off' || level[0] === 0))),
    )
    .map(([id]) => id.replace(/^tripwire\//, ''))
    .sort();
}

/**
 * Runs the presets and pairs the reports with the audit. Returns the whole result (what `--json`
 * prints); `ok` is false on a crash or on a recommended report the audit judged false.
 */
export async function runCorpus(options, log = (line) => console.error(line)) {
  const plugin = pluginEntry(options.plugin);
  try {
    log(`plugin: ${plugin.note}`);
    if (plugin.needsTsx) {
      const { register } = await import('tsx/esm/api');
      register();
    }
    const tripwire = moduleObject(await import(pathToFileURL(plugin.entry).href), 'configs');
    const { ESLint } = await import('eslint');
    const parser = moduleObject(await import('@typescript-eslint/parser'), 'parseForESLint');
    const require = createRequire(import.meta.url);
    const versions = {
      eslint: ESLint.version,
      typescript: require('typescript/package.json').version,
      plugin: tripwire.meta?.version,
    };

    log('corpus: preparing .cache/corpus (npm pack, sha512 check, extract; reused when already there)');
    const corpora = prepare(log, options.only);

    const runs = [
      { id: 'recommended', preset: 'recommended', typed: false, languages: ['js', 'ts'], gate: true },
      { id: 'strict', preset: 'strict', typed: false, languages: ['js', 'ts'], gate: false },
    ];
    if (options.typed) {
      runs.push({
        id: 'recommended-type-checked',
        preset: 'recommended-type-checked',
        typed: true,
        languages: ['ts'],
        gate: true,
      });
      runs.push({
        id: 'strict-type-checked',
        preset: 'strict-type-checked',
        typed: true,
        languages: ['ts'],
        gate: false,
      });
    }

    const audit = readAudit(AUDIT_FILE);
    const results = {};
    const matchedEntries = new Set();
    const lintOutcomes = new Map();
    const allUnaudited = new Map();
    for (const run of runs) {
      const preset = tripwire.configs?.[run.preset];
      if (!preset) {
        log(`${run.id}: the plugin has no configs["${run.preset}"], skipped`);
        continue;
      }
      const ruleIds = ruleIdsOf(preset);
      // A preset whose rule entries include this one's (strict ⊇ recommended) is linted once and
      // serves both: this run's reports are that run's reports of this run's rules.
      // The covering preset with the most rules (the later run on a tie, so equal presets share one lint).
      let cover = run;
      for (const candidate of runs) {
        const candidatePreset = tripwire.configs?.[candidate.preset];
        if (
          candidate.typed !== run.typed ||
          candidate.languages.join() !== run.languages.join() ||
          !candidatePreset ||
          !coversPreset(candidatePreset, preset)
        )
          continue;
        if (ruleIdsOf(candidatePreset).length >= ruleIdsOf(tripwire.configs[cover.preset]).length) cover = candidate;
      }
      const outcomeKey = cover.id;
      let lint = lintOutcomes.get(outcomeKey);
      if (!lint) {
        log(`${outcomeKey}${run.typed ? ' (typed)' : ''}:${cover !== run ? ` (serves ${run.id} too)` : ''}`);
        lint = { reports: [], crashes: [], parseErrors: [] };
        for (const corpus of corpora.filter((candidate) => run.languages.includes(candidate.definition.language))) {
          const config = buildConfig({
            definition: corpus.definition,
            root: corpus.root,
            preset: tripwire.configs[cover.preset],
            typed: run.typed,
            parser,
          });
          const outcome = await lintCorpus({ ESLint, corpus, config, log });
          for (const report of outcome.reports) lint.reports.push({ ...report, language: corpus.definition.language });
          lint.crashes.push(...outcome.crashes);
          lint.parseErrors.push(...outcome.parseErrors);
        }
        lintOutcomes.set(outcomeKey, lint);
      } else {
        log(`${run.id}${run.typed ? ' (typed)' : ''}: the reports of ${outcomeKey}, restricted to its rules`);
      }
      const enabled = new Set(ruleIds);
      const reports = lint.reports.filter((report) => enabled.has(report.rule));
      // A crash message names the rule that threw ("Rule: \"tripwire/x\""); keep those of this run's rules.
      const crashes = lint.crashes.filter((crash) => {
        const thrower = /Rule: "tripwire\/([^"]+)"/.exec(crash.error)?.[1];
        return thrower === undefined || enabled.has(thrower);
      });
      const parseErrors = lint.parseErrors;
      const { pairs, unaudited } = matchReports(reports, audit);
      for (const { entry, report } of pairs) {
        matchedEntries.add(entry);
        if (options.update && (entry.line !== report.line || entry.column !== report.column)) {
          entry.line = report.line;
          entry.column = report.column;
        }
      }
      for (const report of unaudited)
        allUnaudited.set(`${report.rule}|${report.file}|${report.line}|${report.column}`, report);
      const tsPairs = pairs.filter(({ report }) => report.language === 'ts');
      const tsUnaudited = unaudited.filter((report) => report.language === 'ts');
      results[run.id] = {
        typed: run.typed,
        gate: run.gate,
        rulesEnabled: ruleIds,
        ...tally(pairs, unaudited, ruleIds),
        tsPart: run.languages.includes('js') ? tally(tsPairs, tsUnaudited, ruleIds) : undefined,
        crashes,
        parseErrors,
        falseReports: pairs
          .filter(({ entry }) => entry.verdict === 'false')
          .map(({ report, entry }) => ({ ...report, reason: entry.reason })),
        unaudited: unaudited.sort(compareLocations),
        audited: pairs
          .map(({ report, entry }) => ({ ...report, verdict: entry.verdict, reason: entry.reason }))
          .sort(compareLocations),
      };
    }

    // An entry is checked when this run could have reproduced it: its package was linted, and for
    // TypeScript files the typed run ran too (some reports exist only with type information).
    const languageOfFolder = new Map(
      corpora.flatMap((corpus) => corpus.packages.map((pkg) => [pkg.folder, corpus.definition.language])),
    );
    const checked = (entry) => {
      const language = languageOfFolder.get(entry.file.split('/')[0]);
      return language === 'js' || (language === 'ts' && options.typed);
    };
    const stale = audit.filter((entry) => checked(entry) && !matchedEntries.has(entry));
    let appended = 0;
    let pruned = 0;
    if (options.update) {
      const kept = options.prune ? audit.filter((entry) => !stale.includes(entry)) : audit;
      pruned = audit.length - kept.length;
      const unauditedEntries = new Set(
        audit
          .filter((entry) => entry.verdict === 'unaudited')
          .map((entry) => `${entry.rule}|${entry.file}|${entry.line}|${entry.column}`),
      );
      const additions = [...allUnaudited.entries()]
        .filter(([key]) => !unauditedEntries.has(key))
        .map(([, report]) => ({
          rule: report.rule,
          file: report.file,
          line: report.line,
          column: report.column,
          fingerprint: report.fingerprint,
          verdict: 'unaudited',
          reason: '',
          message: report.message,
        }));
      appended = additions.length;
      writeAudit(AUDIT_FILE, [...kept, ...additions]);
    }

    const packages = corpora.flatMap((corpus) =>
      corpus.packages.map((pkg) => ({
        name: pkg.name,
        version: pkg.version,
        integrity: pkg.integrity,
        language: corpus.definition.language,
        sourceType: corpus.definition.language === 'ts' ? 'module' : pkg.sourceType,
        kind: pkg.kind,
        files: pkg.files.length,
        lines: pkg.lines,
      })),
    );
    const ok = Object.values(results).every(
      (result) =>
        result.crashes.length === 0 &&
        result.parseErrors.length === 0 &&
        (!result.gate || result.falseReports.length === 0),
    );
    const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repositoryRoot, encoding: 'utf8' });
    const dirty = spawnSync('git', ['status', '--porcelain', '--', 'rules/src'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    });
    return {
      ok,
      commit:
        head.status === 0
          ? `${head.stdout.trim()}${dirty.stdout.trim() ? ' with uncommitted changes to rules/src' : ''}`
          : undefined,
      versions,
      packages,
      lines: packages.reduce((sum, pkg) => sum + pkg.lines, 0),
      files: packages.reduce((sum, pkg) => sum + pkg.files, 0),
      skipped: corpora.flatMap((corpus) => corpus.skipped),
      runs: results,
      stale: stale.map(({ rule, file, line, column, verdict }) => ({ rule, file, line, column, verdict })),
      update: options.update ? { appended, pruned } : undefined,
    };
  } finally {
    if (plugin.snapshot) rmSync(plugin.snapshot, { recursive: true, force: true });
  }
}

/** The human-readable report. */
export function renderReport(result) {
  const lines = [];
  lines.push(
    `corpus: ${result.packages.length} packages, ${result.files} files, ${result.lines.toLocaleString('en-US')} lines (eslint ${result.versions.eslint}, typescript ${result.versions.typescript}, eslint-plugin-tripwire ${result.versions.plugin})`,
  );
  for (const [id, run] of Object.entries(result.runs)) {
    lines.push('', `## ${id}${run.typed ? ' (typed, TypeScript part)' : ''}`, '', renderTally(run));
    if (run.tsPart)
      lines.push(
        '',
        `TypeScript part only (untyped ${id}, to compare with the typed run):`,
        '',
        renderTally(run.tsPart),
      );
    for (const crash of run.crashes) lines.push(`CRASH ${crash.file}: ${crash.error}`);
    for (const error of run.parseErrors) lines.push(`parse error ${error.file}:${error.line}: ${error.message}`);
    for (const report of run.falseReports)
      lines.push(
        `${run.gate ? 'FALSE' : 'false (not gated)'} ${report.rule} ${report.file}:${report.line}:${report.column} — ${report.reason}`,
      );
    if (run.unaudited.length > 0) {
      lines.push('', `unaudited (${run.unaudited.length}), for the next audit:`);
      for (const report of run.unaudited)
        lines.push(`  ${report.rule} ${report.file}:${report.line}:${report.column} ${report.message}`);
    }
  }
  if (result.stale.length > 0) {
    lines.push(
      '',
      `no longer reported (${result.stale.length} audit entries, not counted; --update --typed --prune drops them):`,
    );
    for (const entry of result.stale)
      lines.push(`  ${entry.rule} ${entry.file}:${entry.line}:${entry.column} (${entry.verdict})`);
  }
  if (result.update)
    lines.push(
      '',
      `audit: ${result.update.appended} unaudited entries appended, ${result.update.pruned} pruned (${path.relative(repositoryRoot, AUDIT_FILE)})`,
    );
  lines.push('', result.ok ? 'corpus: OK' : 'corpus: FAILED (a crash, or a report the audit judged false)');
  return lines.join('\n');
}

export const DOC_FILE = path.join(repositoryRoot, 'rules', 'docs', 'real-code.md');
const DOC_START = '<!-- corpus:generated:start -->';
const DOC_END = '<!-- corpus:generated:end -->';

const rateText = (value) => (value === undefined ? '—' : value.toFixed(2));

/** The generated part of rules/docs/real-code.md: the corpus, the per-rule tables, every remaining false report. */
export function renderDoc(result) {
  const lines = [];
  const number = (value) => value.toLocaleString('en-US');
  lines.push(
    `Measured with eslint ${result.versions.eslint}, typescript ${result.versions.typescript}, eslint-plugin-tripwire ${result.versions.plugin}${result.commit ? ` at commit ${result.commit}` : ''}.`,
    '',
  );
  lines.push(
    '### The corpus',
    '',
    '| package | version | what it is | language | files | lines |',
    '|---|---|---|---|---:|---:|',
  );
  for (const pkg of result.packages) {
    const language =
      pkg.language === 'ts'
        ? 'TypeScript (`src/`)'
        : pkg.sourceType === 'commonjs'
          ? 'JavaScript, CommonJS'
          : 'JavaScript, ES modules';
    lines.push(
      `| ${pkg.name} | ${pkg.version} | ${pkg.kind ?? ''} | ${language} | ${number(pkg.files)} | ${number(pkg.lines)} |`,
    );
  }
  const byLanguage = (language) =>
    result.packages.filter((pkg) => pkg.language === language).reduce((sum, pkg) => sum + pkg.lines, 0);
  lines.push(
    `| **${result.packages.length} packages** | | | JS ${number(byLanguage('js'))}, TS ${number(byLanguage('ts'))} | ${number(result.files)} | ${number(result.lines)} |`,
    '',
  );
  if (result.skipped.length > 0) {
    const generated = result.skipped.filter((item) => item.reason !== 'test');
    const tests = result.skipped.length - generated.length;
    const why = (reason) => reason.replace(/^generated \((.*)\)$/, '$1');
    lines.push(
      `Not linted: ${tests} test file${tests === 1 ? '' : 's'}; generated files: ${generated.map((item) => `\`${item.file}\` (${why(item.reason)})`).join(', ')}.`,
      '',
    );
  }
  const section = (title, tally) => lines.push(`### ${title}`, '', renderTally(tally), '');
  const runs = result.runs;
  if (runs.recommended) section('`recommended`, untyped, whole corpus', runs.recommended);
  if (runs.recommended?.tsPart) section('`recommended`, untyped, TypeScript part only', runs.recommended.tsPart);
  if (runs['recommended-type-checked'])
    section('`recommended-type-checked`, typed, TypeScript part', runs['recommended-type-checked']);
  if (runs.strict) section('`strict`, untyped, whole corpus', runs.strict);
  if (runs['strict-type-checked'])
    section('`strict-type-checked`, typed, TypeScript part', runs['strict-type-checked']);
  lines.push(
    '### Summary',
    '',
    '| run | reports | true | benign | false | unaudited | precision | actionable |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [id, run] of Object.entries(runs)) {
    const row = run.total;
    lines.push(
      `| ${id}${run.typed ? ' (typed, TS part)' : ''} | ${row.reports} | ${row.true} | ${row.benign} | ${row.false} | ${row.unaudited} | ${rateText(row.precision)} | ${rateText(row.actionable)} |`,
    );
  }
  lines.push('');
  const falseReports = new Map();
  for (const [id, run] of Object.entries(runs)) {
    for (const report of run.falseReports) {
      const key = `${report.rule} ${report.file}:${report.line}:${report.column}`;
      if (!falseReports.has(key)) falseReports.set(key, { ...report, runs: [] });
      falseReports.get(key).runs.push(id);
    }
  }
  lines.push('### Reports still judged `false`', '');
  if (falseReports.size === 0) lines.push('None.');
  for (const report of [...falseReports.values()].sort(compareLocations)) {
    lines.push(
      `- \`${report.rule}\` ${report.file}:${report.line}:${report.column} (${report.runs.join(', ')}): ${report.reason}`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

/** Replaces the generated part of the page between its markers. */
export function writeDoc(result) {
  const text = readFileSync(DOC_FILE, 'utf8');
  const start = text.indexOf(DOC_START);
  const end = text.indexOf(DOC_END);
  if (start < 0 || end < start)
    throw new Error(`${path.relative(repositoryRoot, DOC_FILE)} has no ${DOC_START} … ${DOC_END} markers`);
  writeFileSync(DOC_FILE, `${text.slice(0, start + DOC_START.length)}\n${renderDoc(result)}\n${text.slice(end)}`);
}

export async function main(argv) {
  let options;
  try {
    options = parseArguments(argv);
  } catch (error) {
    console.error(`corpus: ${error.message}`);
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const result = await runCorpus(options);
  if (options.doc) {
    writeDoc(result);
    console.error(`wrote ${path.relative(repositoryRoot, DOC_FILE)}`);
  }
  if (options.json) console.log(JSON.stringify(result, null, 2));
  else console.log(renderReport(result));
  return result.ok ? 0 : 1;
}
