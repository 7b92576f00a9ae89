import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ciDoc = readFileSync(path.join(repoRoot, 'docs', 'ci.md'), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  name?: string;
  if?: string;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}
interface Workflow {
  name: string;
  on: unknown;
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; permissions?: Record<string, string>; steps: Step[] }>;
}

function load(name: string): Workflow {
  const document = parseDocument(readFileSync(path.join(repoRoot, 'docs', 'ci', name), 'utf8'), {
    prettyErrors: true,
    uniqueKeys: true,
  });
  assert.deepEqual(document.errors.map(String), [], `${name} parses as YAML`);
  assert.deepEqual(document.warnings.map(String), []);
  return document.toJS() as Workflow;
}

/** The value of `flag` in a shell command line (`-o file` or `--output-file=file`). */
function flagValue(command: string, short: string, long: string): string | undefined {
  const words = command.trim().split(/\s+/);
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (word === short || word === long) return words[i + 1];
    if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
  }
  return undefined;
}

describe('docs/ci workflows', () => {
  it('code-scanning.yml lints to SARIF with the adapted formatter and uploads that file with security-events: write', () => {
    const workflow = load('code-scanning.yml');
    const job = workflow.jobs['lint'];
    assert.ok(job, 'a lint job');
    assert.equal(job.permissions?.['security-events'], 'write');
    assert.equal(job.permissions?.['contents'], 'read');
    const uses = job.steps.map((s) => s.uses?.replace(/@.*/, ''));
    assert.deepEqual(uses.filter(Boolean), [
      'actions/checkout',
      'actions/setup-node',
      'github/codeql-action/upload-sarif',
    ]);
    const lintIndex = job.steps.findIndex((s) => s.run?.includes('eslint'));
    const uploadIndex = job.steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(lintIndex !== -1 && lintIndex < uploadIndex, 'the lint step runs before the upload');
    const lint = job.steps[lintIndex]!;
    const upload = job.steps[uploadIndex]!;
    assert.equal(flagValue(lint.run!, '-f', '--format'), './node_modules/eslint-plugin-tripwire/dist/sarif.js');
    const output = flagValue(lint.run!, '-o', '--output-file');
    assert.ok(output, 'the lint step writes a file');
    assert.equal(upload.with?.['sarif_file'], output, "the upload reads the lint step's -o file");
    assert.equal(lint['continue-on-error'], true, 'findings (exit 1) do not skip the upload');
    assert.equal(upload.if, 'always()');
  });

  it('annotations.yml prints with a formatter that setup-node has a problem matcher for, and needs no extra permission', () => {
    const workflow = load('annotations.yml');
    const job = workflow.jobs['lint'];
    assert.ok(job);
    assert.equal(job.permissions, undefined);
    assert.deepEqual(workflow.permissions, { contents: 'read' });
    assert.ok(job.steps.some((s) => s.uses?.startsWith('actions/setup-node@')));
    const lint = job.steps.find((s) => s.run?.includes('eslint'));
    assert.ok(lint?.run);
    assert.ok(['stylish', 'compact', undefined].includes(flagValue(lint.run, '-f', '--format')));
    assert.equal(flagValue(lint.run, '-o', '--output-file'), undefined, 'annotations come from what the step prints');
  });

  it('docs/ci.md links both files and its excerpts match them', () => {
    for (const name of ['code-scanning.yml', 'annotations.yml']) {
      assert.ok(ciDoc.includes(`(ci/${name})`), `links ${name}`);
      const text = readFileSync(path.join(repoRoot, 'docs', 'ci', name), 'utf8');
      for (const block of ciDoc
        .split('```yaml\n')
        .slice(1)
        .map((b) => b.slice(0, b.indexOf('```')))) {
        if (!block.includes(name === 'code-scanning.yml' ? 'upload-sarif' : '-f stylish')) continue;
        for (const line of block.split('\n').filter((l) => l.trim() !== ''))
          assert.ok(text.includes(line), `${name} contains the excerpt line ${JSON.stringify(line)}`);
      }
    }
  });
});
