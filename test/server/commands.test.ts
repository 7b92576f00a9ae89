// Server commands over a real stdio connection: Lint Workspace with progress, Show Documentation,
// tripwire.scaffold through workspace/applyEdit, and the scaffold code actions.
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  ExecuteCommandRequest,
  WorkDoneProgress,
  type CodeAction,
  type CreateFile,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { fileUri, StdioLspClient } from './lsp-client.js';
import { applyEdits, LOOP_RULE, makeWorkspace, removeWorkspace, TRAP } from './helpers.js';

const JS_TRAP = TRAP.replace(': void', '').replace('items: string[]', 'items');
/** prefer-bounded-concurrency is in the strict preset: these tests turn it on the way a user would. */
const BOUNDED_ON = { 'prefer-bounded-concurrency': 'error' };
const FAN_OUT =
  'export async function loadAll(items: string[]): Promise<unknown[]> {\n  return await Promise.all(items.map(async (id) => fetch(id)));\n}\n';

/** Opens FAN_OUT as src/fan-out.ts and returns the "Run with mapWithLimit" action on its finding. */
async function mapWithLimitAction(
  client: StdioLspClient,
  workspace: string,
): Promise<{ uri: string; action: CodeAction }> {
  const uri = fileUri(path.join(workspace, 'src', 'fan-out.ts'));
  await client.open(uri, FAN_OUT);
  const published = await client.waitForVersion(uri, 1);
  const diagnostic = published.diagnostics.find((d) => d.code === 'tripwire/prefer-bounded-concurrency');
  assert.ok(diagnostic, JSON.stringify(published.diagnostics));
  const actions = await client.codeActions(uri, diagnostic.range, undefined, [diagnostic]);
  const action = actions.find((a) => a.title === 'Run with mapWithLimit (limit 8)');
  assert.ok(action, actions.map((a) => a.title).join('\n'));
  return { uri, action };
}

describe('scaffold code actions resolved lazily (codeAction/resolve)', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace({ 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n' });
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      settings: () => ({ rules: BOUNDED_ON }),
      capabilities: {
        textDocument: {
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } },
            resolveSupport: { properties: ['edit'] },
          },
        },
      },
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('"Run with mapWithLimit" carries no edit until resolved, then creates the module and rewrites the call', async () => {
    const { uri, action } = await mapWithLimitAction(client, workspace);
    assert.equal(action.edit, undefined, 'the edit should be computed on resolve');
    const resolved = await client.resolve(action);
    const changes = resolved.edit?.documentChanges ?? [];
    const created = changes
      .filter((change): change is CreateFile => 'kind' in change && change.kind === 'create')
      .map((change) => change.uri);
    assert.deepEqual(created, [fileUri(path.join(workspace, 'src', 'common', 'errgroup.ts'))]);
    const fileEdit = changes.find(
      (change): change is TextDocumentEdit => 'textDocument' in change && change.textDocument.uri === uri,
    );
    assert.ok(
      fileEdit?.edits.some(
        (edit) => 'newText' in edit && /import \{ mapWithLimit \} from '\.\/common\/errgroup\.js'/.test(edit.newText),
      ),
      JSON.stringify(fileEdit),
    );
  });
});

const CLIENT = [
  'export class Client {',
  '  constructor(host: string, port: number, timeoutMs = 5000, retries = 3) {',
  '    console.log(host, port, timeoutMs, retries);',
  '  }',
  '}',
  '',
  "export const defaultClient = new Client('localhost', 8080, 10000, 5);",
  '',
].join('\n');

describe('"Convert constructor parameters to functional options" (refactor with preview)', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;
  const kind = 'refactor.rewrite.tripwire.convertParameters';
  const title = 'Convert constructor parameters to functional options';

  before(async () => {
    workspace = makeWorkspace({
      'tsconfig.json': '{ "compilerOptions": { "strict": true }, "include": ["src"] }\n',
      'src/client.ts': CLIENT,
    });
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      capabilities: {
        textDocument: {
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } },
            resolveSupport: { properties: ['edit'] },
          },
        },
      },
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  const constructorRange = () => {
    const line = CLIENT.split('\n')[1]!;
    return {
      start: { line: 1, character: line.indexOf('constructor') + 2 },
      end: { line: 1, character: line.indexOf('constructor') + 2 },
    };
  };

  it('is offered on a 4-parameter constructor and resolves to an edit that needs confirmation', async () => {
    const uri = fileUri(path.join(workspace, 'src', 'client.ts'));
    await client.open(uri, CLIENT);
    await client.waitForVersion(uri, 1);
    const actions = await client.codeActions(uri, constructorRange(), [kind]);
    const action = actions.find((a) => a.title === title);
    assert.ok(action, actions.map((a) => a.title).join('\n'));
    const resolved = await client.resolve(action);
    const edit = resolved.edit;
    assert.ok(edit, JSON.stringify(resolved));
    const annotations = Object.values(edit.changeAnnotations ?? {});
    assert.ok(annotations.length > 0);
    for (const annotation of annotations) assert.equal(annotation.needsConfirmation, true, 'shown as a preview first');
    const clientEdit = (edit.documentChanges ?? []).find(
      (change): change is TextDocumentEdit => 'textDocument' in change && change.textDocument.uri === uri,
    );
    assert.ok(clientEdit, 'the declaring file is rewritten');
    const rewritten = applyEdits(
      CLIENT,
      clientEdit.edits.filter((e): e is TextEdit => 'range' in e),
    );
    assert.doesNotMatch(rewritten, /new Client\('localhost', 8080, 10000, 5\)/, rewritten);
    assert.match(rewritten, /withTimeoutMs\(10000\)/, rewritten);
  });

  it('is not offered while the editor holds unsaved changes (the rewrite reads the disk)', async () => {
    const uri = fileUri(path.join(workspace, 'src', 'client.ts'));
    await client.replaceText(uri, `${CLIENT}// unsaved\n`, 2);
    await client.waitForVersion(uri, 2);
    const actions = await client.codeActions(uri, constructorRange(), [kind]);
    assert.equal(
      actions.find((a) => a.title === title),
      undefined,
    );
  });
});

describe('tripwire.scaffold.directory places a missing module', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace({ 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n' });
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      settings: () => ({ scaffold: { directory: 'lib/concurrency' }, rules: BOUNDED_ON }),
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('"Run with mapWithLimit" creates errgroup.ts in the configured folder', async () => {
    const { action } = await mapWithLimitAction(client, workspace);
    const changes = action.edit?.documentChanges ?? [];
    const created = changes
      .filter((change): change is CreateFile => 'kind' in change && change.kind === 'create')
      .map((change) => change.uri);
    assert.deepEqual(created, [fileUri(path.join(workspace, 'lib', 'concurrency', 'errgroup.ts'))]);
  });
});

describe('commands', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace({
      'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
      'src/a.ts': TRAP,
      'src/nested/b.js': JS_TRAP,
      'src/clean.ts': 'export const answer = 42;\n',
      'src/types.d.ts': 'declare const x: number;\n',
      'node_modules/dep/index.js': JS_TRAP,
      'dist/out.js': JS_TRAP,
      'generated/skip.ts': TRAP,
    });
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      settings: () => ({ exclude: ['generated/**'], rules: BOUNDED_ON }),
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('Lint Workspace lints every JS/TS file (not node_modules, dist, .d.ts or excluded) with progress', async () => {
    const token = 'lint-workspace-1';
    const kinds: string[] = [];
    client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      kinds.push(value.kind);
    });
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'tripwire.server.lintWorkspace',
      arguments: [],
      workDoneToken: token,
    });
    assert.deepEqual(result, { files: 3, problems: 2, skipped: 0 });
    const uris = new Set(
      client.published.filter((p) => p.diagnostics.some((d) => d.code === LOOP_RULE)).map((p) => p.uri),
    );
    assert.deepEqual(
      [...uris].sort(),
      [fileUri(path.join(workspace, 'src', 'a.ts')), fileUri(path.join(workspace, 'src', 'nested', 'b.js'))].sort(),
    );
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.ok(kinds.includes('report'), kinds.join(','));
  });

  it('registers file watchers for sources, tsconfig, package.json and eslint.config.*', async () => {
    for (let attempt = 0; attempt < 50 && client.registrations.length === 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const watched = client.registrations.find(
      (registration) => registration.method === 'workspace/didChangeWatchedFiles',
    );
    assert.ok(watched, JSON.stringify(client.registrations));
    const globs = (watched.registerOptions as { watchers: { globPattern: string }[] }).watchers.map(
      (watcher) => watcher.globPattern,
    );
    assert.ok(
      globs.some((glob) => glob.includes('ts,') || glob.includes(',ts')),
      globs.join(' '),
    );
    assert.ok(
      globs.some((glob) => glob.includes('tsconfig')),
      globs.join(' '),
    );
    assert.ok(
      globs.some((glob) => glob.includes('eslint.config.js')),
      globs.join(' '),
    );
  });

  it('Show Documentation opens only http(s) links', async () => {
    assert.deepEqual(await client.executeCommand('tripwire.server.showDocumentation', ['file:///etc/passwd']), {
      shown: false,
    });
    assert.deepEqual(await client.executeCommand('tripwire.server.showDocumentation', ['https://example.com/rule']), {
      shown: true,
    });
    assert.deepEqual(client.shownDocuments.at(-1), { uri: 'https://example.com/rule', external: true });
  });

  it('tripwire.scaffold applies one WorkspaceEdit creating the generated files', async () => {
    const result = (await client.executeCommand('tripwire.scaffold', [
      { generator: 'errgroup', directory: 'src/common' },
    ])) as { ok: boolean; applied: boolean };
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.applied, true);
    const edit = client.appliedEdits.at(-1)!;
    const created = (edit.documentChanges ?? [])
      .filter((change): change is CreateFile => 'kind' in change && change.kind === 'create')
      .map((change) => change.uri);
    assert.ok(created.includes(fileUri(path.join(workspace, 'src', 'common', 'errgroup.ts'))), created.join('\n'));
  });

  it('tripwire.scaffold layer: one edit for the whole module; a differing file is a conflict until force', async () => {
    const request = { generator: 'layer', directory: 'src', positionals: ['order'] };
    const preview = (await client.executeCommand('tripwire.scaffold', [{ ...request, dryRun: true }])) as {
      ok: boolean;
      applied: boolean;
      files: Array<{ path: string; status: string }>;
    };
    assert.equal(preview.ok, true, JSON.stringify(preview));
    assert.equal(preview.applied, false, 'a dry run applies nothing');
    const layers = new Set(
      preview.files.map((file) => path.relative(path.join(workspace, 'src'), file.path).split(path.sep)[1]),
    );
    for (const layer of ['handler', 'service', 'common', 'dao', 'model'])
      assert.ok(layers.has(layer), [...layers].join(' '));

    // A file of the module already exists with other content: nothing is written, the conflict is named.
    const taken = preview.files[0]!.path;
    mkdirSync(path.dirname(taken), { recursive: true });
    writeFileSync(taken, '// hand-written, must not be lost\n');
    const before = client.appliedEdits.length;
    const refused = (await client.executeCommand('tripwire.scaffold', [request])) as {
      ok: boolean;
      files: Array<{ path: string; status: string }>;
    };
    assert.equal(refused.ok, false);
    assert.deepEqual(
      refused.files.filter((file) => file.status === 'conflict').map((file) => file.path),
      [taken],
    );
    assert.equal(client.appliedEdits.length, before, 'a refused scaffold applied an edit');

    const forced = (await client.executeCommand('tripwire.scaffold', [{ ...request, force: true }])) as {
      ok: boolean;
      applied: boolean;
    };
    assert.equal(forced.ok, true, JSON.stringify(forced));
    assert.equal(client.appliedEdits.length, before + 1, 'the whole module is one WorkspaceEdit');
  });

  it('tripwire.scaffold refuses unknown generators and paths outside the workspace', async () => {
    const before = client.appliedEdits.length;
    const unknown = (await client.executeCommand('tripwire.scaffold', [{ generator: 'nope', directory: 'src' }])) as {
      ok: boolean;
      error: string;
    };
    assert.equal(unknown.ok, false);
    assert.match(unknown.error, /Unknown generator/);
    const escaping = (await client.executeCommand('tripwire.scaffold', [
      { generator: 'errgroup', directory: '../outside' },
    ])) as { ok: boolean; error: string };
    assert.equal(escaping.ok, false);
    assert.match(escaping.error, /escapes|not inside/);
    const malformed = (await client.executeCommand('tripwire.scaffold', ['errgroup'])) as { ok: boolean };
    assert.equal(malformed.ok, false);
    assert.equal(client.appliedEdits.length, before, 'a refused scaffold applied an edit');
  });

  it('offers "Run with mapWithLimit (limit 8)" on prefer-bounded-concurrency, creating the module when missing', async () => {
    const uri = fileUri(path.join(workspace, 'src', 'fan-out.ts'));
    await client.open(uri, FAN_OUT);
    const published = await client.waitForVersion(uri, 1);
    const diagnostic = published.diagnostics.find((d) => d.code === 'tripwire/prefer-bounded-concurrency');
    assert.ok(diagnostic, JSON.stringify(published.diagnostics));
    const actions = await client.codeActions(uri, diagnostic.range, undefined, [diagnostic]);
    const action = actions.find((a: CodeAction) => a.title === 'Run with mapWithLimit (limit 8)');
    assert.ok(action?.edit, actions.map((a) => a.title).join('\n'));
    const fileEdit = (action.edit.documentChanges ?? []).find(
      (change): change is TextDocumentEdit => 'textDocument' in change && change.textDocument.uri === uri,
    );
    assert.ok(fileEdit, JSON.stringify(action.edit));
    assert.equal(fileEdit.textDocument.version, 1);
    assert.ok(
      fileEdit.edits.some((edit) => 'newText' in edit && /mapWithLimit\(items, 8,/.test(edit.newText)),
      JSON.stringify(fileEdit.edits),
    );
  });

  it('offers refactor.rewrite.tripwire.* when refactors are requested', async () => {
    const uri = fileUri(path.join(workspace, 'src', 'loop.ts'));
    const text =
      'export async function saveAll(ids: string[]): Promise<void> {\n  for (const id of ids) {\n    await fetch(id);\n  }\n}\n';
    await client.open(uri, text);
    await client.waitForVersion(uri, 1);
    const actions = await client.codeActions(
      uri,
      { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } },
      ['refactor'],
    );
    const errgroup = actions.find((a) => a.kind === 'refactor.rewrite.tripwire.errgroup');
    assert.ok(errgroup, JSON.stringify(actions));
    assert.equal(errgroup.disabled, undefined, JSON.stringify(errgroup.disabled));
    assert.ok(errgroup.edit, 'without resolve support the edit is computed eagerly');
  });

  it('offers "Retry with backoff" on an awaited call: creates the retry module, passes the attempt signal to fetch', async () => {
    const uri = fileUri(path.join(workspace, 'src', 'fetch-user.ts'));
    const text =
      'export async function fetchUser(id: string): Promise<Response> {\n  return await fetch(`/users/${id}`);\n}\n';
    await client.open(uri, text);
    await client.waitForVersion(uri, 1);
    const actions = await client.codeActions(
      uri,
      { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } },
      ['refactor'],
    );
    const action = actions.find((a) => a.kind === 'refactor.rewrite.tripwire.retry');
    assert.ok(action?.edit, JSON.stringify(actions));
    assert.equal(action.title, 'Retry with backoff');
    const changes = action.edit.documentChanges ?? [];
    const created = changes
      .filter((change): change is CreateFile => 'kind' in change && change.kind === 'create')
      .map((change) => change.uri);
    assert.deepEqual(created, [fileUri(path.join(workspace, 'src', 'common', 'retry.ts'))]);
    const fileEdit = changes.find(
      (change): change is TextDocumentEdit => 'textDocument' in change && change.textDocument.uri === uri,
    );
    assert.ok(fileEdit, JSON.stringify(action.edit));
    assert.equal(
      applyEdits(
        text,
        fileEdit.edits.filter((edit): edit is TextEdit => 'newText' in edit),
      ),
      "import { retry } from './common/retry.js';\nexport async function fetchUser(id: string): Promise<Response> {\n  return await retry((_attempt, signal) => fetch(`/users/${id}`, { signal }), { retries: 3 });\n}\n",
    );
    const disabled = await client.codeActions(
      uri,
      { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } },
      ['refactor.rewrite.tripwire.retry'],
    );
    assert.match(
      disabled.find((a) => a.kind === 'refactor.rewrite.tripwire.retry')?.disabled?.reason ?? '',
      /awaited call/,
    );
  });

  it('offers "Wrap in withTimeout (10000ms)" on no-request-without-timeout: creates the timeout module and hands fetch the signal', async () => {
    const uri = fileUri(path.join(workspace, 'src', 'load-page.ts'));
    const text =
      'export async function loadPage(url: string): Promise<string> {\n  const response = await fetch(url);\n  return response.text();\n}\n';
    await client.open(uri, text);
    const published = await client.waitForVersion(uri, 1);
    const diagnostic = published.diagnostics.find((d) => d.code === 'tripwire/no-request-without-timeout');
    assert.ok(diagnostic, JSON.stringify(published.diagnostics));
    const actions = await client.codeActions(uri, diagnostic.range, undefined, [diagnostic]);
    const action = actions.find((a) => a.title === 'Wrap in withTimeout (10000ms)');
    assert.ok(action?.edit, actions.map((a) => a.title).join('\n'));
    assert.equal(action.kind, 'quickfix');
    const changes = action.edit.documentChanges ?? [];
    const created = changes
      .filter((change): change is CreateFile => 'kind' in change && change.kind === 'create')
      .map((change) => change.uri);
    assert.deepEqual(created, [fileUri(path.join(workspace, 'src', 'common', 'timeout.ts'))]);
    const fileEdit = changes.find(
      (change): change is TextDocumentEdit => 'textDocument' in change && change.textDocument.uri === uri,
    );
    assert.ok(fileEdit, JSON.stringify(action.edit));
    assert.equal(
      applyEdits(
        text,
        fileEdit.edits.filter((edit): edit is TextEdit => 'newText' in edit),
      ),
      "import { withTimeout } from './common/timeout.js';\nexport async function loadPage(url: string): Promise<string> {\n  const response = await withTimeout((signal) => fetch(url, { signal }), 10000);\n  return response.text();\n}\n",
    );
  });
});
