#!/usr/bin/env node
// Tripwire's end-to-end tier: a real VS Code (code-server 1.100+, the VS Code server and web workbench)
// driven by Debian's chromium through playwright-core. Builds nothing: run `npm run build` first
// (`npm run test:e2e` does both). Install the tools once with `bash scripts/e2e-install.sh`.
//
//   node test/e2e/run.mjs [--counts FILE] [--only suite,ui,untrusted] [--grep REGEX] [--keep] [--docs-images]
//
//   --counts FILE   write { passed, failed, skipped, failures[] } JSON there (scripts/test.mjs reads it)
//   --only …        run some parts: suite (mocha inside the extension host), ui (playwright), untrusted
//   --grep REGEX    only in-host tests whose full title matches
//   --keep          keep the run folders (.e2e/runs/<id>: workspaces, logs; and the profiles in os.tmpdir())
//   --docs-images   also copy the README screenshots to docs/images/
//
// Every run has its own user-data, extensions, HOME and TMPDIR folders and a free port, and ends every
// process it started, also on failure, timeout or Ctrl+C. Screenshots go to test-results/e2e/.
// The profiles hold sockets, so they live in a short folder under os.tmpdir() whatever the checkout's
// path (lib/run-paths.mjs); the harness refuses to start if a socket path would still be too long.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { codeServerBinary, startCodeServer } from './lib/code-server.mjs';
import { packageVsix } from './lib/package-vsix.mjs';
import { killAllNow, onCleanup, stopAll } from './lib/processes.mjs';
import { buildSuite } from './lib/suite-build.mjs';
import { createRunPaths } from './lib/run-paths.mjs';
import { makeWorkspace, markerExists } from './lib/workspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: options } = parseArgs({
  options: {
    counts: { type: 'string' },
    only: { type: 'string' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'docs-images': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '480' },
  },
});
const parts = new Set((options.only ?? 'suite,ui,untrusted').split(',').map((part) => part.trim()));
const INSTALL_HINT = 'bash scripts/e2e-install.sh';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (...args) => console.log(`[e2e ${elapsed()}]`, ...args);

const results = { passed: 0, failed: 0, skipped: 0, failures: [] };
let finished = false;
/** Records one test outcome (a UI check, a harness step, or a line from the in-host suite). */
function record(name, error) {
  if (finished) return; // interrupted or timed out: what fails while everything is being stopped says nothing
  if (error === undefined) {
    results.passed += 1;
    console.log(`  ✔ ${name}`);
  } else {
    results.failed += 1;
    const reason = error instanceof Error ? error.message : String(error);
    results.failures.push(`${name}: ${reason.split('\n')[0]}`);
    console.log(`  ✖ ${name}\n    ${reason.split('\n').slice(0, 12).join('\n    ')}`);
  }
}
/** Runs `fn` as a recorded test; returns whether it passed. */
async function check(name, fn) {
  try {
    await fn();
    record(name);
    return true;
  } catch (error) {
    record(name, error);
    return false;
  }
}

async function finish(exitCode) {
  if (finished) return;
  finished = true;
  await stopAll();
  if (options.counts) {
    mkdirSync(path.dirname(path.resolve(options.counts)), { recursive: true });
    writeFileSync(options.counts, `${JSON.stringify(results, null, 2)}\n`);
  }
  if (!options.keep && results.failed === 0) {
    if (runDir && existsSync(runDir)) rmSync(runDir, { recursive: true, force: true });
    runPaths?.removeShortDir();
  } else if (runDir)
    log(`run folders kept: ${path.relative(root, runDir)} and ${runPaths?.shortDir ?? '(no profiles)'}`);
  console.log(`\ne2e took ${elapsed()}; screenshots in ${path.relative(root, artifacts)}/`);
  console.log(
    `${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`,
  );
  process.exit(results.failed === 0 && exitCode === 0 ? 0 : 1);
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    record('e2e run', new Error(`interrupted by ${signal}`));
    void finish(1);
  });
}
const globalTimeout = setTimeout(
  () => {
    record('e2e run', new Error(`the whole tier exceeded ${options.timeout} s; processes were ended`));
    void finish(1);
  },
  Number(options.timeout) * 1000,
);
globalTimeout.unref();

const artifacts = path.join(root, 'test-results', 'e2e');
const e2eDir = process.env.TRIPWIRE_E2E_DIR ?? path.join(root, '.e2e');
let runDir;
/** @type {ReturnType<typeof createRunPaths> | undefined} */
let runPaths;

// ── Preflight: fail loudly, with the command that fixes it ────────────────────────────────────────────────
const missing = [];
for (const bundle of ['dist/extension.js', 'dist/server.js', 'dist/lint-worker.js']) {
  if (!existsSync(path.join(root, bundle))) missing.push(`${bundle} (run \`npm run build\`)`);
}
const codeServer = codeServerBinary(root);
if (!codeServer) missing.push(`code-server (run \`${INSTALL_HINT}\`)`);
let browserModule;
try {
  browserModule = await import('./lib/browser.mjs');
  if (!browserModule.chromiumBinary()) missing.push(`chromium (run \`${INSTALL_HINT}\`)`);
} catch (error) {
  missing.push(`playwright-core (${error instanceof Error ? error.message.split('\n')[0] : error}; run \`npm ci\`)`);
}
if (missing.length > 0) {
  console.error(`\nThe end-to-end tier cannot run; missing:\n  - ${missing.join('\n  - ')}\n`);
  record('e2e prerequisites', new Error(`missing ${missing.join(', ')}`));
  await finish(1);
}

mkdirSync(artifacts, { recursive: true });
try {
  runPaths = createRunPaths({ root, e2eDir, id: `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}` });
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : error}\n`);
  record('e2e socket paths fit', error);
  await finish(1);
}
runDir = runPaths.runDir;
log(
  `run folder ${path.relative(root, runDir)}, profiles in ${runPaths.shortDir}, code-server ${path.relative(root, codeServer)}`,
);

try {
  // ── The .vsix users install: the UI checks run against it, not against the source tree ──────────────
  let vsix;
  const packaged = await check('the extension packages into a .vsix (vsce, offline)', async () => {
    vsix = await packageVsix(root, runDir);
  });
  if (packaged) {
    await check('the .vsix carries the Marketplace README, not the repository one', async () => {
      const { default: JSZip } = await import('jszip');
      const zip = await JSZip.loadAsync(readFileSync(vsix));
      const entry = zip.file(/^extension\/readme\.md$/i)[0];
      if (!entry) throw new Error('no extension/readme.md in the .vsix');
      const shipped = await entry.async('string');
      if (shipped.trim() !== readFileSync(path.join(root, 'extension', 'README.md'), 'utf8').trim())
        throw new Error('the shipped README differs from extension/README.md');
    });
  }

  const suiteResults = path.join(runDir, 'suite-results.json');
  const markers = [];
  const browser = await browserModule.launchBrowser(browserModule.chromiumBinary(), runPaths.browser);
  const context = { root, runDir, artifacts, browser, browserModule, log, check, record, results };

  if (parts.has('suite') || parts.has('ui')) {
    const server = await startCodeServer({
      codeServer,
      profile: runPaths.trusted,
      logDir: path.join(runDir, 'trusted'),
      vsixes: packaged && parts.has('ui') ? [vsix] : [],
      env: { TRIPWIRE_E2E_RESULTS: suiteResults, ...(options.grep ? { TRIPWIRE_E2E_GREP: options.grep } : {}) },
    });
    onCleanup(() => server.stop());
    log(`code-server ${server.url}`);
    context.server = server;

    if (parts.has('suite')) {
      const workspace = makeWorkspace(root, runDir, 'suite');
      markers.push(['the in-host suite', workspace.marker]);
      const { runInHostSuite } = await import('./ui/in-host.mjs');
      await runInHostSuite(context, {
        workspace,
        testsPath: await buildSuite(root, path.join(runDir, 'suite')),
        resultsFile: suiteResults,
      });
    }
    if (parts.has('ui') && packaged) {
      const workspace = makeWorkspace(root, runDir, 'ui');
      markers.push(['the UI window', workspace.marker]);
      const { runWorkbenchChecks } = await import('./ui/workbench.mjs');
      await runWorkbenchChecks(context, { workspace });
    }
    await server.stop();
  }

  if (parts.has('untrusted') && packaged) {
    const workspace = makeWorkspace(root, runDir, 'untrusted');
    markers.push(['the untrusted window', workspace.marker]);
    const untrustedServer = await startCodeServer({
      codeServer,
      profile: runPaths.untrusted,
      logDir: path.join(runDir, 'untrusted'),
      trust: true,
      vsixes: [vsix],
    });
    onCleanup(() => untrustedServer.stop());
    log(`code-server (workspace trust on) ${untrustedServer.url}`);
    const { runUntrustedChecks } = await import('./ui/untrusted.mjs');
    await runUntrustedChecks({ ...context, server: untrustedServer }, { workspace });
    await untrustedServer.stop();
  }

  for (const [where, marker] of markers) {
    await check(`the workspace eslint.config.js was never executed (${where})`, () => {
      if (markerExists(marker)) throw new Error(`marker written: ${readFileSync(marker, 'utf8').trim()}`);
    });
  }
  if (options['docs-images']) {
    mkdirSync(path.join(root, 'docs', 'images'), { recursive: true });
    for (const name of ['diagnostic.png', 'quick-fix.png', 'scaffold.png']) {
      if (existsSync(path.join(artifacts, name)))
        copyFileSync(path.join(artifacts, name), path.join(root, 'docs', 'images', name));
    }
  }
} catch (error) {
  record('e2e harness', error);
}
await finish(0);
