#!/usr/bin/env node
// `npm run package`: builds, then makes tripwire-<version>.vsix with @vscode/vsce, offline.
// The bundles carry every run-time dependency, so vsce is told not to collect node_modules.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
function readVersion() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch (error) {
    console.error(`package.json cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (typeof manifest?.version !== 'string') {
    console.error('package.json has no "version" string');
    process.exit(1);
  }
  return manifest.version;
}
const version = readVersion();
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
  '--skip-license',
  // The Marketplace page is written for extension users; README.md is the repository's.
  '--readme-path',
  path.join('extension', 'README.md'),
  '--out',
  vsix,
]);
const size = statSync(path.join(root, vsix)).size;
console.log(`${vsix}: ${(size / 1024 / 1024).toFixed(2)} MB`);
