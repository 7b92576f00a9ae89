/**
 * Type information for type-aware linting, from one TypeScript project service (the bundled
 * TypeScript; TypeScript plugins are never loaded).
 *
 * typescript-eslint's own `parserOptions.projectService` keeps a module-level service whose file
 * watchers are stubs: it never notices files that change on disk, which is why vscode-eslint users
 * see stale types across files until they restart the server. Tripwire owns the service instead,
 * hands the parser the current program (`parserOptions.programs`), and refreshes it itself:
 * - every lint opens the document with the editor's text (unsaved edits are seen by other files);
 * - closing a document reverts the service to the disk content;
 * - watched-file events reload changed files and, when files appear or disappear or a tsconfig changes,
 *   the projects;
 * - `reset()` ("Tripwire: Reload Type Information") drops the service; the next lint builds a fresh one.
 *
 * A project's program holds only what the open documents can see: the service lists a tsconfig's
 * files through {@link TypeInfo} (`readDirectory`), which keeps the open documents and the files that
 * can reach every file without being imported (scripts, `.d.ts` files included, whose declarations
 * are global; `declare global`; module augmentations) and leaves out the rest. The program then holds the open documents, what they import
 * (transitively), those global files and the `@types` packages: everything their types depend on,
 * and nothing of the project's other sources. A document opened later that the program does not hold
 * yet becomes a root of its project (the service adds it as a file that appeared in the tsconfig's
 * directories); one it already holds (imported by an open document) leaves the program as it is.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createProjectService, type TypeScriptProjectService } from '@typescript-eslint/project-service';
import ts from 'typescript';

/**
 * The folder holding TypeScript's `lib.*.d.ts`. TypeScript looks for them next to its own file, which
 * in the bundle is dist/server.js; the build is expected to copy them to `dist/typescript-lib/`. In a
 * repository checkout they are found in node_modules. Without them, `Promise` and friends would be
 * unresolved and every type-aware rule would see `any`.
 */
export function findTypeScriptLibDirectory(): string | undefined {
  const bundleDirectory = typeof __dirname === 'string' ? __dirname : undefined;
  const candidates: string[] = [];
  if (process.env['TRIPWIRE_TYPESCRIPT_LIB']) candidates.push(process.env['TRIPWIRE_TYPESCRIPT_LIB']);
  if (bundleDirectory) candidates.push(path.join(bundleDirectory, 'typescript-lib'), bundleDirectory);
  try {
    candidates.push(path.join(path.dirname(require.resolve('typescript/package.json')), 'lib'));
  } catch {
    // not resolvable (an installed extension): rely on the copy next to the bundle
  }
  return candidates.find((directory) => existsSync(path.join(directory, 'lib.es5.d.ts')));
}

export type FileChange = { path: string; kind: 'created' | 'changed' | 'deleted' };

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/i;
const ALWAYS_MODULE = /\.(?:mts|cts|mjs|cjs)$/i;

/**
 * Whether the declarations of a source file can reach files that never import it: a script (no
 * import or export: its declarations are global), a `declare global` block or a module augmentation
 * (`declare module "x"`). A false "yes" only costs memory; a "no" must be right, so anything that
 * looks like a module in JavaScript (require, module.exports) counts as a module only there.
 */
export function mayDeclareGlobals(fileName: string, text: string): boolean {
  if (/\bdeclare\s+(?:global\b|module\s+['"`])/.test(text)) return true;
  if (ALWAYS_MODULE.test(fileName)) return false;
  // `import(…)` alone leaves a file a script.
  if (/^[ \t]*(?:import\b(?!\s*\()|export\b)/m.test(text)) return false;
  if (/\.[cm]?jsx?$/i.test(fileName) && /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w+\s*=/.test(text))
    return false;
  return true;
}

function snapshotText(snapshot: ts.IScriptSnapshot): string {
  return snapshot.getText(0, snapshot.getLength());
}

/**
 * The one span that turns `before` into `after`: the text between their common prefix and common
 * suffix (offsets in `before`), or undefined when they are equal.
 */
export function changedSpan(
  before: string,
  after: string,
): { start: number; end: number; newText: string } | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let common = 0;
  while (
    common < shorter - start &&
    before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)
  )
    common++;
  return { start, end: before.length - common, newText: after.slice(start, after.length - common) };
}

export class TypeInfo {
  #service: TypeScriptProjectService | undefined;
  readonly #openInEditor = new Set<string>();
  /** {@link mayDeclareGlobals} of the project files read so far, by path, with the modification time it was read at. */
  readonly #globalsByFile = new Map<string, { mtimeMs: number; globals: boolean }>();
  #rootDirectory: string | undefined;
  /** Increments whenever type information may have changed for files other than the one just linted. */
  generation = 0;

  constructor(rootDirectory?: string) {
    this.#rootDirectory = rootDirectory;
  }

  get active(): boolean {
    return this.#service !== undefined;
  }

  /** Called once if TypeScript's lib.*.d.ts cannot be found (types would degrade to `any`). */
  onMissingLibraries: (() => void) | undefined;

  #ensureService(): TypeScriptProjectService {
    if (!this.#service) {
      const settings = this.#rootDirectory === undefined ? {} : { tsconfigRootDir: this.#rootDirectory };
      const libDirectory = findTypeScriptLibDirectory();
      if (libDirectory === undefined) this.onMissingLibraries?.();
      const host: Partial<ts.System> = {
        // A tsconfig's files are listed with readDirectory: keep only those an open document can see.
        readDirectory: (directory, extensions, excludes, includes, depth) =>
          ts.sys
            .readDirectory(directory, extensions, excludes, includes, depth)
            .filter((file) => this.#isProjectRoot(file)),
      };
      // TypeScript finds its default libraries next to the "executing file".
      if (libDirectory !== undefined) host.getExecutingFilePath = () => path.join(libDirectory, 'tsserver.js');
      // JSDoc gives types only in JavaScript files; TypeScript files (with every .d.ts) skip parsing it.
      const jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
      this.#service = createProjectService({ ...settings, host, jsDocParsingMode, options: {} }).service;
    }
    return this.#service;
  }

  /**
   * Whether a file a tsconfig lists is a root of its program: an open document, or a file whose
   * declarations reach files that do not import it. Other files enter the program only when imported.
   */
  #isProjectRoot(file: string): boolean {
    if (!SOURCE_FILE.test(file)) return true;
    const absolute = path.resolve(file);
    if (this.#openInEditor.has(absolute)) return true;
    try {
      const { mtimeMs } = statSync(absolute);
      const known = this.#globalsByFile.get(absolute);
      if (known?.mtimeMs === mtimeMs) return known.globals;
      const globals = mayDeclareGlobals(absolute, readFileSync(absolute, 'utf8'));
      this.#globalsByFile.set(absolute, { mtimeMs, globals });
      return globals;
    } catch {
      return true;
    }
  }

  /**
   * The up-to-date program containing `filePath` with `text` as its content, or undefined when the
   * file belongs to no project. Opening a file with new text marks its projects dirty; getProgram()
   * brings them up to date incrementally.
   */
  programFor(filePath: string, text: string): ts.Program | undefined {
    const service = this.#ensureService();
    const absolute = path.resolve(filePath);
    const opened = this.#openInEditor.has(absolute) ? service.getScriptInfo(absolute) : undefined;
    if (opened?.isScriptOpen()) {
      // Already open: hand the service only the changed span, so the language service reparses the
      // file incrementally (a whole new text would be parsed from scratch).
      const edit = changedSpan(snapshotText(opened.getSnapshot()), text);
      if (edit) opened.editContent(edit.start, edit.end, edit.newText);
    } else {
      // Open before the service looks at the file: a root of its project from now on (see #isProjectRoot).
      this.#openInEditor.add(absolute);
      service.openClientFile(absolute, text);
    }
    const info = opened ?? service.getScriptInfo(absolute);
    if (!info) return undefined;
    const project = service.getDefaultProjectForFile(info.fileName, true);
    return project?.getLanguageService(true).getProgram();
  }

  /**
   * Opens several documents at once (a new service catching up with the editor): each is a root of its
   * project from the start, so a program is built once rather than once per document it did not hold.
   * A document that belongs to no project is skipped; its own lint says why.
   */
  openDocuments(documents: readonly { filePath: string; text: string }[]): void {
    for (const document of documents) this.#openInEditor.add(path.resolve(document.filePath));
    for (const document of documents) {
      try {
        this.programFor(document.filePath, document.text);
      } catch {
        // reported by the document's own lint
      }
    }
  }

  /** The editor closed the document: the service goes back to what is on disk. */
  close(filePath: string): void {
    const absolute = path.resolve(filePath);
    if (!this.#openInEditor.delete(absolute) || !this.#service) return;
    this.#service.closeClientFile(absolute);
    this.generation += 1;
  }

  /** Files changed on disk (watched files). Returns true when anything the service knows about changed. */
  filesChanged(changes: readonly FileChange[]): boolean {
    const service = this.#service;
    if (!service) return false;
    let changed = false;
    let reloadProjects = false;
    for (const change of changes) {
      const absolute = path.resolve(change.path);
      const base = path.basename(absolute);
      if (/^tsconfig.*\.json$|^jsconfig.*\.json$|^package\.json$/.test(base) || change.kind !== 'changed') {
        reloadProjects = true;
        continue;
      }
      // The editor's text wins for open documents; the disk content matters once they close.
      if (this.#openInEditor.has(absolute)) continue;
      const info = service.getScriptInfo(absolute);
      if (info && info.reloadFromFile()) changed = true;
    }
    if (reloadProjects) {
      service.reloadProjects();
      changed = true;
    }
    if (changed) this.generation += 1;
    return changed;
  }

  /** Drops everything; the next type-aware lint starts a new project service. */
  reset(rootDirectory?: string): void {
    this.#service = undefined;
    this.#openInEditor.clear();
    this.#globalsByFile.clear();
    if (rootDirectory !== undefined) this.#rootDirectory = rootDirectory;
    this.generation += 1;
  }
}
