import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  LOOP_CLOSURE,
  SOURCE,
  activeExtension,
  codeOf,
  diagnosticAt,
  openEditor,
  position,
  tripwireDiagnostics,
  waitForDiagnostics,
  workspaceFile,
  writeWorkspaceFile,
} from './helpers.js';

const FLOATING = 'tripwire/no-floating-promise';
const ASYNC_CALLBACK = 'tripwire/no-async-callback-leak';
const LEAKED_TIMER = 'tripwire/no-leaked-timer';
const BOUNDED = 'tripwire/prefer-bounded-concurrency';
const UNGUARDED_PARSE = 'tripwire/no-unguarded-json-parse';

interface PinnedFinding {
  rule: string;
  /** `line:column` of the start, 1-based as in the Problems panel and the eslint CLI. */
  at: string;
  /** The underlined code begins with this text… */
  rangeStartsWith: string;
  /** …and, where pinned, ends with this. */
  rangeEndsWith?: string;
}

/** Findings of examples/ (one file per family, see examples/README.md) that the editor must show without type information. */
const EXPECTED: Record<string, PinnedFinding[]> = {
  'src/jobs/retry-scheduler.ts': [
    // the arrow handed to setTimeout reads the shared `var i`
    { rule: LOOP_CLOSURE, at: '13:16', rangeStartsWith: '() => {', rangeEndsWith: '}' },
    // the `.then()` handler reads the outer `let attempt` reassigned by the loop
    { rule: LOOP_CLOSURE, at: '24:20', rangeStartsWith: '() => log(', rangeEndsWith: ')' },
  ],
  'src/jobs/legacy-widgets.js': [
    { rule: LOOP_CLOSURE, at: '7:19', rangeStartsWith: 'function () {', rangeEndsWith: '}' },
    { rule: LOOP_CLOSURE, at: '16:46', rangeStartsWith: '() => {', rangeEndsWith: '}' },
  ],
  'src/api/order-client.ts': [
    { rule: FLOATING, at: '16:3', rangeStartsWith: 'saveOrder(order)' },
    { rule: ASYNC_CALLBACK, at: '21:18', rangeStartsWith: 'async (order) =>' },
    { rule: LEAKED_TIMER, at: '31:39', rangeStartsWith: 'setTimeout(' },
  ],
  'src/jobs/poller.ts': [
    { rule: LEAKED_TIMER, at: '6:5', rangeStartsWith: 'setInterval(' },
    { rule: BOUNDED, at: '20:10', rangeStartsWith: 'Promise.all' },
  ],
  'src/api/config-loader.ts': [{ rule: UNGUARDED_PARSE, at: '12:10', rangeStartsWith: 'JSON.parse(' }],
};

describe('diagnostics on examples/', () => {
  before(activeExtension);

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.map((finding) => `${finding.rule} at ${finding.at}`).join(', ')}`, async () => {
      const editor = await openEditor(workspaceFile(file));
      const diagnostics = await waitForDiagnostics(editor.document.uri, 'the pinned findings', (found) =>
        expected.every((finding) => diagnosticAt(found, finding.rule, finding.at) !== undefined),
      ).catch((error: unknown) => {
        const seen = tripwireDiagnostics(editor.document.uri).map(
          (diagnostic) => `${codeOf(diagnostic)} at ${position(diagnostic.range)}`,
        );
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}; published: ${seen.join(', ') || 'nothing'}`,
        );
      });
      for (const finding of expected) {
        const diagnostic = diagnosticAt(diagnostics, finding.rule, finding.at);
        assert.ok(diagnostic);
        assert.equal(diagnostic.source, SOURCE);
        assert.ok(diagnostic.message.length > 20, 'the message names the trap and the fix');
        const text = editor.document.getText(diagnostic.range);
        assert.ok(
          text.startsWith(finding.rangeStartsWith),
          `range at ${finding.at} starts with "${finding.rangeStartsWith}": "${text.slice(0, 40)}"`,
        );
        if (finding.rangeEndsWith !== undefined) {
          assert.ok(
            text.endsWith(finding.rangeEndsWith),
            `range at ${finding.at} ends with "${finding.rangeEndsWith}"`,
          );
        }
      }
    });
  }

  it('every Tripwire diagnostic carries a tripwire/<rule> code and a real range', async () => {
    const files = await vscode.workspace.findFiles('src/**/*.{ts,tsx,js,jsx}');
    assert.ok(files.length >= 5, 'the sample workspace was copied');
    for (const uri of files) await openEditor(uri);
    await waitForDiagnostics(
      workspaceFile('src/jobs/legacy-widgets.js'),
      'findings in plain JavaScript',
      (found) => found.length > 0,
    );
    for (const uri of files) {
      const document = await vscode.workspace.openTextDocument(uri);
      for (const diagnostic of vscode.languages
        .getDiagnostics(uri)
        .filter((candidate) => candidate.source === SOURCE)) {
        assert.match(
          codeOf(diagnostic) ?? '',
          /^tripwire\/[a-z-]+$/,
          `${vscode.workspace.asRelativePath(uri)} ${position(diagnostic.range)}`,
        );
        assert.ok(!diagnostic.range.isEmpty, 'a finding underlines code');
        assert.ok(diagnostic.range.end.line < document.lineCount);
      }
    }
  });

  it('follows edits: a trap typed into an open file is reported, and fixing it clears it', async () => {
    const uri = await writeWorkspaceFile(
      'src/jobs/typed-live.ts',
      'export function ping(hosts: string[]): void {\n  console.log(hosts.length);\n}\n',
    );
    const editor = await openEditor(uri);
    await waitForDiagnostics(uri, 'a clean file to stay clean', (found) => found.length === 0);
    const trap =
      '  for (var index = 0; index < hosts.length; index++) {\n    setTimeout(() => console.log(hosts[index]), 10);\n  }\n';
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(2, 0), trap)));
    const found = await waitForDiagnostics(
      uri,
      'the typed trap',
      (diagnostics) => diagnosticAt(diagnostics, LOOP_CLOSURE, '4:16') !== undefined,
    );
    assert.equal(found.length, 1);
    // Unsaved text is what gets linted: fix it in the buffer only.
    const line = editor.document.lineAt(2);
    assert.ok(await editor.edit((builder) => builder.replace(line.range, line.text.replace('var index', 'let index'))));
    await waitForDiagnostics(uri, 'the finding to clear', (diagnostics) => diagnostics.length === 0);
  });

  it('lints an untitled TypeScript buffer', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content:
        'export function later(items: string[]): void {\n  for (var i = 0; i < items.length; i++) {\n    setTimeout(() => console.log(items[i]), 0);\n  }\n}\n',
    });
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(
      document.uri,
      'the trap in an untitled buffer',
      (found) => diagnosticAt(found, LOOP_CLOSURE, '3:16') !== undefined,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
