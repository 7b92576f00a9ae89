// The plugin as a user gets it: `npm run pack:plugin`, the tarball installed by path into a fresh project
// next to eslint, typescript-eslint and TypeScript 6 from the registry, the README's config snippets
// copied exactly, and the real `eslint` binary of that project reporting the traps. Also checks the
// README's way of keeping TypeScript 7 for builds while linting with 6.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface EslintFileResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; message: string; fatal?: boolean }>;
}

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The fenced code blocks of a Markdown section (from its heading to the next heading of the same level). */
function codeBlocks(markdown: string, heading: string, language: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has a "${heading}" section`);
  const level = heading.split(' ')[0] ?? '##';
  const rest = markdown.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`\\n${level} `));
  const section = next < 0 ? rest : rest.slice(0, next);
  return [...section.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

const TRAPS = `export async function saveAll(ids: string[], save: (id: string) => Promise<void>): Promise<void> {
  for (var i = 0; i < ids.length; i++) {
    setTimeout(() => console.log(ids[i]), 10);
  }
  save('first');
}
`;

describe('eslint-plugin-tripwire installed from its packed tarball', () => {
  let work: string;
  let tarball: string;
  let project: string;

  before(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'tw-plugin-install-'));
    const packed = run(process.execPath, [path.join(repoRoot, 'scripts', 'pack-plugin.mjs'), '--out', work], repoRoot);
    assert.equal(packed.status, 0, packed.stderr);
    tarball = packed.stdout.trim().split('\n').pop() ?? '';
    assert.ok(existsSync(tarball), `npm run pack:plugin wrote ${tarball}`);
    project = path.join(work, 'app');
    mkdirSync(path.join(project, 'src'), { recursive: true });
    writeFileSync(
      path.join(project, 'package.json'),
      `${JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2)}\n`,
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      `${JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', lib: ['ES2022', 'DOM'], noEmit: true }, include: ['src'] }, null, 2)}\n`,
    );
    writeFileSync(path.join(project, 'src', 'jobs.ts'), TRAPS);
    const installed = run(
      'npm',
      ['install', '--save-dev', '--no-audit', '--no-fund', 'eslint', 'typescript-eslint', 'typescript@~6.0.3', tarball],
      project,
    );
    assert.equal(installed.status, 0, installed.stderr);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('carries its README, LICENSE and dependency ranges that match its peers', () => {
    const listing = run('tar', ['tzf', tarball], work).stdout.split('\n');
    for (const file of [
      'package/README.md',
      'package/LICENSE',
      'package/package.json',
      'package/dist/index.js',
      'package/dist/index.d.ts',
    ]) {
      assert.ok(listing.includes(file), `${file} is in the tarball`);
    }
    const manifest = JSON.parse(
      readFileSync(path.join(project, 'node_modules', 'eslint-plugin-tripwire', 'package.json'), 'utf8'),
    ) as {
      dependencies?: Record<string, string>;
    };
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      assert.match(range, /^[\^~>]/, `${name} is a range (${range}), so it dedupes with the user's typescript-eslint`);
    }
    const readme = readFileSync(path.join(project, 'node_modules', 'eslint-plugin-tripwire', 'README.md'), 'utf8');
    assert.match(readme, /npm install --save-dev eslint eslint-plugin-tripwire/);
    assert.match(readme, /no-floating-promise/);
  });

  it("installs one copy of typescript-estree next to the user's typescript-eslint", () => {
    const copies = readdirSync(path.join(project, 'node_modules', 'eslint-plugin-tripwire')).includes('node_modules')
      ? readdirSync(path.join(project, 'node_modules', 'eslint-plugin-tripwire', 'node_modules'))
      : [];
    assert.deepEqual(
      copies.filter((name) => name.startsWith('@typescript-eslint')),
      [],
    );
  });

  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const snippets = codeBlocks(readme, "## Use the rules in your project's ESLint (CI)", 'js').filter((block) =>
    block.startsWith('// eslint.config.js'),
  );

  it('the README has two complete config snippets', () => {
    assert.equal(snippets.length, 2);
    for (const snippet of snippets) {
      assert.match(snippet, /^import tseslint from 'typescript-eslint';$/m);
      assert.match(snippet, /^import tripwire from 'eslint-plugin-tripwire';$/m);
    }
  });

  for (const [index, label] of [
    [0, 'recommended (no type information)'],
    [1, 'recommended-type-checked (project service)'],
  ] as const) {
    it(`the README's ${label} snippet, copied as is, reports the traps`, () => {
      writeFileSync(path.join(project, 'eslint.config.js'), snippets[index] ?? '');
      const linted = run(
        process.execPath,
        [path.join(project, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', 'src'],
        project,
      );
      assert.equal(linted.status, 1, linted.stderr);
      const results = JSON.parse(linted.stdout) as EslintFileResult[];
      const messages = results.flatMap((result) => result.messages);
      assert.deepEqual(
        messages.filter((message) => message.fatal),
        [],
      );
      const found = messages.map((message) => `${message.ruleId}@${message.line}`).sort();
      assert.deepEqual(found, ['tripwire/no-floating-promise@5', 'tripwire/no-loop-closure-capture@3']);
    });
  }

  it('TypeScript 7 builds the project under another name while ESLint keeps TypeScript 6 (the README recipe)', () => {
    const installed = run(
      'npm',
      ['install', '--save-dev', '--no-audit', '--no-fund', 'typescript-7@npm:typescript@^7'],
      project,
    );
    assert.equal(installed.status, 0, installed.stderr);
    const seven = run(
      process.execPath,
      [path.join(project, 'node_modules', 'typescript-7', 'bin', 'tsc'), '--version'],
      project,
    );
    assert.match(seven.stdout, /^Version 7\./);
    // typescript-eslint loads the package named `typescript`, which stays 6.0 (bin links may point at either).
    const six = JSON.parse(readFileSync(path.join(project, 'node_modules', 'typescript', 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.match(six.version, /^6\.0\./);
    writeFileSync(
      path.join(project, 'src', 'jobs.ts'),
      TRAPS.replace("save('first');", "await save('first');").replace('var i', 'let i'),
    );
    const built = run(
      process.execPath,
      [path.join(project, 'node_modules', 'typescript-7', 'bin', 'tsc'), '-p', '.'],
      project,
    );
    assert.equal(built.status, 0, built.stdout + built.stderr);
    writeFileSync(path.join(project, 'eslint.config.js'), snippets[1] ?? '');
    const linted = run(
      process.execPath,
      [path.join(project, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src'],
      project,
    );
    assert.equal(linted.status, 0, linted.stdout + linted.stderr);
  });
});
