// Bundles the in-host mocha suite (test/e2e/suite/*.ts) into CommonJS files that VS Code's extension host
// can require: index.js (exports run()) plus one <name>.test.js per test file. `vscode` comes from the host,
// `mocha` from the repository's node_modules (the output lives inside the repository, under .e2e/).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * @param {string} root repository root
 * @param {string} outDir where to write the bundles (must be inside `root` so `mocha` resolves)
 * @returns {Promise<string>} the extensionTestsPath (index.js)
 */
export async function buildSuite(root, outDir) {
  const suiteDir = path.join(root, 'test', 'e2e', 'suite');
  const entries = readdirSync(suiteDir).filter((name) => name === 'index.ts' || name.endsWith('.test.ts'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // The repository is "type": "module"; these bundles are CommonJS.
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries.map((name) => path.join(suiteDir, name)),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}
