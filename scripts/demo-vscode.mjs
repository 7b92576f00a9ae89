#!/usr/bin/env node
// `npm run demo:vscode`: Tripwire in a real VS Code, live. Installs what is missing (code-server, chromium:
// scripts/e2e-install.sh), builds the .vsix (`npm run package`), starts code-server on 127.0.0.1 with the
// .vsix installed and examples/ open, and prints the URL. Ctrl+C stops it.
//
//   npm run demo:vscode                                  serve until Ctrl+C
//   npm run demo:vscode -- --screenshot out.png          capture the workbench with the findings, then exit
//   npm run demo:vscode -- --port 8080 --no-package      fixed port; reuse the last built .vsix
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { codeServerBinary, startCodeServer } from '../test/e2e/lib/code-server.mjs';
import { killAllNow, onCleanup, stopAll } from '../test/e2e/lib/processes.mjs';
import { createRunPaths } from '../test/e2e/lib/run-paths.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    screenshot: { type: 'string' },
    port: { type: 'string' },
    'no-package': { type: 'boolean', default: false },
    file: { type: 'string', default: 'src/jobs/retry-scheduler.ts' },
  },
});

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

// 1. Tools: code-server and chromium (idempotent; about 3 minutes the first time).
const { chromiumBinary } = await import('../test/e2e/lib/browser.mjs').catch(() => ({
  chromiumBinary: () => undefined,
}));
if (!codeServerBinary(root) || (options.screenshot && !chromiumBinary()))
  run('bash', [path.join(root, 'scripts', 'e2e-install.sh')]);
const codeServer = codeServerBinary(root);

// 2. The .vsix, exactly what the Marketplace would ship.
let manifest;
try {
  manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
} catch (error) {
  console.error(`✖ cannot read package.json: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
const { name, version } = manifest;
// `npm run package` writes it at the root; the fallback below into .e2e/demo/. --no-package takes the newest.
const built = [path.join(root, `${name}-${version}.vsix`), path.join(root, '.e2e', 'demo', `${name}-${version}.vsix`)]
  .filter((candidate) => existsSync(candidate))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
let vsix = built[0] ?? path.join(root, `${name}-${version}.vsix`);
if (!options['no-package'] || built.length === 0) {
  vsix = path.join(root, `${name}-${version}.vsix`);
  const packaged =
    existsSync(path.join(root, 'scripts', 'package.mjs')) &&
    spawnSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: 'inherit' }).status === 0;
  if (!packaged) {
    // Fall back to the e2e harness's packager (vsce on a staged copy, absolute README links).
    console.log('`npm run package` is missing or failed: packaging with the e2e harness instead');
    if (!existsSync(path.join(root, 'dist', 'server.js'))) run('npm', ['run', 'build', '--silent']);
    const { packageVsix } = await import('../test/e2e/lib/package-vsix.mjs');
    mkdirSync(path.join(root, '.e2e', 'demo'), { recursive: true });
    vsix = await packageVsix(root, path.join(root, '.e2e', 'demo'));
  }
}

// 3. code-server with its own profile (short folders in os.tmpdir(), since sockets live there; its log in
//    .e2e/demo/), the .vsix installed, examples/ open.
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log('\nstopping code-server…');
    void stopAll().then(() => process.exit(0));
  });
}
let runPaths;
try {
  runPaths = createRunPaths({ root, e2eDir: path.join(root, '.e2e', 'demo'), id: `${Date.now()}` });
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
onCleanup(() => runPaths.removeShortDir());
const server = await startCodeServer({
  codeServer,
  profile: runPaths.trusted,
  logDir: runPaths.runDir,
  vsixes: [vsix],
  port: options.port ? Number(options.port) : undefined,
});
onCleanup(() => server.stop());
const folder = path.join(root, 'examples');
const payload = [['openFile', server.remoteUri(path.join(folder, options.file))]];
const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

if (options.screenshot) {
  const browserModule = await import('../test/e2e/lib/browser.mjs');
  const browser = await browserModule.launchBrowser(browserModule.chromiumBinary(), runPaths.browser);
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  let ok = true;
  try {
    await page.goto(url);
    await page
      .locator('.tabs-container .tab', { hasText: path.basename(options.file) })
      .first()
      .waitFor({ timeout: 90_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'tripwire/' })
      .first()
      .waitFor({ timeout: 90_000 });
  } catch (error) {
    ok = false;
    console.error(
      `✖ the workbench did not show Tripwire's findings: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
    );
  }
  await page.screenshot({ path: path.resolve(options.screenshot) });
  console.log(`screenshot: ${path.resolve(options.screenshot)}`);
  await stopAll();
  process.exit(ok ? 0 : 1);
}

console.log(
  `\nTripwire ${version} in VS Code (code-server), examples/ open:\n\n  ${url}\n\n(short form: ${server.url}/?folder=${folder})\nCtrl+C stops the server.`,
);
await new Promise(() => undefined); // serve until a signal arrives
