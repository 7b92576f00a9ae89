import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
const fixture = path.join(repoRoot, 'test', 'cli', 'fixtures', 'project');

interface EslintFileResult {
  filePath: string;
  messages: Array<{
    ruleId: string | null;
    line: number;
    column: number;
    message: string;
    fix?: unknown;
    suggestions?: unknown[];
  }>;
}

function runEslint(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [eslintBin, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, 'src')))
    files.set(name, readFileSync(path.join(dir, 'src', name), 'utf8'));
  return files;
}

describe('the real eslint CLI with tripwire.configs.recommended', () => {
  let work: string;

  before(() => {
    // Inside the repository, so the fixture resolves eslint-plugin-tripwire like an installed package.
    const scratch = path.join(repoRoot, '.cache', 'cli-tests');
    mkdirSync(scratch, { recursive: true });
    work = mkdtempSync(path.join(scratch, 'project-'));
    cpSync(fixture, work, { recursive: true });
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('reports the loop-closure trap in .ts and .js and exits 1', () => {
    const { status, stdout, stderr } = runEslint(work, ['--format', 'json', '.']);
    assert.equal(status, 1, stderr);
    const results = JSON.parse(stdout) as EslintFileResult[];
    const byFile = new Map(results.map((r) => [path.basename(r.filePath), r.messages]));
    const ts = byFile.get('stagger.ts') ?? [];
    const js = byFile.get('buttons.js') ?? [];
    assert.deepEqual(
      ts.map((m) => [m.ruleId, m.line, m.column]),
      [['tripwire/no-loop-closure-capture', 3, 16]],
    );
    assert.deepEqual(
      js.map((m) => [m.ruleId, m.line, m.column]),
      [['tripwire/no-loop-closure-capture', 3, 46]],
    );
    assert.deepEqual(byFile.get('clean.ts') ?? [], []);
    for (const message of [...ts, ...js]) {
      assert.equal(message.fix, undefined, 'the rule never autofixes');
      assert.ok((message.suggestions ?? []).length >= 1, 'the rule offers suggestions');
    }
  });

  it('prints the rule id and a readable message in the default formatter', () => {
    const { status, stdout } = runEslint(work, ['.']);
    assert.equal(status, 1);
    assert.match(stdout, /tripwire\/no-loop-closure-capture/);
    assert.match(stdout, /2 problems \(2 errors, 0 warnings\)/);
  });

  it('eslint --fix changes nothing: suggestions are never applied by --fix', () => {
    const before = snapshot(work);
    const { status } = runEslint(work, ['--fix', '.']);
    assert.equal(status, 1, 'the problems remain after --fix');
    assert.deepEqual(snapshot(work), before);
  });
});
