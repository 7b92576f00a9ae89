// Configuration and workspace trust over a real stdio connection.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { fileUri, StdioLspClient } from './lsp-client.js';
import { LOOP_RULE, makeWorkspace, removeWorkspace, TRAP } from './helpers.js';

const MARKER = 'config-was-executed.txt';

/** An eslint.config.js that registers Tripwire and would leave a marker file if anything ran it. */
function workspaceConfig(root: string, loopSetting = "'warn'"): string {
  return [
    "import { writeFileSync } from 'node:fs';",
    "import tripwire from 'eslint-plugin-tripwire';",
    `writeFileSync(${JSON.stringify(path.join(root, MARKER))}, 'executed');`,
    'const dynamicLevel = process.env.LEVEL;',
    'export default [',
    '  tripwire.configs.recommended,',
    `  { rules: { 'tripwire/no-loop-closure-capture': ${loopSetting}, 'tripwire/no-floating-promise': dynamicLevel } },`,
    "  { files: ['legacy/**'], rules: { 'tripwire/no-loop-closure-capture': 'off' } },",
    '];',
    '',
  ].join('\n');
}

function loopDiagnostics(diagnostics: { code?: number | string; severity?: number }[]) {
  return diagnostics.filter((d) => d.code === LOOP_RULE);
}

describe('configuration: settings', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;
  let settings: Record<string, unknown> = {};

  before(async () => {
    workspace = makeWorkspace();
    ({ client } = await StdioLspClient.start({ rootPath: workspace, settings: () => settings }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('uses the recommended severity by default', async () => {
    const uri = fileUri(path.join(workspace, 'default.ts'));
    await client.open(uri, TRAP);
    const [diagnostic] = loopDiagnostics((await client.waitForVersion(uri, 1)).diagnostics);
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Error);
  });

  it('says at start-up that type information is off when tripwire.typeAware is off', async () => {
    const log = await client.waitForLog(/^Tripwire is running/);
    assert.match(log.message, /type information: off \(tripwire\.typeAware\)\)\.$/);
    assert.doesNotMatch(log.message, /available/);
  });

  it('tripwire.rules overrides the severity ("warn", "off") and re-lints open documents on change', async () => {
    const uri = fileUri(path.join(workspace, 'overridden.ts'));
    settings = { rules: { 'no-loop-closure-capture': 'warn' } };
    await client.changeConfiguration({ tripwire: settings });
    await client.open(uri, TRAP);
    const [diagnostic] = loopDiagnostics((await client.waitForVersion(uri, 1)).diagnostics);
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Warning);
    const before = client.published.length;
    settings = { rules: { 'tripwire/no-loop-closure-capture': 'off' } };
    await client.changeConfiguration({ tripwire: settings });
    const relinted = await client.waitForDiagnostics(uri, (p) => client.published.indexOf(p) >= before);
    assert.deepEqual(loopDiagnostics(relinted.diagnostics), []);
  });

  it('tripwire.enable = false clears and stops linting', async () => {
    const uri = fileUri(path.join(workspace, 'disabled.ts'));
    settings = { enable: false };
    await client.changeConfiguration({ tripwire: settings });
    await client.open(uri, TRAP);
    assert.deepEqual((await client.waitForVersion(uri, 1)).diagnostics, []);
  });

  it('tripwire.exclude globs skip matching files', async () => {
    settings = { exclude: ['generated/**', '**/*.gen.ts'] };
    await client.changeConfiguration({ tripwire: settings });
    const excluded = fileUri(path.join(workspace, 'generated', 'api.ts'));
    const alsoExcluded = fileUri(path.join(workspace, 'src', 'model.gen.ts'));
    const included = fileUri(path.join(workspace, 'src', 'model.ts'));
    await client.open(excluded, TRAP);
    await client.open(alsoExcluded, TRAP);
    await client.open(included, TRAP);
    assert.deepEqual((await client.waitForVersion(excluded, 1)).diagnostics, []);
    assert.deepEqual((await client.waitForVersion(alsoExcluded, 1)).diagnostics, []);
    assert.equal(loopDiagnostics((await client.waitForVersion(included, 1)).diagnostics).length, 1);
  });
});

describe('trust: a trusted workspace reads eslint.config.* without running it', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace({ 'package.json': '{ "type": "module" }\n' });
    writeFileSync(path.join(workspace, 'eslint.config.js'), workspaceConfig(workspace));
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      initializationOptions: { workspaceTrusted: true, eslintExtensionInstalled: true },
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it("applies the config's literal tripwire/* settings, per files block", async () => {
    const main = fileUri(path.join(workspace, 'src', 'main.ts'));
    const legacy = fileUri(path.join(workspace, 'legacy', 'old.ts'));
    await client.open(main, TRAP);
    await client.open(legacy, TRAP);
    const [diagnostic] = loopDiagnostics((await client.waitForVersion(main, 1)).diagnostics);
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Warning, 'the config says warn');
    assert.deepEqual(
      loopDiagnostics((await client.waitForVersion(legacy, 1)).diagnostics),
      [],
      'the legacy/** block turns it off',
    );
    assert.equal(existsSync(path.join(workspace, MARKER)), false, 'the workspace config was executed');
    await client.waitForLog(/tripwire\/no-floating-promise are not written as literals/);
  });

  it('shows the duplicate-problems notice once when the ESLint extension is installed', async () => {
    // Messages arrive in the order they were sent: a notice sent while linting comes before that lint's diagnostics.
    const another = fileUri(path.join(workspace, 'src', 'another.ts'));
    await client.open(another, TRAP);
    await client.waitForVersion(another, 1);
    const notices = client.messages.filter((m) => /ESLint extension/.test(m.message));
    assert.equal(notices.length, 1, JSON.stringify(client.messages));
    assert.match(
      notices[0]!.message,
      /"eslint\.rules\.customizations": \[\{ "rule": "tripwire\/\*", "severity": "off" \}\]/,
    );
  });

  it('re-reads the config when it changes on disk (watched files)', async () => {
    const uri = fileUri(path.join(workspace, 'src', 'watched.ts'));
    await client.open(uri, TRAP);
    assert.equal(loopDiagnostics((await client.waitForVersion(uri, 1)).diagnostics).length, 1);
    writeFileSync(path.join(workspace, 'eslint.config.js'), workspaceConfig(workspace, "'off'"));
    const before = client.published.length;
    await client.filesChanged([{ uri: fileUri(path.join(workspace, 'eslint.config.js')), type: 2 }]);
    const relinted = await client.waitForDiagnostics(uri, (p) => client.published.indexOf(p) >= before);
    assert.deepEqual(loopDiagnostics(relinted.diagnostics), []);
    assert.equal(existsSync(path.join(workspace, MARKER)), false);
  });

  it('ignores tripwire/* entries of a config that does not register the plugin', async () => {
    const nested = path.join(workspace, 'packages', 'other');
    writeFileSync(path.join(workspace, 'package.json'), '{ "type": "module" }\n');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(nested, { recursive: true });
    writeFileSync(
      path.join(nested, 'eslint.config.js'),
      "export default [{ rules: { 'tripwire/no-loop-closure-capture': 'off' } }];\n",
    );
    const uri = fileUri(path.join(nested, 'index.ts'));
    await client.open(uri, TRAP);
    const [diagnostic] = loopDiagnostics((await client.waitForVersion(uri, 1)).diagnostics);
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Error);
  });
});

describe('trust: an untrusted workspace runs in limited mode', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  before(async () => {
    workspace = makeWorkspace({
      'package.json': '{ "type": "module" }\n',
      'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
    });
    writeFileSync(path.join(workspace, 'eslint.config.js'), workspaceConfig(workspace));
    ({ client } = await StdioLspClient.start({
      rootPath: workspace,
      initializationOptions: {
        workspaceTrusted: false,
        eslintExtensionInstalled: true,
        settings: { tripwire: { typeAware: 'onType', rules: { 'no-loop-closure-capture': 'warn' } } },
      },
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(workspace);
  });

  it('runs the bundled rules with their defaults, reads and runs nothing from the workspace', async () => {
    const uri = fileUri(path.join(workspace, 'src', 'main.ts'));
    await client.open(uri, TRAP);
    const [diagnostic] = loopDiagnostics((await client.waitForVersion(uri, 1)).diagnostics);
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Error, 'neither the config nor tripwire.rules may apply');
    assert.equal(existsSync(path.join(workspace, MARKER)), false, 'the workspace config was executed');
    // A notice sent while linting would have arrived before that lint's diagnostics.
    assert.equal(client.messages.filter((m) => /ESLint extension/.test(m.message)).length, 0);
    const status = await client.waitForStatus((s) => s.lastLintUri === uri && s.state !== 'linting');
    assert.equal(status.trusted, false);
    assert.equal(status.typeAware, 'off', 'type information needs a trusted workspace');
    assert.equal(status.lastLintTyped, false);
    await client.waitForLog(/limited mode .*type information: off\.$/);
  });
});

describe('multi-root: each folder has its own configuration', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let first: string;
  let second: string;

  before(async () => {
    first = makeWorkspace({}, 'tripwire-root-a-');
    second = makeWorkspace({}, 'tripwire-root-b-');
    writeFileSync(
      path.join(second, 'eslint.config.mjs'),
      "import tripwire from 'eslint-plugin-tripwire';\nexport default [{ plugins: { tripwire }, rules: { 'tripwire/no-loop-closure-capture': ['warn'] } }];\n",
    );
    ({ client } = await StdioLspClient.start({
      folders: [first, second],
      settings: (scopeUri) => (scopeUri === fileUri(first) ? { rules: { 'no-loop-closure-capture': 'off' } } : {}),
    }));
  });
  after(async () => {
    await client.stop();
    removeWorkspace(first);
    removeWorkspace(second);
  });

  it('applies folder settings and folder configs to their own files only', async () => {
    const inFirst = fileUri(path.join(first, 'a.ts'));
    const inSecond = fileUri(path.join(second, 'b.ts'));
    await client.open(inFirst, TRAP);
    await client.open(inSecond, TRAP);
    assert.deepEqual(loopDiagnostics((await client.waitForVersion(inFirst, 1)).diagnostics), []);
    const [diagnostic] = loopDiagnostics((await client.waitForVersion(inSecond, 1)).diagnostics);
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Warning);
  });
});
