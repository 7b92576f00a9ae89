// The corpus's pure helpers: which files are linted, how audit entries follow their line, the tally.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  auditEntryProblem,
  exclusionReason,
  fingerprint,
  matchReports,
  readAudit,
  tally,
  writeAudit,
  type AuditEntry,
  type CorpusReport,
} from '../../corpus/lib.mjs';
import { HELP, coversPreset, parseArguments } from '../../corpus/run.mjs';

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  rule: 'no-floating-promise',
  file: 'pkg/lib/a.js',
  line: 10,
  column: 3,
  fingerprint: fingerprint('  save(item);'),
  verdict: 'true',
  reason: 'dropped write',
  ...overrides,
});
const report = (overrides: Partial<CorpusReport>): CorpusReport => ({
  rule: 'no-floating-promise',
  file: 'pkg/lib/a.js',
  line: 10,
  column: 3,
  fingerprint: fingerprint('  save(item);'),
  ...overrides,
});

describe('corpus file selection', () => {
  it('keeps included hand-written sources and says why the others are skipped', () => {
    assert.equal(exclusionReason('lib/client.js', 'const a = 1;\n', ['lib/']), undefined);
    assert.equal(exclusionReason('index.js', 'x\n', ['index.js', 'lib/']), undefined);
    assert.equal(exclusionReason('src/a.ts', 'x\n', ['']), undefined);
    assert.equal(exclusionReason('bench/a.js', 'x\n', ['lib/']), 'not included');
    assert.equal(exclusionReason('lib/types.d.ts', 'x\n', ['lib/']), 'declaration file');
    assert.equal(exclusionReason('lib/__tests__/a.js', 'x\n', ['lib/']), 'test');
    assert.equal(exclusionReason('lib/a.spec.ts', 'x\n', ['lib/']), 'test');
    assert.equal(exclusionReason('lib/vendor.min.js', 'x\n', ['lib/']), 'minified');
    assert.match(
      exclusionReason('lib/wasm.js', `module.exports = '${'A'.repeat(2000)}'\n`, ['lib/']) ?? '',
      /^generated/,
    );
  });
});

describe('audit matching', () => {
  it('a fingerprint ignores indentation and inner whitespace, not the text', () => {
    assert.equal(fingerprint('  const a  =  save(item);'), fingerprint('const a = save(item);'));
    assert.equal(fingerprint('\tsave(item);  '), fingerprint('save(item);'));
    assert.notEqual(fingerprint('save(item);'), fingerprint('save(other);'));
  });

  it('an entry follows its line when lines shift, but not when the text changes', () => {
    const entries = [entry({})];
    const shifted = matchReports([report({ line: 14 })], entries);
    assert.equal(shifted.pairs.length, 1);
    assert.equal(shifted.unaudited.length, 0);
    const changed = matchReports([report({ fingerprint: fingerprint('save(other);') })], entries);
    assert.equal(changed.pairs.length, 0);
    assert.equal(changed.unaudited.length, 1);
  });

  it('two identical lines pair with the nearest entries, each entry at most once', () => {
    const entries = [entry({ line: 10, verdict: 'true' }), entry({ line: 40, verdict: 'benign', reason: 'intended' })];
    const { pairs, unaudited } = matchReports(
      [report({ line: 42 }), report({ line: 11 }), report({ line: 90 })],
      entries,
    );
    assert.deepEqual(
      pairs.map(({ report: r, entry: e }) => [r.line, e.verdict]),
      [
        [11, 'true'],
        [42, 'benign'],
      ],
    );
    assert.deepEqual(
      unaudited.map((r) => r.line),
      [90],
    );
  });

  it('a different rule or file never matches', () => {
    const entries = [entry({})];
    assert.equal(matchReports([report({ rule: 'no-leaked-timer' })], entries).pairs.length, 0);
    assert.equal(matchReports([report({ file: 'pkg/lib/b.js' })], entries).pairs.length, 0);
  });

  it('an entry still marked unaudited counts as unaudited', () => {
    const { pairs, unaudited } = matchReports([report({})], [entry({ verdict: 'unaudited', reason: '' })]);
    assert.equal(pairs.length, 1);
    assert.equal(unaudited.length, 1);
  });
});

describe('tally', () => {
  it('precision is true/(true+false), actionable is true over audited reports', () => {
    const reports = [
      report({ line: 1 }),
      report({ line: 2 }),
      report({ line: 3 }),
      report({ line: 4 }),
      report({ line: 5, rule: 'no-leaked-timer' }),
    ];
    const entries = [
      entry({ line: 1, verdict: 'true' }),
      entry({ line: 2, verdict: 'benign', reason: 'intended' }),
      entry({ line: 3, verdict: 'false', reason: 'wrong' }),
    ];
    const { pairs, unaudited } = matchReports(reports, entries);
    const result = tally(pairs, unaudited, ['no-floating-promise', 'no-leaked-timer', 'no-lossy-json']);
    assert.deepEqual(result.rules['no-floating-promise'], {
      reports: 4,
      true: 1,
      benign: 1,
      false: 1,
      unaudited: 1,
      precision: 0.5,
      actionable: 1 / 3,
    });
    assert.deepEqual(result.rules['no-leaked-timer'], {
      reports: 1,
      true: 0,
      benign: 0,
      false: 0,
      unaudited: 1,
      precision: undefined,
      actionable: undefined,
    });
    assert.equal(result.rules['no-lossy-json']?.reports, 0);
    assert.equal(result.total.reports, 5);
    assert.equal(result.total.precision, 0.5);
  });
});

describe('audit file', () => {
  it('round-trips sorted entries and rejects a judged entry without a reason', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tripwire-audit-'));
    try {
      const file = path.join(dir, 'audit.jsonl');
      writeAudit(file, [entry({ line: 20 }), entry({ line: 5, file: 'a/first.js' })]);
      assert.deepEqual(
        readAudit(file).map((e) => `${e.file}:${e.line}`),
        ['a/first.js:5', 'pkg/lib/a.js:20'],
      );
      writeFileSync(file, `${JSON.stringify(entry({ reason: '' }))}\n`);
      assert.throws(() => readAudit(file), /audit\.jsonl:1: a judged entry needs a one-line "reason"/);
      assert.equal(
        auditEntryProblem({ ...entry({}), verdict: 'maybe' }),
        'verdict must be one of true, benign, false, unaudited (got "maybe")',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run corpus options', () => {
  it('parses the documented flags and refuses the rest', () => {
    assert.deepEqual(parseArguments(['--typed', '--json', '--only', 'pg, ws']), {
      typed: true,
      json: true,
      update: false,
      prune: false,
      doc: false,
      plugin: undefined,
      only: ['pg', 'ws'],
      help: false,
    });
    assert.throws(() => parseArguments(['--bogus']), /unknown option --bogus/);
    assert.throws(() => parseArguments(['--prune']), /--prune only goes with --update/);
    assert.throws(() => parseArguments(['--update', '--prune']), /--prune needs --typed/);
    assert.throws(() => parseArguments(['--doc']), /--doc needs --typed/);
    for (const flag of ['--typed', '--json', '--update', '--prune', '--doc', '--plugin', '--only', '--help'])
      assert.ok(HELP.includes(flag), flag);
  });

  it('a preset covers another when it enables the same rules with the same options', () => {
    const recommended: Parameters<typeof coversPreset>[1] = {
      rules: { 'tripwire/a': 'error', 'tripwire/b': ['error', { mode: 'x' }], 'tripwire/c': 'off' },
    };
    assert.ok(
      coversPreset(
        { rules: { 'tripwire/a': 'warn', 'tripwire/b': ['error', { mode: 'x' }], 'tripwire/d': 'error' } },
        recommended,
      ),
    );
    assert.ok(!coversPreset({ rules: { 'tripwire/a': 'error', 'tripwire/b': ['error', { mode: 'y' }] } }, recommended));
    assert.ok(!coversPreset({ rules: { 'tripwire/b': ['error', { mode: 'x' }] } }, recommended));
  });
});
