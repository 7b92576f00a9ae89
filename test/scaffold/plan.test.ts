import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  assertInsideRoot,
  checkPlan,
  describeCheck,
  planChanges,
  ScaffoldConflictError,
  ScaffoldPathError,
  ScaffoldWriteError,
  writePlan,
  type ScaffoldPlan,
} from '../../scaffold/src/plan.js';
import { planToWorkspaceEdit } from '../../server/src/scaffold/workspace-edit.js';

const temporaryRoots: string[] = [];
function freshRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tripwire-plan-'));
  temporaryRoots.push(root);
  return root;
}
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function planIn(root: string, files: Record<string, string>): ScaffoldPlan {
  return {
    generator: 'test',
    files: Object.entries(files).map(([name, content]) => ({ path: path.join(root, name), content })),
  };
}

describe('assertInsideRoot', () => {
  it('accepts relative and absolute paths inside the root', () => {
    const root = freshRoot();
    assert.equal(assertInsideRoot(root, 'src/a.ts'), path.join(root, 'src/a.ts'));
    assert.equal(assertInsideRoot(root, path.join(root, 'b.ts')), path.join(root, 'b.ts'));
    assert.equal(assertInsideRoot(root, 'src/../c.ts'), path.join(root, 'c.ts'));
  });
  it('rejects .. escapes and absolute paths outside', () => {
    const root = freshRoot();
    assert.throws(() => assertInsideRoot(root, '../x.ts'), ScaffoldPathError);
    assert.throws(() => assertInsideRoot(root, 'src/../../x.ts'), ScaffoldPathError);
    assert.throws(() => assertInsideRoot(root, '/etc/passwd'), ScaffoldPathError);
    assert.throws(() => assertInsideRoot(root, `${root}-sibling/x.ts`), ScaffoldPathError);
    assert.throws(() => assertInsideRoot(root, 'a\0b'), ScaffoldPathError);
  });
  it('rejects paths that leave the root through a symbolic link', () => {
    const root = freshRoot();
    const outside = freshRoot();
    symlinkSync(outside, path.join(root, 'link'));
    assert.throws(() => assertInsideRoot(root, 'link/x.ts'), /symbolic link/);
  });
});

describe('checkPlan', () => {
  it('classifies create, identical and conflict', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'same.ts'), 'same\n');
    writeFileSync(path.join(root, 'other.ts'), 'old\n');
    mkdirSync(path.join(root, 'dir.ts'));
    const check = checkPlan(
      planIn(root, { 'new.ts': 'n', 'same.ts': 'same\n', 'other.ts': 'new\n', 'dir.ts': 'x' }),
      root,
    );
    assert.deepEqual(
      check.files.map((file) => file.status),
      ['create', 'identical', 'conflict', 'conflict'],
    );
    assert.deepEqual(
      check.conflicts.map((file) => path.basename(file.path)),
      ['other.ts', 'dir.ts'],
    );
    assert.match(describeCheck(check, { root }), /^create {4}new\.ts$/m);
  });
  it('rejects relative planned paths and duplicates', () => {
    const root = freshRoot();
    assert.throws(
      () => checkPlan({ generator: 'g', files: [{ path: 'rel.ts', content: '' }] }, root),
      ScaffoldPathError,
    );
    const duplicate = {
      generator: 'g',
      files: [
        { path: path.join(root, 'a'), content: '1' },
        { path: path.join(root, 'a'), content: '2' },
      ],
    };
    assert.throws(() => checkPlan(duplicate, root), /twice/);
  });
  it('rejects planned paths outside the root', () => {
    const root = freshRoot();
    assert.throws(() => checkPlan(planIn(root, { '../escape.ts': 'x' }), root), ScaffoldPathError);
  });
});

describe('writePlan', () => {
  it('creates files and directories and reports identical files as unchanged', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'same.ts'), 'same');
    const result = writePlan(planIn(root, { 'deep/er/new.ts': 'new', 'same.ts': 'same' }), { root });
    assert.equal(readFileSync(path.join(root, 'deep/er/new.ts'), 'utf8'), 'new');
    assert.deepEqual(
      result.written.map((file) => path.relative(root, file.path)),
      ['deep/er/new.ts'],
    );
    assert.deepEqual(
      result.unchanged.map((file) => path.relative(root, file.path)),
      ['same.ts'],
    );
    assert.deepEqual(readdirSync(path.join(root, 'deep/er')), ['new.ts'], 'no temporary files left');
  });
  it('refuses on a conflict and writes nothing at all', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'b.ts'), 'mine');
    assert.throws(
      () => writePlan(planIn(root, { 'a.ts': 'a', 'b.ts': 'theirs', 'sub/c.ts': 'c' }), { root }),
      (error: unknown) => {
        assert.ok(error instanceof ScaffoldConflictError);
        assert.deepEqual(
          error.conflicts.map((file) => path.basename(file.path)),
          ['b.ts'],
        );
        return true;
      },
    );
    assert.deepEqual(readdirSync(root).sort(), ['b.ts']);
    assert.equal(readFileSync(path.join(root, 'b.ts'), 'utf8'), 'mine');
  });
  it('replaces conflicts with force', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'b.ts'), 'mine');
    const result = writePlan(planIn(root, { 'b.ts': 'theirs' }), { root, force: true });
    assert.equal(readFileSync(path.join(root, 'b.ts'), 'utf8'), 'theirs');
    assert.equal(result.written.length, 1);
  });
  it('never replaces a directory, even with force', () => {
    const root = freshRoot();
    mkdirSync(path.join(root, 'x.ts'));
    assert.throws(
      () => writePlan(planIn(root, { 'a.ts': 'a', 'x.ts': 'x' }), { root, force: true }),
      ScaffoldConflictError,
    );
    assert.deepEqual(readdirSync(root), ['x.ts']);
  });
  it('dry-run writes nothing and returns exactly what would be written', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'b.ts'), 'mine');
    const result = writePlan(planIn(root, { 'a.ts': 'A', 'b.ts': 'B' }), { root, dryRun: true, force: true });
    assert.equal(result.dryRun, true);
    assert.deepEqual(
      result.written.map((file) => [path.basename(file.path), file.content, file.status]),
      [
        ['a.ts', 'A', 'create'],
        ['b.ts', 'B', 'conflict'],
      ],
    );
    assert.deepEqual(readdirSync(root), ['b.ts']);
    assert.equal(readFileSync(path.join(root, 'b.ts'), 'utf8'), 'mine');
  });
  it('leaves nothing behind when staging fails part-way', () => {
    const root = freshRoot();
    // A regular file where a directory is needed makes mkdir fail for the second file.
    writeFileSync(path.join(root, 'blocker'), 'file');
    assert.throws(
      () => writePlan(planIn(root, { 'ok/a.ts': 'a', 'blocker/b.ts': 'b' }), { root }),
      (error: unknown) =>
        error instanceof ScaffoldWriteError &&
        error.target === path.join(root, 'blocker', 'b.ts') &&
        error.reason === 'a part of the path is a file, not a folder' &&
        !error.message.includes('.tmp'),
    );
    assert.deepEqual(readdirSync(root), ['blocker']);
  });
});

describe('planChanges', () => {
  it('creates new files, edits updated ones minimally, skips identical ones, and replaces only with force', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'same.ts'), 'same');
    writeFileSync(path.join(root, 'edited.ts'), 'line 1\nold\nline 3\n');
    writeFileSync(path.join(root, 'taken.ts'), 'mine');
    const plan = {
      generator: 'test',
      files: [
        { path: path.join(root, 'new.ts'), content: 'N' },
        { path: path.join(root, 'same.ts'), content: 'same' },
        {
          path: path.join(root, 'edited.ts'),
          content: 'line 1\nnew text\nline 3\n',
          expectedContent: 'line 1\nold\nline 3\n',
        },
        { path: path.join(root, 'taken.ts'), content: 'theirs' },
      ],
    };
    assert.throws(() => planChanges(plan, { root }), ScaffoldConflictError);
    const { changes } = planChanges(plan, { root, force: true });
    assert.deepEqual(changes, [
      { kind: 'create', path: path.join(root, 'new.ts'), content: 'N', replace: false, generator: 'test' },
      {
        kind: 'edit',
        path: path.join(root, 'edited.ts'),
        text: 'line 1\nold\nline 3\n',
        version: null,
        edits: [{ start: 7, end: 10, newText: 'new text' }],
        generator: 'test',
      },
      { kind: 'create', path: path.join(root, 'taken.ts'), content: 'theirs', replace: true, generator: 'test' },
    ]);
  });
});

describe('planToWorkspaceEdit (the server adapter)', () => {
  it('creates each new file then inserts its content, all in documentChanges', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'same.ts'), 'same');
    const { edit } = planToWorkspaceEdit(planIn(root, { 'a.ts': 'A', 'same.ts': 'same' }), { root });
    const uri = pathToFileURL(path.join(root, 'a.ts')).href;
    assert.equal(edit.changes, undefined);
    assert.equal(edit.documentChanges?.length, 2);
    const [create, text] = edit.documentChanges ?? [];
    assert.deepEqual(create, {
      kind: 'create',
      uri,
      options: { overwrite: false, ignoreIfExists: false },
      annotationId: `tripwire.test:create:${path.join(root, 'a.ts')}`,
    });
    assert.ok(text !== undefined && 'edits' in text);
    assert.deepEqual(text.textDocument, { uri, version: null });
    const insert = text.edits[0];
    assert.ok(insert !== undefined && 'newText' in insert);
    assert.equal(insert.newText, 'A');
    assert.deepEqual(insert.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const annotations = Object.values(edit.changeAnnotations ?? {});
    assert.deepEqual(
      annotations.map((annotation) => annotation.needsConfirmation),
      [false],
    );
  });
  it('refuses conflicts unless force, which overwrites and asks for confirmation', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'b.ts'), 'mine');
    const plan = planIn(root, { 'b.ts': 'theirs' });
    assert.throws(() => planToWorkspaceEdit(plan, { root }), ScaffoldConflictError);
    const { edit } = planToWorkspaceEdit(plan, { root, force: true });
    const [create] = edit.documentChanges ?? [];
    assert.ok(create !== undefined && 'kind' in create && create.kind === 'create');
    assert.deepEqual(create.options, { overwrite: true });
    assert.deepEqual(
      Object.values(edit.changeAnnotations ?? {}).map((annotation) => annotation.needsConfirmation),
      [true],
    );
  });
  it('is empty when every file is identical', () => {
    const root = freshRoot();
    writeFileSync(path.join(root, 'a.ts'), 'A');
    assert.deepEqual(planToWorkspaceEdit(planIn(root, { 'a.ts': 'A' }), { root }).edit, { documentChanges: [] });
  });
});
