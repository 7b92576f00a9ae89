/**
 * What schedules lints: documents opened, edited, saved and closed in the editor, and files changed
 * on disk (which refresh type information and, for ESLint configs, the rule settings).
 */
import path from 'node:path';
import { FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { closeDocument, prepareTypes } from './document-linter.js';
import type { Session } from './session.js';
import { describeError } from './session.js';
import { CONFIG_FILE_NAMES } from './workspace-config.js';
import { filePathOf, folderFor, settingsFor } from './workspace-settings.js';

/** Quiet time after a keystroke before the document is linted. */
const LINT_DELAY_MS = 150;
/** After watched files change, wait this long for more events before re-linting (a save-all, a git checkout). */
const TYPE_REFRESH_DELAY_MS = 250;

export function documentOpened(session: Session, document: TextDocument): void {
  session.openedVersions.set(document.uri, document.version);
  session.queue.schedule(document.uri, 0, 'open');
  void prepareTypes(session, document.uri).catch((error: unknown) =>
    session.log('error', `Preparing type information failed: ${describeError(error)}`),
  );
}

export async function documentChanged(session: Session, document: TextDocument): Promise<void> {
  if (session.openedVersions.get(document.uri) === document.version) return;
  session.openedVersions.delete(document.uri);
  // The lint running in the worker may be of an older version of this document.
  session.worker.checkObsolete();
  const filePath = filePathOf(document.uri);
  const settings = await settingsFor(session, filePath === undefined ? undefined : folderFor(session, filePath));
  if (settings.run === 'onType') session.queue.schedule(document.uri, LINT_DELAY_MS, 'change');
}

export function documentSaved(session: Session, document: TextDocument): void {
  session.queue.schedule(document.uri, 0, 'save');
}

export function documentClosed(session: Session, document: TextDocument): void {
  closeDocument(session, document.uri);
}

export function watchedFilesChanged(session: Session, { changes }: DidChangeWatchedFilesParams): void {
  let configChanged = false;
  for (const change of changes) {
    const filePath = filePathOf(change.uri);
    if (filePath === undefined) continue;
    if (CONFIG_FILE_NAMES.includes(path.basename(filePath))) configChanged = true;
    const kind =
      change.type === FileChangeType.Created
        ? 'created'
        : change.type === FileChangeType.Deleted
          ? 'deleted'
          : 'changed';
    session.pendingFileChanges.push({ path: filePath, kind });
  }
  if (configChanged) {
    session.configReader.invalidate();
    session.relintAllOpen();
  }
  if (session.watchedFilesTimer) clearTimeout(session.watchedFilesTimer);
  session.watchedFilesTimer = setTimeout(() => {
    session.watchedFilesTimer = undefined;
    refreshTypeInformation(session);
  }, TYPE_REFRESH_DELAY_MS);
}

/** Hands the batched file changes to type information and re-lints the typed documents if anything changed. */
function refreshTypeInformation(session: Session): void {
  const batch = session.pendingFileChanges.splice(0);
  if (!session.typeInfo?.active) return;
  void session.typeInfo.filesChanged(batch).then(
    (changed) => {
      if (changed) relintTyped(session, batch.length);
    },
    (error: unknown) => session.log('error', `Refreshing type information failed: ${describeError(error)}`),
  );
}

/** Re-lints (in the background) the open documents that were linted with type information. */
function relintTyped(session: Session, changes: number): void {
  session.log('info', `Type information refreshed after ${changes} file change(s) on disk; re-linting open documents.`);
  for (const document of session.documents.all()) {
    if (session.lastTypedVersion.has(document.uri)) session.queue.scheduleBackground(document.uri);
  }
}
