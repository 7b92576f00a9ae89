/**
 * The "Generate …" commands: each is contributed with a localized title (English and Chinese),
 * registered by the extension, and runs a generator the `tripwire.scaffold` server command knows.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scaffoldGenerators } from '../../scaffold/src/cli-commands.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8'));

interface Manifest {
  contributes: { commands: { command: string; title: string; category?: string }[] };
}

const manifest = readJson('package.json') as Manifest;
const english = readJson('package.nls.json') as Record<string, string>;
const chinese = readJson('package.nls.zh-cn.json') as Record<string, string>;
const extensionSource = readFileSync(path.join(repoRoot, 'extension', 'src', 'extension.ts'), 'utf8');

/** `tripwire.generateX` → the generator name it passes to `generate(…)`. */
const registered = new Map(
  [...extensionSource.matchAll(/registerCommand\('(tripwire\.generate\w+)', \(\) => generate\('([\w-]+)'\)\)/g)].map(
    (match) => [match[1], match[2]],
  ),
);

const EXPECTED = [
  ['tripwire.generateErrgroup', 'errgroup', 'Generate errgroup'],
  ['tripwire.generateSingleflight', 'singleflight', 'Generate singleflight'],
  ['tripwire.generateRetry', 'retry', 'Generate retry'],
  ['tripwire.generateCircuitBreaker', 'breaker', 'Generate circuit breaker'],
  ['tripwire.generateRateLimiter', 'ratelimit', 'Generate rate limiter'],
  ['tripwire.generateTimeout', 'timeout', 'Generate timeout'],
] as const;

describe('Generate commands', () => {
  for (const [command, generator, title] of EXPECTED) {
    it(`${command}: "${title}" in English and Chinese, runs the ${generator} generator`, () => {
      const contributed = manifest.contributes.commands.find((entry) => entry.command === command);
      assert.ok(contributed, `${command} is contributed`);
      assert.equal(contributed.category, 'Tripwire');
      const key = /^%(.+)%$/.exec(contributed.title)?.[1];
      assert.ok(key !== undefined, 'the title is localized');
      assert.equal(english[key], title);
      assert.ok((chinese[key] ?? '').length > 0 && chinese[key] !== title, 'a Chinese title');
      assert.equal(registered.get(command), generator, `${command} is registered with generate('${generator}')`);
      assert.ok(scaffoldGenerators.has(generator), `the server knows the ${generator} generator`);
    });
  }

  it('every registered Generate command is contributed', () => {
    const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));
    for (const command of registered.keys()) assert.ok(contributed.has(command ?? ''), command);
  });
});
