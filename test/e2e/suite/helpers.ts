// Shared helpers of the in-host tests: they talk to the real VS Code through the `vscode` API only.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'tripwire-dev.tripwire';
export const SOURCE = 'tripwire';
export const LOOP_CLOSURE = 'tripwire/no-loop-closure-capture';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than `undefined`; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder open (a temporary copy of examples/)');
  return folder.uri;
}

export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Copies a workspace file to a new name, so a test can edit it without touching what other tests read. */
export async function copyWorkspaceFile(fromRelative: string, toRelative: string): Promise<vscode.Uri> {
  const target = workspaceFile(toRelative);
  await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(workspaceFile(fromRelative)));
  return target;
}

export async function writeWorkspaceFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const target = workspaceFile(relativePath);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return target;
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The diagnostic code as a string, whether VS Code holds it plain or as `{ value, target }` (with a docs link). */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const { code } = diagnostic;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function tripwireDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === SOURCE && (ruleId === undefined || codeOf(diagnostic) === ruleId));
}

/** Waits until Tripwire's diagnostics for `uri` satisfy `accept` and returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} (${vscode.workspace.asRelativePath(uri)})`,
    () => {
      const diagnostics = tripwireDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    timeoutMs,
  );
}

/** `line:column` of a range start, 1-based like the Problems panel and the eslint CLI. */
export function position(range: vscode.Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}`;
}

export function diagnosticAt(
  diagnostics: vscode.Diagnostic[],
  ruleId: string,
  where: string,
): vscode.Diagnostic | undefined {
  return diagnostics.find((diagnostic) => codeOf(diagnostic) === ruleId && position(diagnostic.range) === where);
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return (actions ?? []).filter(
    (action): action is vscode.CodeAction =>
      'title' in action && !('command' in action && typeof action.command === 'string'),
  );
}

/**
 * Tripwire's quick fixes at `range`. `vscode.executeCodeActionProvider` does not hand back the diagnostics an
 * action is attached to, so Tripwire's are told apart by their titles, which all name the rule (`tripwire/…`).
 */
export async function tripwireQuickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const isTripwire = (action: vscode.CodeAction) => action.title.includes('tripwire/');
  let actions: vscode.CodeAction[] = [];
  // The server answers only for the text version it has linted: ask again while a lint is in flight.
  for (let attempt = 0; attempt < 50; attempt++) {
    actions = await codeActionsAt(uri, range, vscode.CodeActionKind.QuickFix.value);
    if (actions.some(isTripwire)) return actions.filter(isTripwire);
    await sleep(200);
  }
  throw new Error(
    `no Tripwire quick fix at ${position(range)}; offered: ${actions.map((action) => action.title).join(' | ') || 'nothing'}`,
  );
}

/** Actions that rewrite the code (fixes and suggestions), as opposed to disabling the rule or opening its docs. */
export function isRepair(action: vscode.CodeAction): boolean {
  return action.edit !== undefined && !action.title.startsWith('Disable ');
}

/** Applies a code action the way the lightbulb does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit)
    assert.ok(await vscode.workspace.applyEdit(action.edit), `VS Code applied the edit of "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  // It activates on its languages only: opening a TypeScript file is what wakes it.
  if (!extension.isActive) await vscode.workspace.openTextDocument(workspaceFile('src/jobs/retry-scheduler.ts'));
  await waitFor('the extension to activate', () => (extension.isActive ? true : undefined), 30_000);
  return extension;
}

/** Saves (they are temporary copies) and closes every editor, so no "save changes?" dialog can block a test. */
export async function closeAllEditors(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
