#!/usr/bin/env node
// Runs every test tier that exists and closes with one line: "N passed, N failed".
//   node scripts/test.mjs            all tiers
//   node scripts/test.mjs rules cli  only the named tiers (build and checks always run first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpmDependencies } from './ensure-installed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, '.cache', 'test');
mkdirSync(cacheDir, { recursive: true });

ensureNpmDependencies(root);

const requested = new Set(process.argv.slice(2));
/** Node test tiers, in order: folder under test/ → description. */
const nodeTiers = [
  ['rules', 'rule tests (RuleTester, with and without type information)'],
  ['scaffold', 'scaffold tests (generated code compiled with tsc --strict and run)'],
  ['cli', 'CLI tests (the real eslint binary)'],
  ['server', 'server tests (real LSP over stdio)'],
  ['extension', 'extension package tests'],
  ['bench', 'benchmark harness tests'],
  ['corpus', 'real-code corpus (pinned npm packages, audited reports; fetched from the npm registry on first run)'],
  ['harness', 'test harness tests (e2e paths)'],
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(command, args, label) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/** A check that is not a node:test file (build, type-check, lint) counts as one test. */
function check(label, command, args) {
  if (run(command, args, label)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}

/** A tier's counts file, or undefined when it is missing, truncated or not the expected shape. */
function readCounts(file) {
  let counts;
  try {
    counts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const isCount = (value) => Number.isInteger(value) && value >= 0;
  if (typeof counts !== 'object' || counts === null || !isCount(counts.passed) || !isCount(counts.failed))
    return undefined;
  return {
    passed: counts.passed,
    failed: counts.failed,
    skipped: isCount(counts.skipped) ? counts.skipped : 0,
    failures: Array.isArray(counts.failures) ? counts.failures.map(String) : [],
  };
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (entry === 'fixtures' || entry === 'node_modules') continue;
    if (statSync(full).isDirectory()) found.push(...testFiles(full));
    else if (/\.test\.(ts|mts|js|mjs)$/.test(entry)) found.push(full);
  }
  return found.sort();
}

check('build', 'npm', ['run', 'build', '--silent']);
check('typecheck', 'npm', ['run', 'typecheck', '--silent']);
check('lint (the repository with its own plugin)', 'npm', ['run', 'lint', '--silent']);
check('format (prettier --check; npm run format fixes it)', 'npm', ['run', 'format:check', '--silent']);

for (const [tier, description] of nodeTiers) {
  if (requested.size > 0 && !requested.has(tier)) continue;
  const files = testFiles(path.join(root, 'test', tier));
  if (files.length === 0) continue;
  const countsFile = path.join(cacheDir, `${tier}.json`);
  rmSync(countsFile, { force: true });
  const ok = run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${path.join(root, 'scripts', 'count-reporter.mjs')}`,
      `--test-reporter-destination=${countsFile}`,
      ...files.map((file) => path.relative(root, file)),
    ],
    `${tier}: ${description}`,
  );
  if (!existsSync(countsFile)) {
    totals.failed += 1;
    failures.push(`${tier}: the test runner did not report (crashed?)`);
    continue;
  }
  const counts = readCounts(countsFile);
  if (counts === undefined) {
    totals.failed += 1;
    failures.push(`${tier}: the test runner wrote an unreadable report (crashed?)`);
    continue;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  failures.push(...counts.failures.map((name) => `${tier}: ${name}`));
  if (!ok && counts.failed === 0) {
    totals.failed += 1;
    failures.push(`${tier}: the runner exited non-zero without a failing test`);
  }
}

const e2eRunner = path.join(root, 'test', 'e2e', 'run.mjs');
if (existsSync(e2eRunner) && (requested.size === 0 || requested.has('e2e')) && process.env.TRIPWIRE_SKIP_E2E !== '1') {
  const countsFile = path.join(cacheDir, 'e2e.json');
  rmSync(countsFile, { force: true });
  const ok = run(process.execPath, [e2eRunner, '--counts', countsFile], 'e2e: a real VS Code (code-server)');
  const counts = existsSync(countsFile) ? readCounts(countsFile) : undefined;
  if (counts !== undefined) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped ?? 0;
    failures.push(...(counts.failures ?? []).map((name) => `e2e: ${name}`));
    if (!ok && counts.failed === 0) {
      totals.failed += 1;
      failures.push('e2e: the runner exited non-zero without a failing test');
    }
  } else {
    totals.failed += 1;
    failures.push('e2e: the runner did not report');
  }
}

console.log('\n──────── Tripwire test summary ────────');
for (const failure of failures) console.log(`✖ ${failure}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
