/**
 * Front end of the functional options generator shared by the CLI, the LSP command and the code
 * action: reads the file from disk, generates, and returns a {@link ScaffoldPlan} whose single file
 * carries `expectedContent`, so the write is refused if the file changed in between.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Project, ts } from 'ts-morph';
import { assertInsideRoot, type ScaffoldPlan } from '../plan.js';
import { sourceFileStyle } from '../project-style.js';
import {
  generateFunctionalOptions,
  optionsFileNameFor,
  OptionsGeneratorError,
  type OptionsTarget,
} from './generate-options.js';

export {
  generateFunctionalOptions,
  OptionsGeneratorError,
  optionsFileNameFor,
  regionStart,
  regionEnd,
  type OptionsTarget,
} from './generate-options.js';

export interface FunctionalOptionsRequest {
  /** Workspace root; the source and the generated file must stay inside it. */
  root: string;
  /** The file declaring the type (absolute or relative to `root`). */
  file: string;
  /** Name of the class, interface or type alias. */
  typeName: string;
  /** `same-file` (default) or `options-file`. */
  target?: OptionsTarget;
  /** Text of the source as the editor has it (unsaved changes); read from disk when omitted. */
  sourceText?: string;
}

export interface FunctionalOptionsPlan {
  plan: ScaffoldPlan;
  /** True when the type is unchanged since the last run: the plan's file is identical. */
  unchanged: boolean;
  /** Properties whose default is a placeholder to fill in. */
  placeholders: string[];
  /** Optional properties left unset (`undefined`) because nothing gave them a default. */
  unset: string[];
}

/** What the user should know about the defaults: which start unset, which must be filled in. */
export function defaultsNotes(typeName: string, unset: readonly string[], placeholders: readonly string[]): string[] {
  const notes: string[] = [];
  if (unset.length > 0) {
    notes.push(
      `${typeName}: left unset (undefined until an option sets them), since nothing gave them a default: ${unset.join(', ')}.`,
    );
  }
  if (placeholders.length > 0) {
    notes.push(
      `${typeName}: no valid default could be inferred for ${placeholders.join(', ')}: replace the TODO placeholders (they fail type-checking until you do).`,
    );
  }
  return notes;
}

function projectFor(file: string): Project {
  let dir = path.dirname(file);
  let tsconfig: string | undefined;
  for (;;) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (existsSync(candidate)) {
      tsconfig = candidate;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  try {
    if (tsconfig !== undefined) return new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true });
  } catch {
    // A broken tsconfig must not stop generation: fall back to strict defaults.
  }
  return new Project({ compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022 } });
}

/** Plans the functional options of `typeName`, declared in `file`. */
export function planFunctionalOptions(request: FunctionalOptionsRequest): FunctionalOptionsPlan {
  const source = assertInsideRoot(request.root, request.file);
  if (request.typeName.trim() === '')
    throw new OptionsGeneratorError('Give the name of the class, interface or type alias.');
  let sourceText = request.sourceText;
  if (sourceText === undefined) {
    if (!existsSync(source)) throw new OptionsGeneratorError(`No such file: ${request.file}`);
    sourceText = readFileSync(source, 'utf8');
  }
  const target = request.target ?? 'same-file';
  const optionsFile = optionsFileNameFor(source);
  if (target === 'options-file') assertInsideRoot(request.root, optionsFile);
  const optionsFileText =
    target === 'options-file' && existsSync(optionsFile) ? readFileSync(optionsFile, 'utf8') : undefined;

  const project = projectFor(source);
  project.createSourceFile(source, sourceText, { overwrite: true });
  project.resolveSourceFileDependencies();

  const result = generateFunctionalOptions({
    fileName: source,
    sourceText,
    typeName: request.typeName,
    target,
    ...(optionsFileText === undefined ? {} : { optionsFileText }),
    style: sourceFileStyle(source, sourceText, request.root),
    project,
  });
  const expected =
    target === 'same-file' || optionsFileText !== undefined ? { expectedContent: result.previousText } : {};
  const notes = defaultsNotes(request.typeName, result.unset, result.placeholders);
  return {
    plan: {
      generator: 'functional-options',
      files: [{ path: result.fileName, content: result.text, ...expected }],
      ...(notes.length === 0 ? {} : { notes }),
    },
    unchanged: result.unchanged,
    placeholders: result.placeholders,
    unset: result.unset,
  };
}
