/**
 * The scaffold generators as LSP features. The generators and their pure edit functions live in
 * the `tripwire-scaffold` package; this file only adapts them to the protocol:
 * - the `tripwire.scaffold` command: plan → one WorkspaceEdit → `workspace/applyEdit` (all or nothing);
 * - the quick fix "Run with mapWithLimit (limit 8)" on `tripwire/prefer-bounded-concurrency`;
 * - the quick fix "Wrap in withTimeout (10000ms)" on `tripwire/no-request-without-timeout`;
 * - `refactor.rewrite.tripwire.*`: for…of → ErrGroup, SingleFlight wrap, retry with backoff, functional options.
 * Edits that can be large (they may create a whole module) are computed in `codeAction/resolve` when
 * the client supports it, else eagerly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeActionTriggerKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { wants } from './code-actions.js';
import type { LintSnapshot } from './diagnostics.js';
import {
  buildForOfToErrGroupEdit,
  buildMapWithLimitEdit,
  buildRetryWrapEdit,
  buildSingleFlightWrapEdit,
  buildWithTimeoutEdit,
  computeForOfToErrGroup,
  computeMapWithLimitRewrite,
  computeRetryWrap,
  computeSingleFlightWrap,
  computeWithTimeoutWrap,
  ERRGROUP_REFACTOR_TITLE,
  mapWithLimitTitle,
  optionsTypeAt,
  parametersTargetAt,
  planConvertParameters,
  planFunctionalOptions,
  RETRY_REFACTOR_TITLE,
  SINGLEFLIGHT_REFACTOR_TITLE,
  withTimeoutTitle,
} from 'tripwire-scaffold';
import { planScaffoldCommand } from './scaffold/lsp-command.js';
import { changesToWorkspaceEdit, planToWorkspaceEdit } from './scaffold/workspace-edit.js';

const BOUNDED_CONCURRENCY_RULE = 'tripwire/prefer-bounded-concurrency';
const REQUEST_TIMEOUT_RULE = 'tripwire/no-request-without-timeout';
const FUNCTIONAL_OPTIONS_KIND = 'refactor.rewrite.tripwire.functionalOptions';
const CONVERT_PARAMETERS_KIND = 'refactor.rewrite.tripwire.convertParameters';
const REFACTOR_KINDS = {
  errgroup: 'refactor.rewrite.tripwire.errgroup',
  singleflight: 'refactor.rewrite.tripwire.singleflight',
  retry: 'refactor.rewrite.tripwire.retry',
} as const;

export interface ScaffoldingHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The workspace folder containing a file (generated files must stay inside it). */
  folderFor(filePath: string): string | undefined;
  filePathOf(uri: string): string | undefined;
  workspaceRoots(): string[];
  /** The `tripwire.scaffold.directory` setting of the file's workspace folder, when set. */
  scaffoldDirectoryFor(filePath: string): Promise<string | undefined>;
  /** Whether the client resolves code actions' edits lazily (`codeAction/resolve` with `edit`). */
  resolvesEdits(): boolean;
  log(level: 'error' | 'warn' | 'info', message: string): void;
}

export interface Scaffolding {
  codeActions(
    params: CodeActionParams,
    document: TextDocument,
    snapshot: LintSnapshot | undefined,
  ): Promise<CodeAction[]>;
  resolveCodeAction(action: CodeAction): Promise<CodeAction>;
  executeScaffold(argument: unknown): Promise<unknown>;
}

type ActionKind =
  'mapWithLimit' | 'withTimeout' | 'errgroup' | 'singleflight' | 'retry' | 'functionalOptions' | 'convertParameters';

interface ScaffoldActionData {
  scaffold: ActionKind;
  uri: string;
  version: number;
  offset: number;
  typeName?: string;
  /** convertParameters: the function, or the class whose constructor is converted. */
  functionName?: string;
  /** `tripwire.scaffold.directory` when the action was listed (where a missing module is created). */
  configuredDirectory?: string;
  /** withTimeout: the client as the report names it (`fetch`, `axios.get`, …). */
  client?: string;
  /** withTimeout: the signal in scope the report says the request ignores. */
  scopeSignal?: string;
}

/** What a `no-request-without-timeout` message says about the call: its client, and a signal in scope it ignores. */
function requestReport(message: string): { client?: string; scopeSignal?: string } {
  const client = /`([^`]+)` call/.exec(message)?.[1];
  const scopeSignal = /ignores the `([^`]+)` in scope/.exec(message)?.[1];
  return { ...(client === undefined ? {} : { client }), ...(scopeSignal === undefined ? {} : { scopeSignal }) };
}

/** True when the file on disk holds exactly `text` (the editor has no unsaved changes to it). */
function matchesDisk(filePath: string, text: string): boolean {
  try {
    return readFileSync(filePath, 'utf8') === text;
  } catch {
    return false;
  }
}

/** Marks every change of the edit as needing confirmation, so the editor shows a preview first. */
function previewed(edit: WorkspaceEdit): WorkspaceEdit {
  const changeAnnotations = Object.fromEntries(
    Object.entries(edit.changeAnnotations ?? {}).map(([id, annotation]) => [
      id,
      { ...annotation, needsConfirmation: true },
    ]),
  );
  return { ...edit, changeAnnotations };
}

export function registerScaffolding(host: ScaffoldingHost): Scaffolding {
  function rootFor(filePath: string): string {
    return host.folderFor(filePath) ?? path.dirname(filePath);
  }

  /** Computes the edit of a scaffold action for the current text, if the document is still at `version`. */
  function editFor(data: ScaffoldActionData): WorkspaceEdit | undefined {
    const document = host.documents.get(data.uri);
    const filePath = host.filePathOf(data.uri);
    if (!document || document.version !== data.version || filePath === undefined) return undefined;
    const request = {
      filePath,
      text: document.getText(),
      version: document.version,
      offset: data.offset,
      workspaceRoot: rootFor(filePath),
      ...(data.configuredDirectory ? { configuredDirectory: data.configuredDirectory } : {}),
    };
    switch (data.scaffold) {
      case 'mapWithLimit': {
        const built = buildMapWithLimitEdit(request);
        return built === undefined ? undefined : changesToWorkspaceEdit(built.changes);
      }
      case 'withTimeout': {
        const built = buildWithTimeoutEdit({
          ...request,
          ...(data.client === undefined ? {} : { client: data.client }),
          ...(data.scopeSignal === undefined ? {} : { scopeSignal: data.scopeSignal }),
        });
        return built === undefined ? undefined : changesToWorkspaceEdit(built.changes);
      }
      case 'errgroup': {
        const built = buildForOfToErrGroupEdit(request);
        return 'changes' in built ? changesToWorkspaceEdit(built.changes) : undefined;
      }
      case 'singleflight': {
        const built = buildSingleFlightWrapEdit(request);
        return 'changes' in built ? changesToWorkspaceEdit(built.changes) : undefined;
      }
      case 'retry': {
        const built = buildRetryWrapEdit(request);
        return 'changes' in built ? changesToWorkspaceEdit(built.changes) : undefined;
      }
      case 'functionalOptions': {
        if (data.typeName === undefined) return undefined;
        const planned = planFunctionalOptions({
          root: request.workspaceRoot,
          file: filePath,
          typeName: data.typeName,
          sourceText: request.text,
        });
        return planToWorkspaceEdit(planned.plan, { root: request.workspaceRoot }).edit;
      }
      case 'convertParameters': {
        // The conversion reads the declaring file and its callers from disk; an unsaved buffer would
        // get offsets computed for other text, so it is offered only while the two agree.
        if (data.functionName === undefined || !matchesDisk(filePath, request.text)) return undefined;
        try {
          const converted = planConvertParameters({
            root: request.workspaceRoot,
            file: filePath,
            name: data.functionName,
          });
          // Callers open with unsaved changes would be edited at offsets computed from the disk: refuse.
          const unsaved = converted.plan.files.filter((file) => {
            const open = host.documents.get(pathToFileURL(file.path).href);
            return open !== undefined && file.expectedContent !== undefined && open.getText() !== file.expectedContent;
          });
          if (unsaved.length > 0) {
            host.log(
              'info',
              `Convert parameters of ${data.functionName}: save ${unsaved.map((file) => path.basename(file.path)).join(', ')} first.`,
            );
            return undefined;
          }
          return previewed(planToWorkspaceEdit(converted.plan, { root: request.workspaceRoot }).edit);
        } catch (error) {
          host.log(
            'info',
            `Convert parameters of ${data.functionName}: ${error instanceof Error ? error.message : String(error)}`,
          );
          return undefined;
        }
      }
      default:
        return undefined;
    }
  }

  function finish(action: CodeAction, data: ScaffoldActionData): CodeAction | undefined {
    if (host.resolvesEdits()) return { ...action, data };
    const edit = editFor(data);
    return edit ? { ...action, edit } : undefined;
  }

  return {
    async codeActions(params, document, snapshot) {
      const filePath = host.filePathOf(document.uri);
      if (filePath === undefined) return [];
      const only = params.context?.only;
      const text = document.getText();
      const offset = document.offsetAt(params.range.start);
      const actions: CodeAction[] = [];
      const configuredDirectory = await host.scaffoldDirectoryFor(filePath);
      const base = {
        uri: document.uri,
        version: document.version,
        ...(configuredDirectory ? { configuredDirectory } : {}),
      };
      try {
        if (wants(only, CodeActionKind.QuickFix) && snapshot && snapshot.document.version === document.version) {
          for (const diagnostic of snapshot.diagnostics) {
            if (diagnostic.code !== BOUNDED_CONCURRENCY_RULE && diagnostic.code !== REQUEST_TIMEOUT_RULE) continue;
            const start = document.offsetAt(diagnostic.range.start);
            const end = document.offsetAt(diagnostic.range.end);
            if (offset > end || document.offsetAt(params.range.end) < start) continue;
            if (diagnostic.code === REQUEST_TIMEOUT_RULE) {
              const report = requestReport(
                typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
              );
              if (
                !computeWithTimeoutWrap({
                  fileName: filePath,
                  text,
                  offset: start,
                  importSpecifier: './timeout.js',
                  ...report,
                })
              )
                continue;
              const action = finish(
                { title: withTimeoutTitle(), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] },
                { scaffold: 'withTimeout', ...base, offset: start, ...report },
              );
              if (action) actions.push(action);
              continue;
            }
            // Cheap applicability check (a syntax-only parse); the import path is settled on resolve.
            if (
              !computeMapWithLimitRewrite({ fileName: filePath, text, offset: start, importSpecifier: './errgroup.js' })
            )
              continue;
            const action = finish(
              { title: mapWithLimitTitle(), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] },
              { scaffold: 'mapWithLimit', ...base, offset: start },
            );
            if (action) actions.push(action);
          }
        }
        const refactors: Array<[ActionKind, string, string, typeof computeForOfToErrGroup]> = [
          ['errgroup', REFACTOR_KINDS.errgroup, ERRGROUP_REFACTOR_TITLE, computeForOfToErrGroup],
          ['singleflight', REFACTOR_KINDS.singleflight, SINGLEFLIGHT_REFACTOR_TITLE, computeSingleFlightWrap],
          ['retry', REFACTOR_KINDS.retry, RETRY_REFACTOR_TITLE, computeRetryWrap],
        ];
        // Refactors parse the file: offer them when the user asks (Ctrl+., the refactor menu), not on every cursor move.
        const automatic =
          params.context?.triggerKind === CodeActionTriggerKind.Automatic && (!only || only.length === 0);
        for (const [scaffold, kind, title, compute] of refactors) {
          if (automatic || !wants(only, kind)) continue;
          const computed = compute({ fileName: filePath, text, offset, importSpecifier: `./${scaffold}.js` });
          if ('disabledReason' in computed) {
            // Disabled refactors are shown only when the user asked for refactors explicitly.
            if (only && only.length > 0) actions.push({ title, kind, disabled: { reason: computed.disabledReason } });
            continue;
          }
          const action = finish({ title, kind }, { scaffold, ...base, offset });
          if (action) actions.push(action);
        }
        if (!automatic && wants(only, FUNCTIONAL_OPTIONS_KIND)) {
          const target = optionsTypeAt(text, filePath, offset);
          if (target) {
            const title = `${target.hasRegion ? 'Update' : 'Generate'} functional options for ${target.typeName}`;
            const action = finish(
              { title, kind: FUNCTIONAL_OPTIONS_KIND },
              { scaffold: 'functionalOptions', ...base, offset, typeName: target.typeName },
            );
            if (action) actions.push(action);
          }
        }
        if (!automatic && wants(only, CONVERT_PARAMETERS_KIND)) {
          const target = parametersTargetAt(text, filePath, offset);
          if (target && matchesDisk(filePath, text)) {
            const title =
              target.kind === 'constructor'
                ? 'Convert constructor parameters to functional options'
                : `Convert parameters of ${target.name} to functional options`;
            const action = finish(
              { title, kind: CONVERT_PARAMETERS_KIND },
              { scaffold: 'convertParameters', ...base, offset, functionName: target.name },
            );
            if (action) actions.push(action);
          }
        }
      } catch (error) {
        host.log(
          'error',
          `Scaffold code actions failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      return actions;
    },

    async resolveCodeAction(action) {
      const data = action.data as Partial<ScaffoldActionData> | undefined;
      if (
        !data ||
        typeof data.scaffold !== 'string' ||
        typeof data.uri !== 'string' ||
        typeof data.version !== 'number' ||
        typeof data.offset !== 'number'
      )
        return action;
      const edit = editFor(data as ScaffoldActionData);
      if (!edit) return { ...action, disabled: { reason: 'The document changed; ask for the action again.' } };
      return { ...action, edit };
    },

    async executeScaffold(argument) {
      const result = await planScaffoldCommand(argument, host.workspaceRoots());
      if (!result.ok) {
        host.log('warn', `tripwire.scaffold refused: ${result.error}`);
        return result;
      }
      for (const note of result.notes) host.log('info', `tripwire.scaffold ${result.generator}: ${note}`);
      if (result.dryRun || result.nothingToDo)
        return {
          ok: true,
          generator: result.generator,
          applied: false,
          files: result.files,
          edit: result.edit,
          nothingToDo: result.nothingToDo,
          notes: result.notes,
        };
      const applied = await host.connection.workspace.applyEdit({
        label: `Tripwire: scaffold ${result.generator}`,
        edit: result.edit,
      });
      if (!applied.applied)
        host.log(
          'warn',
          `tripwire.scaffold ${result.generator}: the editor did not apply the edit${applied.failureReason ? ` (${applied.failureReason})` : ''}.`,
        );
      return {
        ok: applied.applied,
        generator: result.generator,
        applied: applied.applied,
        files: result.files,
        notes: result.notes,
        ...(applied.failureReason ? { error: applied.failureReason } : {}),
      };
    },
  };
}
