// Pure helpers of the real-code corpus: which files are linted, the audit file (read, match,
// write) and the per-rule tally. No ESLint and no network here; `corpus/run.mjs` does the lint.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const VERDICTS = ['true', 'benign', 'false', 'unaudited'];

/** Test folders and test files: the corpus measures the code a package ships to do its job. */
const TEST_PATH = /(^|\/)(test|tests|__tests__|__mocks__|__fixtures__)\//;
const TEST_FILE = /\.(test|spec|bench)\.[cm]?[jt]sx?$/;
/** A line this long is a bundle, a minified file or an embedded blob (base64 WebAssembly), not hand-written code. */
export const GENERATED_LINE_LENGTH = 1000;

/**
 * Why a file of a package is not linted, or undefined when it is. `relative` is the path inside the
 * package folder; `include` lists files and folders (ending in `/`; `''` is the whole folder).
 */
export function exclusionReason(relative, text, include) {
  const included = include.some(
    (entry) => entry === '' || (entry.endsWith('/') ? relative.startsWith(entry) : relative === entry),
  );
  if (!included) return 'not included';
  if (/\.d\.[cm]?ts$/.test(relative)) return 'declaration file';
  if (TEST_PATH.test(relative) || TEST_FILE.test(relative)) return 'test';
  if (/\.min\.[cm]?js$/.test(relative)) return 'minified';
  let lineStart = 0;
  for (let index = 0; index <= text.length; index++) {
    if (index === text.length || text.charCodeAt(index) === 10) {
      if (index - lineStart > GENERATED_LINE_LENGTH) return `generated (a line of ${index - lineStart} characters)`;
      lineStart = index + 1;
    }
  }
  return undefined;
}

/** Whitespace-insensitive short hash of a source line: an audit entry follows its line only while the text is the same. */
export function fingerprint(lineText) {
  return createHash('sha256').update(lineText.trim().replace(/\s+/g, ' ')).digest('hex').slice(0, 10);
}

/** The audit file: one JSON object per line. Missing file → no entries. Throws on a malformed line, naming it. */
export function readAudit(file) {
  if (!existsSync(file)) return [];
  const entries = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON (${error.message})`);
    }
    const problem = auditEntryProblem(entry);
    if (problem) throw new Error(`${file}:${index + 1}: ${problem}`);
    entries.push(entry);
  });
  return entries;
}

/** What is wrong with an audit entry, or undefined. */
export function auditEntryProblem(entry) {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'not an object';
  for (const key of ['rule', 'file', 'fingerprint', 'verdict']) {
    if (typeof entry[key] !== 'string' || entry[key] === '') return `missing "${key}"`;
  }
  if (!Number.isInteger(entry.line) || entry.line < 1) return 'missing "line"';
  if (!Number.isInteger(entry.column) || entry.column < 1) return 'missing "column"';
  if (!VERDICTS.includes(entry.verdict))
    return `verdict must be one of ${VERDICTS.join(', ')} (got ${JSON.stringify(entry.verdict)})`;
  if (entry.verdict !== 'unaudited' && (typeof entry.reason !== 'string' || entry.reason.trim() === ''))
    return 'a judged entry needs a one-line "reason"';
  return undefined;
}

const ENTRY_KEYS = ['rule', 'file', 'line', 'column', 'fingerprint', 'verdict', 'reason', 'message'];

/** Writes entries sorted by file, line, column and rule, one JSON object per line, keys in a fixed order. */
export function writeAudit(file, entries) {
  const sorted = [...entries].sort(compareLocations);
  const text = sorted
    .map((entry) =>
      JSON.stringify(
        Object.fromEntries(ENTRY_KEYS.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]])),
      ),
    )
    .join('\n');
  writeFileSync(file, `${text}${text ? '\n' : ''}`);
}

export function compareLocations(a, b) {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

const keyOf = (item) => `${item.rule}\u0000${item.file}\u0000${item.fingerprint}`;

/**
 * Pairs each report with an audit entry of the same rule, file and line fingerprint. Among several
 * candidates it prefers the same line and column, then the same column and the nearest line. Each entry pairs with at most one report. Returns `{ pairs: [{ report, entry }],
 * unaudited: [report] }` (a report without an entry, or whose entry still says `unaudited`).
 */
export function matchReports(reports, entries) {
  const candidates = new Map();
  for (const entry of entries) {
    const key = keyOf(entry);
    if (!candidates.has(key)) candidates.set(key, []);
    candidates.get(key).push(entry);
  }
  const used = new Set();
  const pairs = [];
  const unaudited = [];
  const score = (report, entry) => {
    if (entry.line === report.line && entry.column === report.column) return 0;
    return (entry.column === report.column ? 1 : 1e6) + Math.abs(entry.line - report.line);
  };
  const ordered = [...reports].sort(compareLocations);
  for (const report of ordered) {
    const options = (candidates.get(keyOf(report)) ?? []).filter((entry) => !used.has(entry));
    if (options.length === 0) {
      unaudited.push(report);
      continue;
    }
    options.sort((a, b) => score(report, a) - score(report, b));
    const entry = options[0];
    used.add(entry);
    pairs.push({ report, entry });
    if (entry.verdict === 'unaudited') unaudited.push(report);
  }
  return { pairs, unaudited };
}

function emptyRow() {
  return { reports: 0, true: 0, benign: 0, false: 0, unaudited: 0 };
}

/** precision = true / (true + false); actionable = true / audited reports. `undefined` when the denominator is 0. */
export function withRates(row) {
  const audited = row.true + row.benign + row.false;
  return {
    ...row,
    precision: row.true + row.false > 0 ? row.true / (row.true + row.false) : undefined,
    actionable: audited > 0 ? row.true / audited : undefined,
  };
}

/**
 * Per-rule counts of one run: `{ rules: { [rule]: row }, total: row }` where a row has reports,
 * true, benign, false, unaudited, precision and actionable. `ruleIds` lists the rules the run
 * enabled, so a rule with no report still gets a row.
 */
export function tally(pairs, unauditedReports, ruleIds = []) {
  const rows = new Map(ruleIds.map((rule) => [rule, emptyRow()]));
  const row = (rule) => {
    if (!rows.has(rule)) rows.set(rule, emptyRow());
    return rows.get(rule);
  };
  const unauditedSet = new Set(unauditedReports);
  for (const { report, entry } of pairs) {
    if (unauditedSet.has(report)) continue;
    const target = row(report.rule);
    target.reports++;
    target[entry.verdict]++;
  }
  for (const report of unauditedReports) {
    const target = row(report.rule);
    target.reports++;
    target.unaudited++;
  }
  const total = emptyRow();
  const rules = {};
  for (const [rule, counts] of [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    rules[rule] = withRates(counts);
    for (const key of Object.keys(total)) total[key] += counts[key];
  }
  return { rules, total: withRates(total) };
}

const rate = (value) => (value === undefined ? '—' : value.toFixed(2));

/** A Markdown table of a tally. */
export function renderTally(result) {
  const header =
    '| rule | reports | true | benign | false | unaudited | precision | actionable |\n|---|---:|---:|---:|---:|---:|---:|---:|';
  const line = (name, row) =>
    `| ${name} | ${row.reports} | ${row.true} | ${row.benign} | ${row.false} | ${row.unaudited} | ${rate(row.precision)} | ${rate(row.actionable)} |`;
  return [
    header,
    ...Object.entries(result.rules).map(([rule, row]) => line(rule, row)),
    line('**all**', result.total),
  ].join('\n');
}
