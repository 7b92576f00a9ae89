#!/usr/bin/env node
// `npm run package`: builds, then makes tripwire-<version>.vsix with @vscode/vsce, offline.
// The bundles carry every run-time dependency, so vsce is told not to collect node_modules.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = `tripwire-${version}.vsix`;

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes('--no-build')) run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
run(process.execPath, [
  path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--skip-license',
  '--out',
  vsix,
]);
const size = statSync(path.join(root, vsix)).size;
console.log(`${vsix}: ${(size / 1024 / 1024).toFixed(2)} MB`);
