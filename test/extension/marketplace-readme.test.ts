// The .vsix carries a Marketplace page written for extension users (extension/README.md), not the
// repository README with its contributor commands. It names every command and setting the extension
// contributes, and its images and links work outside the repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(path.join(root, 'extension', 'README.md'), 'utf8');

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string }>;
    configuration: { properties: Record<string, unknown> };
  };
}
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('Marketplace README', () => {
  it('is what both packagers put in the .vsix', () => {
    for (const script of ['scripts/package.mjs', 'test/e2e/lib/package-vsix.mjs']) {
      const text = readFileSync(path.join(root, script), 'utf8');
      assert.match(
        text,
        /'--readme-path',\s*\n\s*path\.join\('extension', 'README\.md'\)/,
        `${script} passes --readme-path`,
      );
    }
    assert.doesNotMatch(
      readFileSync(path.join(root, '.vscodeignore'), 'utf8'),
      /^!README\.md$/m,
      'the repository README is not shipped',
    );
  });

  it('names every contributed command by its title', () => {
    for (const { command, title } of manifest.contributes.commands) {
      const key = /^%(.+)%$/.exec(title)?.[1];
      const text = key === undefined ? title : nls[key];
      assert.ok(text, `${command} has an English title`);
      assert.ok(readme.includes(text), `the Marketplace README names "${text}" (${command})`);
    }
  });

  it('documents every setting', () => {
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) {
      if (setting === 'tripwire.trace.server') continue; // a diagnostic switch for bug reports
      assert.ok(readme.includes(`\`${setting}\``), `the Marketplace README documents ${setting}`);
    }
  });

  it('is for users: no contributor commands, and links and images that work on the Marketplace', () => {
    for (const contributorCommand of ['npm run demo', 'npm test', 'npm run build', 'npm run package']) {
      assert.ok(!readme.includes(contributorCommand), `no "${contributorCommand}"`);
    }
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1] ?? '');
    assert.ok(images.length >= 1, 'shows a screenshot');
    for (const image of images) assert.match(image, /^https:\/\/.+\.png$/, `${image} is an absolute https PNG`);
    for (const [, link] of readme.matchAll(/[^!]\[[^\]]*\]\(([^)]+)\)/g))
      assert.match(link ?? '', /^https:\/\//, `${link} is absolute`);
  });
});
