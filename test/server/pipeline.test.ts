// The linting pipeline over a real stdio connection: debounce, latest version wins, onSave, fairness, status.
// Timeouts only end a hung run; nothing here asserts a duration. The queue's timing itself (debounce
// per document, slow documents yielding) is tested on mocked timers in lint-queue.test.ts.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, StdioLspClient } from './lsp-client.js';
import { CLEAN, LOOP_RULE, makeWorkspace, removeWorkspace, sleep, TRAP } from './helpers.js';

/**
 * Resolves once every lint scheduled so far has been published: a document edited now is due after
 * any debounce already running, and lints run one at a time in the order they become due.
 */
async function allScheduledLintsPublished(client: StdioLspClient, barrierUri: string): Promise<void> {
  await client.open(barrierUri, CLEAN);
  await client.waitForVersion(barrierUri, 1);
  await client.replaceText(barrierUri, `${CLEAN}// barrier\n`, 2);
  await client.waitForVersion(barrierUri, 2);
}

describe('pipeline: debounce and latest version wins', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace();
    ({ client } = await StdioLspClient.start({ rootPath: workspace, testRules: true }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('rapid edits produce diagnostics for the final version only', async () => {
    const uri = fileUri(path.join(workspace, 'rapid.ts'));
    await client.open(uri, TRAP);
    await client.waitForVersion(uri, 1);
    for (let version = 2; version <= 12; version++)
      await client.replaceText(uri, version % 2 === 0 ? CLEAN : TRAP, version);
    const final = await client.waitForVersion(uri, 12);
    assert.equal(final.diagnostics.filter((d) => d.code === LOOP_RULE).length, 0);
    await allScheduledLintsPublished(client, fileUri(path.join(workspace, 'barrier-rapid.ts')));
    const intermediate = client.published.filter(
      (p) => p.uri === uri && p.version !== undefined && p.version > 1 && p.version < 12,
    );
    assert.deepEqual(
      intermediate.map((p) => p.version),
      [],
    );
  });

  it('publishes with the document version, and never an older version after a newer one', async () => {
    const uri = fileUri(path.join(workspace, 'versions.ts'));
    await client.open(uri, TRAP);
    for (let version = 2; version <= 6; version++) {
      await client.replaceText(uri, version % 2 === 0 ? CLEAN : TRAP, version);
      // Uneven pauses between edits (0, 60, 120 ms), so some lints start between edits and some edits merge.
      await sleep(60 * (version % 3));
    }
    await client.waitForVersion(uri, 6);
    await allScheduledLintsPublished(client, fileUri(path.join(workspace, 'barrier-versions.ts')));
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `published out of order: ${versions.join(',')}`,
    );
    assert.equal(versions.at(-1), 6);
  });

  it('a slow file does not delay diagnostics for another file', async () => {
    const slowUri = fileUri(path.join(workspace, 'slow.ts'));
    const fastUri = fileUri(path.join(workspace, 'fast.ts'));
    const slowText = `// __tripwire_slow_900__\n${CLEAN}`;
    await client.open(slowUri, slowText);
    await client.open(fastUri, TRAP);
    await client.waitForVersion(slowUri, 1);
    await client.waitForVersion(fastUri, 1);
    // The slow file is edited first, the fast one right after. The fast file must be served first.
    await client.replaceText(slowUri, `${slowText}// edit\n`, 2);
    await client.replaceText(fastUri, CLEAN, 2);
    await Promise.all([client.waitForVersion(slowUri, 2), client.waitForVersion(fastUri, 2)]);
    const order = client.published
      .filter((p) => (p.uri === slowUri || p.uri === fastUri) && p.version === 2)
      .map((p) => (p.uri === fastUri ? 'fast' : 'slow'));
    assert.deepEqual(order, ['fast', 'slow']);
  });

  it('reports its state through tripwire/status (ready and the last lint after each lint)', async () => {
    const uri = fileUri(path.join(workspace, 'status.ts'));
    const since = client.statuses.length;
    await client.open(uri, TRAP);
    await client.waitForVersion(uri, 1);
    const last = await client.waitForStatus((status) => status.lastLintUri === uri, since);
    assert.equal(last.state, 'ready');
    assert.equal(last.trusted, true);
    assert.equal(last.typeAware, 'off');
    assert.equal(typeof last.lastLintMs, 'number');
    assert.deepEqual(
      client.statuses.slice(since).filter((status) => status.state === 'linting'),
      [],
      'a short lint announces nothing before it',
    );
  });

  it('says "linting" before a long lint starts (a document whose last lint was slow)', async () => {
    const uri = fileUri(path.join(workspace, 'status-slow.ts'));
    const text = `// __tripwire_slow_600__\n${TRAP}`;
    await client.open(uri, text);
    await client.waitForVersion(uri, 1);
    await client.waitForStatus((status) => status.lastLintUri === uri);
    const since = client.statuses.length;
    await client.replaceText(uri, `${text}// edit\n`, 2);
    await client.waitForVersion(uri, 2);
    const after = client.statuses.slice(since);
    const linting = after.findIndex((status) => status.state === 'linting');
    const done = after.findIndex((status) => status.lastLintUri === uri && status.state === 'ready');
    assert.ok(linting !== -1 && (done === -1 || linting < done), JSON.stringify(after));
  });
});

describe('pipeline: tripwire.run = onSave', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;
  // Two folders: files in saved/ are linted on save, files in typed/ while typing (until the settings change).
  let run: Record<string, string> = { saved: 'onSave', typed: 'onType' };
  const folder = (name: string) => path.join(workspace, name);

  before(async () => {
    workspace = makeWorkspace();
    for (const name of Object.keys(run)) mkdirSync(folder(name));
    ({ client } = await StdioLspClient.start({
      folders: [folder('saved'), folder('typed')],
      settings: (scopeUri) => ({ run: scopeUri?.endsWith('/typed') ? run['typed'] : run['saved'] }),
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('lints on open and on save, not while typing', async () => {
    const uri = fileUri(path.join(folder('saved'), 'saved.ts'));
    await client.open(uri, TRAP);
    const opened = await client.waitForVersion(uri, 1);
    assert.equal(opened.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
    await client.replaceText(uri, CLEAN, 2);
    await client.replaceText(uri, CLEAN.replace('items[i]', 'items[i] + 1'), 3);
    // A file linted while typing, edited after those edits, is published after any lint they scheduled.
    await allScheduledLintsPublished(client, fileUri(path.join(folder('typed'), 'barrier.ts')));
    assert.equal(
      client.published.filter((p) => p.uri === uri && (p.version ?? 0) > 1).length,
      0,
      'linted while typing',
    );
    await client.save(uri);
    const saved = await client.waitForVersion(uri, 3);
    assert.deepEqual(saved.diagnostics, []);
  });

  it('switches to onType when the setting changes (didChangeConfiguration)', async () => {
    const uri = fileUri(path.join(folder('saved'), 'switched.ts'));
    await client.open(uri, CLEAN);
    await client.waitForVersion(uri, 1);
    run = { saved: 'onType', typed: 'onType' };
    await client.changeConfiguration({ tripwire: {} });
    await client.replaceText(uri, TRAP, 2);
    const typed = await client.waitForVersion(uri, 2);
    assert.equal(typed.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
  });
});
