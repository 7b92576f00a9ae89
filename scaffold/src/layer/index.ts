/**
 * The layered-module generator shared by the CLI (`scaffold layer <resource> --dir <folder>`), the
 * LSP command and the VS Code command. It detects the project's validation library, web framework,
 * test runner and code style, renders `handler/`, `service/`, `common/`, `dao/`, `model/`, the
 * module's wiring `index.ts` and tests, and returns one {@link ScaffoldPlan} (all or nothing; the
 * front ends check conflicts and write).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adaptSource } from '../concurrency.js';
import { assertInsideRoot, type ScaffoldPlan } from '../plan.js';
import { detectProjectStyle, findUp, type ProjectStyle } from '../project-style.js';
import { resourceNames, type ResourceNames } from './names.js';
import { renderLayerFiles, type LayerTestRunner, type ValidationLibrary, type WebFramework } from './templates.js';

export { resourceNames, ResourceNameError, type ResourceNames } from './names.js';
export type { LayerTestRunner, ValidationLibrary, WebFramework } from './templates.js';

export const VALIDATION_LIBRARIES: readonly ValidationLibrary[] = ['zod', 'valibot', 'yup', 'joi', 'none'];
export const WEB_FRAMEWORKS: readonly WebFramework[] = ['express', 'fastify', 'koa', 'hono', 'none'];

export interface LayerScaffoldRequest {
  /** Resource name: `order`, `order-item`, `OrderItem`… */
  resource: string;
  /** Folder that receives `<resource>/` (absolute, or relative to `root`). */
  directory: string;
  /** Workspace root no generated path may leave (defaults to `directory`). */
  root?: string;
  /** Validation library; detected from package.json when omitted. */
  validation?: ValidationLibrary;
  /** Web framework for route registration; detected from package.json when omitted. */
  framework?: WebFramework;
  /** Generate the service and handler tests (default true). */
  tests?: boolean;
  /** Overrides for the detected project style. */
  style?: Partial<ProjectStyle>;
}

export interface LayerScaffoldResult {
  plan: ScaffoldPlan;
  names: ResourceNames;
  /** The module folder (`<directory>/<kebab>`). */
  moduleDirectory: string;
  validation: ValidationLibrary;
  framework: WebFramework;
  runner: LayerTestRunner;
}

function dependencies(packageRoot: string | undefined): Set<string> {
  const names = new Set<string>();
  if (packageRoot === undefined) return names;
  try {
    const manifest: unknown = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
    if (typeof manifest === 'object' && manifest !== null) {
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
        const value: unknown = (manifest as Record<string, unknown>)[field];
        if (typeof value === 'object' && value !== null) for (const name of Object.keys(value)) names.add(name);
      }
    }
  } catch {
    // No readable package.json: no libraries.
  }
  return names;
}

/** The first validation library the project depends on, in the order zod, valibot, yup, joi. */
export function detectValidation(deps: ReadonlySet<string>): ValidationLibrary {
  return (['zod', 'valibot', 'yup', 'joi'] as const).find((name) => deps.has(name)) ?? 'none';
}

/** The web framework the project depends on, in the order express, fastify, hono, koa. */
export function detectFramework(deps: ReadonlySet<string>): WebFramework {
  return (['express', 'fastify', 'hono', 'koa'] as const).find((name) => deps.has(name)) ?? 'none';
}

/** Plans a layered module; throws {@link ResourceNameError} or a path error for bad input. */
export function planLayerModule(request: LayerScaffoldRequest): LayerScaffoldResult {
  const names = resourceNames(request.resource);
  const root = path.resolve(request.root ?? request.directory);
  const directory = assertInsideRoot(root, path.resolve(root, request.directory));
  const moduleDirectory = assertInsideRoot(root, path.join(directory, names.kebab));

  // Reading above the root is harmless (package.json, tsconfig.json); only writes are confined to it.
  const detected = detectProjectStyle(directory);
  const style: ProjectStyle = { ...detected, ...request.style };
  if (style.language !== 'ts') {
    throw new Error(
      `The layered module is generated as TypeScript, but no tsconfig.json governs ${directory}. Add one (e.g. \`npx tsc --init\`) and run the generator again.`,
    );
  }
  const manifestPath =
    style.packageRoot ?? path.dirname(findUp(directory, 'package.json') ?? path.join(root, 'package.json'));
  const deps = dependencies(manifestPath);
  const validation = request.validation ?? detectValidation(deps);
  const framework = request.framework ?? detectFramework(deps);
  const koaRouter = deps.has('@koa/router') ? '@koa/router' : deps.has('koa-router') ? 'koa-router' : undefined;
  const runner: LayerTestRunner = style.testRunner;

  const files = renderLayerFiles(
    { names, validation, framework, koaRouter, runner, jestGlobalsImport: deps.has('@jest/globals') },
    request.tests !== false,
  );
  const extension = style.language === 'ts' ? '.ts' : '.js';
  const plannedFiles = files.map((file) => {
    const target = path.join(moduleDirectory, file.path.replace(/\.ts$/, extension));
    let content: string;
    try {
      content = adaptSource(file.content, style, path.basename(file.path));
    } catch (error) {
      throw new Error(
        `Cannot adapt ${file.path} to this project (${style.language}, ${style.moduleKind}): ${error instanceof Error ? error.message : String(error)}. Add a tsconfig.json to generate TypeScript.`,
      );
    }
    return { path: assertInsideRoot(root, target), content };
  });
  return {
    plan: { generator: 'layer', files: plannedFiles },
    names,
    moduleDirectory,
    validation,
    framework,
    runner,
  };
}
