#!/usr/bin/env node
// `npm run docs:rules`: regenerates the rule tables of README.md and rules/README.md from the built plugin
// (run `npm run build` first). `--check` changes nothing and exits 1 when a table is stale.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { updateRulesTables } from './lib/rules-table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let plugin;
try {
  ({ default: plugin } = await import(pathToFileURL(path.join(root, 'rules', 'dist', 'index.js')).href));
} catch (error) {
  console.error(
    `Cannot load the built plugin (run \`npm run build\` first): ${error instanceof Error ? error.message : error}`,
  );
  process.exit(2);
}
const stale = updateRulesTables(root, plugin, { check });
if (check && stale.length > 0) {
  console.error(`Stale rule tables: ${stale.join(', ')}. Run \`npm run docs:rules\`.`);
  process.exit(1);
}
console.log(stale.length === 0 ? 'Rule tables are current.' : `Rewrote the rule tables of ${stale.join(', ')}.`);
