#!/usr/bin/env node
// `npm run demo`: builds Tripwire, then lints the bundled sample workspace (examples/) with the real
// ESLint CLI and the plugin, exactly as a project's CI would, and prints what it finds.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpmDependencies } from './ensure-installed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');

ensureNpmDependencies(root);

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log(
  '\n$ cd examples && eslint .   (examples/eslint.config.js: tripwire.configs.recommended, plus one rule of the strict preset)\n',
);
const lint = spawnSync(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'], {
  cwd: examples,
  stdio: 'inherit',
});
// ESLint exits 1 when it finds problems, which is the point of the demo; 2 means it could not run.
if (lint.status === 1) {
  console.log('Every finding above is a real trap; each rule page explains it: rules/docs/rules/<rule>.md');
  console.log('In VS Code the same findings appear inline, with quick fixes (install the .vsix: npm run package).');
  process.exit(0);
}
if (lint.status === 0) {
  console.error('The demo found nothing in examples/: the plugin did not run as expected.');
  process.exit(1);
}
process.exit(lint.status ?? 1);
