// Linting runs in a worker thread: over a real stdio connection, the LSP thread answers while a lint
// runs, a lint made obsolete by a newer version never publishes, and a worker that dies is replaced.
// The test rule tripwire-test/block (./test-rules.ts) holds a lint until the test creates a file, so
// every "while the lint runs" below is a fact of ordering, not of timing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fileUri, StdioLspClient } from './lsp-client.js';
import { LOOP_RULE, makeWorkspace, removeWorkspace, sleep, TRAP, WHOLE_FILE } from './helpers.js';

const BLOCK_RULE = 'tripwire-test/block';

/** A document that the block rule holds until `release` exists; the rule then reports `tag`. */
function blocking(release: string, tag: string): string {
  return `// __tripwire_tag_${tag}__\n${TRAP}__tripwire_block__(${JSON.stringify(release)});\n`;
}

/** Resolves once the block rule has started linting a text held by `release` (it writes `<release>.started`). */
async function lintStarted(release: string): Promise<string> {
  const started = `${release}.started`;
  while (!existsSync(started)) await sleep(20);
  return readFileSync(started, 'utf8');
}

function blockReports(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics.filter((d: Diagnostic) => d.code === BLOCK_RULE).map((d) => String(d.message));
}

describe('lint worker: linting off the LSP thread', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace();
    ({ client } = await StdioLspClient.start({ rootPath: workspace, testRules: true }));
  });
  after(async () => {
    // Release every lint still held, whatever a failed test left behind.
    for (const name of ['release-actions', 'release-dropped', 'release-stopped']) {
      writeFileSync(path.join(workspace, name), '');
    }
    const code = await client.stop();
    assert.equal(code, 0, client.stderr.join(''));
    removeWorkspace(workspace);
  });

  it('answers a code action request while a long lint of the same document runs', async () => {
    const uri = fileUri(path.join(workspace, 'actions.ts'));
    const release = path.join(workspace, 'release-actions');
    writeFileSync(release, '');
    await client.open(uri, blocking(release, 'actions'));
    const first = await client.waitForVersion(uri, 1);
    const trap = first.diagnostics.find((d) => d.code === LOOP_RULE);
    assert.ok(trap, JSON.stringify(first.diagnostics));
    // Hold the next lint of the same version (a save re-lints it) until the code action has been answered.
    rmSync(release);
    rmSync(`${release}.started`);
    await client.save(uri);
    await lintStarted(release);
    const publishedBefore = client.published.length;
    const actions = await client.codeActions(uri, trap.range, undefined, [trap]);
    const answeredAt = client.published.length;
    assert.equal(answeredAt, publishedBefore, 'nothing was published while the lint was held');
    const titles = actions.map((action) => action.title);
    assert.ok(
      titles.includes(`Disable ${LOOP_RULE} for this line`),
      `quick fixes of the published lint: ${titles.join(' | ')}`,
    );
    assert.ok(titles.includes(`Show documentation for ${LOOP_RULE}`), titles.join(' | '));
    writeFileSync(release, '');
    const relinted = await client.waitForDiagnostics(uri, (params) => client.published.indexOf(params) >= answeredAt);
    assert.ok(
      client.published.indexOf(relinted) >= answeredAt,
      'the code action was answered before the lint published',
    );
    assert.deepEqual(blockReports(relinted), ['linted the text tagged actions']);
    // What the rule printed in the worker is in the log (the LSP stream it would have corrupted still works).
    await client.waitForLog(/^lint worker: tripwire-test block: released the text tagged actions$/);
  });

  it('never publishes the result of a lint made obsolete by a newer version', async () => {
    const uri = fileUri(path.join(workspace, 'dropped.ts'));
    const release = path.join(workspace, 'release-dropped');
    await client.open(uri, blocking(release, 'first'));
    assert.match(await lintStarted(release), /__tripwire_tag_first__/);
    await client.replaceText(uri, blocking(release, 'second'), 2);
    // Answered after the server has read the change (messages are handled in order), while version 1 is still held.
    await client.codeActions(uri, WHOLE_FILE);
    writeFileSync(release, '');
    const second = await client.waitForVersion(uri, 2);
    assert.deepEqual(blockReports(second), ['linted the text tagged second']);
    // The worker answers in order: a result for version 1 would have been published before version 2's.
    const mine = client.published.filter((params) => params.uri === uri);
    assert.deepEqual(
      mine.map((params) => params.version),
      [2],
    );
    assert.deepEqual(mine.flatMap(blockReports), ['linted the text tagged second']);
  });

  it('stops an obsolete lint that would run on by restarting the worker', async () => {
    const uri = fileUri(path.join(workspace, 'stopped.ts'));
    const release = path.join(workspace, 'release-stopped');
    // Version 1 is held until the end of the suite: version 2 can only be linted by a new worker.
    await client.open(uri, blocking(release, 'held'));
    await lintStarted(release);
    await client.replaceText(uri, `// __tripwire_tag_newest__\n${TRAP}`, 2);
    const second = await client.waitForVersion(uri, 2);
    assert.equal(second.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
    await client.waitForLog(/Stopped an obsolete lint \(linting .*stopped\.ts, \d+ ms; a newer version/);
    assert.deepEqual(
      client.published.filter((params) => params.uri === uri).map((params) => params.version),
      [2],
    );
  });

  it('replaces a worker that exits in the middle of a lint: the lint fails once, the next one works', async () => {
    const uri = fileUri(path.join(workspace, 'exits.ts'));
    const since = client.statuses.length;
    await client.open(uri, `${TRAP}export const __tripwire_exit_worker__ = 1;\n`);
    const log = await client.waitForLog(/Linting .*exits\.ts failed: .*the lint worker stopped \(exit code 3\)/);
    assert.equal(log.type, 1 /* Error */);
    const status = await client.waitForStatus((s) => s.state === 'error', since);
    assert.match(status.message ?? '', /Linting exits\.ts failed: the lint worker stopped \(exit code 3\)/);
    // The same failure again is not logged again.
    await client.replaceText(uri, `${TRAP}export const __tripwire_exit_worker__ = 2;\n`, 2);
    await client.waitForStatus((s) => s.state === 'error', client.statuses.length);
    await client.replaceText(uri, TRAP, 3);
    const recovered = await client.waitForVersion(uri, 3);
    assert.equal(recovered.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
    assert.deepEqual(
      client.published.filter((params) => params.uri === uri).map((params) => params.version),
      [3],
    );
    assert.equal(client.logs.filter((l) => /exits\.ts failed/.test(l.message)).length, 1, 'logged more than once');
    const other = fileUri(path.join(workspace, 'after-exit.ts'));
    await client.open(other, TRAP);
    assert.equal((await client.waitForVersion(other, 1)).diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
  });

  it('replaces a worker ended by an exception outside ESLint after its lint', async () => {
    const uri = fileUri(path.join(workspace, 'throws-later.ts'));
    await client.open(uri, `${TRAP}export const __tripwire_throw_later__ = 1;\n`);
    const published = await client.waitForVersion(uri, 1);
    assert.equal(published.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
    const log = await client.waitForLog(/The lint worker stopped \(test failure outside ESLint/);
    assert.equal(log.type, 1 /* Error */);
    const other = fileUri(path.join(workspace, 'after-throw.ts'));
    await client.open(other, TRAP);
    assert.equal((await client.waitForVersion(other, 1)).diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
  });
});

describe('lint worker: an obsolete type-aware lint', { timeout: 180_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;
  const src = (name: string) => path.join(workspace, 'src', name);
  const release = () => path.join(workspace, 'release-typed');
  const PROBE = 'tripwire-test/type-probe';
  const CALLER = "import { probeLoad } from './loader';\n\nexport function run(): void {\n  probeLoad();\n}\n";

  before(async () => {
    workspace = makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', noEmit: true } }),
      'src/loader.ts': 'export function probeLoad(): number {\n  return 1;\n}\n',
    });
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      testRules: true,
      settings: () => ({ typeAware: 'onType' }),
    }));
  });
  after(async () => {
    writeFileSync(release(), '');
    await client.stop();
    removeWorkspace(workspace);
  });

  it('is stopped by a restart, and the new worker still sees the unsaved text of other documents', async () => {
    // An unsaved edit makes probeLoad async: only the editor's text says so, the disk does not.
    const loader = fileUri(src('loader.ts'));
    await client.open(loader, 'export async function probeLoad(): Promise<number> {\n  return 1;\n}\n');
    await client.waitForVersion(loader, 1);
    const caller = fileUri(src('caller.ts'));
    await client.open(caller, CALLER);
    const first = await client.waitForVersion(caller, 1);
    assert.equal(first.diagnostics.filter((d) => d.code === PROBE).length, 1, JSON.stringify(first.diagnostics));
    // Version 2 is held for the rest of the test: version 3 can only be linted by a new worker.
    await client.replaceText(caller, `${CALLER}__tripwire_block__(${JSON.stringify(release())});\n`, 2);
    await lintStarted(release());
    await client.replaceText(caller, `${CALLER}// __tripwire_tag_newest__\n`, 3);
    const third = await client.waitForVersion(caller, 3);
    await client.waitForLog(/Stopped an obsolete lint \(linting .*caller\.ts, \d+ ms; a newer version/);
    assert.equal(third.diagnostics.filter((d) => d.code === PROBE).length, 1, JSON.stringify(third.diagnostics));
    const status = await client.waitForStatus((s) => s.lastLintUri === caller && s.state !== 'linting');
    assert.equal(status.lastLintTyped, true);
    assert.deepEqual(
      client.published.filter((params) => params.uri === caller).map((params) => params.version),
      [1, 3],
    );
  });
});

describe('lint worker: a heap limit', { timeout: 180_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace();
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      testRules: true,
      env: { TRIPWIRE_TEST_WORKER_HEAP_MB: '256' },
    }));
  });
  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, client.stderr.join(''));
    removeWorkspace(workspace);
  });

  it('replaces a worker that runs out of memory with one given twice the heap, and the next lint works', async () => {
    const uri = fileUri(path.join(workspace, 'hungry.ts'));
    await client.open(uri, `${TRAP}export const __tripwire_exhaust_memory__ = 1;\n`);
    const raised = await client.waitForLog(/ran out of memory at its 256 MB heap limit; the next one gets 512 MB/);
    assert.equal(raised.type, 2 /* Warning */);
    await client.waitForLog(/Linting .*hungry\.ts failed: .*the lint worker stopped/);
    await client.replaceText(uri, TRAP, 2);
    const recovered = await client.waitForVersion(uri, 2);
    assert.equal(recovered.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
    // The server itself lived through it.
    assert.equal(client.process.exitCode, null);
  });
});
