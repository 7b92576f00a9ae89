import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import plugin, { configs, meta, rules } from '../../rules/src/index.js';
import { PLUGIN_VERSION } from '../../rules/src/meta.js';
import { ruleDocsUrl } from '../../rules/src/util/create-rule.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rulesDir = path.join(repoRoot, 'rules', 'src', 'rules');
const docsDir = path.join(repoRoot, 'rules', 'docs', 'rules');
const REQUIRED_DOC_HEADINGS = ['## The trap', '## Examples', '## Options', '## When Not To Use It'];

describe('eslint-plugin-tripwire: package shape', () => {
  it('meta names the package and its version', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'rules', 'package.json'), 'utf8')) as { name: string; version: string };
    assert.equal(meta.name, pkg.name);
    assert.equal(meta.version, pkg.version);
    assert.equal(PLUGIN_VERSION, pkg.version);
  });

  it('registers every rule file, and every registered rule has a file', () => {
    const files = readdirSync(rulesDir)
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
      .map((name) => name.slice(0, -'.ts'.length))
      .sort();
    assert.deepEqual(Object.keys(rules).sort(), files);
  });

  it('the built package exports the same rules and configs as the source', async () => {
    const built = (await import('eslint-plugin-tripwire')).default as typeof plugin;
    assert.deepEqual(Object.keys(built.rules).sort(), Object.keys(rules).sort());
    assert.deepEqual(Object.keys(built.configs).sort(), ['recommended', 'recommended-type-checked']);
  });

  it('recommended holds the syntactic rules; recommended-type-checked adds the typed ones', () => {
    const recommended = Object.keys(configs.recommended.rules ?? {});
    const typed = Object.keys(configs['recommended-type-checked'].rules ?? {});
    for (const [name, rule] of Object.entries(rules)) {
      const id = `tripwire/${name}`;
      const docs = rule.meta.docs!;
      assert.equal(typed.includes(id), docs.recommended, `${id} in recommended-type-checked`);
      assert.equal(recommended.includes(id), docs.recommended && !docs.requiresTypeChecking, `${id} in recommended`);
    }
    assert.equal(configs.recommended.plugins?.tripwire, plugin as unknown);
  });
});

for (const [name, rule] of Object.entries(rules)) {
  describe(`tripwire/${name}: metadata, docs page and tests`, () => {
    it('has a docs URL pointing at its page, a description and messages', () => {
      assert.equal(rule.meta.docs?.url, ruleDocsUrl(name));
      assert.match(rule.meta.docs?.description ?? '', /^[A-Z]/);
      assert.ok(Object.keys(rule.meta.messages).length > 0);
      assert.ok(['problem', 'suggestion', 'layout'].includes(rule.meta.type));
    });

    it('has its doc page with the required sections', () => {
      const page = path.join(docsDir, `${name}.md`);
      assert.ok(existsSync(page), `missing ${path.relative(repoRoot, page)}`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# tripwire/${name}`), 'the page opens with its rule id');
      for (const heading of REQUIRED_DOC_HEADINGS) assert.ok(text.includes(`\n${heading}`), `missing "${heading}"`);
    });

    it('has its own test file', () => {
      assert.ok(existsSync(path.join(repoRoot, 'test', 'rules', `${name}.test.ts`)));
    });
  });
}
