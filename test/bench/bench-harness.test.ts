// Pure helpers of the benchmark harness (bench/lib). No timing is asserted anywhere: the benchmark
// reports, it never fails the build.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  CORPORA,
  computeIntegrity,
  countLines,
  packageFolderName,
  sliceFiles,
  tarballFileName,
  verifyIntegrity,
} from '../../bench/lib/corpora.mjs';
import {
  CONCURRENCY_CONFIGS,
  cliArguments,
  compareConcurrency,
  concurrencyRunFigures,
  findingsOf,
  parseConcurrencyModes,
} from '../../bench/lib/concurrency.mjs';
import { editAnchorLine, makeEditor } from '../../bench/lib/edits.mjs';
import {
  DEFAULT_DEBOUNCE_MS,
  TYPE_AWARE_SETTINGS,
  debounceFromManifest,
  residentMemoryMb,
  summarizeCodeActionProbes,
} from '../../bench/lib/lsp.mjs';
import {
  evaluateTarget,
  median,
  medianStatsPasses,
  percentile,
  perThousandLines,
  ratio,
  renderTable,
  rotate,
  sameRoundRatios,
  summarize,
} from '../../bench/lib/stats.mjs';
import {
  FLOATING_PROMISE_RULES,
  LIMITS,
  corpusTargets,
  floatingPromiseComparison,
  lspTargets,
  singleFileTargets,
  tripwireRuleTime,
} from '../../bench/lib/targets.mjs';

describe('order statistics', () => {
  it('median of odd and even counts, ignoring order', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
  });

  it('percentile interpolates between closest ranks', () => {
    const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);
    assert.equal(percentile(oneToHundred, 0), 1);
    assert.equal(percentile(oneToHundred, 100), 100);
    assert.equal(percentile(oneToHundred, 50), 50.5);
    assert.ok(Math.abs(percentile(oneToHundred, 95) - 95.05) < 1e-9);
    assert.equal(percentile([10, 20], 25), 12.5);
  });

  it('empty lists give NaN, non-finite values are dropped, bad p throws', () => {
    assert.ok(Number.isNaN(median([])));
    assert.equal(median([Number.NaN, 5, Number.POSITIVE_INFINITY]), 5);
    assert.throws(() => percentile([1], 101), RangeError);
    assert.throws(() => percentile([1], -1), RangeError);
  });

  it('summarize gives median, min, max, p50, p95 and the count', () => {
    const summary = summarize([5, 1, 3]);
    assert.deepEqual(
      { ...summary, p95: Number(summary.p95.toFixed(6)) },
      { count: 3, median: 3, min: 1, max: 5, p50: 3, p95: 4.8 },
    );
    assert.equal(summarize([]).count, 0);
  });

  it('medianStatsPasses takes each file’s median parse, rule and total time over several lints', () => {
    const lint = (parse: number, rules: Record<string, number>, total: number, filePath = '/a.ts') => ({
      filePath,
      stats: {
        times: {
          passes: [
            {
              parse: { total: parse },
              rules: Object.fromEntries(Object.entries(rules).map(([id, ms]) => [id, { total: ms }])),
              total,
            },
          ],
        },
      },
    });
    const merged = medianStatsPasses([
      [lint(10, { r: 5, s: 1 }, 20), lint(1, { r: 1 }, 2, '/b.ts')],
      [lint(12, { r: 50 }, 70)],
      [lint(11, { r: 6, s: 3 }, 22), lint(3, { r: 2 }, 4, '/b.ts')],
    ]);
    assert.deepEqual(
      merged.map((result) => [result.filePath, result.stats?.times?.passes?.[0]]),
      [
        ['/a.ts', { parse: { total: 11 }, rules: { r: { total: 6 }, s: { total: 1 } }, total: 22 }],
        ['/b.ts', { parse: { total: 2 }, rules: { r: { total: 1.5 } }, total: 3 }],
      ],
    );
    assert.deepEqual(medianStatsPasses([[{ filePath: '/c.ts' }]]), []);
  });
});

describe('ratios', () => {
  it('ratio is NaN when a side is missing or the denominator is not positive', () => {
    assert.equal(ratio(3, 2), 1.5);
    assert.ok(Number.isNaN(ratio(3, 0)));
    assert.ok(Number.isNaN(ratio(undefined, 2)));
    assert.ok(Number.isNaN(ratio(3, Number.NaN)));
  });

  it('same-round ratios divide inside each round and skip rounds missing a configuration', () => {
    const rounds = [
      { A: { cpuMs: 100 }, T: { cpuMs: 110 } },
      { A: { cpuMs: 200 }, T: { cpuMs: 200 } },
      { A: { cpuMs: 300 } },
      { A: { cpuMs: 100 }, T: { cpuMs: 130 } },
    ];
    const result = sameRoundRatios(rounds, 'T', 'A', 'cpuMs');
    assert.deepEqual(
      result.perRound.map((value) => Number(value.toFixed(6))),
      [1.1, 1, 1.3],
    );
    assert.equal(Number(result.median.toFixed(6)), 1.1);
    assert.equal(result.min, 1);
    assert.equal(Number(result.max.toFixed(6)), 1.3);
    assert.equal(result.count, 3);
  });

  it('rotate starts each round at a different configuration', () => {
    assert.deepEqual(rotate(['A', 'B', 'C'], 0), ['A', 'B', 'C']);
    assert.deepEqual(rotate(['A', 'B', 'C'], 1), ['B', 'C', 'A']);
    assert.deepEqual(rotate(['A', 'B', 'C'], 4), ['B', 'C', 'A']);
    assert.deepEqual(rotate([], 3), []);
  });

  it('perThousandLines scales milliseconds to lines', () => {
    assert.equal(perThousandLines(50, 100_000), 0.5);
  });
});

describe('target evaluation', () => {
  it('PASS at or under the limit, MISS above it, N/A when not measured', () => {
    assert.equal(evaluateTarget({ id: 'x', description: '', measured: 1.05, limit: 1.05 }).status, 'PASS');
    assert.equal(evaluateTarget({ id: 'x', description: '', measured: 1.0501, limit: 1.05 }).status, 'MISS');
    assert.equal(evaluateTarget({ id: 'x', description: '', measured: Number.NaN, limit: 1.05 }).status, 'N/A');
    assert.equal(evaluateTarget({ id: 'x', description: '', measured: undefined, limit: 1.05 }).measured, null);
    assert.equal(evaluateTarget({ id: 'x', description: '', measured: 3, limit: 2, comparison: '>=' }).status, 'PASS');
  });

  it('corpus targets use same-round CPU ratios and the stats round', () => {
    const rounds = [
      {
        A: { cpuMs: 100, peakRssMb: 300 },
        T: { cpuMs: 120, peakRssMb: 330 },
        B: { cpuMs: 100, peakRssMb: 300 },
        TT0: { cpuMs: 200 },
        TT: { cpuMs: 220 },
        C: { cpuMs: 400 },
      },
      {
        A: { cpuMs: 100, peakRssMb: 300 },
        T: { cpuMs: 104, peakRssMb: 310 },
        B: { cpuMs: 100, peakRssMb: 300 },
        TT0: { cpuMs: 200 },
        TT: { cpuMs: 240 },
        C: { cpuMs: 300 },
      },
      {
        A: { cpuMs: 100, peakRssMb: 300 },
        T: { cpuMs: 130, peakRssMb: 340 },
        B: { cpuMs: 100, peakRssMb: 300 },
        TT0: { cpuMs: 200 },
        TT: { cpuMs: 210 },
        C: { cpuMs: 350 },
      },
    ];
    const statsRuns = {
      T: {
        stats: {
          rules: {
            'tripwire/a': { totalMs: 30, p50: 0, p95: 0, max: 0, slowestFiles: [] },
            'tripwire/b': { totalMs: 30, p50: 0, p95: 0, max: 0, slowestFiles: [] },
            'no-loop-func': { totalMs: 999, p50: 0, p95: 0, max: 0, slowestFiles: [] },
          },
        },
      },
    };
    const targets = corpusTargets({ corpusId: 'c', rounds, statsRuns, lines: 100_000 });
    const byId = Object.fromEntries(targets.map((target) => [target.id, target]));
    assert.equal(byId['c: T ÷ B (CPU)']?.status, 'MISS'); // median of 1.2, 1.04, 1.3
    assert.equal(Number(byId['c: T ÷ B (CPU)']?.measured?.toFixed(6)), 1.2);
    assert.equal(byId['c: Σ tripwire rule time (T)']?.measured, 0.6); // 60 ms over 100k lines; core rules not counted
    assert.equal(byId['c: Σ tripwire rule time (T)']?.status, 'MISS');
    assert.equal(Number(byId['c: TT ÷ TT0 (CPU)']?.measured?.toFixed(6)), 1.1);
    assert.equal(byId['c: TT ÷ TT0 (CPU)']?.status, 'PASS');
    assert.equal(byId['c: TT ÷ C (CPU)']?.status, 'PASS'); // median of 0.55, 0.8, 0.6 = 0.6
    assert.equal(byId['c: TT ÷ C (CPU)']?.limit, 0.6);
    assert.equal(byId['c: peak RSS T ÷ B']?.status, 'PASS'); // median 1.1 ≤ 1.1
    assert.equal(LIMITS.syntacticVersusCorePair, 1.05);
    // No TT/C stats in this fixture: the floating-promise comparison cannot be made.
    assert.equal(byId['c: typed no-floating-promise ÷ typescript-eslint no-floating-promises (stats)']?.status, 'N/A');
  });

  it('compares the typed no-floating-promise with the anchor rule from the same stats round', () => {
    const rule = (totalMs: number) => ({ totalMs, p50: 0, p95: 0, max: 0, slowestFiles: [] });
    const statsRuns = (tripwireMs: number, anchorMs: number) => ({
      TT: { stats: { rules: { [FLOATING_PROMISE_RULES.tripwire]: rule(tripwireMs), 'tripwire/other': rule(500) } } },
      C: {
        stats: {
          rules: { [FLOATING_PROMISE_RULES.anchor]: rule(anchorMs), '@typescript-eslint/no-misused-promises': rule(9) },
        },
      },
    });
    const comparison = floatingPromiseComparison(statsRuns(372, 157), 10_000);
    assert.equal(comparison.tripwirePer1kLines, 37.2);
    assert.equal(comparison.anchorPer1kLines, 15.7);
    assert.equal(Number(comparison.ratio.toFixed(6)), Number((372 / 157).toFixed(6)));
    const target = (tripwireMs: number, anchorMs: number) =>
      corpusTargets({ corpusId: 'c', rounds: [], statsRuns: statsRuns(tripwireMs, anchorMs), lines: 10_000 }).find(
        (candidate) => candidate.id.includes('no-floating-promise'),
      );
    assert.equal(target(372, 157)?.status, 'MISS');
    assert.equal(target(157, 157)?.status, 'PASS'); // ≤ 1.0×: no slower than the anchor
    assert.equal(target(100, 157)?.status, 'PASS');
    assert.match(target(372, 157)?.description ?? '', /37\.200 .* vs 15\.700/);
    assert.ok(Number.isNaN(floatingPromiseComparison({ C: statsRuns(1, 1).C }, 1000).ratio));
  });

  it('targets without measurements are N/A, not PASS', () => {
    const targets = corpusTargets({ corpusId: 'c', rounds: [{ A: { cpuMs: 1 } }], statsRuns: {}, lines: 1000 });
    assert.ok(targets.every((target) => target.status === 'N/A'));
    assert.ok(lspTargets(undefined, 80).every((target) => target.status === 'N/A'));
  });

  it('single-file and language-server targets', () => {
    const single = singleFileTargets({ A: { edited: { wall: { p95: 100 } } }, T: { edited: { wall: { p95: 106 } } } });
    assert.equal(single[0]?.measured, 6);
    assert.equal(single[0]?.status, 'MISS');
    const lsp = lspTargets({ syntactic: { latency: { p95: 120 } }, typeAware: { latency: { p95: 250 } } }, 100);
    assert.deepEqual(
      lsp.slice(0, 2).map((target) => target.status),
      ['PASS', 'PASS'], // 1.2 ≤ 1.2, 2.5 ≤ 2.5
    );
    assert.deepEqual(
      lspTargets({ syntactic: { latency: { p95: 121 } }, typeAware: { latency: { p95: 251 } } }, 100)
        .slice(0, 2)
        .map((target) => target.status),
      ['MISS', 'MISS'],
    );
    const lessDebounce = lspTargets({ syntactic: { latency: { p95: 400 }, latencyAfterDebounce: { p95: 140 } } }, 100);
    assert.equal(lessDebounce[0]?.measured, 1.4);
    assert.equal(lessDebounce[0]?.status, 'MISS');
  });

  it('language-server type-aware targets: first edit, memory after opening the project, code actions during a lint', () => {
    const measured = (overrides: { firstEditMs: number; rssMb: number; peakRssMb: number; codeActionP95: number }) =>
      Object.fromEntries(
        lspTargets(
          {
            typeAware: {
              latency: { p95: 1 },
              project: { files: 167, memory: { rssMb: overrides.rssMb, peakRssMb: overrides.peakRssMb } },
            },
            firstEdit: { firstEditMs: overrides.firstEditMs },
            codeActionDuringLint: {
              trials: 3,
              answeredBeforeDiagnostics: 0,
              inLint: { count: 40, p95: overrides.codeActionP95 },
            },
          },
          100,
        )
          .slice(2)
          .map((target) => [target.id, target]),
      );
    const passing = measured({ firstEditMs: 2000, rssMb: 600, peakRssMb: 900, codeActionP95: 50 });
    assert.deepEqual(Object.keys(passing), [
      'LSP: type-aware first diagnostics after the first edit',
      'LSP: type-aware RSS after opening 168 files', // the edited file and the 167 others
      'LSP: type-aware peak RSS after opening 168 files',
      'LSP: code action answered while a type-aware lint runs (p95)',
    ]);
    assert.ok(Object.values(passing).every((target) => target.status === 'PASS'));
    const missing = measured({ firstEditMs: 4300, rssMb: 782, peakRssMb: 1456, codeActionP95: 1200 });
    assert.ok(Object.values(missing).every((target) => target.status === 'MISS'));
    assert.equal(missing['LSP: type-aware RSS after opening 168 files']?.unit, 'MB');
    assert.match(
      missing['LSP: code action answered while a type-aware lint runs (p95)']?.description ?? '',
      /40 requests sent during 3 lints; 0 answered/,
    );
    assert.deepEqual(
      [
        LIMITS.lspTypedFirstEditMs,
        LIMITS.lspTypedProjectRssMb,
        LIMITS.lspTypedProjectPeakRssMb,
        LIMITS.lspCodeActionDuringLintMs,
      ],
      [2000, 600, 900, 50],
    );
    assert.ok(lspTargets({}, 100).every((target) => target.status === 'N/A'));
  });

  it('tripwireRuleTime sums only tripwire/* rules, slowest first', () => {
    const result = tripwireRuleTime({
      rules: {
        'tripwire/x': { totalMs: 1, p50: 0, p95: 0, max: 0, slowestFiles: [] },
        'tripwire/y': { totalMs: 3, p50: 0, p95: 0, max: 0, slowestFiles: [] },
        other: { totalMs: 50, p50: 0, p95: 0, max: 0, slowestFiles: [] },
      },
    });
    assert.equal(result.totalMs, 4);
    assert.deepEqual(
      result.rules.map((rule) => rule.ruleId),
      ['tripwire/y', 'tripwire/x'],
    );
    assert.ok(Number.isNaN(tripwireRuleTime(undefined).totalMs));
  });
});

describe('corpus integrity', () => {
  const tarball = Buffer.from('pretend tarball bytes\n');
  const pinned = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;

  it('computes the sha512 Subresource-Integrity string npm uses', () => {
    assert.equal(computeIntegrity(tarball), pinned);
  });

  it('accepts the pinned hash', () => {
    assert.equal(verifyIntegrity(tarball, pinned, 'pkg@1.0.0'), pinned);
  });

  it('rejects a wrong hash, a changed byte, and a missing or non-sha512 pin', () => {
    const otherHash = computeIntegrity(Buffer.from('other bytes'));
    assert.throws(() => verifyIntegrity(tarball, otherHash, 'pkg@1.0.0'), /pkg@1\.0\.0: integrity mismatch/);
    const tampered = Buffer.from(tarball);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    assert.throws(() => verifyIntegrity(tampered, pinned), /integrity mismatch/);
    assert.throws(() => verifyIntegrity(tarball, undefined), /no sha512 integrity pinned/);
    assert.throws(() => verifyIntegrity(tarball, 'sha1-abc'), /no sha512 integrity pinned/);
  });

  it('every corpus package is pinned to an exact version and a sha512 hash', () => {
    assert.ok(CORPORA.some((corpus) => corpus.language === 'ts'));
    assert.ok(CORPORA.some((corpus) => corpus.language === 'js'));
    for (const corpus of CORPORA) {
      for (const pkg of corpus.packages) {
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/, `${pkg.name} version`);
        assert.match(pkg.integrity, /^sha512-[A-Za-z0-9+/]{86}==$/, `${pkg.name} integrity`);
      }
    }
  });

  it('names tarballs and folders the way npm pack and the corpus layout do', () => {
    assert.equal(tarballFileName('@grpc/grpc-js', '1.14.7'), 'grpc-grpc-js-1.14.7.tgz');
    assert.equal(tarballFileName('rxjs', '7.8.2'), 'rxjs-7.8.2.tgz');
    assert.equal(packageFolderName('@grpc/grpc-js'), '@grpc__grpc-js');
  });
});

describe('corpus files', () => {
  it('countLines counts newlines like wc -l and non-blank lines', () => {
    assert.deepEqual(countLines('a\n\n  \nb\n'), { lines: 4, nonBlank: 2 });
    assert.deepEqual(countLines('no newline'), { lines: 0, nonBlank: 1 });
    assert.deepEqual(countLines(''), { lines: 0, nonBlank: 0 });
  });

  it('sliceFiles picks every k-th file, about the requested lines, deterministically', () => {
    const files = Array.from({ length: 100 }, (_, index) => ({ name: `f${index}`, lines: 100 }));
    const slice = sliceFiles(files, 2000);
    assert.equal(slice.length, 20);
    assert.deepEqual(sliceFiles(files, 2000), slice);
    assert.equal(slice[0]?.name, 'f4');
    assert.equal(sliceFiles(files, 1_000_000), files);
    assert.equal(sliceFiles(files, undefined), files);
  });
});

describe('edits', () => {
  const source = [
    'import x from "y";',
    'function a() {',
    '  return 1;',
    '}',
    'const b = 2;',
    'class C {',
    '  m() {}',
    '}',
    '',
  ].join('\n');

  it('inserts a different comment line after a top-level closing brace', () => {
    assert.equal(editAnchorLine(source), 3);
    const edit = makeEditor(source);
    const first = edit(1);
    const second = edit(2);
    assert.notEqual(first, second);
    assert.ok(first.includes('\n// tripwire-bench edit 1\n'));
    assert.equal(first.split('\n').length, source.split('\n').length + 1);
  });

  it('renders Markdown tables', () => {
    const table = renderTable(
      ['config', 'ms'],
      [
        ['A', '1.00'],
        ['T', '12.50'],
      ],
    );
    assert.equal(table.split('\n').length, 4);
    assert.ok(table.split('\n')[1]?.endsWith(':|'));
  });
});

describe('language-server helpers', () => {
  it("takes the debounce from a numeric tripwire.* debounce/delay setting, else the server's default", () => {
    const manifest = {
      contributes: {
        configuration: {
          properties: {
            'tripwire.enable': { type: 'boolean', default: true },
            'tripwire.lintDelay': { type: 'number', default: 75 },
          },
        },
      },
    };
    assert.deepEqual(debounceFromManifest(manifest), { ms: 75, source: 'tripwire.lintDelay default' });
    const asList = {
      contributes: {
        configuration: [{ properties: {} }, { properties: { 'tripwire.debounceMs': { type: 'number', default: 0 } } }],
      },
    };
    assert.equal(debounceFromManifest(asList).ms, 0);
    assert.equal(debounceFromManifest({}).ms, DEFAULT_DEBOUNCE_MS);
    assert.equal(debounceFromManifest(undefined).ms, 150);
  });

  it('times only the code actions sent while the lint ran, and says which came before its diagnostics', () => {
    const summary = summarizeCodeActionProbes([
      {
        // A lint on the server's only thread: requests queue behind it and are answered after it.
        startAt: 150,
        diagnosticsAt: 1150,
        probes: [
          { sentAt: 0, answeredAt: 2 }, // during the debounce: not counted
          { sentAt: 160, answeredAt: 1160 },
          { sentAt: 660, answeredAt: 1165 },
          { sentAt: 1150, answeredAt: 1151 }, // after the diagnostics: not counted
        ],
      },
      {
        // A lint off the main thread: answered at once, before the diagnostics.
        startAt: 100,
        diagnosticsAt: 600,
        probes: [
          { sentAt: 100, answeredAt: 104 },
          { sentAt: 120, answeredAt: 126 },
          { sentAt: 140, answeredAt: Number.NaN }, // no answer
        ],
      },
    ]);
    assert.equal(summary.trials, 2);
    assert.equal(summary.inLint.count, 4);
    assert.deepEqual([summary.inLint.min, summary.inLint.max], [4, 1000]);
    assert.deepEqual([summary.first.min, summary.first.max], [4, 1000]); // the first request of each lint
    assert.equal(summary.answeredBeforeDiagnostics, 2);
    assert.equal(summary.unanswered, 1);
    assert.deepEqual([summary.lintMs.min, summary.lintMs.max], [500, 1000]);
    assert.equal(summarizeCodeActionProbes([]).inLint.count, 0);
  });

  it('keeps the measured file type-aware: the bench lifts the type-aware budget', () => {
    assert.equal(TYPE_AWARE_SETTINGS.typeAware, 'onType');
    assert.ok(TYPE_AWARE_SETTINGS.typeAwareBudgetMs >= 60 * 60 * 1000);
  });

  it('reads resident memory of a live process, and nothing for a missing one', () => {
    const own = residentMemoryMb(process.pid);
    if (process.platform === 'linux') assert.ok((own.rssMb ?? 0) > 0 && (own.peakRssMb ?? 0) >= (own.rssMb ?? 0));
    assert.deepEqual(residentMemoryMb(2 ** 30), { rssMb: undefined, peakRssMb: undefined });
  });
});

describe('eslint CLI --concurrency row', () => {
  it('parses the modes: off, auto and positive integers, off required', () => {
    assert.deepEqual(parseConcurrencyModes('off,auto'), ['off', 'auto']);
    assert.deepEqual(parseConcurrencyModes(' off , auto,2,2 '), ['off', 'auto', '2']);
    assert.throws(() => parseConcurrencyModes('off,0'), /neither off, auto nor a positive integer/);
    assert.throws(() => parseConcurrencyModes('off,many'), /neither/);
    assert.throws(() => parseConcurrencyModes('auto,2'), /must include off/);
  });

  it('runs the plugin presets untyped and typed', () => {
    assert.deepEqual(
      CONCURRENCY_CONFIGS.map((config) => config.configId),
      ['T', 'TT'],
    );
  });

  it('builds the real CLI command line with the probe preloaded before ESLint', () => {
    const argv = cliArguments({
      loaderArguments: ['--import', 'tsx'],
      probeUrl: 'file:///bench/cli-probe.mjs',
      eslintBin: '/m/eslint/bin/eslint.js',
      configFile: '/bench/cli.config.mjs',
      mode: 'auto',
      outputFile: '/tmp/out.json',
      files: ['/c/a.ts', '/c/b.ts'],
    });
    assert.deepEqual(argv, [
      '--import',
      'tsx',
      '--import',
      'file:///bench/cli-probe.mjs',
      '/m/eslint/bin/eslint.js',
      '--config',
      '/bench/cli.config.mjs',
      '--concurrency=auto',
      '--no-warn-ignored',
      '--format',
      'json',
      '--output-file',
      '/tmp/out.json',
      '/c/a.ts',
      '/c/b.ts',
    ]);
  });

  it('fingerprints findings independently of result order, and counts fatal messages apart', () => {
    const a = { filePath: '/c/a.ts', messages: [{ line: 1, column: 2, ruleId: 'tripwire/x', message: 'm' }] };
    const b = {
      filePath: '/c/b.ts',
      messages: [
        { line: 3, column: 1, ruleId: 'tripwire/y', message: 'n' },
        { line: 1, column: 1, ruleId: null, message: 'Parsing error', fatal: true },
      ],
    };
    const forward = findingsOf([a, b]);
    assert.deepEqual(
      { ...forward, fingerprint: undefined },
      { files: 2, problems: 2, fatal: 1, fingerprint: undefined },
    );
    assert.equal(findingsOf([b, a]).fingerprint, forward.fingerprint);
    assert.notEqual(findingsOf([a]).fingerprint, forward.fingerprint);
  });

  it('divides the process peak RSS by the threads that linted, and compares each mode with off', () => {
    const findings = { files: 10, problems: 4, fatal: 0, fingerprint: 'f' };
    const off = concurrencyRunFigures({
      mode: 'off',
      wallMs: 37_100,
      probe: { workers: 0, peakRssMb: 398, cpuMs: 36_000 },
      findings,
    });
    assert.equal(off.lintThreads, 1); // no worker thread: ESLint lints on its main thread
    assert.equal(off.peakRssPerLintThreadMb, 398);
    const two = concurrencyRunFigures({
      mode: '2',
      wallMs: 45_400,
      probe: { workers: 2, peakRssMb: 532, cpuMs: 54_000 },
      findings: { ...findings, fingerprint: 'g' },
    });
    assert.equal(two.peakRssPerLintThreadMb, 266);
    const [comparison] = compareConcurrency([off, two, { mode: 'auto', error: 'eslint exited 2' }]);
    assert.equal(comparison?.mode, '2');
    assert.equal(Number(comparison?.wallVersusOff.toFixed(4)), Number((45_400 / 37_100).toFixed(4)));
    assert.equal(comparison?.cpuVersusOff, 1.5);
    assert.equal(Number(comparison?.peakRssVersusOff.toFixed(4)), Number((532 / 398).toFixed(4)));
    assert.equal(comparison?.sameFindings, false);
    assert.equal(compareConcurrency([two])[0]?.sameFindings, undefined); // no off run to compare with
  });
});
