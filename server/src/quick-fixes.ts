/**
 * The quick fixes of one published lint: each problem's autofix and suggestions, comments that
 * disable its rule for the line or the file, and a link to the rule's documentation.
 */
import type { Linter } from 'eslint';
import { CodeActionKind, type CodeAction, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintSnapshot } from './diagnostics.js';
import { ServerCommands } from './protocol.js';

function rangesOverlap(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function toTextEdit(document: TextDocument, fix: NonNullable<Linter.LintMessage['fix']>): TextEdit {
  return {
    range: { start: document.positionAt(fix.range[0]), end: document.positionAt(fix.range[1]) },
    newText: fix.text,
  };
}

function versionedEdit(document: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
}

/** Leading whitespace of a line. */
function indentationOf(line: string): string {
  return /^\s*/.exec(line)?.[0] ?? '';
}

function lineText(document: TextDocument, line: number): string {
  return document
    .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
    .replace(/\r?\n$/, '');
}

const NEXT_LINE_DIRECTIVE = /^(\s*)(\/\/|\/\*)\s*eslint-disable-next-line\b([^*\n]*?)(\s*--.*?)?(\s*\*\/)?\s*$/;

/** "Disable <rule> for this line": extends an existing `eslint-disable-next-line` comment above, or adds one. */
export function disableForLineEdit(document: TextDocument, line: number, ruleId: string): TextEdit {
  if (line > 0) {
    const previous = lineText(document, line - 1);
    const match = NEXT_LINE_DIRECTIVE.exec(previous);
    if (match) {
      const listed = (match[3] ?? '').trim();
      const rules = listed.length > 0 ? `${listed}, ${ruleId}` : ruleId;
      const rewritten = `${match[1]}${match[2]} eslint-disable-next-line ${rules}${match[4] ?? ''}${match[5] ?? ''}`;
      return {
        range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: previous.length } },
        newText: rewritten,
      };
    }
  }
  const indentation = indentationOf(lineText(document, line));
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indentation}// eslint-disable-next-line ${ruleId}\n`,
  };
}

const FILE_DIRECTIVE = /^\/\*\s*eslint-disable\s+([^*]*?)\s*\*\/\s*$/;

/** "Disable <rule> for the entire file": extends a leading `/* eslint-disable … *\/` comment, or adds one after any shebang. */
export function disableForFileEdit(document: TextDocument, ruleId: string): TextEdit {
  const first = lineText(document, 0);
  const directiveLine = first.startsWith('#!') ? 1 : 0;
  const existing = document.lineCount > directiveLine ? lineText(document, directiveLine) : '';
  const match = FILE_DIRECTIVE.exec(existing);
  if (match) {
    return {
      range: { start: { line: directiveLine, character: 0 }, end: { line: directiveLine, character: existing.length } },
      newText: `/* eslint-disable ${match[1]}, ${ruleId} */`,
    };
  }
  return {
    range: { start: { line: directiveLine, character: 0 }, end: { line: directiveLine, character: 0 } },
    newText: `/* eslint-disable ${ruleId} */\n`,
  };
}

/** Quick fixes for the problems of `snapshot` whose range touches `range`. */
export function quickFixes(snapshot: LintSnapshot, range: Range): CodeAction[] {
  const { document } = snapshot;
  const fixes: CodeAction[] = [];
  const suggestions: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const documentation: CodeAction[] = [];
  const disabledRules = new Set<string>();
  snapshot.messages.forEach((message, index) => {
    const diagnostic = snapshot.diagnostics[index];
    if (!diagnostic || message.ruleId === null || !rangesOverlap(diagnostic.range, range)) return;
    const ruleId = message.ruleId;
    if (message.fix) {
      fixes.push({
        title: `Fix this ${ruleId} problem`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: versionedEdit(document, [toTextEdit(document, message.fix)]),
      });
    }
    for (const suggestion of message.suggestions ?? []) {
      suggestions.push({
        title: `${suggestion.desc} (${ruleId})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: versionedEdit(document, [toTextEdit(document, suggestion.fix)]),
      });
    }
    if (!disabledRules.has(`${ruleId}:${diagnostic.range.start.line}`)) {
      disabledRules.add(`${ruleId}:${diagnostic.range.start.line}`);
      disables.push({
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: versionedEdit(document, [disableForLineEdit(document, diagnostic.range.start.line, ruleId)]),
      });
    }
    if (!disabledRules.has(`${ruleId}:file`)) {
      disabledRules.add(`${ruleId}:file`);
      disables.push({
        title: `Disable ${ruleId} for the entire file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: versionedEdit(document, [disableForFileEdit(document, ruleId)]),
      });
    }
    const docsUrl = diagnostic.codeDescription?.href;
    if (docsUrl && !disabledRules.has(`${ruleId}:docs`)) {
      disabledRules.add(`${ruleId}:docs`);
      const title = `Show documentation for ${ruleId}`;
      documentation.push({
        title,
        kind: CodeActionKind.QuickFix,
        command: { title, command: ServerCommands.showDocumentation, arguments: [docsUrl] },
      });
    }
  });
  return [...fixes, ...suggestions, ...disables, ...documentation];
}
