/**
 * Lint Workspace: every JS/TS file of the workspace folders, linted without type information and
 * published, with progress. Open documents are counted from their last lint instead of re-read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createSnapshot } from './diagnostics.js';
import { decide, isLintable, publish, runLint, type LintTarget } from './document-linter.js';
import type { Session, WorkspaceFolderInfo } from './session.js';
import { describeError } from './session.js';
import { isExcluded, settingsFor } from './workspace-settings.js';

const MAX_WORKSPACE_FILES = 20_000;
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.cache',
]);

export interface LintWorkspaceResult {
  files: number;
  problems: number;
  skipped: number;
}

/** Lintable files under the folder, skipping dependency, build and hidden directories and excluded paths. */
function listWorkspaceFiles(folder: WorkspaceFolderInfo, isExcludedPath: (filePath: string) => boolean): string[] {
  const files: string[] = [];
  const stack = [folder.path];
  while (stack.length > 0 && files.length < MAX_WORKSPACE_FILES) {
    const directory = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.') && !isExcludedPath(full))
          stack.push(full);
      } else if (entry.isFile() && isLintable(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push(full);
      }
    }
  }
  return files.sort();
}

async function progressReporter(
  session: Session,
  clientProgress: WorkDoneProgressReporter,
): Promise<WorkDoneProgressReporter | undefined> {
  // The client's own token when it sent one, else a server-created progress if the client supports it.
  if (!WorkDoneProgressReporter.isNullInstance(clientProgress)) return clientProgress;
  return session.capabilities.window?.workDoneProgress
    ? await session.connection.window.createWorkDoneProgress()
    : undefined;
}

function cancelled(reporter: WorkDoneProgressReporter | undefined): boolean {
  return (
    reporter !== undefined &&
    'token' in reporter &&
    (reporter.token as { isCancellationRequested?: boolean }).isCancellationRequested === true
  );
}

/** Lints one file from disk and publishes its problems; returns how many, or why it was not linted. */
async function lintFile(session: Session, target: LintTarget): Promise<number | 'skipped' | 'excluded'> {
  // A file above the size limit is not even read; decide() applies the same limit to what is read.
  if (statSync(target.filePath).size > target.settings.maxFileSize) return 'skipped';
  const text = readFileSync(target.filePath, 'utf8');
  const decision = decide(session, target, text, { kind: 'workspace' });
  if (!decision.lint) return decision.reason === 'skipped' ? 'skipped' : 'excluded';
  const outcome = await runLint(session, decision.request);
  const uri = pathToFileURL(target.filePath).href;
  const snapshot = createSnapshot(TextDocument.create(uri, 'typescript', 0, text), outcome.messages, session.worker);
  publish(session, uri, [...snapshot.diagnostics]);
  return snapshot.diagnostics.length;
}

export async function lintWorkspace(
  session: Session,
  folderUri: string | undefined,
  clientProgress: WorkDoneProgressReporter,
): Promise<LintWorkspaceResult> {
  const folders = folderUri ? session.folders.filter((folder) => folder.uri === folderUri) : session.folders;
  const reporter = await progressReporter(session, clientProgress);
  const result: LintWorkspaceResult = { files: 0, problems: 0, skipped: 0 };
  const work: LintTarget[] = [];
  for (const folder of folders) {
    const settings = await settingsFor(session, folder);
    if (!settings.enable) continue;
    for (const filePath of listWorkspaceFiles(folder, (full) => isExcluded(full, folder, settings)))
      work.push({ filePath, folder, settings });
  }
  reporter?.begin('Tripwire: linting the workspace', 0, `${work.length} files`, true);
  const started = performance.now();
  for (const [index, target] of work.entries()) {
    if (cancelled(reporter)) break;
    const uri = pathToFileURL(target.filePath).href;
    if (session.documents.get(uri)) {
      result.files += 1;
      result.problems += session.snapshots.get(uri)?.diagnostics.length ?? 0;
      continue;
    }
    try {
      const problems = await lintFile(session, target);
      if (problems === 'skipped') result.skipped += 1;
      else if (problems !== 'excluded') {
        result.files += 1;
        result.problems += problems;
      }
    } catch (error) {
      result.skipped += 1;
      session.log('warn', `Lint Workspace: ${target.filePath} failed: ${describeError(error)}`);
    }
    if (index % 5 === 0)
      reporter?.report(
        Math.round(((index + 1) / work.length) * 100),
        `${index + 1}/${work.length} ${path.basename(target.filePath)}`,
      );
    // Keep serving edits and requests while the workspace is linted.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  reporter?.done();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  session.log(
    'info',
    `Lint Workspace: ${result.files} files, ${result.problems} problems, ${result.skipped} skipped, in ${seconds} s.`,
  );
  return result;
}
