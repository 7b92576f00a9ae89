// Pure helpers of the benchmark: order statistics, same-round ratios and target evaluation.
// No I/O and no timing here, so `test/bench/bench-harness.test.ts` can check them exactly.

/** Values sorted ascending, as numbers; non-finite values are dropped. */
function sortedFinite(values) {
  return values.filter((value) => Number.isFinite(value)).sort((left, right) => left - right);
}

/**
 * Percentile by linear interpolation between closest ranks (the method of numpy's default and of
 * spreadsheet PERCENTILE.INC): p = 0 is the minimum, p = 100 the maximum, p = 50 the median.
 * Returns NaN for an empty list.
 */
export function percentile(values, p) {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  if (lower === upper) return sorted[lower];
  const weight = rank - lower;
  return sorted[lower] * (1 - weight) + sorted[upper] * weight;
}

/** Median (the mean of the two middle values for an even count); NaN for an empty list. */
export function median(values) {
  return percentile(values, 50);
}

/**
 * Merges the ESLint `stats` of several lints of the same files into one result list: for each file,
 * the median over the lints of its parse time, of each rule's time (0 in a lint where the rule has
 * no entry) and of its total. `lints` is a list of lints, each a list of ESLint results (`filePath`
 * and `stats.times.passes[0]`); a file missing from a lint is left out of that lint's medians. The
 * output has the shape of ESLint results, so the same summary code reads it.
 */
export function medianStatsPasses(lints) {
  const byFile = new Map();
  for (const results of lints) {
    for (const result of results) {
      const pass = result.stats?.times?.passes?.[0];
      if (!pass) continue;
      if (!byFile.has(result.filePath)) byFile.set(result.filePath, []);
      byFile.get(result.filePath).push(pass);
    }
  }
  const merged = [];
  for (const [filePath, passes] of byFile) {
    const ruleIds = new Set();
    for (const pass of passes) for (const ruleId of Object.keys(pass.rules ?? {})) ruleIds.add(ruleId);
    const time = (value) => (typeof value === 'number' ? value : (value?.total ?? 0));
    const rules = {};
    for (const ruleId of ruleIds) {
      rules[ruleId] = { total: median(passes.map((pass) => time(pass.rules?.[ruleId]))) };
    }
    merged.push({
      filePath,
      stats: {
        times: {
          passes: [
            {
              parse: { total: median(passes.map((pass) => time(pass.parse))) },
              rules,
              total: median(passes.map((pass) => time(pass.total))),
            },
          ],
        },
      },
    });
  }
  return merged;
}

/** `{ median, min, max, p50, p95, count }` of a list of numbers. */
export function summarize(values) {
  const sorted = sortedFinite(values);
  return {
    count: sorted.length,
    median: median(sorted),
    min: sorted.length ? sorted[0] : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
  };
}

/** numerator ÷ denominator, NaN when either is missing or the denominator is not positive. */
export function ratio(numerator, denominator) {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return Number.NaN;
  return numerator / denominator;
}

/**
 * Ratios computed inside each round (so drift between rounds cancels), then summarised.
 * `rounds` is a list of maps configId → measurement object; `metric` names the field to divide.
 * A round where either configuration is missing (crashed, not run) is skipped.
 */
export function sameRoundRatios(rounds, numeratorId, denominatorId, metric) {
  const perRound = [];
  for (const round of rounds) {
    const numerator = round[numeratorId]?.[metric];
    const denominator = round[denominatorId]?.[metric];
    const value = ratio(numerator, denominator);
    if (Number.isFinite(value)) perRound.push(value);
  }
  return { ...summarize(perRound), perRound };
}

/**
 * Evaluates one target. `measured` is a number (NaN/undefined when it could not be measured);
 * `limit` the bound; `comparison` '<=' (default) or '>='.
 * Returns `{ id, description, measured, limit, comparison, status }` with status PASS, MISS or N/A.
 */
export function evaluateTarget({ id, description, measured, limit, comparison = '<=', unit = '×' }) {
  if (comparison !== '<=' && comparison !== '>=') throw new Error(`unknown comparison ${comparison}`);
  let status;
  if (measured === undefined || measured === null || !Number.isFinite(measured)) status = 'N/A';
  else if (comparison === '<=') status = measured <= limit ? 'PASS' : 'MISS';
  else status = measured >= limit ? 'PASS' : 'MISS';
  return { id, description, measured: Number.isFinite(measured) ? measured : null, limit, comparison, unit, status };
}

/** Rotates a list left by `by` places (round r runs the configurations starting at the r-th). */
export function rotate(list, by) {
  if (list.length === 0) return [];
  const shift = ((by % list.length) + list.length) % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

/** Milliseconds per 1,000 lines. */
export function perThousandLines(milliseconds, lines) {
  return ratio(milliseconds * 1000, lines);
}

/** Formats a number with a fixed number of decimals, or '–' when it is missing. */
export function formatNumber(value, decimals = 2) {
  return Number.isFinite(value) ? value.toFixed(decimals) : '–';
}

/** Formats `{median, min, max}` as "median (min–max)". */
export function formatSpread(summary, decimals = 2) {
  if (!summary || !Number.isFinite(summary.median)) return '–';
  if (summary.count <= 1) return formatNumber(summary.median, decimals);
  return `${formatNumber(summary.median, decimals)} (${formatNumber(summary.min, decimals)}–${formatNumber(summary.max, decimals)})`;
}

/** Renders rows (arrays of strings) as a Markdown table with right-aligned numeric columns. */
export function renderTable(header, rows) {
  const widths = header.map((cell, column) =>
    Math.max(String(cell).length, ...rows.map((row) => String(row[column] ?? '').length)),
  );
  const numeric = header.map(
    (_, column) =>
      rows.length > 0 &&
      rows.every(
        (row) => /^[-–+\d.,×%() /a-zA-Z]*$/.test(String(row[column] ?? '')) && /\d|–/.test(String(row[column] ?? '')),
      ),
  );
  const line = (cells) =>
    `| ${cells.map((cell, column) => (numeric[column] && column > 0 ? String(cell ?? '').padStart(widths[column]) : String(cell ?? '').padEnd(widths[column]))).join(' | ')} |`;
  const separator = `|${widths.map((width, column) => (numeric[column] && column > 0 ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), separator, ...rows.map(line)].join('\n');
}
