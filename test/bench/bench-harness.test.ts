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
import { editAnchorLine, makeEditor } from '../../bench/lib/edits.mjs';
import { DEFAULT_DEBOUNCE_MS, debounceFromManifest, residentMemoryMb } from '../../bench/lib/lsp.mjs';
import {
  evaluateTarget,
  median,
  percentile,
  perThousandLines,
  ratio,
  renderTable,
  rotate,
  sameRoundRatios,
  summarize,
} from '../../bench/lib/stats.mjs';
import { LIMITS, corpusTargets, lspTargets, singleFileTargets, tripwireRuleTime } from '../../bench/lib/targets.mjs';

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
    assert.equal(byId['c: peak RSS T ÷ B']?.status, 'PASS'); // median 1.1 ≤ 1.1
    assert.equal(LIMITS.syntacticVersusCorePair, 1.05);
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
    const lsp = lspTargets({ syntactic: { latency: { p95: 120 } }, typeAware: { latency: { p95: 400 } } }, 100);
    assert.deepEqual(
      lsp.map((target) => target.status),
      ['PASS', 'MISS'],
    );
    const lessDebounce = lspTargets({ syntactic: { latency: { p95: 400 }, latencyAfterDebounce: { p95: 140 } } }, 100);
    assert.equal(lessDebounce[0]?.measured, 1.4);
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

  it('reads resident memory of a live process, and nothing for a missing one', () => {
    const own = residentMemoryMb(process.pid);
    if (process.platform === 'linux') assert.ok((own.rssMb ?? 0) > 0 && (own.peakRssMb ?? 0) >= (own.rssMb ?? 0));
    assert.deepEqual(residentMemoryMb(2 ** 30), { rssMb: undefined, peakRssMb: undefined });
  });
});
