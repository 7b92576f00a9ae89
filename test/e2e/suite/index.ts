// Entry point of the in-host suite: VS Code loads it in the real extension host (extensionTestsPath) and
// awaits run(). The same file serves code-server (test/e2e/run.mjs) and a desktop VS Code
// (@vscode/test-electron, test/e2e/desktop.mjs). esbuild bundles each *.test.ts next to it as CommonJS.
//
// Environment (set by the runners on the process that starts the extension host):
//   TRIPWIRE_E2E_RESULTS   write { passed, failed, skipped, failures[] } JSON there when done
//   TRIPWIRE_E2E_GREP      run only tests whose full title matches this regular expression
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env['TRIPWIRE_E2E_GREP'];
  if (grep) mocha.grep(new RegExp(grep));
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const results: SuiteResults = { passed: 0, failed: 0, skipped: 0, failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env['TRIPWIRE_E2E_RESULTS'];
      if (resultsFile) writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => {
      results.passed += 1;
    });
    runner.on('pending', () => {
      results.skipped += 1;
    });
    runner.on('fail', (test, error: unknown) => {
      results.failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      results.failures.push(`${test.fullTitle()}: ${message.split('\n')[0]}`);
    });
  });
}
