/**
 * Every variant of the layered module, generated side by side into one temporary project and
 * compiled by one real `tsc` program under strict settings, against the real validation libraries
 * (zod, valibot, yup, joi) and web frameworks (Express, Fastify, Hono, Koa with and without
 * @koa/router). The handler tests of every validation library then run, so each parser is exercised
 * by its library at run time, not only type-checked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { planLayerModule, VALIDATION_LIBRARIES, WEB_FRAMEWORKS } from '../../scaffold/src/layer/index.js';
import { writePlan } from '../../scaffold/src/plan.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tscBin = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');

const COMPILER_OPTIONS = {
  strict: true,
  target: 'es2022',
  lib: ['es2022', 'dom'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
};

interface Variant {
  folder: string;
  validation: (typeof VALIDATION_LIBRARIES)[number];
  framework: (typeof WEB_FRAMEWORKS)[number];
  koaRouter: boolean;
}

const variants: Variant[] = VALIDATION_LIBRARIES.flatMap((validation) => [
  ...WEB_FRAMEWORKS.map((framework) => ({
    folder: `${validation}-${framework}`,
    validation,
    framework,
    koaRouter: false,
  })),
  { folder: `${validation}-koa-router`, validation, framework: 'koa' as const, koaRouter: true },
]);

describe('layer scaffold: every validation library × web framework variant', () => {
  let root = '';
  const generated = new Map<string, string[]>();

  before(() => {
    root = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'tripwire-layer-variants-'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'variants', type: 'module' }));
    fs.writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ['src'] }),
    );
    // The libraries are the repository's dev dependencies: the project sees them through its own node_modules.
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    for (const variant of variants) {
      const directory = path.join(root, 'src', variant.folder);
      fs.mkdirSync(directory, { recursive: true });
      if (variant.koaRouter) {
        // @koa/router is used when the package the module lands in depends on it.
        fs.writeFileSync(
          path.join(directory, 'package.json'),
          JSON.stringify({ name: variant.folder, type: 'module', dependencies: { '@koa/router': '*' } }),
        );
        fs.writeFileSync(path.join(directory, 'tsconfig.json'), JSON.stringify({ compilerOptions: COMPILER_OPTIONS }));
      }
      const result = planLayerModule({
        resource: 'order',
        directory,
        root,
        validation: variant.validation,
        framework: variant.framework,
      });
      assert.equal(result.validation, variant.validation);
      assert.equal(result.framework, variant.framework);
      writePlan(result.plan, { root });
      generated.set(
        variant.folder,
        result.plan.files.map((file) => file.path),
      );
    }
  });

  after(() => {
    if (root !== '') fs.rmSync(root, { recursive: true, force: true });
  });

  it(`generates ${variants.length} variants, each importing its own library`, () => {
    assert.equal(variants.length, VALIDATION_LIBRARIES.length * (WEB_FRAMEWORKS.length + 1));
    const importOf = { zod: "from 'zod'", valibot: "from 'valibot'", yup: "from 'yup'", joi: "from 'joi'" } as const;
    for (const variant of variants) {
      const files = generated.get(variant.folder) ?? [];
      const handler = fs.readFileSync(files.find((file) => file.endsWith('order-handler.ts')) ?? '', 'utf8');
      if (variant.validation === 'none') assert.doesNotMatch(handler, /from '(zod|valibot|yup|joi)'/);
      else
        assert.ok(
          handler.includes(importOf[variant.validation]),
          `${variant.folder}: the handler imports ${variant.validation}`,
        );
      const routes = files.find((file) => file.endsWith('order-routes.ts'));
      assert.equal(
        routes !== undefined,
        variant.framework !== 'none',
        `${variant.folder}: a routes file exactly when a framework is chosen`,
      );
      if (variant.koaRouter) assert.match(fs.readFileSync(routes ?? '', 'utf8'), /from '@koa\/router'/);
    }
  });

  it('all of them compile in one strict tsc program against the real libraries', () => {
    const result = spawnSync(process.execPath, [tscBin, '-p', root], { encoding: 'utf8', cwd: root });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });

  it("each validation library's handler tests pass", () => {
    const tests = VALIDATION_LIBRARIES.flatMap((validation) =>
      (generated.get(`${validation}-none`) ?? []).filter((file) => file.endsWith('-handler.test.ts')),
    );
    assert.equal(tests.length, VALIDATION_LIBRARIES.length);
    const env = { ...process.env };
    delete env['NODE_TEST_CONTEXT'];
    const result = spawnSync(process.execPath, ['--import', tsxLoader, '--test', '--test-reporter=tap', ...tests], {
      encoding: 'utf8',
      cwd: root,
      env,
    });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.match(result.stdout, new RegExp(`# pass ${VALIDATION_LIBRARIES.length * 4}\\n# fail 0`));
  });

  it('says "an order" and never "a order" in any generated file', () => {
    for (const files of generated.values()) {
      for (const file of files) assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /\ba order\b/i, file);
    }
    const service = fs.readFileSync(
      generated.get('zod-none')?.find((file) => file.endsWith('order-service.ts')) ?? '',
      'utf8',
    );
    assert.match(service, /What creating an order needs/);
  });
});
