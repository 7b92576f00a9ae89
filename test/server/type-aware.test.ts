// Type-aware linting over a real stdio connection: the project service with the bundled TypeScript,
// fresh types across files, watched-file refresh, the reload command, onSave mode, and the time budget.
// The test-only rule tripwire-test/type-probe reports `probe…()` calls whose type is a Promise: it can
// only do so with type information.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fileUri, StdioLspClient } from './lsp-client.js';
import { makeWorkspace, removeWorkspace } from './helpers.js';

const PROBE = 'tripwire-test/type-probe';
const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true },
  include: ['src'],
});
const SYNC_SOURCE = (name: string) => `export function ${name}(): number {\n  return 1;\n}\n`;
const ASYNC_SOURCE = (name: string) => `export async function ${name}(): Promise<number> {\n  return 1;\n}\n`;
const USER_SOURCE = (name: string, module: string) =>
  `import { ${name} } from './${module}';\n\nexport function run(): void {\n  ${name}();\n}\n`;

const probes = (params: PublishDiagnosticsParams) => params.diagnostics.filter((d) => d.code === PROBE);

describe('type-aware linting (tripwire.typeAware = onType)', { timeout: 180_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;
  let settings: Record<string, unknown> = { typeAware: 'onType' };
  const src = (name: string) => path.join(workspace, 'src', name);

  before(async () => {
    workspace = makeWorkspace({
      'tsconfig.json': TSCONFIG,
      'src/loader.ts': SYNC_SOURCE('probeLoad'),
      'src/fetcher.ts': SYNC_SOURCE('probeFetch'),
      'src/stale.ts': SYNC_SOURCE('probeStale'),
      'src/caller.ts': USER_SOURCE('probeLoad', 'loader'),
      'src/watcher.ts': USER_SOURCE('probeFetch', 'fetcher'),
      'src/reloader.ts': USER_SOURCE('probeStale', 'stale'),
    });
    ({ client } = await StdioLspClient.start({ rootPath: workspace, testRules: true, settings: () => settings }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('gives rules type information from the project (a local async call is a Promise)', async () => {
    const uri = fileUri(src('local.ts'));
    await client.open(
      uri,
      'async function probeLocal(): Promise<void> {}\nexport function go(): void {\n  probeLocal();\n}\n',
    );
    const published = await client.waitForVersion(uri, 1);
    assert.equal(probes(published).length, 1, JSON.stringify(published.diagnostics));
    const status = await client.waitForStatus((s) => s.lastLintUri === uri && s.state !== 'linting');
    assert.equal(status.lastLintTyped, true);
    assert.equal(status.typeAware, 'onType');
    await client.waitForLog(
      /^Tripwire is running \(trusted workspace: .*type information: onType \(tripwire\.typeAware\)\)\.$/,
    );
  });

  it('re-lints an open file when a file it imports is edited in the editor (unsaved)', async () => {
    const caller = fileUri(src('caller.ts'));
    const loader = fileUri(src('loader.ts'));
    await client.open(caller, USER_SOURCE('probeLoad', 'loader'));
    await client.open(loader, SYNC_SOURCE('probeLoad'));
    assert.deepEqual(probes(await client.waitForVersion(caller, 1)), []);
    await client.waitForVersion(loader, 1);
    const mark = client.published.length;
    await client.replaceText(loader, ASYNC_SOURCE('probeLoad'), 2);
    const updated = await client.waitForDiagnostics(
      caller,
      (p) => client.published.indexOf(p) >= mark && probes(p).length === 1,
    );
    assert.equal(updated.version, 1, 'the caller itself did not change');
    // And back: the caller follows the second file again.
    const mark2 = client.published.length;
    await client.replaceText(loader, SYNC_SOURCE('probeLoad'), 3);
    await client.waitForDiagnostics(caller, (p) => client.published.indexOf(p) >= mark2 && probes(p).length === 0);
  });

  it('refreshes types when a file that is not open changes on disk (watched files)', async () => {
    const watcher = fileUri(src('watcher.ts'));
    await client.open(watcher, USER_SOURCE('probeFetch', 'fetcher'));
    assert.deepEqual(probes(await client.waitForVersion(watcher, 1)), []);
    writeFileSync(src('fetcher.ts'), ASYNC_SOURCE('probeFetch'));
    const mark = client.published.length;
    await client.filesChanged([{ uri: fileUri(src('fetcher.ts')), type: 2 }]);
    const updated = await client.waitForDiagnostics(
      watcher,
      (p) => client.published.indexOf(p) >= mark && probes(p).length === 1,
    );
    assert.equal(updated.version, 1);
    await client.waitForLog(/Type information refreshed after 1 file change/);
  });

  it('"Reload Type Information" picks up changes the server was not told about', async () => {
    const reloader = fileUri(src('reloader.ts'));
    await client.open(reloader, USER_SOURCE('probeStale', 'stale'));
    assert.deepEqual(probes(await client.waitForVersion(reloader, 1)), []);
    writeFileSync(src('stale.ts'), ASYNC_SOURCE('probeStale'));
    // No watched-file event: an edit of the document alone still sees the old type.
    await client.replaceText(reloader, `${USER_SOURCE('probeStale', 'stale')}// edit\n`, 2);
    assert.deepEqual(probes(await client.waitForVersion(reloader, 2)), []);
    const mark = client.published.length;
    const result = await client.executeCommand('tripwire.server.reloadTypeInformation');
    assert.deepEqual(result, { reloaded: true });
    await client.waitForDiagnostics(reloader, (p) => client.published.indexOf(p) >= mark && probes(p).length === 1);
  });

  it('falls back to syntactic linting for a file over the time budget, and says so once', async () => {
    const uri = fileUri(src('budget.ts'));
    const text = 'async function probeBudget(): Promise<void> {}\nexport function go(): void {\n  probeBudget();\n}\n';
    settings = { typeAware: 'onType', typeAwareBudgetMs: 0 };
    await client.changeConfiguration({ tripwire: settings });
    await client.open(uri, text);
    await client.waitForVersion(uri, 1);
    const log = await client.waitForLog(
      /Type-aware linting of .*budget\.ts took \d+ ms, over tripwire\.typeAwareBudgetMs \(0 ms\)/,
    );
    assert.equal(log.type, 2 /* Warning */);
    await client.replaceText(uri, `${text}// edit 1\n`, 2);
    assert.deepEqual(
      probes(await client.waitForVersion(uri, 2)),
      [],
      'still linted with types after overrunning the budget',
    );
    await client.replaceText(uri, `${text}// edit 2\n`, 3);
    await client.waitForVersion(uri, 3);
    assert.equal(client.logs.filter((l) => /budget\.ts took/.test(l.message)).length, 1, 'said more than once');
    settings = { typeAware: 'onType' };
    await client.changeConfiguration({ tripwire: settings });
  });

  it('tripwire.typeAware = onSave: syntactic while typing, type-aware on save', async () => {
    settings = { typeAware: 'onSave' };
    await client.changeConfiguration({ tripwire: settings });
    const uri = fileUri(src('on-save.ts'));
    const text = 'async function probeSave(): Promise<void> {}\nexport function go(): void {\n  probeSave();\n}\n';
    await client.open(uri, text);
    assert.equal(probes(await client.waitForVersion(uri, 1)).length, 1, 'opening lints with types');
    await client.replaceText(uri, `${text}// typing\n`, 2);
    assert.deepEqual(probes(await client.waitForVersion(uri, 2)), [], 'keystrokes lint without types');
    const mark = client.published.length;
    await client.save(uri);
    const saved = await client.waitForDiagnostics(uri, (p) => client.published.indexOf(p) >= mark);
    assert.equal(saved.version, 2);
    assert.equal(probes(saved).length, 1);
  });

  it('tripwire.typeAware = off: rules run without type information', async () => {
    settings = { typeAware: 'off' };
    await client.changeConfiguration({ tripwire: settings });
    const uri = fileUri(src('off.ts'));
    await client.open(
      uri,
      'async function probeOff(): Promise<void> {}\nexport function go(): void {\n  probeOff();\n}\n',
    );
    assert.deepEqual(probes(await client.waitForVersion(uri, 1)), []);
  });
});

describe('type-aware linting of a document edited as soon as it opens (fresh server)', { timeout: 180_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace({ 'tsconfig.json': TSCONFIG, 'src/loader.ts': SYNC_SOURCE('probeLoad') });
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      testRules: true,
      settings: () => ({ typeAware: 'onType' }),
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('publishes the types of the edited text, built from the program the open started', async () => {
    const loader = fileUri(path.join(workspace, 'src', 'loader.ts'));
    const uri = fileUri(path.join(workspace, 'src', 'user.ts'));
    await client.open(loader, SYNC_SOURCE('probeLoad'));
    await client.open(uri, USER_SOURCE('probeLoad', 'loader'));
    // Before any lint: the loader's call becomes a promise in the editor only.
    await client.replaceText(loader, ASYNC_SOURCE('probeLoad'), 2);
    await client.replaceText(uri, `${USER_SOURCE('probeLoad', 'loader')}// edited\n`, 2);
    const published = await client.waitForVersion(uri, 2);
    assert.equal(probes(published).length, 1, JSON.stringify(published.diagnostics));
    const status = await client.waitForStatus((s) => s.lastLintUri === uri && s.state !== 'linting');
    assert.equal(status.lastLintTyped, true);
  });
});
