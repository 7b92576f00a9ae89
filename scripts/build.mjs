#!/usr/bin/env node
// Builds everything that ships:
//   rules/dist/             eslint-plugin-tripwire (tsc: ESM + .d.ts)
//   dist/extension.js       the VS Code client (esbuild, CommonJS, `vscode` external)
//   dist/server.js          the language server (LSP thread)
//   dist/lint-worker.js     its lint worker thread, with the bundled ESLint, parser, TypeScript and plugin
//   scaffold/dist/          tripwire-scaffold (tsc: ESM + .d.ts, bin `tripwire` = dist/cli.js, canonical/ sources)
//   dist/cli.js             the scaffold command line, bundled (`node dist/cli.js scaffold …` in the repository)
//   dist/canonical/         the tested canonical sources the generators copy
//   dist/typescript-lib/    TypeScript's lib.*.d.ts files, for type-aware linting from the bundle
// `--watch` is not offered on purpose: run it again, it takes a few seconds.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const production = process.env.TRIPWIRE_DEV_BUILD !== '1';

function step(label, fn) {
  const started = performance.now();
  fn();
  console.log(`  ${label} (${Math.round(performance.now() - started)} ms)`);
}

function tsc(project) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step('rules: tsc', () => {
  rmSync(path.join(root, 'rules', 'dist'), { recursive: true, force: true });
  tsc('rules/tsconfig.json');
});

// The generators copy the canonical, tested modules from disk: every build output that runs them
// gets the sources in a `canonical/` folder beside it.
const canonical = path.join(root, 'scaffold', 'src', 'canonical');
const copyCanonical = (target) => cpSync(canonical, path.join(target, 'canonical'), { recursive: true });

step('scaffold: tsc', () => {
  const scaffoldDist = path.join(root, 'scaffold', 'dist');
  rmSync(scaffoldDist, { recursive: true, force: true });
  tsc('scaffold/tsconfig.json');
  copyCanonical(scaffoldDist);
});

rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(root, '.cache'), { recursive: true });
mkdirSync(dist, { recursive: true });
// The repository root is an ES module package; the bundles are CommonJS (VS Code loads extensions with require).
writeFileSync(path.join(dist, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

function readScaffoldVersion() {
  const manifest = path.join(root, 'scaffold', 'package.json');
  try {
    return JSON.parse(readFileSync(manifest, 'utf8')).version;
  } catch (error) {
    console.error(`${manifest} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: production,
  // keepNames wraps every function in a naming helper; it made the server's lint of a 2,000-line file ~2x slower.
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  // scaffold/src/concurrency.ts reads import.meta.url only where __dirname is missing (ESM); bundles have __dirname.
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [shareTypeScriptWithTsMorph()],
  // The scaffold CLI's --version (scaffold/src/cli-commands.ts): a bundle has no package.json beside it to read.
  define: { TRIPWIRE_SCAFFOLD_VERSION: JSON.stringify(readScaffoldVersion()) },
};

/**
 * ts-morph's `@ts-morph/common` carries a private copy of TypeScript (`require('./typescript')`).
 * Resolve that require to the `typescript` package the parser already uses, so a bundle holds one copy.
 */
function shareTypeScriptWithTsMorph() {
  return {
    name: 'share-typescript-with-ts-morph',
    setup(build) {
      build.onResolve({ filter: /^\.\/typescript(\.js)?$/ }, (args) => {
        if (!args.importer.includes(`${path.sep}@ts-morph${path.sep}common${path.sep}`)) return undefined;
        return build.resolve('typescript', { kind: args.kind, resolveDir: root });
      });
    },
  };
}

const entries = [
  {
    label: 'dist/extension.js',
    entryPoints: ['extension/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  },
  // jiti only loads TypeScript config files; the server never loads a config file.
  { label: 'dist/server.js', entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', external: ['jiti'] },
  // The server starts it as a worker thread from the file beside itself (server/src/lint-worker-client.ts).
  {
    label: 'dist/lint-worker.js',
    entryPoints: ['server/src/lint-worker.ts'],
    outfile: 'dist/lint-worker.js',
    external: ['jiti'],
  },
];
entries.push({
  label: 'dist/cli.js',
  entryPoints: ['scaffold/src/cli.ts'],
  outfile: 'dist/cli.js',
  external: ['jiti'],
});
// The server tests also run a second server bundle that adds rules which throw, are slow or fix on
// purpose (test/server/test-server.ts). It is written outside dist/, so none of it ships.
entries.push({
  label: '.cache/test-server/server.cjs (tests only)',
  entryPoints: ['test/server/test-server.ts'],
  outfile: '.cache/test-server/server.cjs',
  external: ['jiti'],
});
// Its lint worker: the test rules are functions, so they are bundled into the worker that runs them.
entries.push({
  label: '.cache/test-server/lint-worker.cjs (tests only)',
  entryPoints: ['test/server/test-lint-worker.ts'],
  outfile: '.cache/test-server/lint-worker.cjs',
  external: ['jiti'],
});

const metafiles = {};
for (const { label, ...options } of entries) {
  const started = performance.now();
  const result = await esbuild.build({ ...common, ...options, absWorkingDir: root, metafile: true });
  metafiles[label] = result.metafile;
  console.log(`  ${label} (${Math.round(performance.now() - started)} ms)`);
}

copyCanonical(dist);
// Type-aware linting needs TypeScript's lib.*.d.ts files; the bundled TypeScript looks for them in
// dist/typescript-lib/ (server/src/type-info.ts), since the bundle has no node_modules beside it.
const typescriptLib = path.join(root, 'node_modules', 'typescript', 'lib');
mkdirSync(path.join(dist, 'typescript-lib'), { recursive: true });
for (const name of readdirSync(typescriptLib)) {
  if (/^lib\..*\.d\.ts$|^lib\.d\.ts$/.test(name))
    cpSync(path.join(typescriptLib, name), path.join(dist, 'typescript-lib', name));
}
writeFileSync(path.join(root, '.cache', 'build-meta.json'), JSON.stringify(metafiles));
