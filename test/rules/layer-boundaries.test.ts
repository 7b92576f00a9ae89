import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Linter } from 'eslint';
import rule, {
  CACHE_CAPACITY,
  cacheSizes,
  resolveImport,
  resolverInputs,
} from '../../rules/src/rules/layer-boundaries.js';
import { BoundedMap } from '../../rules/src/util/bounded-map.js';
import { createJavaScriptRuleTester, createRuleTester } from './rule-tester.js';

// Resolution reads the file system, so the cases lint files of a real project written to a temp folder.
const root = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'tripwire-layers-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'layers-fixture',
    type: 'module',
    imports: {
      '#dao/*': './src/order/dao/*.js',
      '#model': { types: './src/order/model/order.ts', default: './src/order/model/order.js' },
      '#dist/*': './dist/*.js',
      '#broken/*': './src/order/service/gone/*.js',
      '#lodash': 'lodash',
    },
  }),
  'tsconfig.base.json': `{
    // Comments and trailing commas, as tsconfig allows.
    "compilerOptions": {
      "paths": {
        "@app/*": ["./src/*"],
        "@/*": ["./src/*"],
        "@svc": ["./src/order/service/index.ts"],
      },
      "outDir": "./dist",
      "rootDir": "./src",
    },
  }`,
  'tsconfig.json': '{ "extends": "./tsconfig.base.json", "include": ["src"] }',
  'src/order/index.ts': 'export {};',
  'src/order/handler/order-handler.ts': 'export {};',
  'src/order/service/order-service.ts': 'export {};',
  'src/order/service/pricing.ts': 'export {};',
  'src/order/service/index.ts': 'export {};',
  'src/order/common/errors.ts': 'export {};',
  'src/order/dao/order-dao.ts': 'export {};',
  'src/order/dao/memory/index.ts': 'export {};',
  'src/order/model/order.ts': 'export {};',
  'src/order/model/legacy.js': 'export {};',
  'src/api/users.ts': 'export {};',
  'src/api/users.test.ts': 'export {};',
  'src/core/user.ts': 'export {};',
  'src/service/handler/nested.ts': 'export {};',
  'legacy/baseurl/tsconfig.json': '{ "compilerOptions": { "baseUrl": "./src" } }',
  'legacy/baseurl/src/billing/service/invoice.ts': 'export {};',
  'legacy/baseurl/src/billing/handler/invoice-handler.ts': 'export {};',
  'legacy/baseurl/src/billing/dao/invoice-dao.ts': 'export {};',
};
for (const [relative, text] of Object.entries(files)) {
  const full = path.join(root, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

const at = (relative: string): string => path.join(root, relative);
// A second folder with no package.json, no tsconfig and no neighbours, as when files are linted on their own.
const lonelyRoot = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'tripwire-lonely-'));
after(() => fs.rmSync(lonelyRoot, { recursive: true, force: true }));
const lonely = (relative: string): string => path.join(lonelyRoot, relative);
const handler = at('src/order/handler/order-handler.ts');
const service = at('src/order/service/order-service.ts');
const common = at('src/order/common/errors.ts');
const dao = at('src/order/dao/order-dao.ts');
const model = at('src/order/model/order.ts');

const ruleTester = createRuleTester();

ruleTester.run('layer-boundaries', rule, {
  valid: [
    // Each allowed direction.
    { filename: handler, code: "import { createOrderService } from '../service/order-service.js';" },
    { filename: handler, code: "import { NotFoundError } from '../common/errors.js';" },
    { filename: service, code: "import type { OrderDao } from '../dao/order-dao.js';" },
    { filename: service, code: "import { NotFoundError } from '../common/errors';" },
    { filename: service, code: "import type { Order } from '../model/order.js';" },
    { filename: dao, code: "import type { Order } from '../model/order.js';\nimport '../common/errors.js';" },
    { filename: common, code: "import type { Order } from '../model/order.js';" },
    // Within a layer, and index files.
    { filename: service, code: "import { price } from './pricing.js';\nimport * as all from './index.js';" },
    { filename: dao, code: "export { InMemoryOrderDao } from './memory';" },
    // A file outside every layer may import any layer; so may the composition root.
    { filename: at('src/order/index.ts'), code: "import './handler/order-handler.js';\nimport './dao/order-dao.js';" },
    { filename: at('src/order/index.ts'), code: "import './handler/missing.js';" },
    // Packages and built-ins are not layers.
    { filename: handler, code: "import express from 'express';\nimport fs from 'node:fs';\nimport { z } from 'zod';" },
    // Aliases that resolve to an allowed layer.
    { filename: handler, code: "import { createOrderService } from '@app/order/service/order-service';" },
    { filename: handler, code: "import { createOrderService } from '@svc';" },
    { filename: service, code: "import { OrderDao } from '#dao/order-dao';" },
    { filename: service, code: "import { OrderDao } from '#dist/order/dao/order-dao';" },
    { filename: service, code: "import _ from '#lodash';" },
    // Dynamic import and require in allowed directions.
    { filename: handler, code: "const mod = await import('../service/order-service.js');" },
    { filename: handler, code: "const errors = require('../common/errors');" },
    // A local function named require is not a module load.
    {
      filename: dao,
      code: "function require(name: string) { return name; }\nrequire('../service/order-service.js');",
    },
    // Computed specifiers cannot be checked statically and are left alone.
    { filename: dao, code: 'const name = "order-service"; await import(`../service/${name}.js`);' },
    // Type-only imports can be excused.
    {
      filename: handler,
      code: "import type { Order } from '../model/order.js';",
      options: [{ checkTypeImports: false }],
    },
    // Unresolved reporting can be switched off.
    { filename: service, code: "import '../dao/missing.js';", options: [{ reportUnresolved: false }] },
    // .js target next to a .ts layer file: `.js` → `.ts` probing also keeps real .js files.
    { filename: service, code: "import legacy from '../model/legacy.js';" },
    // Custom globs: api may use core, and test files are excluded from the api layer.
    {
      filename: at('src/api/users.ts'),
      code: "import { User } from '../core/user.js';",
      options: [{ layers: { api: '**/api/**', core: '**/core/**' }, allow: { api: ['core'] } }],
    },
    {
      filename: at('src/core/user.ts'),
      code: "import '../api/users.test.js';",
      options: [{ layers: { api: ['**/api/**', '!**/*.test.ts'], core: ['**/core/**'] }, allow: { api: ['core'] } }],
    },
    // baseUrl: a bare path under baseUrl resolves like TypeScript resolves it.
    {
      filename: at('legacy/baseurl/src/billing/handler/invoice-handler.ts'),
      code: "import { invoice } from 'billing/service/invoice';",
    },
    // The deepest matching folder decides: this file is in the handler layer (inside a folder named service).
    { filename: at('src/service/handler/nested.ts'), code: "import '../../order/service/order-service.js';" },
    // Tests wire layers together on purpose and are not checked by default.
    {
      filename: at('src/order/handler/order-handler.test.ts'),
      code: "import { InMemoryOrderDao } from '../dao/memory/index.js';",
    },
    { filename: at('src/order/model/__tests__/order.ts'), code: "import { s } from '../../service/order-service.js';" },
    // Code linted without its neighbours (no service folder, no tsconfig): allowed imports are not "unresolved".
    {
      filename: lonely('src/order/handler/h.ts'),
      code: "import { s } from '../service/order-service.js';\nimport { t } from '~/service/t';",
    },
    { filename: lonely('src/order/service/s.ts'), code: "import { d } from '#dao/order-dao';" },
  ],
  invalid: [
    // Upward imports, each layer.
    {
      filename: service,
      code: "import { createHandlers } from '../handler/order-handler.js';",
      errors: [
        {
          messageId: 'upward',
          line: 1,
          column: 32,
          data: {
            from: 'service',
            to: 'handler',
            specifier: '../handler/order-handler.js',
            allowed: 'common, dao, model',
          },
        },
      ],
    },
    {
      filename: dao,
      code: "import { createOrderService } from '../service/order-service.js';",
      errors: [{ messageId: 'upward', line: 1, column: 36 }],
    },
    {
      filename: common,
      code: "import { OrderDao } from '../dao/order-dao.js';",
      errors: [{ messageId: 'upward', line: 1, column: 26 }],
    },
    {
      filename: common,
      code: "import { x } from '../service/order-service.js';",
      errors: [{ messageId: 'upward', line: 1, column: 19 }],
    },
    {
      filename: model,
      code: "import { NotFoundError } from '../common/errors.js';",
      errors: [{ messageId: 'upward', line: 1, column: 31 }],
    },
    {
      filename: model,
      code: "import { h } from '../handler/order-handler';",
      errors: [{ messageId: 'upward', line: 1, column: 19 }],
    },
    // Handlers speak in request/response shapes: no models, and no skipping the service.
    {
      filename: handler,
      code: "import type { Order } from '../model/order.js';",
      errors: [
        {
          messageId: 'notAllowed',
          line: 1,
          column: 28,
          data: { from: 'handler', to: 'model', specifier: '../model/order.js', allowed: 'service, common' },
        },
      ],
    },
    {
      filename: handler,
      code: "import { InMemoryOrderDao } from '../dao/memory/index.js';",
      errors: [{ messageId: 'notAllowed', line: 1, column: 34 }],
    },
    // tsconfig paths aliases (from an extended config) and package.json #imports.
    {
      filename: handler,
      code: "import { Order } from '@app/order/model/order';",
      errors: [{ messageId: 'notAllowed', line: 1, column: 23 }],
    },
    {
      filename: dao,
      code: "import { service } from '@/order/service';",
      errors: [{ messageId: 'upward', line: 1, column: 25 }],
    },
    {
      filename: dao,
      code: "import { service } from '@svc';",
      errors: [{ messageId: 'upward', line: 1, column: 25 }],
    },
    {
      filename: handler,
      code: "import type { Order } from '#model';",
      errors: [{ messageId: 'notAllowed', line: 1, column: 28 }],
    },
    {
      filename: handler,
      code: "import { OrderDao } from '#dao/order-dao';",
      errors: [{ messageId: 'notAllowed', line: 1, column: 26 }],
    },
    {
      filename: at('legacy/baseurl/src/billing/dao/invoice-dao.ts'),
      code: "import { invoice } from 'billing/service/invoice';",
      errors: [{ messageId: 'upward', line: 1, column: 25 }],
    },
    // Re-exports count.
    {
      filename: handler,
      code: "export { type Order } from '../model/order.js';",
      errors: [{ messageId: 'notAllowed', line: 1, column: 28 }],
    },
    {
      filename: common,
      code: "export * from '../service/order-service.js';",
      errors: [{ messageId: 'upward', line: 1, column: 15 }],
    },
    {
      filename: common,
      code: "export * as svc from '../service/order-service.js';",
      errors: [{ messageId: 'upward', line: 1, column: 22 }],
    },
    // Dynamic import(), require(), import = require(), and type-position import().
    {
      filename: dao,
      code: "const svc = await import('../service/order-service.js');",
      errors: [{ messageId: 'upward', line: 1, column: 26 }],
    },
    {
      filename: dao,
      code: 'const svc = await import(`../service/order-service.js`);',
      errors: [{ messageId: 'upward', line: 1, column: 26 }],
    },
    {
      filename: dao,
      code: "const svc = require('../service/order-service.js');",
      errors: [{ messageId: 'upward', line: 1, column: 21 }],
    },
    {
      filename: dao,
      code: "import svc = require('../service/order-service');",
      errors: [{ messageId: 'upward', line: 1, column: 22 }],
    },
    {
      filename: handler,
      code: "let order: import('../model/order.js').Order;",
      errors: [{ messageId: 'notAllowed', line: 1, column: 19 }],
    },
    // Unresolved imports into a layer are reported, never skipped.
    {
      filename: service,
      code: "import { OrderDao } from '../dao/missing.js';",
      errors: [{ messageId: 'unresolved', line: 1, column: 26, data: { specifier: '../dao/missing.js', to: 'dao' } }],
    },
    {
      filename: service,
      code: "import { OrderDao } from '@app/order/dao/missing';",
      errors: [{ messageId: 'unresolved', line: 1, column: 26 }],
    },
    {
      filename: handler,
      code: "import { x } from '#broken/thing';",
      errors: [{ messageId: 'unresolved', line: 1, column: 19, data: { specifier: '#broken/thing', to: 'service' } }],
    },
    {
      filename: handler,
      code: "import { x } from '#unmapped/service/thing';",
      errors: [{ messageId: 'unresolved', line: 1, column: 19 }],
    },
    {
      filename: handler,
      code: "import { x } from '~/service/thing';",
      errors: [{ messageId: 'unresolved', line: 1, column: 19 }],
    },
    // A missing file whose path names a forbidden layer is a direction error, not just an unresolved one.
    {
      filename: dao,
      code: "import { x } from '../service/not-written-yet.js';",
      errors: [{ messageId: 'upward', line: 1, column: 19 }],
    },
    // Without neighbours the direction is still known from the path.
    {
      filename: lonely('src/order/dao/d.ts'),
      code: "import { s } from '../service/order-service.js';",
      errors: [{ messageId: 'upward', line: 1, column: 19 }],
    },
    // `ignore: []` checks test files too.
    {
      filename: at('src/order/handler/order-handler.test.ts'),
      code: "import { InMemoryOrderDao } from '../dao/memory/index.js';",
      options: [{ ignore: [] }],
      errors: [{ messageId: 'notAllowed', line: 1, column: 34 }],
    },
    // Custom globs and directions.
    {
      filename: at('src/core/user.ts'),
      code: "import { users } from '../api/users.js';",
      options: [{ layers: { api: '**/api/**', core: '**/core/**' }, allow: { api: ['core'] } }],
      errors: [
        {
          messageId: 'upward',
          line: 1,
          column: 23,
          data: { from: 'core', to: 'api', specifier: '../api/users.js', allowed: 'no other layer' },
        },
      ],
    },
    {
      filename: at('src/api/users.ts'),
      code: "import { users } from '../core/user.js';",
      options: [{ layers: { api: '**/api/**', core: '**/core/**' }, allow: {} }],
      errors: [{ messageId: 'notAllowed', line: 1, column: 23 }],
    },
    {
      filename: at('src/service/handler/nested.ts'),
      code: "import '../../order/model/order.js';",
      errors: [{ messageId: 'notAllowed', line: 1, column: 8 }],
    },
    // Several imports: each one is checked.
    {
      filename: handler,
      code: [
        "import { createOrderService } from '../service/order-service.js';",
        "import type { Order } from '../model/order.js';",
        "import { OrderDao } from '../dao/order-dao.js';",
      ].join('\n'),
      errors: [
        { messageId: 'notAllowed', line: 2, column: 28 },
        { messageId: 'notAllowed', line: 3, column: 26 },
      ],
    },
  ],
});

// Plain JavaScript (espree): CommonJS require and ESM both count.
createJavaScriptRuleTester().run('layer-boundaries (JavaScript)', rule, {
  valid: [{ filename: at('src/order/handler/routes.js'), code: "import { s } from '../service/order-service.js';" }],
  invalid: [
    {
      filename: at('src/order/dao/legacy.js'),
      code: "const { createOrderService } = require('../service/order-service.js');",
      errors: [{ messageId: 'upward', line: 1, column: 40 }],
    },
    {
      filename: at('src/order/handler/routes.js'),
      code: "export { Order } from '../model/order.js';",
      errors: [{ messageId: 'notAllowed', line: 1, column: 23 }],
    },
  ],
});

// The resolver on its own: a file created after the first lookup is found once its folder changes.

describe('layer-boundaries resolver', () => {
  it('resolves .js to .ts, index files and aliases to real files', () => {
    assert.deepEqual(resolveImport('../service/order-service.js', handler), {
      kind: 'file',
      path: at('src/order/service/order-service.ts'),
    });
    assert.deepEqual(resolveImport('../dao/memory', service), {
      kind: 'file',
      path: at('src/order/dao/memory/index.ts'),
    });
    assert.deepEqual(resolveImport('@app/order/model/order', handler), { kind: 'file', path: model });
    assert.deepEqual(resolveImport('#model', handler), { kind: 'file', path: model });
    assert.deepEqual(resolveImport('react', handler), { kind: 'external' });
  });

  it('sees a file created later (the language server is long-lived)', async () => {
    const later = at('src/order/dao/later.ts');
    assert.equal(resolveImport('../dao/later.js', service).kind, 'unresolved');
    fs.writeFileSync(later, 'export {};');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.deepEqual(resolveImport('../dao/later.js', service), { kind: 'file', path: later });
  });
});

describe('layer-boundaries caches', () => {
  /** A small project of its own, so edits here cannot disturb the cases above. */
  function project(extra: Record<string, string> = {}): {
    dir: string;
    at: (p: string) => string;
    write: (p: string, text: string) => void;
  } {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'tripwire-layer-cache-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const at = (p: string): string => path.join(dir, p);
    const write = (p: string, text: string): void => {
      fs.mkdirSync(path.dirname(at(p)), { recursive: true });
      fs.writeFileSync(at(p), text);
    };
    const base: Record<string, string> = {
      'package.json': JSON.stringify({
        name: 'cache-fixture',
        type: 'module',
        imports: { '#lib/*': './src/dao/*.js' },
      }),
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { paths: { '@lib/*': ['./src/dao/*'] } } }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', include: ['src'] }),
      'src/service/user.ts': 'export {};',
      'src/dao/store.ts': 'export {};',
      'src/handler/store.ts': 'export {};',
      ...extra,
    };
    for (const [file, text] of Object.entries(base)) write(file, text);
    return { dir, at, write };
  }

  it('sees a changed tsconfig `paths` in an extended file on the next lookup, with no wait', () => {
    const { at, write } = project();
    const importer = at('src/service/user.ts');
    assert.deepEqual(resolveImport('@lib/store', importer), { kind: 'file', path: at('src/dao/store.ts') });
    write('tsconfig.base.json', JSON.stringify({ compilerOptions: { paths: { '@lib/*': ['./src/handler/*'] } } }));
    assert.deepEqual(resolveImport('@lib/store', importer), { kind: 'file', path: at('src/handler/store.ts') });
  });

  it('sees a changed leaf tsconfig (a new `extends` target) on the next lookup', () => {
    const { at, write } = project({
      'tsconfig.other.json': JSON.stringify({ compilerOptions: { paths: { '@lib/*': ['./src/handler/*'] } } }),
    });
    const importer = at('src/service/user.ts');
    assert.deepEqual(resolveImport('@lib/store', importer), { kind: 'file', path: at('src/dao/store.ts') });
    write('tsconfig.json', JSON.stringify({ extends: './tsconfig.other.json', include: ['src'] }));
    assert.deepEqual(resolveImport('@lib/store', importer), { kind: 'file', path: at('src/handler/store.ts') });
  });

  it('sees changed package.json `imports` on the next lookup', () => {
    const { at, write } = project();
    const importer = at('src/service/user.ts');
    assert.deepEqual(resolveImport('#lib/store', importer), { kind: 'file', path: at('src/dao/store.ts') });
    write(
      'package.json',
      JSON.stringify({ name: 'cache-fixture', type: 'module', imports: { '#lib/*': './src/handler/*.js' } }),
    );
    assert.deepEqual(resolveImport('#lib/store', importer), { kind: 'file', path: at('src/handler/store.ts') });
  });

  it('the rule, in one long-lived Linter, reports by the inputs as they are when each file is linted, in any order', () => {
    const { dir, at, write } = project();
    const linter = new Linter({ cwd: dir });
    const plugins = { tripwire: { rules: { 'layer-boundaries': rule } } } as unknown as Linter.Config['plugins'];
    const config: Linter.Config[] = [{ files: ['**/*.js'], plugins, rules: { 'tripwire/layer-boundaries': 'error' } }];
    const sources: Record<string, string> = {
      'src/service/a.js': "import '@lib/store';\nimport '#lib/store';",
      'src/dao/b.js': "import '../service/user.js';",
      'src/handler/c.js': "import '@lib/store';",
    };
    const lint = (order: readonly string[]): string[] =>
      order
        .flatMap((file) =>
          linter
            .verify(sources[file]!, config, { filename: at(file) })
            .map((m) => `${file}:${m.line} ${m.messageId ?? m.message}`),
        )
        .sort();
    const files = Object.keys(sources);
    const before = lint(files);
    assert.deepEqual(before, ['src/dao/b.js:1 upward', 'src/handler/c.js:1 notAllowed']);
    assert.deepEqual(lint([...files].reverse()), before);
    // `@lib` and `#lib` now point into the handler layer: the service file imports upward twice, and
    // the handler file's import stays within its layer.
    write('tsconfig.base.json', JSON.stringify({ compilerOptions: { paths: { '@lib/*': ['./src/handler/*'] } } }));
    write(
      'package.json',
      JSON.stringify({ name: 'cache-fixture', type: 'module', imports: { '#lib/*': './src/handler/*.js' } }),
    );
    const after = lint(files);
    assert.deepEqual(after, ['src/dao/b.js:1 upward', 'src/service/a.js:1 upward', 'src/service/a.js:2 upward']);
    assert.deepEqual(lint([...files].reverse()), after);
  });

  it('holds no more entries than its capacity however many imports it resolves', () => {
    const { at } = project();
    const importer = at('src/service/user.ts');
    const inputs = resolverInputs(path.dirname(importer));
    for (let index = 0; index < CACHE_CAPACITY.resolutions + 500; index += 1)
      resolveImport(`../dao/missing-${index}.js`, importer, inputs);
    const sizes = cacheSizes();
    for (const [name, size] of Object.entries(sizes)) {
      assert.ok(size <= CACHE_CAPACITY[name as keyof typeof CACHE_CAPACITY], `${name}: ${size} entries`);
    }
    assert.equal(sizes.resolutions, CACHE_CAPACITY.resolutions);
  });
});

describe('BoundedMap', () => {
  it('evicts the least recently used entry; a get makes an entry recent', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    assert.equal(map.get('a'), 1);
    map.set('c', 3);
    assert.deepEqual([map.has('a'), map.has('b'), map.has('c')], [true, false, true]);
    map.set('a', 4);
    map.set('d', 5);
    assert.deepEqual([map.get('a'), map.has('c'), map.get('d'), map.size], [4, false, 5, 2]);
    assert.throws(() => new BoundedMap(0), RangeError);
  });
});
