// The linting pipeline over a real stdio connection: debounce, latest version wins, onSave, fairness, status.
// Timeouts only end a hung run; nothing here asserts a duration.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, StdioLspClient } from './lsp-client.js';
import { CLEAN, LOOP_RULE, makeWorkspace, removeWorkspace, sleep, TRAP } from './helpers.js';

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
    for (let version = 2; version <= 12; version++) await client.replaceText(uri, version % 2 === 0 ? CLEAN : TRAP, version);
    const final = await client.waitForVersion(uri, 12);
    assert.equal(final.diagnostics.filter((d) => d.code === LOOP_RULE).length, 0);
    // Give any straggler a chance to show up, then check nothing for an intermediate version was published.
    await sleep(400);
    const intermediate = client.published.filter((p) => p.uri === uri && p.version !== undefined && p.version > 1 && p.version < 12);
    assert.deepEqual(intermediate.map((p) => p.version), []);
  });

  it('publishes with the document version, and never an older version after a newer one', async () => {
    const uri = fileUri(path.join(workspace, 'versions.ts'));
    await client.open(uri, TRAP);
    for (let version = 2; version <= 6; version++) {
      await client.replaceText(uri, version % 2 === 0 ? CLEAN : TRAP, version);
      await sleep(60 * (version % 3));
    }
    await client.waitForVersion(uri, 6);
    await sleep(300);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published out of order: ${versions.join(',')}`);
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
    const order = client.published.filter((p) => (p.uri === slowUri || p.uri === fastUri) && p.version === 2).map((p) => (p.uri === fastUri ? 'fast' : 'slow'));
    assert.deepEqual(order, ['fast', 'slow']);
  });

  it('keeps editing one file without starving another (per-document debounce)', async () => {
    const busyUri = fileUri(path.join(workspace, 'busy.ts'));
    const quietUri = fileUri(path.join(workspace, 'quiet.ts'));
    await client.open(busyUri, TRAP);
    await client.open(quietUri, CLEAN);
    await client.waitForVersion(busyUri, 1);
    await client.waitForVersion(quietUri, 1);
    await client.replaceText(quietUri, TRAP, 2);
    // Keep typing in the other file faster than the debounce: its lint keeps moving, the quiet one's must not.
    let version = 1;
    const typing = (async () => {
      for (let index = 0; index < 12; index++) {
        await client.replaceText(busyUri, index % 2 === 0 ? CLEAN : TRAP, ++version);
        await sleep(50);
      }
    })();
    const quiet = await client.waitForVersion(quietUri, 2);
    const busyAtThatPoint = client.published.filter((p) => p.uri === busyUri && (p.version ?? 0) > 1).length;
    await typing;
    assert.equal(quiet.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
    assert.equal(busyAtThatPoint, 0, 'the quiet file was published while the busy one was still being typed in');
  });

  it('reports its state through tripwire/status (linting, ready, last lint time)', async () => {
    const uri = fileUri(path.join(workspace, 'status.ts'));
    await client.open(uri, TRAP);
    await client.waitForVersion(uri, 1);
    await sleep(50);
    assert.ok(client.statuses.some((s) => s.state === 'linting'), JSON.stringify(client.statuses.slice(-3)));
    const last = client.statuses.filter((s) => s.lastLintUri === uri).at(-1);
    assert.ok(last, 'no status names the linted document');
    assert.equal(last.state, 'ready');
    assert.equal(last.trusted, true);
    assert.equal(last.typeAware, 'off');
    assert.equal(typeof last.lastLintMs, 'number');
  });
});

describe('pipeline: tripwire.run = onSave', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace();
    ({ client } = await StdioLspClient.start({ rootPath: workspace, initializationOptions: { settings: { tripwire: { run: 'onSave' } } } }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('lints on open and on save, not while typing', async () => {
    const uri = fileUri(path.join(workspace, 'saved.ts'));
    await client.open(uri, TRAP);
    const opened = await client.waitForVersion(uri, 1);
    assert.equal(opened.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
    await client.replaceText(uri, CLEAN, 2);
    await client.replaceText(uri, CLEAN.replace('items[i]', 'items[i] + 1'), 3);
    await sleep(600);
    assert.equal(client.published.filter((p) => p.uri === uri && (p.version ?? 0) > 1).length, 0, 'linted while typing');
    await client.save(uri);
    const saved = await client.waitForVersion(uri, 3);
    assert.deepEqual(saved.diagnostics, []);
  });

  it('switches to onType when the setting changes (didChangeConfiguration)', async () => {
    const uri = fileUri(path.join(workspace, 'switched.ts'));
    await client.open(uri, CLEAN);
    await client.waitForVersion(uri, 1);
    await client.changeConfiguration({ tripwire: { run: 'onType' } });
    await client.replaceText(uri, TRAP, 2);
    const typed = await client.waitForVersion(uri, 2);
    assert.equal(typed.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
  });
});
