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
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createProjectService, type TypeScriptProjectService } from '@typescript-eslint/project-service';
import type ts from 'typescript';

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

export class TypeInfo {
  #service: TypeScriptProjectService | undefined;
  readonly #openInEditor = new Set<string>();
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
      // TypeScript finds its default libraries next to the "executing file".
      const host =
        libDirectory === undefined
          ? {}
          : { host: { getExecutingFilePath: () => path.join(libDirectory, 'tsserver.js') } };
      this.#service = createProjectService({ ...settings, ...host, options: {} }).service;
    }
    return this.#service;
  }

  /**
   * The up-to-date program containing `filePath` with `text` as its content, or undefined when the
   * file belongs to no project. Opening a file with new text marks its projects dirty; getProgram()
   * brings them up to date incrementally.
   */
  programFor(filePath: string, text: string): ts.Program | undefined {
    const service = this.#ensureService();
    const absolute = path.resolve(filePath);
    service.openClientFile(absolute, text);
    this.#openInEditor.add(absolute);
    const info = service.getScriptInfo(absolute);
    if (!info) return undefined;
    const project = service.getDefaultProjectForFile(info.fileName, true);
    return project?.getLanguageService(true).getProgram();
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
    if (rootDirectory !== undefined) this.#rootDirectory = rootDirectory;
    this.generation += 1;
  }
}
