// Runs the mocha suite inside code-server's real (Node) extension host with VS Code's own test hooks:
// extensionDevelopmentPath = the repository (package.json + dist/), extensionTestsPath = the bundled suite.
// The workbench reports the suite's end through window.codeAutomationExit(code) (as @vscode/test-web does);
// the suite writes its counts to TRIPWIRE_E2E_RESULTS.
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const SUITE_TIMEOUT_MS = 240_000;
/** Workbench start-up chatter that is not the suite's output. */
const WORKBENCH_NOISE =
  /connection token|Creating a socket|\[Service Worker\]|ChatSessionStore|builtin extensions cache/;

export async function runInHostSuite(context, { workspace, testsPath, resultsFile }) {
  const { root, server, browser, browserModule, artifacts, log, record, results } = context;
  rmSync(resultsFile, { force: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const consoleLog = createWriteStream(path.join(context.runDir, 'in-host-console.log'));
  browserModule.forwardConsole(page, (line) => {
    consoleLog.write(`${line}\n`);
    // The extension host's console arrives as "INFO …" (mocha's spec reporter, the tests' own logs).
    if (process.env.TRIPWIRE_E2E_VERBOSE || (/^\s*INFO\b/.test(line) && !WORKBENCH_NOISE.test(line)))
      console.log(`    │ ${line.replace(/^\s*INFO\s?/, '')}`);
  });
  const exited = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(root)],
    ['extensionTestsPath', server.remoteUri(testsPath)],
  ];
  log('in-host suite: starting the extension host with the development extension');
  await page.goto(browserModule.workbenchUrl(server, workspace.folder, payload));
  let timer;
  const exitCode = await Promise.race([
    exited,
    new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  await page.screenshot({ path: path.join(artifacts, 'in-host-suite.png') }).catch(() => undefined);
  await page.close().catch(() => undefined);
  consoleLog.end();
  log(`in-host suite: exit code ${exitCode}`);

  if (!existsSync(resultsFile)) {
    record(
      'in-host suite',
      new Error(
        `the suite did not report (exit ${exitCode}); see ${path.relative(root, context.runDir)}/in-host-console.log`,
      ),
    );
    return;
  }
  const suite = JSON.parse(readFileSync(resultsFile, 'utf8'));
  results.passed += suite.passed;
  results.failed += suite.failed;
  results.skipped += suite.skipped;
  results.failures.push(...suite.failures.map((failure) => `in-host: ${failure}`));
  if (exitCode !== 0 && suite.failed === 0)
    record('in-host suite', new Error(`exit code ${exitCode} without a failing test`));
}
