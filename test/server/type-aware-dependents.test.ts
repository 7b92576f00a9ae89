// After a type-aware lint of an edited document, the server re-lints only the open documents that
// import it (from the program's import graph), over a real stdio connection. The test-only rule
// tripwire-test/type-probe reports `probe…()` calls whose type is a Promise.
import assert from 'node:assert/strict';
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
const SYNC_SOURCE = 'export function probeLoad(): number {\n  return 1;\n}\n';
const ASYNC_SOURCE = 'export async function probeLoad(): Promise<number> {\n  return 1;\n}\n';
const IMPORTER_SOURCE = "import { probeLoad } from './loader';\n\nexport function run(): void {\n  probeLoad();\n}\n";
// Typed like the others, but imports nothing from loader.ts.
const BYSTANDER_SOURCE =
  'async function probeOwn(): Promise<void> {}\n\nexport function go(): void {\n  probeOwn();\n}\n';

const probes = (params: PublishDiagnosticsParams) => params.diagnostics.filter((d) => d.code === PROBE);

describe('type-aware dependents (tripwire.typeAware = onType)', { timeout: 180_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;
  const uriOf = (name: string) => fileUri(path.join(workspace, 'src', name));

  before(async () => {
    workspace = makeWorkspace({
      'tsconfig.json': TSCONFIG,
      'src/loader.ts': SYNC_SOURCE,
      'src/importer.ts': IMPORTER_SOURCE,
      'src/bystander.ts': BYSTANDER_SOURCE,
    });
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

  it('re-lints the open document that imports the edited one, and not the one that does not', async () => {
    const loader = uriOf('loader.ts');
    const importer = uriOf('importer.ts');
    const bystander = uriOf('bystander.ts');
    await client.open(loader, SYNC_SOURCE);
    await client.open(importer, IMPORTER_SOURCE);
    await client.open(bystander, BYSTANDER_SOURCE);
    await client.waitForVersion(loader, 1);
    assert.deepEqual(probes(await client.waitForVersion(importer, 1)), []);
    assert.equal(probes(await client.waitForVersion(bystander, 1)).length, 1, 'the bystander is linted with types');
    for (const uri of [loader, importer, bystander])
      assert.equal(
        (await client.waitForStatus((s) => s.lastLintUri === uri && s.state !== 'linting')).lastLintTyped,
        true,
      );

    const mark = client.published.length;
    const statusMark = client.statuses.length;
    await client.replaceText(loader, ASYNC_SOURCE, 2);
    // The importer is re-published with the loader's new types (its own text did not change).
    const updated = await client.waitForDiagnostics(
      importer,
      (p) => client.published.indexOf(p) >= mark && probes(p).length === 1,
    );
    assert.equal(updated.version, 1);
    const pass = await client.waitForLog(/^Dependents of loader\.ts: /);
    assert.equal(pass.message, 'Dependents of loader.ts: importer.ts re-linted.');

    // A second edit and its dependents pass come after every lint the first pass queued: had the
    // bystander been queued with the importer, it would have been published before this.
    const mark2 = client.published.length;
    await client.replaceText(loader, SYNC_SOURCE, 3);
    await client.waitForDiagnostics(importer, (p) => client.published.indexOf(p) >= mark2 && probes(p).length === 0);
    assert.deepEqual(
      client.published.slice(mark).filter((p) => p.uri === bystander),
      [],
      'the bystander was re-published',
    );
    assert.deepEqual(
      client.statuses.slice(statusMark).filter((s) => s.state !== 'linting' && s.lastLintUri === bystander),
      [],
      'the bystander was re-linted',
    );
    assert.equal(client.logs.filter((l) => l.message === 'Dependents of loader.ts: importer.ts re-linted.').length, 2);
  });
});
