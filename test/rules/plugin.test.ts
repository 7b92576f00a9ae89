import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import plugin, { configs, meta, presetRules, rules, type TripwireRuleModule } from '../../rules/src/index.js';
import { PLUGIN_VERSION } from '../../rules/src/meta.js';
import { ruleDocsUrl } from '../../rules/src/util/create-rule.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rulesDir = path.join(repoRoot, 'rules', 'src', 'rules');
const docsDir = path.join(repoRoot, 'rules', 'docs', 'rules');
const REQUIRED_DOC_HEADINGS = ['## The trap', '## Examples', '## Options', '## When Not To Use It'];
const PRESETS = ['recommended', 'recommended-type-checked', 'strict', 'strict-type-checked'] as const;
/** The trap rules the issue tracker promised users: they never leave `recommended`. */
const TRAP_RULES = [
  'no-loop-closure-capture',
  'no-floating-promise',
  'no-async-callback-leak',
  'no-leaked-timer',
  'no-unguarded-json-parse',
  'no-unvalidated-json',
  'no-lossy-json',
];

/** The rule ids a preset turns on. */
function presetIds(name: (typeof PRESETS)[number]): string[] {
  return Object.entries(configs[name].rules ?? {})
    .filter(([, entry]) => entry !== 'off' && entry !== 0)
    .map(([id]) => id);
}

/** The line every rule page carries under its summary: the presets that turn the rule on, as the plugin builds them. */
function enabledByLine(name: string): string {
  const presets = PRESETS.filter((preset) => presetIds(preset).includes(`tripwire/${name}`)).map(
    (preset) => `\`${preset}\``,
  );
  return presets.length > 0 ? `Enabled by: ${presets.join(', ')}.` : 'Enabled by: no preset; turn it on by name.';
}

describe('eslint-plugin-tripwire: package shape', () => {
  it('meta names the package and its version', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'rules', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
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
    assert.deepEqual(Object.keys(built.configs).sort(), [...PRESETS].sort());
    for (const preset of PRESETS) assert.deepEqual(built.configs[preset].rules, configs[preset].rules, preset);
  });

  it('each preset holds the rules of its tier and below, the typed ones only in the …-type-checked presets', () => {
    for (const [name, rule] of Object.entries(rules)) {
      const id = `tripwire/${name}`;
      const { recommended: tier, requiresTypeChecking = false } = rule.meta.docs!;
      assert.ok(
        tier === false || tier === 'recommended' || tier === 'strict',
        `${id}: docs.recommended is a tier or false`,
      );
      const inRecommendedTier = tier === 'recommended';
      const inStrictTier = tier === 'recommended' || tier === 'strict';
      assert.equal(
        presetIds('recommended').includes(id),
        inRecommendedTier && !requiresTypeChecking,
        `${id} in recommended`,
      );
      assert.equal(
        presetIds('recommended-type-checked').includes(id),
        inRecommendedTier,
        `${id} in recommended-type-checked`,
      );
      assert.equal(presetIds('strict').includes(id), inStrictTier && !requiresTypeChecking, `${id} in strict`);
      assert.equal(presetIds('strict-type-checked').includes(id), inStrictTier, `${id} in strict-type-checked`);
    }
    for (const preset of PRESETS) {
      assert.equal(configs[preset].name, `tripwire/${preset}`);
      assert.equal(configs[preset].plugins?.tripwire, plugin as unknown, `${preset} registers the plugin`);
    }
  });

  it('strict ⊇ recommended, and each …-type-checked preset ⊇ its untyped one', () => {
    const includes = (outer: string[], inner: string[]) => inner.filter((id) => !outer.includes(id));
    assert.deepEqual(includes(presetIds('strict'), presetIds('recommended')), []);
    assert.deepEqual(includes(presetIds('strict-type-checked'), presetIds('recommended-type-checked')), []);
    assert.deepEqual(includes(presetIds('recommended-type-checked'), presetIds('recommended')), []);
    assert.deepEqual(includes(presetIds('strict-type-checked'), presetIds('strict')), []);
  });

  it('the seven trap rules stay in recommended', () => {
    for (const name of TRAP_RULES) {
      assert.equal(rules[name]?.meta.docs?.recommended, 'recommended', name);
      assert.ok(presetIds('recommended').includes(`tripwire/${name}`), name);
    }
  });

  it('moving a rule to strict takes it out of the recommended presets only; strictOptions reach the strict presets', () => {
    const base = rules['no-floating-promise']!;
    const withDocs = (docs: Partial<NonNullable<TripwireRuleModule['meta']['docs']>>): TripwireRuleModule => ({
      ...base,
      meta: { ...base.meta, docs: { ...base.meta.docs!, ...docs } },
    });
    const ruleSet = {
      kept: withDocs({ recommended: 'recommended', strictOptions: [{ checkStored: true }] }),
      moved: withDocs({ recommended: 'strict' }),
      typed: withDocs({ recommended: 'strict', requiresTypeChecking: true }),
      optIn: withDocs({ recommended: false }),
    };
    assert.deepEqual(presetRules('recommended', false, ruleSet), { 'tripwire/kept': 'error' });
    assert.deepEqual(presetRules('recommended', true, ruleSet), { 'tripwire/kept': 'error' });
    assert.deepEqual(presetRules('strict', false, ruleSet), {
      'tripwire/kept': ['error', { checkStored: true }],
      'tripwire/moved': 'error',
    });
    assert.deepEqual(presetRules('strict', true, ruleSet), {
      'tripwire/kept': ['error', { checkStored: true }],
      'tripwire/moved': 'error',
      'tripwire/typed': 'error',
    });
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

    it('its page says which presets enable it, before the first section', () => {
      const text = readFileSync(path.join(docsDir, `${name}.md`), 'utf8');
      const intro = text.slice(0, text.indexOf('\n## '));
      assert.ok(
        intro.includes(`\n${enabledByLine(name)}\n`),
        `the page's introduction needs the line "${enabledByLine(name)}"`,
      );
    });

    it('has its own test file', () => {
      assert.ok(existsSync(path.join(repoRoot, 'test', 'rules', `${name}.test.ts`)));
    });
  });
}
