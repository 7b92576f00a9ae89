// The Marketplace fields of package.json: icon, banner, categories, engines, activation events, workspace
// trust and the end-to-end scripts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Manifest {
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories?: string[];
  keywords?: string[];
  engines?: { vscode?: string };
  activationEvents?: string[];
  capabilities?: { untrustedWorkspaces?: { supported?: unknown }; virtualWorkspaces?: { supported?: unknown } };
  scripts?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

/** `^1.100.0` → [1, 100, 0]. */
function minimumVersion(range: string): number[] {
  const match = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  assert.ok(match, `"${range}" is a ^major.minor.patch range`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function atLeast(version: number[], minimum: number[]): boolean {
  for (let index = 0; index < 3; index++) {
    if ((version[index] ?? 0) !== (minimum[index] ?? 0)) return (version[index] ?? 0) > (minimum[index] ?? 0);
  }
  return true;
}

describe('Marketplace manifest', () => {
  it('has a 128×128 PNG icon', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    const png = readFileSync(path.join(root, 'images', 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR: width and height are the big-endian words at bytes 16 and 20.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.ok(png.length < 64 * 1024, 'the icon stays small');
  });

  it('has a gallery banner, the categories and keywords', () => {
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    for (const category of ['Linters', 'Snippets', 'Programming Languages'])
      assert.ok(manifest.categories?.includes(category), category);
    assert.ok((manifest.keywords?.length ?? 0) >= 3 && (manifest.keywords?.length ?? 0) <= 30);
  });

  it('engines.vscode is at least what vscode-languageclient needs', () => {
    const client = JSON.parse(
      readFileSync(path.join(root, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'),
    ) as {
      engines: { vscode: string };
    };
    assert.ok(
      atLeast(minimumVersion(manifest.engines?.vscode ?? ''), minimumVersion(client.engines.vscode)),
      `engines.vscode ${manifest.engines?.vscode} must be ≥ ${client.engines.vscode}`,
    );
  });

  it('activates only on JS/TS languages and its commands, never on *', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(events.length > 0);
    for (const event of events) {
      assert.match(
        event,
        /^(onLanguage:(javascript|javascriptreact|typescript|typescriptreact)|onCommand:tripwire\..+)$/,
        event,
      );
    }
  });

  it('declares untrusted and virtual workspace support', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.equal(manifest.capabilities?.virtualWorkspaces?.supported, false);
  });

  it('offers the end-to-end and live-demo scripts', () => {
    for (const script of ['test:e2e', 'test:e2e:desktop', 'demo:vscode']) assert.ok(manifest.scripts?.[script], script);
  });
});
