/**
 * Which files of a TypeScript program import which, read from the module resolutions the program
 * already made (nothing is parsed or resolved again). Built once per program object: the project
 * service hands out a new program whenever a file changes, so one edit pays for one graph, however
 * many files are linted against that program.
 *
 * The dependents of a file are the files whose types may change when it changes:
 * - every file that imports it (`import`, `import type`, `export … from`, `import()`, `require`);
 * - and, because types flow through re-exports, every file that imports a file re-exporting it
 *   (`export … from`), along chains of re-exports of any length (`a.ts` ← `index.ts` ← `b.ts`).
 * Files further away (a file importing a plain importer) are left out: their types change only when
 * an importer's inferred exports change, and they pick that up at their own next lint.
 */
import path from 'node:path';
import ts from 'typescript';

/** Program methods TypeScript uses for its own services but leaves out of its public typings. */
interface ResolvingProgram extends ts.Program {
  getResolvedModule?(
    file: ts.SourceFile,
    moduleName: string,
    mode: ts.ResolutionMode,
  ): ts.ResolvedModuleWithFailedLookupLocations | undefined;
  forEachResolvedModule?(
    callback: (resolution: ts.ResolvedModuleWithFailedLookupLocations, moduleName: string) => void,
    file?: ts.SourceFile,
  ): void;
}

export class ImportGraph {
  /** File name → the files that import it. */
  readonly #importers = new Map<string, Set<string>>();
  /** File name → the files it re-exports from (`export … from`). */
  readonly #reexports = new Map<string, Set<string>>();

  constructor(program: ts.Program) {
    const resolving = program as ResolvingProgram;
    if (!resolving.forEachResolvedModule || !resolving.getResolvedModule)
      throw new Error('this TypeScript version does not expose the program’s module resolutions');
    for (const sourceFile of program.getSourceFiles()) {
      // Library files never import the project's sources.
      if (program.isSourceFileDefaultLibrary(sourceFile) || program.isSourceFileFromExternalLibrary(sourceFile))
        continue;
      // TypeScript's file names are absolute with forward slashes; they are the keys, as they come.
      const importer = sourceFile.fileName;
      resolving.forEachResolvedModule((resolution) => {
        const target = resolution.resolvedModule?.resolvedFileName;
        if (target !== undefined) addTo(this.#importers, target, importer);
      }, sourceFile);
      for (const statement of sourceFile.statements) {
        if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier) continue;
        const specifier = statement.moduleSpecifier;
        if (!ts.isStringLiteralLike(specifier)) continue;
        const mode = program.getModeForUsageLocation(sourceFile, specifier);
        const target = resolving.getResolvedModule(sourceFile, specifier.text, mode)?.resolvedModule?.resolvedFileName;
        if (target !== undefined) addTo(this.#reexports, importer, target);
      }
    }
  }

  /** The files (absolute paths) that import `filePath` directly. */
  importersOf(filePath: string): string[] {
    return [...(this.#importers.get(fileNameOf(filePath)) ?? [])].map((name) => path.resolve(name));
  }

  /** The files (absolute paths) whose types may depend on `filePath` (see the module comment), without the file itself, sorted. */
  dependentsOf(filePath: string): string[] {
    const changed = fileNameOf(filePath);
    const dependents = new Set<string>();
    const reached = new Set([changed]);
    const pending = [changed];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      for (const importer of this.#importers.get(next) ?? []) {
        dependents.add(importer);
        // A file that re-exports `next` passes its types on to its own importers.
        if (!reached.has(importer) && this.#reexports.get(importer)?.has(next)) {
          reached.add(importer);
          pending.push(importer);
        }
      }
    }
    dependents.delete(changed);
    return [...dependents].map((name) => path.resolve(name)).sort();
  }
}

/** An absolute path as TypeScript names files: forward slashes on every platform. */
function fileNameOf(filePath: string): string {
  const absolute = path.resolve(filePath);
  return path.sep === '\\' ? absolute.replaceAll('\\', '/') : absolute;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

const graphs = new WeakMap<ts.Program, ImportGraph>();

/** The import graph of `program`, built on first use and kept as long as the program is. */
export function importGraphOf(program: ts.Program): ImportGraph {
  let graph = graphs.get(program);
  if (!graph) {
    graph = new ImportGraph(program);
    graphs.set(program, graph);
  }
  return graph;
}
