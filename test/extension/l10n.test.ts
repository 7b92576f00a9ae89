// The extension's UI strings exist in English and Simplified Chinese:
//   package.nls.json / package.nls.zh-cn.json      strings of the manifest (`%key%` in package.json)
//   l10n/bundle.l10n.json / bundle.l10n.zh-cn.json  run-time strings (`vscode.l10n.t('…')` in extension/src)
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type Strings = Record<string, string>;

function readStrings(relativePath: string): Strings {
  const parsed: unknown = JSON.parse(readFileSync(path.join(root, relativePath), 'utf8'));
  assert.ok(
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed),
    `${relativePath} is a JSON object`,
  );
  const strings: Strings = {};
  for (const [key, value] of Object.entries(parsed)) {
    // A bundle entry may also be { message, comment } (vscode-l10n's format with translator comments).
    const message =
      typeof value === 'object' && value !== null && 'message' in value
        ? (value as { message: unknown }).message
        : value;
    assert.equal(typeof message, 'string', `${relativePath}: "${key}" is a string`);
    strings[key] = message as string;
  }
  return strings;
}

/** `{0}`, `{name}` placeholders of a message, sorted: a translation must keep every one. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{[^{}\s]+\}/g)].map((match) => match[0]).sort();
}

function assertSameKeys(english: Strings, chinese: Strings, label: string): void {
  const missingInChinese = Object.keys(english).filter((key) => !(key in chinese));
  const onlyInChinese = Object.keys(chinese).filter((key) => !(key in english));
  assert.deepEqual(missingInChinese, [], `${label}: keys without a Chinese translation`);
  assert.deepEqual(onlyInChinese, [], `${label}: Chinese keys without an English original`);
  for (const [key, message] of Object.entries(english)) {
    assert.ok((chinese[key] ?? '').trim().length > 0, `${label}: "${key}" has an empty translation`);
    assert.deepEqual(
      placeholders(chinese[key] ?? ''),
      placeholders(message),
      `${label}: "${key}" keeps its placeholders`,
    );
  }
}

/** Every `%key%` string value anywhere in the manifest. */
function manifestKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = /^%([^%\s]+)%$/.exec(value);
    if (match?.[1]) found.add(match[1]);
  } else if (Array.isArray(value)) {
    for (const item of value) manifestKeys(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) manifestKeys(item, found);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|mts|js)$/.test(entry) ? [full] : [];
  });
}

/** String literals passed to `l10n.t(…)` in the extension's sources (the forms a bundle is keyed by). */
function runtimeMessages(): string[] {
  const messages = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'extension', 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /\bl10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\$]|\\.)*)`)/g,
    )) {
      const literal = match[1] ?? match[2] ?? match[3] ?? '';
      messages.add(literal.replace(/\\(.)/g, '$1'));
    }
  }
  return [...messages].sort();
}

const manifest: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('localization (English and Simplified Chinese)', () => {
  it('package.json points at the l10n folder and the files exist', () => {
    assert.equal((manifest as { l10n?: unknown }).l10n, './l10n');
    for (const file of [
      'package.nls.json',
      'package.nls.zh-cn.json',
      'l10n/bundle.l10n.json',
      'l10n/bundle.l10n.zh-cn.json',
    ]) {
      assert.ok(existsSync(path.join(root, file)), `${file} exists`);
    }
  });

  it('every manifest string has both an English and a Chinese entry', () => {
    assertSameKeys(readStrings('package.nls.json'), readStrings('package.nls.zh-cn.json'), 'package.nls');
  });

  it('every %key% in package.json is defined in package.nls.json', () => {
    const english = readStrings('package.nls.json');
    const undefinedKeys = [...manifestKeys(manifest)].filter((key) => !(key in english));
    assert.deepEqual(undefinedKeys, []);
  });

  it('user-visible manifest strings are localized (no bare English titles)', () => {
    const contributes = (
      manifest as { contributes?: { commands?: { command: string; title: string; category?: string }[] } }
    ).contributes;
    const bare = (contributes?.commands ?? [])
      .filter((command) => !/^%.+%$/.test(command.title))
      .map((command) => command.command);
    assert.deepEqual(bare, [], 'command titles that are not %key% references');
    for (const field of ['displayName', 'description'] as const) {
      assert.match(String((manifest as Record<string, unknown>)[field]), /^%.+%$/, `${field} is a %key% reference`);
    }
  });

  it('every run-time bundle string has both an English and a Chinese entry', () => {
    assertSameKeys(readStrings('l10n/bundle.l10n.json'), readStrings('l10n/bundle.l10n.zh-cn.json'), 'l10n bundle');
  });

  it('every vscode.l10n.t() message of the extension is in the bundles', () => {
    const english = readStrings('l10n/bundle.l10n.json');
    const missing = runtimeMessages().filter((message) => !(message in english));
    assert.deepEqual(missing, [], 'messages passed to l10n.t() that l10n/bundle.l10n.json lacks');
  });
});
