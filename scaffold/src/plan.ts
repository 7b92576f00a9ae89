/**
 * The shared currency of every Tripwire generator: a {@link ScaffoldPlan} is the complete list of
 * files a generator wants to exist, with their full contents. Nothing here knows which generator
 * produced a plan; the front ends (CLI, LSP command, VS Code command) all go through the same
 * three steps:
 *
 * 1. {@link checkPlan} — classify every file as `create`, `identical` (no-op) or `conflict`,
 *    after {@link assertInsideRoot} has rejected any path that escapes the workspace root;
 * 2. either {@link writePlan} (CLI: all-or-nothing on disk, `force` and `dryRun` aware) or
 * 3. {@link planChanges} (editors: plain create/edit changes that a front end turns into its own
 *    edit type and applies as a unit).
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** One file a generator wants to exist, with its complete contents. */
export interface PlannedFile {
  /** Absolute path of the file. */
  path: string;
  /** The full text the file must contain. */
  content: string;
  /**
   * For an edit of an existing file (e.g. regenerating a marked region): the exact text the
   * generator read and computed `content` from. The file is then `update`d only while the disk
   * still holds exactly this text; anything else is a conflict. Omit for new files.
   */
  expectedContent?: string;
}

/** Everything one generator run wants to write. */
export interface ScaffoldPlan {
  /** Name of the generator that produced the plan (e.g. `errgroup`), used in labels and messages. */
  generator: string;
  /** The files, in the order they should be shown and written. */
  files: PlannedFile[];
  /** What the user should know before the files are written (e.g. a setting the generated code needs). */
  notes?: string[];
}

/**
 * What writing a planned file would do:
 * - `create`: the file does not exist yet;
 * - `identical`: the file exists with exactly the planned content (writing it is a no-op);
 * - `update`: the file exists with the planned `expectedContent` (an edit the generator computed from it);
 * - `conflict`: something different exists at that path (a file with other content, or a directory).
 */
export type FileStatus = 'create' | 'identical' | 'update' | 'conflict';

/** The status of one planned file against the current disk. */
export interface FileCheck extends PlannedFile {
  /** What writing this file would do. */
  status: FileStatus;
  /** Why the file conflicts (only for `conflict`), e.g. "a file with different content exists". */
  reason?: string;
}

/** The result of {@link checkPlan}: every file with its status, and the conflicts among them. */
export interface PlanCheck {
  /** Generator name copied from the plan. */
  generator: string;
  /** One entry per planned file, in plan order. */
  files: FileCheck[];
  /** The entries whose status is `conflict`. */
  conflicts: FileCheck[];
}

/** A path that would leave the workspace root, or is otherwise unusable as a scaffold target. */
export class ScaffoldPathError extends Error {
  /** The offending path as given. */
  readonly requestedPath: string;
  /** The workspace root it was checked against. */
  readonly root: string;

  /**
   * @param message what is wrong with the path
   * @param requestedPath the path as given by the caller
   * @param root the workspace root it was checked against
   */
  constructor(message: string, requestedPath: string, root: string) {
    super(message);
    this.name = 'ScaffoldPathError';
    this.requestedPath = requestedPath;
    this.root = root;
  }
}

/** Refusal to write because some planned files conflict with what is on disk and `force` was not given. */
export class ScaffoldConflictError extends Error {
  /** The conflicting files (nothing was written). */
  readonly conflicts: FileCheck[];

  /** @param conflicts the planned files that conflict with existing content */
  constructor(conflicts: FileCheck[]) {
    const list = conflicts
      .map((file) => `  ${file.path} (${file.reason ?? 'exists with different content'})`)
      .join('\n');
    super(
      `Refusing to overwrite ${conflicts.length} existing file(s); nothing was written:\n${list}\nUse --force to replace them.`,
    );
    this.name = 'ScaffoldConflictError';
    this.conflicts = conflicts;
  }
}

function isWithin(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The real path of `target`'s deepest existing ancestor, joined with the parts that do not exist yet. */
function realPathOfNearestExisting(target: string): string {
  const missing: string[] = [];
  let current = target;
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    missing.unshift(path.basename(current));
    current = parent;
  }
  let real = current;
  try {
    real = realpathSync(current);
  } catch {
    // Unreadable ancestor: fall back to the lexical path; the write itself will report the problem.
  }
  return path.join(real, ...missing);
}

/**
 * Resolves `requested` (relative to `root`, or absolute) and throws {@link ScaffoldPathError} unless
 * the result stays inside `root`, both lexically (`..`, absolute paths elsewhere) and after following
 * symbolic links of the parts that already exist.
 *
 * @param root the workspace root (absolute, or relative to the current directory)
 * @param requested the path to check, relative to `root` or absolute
 * @returns the absolute, normalised path inside `root`
 */
export function assertInsideRoot(root: string, requested: string): string {
  if (requested.includes('\0'))
    throw new ScaffoldPathError(`Invalid path (contains a NUL byte): ${JSON.stringify(requested)}`, requested, root);
  const absoluteRoot = path.resolve(root);
  const resolved = path.resolve(absoluteRoot, requested);
  if (!isWithin(absoluteRoot, resolved)) {
    throw new ScaffoldPathError(`Path escapes the workspace root ${absoluteRoot}: ${requested}`, requested, root);
  }
  const realRoot = realPathOfNearestExisting(absoluteRoot);
  const realTarget = realPathOfNearestExisting(resolved);
  if (!isWithin(realRoot, realTarget)) {
    throw new ScaffoldPathError(
      `Path leaves the workspace root ${absoluteRoot} through a symbolic link: ${requested}`,
      requested,
      root,
    );
  }
  return resolved;
}

/**
 * Classifies every planned file against the disk (`create` / `identical` / `conflict`). When `root`
 * is given, every path is first checked with {@link assertInsideRoot}. Duplicate paths in one plan
 * are a programming error and throw.
 *
 * @param plan the generator's output
 * @param root optional workspace root that every planned path must stay inside
 * @returns each file with its status, plus the list of conflicts
 */
export function checkPlan(plan: ScaffoldPlan, root?: string): PlanCheck {
  const seen = new Set<string>();
  const files: FileCheck[] = plan.files.map((file) => {
    if (!path.isAbsolute(file.path)) {
      throw new ScaffoldPathError(`Planned paths must be absolute: ${file.path}`, file.path, root ?? '');
    }
    const absolute = root === undefined ? path.normalize(file.path) : assertInsideRoot(root, file.path);
    if (seen.has(absolute)) throw new Error(`Generator ${plan.generator} planned ${absolute} twice`);
    seen.add(absolute);
    const expected = file.expectedContent === undefined ? {} : { expectedContent: file.expectedContent };
    return {
      path: absolute,
      content: file.content,
      ...expected,
      ...statusOf(absolute, file.content, file.expectedContent),
    };
  });
  return { generator: plan.generator, files, conflicts: files.filter((file) => file.status === 'conflict') };
}

function statusOf(
  absolute: string,
  content: string,
  expectedContent?: string,
): { status: FileStatus; reason?: string } {
  let stats;
  try {
    stats = lstatSync(absolute);
  } catch {
    if (expectedContent !== undefined && expectedContent !== '')
      return { status: 'conflict', reason: 'the file was removed after it was read' };
    return { status: 'create' };
  }
  if (stats.isDirectory()) return { status: 'conflict', reason: 'a directory exists at this path' };
  if (stats.isSymbolicLink()) {
    try {
      stats = statSync(absolute);
    } catch {
      return { status: 'conflict', reason: 'a broken symbolic link exists at this path' };
    }
    if (!stats.isFile()) return { status: 'conflict', reason: 'a symbolic link to a non-file exists at this path' };
  }
  if (!stats.isFile()) return { status: 'conflict', reason: 'something other than a regular file exists at this path' };
  const existing = readFileSync(absolute, 'utf8');
  if (existing === content) return { status: 'identical' };
  if (expectedContent !== undefined && existing === expectedContent) return { status: 'update' };
  return { status: 'conflict', reason: 'a file with different content exists' };
}

/** Options of {@link writePlan}. */
export interface WriteOptions {
  /** Workspace root every planned path must stay inside. Required: writing is never unguarded. */
  root: string;
  /** Replace conflicting files instead of refusing (directories are never replaced). */
  force?: boolean;
  /** Check everything and report what would be written, but write nothing. */
  dryRun?: boolean;
}

/** What {@link writePlan} did (or, with `dryRun`, would do). */
export interface WriteResult {
  /** Generator name copied from the plan. */
  generator: string;
  /** True when nothing was written because `dryRun` was set. */
  dryRun: boolean;
  /** Every planned file with its status before writing. */
  files: FileCheck[];
  /** Files that were (or would be) written: new files plus, with `force`, replaced conflicts. */
  written: FileCheck[];
  /** Files left alone because they already had the planned content. */
  unchanged: FileCheck[];
}

/**
 * Writes a plan all-or-nothing: every path is guarded and every file checked before the first
 * write; conflicts abort the whole plan with {@link ScaffoldConflictError} unless `force`; contents
 * are staged in temporary files next to their targets and only then renamed into place, so a
 * failure while staging leaves the disk as it was. With `dryRun` nothing is written and the
 * result lists exactly what would be.
 *
 * @param plan the generator's output
 * @param options root, force and dry-run settings
 * @returns the per-file statuses and what was written
 * @throws {ScaffoldPathError} when a path escapes the root
 * @throws {ScaffoldConflictError} when files conflict and `force` is not set
 * @throws {ScaffoldWriteError} when a file cannot be written (nothing of the plan is left behind)
 */
export function writePlan(plan: ScaffoldPlan, options: WriteOptions): WriteResult {
  const check = checkPlan(plan, options.root);
  const force = options.force === true;
  const unwritable = check.conflicts.filter((file) => file.reason !== 'a file with different content exists');
  if (unwritable.length > 0 || (check.conflicts.length > 0 && !force)) {
    throw new ScaffoldConflictError(force ? unwritable : check.conflicts);
  }
  const written = check.files.filter((file) => file.status !== 'identical');
  const unchanged = check.files.filter((file) => file.status === 'identical');
  const result: WriteResult = {
    generator: plan.generator,
    dryRun: options.dryRun === true,
    files: check.files,
    written,
    unchanged,
  };
  if (options.dryRun === true) return result;

  const createdDirectories: string[] = [];
  const staged: { temporary: string; target: string; previous: string | undefined }[] = [];
  let current = '';
  try {
    for (const file of written) {
      current = file.path;
      const directory = path.dirname(file.path);
      if (!existsSync(directory)) {
        const firstCreated = mkdirSync(directory, { recursive: true });
        if (firstCreated !== undefined) createdDirectories.push(firstCreated);
      }
      const temporary = path.join(
        directory,
        `.${path.basename(file.path)}.tripwire-${randomBytes(4).toString('hex')}.tmp`,
      );
      const previous = file.status === 'create' ? undefined : readFileSync(file.path, 'utf8');
      writeFileSync(temporary, file.content, { encoding: 'utf8', flag: 'wx' });
      staged.push({ temporary, target: file.path, previous });
    }
  } catch (error) {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    for (const directory of createdDirectories.reverse()) removeEmptyDirectories(directory);
    throw new ScaffoldWriteError(current, error);
  }
  const renamed: typeof staged = [];
  for (const entry of staged) {
    try {
      renameSync(entry.temporary, entry.target);
      renamed.push(entry);
    } catch (error) {
      // Put back what was already replaced, so the plan stays all or nothing.
      for (const { temporary } of staged) rmSync(temporary, { force: true });
      for (const done of renamed.reverse()) {
        if (done.previous === undefined) rmSync(done.target, { force: true });
        else writeFileSync(done.target, done.previous, 'utf8');
      }
      for (const directory of createdDirectories.reverse()) removeEmptyDirectories(directory);
      throw new ScaffoldWriteError(entry.target, error);
    }
  }
  return result;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder exists at that path',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
};

/** A planned file could not be written; nothing of the plan was left on disk. */
export class ScaffoldWriteError extends Error {
  /** The file that could not be written. */
  readonly target: string;
  /** Why, in words (from the system error code when there is one). */
  readonly reason: string;

  /**
   * @param target the planned file being written when the failure happened
   * @param cause the underlying error
   */
  constructor(target: string, cause: unknown) {
    const code =
      typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
        ? cause.code
        : undefined;
    const reason =
      (code === undefined ? undefined : REASONS[code]) ??
      (cause instanceof Error ? (cause.message.split('\n')[0] ?? cause.message) : String(cause));
    super(
      `Cannot write ${target}: ${reason}${code === undefined || REASONS[code] === undefined ? '' : ` (${code})`}; nothing was written.`,
      { cause },
    );
    this.name = 'ScaffoldWriteError';
    this.target = target;
    this.reason = reason;
  }
}

/** Removes `directory` if it (and, recursively, its subdirectories) is empty; never deletes a file. */
function removeEmptyDirectories(directory: string): void {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return;
  }
  for (const entry of entries) {
    const child = path.join(directory, entry);
    if (lstatSync(child).isDirectory()) removeEmptyDirectories(child);
  }
  try {
    rmdirSync(directory);
  } catch {
    // not empty (someone else wrote there) or already gone: leave it
  }
}

/** A replacement of `[start, end)` (UTF-16 offsets into a file's text) with `newText`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * One change to the workspace, in plain terms an editor front end can translate:
 * - `create`: a new file with its whole content (`replace` when it overwrites a conflicting file,
 *   which a front end should confirm with the user);
 * - `edit`: text edits of an existing file, as offsets into `text` (the text they were computed
 *   from); `version` is the editor's document version the text came from, or null for the disk.
 */
export type FileChange =
  | { kind: 'create'; path: string; content: string; replace: boolean; generator: string }
  | { kind: 'edit'; path: string; text: string; version: number | null; edits: OffsetEdit[]; generator?: string };

/** Options of {@link planChanges}. */
export interface PlanChangesOptions {
  /** Workspace root every planned path must stay inside. */
  root?: string;
  /** Replace conflicting files (each replacement is marked `replace`). */
  force?: boolean;
  /** A check computed earlier (skips reading the disk again). */
  check?: PlanCheck;
}

/**
 * Turns a plan into the ordered changes that realise it: new files become `create` changes, files
 * the generator computed from their current text (`update`) become one minimal `edit` each, and
 * identical files produce nothing. Conflicts throw {@link ScaffoldConflictError} unless `force`,
 * in which case they become `create` changes with `replace: true`.
 *
 * @param plan the generator's output
 * @param options root, force, and an optional earlier check
 * @returns the changes and the check they came from
 * @throws {ScaffoldConflictError} when files conflict and `force` is not set
 */
export function planChanges(
  plan: ScaffoldPlan,
  options: PlanChangesOptions = {},
): { changes: FileChange[]; check: PlanCheck } {
  const check = options.check ?? checkPlan(plan, options.root);
  const force = options.force === true;
  const blocking = check.conflicts.filter((file) => !force || file.reason !== 'a file with different content exists');
  if (blocking.length > 0) throw new ScaffoldConflictError(blocking);
  const changes: FileChange[] = [];
  for (const file of check.files) {
    if (file.status === 'identical') continue;
    if (file.status === 'update' && file.expectedContent !== undefined) {
      changes.push({
        kind: 'edit',
        path: file.path,
        text: file.expectedContent,
        version: null,
        edits: [minimalEdit(file.expectedContent, file.content)],
        generator: plan.generator,
      });
      continue;
    }
    changes.push({
      kind: 'create',
      path: file.path,
      content: file.content,
      replace: file.status === 'conflict',
      generator: plan.generator,
    });
  }
  return { changes, check };
}

/** One edit turning `before` into `after`, covering only the span between their common prefix and suffix. */
function minimalEdit(before: string, after: string): OffsetEdit {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix += 1;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

/**
 * Renders a check as the human-readable listing the CLI prints (one line per file, `create`,
 * `identical`, `conflict` or `replace` for forced conflicts), paths relative to `root` when given.
 *
 * @param check the statuses to list
 * @param options `root` to shorten paths, `force` to show conflicts as replacements
 * @returns one line per file, joined by newlines
 */
export function describeCheck(check: PlanCheck, options: { root?: string; force?: boolean } = {}): string {
  return check.files
    .map((file) => {
      const shown = options.root === undefined ? file.path : path.relative(options.root, file.path) || file.path;
      const status = file.status === 'conflict' && options.force === true ? 'replace' : file.status;
      const suffix = file.status === 'conflict' && file.reason !== undefined ? `  (${file.reason})` : '';
      return `${status.padEnd(9)} ${shown}${suffix}`;
    })
    .join('\n');
}
