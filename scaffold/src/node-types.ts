/**
 * Whether Node's type declarations reach the files a plan writes. Generated tests import
 * `node:test` and `node:assert`; in a TypeScript project whose tsconfig does not see `@types/node`
 * (`tsc --init` writes `"types": []`) they fail with "Cannot find name 'node:test'". The CLI
 * says what to add before it writes.
 */
import path from 'node:path';
import ts from 'typescript';
import type { ScaffoldPlan } from './plan.js';
import { findUp } from './project-style.js';

/** How `@types/node` stands for one folder's TypeScript project. */
export interface NodeTypesCheck {
  /** The tsconfig.json that governs the folder. */
  tsconfig: string;
  /** `@types/node` resolves from the folder (it is installed). */
  installed: boolean;
  /** The tsconfig lets it in: no `types` list, or one that names `node`. */
  listed: boolean;
}

/**
 * Checks whether Node's types are visible to the TypeScript project governing `directory`.
 *
 * @param directory a folder that will hold TypeScript files (it need not exist)
 * @returns the check, or undefined when no readable tsconfig.json governs the folder
 */
export function checkNodeTypes(directory: string): NodeTypesCheck | undefined {
  let existing = path.resolve(directory);
  while (!ts.sys.directoryExists(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const tsconfig = findUp(existing, 'tsconfig.json');
  if (tsconfig === undefined) return undefined;
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error !== undefined) return undefined;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
  const types = parsed.options.types;
  const listed = types === undefined || types.includes('node');
  const resolution = ts.resolveTypeReferenceDirective(
    'node',
    path.join(path.resolve(directory), 'tripwire-probe.ts'),
    parsed.options,
    ts.sys,
  );
  return { tsconfig, installed: resolution.resolvedTypeReferenceDirective?.resolvedFileName !== undefined, listed };
}

const NODE_IMPORT = /\bfrom\s+['"]node:(?:test|assert(?:\/strict)?)['"]/;

/**
 * What the user must add so the plan's TypeScript files that import `node:test` or `node:assert`
 * compile: one note per tsconfig that does not see Node's types.
 *
 * @param plan the generator's output
 * @returns the notes (empty when nothing is missing)
 */
export function nodeTypesNotes(plan: ScaffoldPlan): string[] {
  const notes = new Map<string, string>();
  for (const file of plan.files) {
    if (!/\.[cm]?tsx?$/.test(file.path) || !NODE_IMPORT.test(file.content)) continue;
    const check = checkNodeTypes(path.dirname(file.path));
    if (check === undefined || (check.installed && check.listed) || notes.has(check.tsconfig)) continue;
    const steps: string[] = [];
    if (!check.installed) steps.push('run `npm i -D @types/node`');
    if (!check.listed) steps.push('set "types": ["node"] in its compilerOptions (or add "node" to the list)');
    notes.set(
      check.tsconfig,
      `Node's types are not visible to ${check.tsconfig}, so the generated tests fail with "Cannot find name 'node:test'": ${steps.join(' and ')}.`,
    );
  }
  return [...notes.values()];
}
