// The document linter's one decision, tested directly: whether a file is linted and how, for an open
// document, fix-all and Lint Workspace alike. The stdio tests cover the same paths end to end.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decide, type LintPurpose, type LintTarget } from '../../server/src/document-linter.js';
import { Session } from '../../server/src/session.js';
import { normalizeSettings } from '../../server/src/settings.js';
import type { RemoteTypeInfo } from '../../server/src/lint-worker-client.js';

const FOLDER = { uri: 'file:///work/app', path: path.join(path.sep, 'work', 'app') };
const FILE = path.join(FOLDER.path, 'src', 'main.ts');
const URI = 'file:///work/app/src/main.ts';

/** A session that never talks to a client: decide() reads only its state. */
function session(options: { trusted?: boolean; typeInfo?: boolean } = {}): Session {
  const quiet = { console: { error() {}, warn() {}, info() {}, log() {}, debug() {} } } as unknown as Connection;
  const created = new Session(quiet, new TextDocuments(TextDocument), {}, async () => undefined);
  created.trusted = options.trusted ?? true;
  created.folders = [FOLDER];
  if (options.typeInfo ?? true) created.typeInfo = {} as RemoteTypeInfo;
  return created;
}

function target(settings: unknown = {}): LintTarget {
  return { filePath: FILE, folder: FOLDER, settings: normalizeSettings(settings) };
}

const DOCUMENT_CHANGE: LintPurpose = { kind: 'document', uri: URI, trigger: 'change' };
const DOCUMENT_SAVE: LintPurpose = { kind: 'document', uri: URI, trigger: 'save' };
const PURPOSES: LintPurpose[] = [DOCUMENT_CHANGE, { kind: 'fixAll' }, { kind: 'workspace' }];

function typeAware(decision: ReturnType<typeof decide>): boolean | undefined {
  return decision.lint ? decision.request.typeAware : undefined;
}

describe('document linter: decide()', () => {
  it('applies tripwire.enable and tripwire.exclude the same way for every purpose', () => {
    const current = session();
    for (const purpose of PURPOSES) {
      assert.deepEqual(decide(current, target({ enable: false }), 'const a = 1;\n', purpose), {
        lint: false,
        reason: 'disabled',
      });
      assert.deepEqual(decide(current, target({ exclude: ['src/**'] }), 'const a = 1;\n', purpose), {
        lint: false,
        reason: 'excluded',
      });
      assert.equal(decide(current, target({ exclude: ['test/**'] }), 'const a = 1;\n', purpose).lint, true);
    }
  });

  it('skips binary, oversized and minified text with the reason, for every purpose', () => {
    const current = session();
    for (const purpose of PURPOSES) {
      const binary = decide(current, target(), 'a\u0000b', purpose);
      assert.equal(!binary.lint && binary.reason === 'skipped' && binary.skip.kind, 'binary');
      const large = decide(current, target({ maxFileSize: 10 }), 'const a = 12345;\n', purpose);
      assert.equal(!large.lint && large.reason === 'skipped' && large.skip.kind, 'too-large');
      const minified = decide(current, target({ maxLineLength: 5 }), 'const a = 1;\n', purpose);
      assert.equal(!minified.lint && minified.reason === 'skipped' && minified.skip.kind, 'long-line');
    }
  });

  it('passes the text, the file and tripwire.rules to the engine in a trusted workspace', () => {
    const decision = decide(
      session(),
      target({ rules: { 'no-leaked-timer': 'off' } }),
      'const a = 1;\n',
      DOCUMENT_CHANGE,
    );
    assert.ok(decision.lint);
    assert.equal(decision.request.filePath, FILE);
    assert.equal(decision.request.text, 'const a = 1;\n');
    assert.deepEqual(decision.request.rules, { 'no-leaked-timer': 'off' });
  });

  it('ignores tripwire.rules and type information in an untrusted workspace', () => {
    const decision = decide(
      session({ trusted: false }),
      target({ typeAware: 'onType', rules: { 'no-leaked-timer': 'off' } }),
      'x;\n',
      DOCUMENT_SAVE,
    );
    assert.ok(decision.lint);
    assert.deepEqual(decision.request.rules, {});
    assert.equal(decision.request.typeAware, false);
  });

  it('gives types per purpose: typing and saving by the mode, fix-all always, Lint Workspace never', () => {
    const current = session();
    const onType = target({ typeAware: 'onType' });
    const onSave = target({ typeAware: 'onSave' });
    assert.equal(typeAware(decide(current, onType, 'x;\n', DOCUMENT_CHANGE)), true);
    assert.equal(typeAware(decide(current, onSave, 'x;\n', DOCUMENT_CHANGE)), false);
    assert.equal(typeAware(decide(current, onSave, 'x;\n', DOCUMENT_SAVE)), true);
    assert.equal(typeAware(decide(current, onSave, 'x;\n', { kind: 'fixAll' })), true);
    assert.equal(typeAware(decide(current, onType, 'x;\n', { kind: 'workspace' })), false);
    assert.equal(typeAware(decide(current, target({ typeAware: 'off' }), 'x;\n', DOCUMENT_SAVE)), false);
  });

  it('gives no types to a file demoted for overrunning its budget, or without type information', () => {
    const demoted = session();
    demoted.demotedFiles.add(FILE);
    for (const purpose of PURPOSES)
      assert.equal(typeAware(decide(demoted, target({ typeAware: 'onType' }), 'x;\n', purpose)), false);
    const withoutTypes = session({ typeInfo: false });
    for (const purpose of PURPOSES)
      assert.equal(typeAware(decide(withoutTypes, target({ typeAware: 'onType' }), 'x;\n', purpose)), false);
  });
});
