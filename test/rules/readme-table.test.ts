// The rule tables of README.md and rules/README.md are generated from the rules' meta and the plugin's
// configs; this fails when either is stale (fix: `npm run build && npm run docs:rules`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import plugin from '../../rules/src/index.js';
import { renderRulesTable, replaceTable, TABLE_FILES } from '../../scripts/lib/rules-table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('README rule tables', () => {
  for (const { file, docsLink } of TABLE_FILES) {
    it(`${file} lists every rule as the plugin defines it`, () => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const table = renderRulesTable(plugin, docsLink);
      assert.equal(
        replaceTable(text, table, file),
        text,
        `${file} is stale: run \`npm run build && npm run docs:rules\``,
      );
      for (const name of Object.keys(plugin.rules))
        assert.ok(text.includes(`[\`${name}\`](${docsLink(name)})`), `${file} links ${name}`);
    });
  }

  it('renders a row per rule with its config and the type information it needs', () => {
    const table = renderRulesTable(plugin, (name: string) => `docs/${name}.md`);
    const rows = table.split('\n').slice(2);
    assert.equal(rows.length, Object.keys(plugin.rules).length);
    assert.match(
      table,
      /\| \[`no-floating-promise`\]\(docs\/no-floating-promise\.md\) \| `recommended` \| optional \| Disallow /,
    );
  });
});
