// What the language server adds to a syntactic lint, on the LSP bench file
// (src/@grpc__grpc-js/server.ts of the ts-node corpus; run `npm run bench -- --lsp --quick` once to fetch it):
//   1. the engine (guarded rules, config cache, rule settings) against a bare ESLint `Linter` with the
//      same parser and rules, alternating on the same edited text: same-round ratio, median;
//   2. over stdio with dist/server.js: didChange → publishDiagnostics, less the 150 ms debounce, less the
//      lint time the server logs for that version: what the server spends around the lint.
// Usage: node --import tsx bench/server-overhead.ts [rounds] [edits]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import tripwire from 'eslint-plugin-tripwire';
import { LintEngine } from '../server/src/lint-engine.js';
import { fileUri, repoRoot, StdioLspClient } from '../test/server/lsp-client.js';

const DEBOUNCE_MS = 150;
const WARM_UP = 5;
const workspace = path.join(repoRoot, '.cache', 'bench-corpora', 'ts-node');
const file = path.join(workspace, 'src', '@grpc__grpc-js', 'server.ts');
const rounds = Number(process.argv[2] ?? 30);
const edits = Number(process.argv[3] ?? 40);

if (!existsSync(file)) {
  console.error(
    `${path.relative(repoRoot, file)} is missing: run npm run bench -- --lsp --quick once to fetch the corpus.`,
  );
  process.exit(1);
}
const text = readFileSync(file, 'utf8');
const edited = (round: number) => `${text}\n// edit ${round}\n`;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function engineAgainstBareLinter(): string {
  const engine = new LintEngine();
  const linter = new Linter({ cwd: path.parse(file).root, configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { tripwire: tripwire as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: tripwire.configs.recommended.rules as Linter.RulesRecord,
    },
  ];
  const bare: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < rounds + WARM_UP; round++) {
    let started = performance.now();
    linter.verify(edited(round), config, { filename: file });
    const bareMs = performance.now() - started;
    started = performance.now();
    engine.lint({ filePath: file, text: edited(round), rules: {} });
    const oursMs = performance.now() - started;
    if (round >= WARM_UP) {
      bare.push(bareMs);
      ours.push(oursMs);
    }
  }
  const ratios = ours.map((value, index) => value / bare[index]!);
  return (
    `engine vs bare Linter, ${rounds} rounds: p50 ${percentile(ours, 0.5).toFixed(1)} vs ${percentile(bare, 0.5).toFixed(1)} ms; ` +
    `same-round ratio median ${percentile(ratios, 0.5).toFixed(3)}`
  );
}

async function aroundTheLint(): Promise<string> {
  const { client } = await StdioLspClient.start({ rootPath: workspace });
  const uri = fileUri(file);
  await client.open(uri, text);
  await client.waitForVersion(uri, 1);
  const around: number[] = [];
  const lints: number[] = [];
  for (let version = 2; version < edits + WARM_UP + 2; version++) {
    const started = performance.now();
    await client.replaceText(uri, edited(version), version);
    await client.waitForVersion(uri, version);
    const latency = performance.now() - started - DEBOUNCE_MS;
    const log = await client.waitForLog(new RegExp(` v${version} in ([\\d.]+) ms`));
    const lintMs = Number(/ in ([\d.]+) ms/.exec(log.message)![1]);
    if (version >= WARM_UP + 2) {
      around.push(latency - lintMs);
      lints.push(lintMs);
    }
  }
  await client.stop();
  return (
    `server over stdio, ${edits} edits: lint p50 ${percentile(lints, 0.5).toFixed(1)} ms; ` +
    `around it (latency − debounce − lint) p50 ${percentile(around, 0.5).toFixed(2)} / p95 ${percentile(around, 0.95).toFixed(2)} ms`
  );
}

console.log(`${path.relative(workspace, file)} (${text.split('\n').length} lines)`);
console.log(engineAgainstBareLinter());
console.log(await aroundTheLint());
