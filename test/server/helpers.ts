import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const LOOP_RULE = 'tripwire/no-loop-closure-capture';

/** A function with the loop-closure trap (a `var` counter read by a timer callback). */
export const TRAP = [
  'export function scheduleReports(items: string[]): void {',
  '  for (var i = 0; i < items.length; i++) {',
  '    setTimeout(() => console.log(items[i]), 10);',
  '  }',
  '}',
  '',
].join('\n');

export const CLEAN = TRAP.replace('for (var i', 'for (let i');

export function makeWorkspace(files: Record<string, string> = {}, prefix = 'tripwire-srv-'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.ts', 'typescript', 1, text), edits);
}

export function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const change of action.edit?.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri)
      edits.push(...change.edits.filter((edit): edit is TextEdit => 'range' in edit));
  }
  for (const edit of action.edit?.changes?.[uri] ?? []) edits.push(edit);
  return edits;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const WHOLE_FILE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
