#!/usr/bin/env node
// `npm run pack:plugin`: builds eslint-plugin-tripwire and packs it as the registry would ship it, into
// eslint-plugin-tripwire-<version>.tgz at the repository root (or `--out <folder>`). Install that file by
// path in any project: `npm install --save-dev ./eslint-plugin-tripwire-<version>.tgz`.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let options;
try {
  ({ values: options } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\nUsage: npm run pack:plugin [-- --out <folder>]`);
  process.exit(2);
}
if (options.help) {
  console.log(
    'Usage: npm run pack:plugin [-- --out <folder>]\nBuilds rules/ and writes eslint-plugin-tripwire-<version>.tgz (default: the repository root).',
  );
  process.exit(0);
}
const out = path.resolve(options.out ?? root);
mkdirSync(out, { recursive: true });

const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join('rules', 'tsconfig.json')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) {
  console.error('✖ the plugin does not compile; nothing was packed');
  process.exit(1);
}
const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', out], {
  cwd: path.join(root, 'rules'),
  encoding: 'utf8',
});
if (pack.status !== 0) {
  process.stderr.write(pack.stderr);
  console.error('✖ npm pack failed');
  process.exit(1);
}
const tarball = path.join(out, pack.stdout.trim().split('\n').pop() ?? '');
console.log(tarball);
