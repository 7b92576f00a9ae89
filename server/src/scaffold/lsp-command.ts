/**
 * The `tripwire.scaffold` LSP command, minus the LSP plumbing: validates the (untrusted) command
 * argument, runs the same generator the CLI runs (one registry, `scaffoldGenerators`), and returns
 * one all-or-nothing `WorkspaceEdit` for the server to send through `workspace/applyEdit`, or a
 * clear refusal (unknown generator, path outside the workspace, conflicts without `force`).
 *
 * Argument shape (JSON):
 * `{ generator: 'errgroup', directory: '/abs/or/relative', workspaceRoot?: '/abs', force?: boolean,
 *    dryRun?: boolean, options?: { js?: boolean, tests?: boolean, … }, positionals?: string[] }`
 */
import path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver';
import {
  checkPlan,
  nodeTypesNotes,
  scaffoldGenerators,
  ScaffoldConflictError,
  ScaffoldPathError,
  type FileCheck,
  type FlagValues,
} from 'tripwire-scaffold';
import { planToWorkspaceEdit } from './workspace-edit.js';

/** The validated command argument. */
export interface ScaffoldCommandArguments {
  /** Registered generator name (`errgroup`, `singleflight`, …). */
  generator: string;
  /** Target folder, absolute or relative to the workspace root. */
  directory: string;
  /** The workspace folder to stay inside; defaults to the workspace root containing `directory`. */
  workspaceRoot?: string;
  /** Replace conflicting files (each replacement needs confirmation in the client's preview). */
  force?: boolean;
  /** Compute and return the edit, but the caller should not apply it. */
  dryRun?: boolean;
  /** Generator flags as the CLI would parse them (`{ js: true, tests: true }`). */
  options?: FlagValues;
  /** Positional arguments for generators that take them. */
  positionals?: string[];
}

/** A file of the plan as reported back to the client. */
export interface ScaffoldFileReport {
  /** Absolute path. */
  path: string;
  /** `create`, `identical` (no-op) or `conflict`. */
  status: FileCheck['status'];
  /** Why it conflicts, when it does. */
  reason?: string;
}

/** The outcome of {@link planScaffoldCommand}. */
export type ScaffoldCommandResult =
  | {
      ok: true;
      generator: string;
      edit: WorkspaceEdit;
      files: ScaffoldFileReport[];
      dryRun: boolean;
      nothingToDo: boolean;
      notes: string[];
    }
  | { ok: false; generator: string | undefined; error: string; files?: ScaffoldFileReport[] };

function fail(generator: string | undefined, error: string, files?: ScaffoldFileReport[]): ScaffoldCommandResult {
  return files === undefined ? { ok: false, generator, error } : { ok: false, generator, error, files };
}

function isWithin(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Parses an untrusted command argument.
 *
 * @param argument the first argument of `workspace/executeCommand`
 * @returns the arguments, or an error message
 */
export function parseScaffoldArguments(argument: unknown): ScaffoldCommandArguments | string {
  if (typeof argument !== 'object' || argument === null || Array.isArray(argument))
    return 'tripwire.scaffold expects one object argument';
  const record = argument as Record<string, unknown>;
  const { generator, directory, workspaceRoot, force, dryRun, options, positionals } = record;
  if (typeof generator !== 'string' || generator === '')
    return 'tripwire.scaffold: "generator" must be a non-empty string';
  if (typeof directory !== 'string' || directory.trim() === '')
    return 'tripwire.scaffold: "directory" must be a non-empty string';
  if (workspaceRoot !== undefined && typeof workspaceRoot !== 'string')
    return 'tripwire.scaffold: "workspaceRoot" must be a string';
  if (force !== undefined && typeof force !== 'boolean') return 'tripwire.scaffold: "force" must be a boolean';
  if (dryRun !== undefined && typeof dryRun !== 'boolean') return 'tripwire.scaffold: "dryRun" must be a boolean';
  const values: FlagValues = {};
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null || Array.isArray(options))
      return 'tripwire.scaffold: "options" must be an object';
    for (const [key, value] of Object.entries(options)) {
      if (typeof value !== 'string' && typeof value !== 'boolean')
        return `tripwire.scaffold: option "${key}" must be a string or a boolean`;
      values[key] = value;
    }
  }
  if (
    positionals !== undefined &&
    (!Array.isArray(positionals) || !positionals.every((item) => typeof item === 'string'))
  ) {
    return 'tripwire.scaffold: "positionals" must be an array of strings';
  }
  const parsed: ScaffoldCommandArguments = { generator, directory, options: values };
  if (workspaceRoot !== undefined) parsed.workspaceRoot = workspaceRoot;
  if (force !== undefined) parsed.force = force;
  if (dryRun !== undefined) parsed.dryRun = dryRun;
  if (positionals !== undefined) parsed.positionals = positionals as string[];
  return parsed;
}

/**
 * Runs a generator for the LSP command and converts its plan into one `WorkspaceEdit`.
 *
 * @param argument the untrusted command argument
 * @param workspaceRoots the open workspace folders (absolute paths); the target must be inside one
 * @returns the edit and per-file statuses, or a refusal with a message for the user
 */
export async function planScaffoldCommand(
  argument: unknown,
  workspaceRoots: readonly string[],
): Promise<ScaffoldCommandResult> {
  const parsed = parseScaffoldArguments(argument);
  if (typeof parsed === 'string') return fail(undefined, parsed);
  const entry = scaffoldGenerators.get(parsed.generator);
  if (entry === undefined) {
    return fail(
      parsed.generator,
      `Unknown generator "${parsed.generator}". Available: ${[...scaffoldGenerators.keys()].join(', ')}.`,
    );
  }
  const roots = workspaceRoots.map((root) => path.resolve(root));
  let root: string | undefined;
  if (parsed.workspaceRoot !== undefined) {
    root = path.resolve(parsed.workspaceRoot);
    if (!roots.some((candidate) => isWithin(candidate, root ?? '')))
      return fail(parsed.generator, `${root} is not inside an open workspace folder`);
  } else if (path.isAbsolute(parsed.directory)) {
    root = roots
      .filter((candidate) => isWithin(candidate, path.resolve(parsed.directory)))
      .sort((a, b) => b.length - a.length)[0];
  } else {
    root = roots[0];
  }
  if (root === undefined)
    return fail(parsed.generator, `The folder ${parsed.directory} is not inside an open workspace folder`);
  const directory = path.resolve(root, parsed.directory);
  if (!isWithin(root, directory))
    return fail(parsed.generator, `The folder ${parsed.directory} escapes the workspace folder ${root}`);

  try {
    // A plain object (not a literal) so generators that read extra context fields (e.g. `cwd`) get them.
    const context = { directory, values: parsed.options ?? {}, positionals: parsed.positionals ?? [], cwd: root };
    const plan = await entry.plan(context);
    const check = checkPlan(plan, root);
    const files = check.files.map((file): ScaffoldFileReport =>
      file.reason === undefined
        ? { path: file.path, status: file.status }
        : { path: file.path, status: file.status, reason: file.reason },
    );
    const { edit } = planToWorkspaceEdit(plan, { root, force: parsed.force === true, check });
    const notes = [...(plan.notes ?? []), ...nodeTypesNotes(plan)];
    return {
      ok: true,
      generator: parsed.generator,
      edit,
      files,
      dryRun: parsed.dryRun === true,
      nothingToDo: check.files.every((file) => file.status === 'identical'),
      notes,
    };
  } catch (error: unknown) {
    if (error instanceof ScaffoldConflictError) {
      const files = error.conflicts.map((file): ScaffoldFileReport => ({
        path: file.path,
        status: file.status,
        ...(file.reason === undefined ? {} : { reason: file.reason }),
      }));
      return fail(
        parsed.generator,
        error.message.replace('Use --force to replace them.', 'Run again with "force" to replace them.'),
        files,
      );
    }
    if (error instanceof ScaffoldPathError) return fail(parsed.generator, error.message);
    return fail(
      parsed.generator,
      `scaffold ${parsed.generator} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
