import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  Message,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createSnapshot, quickFixes, type LintSnapshot } from './code-actions.js';
import { skipReason } from './file-checks.js';
import { LINTABLE_EXTENSIONS, LintEngine } from './lint-engine.js';
import { LintQueue, type LintTrigger } from './lint-queue.js';
import { CodeActionKinds, DIAGNOSTIC_SOURCE, ServerCommands, StatusNotificationMethod, type StatusParams } from './protocol.js';
import { normalizeSettings, parseInitializationOptions, type InitializationOptions, type RuleSetting, type TripwireSettings } from './settings.js';
import { minimalEdits } from './text-diff.js';
import { TypeInfo, type FileChange } from './type-info.js';
import { CONFIG_FILE_NAMES, rulesForFile, WorkspaceConfigReader } from './workspace-config.js';
import { registerScaffolding } from './scaffolding.js';

// `node dist/server.js --stdio` (or `--node-ipc`, `--socket=N`): the transport comes from the command line.
// Code action requests the client cancelled before they were dispatched are answered with null, unrun
// (what fixed vscode-eslint's "Getting code actions" save hangs).
const connection = createConnection(ProposedFeatures.all, {
  cancelUndispatched: (message, next) => {
    if (Message.isRequest(message) && (message.method === 'textDocument/codeAction' || message.method === 'codeAction/resolve')) {
      return { jsonrpc: message.jsonrpc, id: message.id, result: null };
    }
    return next(message);
  },
});
const documents = new TextDocuments(TextDocument);

const LINT_DELAY_MS = 150;
/** After watched files change, wait this long for more events before re-linting (a save-all, a git checkout). */
const TYPE_REFRESH_DELAY_MS = 250;
/** After a type-aware lint of an edited document, re-lint the other typed documents after this pause. */
const DEPENDENTS_DELAY_MS = 400;
/** A lint slower than this marks the document as slow: it yields its turn to other documents. */
const SLOW_LINT_MS = 500;
const MAX_WORKSPACE_FILES = 20_000;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.cache']);

interface WorkspaceFolderInfo {
  uri: string;
  path: string;
}

const state = {
  initOptions: {} as InitializationOptions,
  trusted: true,
  capabilities: {} as ClientCapabilities,
  folders: [] as WorkspaceFolderInfo[],
  /** Settings pushed by the client (initializationOptions or didChangeConfiguration). */
  pushedSettings: undefined as unknown,
  lastStatus: undefined as StatusParams | undefined,
  duplicateNoticeShown: false,
  shuttingDown: false,
};

let typeInfo: TypeInfo | undefined;
let engine = new LintEngine();
const configReader = new WorkspaceConfigReader();
/** The last lint of each open document, so code actions answer for exactly what was published. */
const snapshots = new Map<string, LintSnapshot>();
const settingsCache = new Map<string, Promise<TripwireSettings>>();
/** Documents whose type-aware lint overran the budget: linted without types until type information is reloaded. */
const demotedFiles = new Set<string>();
const slowDocuments = new Set<string>();
/** Version of each document at its last type-aware lint, to know whether dependents need a re-lint. */
const lastTypedVersion = new Map<string, number>();
/** Messages already logged once (rule failures, budget overruns, skipped files, unreadable config). */
const loggedOnce = new Set<string>();
let dependentsTimer: NodeJS.Timeout | undefined;
let watchedFilesTimer: NodeJS.Timeout | undefined;
const pendingFileChanges: FileChange[] = [];

// ---------------------------------------------------------------------------------------------
// Logging and status

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function logOnce(key: string, level: 'error' | 'warn' | 'info', message: string): void {
  if (loggedOnce.has(key)) return;
  loggedOnce.add(key);
  connection.console[level](message);
}

function sendStatus(update: Partial<StatusParams>): void {
  const status: StatusParams = {
    ...(state.lastStatus ?? { state: 'starting', trusted: state.trusted, typeAware: 'off' }),
    ...update,
    trusted: state.trusted,
  };
  state.lastStatus = status;
  if (state.shuttingDown) return;
  void connection.sendNotification(StatusNotificationMethod, status).catch(() => undefined);
}

process.on('uncaughtException', (error) => {
  connection.console.error(`Unexpected error (the server keeps running): ${describeError(error)}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection (the server keeps running): ${describeError(reason)}`);
});

// ---------------------------------------------------------------------------------------------
// Paths, folders and settings

function filePathOf(uri: string): string | undefined {
  try {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
  } catch {
    return undefined;
  }
  if (uri.startsWith('untitled:')) return path.join(process.cwd(), `${uri.slice('untitled:'.length).replace(/[^\w.-]/g, '_')}.ts`);
  return undefined;
}

function isInside(folder: string, filePath: string): boolean {
  const relative = path.relative(folder, filePath);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The innermost workspace folder containing `filePath`. */
function folderFor(filePath: string): WorkspaceFolderInfo | undefined {
  let best: WorkspaceFolderInfo | undefined;
  for (const folder of state.folders) {
    if (isInside(folder.path, filePath) && (!best || folder.path.length > best.path.length)) best = folder;
  }
  return best;
}

function pushedTripwireSection(): unknown {
  const pushed = state.pushedSettings as { tripwire?: unknown } | undefined;
  return pushed && typeof pushed === 'object' ? pushed.tripwire : undefined;
}

/** Settings for a folder (or the global ones): pulled per folder when the client supports it, else pushed. */
function settingsFor(folder: WorkspaceFolderInfo | undefined): Promise<TripwireSettings> {
  const key = folder?.uri ?? '';
  let cached = settingsCache.get(key);
  if (!cached) {
    cached = (async () => {
      if (state.capabilities.workspace?.configuration) {
        try {
          const pulled: unknown = await connection.workspace.getConfiguration(folder ? { scopeUri: folder.uri, section: 'tripwire' } : { section: 'tripwire' });
          if (pulled !== null && pulled !== undefined) return normalizeSettings(pulled);
        } catch (error) {
          logOnce('configuration-request', 'warn', `workspace/configuration failed; using pushed settings: ${describeError(error)}`);
        }
      }
      return normalizeSettings(pushedTripwireSection());
    })();
    settingsCache.set(key, cached);
  }
  return cached;
}

function isExcluded(filePath: string, folder: WorkspaceFolderInfo | undefined, settings: TripwireSettings): boolean {
  if (settings.exclude.length === 0) return false;
  const relative = folder ? path.relative(folder.path, filePath).split(path.sep).join('/') : undefined;
  const absolute = filePath.split(path.sep).join('/');
  return settings.exclude.some((glob) => (relative !== undefined && minimatch(relative, glob, { dot: true })) || minimatch(absolute, glob, { dot: true }));
}

/** Recommended preset < the workspace eslint.config (trusted only) < `tripwire.rules` (trusted only). */
function ruleSettingsFor(filePath: string, folder: WorkspaceFolderInfo | undefined, settings: TripwireSettings): Record<string, RuleSetting> {
  if (!state.trusted) return {};
  const rules: Record<string, RuleSetting> = {};
  if (settings.useWorkspaceConfig) {
    const configPath = configReader.findConfigFile(filePath, folder?.path);
    if (configPath) {
      const config = configReader.read(configPath);
      if (config.error) logOnce(`config-error:${configPath}`, 'warn', `Tripwire could not read ${configPath} (it is never executed): ${config.error}`);
      if (config.unreadable.length > 0) {
        logOnce(
          `config-unreadable:${configPath}`,
          'info',
          `${configPath}: ${[...new Set(config.unreadable)].join(', ')} are not written as literals; Tripwire reads the config without running it, so it uses its defaults (or tripwire.rules) for them.`,
        );
      }
      Object.assign(rules, rulesForFile(config, filePath));
      maybeShowDuplicateNotice(configPath, config.enablesTripwireRules);
    }
  }
  return Object.assign(rules, settings.rules);
}

function maybeShowDuplicateNotice(configPath: string, enablesTripwireRules: boolean): void {
  if (!enablesTripwireRules || state.duplicateNoticeShown || state.initOptions.eslintExtensionInstalled !== true) return;
  state.duplicateNoticeShown = true;
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Info,
    message: `${path.basename(configPath)} enables tripwire/* rules, and the ESLint extension runs them too, so each Tripwire problem can appear twice. ` +
      'Keep one: let Tripwire report them (no workspace code runs) and add "eslint.rules.customizations": [{ "rule": "tripwire/*", "severity": "off" }] to your settings, ' +
      'or set "tripwire.enable": false for this workspace to rely on the ESLint extension.',
  });
}

function effectiveTypeAware(settings: TripwireSettings): TripwireSettings['typeAware'] {
  return state.trusted ? settings.typeAware : 'off';
}

// ---------------------------------------------------------------------------------------------
// Linting

function publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
  void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
}

function clearDocument(uri: string, version: number): void {
  if (snapshots.has(uri)) snapshots.delete(uri);
  publish(uri, [], version);
}

function wantsTypes(trigger: LintTrigger, settings: TripwireSettings, filePath: string, uri: string): boolean {
  const mode = effectiveTypeAware(settings);
  if (mode === 'off' || demotedFiles.has(filePath) || !typeInfo) return false;
  if (mode === 'onType') return true;
  // onSave: types on open, save and refreshes; keystrokes get syntactic lints in between.
  if (trigger === 'change') return false;
  if (trigger === 'refresh') return lastTypedVersion.has(uri) || documents.get(uri) !== undefined;
  return true;
}

async function lintDocument(uri: string, trigger: LintTrigger): Promise<void> {
  const filePath = filePathOf(uri);
  if (filePath === undefined || !LINTABLE_EXTENSIONS.has(path.extname(filePath).toLowerCase())) return;
  const folder = folderFor(filePath);
  const settings = await settingsFor(folder);
  // Read the document after the await: the newest version is the one linted.
  const document = documents.get(uri);
  if (!document) return;
  if (!settings.enable || isExcluded(filePath, folder, settings)) {
    clearDocument(uri, document.version);
    return;
  }
  const text = document.getText();
  const skip = skipReason(text, settings);
  if (skip) {
    logOnce(`skip:${uri}:${skip.kind}`, 'info', `Skipping ${filePath}: ${skip.message}.`);
    clearDocument(uri, document.version);
    sendStatus({ state: 'ready', message: `Skipped ${path.basename(filePath)}: ${skip.message}` });
    return;
  }
  const typed = wantsTypes(trigger, settings, filePath, uri);
  const rules = ruleSettingsFor(filePath, folder, settings);
  sendStatus({ state: 'linting' });
  let outcome;
  try {
    outcome = engine.lint({ filePath, text, rules, typeAware: typed });
  } catch (error) {
    connection.console.error(`Linting ${filePath} failed: ${describeError(error)}`);
    sendStatus({ state: 'error', message: `Linting ${path.basename(filePath)} failed: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  for (const [ruleId, error] of outcome.ruleFailures) {
    logOnce(
      `rule-failure:${ruleId}`,
      'error',
      `Rule ${ruleId} failed while linting ${filePath}; its findings are left out, the other rules' are kept. It is reported once per session.\n${describeError(error)}`,
    );
  }
  for (const [ruleId, message] of outcome.invalidOptions) {
    logOnce(`invalid-options:${ruleId}:${message}`, 'warn', `The options given for ${ruleId} are invalid, so it runs with its defaults: ${message}`);
  }
  if (typed && outcome.typeError) {
    logOnce(`type-error:${filePath}`, 'info', `No type information for ${filePath} (${outcome.typeError}); it is linted without types.`);
  }
  const chargedMs = outcome.totalMs - outcome.programMs;
  if (outcome.typed && chargedMs > settings.typeAwareBudgetMs) {
    demotedFiles.add(filePath);
    logOnce(
      `budget:${filePath}`,
      'warn',
      `Type-aware linting of ${filePath} took ${Math.round(chargedMs)} ms, over tripwire.typeAwareBudgetMs (${settings.typeAwareBudgetMs} ms); this file is linted without type information until "Tripwire: Reload Type Information".`,
    );
  }
  if (outcome.totalMs > SLOW_LINT_MS) slowDocuments.add(uri);
  else slowDocuments.delete(uri);
  // A newer version arrived meanwhile: its own lint will publish.
  if (documents.get(uri)?.version !== document.version) return;
  // TextDocuments updates its documents in place: keep an immutable copy of exactly the linted version.
  const linted = TextDocument.create(uri, document.languageId, document.version, text);
  const snapshot = createSnapshot(linted, outcome.messages, engine);
  snapshots.set(uri, snapshot);
  publish(uri, [...snapshot.diagnostics], document.version);
  connection.console.debug(`Linted ${filePath} v${document.version} in ${outcome.totalMs.toFixed(1)} ms${outcome.typed ? ` (type-aware; program ${outcome.programMs.toFixed(1)} ms)` : ''}`);
  const failures = [...outcome.ruleFailures.keys()];
  sendStatus({
    state: failures.length > 0 ? 'error' : 'ready',
    lastLintMs: Math.round(outcome.totalMs * 10) / 10,
    lastLintUri: uri,
    lastLintAt: new Date().toISOString(),
    lastLintTyped: outcome.typed,
    typeAware: effectiveTypeAware(settings),
    message: failures.length > 0 ? `Rule ${failures.join(', ')} failed; see the output` : undefined,
  });
  if (outcome.typed) {
    const previous = lastTypedVersion.get(uri);
    lastTypedVersion.set(uri, document.version);
    if (previous !== undefined && previous !== document.version && trigger !== 'refresh') scheduleDependents(uri);
  }
}

/** Other open documents may see this one's types: re-lint them (background) once editing pauses. */
function scheduleDependents(changedUri: string): void {
  if (dependentsTimer) clearTimeout(dependentsTimer);
  dependentsTimer = setTimeout(() => {
    dependentsTimer = undefined;
    for (const document of documents.all()) {
      if (document.uri !== changedUri && lastTypedVersion.has(document.uri)) queue.scheduleBackground(document.uri);
    }
  }, DEPENDENTS_DELAY_MS);
}

const queue = new LintQueue({
  lint: lintDocument,
  isSlow: (uri) => slowDocuments.has(uri),
});

function relintAllOpen(): void {
  for (const document of documents.all()) queue.scheduleBackground(document.uri);
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

connection.onInitialize((params: InitializeParams): InitializeResult => {
  state.capabilities = params.capabilities;
  state.initOptions = parseInitializationOptions(params.initializationOptions);
  state.trusted = state.initOptions.workspaceTrusted ?? true;
  state.pushedSettings = state.initOptions.settings;
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  state.folders = folders.flatMap((folder) => {
    const folderPath = filePathOf(folder.uri);
    return folderPath === undefined ? [] : [{ uri: folder.uri, path: folderPath }];
  });
  if (state.trusted) {
    typeInfo = new TypeInfo(state.folders[0]?.path);
    typeInfo.onMissingLibraries = () =>
      logOnce('ts-lib', 'error', "TypeScript's lib.*.d.ts files are missing next to the server (dist/typescript-lib/); type-aware rules see built-in types as `any`.");
    engine = new LintEngine({ typeInfo });
  }
  const resolveSupport = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties ?? [];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKinds.fixAll, CodeActionKinds.rewrite],
        resolveProvider: resolveSupport.includes('edit'),
      },
      executeCommandProvider: {
        commands: [ServerCommands.lintWorkspace, ServerCommands.reloadTypeInformation, ServerCommands.showDocumentation, ServerCommands.scaffold],
      },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: DIAGNOSTIC_SOURCE, version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (state.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    const extensions = [...LINTABLE_EXTENSIONS].map((extension) => extension.slice(1)).join(',');
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: `**/*.{${extensions}}` },
          { globPattern: '**/{tsconfig,jsconfig}*.json' },
          { globPattern: '**/package.json' },
          { globPattern: `**/{${CONFIG_FILE_NAMES.join(',')}}` },
        ],
      })
      .catch((error: unknown) => connection.console.warn(`Could not register file watchers: ${describeError(error)}`));
  }
  if (state.capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folder.uri));
      state.folders = state.folders.filter((folder) => !removed.has(folder.uri));
      for (const folder of event.added) {
        const folderPath = filePathOf(folder.uri);
        if (folderPath !== undefined) state.folders.push({ uri: folder.uri, path: folderPath });
      }
      settingsCache.clear();
      configReader.invalidate();
      relintAllOpen();
    });
  }
  connection.console.info(
    state.trusted
      ? 'Tripwire is running (trusted workspace: the tripwire/* settings of eslint.config.* are read without running it; type information is available).'
      : 'Tripwire is running in limited mode (untrusted workspace): bundled rules with their defaults; nothing from the workspace is read or executed.',
  );
  sendStatus({ state: 'ready', typeAware: 'off' });
  // Learn the effective type-aware mode early, so the status is right before the first lint.
  void settingsFor(undefined).then((settings) => sendStatus({ typeAware: effectiveTypeAware(settings) }));
});

connection.onShutdown(() => {
  state.shuttingDown = true;
});

connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings ?? undefined) as unknown;
  if (settings && typeof settings === 'object' && 'tripwire' in settings) state.pushedSettings = settings;
  settingsCache.clear();
  demotedFiles.clear();
  void settingsFor(undefined).then((global) => sendStatus({ typeAware: effectiveTypeAware(global) }));
  relintAllOpen();
});

// ---------------------------------------------------------------------------------------------
// Documents

/** Version each document was opened with: didOpen also fires onDidChangeContent, which must not debounce it. */
const openedVersions = new Map<string, number>();
documents.onDidOpen(({ document }) => {
  openedVersions.set(document.uri, document.version);
  queue.schedule(document.uri, 0, 'open');
});
documents.onDidChangeContent(({ document }) => {
  if (openedVersions.get(document.uri) === document.version) return;
  openedVersions.delete(document.uri);
  void (async () => {
    const filePath = filePathOf(document.uri);
    const settings = await settingsFor(filePath === undefined ? undefined : folderFor(filePath));
    if (settings.run === 'onType') queue.schedule(document.uri, LINT_DELAY_MS, 'change');
  })();
});
documents.onDidSave(({ document }) => queue.schedule(document.uri, 0, 'save'));
documents.onDidClose(({ document }) => {
  queue.cancel(document.uri);
  openedVersions.delete(document.uri);
  snapshots.delete(document.uri);
  slowDocuments.delete(document.uri);
  lastTypedVersion.delete(document.uri);
  const filePath = filePathOf(document.uri);
  if (filePath !== undefined && typeInfo?.active) typeInfo.close(filePath);
  publish(document.uri, []);
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  let configChanged = false;
  for (const change of changes) {
    const filePath = filePathOf(change.uri);
    if (filePath === undefined) continue;
    if (CONFIG_FILE_NAMES.includes(path.basename(filePath))) configChanged = true;
    pendingFileChanges.push({
      path: filePath,
      kind: change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed',
    });
  }
  if (configChanged) {
    configReader.invalidate();
    relintAllOpen();
  }
  if (watchedFilesTimer) clearTimeout(watchedFilesTimer);
  watchedFilesTimer = setTimeout(() => {
    watchedFilesTimer = undefined;
    const batch = pendingFileChanges.splice(0);
    if (!typeInfo?.active) return;
    let changed = false;
    try {
      changed = typeInfo.filesChanged(batch);
    } catch (error) {
      connection.console.error(`Refreshing type information failed: ${describeError(error)}`);
    }
    if (changed) {
      connection.console.info(`Type information refreshed after ${batch.length} file change(s) on disk; re-linting open documents.`);
      for (const document of documents.all()) if (lastTypedVersion.has(document.uri)) queue.scheduleBackground(document.uri);
    }
  }, TYPE_REFRESH_DELAY_MS);
});

// ---------------------------------------------------------------------------------------------
// Code actions

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

interface FixAllData {
  kind: 'fixAll';
  uri: string;
  version: number;
}

async function fixAllEdit(uri: string, version: number): Promise<WorkspaceEdit | undefined> {
  const document = documents.get(uri);
  const filePath = filePathOf(uri);
  if (!document || document.version !== version || filePath === undefined) return undefined;
  const folder = folderFor(filePath);
  const settings = await settingsFor(folder);
  const current = documents.get(uri);
  if (!current || current.version !== version) return undefined;
  const text = current.getText();
  if (!settings.enable || isExcluded(filePath, folder, settings) || skipReason(text, settings)) return undefined;
  const outcome = engine.fixAll({
    filePath,
    text,
    rules: ruleSettingsFor(filePath, folder, settings),
    typeAware: effectiveTypeAware(settings) !== 'off' && !demotedFiles.has(filePath),
  });
  const edits = outcome.fixed ? minimalEdits(text, outcome.output) : [];
  if (edits.length === 0) return undefined;
  return { documentChanges: [{ textDocument: { uri, version }, edits }] };
}

connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
  try {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string' || !params.range) return [];
    const current = documents.get(uri);
    if (!current) return [];
    const only = params.context?.only;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) {
      const snapshot = snapshots.get(uri);
      // Never offer edits computed for an older version of the text.
      if (snapshot && snapshot.document.version === current.version) actions.push(...quickFixes(snapshot, params.range));
    }
    if (only && wants(only, CodeActionKinds.fixAll)) {
      const title = 'Fix all safe Tripwire problems';
      const resolveSupported = state.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
      if (resolveSupported) {
        // Lazy: the edit is computed only if the client applies the action (codeAction/resolve).
        const snapshot = snapshots.get(uri);
        const anyFix = snapshot && snapshot.document.version === current.version ? snapshot.messages.some((message) => message.fix) : true;
        if (anyFix) actions.push({ title, kind: CodeActionKinds.fixAll, data: { kind: 'fixAll', uri, version: current.version } satisfies FixAllData });
      } else {
        const edit = await fixAllEdit(uri, current.version);
        if (edit) actions.push({ title, kind: CodeActionKinds.fixAll, edit });
      }
    }
    actions.push(...(await scaffolding.codeActions(params, current, snapshots.get(uri))));
    return actions;
  } catch (error) {
    connection.console.error(`Code actions failed: ${describeError(error)}`);
    return [];
  }
});

connection.onCodeActionResolve(async (action) => {
  try {
    const data = action.data as Partial<FixAllData> | undefined;
    if (data?.kind === 'fixAll' && typeof data.uri === 'string' && typeof data.version === 'number') {
      const edit = await fixAllEdit(data.uri, data.version);
      return edit ? { ...action, edit } : { ...action, edit: { documentChanges: [] } };
    }
    return await scaffolding.resolveCodeAction(action);
  } catch (error) {
    connection.console.error(`Resolving a code action failed: ${describeError(error)}`);
    return action;
  }
});

// ---------------------------------------------------------------------------------------------
// Commands

function listWorkspaceFiles(root: string, settings: TripwireSettings, folder: WorkspaceFolderInfo): string[] {
  const files: string[] = [];
  const stack = [root];
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
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.') && !isExcluded(full, folder, settings)) stack.push(full);
      } else if (entry.isFile() && LINTABLE_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !entry.name.endsWith('.d.ts') && !isExcluded(full, folder, settings)) {
        files.push(full);
      }
    }
  }
  return files.sort();
}

interface LintWorkspaceResult {
  files: number;
  problems: number;
  skipped: number;
}

async function lintWorkspace(folderUri: string | undefined, clientProgress: WorkDoneProgressReporter): Promise<LintWorkspaceResult> {
  const folders = folderUri ? state.folders.filter((folder) => folder.uri === folderUri) : state.folders;
  // The client's own token when it sent one, else a server-created progress if the client supports it.
  const reporter =
    !WorkDoneProgressReporter.isNullInstance(clientProgress)
      ? clientProgress
      : state.capabilities.window?.workDoneProgress
        ? await connection.window.createWorkDoneProgress()
        : undefined;
  const result: LintWorkspaceResult = { files: 0, problems: 0, skipped: 0 };
  const work: Array<{ file: string; folder: WorkspaceFolderInfo; settings: TripwireSettings }> = [];
  for (const folder of folders) {
    const settings = await settingsFor(folder);
    if (!settings.enable) continue;
    for (const file of listWorkspaceFiles(folder.path, settings, folder)) work.push({ file, folder, settings });
  }
  reporter?.begin('Tripwire: linting the workspace', 0, `${work.length} files`, true);
  const started = performance.now();
  for (const [index, { file, folder, settings }] of work.entries()) {
    if (reporter && 'token' in reporter && (reporter.token as { isCancellationRequested?: boolean }).isCancellationRequested === true) break;
    const uri = pathToFileURL(file).href;
    if (documents.get(uri)) {
      result.files += 1;
      result.problems += snapshots.get(uri)?.diagnostics.length ?? 0;
      continue;
    }
    try {
      const size = statSync(file).size;
      if (size > settings.maxFileSize) {
        result.skipped += 1;
        continue;
      }
      const text = readFileSync(file, 'utf8');
      if (skipReason(text, settings)) {
        result.skipped += 1;
        continue;
      }
      const outcome = engine.lint({ filePath: file, text, rules: ruleSettingsFor(file, folder, settings) });
      const document = TextDocument.create(uri, 'typescript', 0, text);
      const snapshot = createSnapshot(document, outcome.messages, engine);
      publish(uri, [...snapshot.diagnostics]);
      result.files += 1;
      result.problems += snapshot.diagnostics.length;
    } catch (error) {
      result.skipped += 1;
      connection.console.warn(`Lint Workspace: ${file} failed: ${describeError(error)}`);
    }
    if (index % 5 === 0) reporter?.report(Math.round(((index + 1) / work.length) * 100), `${index + 1}/${work.length} ${path.basename(file)}`);
    // Keep serving edits and requests while the workspace is linted.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  reporter?.done();
  connection.console.info(
    `Lint Workspace: ${result.files} files, ${result.problems} problems, ${result.skipped} skipped, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  return result;
}

function reloadTypeInformation(): void {
  demotedFiles.clear();
  lastTypedVersion.clear();
  if (typeInfo) typeInfo.reset();
  connection.console.info('Type information reloaded: a fresh TypeScript project service is built on the next type-aware lint.');
  relintAllOpen();
}

connection.onExecuteCommand(async (params, _cancel, workDoneProgress) => {
  const [first] = params.arguments ?? [];
  try {
    switch (params.command) {
      case ServerCommands.lintWorkspace: {
        const folderUri = first && typeof first === 'object' && typeof (first as { folderUri?: unknown }).folderUri === 'string' ? (first as { folderUri: string }).folderUri : undefined;
        return await lintWorkspace(folderUri, workDoneProgress);
      }
      case ServerCommands.reloadTypeInformation:
        reloadTypeInformation();
        return { reloaded: true };
      case ServerCommands.showDocumentation: {
        if (typeof first !== 'string' || !/^https?:\/\//.test(first)) return { shown: false };
        const shown = await connection.window.showDocument({ uri: first, external: true });
        return { shown: shown.success };
      }
      case ServerCommands.scaffold:
        return await scaffolding.executeScaffold(first);
      default:
        connection.console.warn(`Unknown command ${params.command}`);
        return null;
    }
  } catch (error) {
    connection.console.error(`Command ${params.command} failed: ${describeError(error)}`);
    return { error: error instanceof Error ? error.message : String(error) };
  }
});

const scaffolding = registerScaffolding({
  connection,
  documents,
  folderFor: (filePath) => folderFor(filePath)?.path,
  filePathOf,
  workspaceRoots: () => state.folders.map((folder) => folder.path),
  scaffoldDirectoryFor: async (filePath) => (await settingsFor(folderFor(filePath))).scaffoldDirectory || undefined,
  resolvesEdits: () => state.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
  log: (level, message) => connection.console[level](message),
});

documents.listen(connection);
connection.listen();
