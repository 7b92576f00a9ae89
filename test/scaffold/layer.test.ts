import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import tripwire from '../../rules/src/index.js';
import layerBoundaries from '../../rules/src/rules/layer-boundaries.js';
import { planLayerModule, resourceNames, ResourceNameError } from '../../scaffold/src/layer/index.js';
import { checkPlan, ScaffoldConflictError, ScaffoldPathError, writePlan } from '../../scaffold/src/plan.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tscBin = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const workDir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'tripwire-layer-'));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** A fresh project folder with package.json and a strict tsconfig.json. */
function makeProject(
  name: string,
  manifest: Record<string, unknown> = {},
  extraFiles: Record<string, string> = {},
): string {
  const root = path.join(workDir, name);
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name, type: 'module', ...manifest }, null, 2));
  fs.writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(repoRoot, 'node_modules', '@types')],
        noUnusedLocals: true,
        noUnusedParameters: true,
        noImplicitReturns: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
      },
      include: ['src'],
    }),
  );
  for (const [file, text] of Object.entries(extraFiles)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function lint(root: string, files: string[]): Linter.LintMessage[] {
  const linter = new Linter({ cwd: root });
  const recommended = tripwire.configs.recommended as Linter.Config;
  const config: Linter.Config[] = [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
    recommended,
  ];
  // Until the registry lists the rule in `recommended`, enable it from its source file.
  if (recommended.rules?.['tripwire/layer-boundaries'] === undefined) {
    config.push({
      files: ['**/*.ts'],
      plugins: { layers: { rules: { 'layer-boundaries': layerBoundaries } } as never },
      rules: { 'layers/layer-boundaries': 'error' },
    });
  }
  return files.flatMap((file) =>
    linter
      .verify(fs.readFileSync(file, 'utf8'), config, { filename: file })
      .map((message) => ({ ...message, message: `${path.relative(root, file)}: ${message.message}` })),
  );
}

describe('layer scaffold: resource names', () => {
  it('derives kebab, camel, Pascal and plural consistently from any spelling', () => {
    for (const input of ['order-item', 'orderItem', 'OrderItem', 'order_item', ' order-item ']) {
      assert.deepEqual(resourceNames(input), {
        kebab: 'order-item',
        camel: 'orderItem',
        pascal: 'OrderItem',
        kebabPlural: 'order-items',
        words: 'order item',
        wordsPlural: 'order items',
        aWords: 'an order item',
      });
    }
    assert.equal(resourceNames('category').kebabPlural, 'categories');
    assert.equal(resourceNames('box').kebabPlural, 'boxes');
    assert.equal(resourceNames('HTTPRoute').kebab, 'http-route');
  });

  it('rejects empty, path-like, reserved and invalid names with a clear message', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['   ', /empty/],
      ['../order', /looks like a path/],
      ['/etc/order', /looks like a path/],
      ['orders/item', /looks like a path/],
      ['..', /looks like a path/],
      ['1order', /start with a letter/],
      ['order--item', /start with a letter/],
      ['ordér', /start with a letter/],
      ['class', /reserved word/],
      ['delete', /reserved word/],
    ];
    for (const [input, message] of cases) {
      assert.throws(
        () => resourceNames(input),
        (error: unknown) => error instanceof ResourceNameError && message.test(error.message),
        input,
      );
    }
  });
});

describe('layer scaffold: a generated module compiles, passes its tests and lints clean', () => {
  let root = '';
  let files: string[] = [];

  before(() => {
    root = makeProject('plain');
    const result = planLayerModule({ resource: 'order-item', directory: 'src', root });
    assert.equal(result.validation, 'none');
    assert.equal(result.framework, 'none');
    assert.equal(result.runner, 'node');
    writePlan(result.plan, { root });
    files = result.plan.files.map((file) => file.path);
  });

  it('writes every layer, the wiring and the tests', () => {
    assert.deepEqual(
      files.map((file) => path.relative(root, file).split(path.sep).join('/')),
      [
        'src/order-item/model/order-item.ts',
        'src/order-item/common/order-item-errors.ts',
        'src/order-item/common/order-item-id.ts',
        'src/order-item/dao/order-item-dao.ts',
        'src/order-item/dao/in-memory-order-item-dao.ts',
        'src/order-item/service/order-item-service.ts',
        'src/order-item/handler/order-item-handler.ts',
        'src/order-item/index.ts',
        'src/order-item/service/order-item-service.test.ts',
        'src/order-item/handler/order-item-handler.test.ts',
      ],
    );
    const handlerText = fs.readFileSync(path.join(root, 'src/order-item/handler/order-item-handler.ts'), 'utf8');
    assert.doesNotMatch(handlerText, /from '\.\.\/(model|dao)\//, 'handlers import neither models nor data access');
    assert.match(
      handlerText,
      /function isRecord\(value: unknown\)/,
      'hand-written guards without a validation library',
    );
  });

  it('compiles with tsc --strict (plus exactOptionalPropertyTypes, noUncheckedIndexedAccess)', () => {
    const result = spawnSync(process.execPath, [tscBin, '-p', root], { encoding: 'utf8', cwd: root });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });

  it('its service and handler tests pass', () => {
    const tests = files.filter((file) => file.endsWith('.test.ts'));
    // Without NODE_TEST_CONTEXT the child reports in TAP to its own stdout instead of to this runner.
    const env = { ...process.env };
    delete env['NODE_TEST_CONTEXT'];
    const result = spawnSync(process.execPath, ['--import', tsxLoader, '--test', '--test-reporter=tap', ...tests], {
      encoding: 'utf8',
      cwd: root,
      env,
    });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.match(result.stdout, /# pass 8\n# fail 0/);
  });

  it('lints clean under tripwire recommended and layer-boundaries; a reversed import is caught', () => {
    assert.deepEqual(
      lint(root, files).map((message) => `${message.ruleId}: ${message.message}`),
      [],
    );
    const reversed = path.join(root, 'src/order-item/dao/audit.ts');
    fs.writeFileSync(
      reversed,
      "import { createOrderItemService } from '../service/order-item-service.js';\nexport const audit = createOrderItemService;\n",
    );
    const messages = lint(root, [reversed]);
    assert.equal(messages.length, 1);
    assert.match(messages[0]?.ruleId ?? '', /^(tripwire|layers)\/layer-boundaries$/);
    assert.match(messages[0]?.message ?? '', /dao (layer )?must not import/);
    fs.rmSync(reversed);
  });

  it('a re-run is all identical; a changed file is a conflict and nothing is written', () => {
    const again = planLayerModule({ resource: 'OrderItem', directory: 'src', root });
    assert.ok(checkPlan(again.plan, root).files.every((file) => file.status === 'identical'));
    const edited = path.join(root, 'src/order-item/service/order-item-service.ts');
    fs.appendFileSync(edited, '// my change\n');
    const removed = path.join(root, 'src/order-item/common/order-item-id.ts');
    const removedText = fs.readFileSync(removed, 'utf8');
    fs.rmSync(removed);
    const check = checkPlan(again.plan, root);
    assert.deepEqual(
      check.conflicts.map((file) => path.basename(file.path)),
      ['order-item-service.ts'],
    );
    assert.throws(() => writePlan(again.plan, { root }), ScaffoldConflictError);
    assert.equal(fs.existsSync(removed), false, 'all or nothing: the missing file was not recreated either');
    assert.match(fs.readFileSync(edited, 'utf8'), /my change/);
    const dry = writePlan(again.plan, { root, dryRun: true, force: true });
    assert.equal(dry.written.length, 2);
    assert.equal(fs.existsSync(removed), false, 'a dry run writes nothing');
    fs.writeFileSync(removed, removedText);
  });
});

describe('layer scaffold: adapts to the project', () => {
  it('uses zod and registers Express routes when the project depends on them, and vitest for tests', () => {
    const root = makeProject('deps', {
      dependencies: { zod: '^4.0.0', express: '^5.0.0' },
      devDependencies: { vitest: '^3.0.0' },
    });
    const result = planLayerModule({ resource: 'order', directory: 'src', root });
    assert.equal(result.validation, 'zod');
    assert.equal(result.framework, 'express');
    assert.equal(result.runner, 'vitest');
    const byName = new Map(result.plan.files.map((file) => [path.basename(file.path), file.content]));
    assert.match(byName.get('order-handler.ts') ?? '', /import \{ z \} from 'zod';/);
    assert.match(byName.get('order-handler.ts') ?? '', /safeParse\(body\)/);
    assert.match(
      byName.get('order-routes.ts') ?? '',
      /export function registerOrderRoutes\(router: Router, handlers: OrderHandlers\): void/,
    );
    assert.match(byName.get('order-routes.ts') ?? '', /router\.post\('\/orders'/);
    assert.match(byName.get('order-service.test.ts') ?? '', /import \{ describe, expect, it \} from 'vitest';/);
  });

  it('follows the project’s indentation and quotes', () => {
    const root = makeProject(
      'tabs',
      {},
      {
        'src/existing.ts':
          'export function f(): string {\n\tif (Math.random() > 2) {\n\t\treturn "a";\n\t}\n\treturn "b";\n}\n',
      },
    );
    const result = planLayerModule({ resource: 'order', directory: 'src', root });
    const service = result.plan.files.find((file) => file.path.endsWith('order-service.ts'))?.content ?? '';
    assert.match(service, /\n\tconst newId = /);
    assert.match(service, /from "\.\.\/common\/order-errors\.js";/);
  });

  it('rejects a folder outside the workspace and an invalid resource before planning anything', () => {
    const root = makeProject('guard');
    assert.throws(() => planLayerModule({ resource: 'order', directory: '../elsewhere', root }), ScaffoldPathError);
    assert.throws(() => planLayerModule({ resource: '../../etc', directory: 'src', root }), ResourceNameError);
  });
});
