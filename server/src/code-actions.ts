/**
 * `textDocument/codeAction` and `codeAction/resolve`: the quick fixes of the last published lint,
 * "Fix all safe Tripwire problems", and the scaffold actions. Quick fixes answer only for the
 * document version that was linted; fix-all lints the current text with every safe autofix applied.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { decide, runFixAll, targetOf } from './document-linter.js';
import { CodeActionKinds } from './protocol.js';
import { quickFixes } from './quick-fixes.js';
import type { Scaffolding } from './scaffolding.js';
import type { Session } from './session.js';
import { describeError } from './session.js';
import { minimalEdits } from './text-diff.js';
import { filePathOf } from './workspace-settings.js';

const FIX_ALL_TITLE = 'Fix all safe Tripwire problems';

/**
 * Whether a request whose context has `only` asks for actions of `kind`. Without `only`, quick fixes
 * and refactors are wanted (callers offer refactors only when the user invoked them); source actions
 * such as fix-all are given only when asked for by kind.
 */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix || kind.startsWith(CodeActionKind.Refactor);
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

interface FixAllData {
  kind: 'fixAll';
  uri: string;
  version: number;
}

/** Every safe autofix of the document, as minimal edits tied to `version`; undefined when nothing changes. */
async function fixAllEdit(session: Session, uri: string, version: number): Promise<WorkspaceEdit | undefined> {
  const filePath = filePathOf(uri);
  if (filePath === undefined || session.documents.get(uri)?.version !== version) return undefined;
  const target = await targetOf(session, filePath);
  const current = session.documents.get(uri);
  if (!target || !current || current.version !== version) return undefined;
  const text = current.getText();
  const decision = decide(session, target, text, { kind: 'fixAll' });
  if (!decision.lint) return undefined;
  const outcome = await runFixAll(session, decision.request);
  const edits = outcome.fixed ? minimalEdits(text, outcome.output) : [];
  if (edits.length === 0) return undefined;
  return { documentChanges: [{ textDocument: { uri, version }, edits }] };
}

export async function codeActions(
  session: Session,
  scaffolding: Scaffolding,
  params: CodeActionParams,
): Promise<CodeAction[]> {
  try {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string' || !params.range) return [];
    const current = session.documents.get(uri);
    if (!current) return [];
    const only = params.context?.only;
    const snapshot = session.snapshots.get(uri);
    // Never offer edits computed for an older version of the text.
    const published = snapshot && snapshot.document.version === current.version ? snapshot : undefined;
    const actions: CodeAction[] = [];
    if (published && wants(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(published, params.range));
    if (wants(only, CodeActionKinds.fixAll)) {
      if (session.resolvesEdits()) {
        // Lazy: the edit is computed only if the client applies the action (codeAction/resolve).
        const anyFix = published ? published.messages.some((message) => message.fix) : true;
        const data: FixAllData = { kind: 'fixAll', uri, version: current.version };
        if (anyFix) actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKinds.fixAll, data });
      } else {
        const edit = await fixAllEdit(session, uri, current.version);
        if (edit) actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKinds.fixAll, edit });
      }
    }
    actions.push(...(await scaffolding.codeActions(params, current, snapshot)));
    return actions;
  } catch (error) {
    session.log('error', `Code actions failed: ${describeError(error)}`);
    return [];
  }
}

export async function resolveCodeAction(
  session: Session,
  scaffolding: Scaffolding,
  action: CodeAction,
): Promise<CodeAction> {
  try {
    const data = action.data as Partial<FixAllData> | undefined;
    if (data?.kind === 'fixAll' && typeof data.uri === 'string' && typeof data.version === 'number') {
      const edit = await fixAllEdit(session, data.uri, data.version);
      return { ...action, edit: edit ?? { documentChanges: [] } };
    }
    return await scaffolding.resolveCodeAction(action);
  } catch (error) {
    session.log('error', `Resolving a code action failed: ${describeError(error)}`);
    return action;
  }
}
