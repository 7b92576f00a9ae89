/**
 * The document linter: the one place that decides whether and how a file is linted (its kind,
 * `tripwire.enable`, `tripwire.exclude`, the size/line/binary checks, rule settings and whether it
 * gets type information), and the only caller of the lint engine. Open documents, fix-all and Lint
 * Workspace all ask {@link decide}; {@link runLint} and {@link runFixAll} are where the engine is
 * reached, through the lint worker (lint-worker-client.ts): the engine never runs on the LSP thread.
 */
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createSnapshot } from './diagnostics.js';
import { LINTABLE_EXTENSIONS, skipReason, type SkipReason } from './file-checks.js';
import type { FixAllOutcome, LintOutcome, LintRequest } from './lint-engine.js';
import type { LintTrigger } from './lint-queue.js';
import { ObsoleteLintStopped, type LintOptions } from './lint-worker-client.js';
import type { Session, WorkspaceFolderInfo } from './session.js';
import { describeError } from './session.js';
import type { TripwireSettings } from './settings.js';
import {
  effectiveTypeAware,
  filePathOf,
  folderFor,
  isExcluded,
  ruleSettingsFor,
  settingsFor,
} from './workspace-settings.js';

/** After a type-aware lint of an edited document, re-lint the other typed documents after this pause. */
const DEPENDENTS_DELAY_MS = 400;

/** A file Tripwire lints by its kind, with its folder and that folder's settings. */
export interface LintTarget {
  filePath: string;
  folder: WorkspaceFolderInfo | undefined;
  settings: TripwireSettings;
}

/** Why a lint is asked for: type information depends on it. */
export type LintPurpose =
  { kind: 'document'; uri: string; trigger: LintTrigger } | { kind: 'fixAll' } | { kind: 'workspace' };

export type LintDecision =
  | { lint: true; request: LintRequest }
  | { lint: false; reason: 'disabled' | 'excluded' }
  | { lint: false; reason: 'skipped'; skip: SkipReason };

/** The file's folder and settings, or undefined when the file is not JavaScript or TypeScript. */
export async function targetOf(session: Session, filePath: string): Promise<LintTarget | undefined> {
  if (!isLintable(filePath)) return undefined;
  const folder = folderFor(session, filePath);
  return { filePath, folder, settings: await settingsFor(session, folder) };
}

export function isLintable(filePath: string): boolean {
  return LINTABLE_EXTENSIONS.has(path.extname(filePath).toLowerCase());
}

/** Whether `text` of the target is linted, and with which rules and type information. */
export function decide(session: Session, target: LintTarget, text: string, purpose: LintPurpose): LintDecision {
  const { filePath, folder, settings } = target;
  if (!settings.enable) return { lint: false, reason: 'disabled' };
  if (isExcluded(filePath, folder, settings)) return { lint: false, reason: 'excluded' };
  const skip = skipReason(text, settings);
  if (skip) return { lint: false, reason: 'skipped', skip };
  const rules = ruleSettingsFor(session, filePath, folder, settings);
  return { lint: true, request: { filePath, text, rules, typeAware: wantsTypes(session, target, purpose) } };
}

function wantsTypes(session: Session, target: LintTarget, purpose: LintPurpose): boolean {
  const mode = effectiveTypeAware(session, target.settings);
  if (mode === 'off' || !session.typeInfo || session.demotedFiles.has(target.filePath)) return false;
  switch (purpose.kind) {
    case 'workspace':
      return false;
    case 'fixAll':
      return true;
    case 'document':
      if (mode === 'onType') return true;
      // onSave: types on open, save and refreshes; keystrokes get syntactic lints in between.
      if (purpose.trigger === 'change') return false;
      if (purpose.trigger === 'refresh')
        return session.lastTypedVersion.has(purpose.uri) || session.documents.get(purpose.uri) !== undefined;
      return true;
  }
}

/** Lints in the worker; `options.obsolete` lets the worker client stop the lint once nobody wants its result. */
export async function runLint(session: Session, request: LintRequest, options: LintOptions = {}): Promise<LintOutcome> {
  return session.worker.lint(request, options);
}

export async function runFixAll(session: Session, request: LintRequest): Promise<FixAllOutcome> {
  return session.worker.fixAll(request);
}

export function publish(session: Session, uri: string, diagnostics: Diagnostic[], version?: number): void {
  void session.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
}

function clearDocument(session: Session, uri: string, version: number): void {
  session.snapshots.delete(uri);
  publish(session, uri, [], version);
}

/**
 * Lints the newest version of an open document and publishes its diagnostics. Resolves with the
 * lint's duration (the queue learns slow documents from it), or undefined when nothing was linted.
 */
export async function lintDocument(session: Session, uri: string, trigger: LintTrigger): Promise<number | undefined> {
  const filePath = filePathOf(uri);
  if (filePath === undefined) return undefined;
  const target = await targetOf(session, filePath);
  if (!target) return undefined;
  // Read the document after the await: the newest version is the one linted.
  const document = session.documents.get(uri);
  if (!document) return undefined;
  // TextDocuments updates its documents in place: keep the linted version and text, not the object.
  const { version, languageId } = document;
  const text = document.getText();
  const decision = decide(session, target, text, { kind: 'document', uri, trigger });
  if (!decision.lint) {
    clearDocument(session, uri, version);
    if (decision.reason === 'skipped') {
      const { skip } = decision;
      session.logOnce(`skip:${uri}:${skip.kind}`, 'info', `Skipping ${filePath}: ${skip.message}.`);
      void session.sendStatus({ state: 'ready', message: `Skipped ${path.basename(filePath)}: ${skip.message}` });
    }
    return undefined;
  }
  const { request } = decision;
  // Only documents already linted with types can need a re-lint after this one's edit: those linted
  // later see its text anyway.
  const withDependents = request.typeAware === true && hasOtherTypedDocument(session, uri);
  if (withDependents) request.dependents = true;
  if (request.typeAware || session.queue.isSlow(uri)) {
    // Written to the connection before the lint is handed to the worker, so the client shows
    // "linting" while it runs. Keystroke lints of ordinary files are over before a status could be
    // shown, so they send none.
    void session.sendStatus({ state: 'linting' });
  }
  let outcome: LintOutcome;
  try {
    // Obsolete once the document has a newer version or is closed: its result would never be published.
    outcome = await runLint(session, request, {
      obsolete: () => session.documents.get(uri)?.version !== version,
    });
  } catch (error) {
    // Stopped because a newer version is waiting: nothing to report; the queue learns the file is slow.
    if (error instanceof ObsoleteLintStopped) return error.elapsedMs;
    const reason = error instanceof Error ? error.message : String(error);
    session.logOnce(
      `lint-failed:${filePath}:${reason}`,
      'error',
      `Linting ${filePath} failed: ${describeError(error)}`,
    );
    void session.sendStatus({ state: 'error', message: `Linting ${path.basename(filePath)} failed: ${reason}` });
    return undefined;
  }
  reportOutcome(session, target, request, outcome);
  const current = session.documents.get(uri);
  // Closed meanwhile: nothing to publish, and nothing for the queue to learn.
  if (!current) return undefined;
  // A newer version arrived meanwhile: its own lint will publish.
  if (current.version !== version) return outcome.totalMs;
  // An immutable copy of exactly the linted version, for the code actions that answer from it.
  const linted = TextDocument.create(uri, languageId, version, text);
  const snapshot = createSnapshot(linted, outcome.messages, session.worker);
  session.snapshots.set(uri, snapshot);
  publish(session, uri, [...snapshot.diagnostics], version);
  const typedNote = outcome.typed ? ` (type-aware; program ${outcome.programMs.toFixed(1)} ms)` : '';
  session.connection.console.debug(`Linted ${filePath} v${version} in ${outcome.totalMs.toFixed(1)} ms${typedNote}`);
  const failures = [...outcome.ruleFailures.keys()];
  void session.sendStatus({
    state: failures.length > 0 ? 'error' : 'ready',
    lastLintMs: Math.round(outcome.totalMs * 10) / 10,
    lastLintUri: uri,
    lastLintAt: new Date().toISOString(),
    lastLintTyped: outcome.typed,
    typeAware: effectiveTypeAware(session, target.settings),
    message: failures.length > 0 ? `Rule ${failures.join(', ')} failed; see the output` : undefined,
  });
  if (outcome.typed) {
    const previous = session.lastTypedVersion.get(uri);
    session.lastTypedVersion.set(uri, version);
    if (withDependents && previous !== undefined && previous !== version && trigger !== 'refresh')
      scheduleDependents(session, uri, outcome.dependents);
  }
  return outcome.totalMs;
}

function hasOtherTypedDocument(session: Session, uri: string): boolean {
  for (const other of session.lastTypedVersion.keys()) if (other !== uri) return true;
  return false;
}

/** Logs what a lint learned once per session (failing rules, invalid options, missing types) and demotes files over the type-aware budget. */
function reportOutcome(session: Session, target: LintTarget, request: LintRequest, outcome: LintOutcome): void {
  const { filePath, settings } = target;
  for (const [ruleId, error] of outcome.ruleFailures) {
    session.logOnce(
      `rule-failure:${ruleId}`,
      'error',
      `Rule ${ruleId} failed while linting ${filePath}; its findings are left out, the other rules' are kept. ` +
        `It is reported once per session.\n${describeError(error)}`,
    );
  }
  for (const [ruleId, message] of outcome.invalidOptions) {
    session.logOnce(
      `invalid-options:${ruleId}:${message}`,
      'warn',
      `The options given for ${ruleId} are invalid, so it runs with its defaults: ${message}`,
    );
  }
  if (request.typeAware && outcome.typeError) {
    session.logOnce(
      `type-error:${filePath}`,
      'info',
      `No type information for ${filePath} (${outcome.typeError}); it is linted without types.`,
    );
  }
  const chargedMs = outcome.totalMs - outcome.programMs;
  if (outcome.typed && chargedMs > settings.typeAwareBudgetMs) {
    session.demotedFiles.add(filePath);
    session.logOnce(
      `budget:${filePath}`,
      'warn',
      `Type-aware linting of ${filePath} took ${Math.round(chargedMs)} ms, over tripwire.typeAwareBudgetMs (${settings.typeAwareBudgetMs} ms); ` +
        'this file is linted without type information until "Tripwire: Reload Type Information".',
    );
  }
}

/**
 * The open documents that import the edited one (from the program's import graph, `dependents`) may
 * see its new types: re-lint them (background) once editing pauses. Without the graph (undefined),
 * every other document linted with types is re-linted.
 */
function scheduleDependents(session: Session, changedUri: string, dependents: readonly string[] | undefined): void {
  session.pendingDependents.set(changedUri, dependents);
  if (session.dependentsTimer) clearTimeout(session.dependentsTimer);
  session.dependentsTimer = setTimeout(() => {
    session.dependentsTimer = undefined;
    const pending = [...session.pendingDependents];
    session.pendingDependents.clear();
    const due: string[] = [];
    for (const document of session.documents.all()) {
      if (!session.lastTypedVersion.has(document.uri)) continue;
      const filePath = filePathOf(document.uri);
      const depends = pending.some(
        ([changed, paths]) =>
          changed !== document.uri && (paths === undefined || (filePath !== undefined && paths.includes(filePath))),
      );
      if (depends) due.push(document.uri);
    }
    const changedNames = pending.map(([changed]) => path.basename(filePathOf(changed) ?? changed)).join(', ');
    const dueNames = due.map((uri) => path.basename(filePathOf(uri) ?? uri)).join(', ');
    session.connection.console.debug(
      `Dependents of ${changedNames}: ${due.length === 0 ? 'no open document' : dueNames} re-linted.`,
    );
    for (const uri of due) session.queue.scheduleBackground(uri);
  }, DEPENDENTS_DELAY_MS);
}

/**
 * The first document opened for type-aware linting starts the worker's program build at once, with
 * its newest text: building a program from scratch takes seconds, and the document's first lint may
 * wait meanwhile (a first edit restarts its debounce; other documents' lints go first). Later
 * documents only update that program, so their own lints do it.
 */
export async function prepareTypes(session: Session, uri: string): Promise<void> {
  if (!session.typeInfo || session.typeInfo.active) return;
  const filePath = filePathOf(uri);
  if (filePath === undefined) return;
  const target = await targetOf(session, filePath);
  const document = session.documents.get(uri);
  if (!target || !document || session.typeInfo.active) return;
  const decision = decide(session, target, document.getText(), { kind: 'document', uri, trigger: 'open' });
  if (decision.lint && decision.request.typeAware) session.typeInfo.open(filePath, decision.request.text);
}

/** Forgets a closed document: its pending lint, its published problems and its type-aware state. */
export function closeDocument(session: Session, uri: string): void {
  session.queue.forget(uri);
  session.openedVersions.delete(uri);
  session.snapshots.delete(uri);
  session.lastTypedVersion.delete(uri);
  const filePath = filePathOf(uri);
  if (filePath !== undefined && session.typeInfo?.active) session.typeInfo.close(filePath);
  session.worker.checkObsolete();
  publish(session, uri, []);
}

/** Drops everything learned about type information; open documents are re-linted with a fresh project service. */
export function reloadTypeInformation(session: Session): void {
  session.demotedFiles.clear();
  session.lastTypedVersion.clear();
  session.typeInfo?.reset();
  session.log(
    'info',
    'Type information reloaded: a fresh TypeScript project service is built on the next type-aware lint.',
  );
  session.relintAllOpen();
}
