/**
 * Translates the scaffold package's plain changes into LSP `WorkspaceEdit`s. A new file becomes a
 * `CreateFile` (`overwrite: false, ignoreIfExists: false`, so a file that appeared since the check
 * makes the client reject the whole edit) followed by a `TextDocumentEdit` inserting its content;
 * an edit of an existing file becomes one `TextDocumentEdit` whose offsets are turned into
 * line/character positions of the text it was computed from.
 *
 * Files a generator creates, replaces or updates carry a change annotation; a replacement needs
 * confirmation, so an editor shows it unchecked in its preview.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  AnnotatedTextEdit,
  ChangeAnnotation,
  CreateFile,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import {
  planChanges,
  type FileChange,
  type PlanChangesOptions,
  type PlanCheck,
  type ScaffoldPlan,
} from 'tripwire-scaffold';

const WHOLE_START = { line: 0, character: 0 } as const;

/** The LSP position (UTF-16 code units, as JavaScript strings count) of `offset` in `text`. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}

/**
 * One `WorkspaceEdit` with every change in `documentChanges`, in order.
 *
 * @param changes the plain changes from the scaffold package
 * @returns the edit (no annotations when nothing is annotated)
 */
export function changesToWorkspaceEdit(changes: readonly FileChange[]): WorkspaceEdit {
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  for (const change of changes) {
    const uri = pathToFileURL(change.path).href;
    if (change.kind === 'edit') {
      const annotationId =
        change.generator === undefined ? undefined : `tripwire.${change.generator}:update:${change.path}`;
      if (annotationId !== undefined)
        changeAnnotations[annotationId] = {
          label: `Update ${path.basename(change.path)}`,
          description: change.path,
          needsConfirmation: false,
        };
      const edits: (TextEdit | AnnotatedTextEdit)[] = change.edits.map((edit) => ({
        range: { start: positionAt(change.text, edit.start), end: positionAt(change.text, edit.end) },
        newText: edit.newText,
        ...(annotationId === undefined ? {} : { annotationId }),
      }));
      documentChanges.push({ textDocument: { uri, version: change.version }, edits });
      continue;
    }
    const annotationId = `tripwire.${change.generator}:${change.replace ? 'replace' : 'create'}:${change.path}`;
    changeAnnotations[annotationId] = {
      label: `${change.replace ? 'Replace' : 'Create'} ${path.basename(change.path)}`,
      description: change.path,
      needsConfirmation: change.replace,
    };
    const create: CreateFile = {
      kind: 'create',
      uri,
      options: change.replace ? { overwrite: true } : { overwrite: false, ignoreIfExists: false },
      annotationId,
    };
    const insert: AnnotatedTextEdit = {
      range: { start: WHOLE_START, end: WHOLE_START },
      newText: change.content,
      annotationId,
    };
    const textEdit: TextDocumentEdit = { textDocument: { uri, version: null }, edits: [insert] };
    documentChanges.push(create, textEdit);
  }
  return Object.keys(changeAnnotations).length === 0 ? { documentChanges } : { documentChanges, changeAnnotations };
}

/**
 * A plan as one `WorkspaceEdit` (see {@link planChanges} for statuses, conflicts and `force`).
 *
 * @param plan the generator's output
 * @param options root, force, and an optional earlier check
 * @returns the edit and the check it came from
 */
export function planToWorkspaceEdit(
  plan: ScaffoldPlan,
  options: PlanChangesOptions = {},
): { edit: WorkspaceEdit; check: PlanCheck } {
  const { changes, check } = planChanges(plan, options);
  return { edit: changesToWorkspaceEdit(changes), check };
}
