#!/usr/bin/env node
// The same in-host suite on a desktop VS Code, through @vscode/test-electron (it downloads VS Code, so it
// needs a machine that can reach the VS Code download servers; on this project's offline machines use
// `npm run test:e2e`, which runs the suite in code-server). Build first (`npm run test:e2e:desktop` does).
//
//   node test/e2e/desktop.mjs [--vscode 1.100.3|stable|insiders] [--executable /path/to/code] [--grep REGEX]
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './lib/suite-build.mjs';
import { makeWorkspace, markerExists } from './lib/workspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: options } = parseArgs({
  options: {
    vscode: { type: 'string', default: '1.100.3' },
    executable: { type: 'string' },
    grep: { type: 'string' },
  },
});

const runDir = path.join(root, '.e2e', 'desktop', `${Date.now()}-${process.pid}`);
mkdirSync(runDir, { recursive: true });
const profile = mkdtempSync(path.join(os.tmpdir(), 'tripwire-desktop-'));
const workspace = makeWorkspace(root, runDir, 'suite');
const resultsFile = path.join(runDir, 'suite-results.json');
let exitCode = 1;
try {
  const extensionTestsPath = await buildSuite(root, path.join(runDir, 'suite'));
  exitCode = await runTests({
    ...(options.executable ? { vscodeExecutablePath: options.executable } : { version: options.vscode }),
    cachePath: path.join(root, '.e2e', 'vscode-test'),
    extensionDevelopmentPath: root,
    extensionTestsPath,
    extensionTestsEnv: {
      TRIPWIRE_E2E_RESULTS: resultsFile,
      ...(options.grep ? { TRIPWIRE_E2E_GREP: options.grep } : {}),
    },
    launchArgs: [
      workspace.folder,
      '--disable-extensions', // other installed extensions stay out; the development extension still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      path.join(profile, 'user-data'),
      '--extensions-dir',
      path.join(profile, 'extensions'),
    ],
  });
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : error}`);
  console.error(
    '  @vscode/test-electron downloads VS Code; without access to its servers pass --executable /path/to/code,',
  );
  console.error('  or run the same suite in code-server: npm run test:e2e');
} finally {
  rmSync(profile, { recursive: true, force: true });
}
if (markerExists(workspace.marker)) {
  console.error('the workspace eslint.config.js was executed');
  exitCode = 1;
}
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(
    `${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`,
  );
} catch {
  console.log('the suite did not report');
}
process.exit(exitCode === 0 ? 0 : 1);
