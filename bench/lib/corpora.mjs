// Benchmark corpora: real sources from the npm registry, pinned by version and by the sha512
// integrity of the tarball. Downloaded once with `npm pack` into `.cache/bench-corpora/` (ignored),
// verified, extracted, and reused by every later run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * The corpora. `packages[].source` is the folder inside the tarball whose files are linted;
 * `packages[].integrity` is the registry's `dist.integrity` of that exact version.
 */
export const CORPORA = [
  {
    id: 'ts-node',
    language: 'ts',
    description: 'async-heavy Node TypeScript: the shipped src/ of five server libraries',
    extensions: ['.ts'],
    // Dependencies are installed (scripts off) so that imports resolve for the typed configurations.
    installDependencies: true,
    packages: [
      {
        name: 'mongodb',
        version: '7.9.0',
        integrity: 'sha512-HfpNb8qmfmNxno+Ml5JgHn/nyshK+8xF4ESLCXedRKuGLGRyAvkjcpjk19T2Q+rqC6/FlnZKll4if21R6xs/Tg==',
        source: 'src',
      },
      {
        name: '@grpc/grpc-js',
        version: '1.14.7',
        integrity: 'sha512-W4W/fcBMGRVtG6dW2c7cw2mnpS3hvbBd+oQXjh2iYFTZDk1JJmcNqkM5KSaPubQpamlUUurrlb7G1s9NJeERmQ==',
        source: 'src',
      },
      {
        name: 'rxjs',
        version: '7.8.2',
        integrity: 'sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA==',
        source: 'src',
      },
      {
        name: '@trpc/server',
        version: '11.25.2',
        integrity: 'sha512-zfFwyroSYSYlsAGo7yezGM+gAhHRBD9LyVMkXyCjWM2JuhorKGzl2fBzEUjHSKTtYlJ8l6DR3LHsBHBCTmAofQ==',
        source: 'src',
      },
      {
        name: '@apollo/server',
        version: '5.5.1',
        integrity: 'sha512-Rn3g5TJQsMSUY23CWZTghWdBWyjX7dP1eaEBPkvmM2RHi82cDcpgTIkSCbGvtTUEGjwopLv1AAooU/n7iIZ20A==',
        source: 'src',
      },
    ],
    tsconfig: {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM'],
        types: ['node'],
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        experimentalDecorators: true,
        allowJs: false,
      },
      include: ['src/**/*.ts'],
    },
    // The language-server benchmark: one ~2,000-line file, and a mid-size project opened whole.
    singleFile: 'src/@grpc__grpc-js/server.ts',
    midSizeProject: 'src/@grpc__grpc-js',
  },
  {
    id: 'js-eslint',
    language: 'js',
    description: "hand-written CommonJS: eslint's own lib/",
    extensions: ['.js'],
    sourceType: 'commonjs',
    installDependencies: false,
    packages: [
      {
        name: 'eslint',
        version: '10.15.0',
        integrity: 'sha512-+5Wg4p+ze3sG1WErYgUO/3H1IQIfFBymVUA0Fo/XTeBOLS6UQIUekpSJ8sdRkn7O7wjh84b55w/roqavH2aScg==',
        source: 'lib',
      },
    ],
    // allowJs so that the typed configurations run on JavaScript too; checkJs stays off.
    tsconfig: {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023'],
        types: ['node'],
        allowJs: true,
        checkJs: false,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['src/**/*.js'],
    },
  },
];

/** The Subresource-Integrity string (`sha512-<base64>`) of some bytes. */
export function computeIntegrity(bytes) {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** Throws unless `bytes` hash to `expected` (an `sha512-…` integrity string). */
export function verifyIntegrity(bytes, expected, label = 'tarball') {
  if (typeof expected !== 'string' || !expected.startsWith('sha512-')) {
    throw new Error(`${label}: no sha512 integrity pinned (got ${JSON.stringify(expected)})`);
  }
  const actual = computeIntegrity(bytes);
  if (actual !== expected) {
    throw new Error(
      `${label}: integrity mismatch: expected ${expected}, got ${actual}. Delete the cached tarball and retry; if it persists the registry served different bytes for a pinned version.`,
    );
  }
  return actual;
}

/** Folder name of a package inside a corpus (`@grpc/grpc-js` → `@grpc__grpc-js`). */
export function packageFolderName(packageName) {
  return packageName.replace('/', '__');
}

/** File name `npm pack` gives a package's tarball (`@grpc/grpc-js@1.14.7` → `grpc-grpc-js-1.14.7.tgz`). */
export function tarballFileName(packageName, version) {
  return `${packageName.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}): ${(result.stderr || result.stdout || '').trim().slice(-2000)}`,
    );
  }
  return result.stdout;
}

function walk(directory, extensions, found = []) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') continue;
      walk(full, extensions, found);
    } else if (extensions.some((extension) => entry.name.endsWith(extension))) {
      found.push(full);
    }
  }
  return found;
}

/** Number of lines as `wc -l` counts them (newline characters), plus non-blank lines. */
export function countLines(text) {
  let lines = 0;
  let nonBlank = 0;
  let lineHasContent = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      lines++;
      if (lineHasContent) nonBlank++;
      lineHasContent = false;
    } else if (code !== 32 && code !== 9 && code !== 13) {
      lineHasContent = true;
    }
  }
  if (lineHasContent) nonBlank++;
  return { lines, nonBlank };
}

/**
 * Makes sure a corpus is present under `cacheRoot/<id>/` and returns its description with the
 * file list: `{ id, root, language, files: [{ path, relative, lines }], lines, nonBlank, packages }`.
 * Downloads and verifies tarballs only when the corpus is missing or its stamp is stale.
 */
export function prepareCorpus(corpus, cacheRoot, log = console.log) {
  cacheRoot = path.resolve(cacheRoot);
  const tarballDir = path.join(cacheRoot, 'tarballs');
  const corpusRoot = path.join(cacheRoot, corpus.id);
  const stampFile = path.join(corpusRoot, '.corpus-stamp.json');
  const stamp = JSON.stringify(
    { packages: corpus.packages, tsconfig: corpus.tsconfig, installDependencies: corpus.installDependencies },
    null,
    2,
  );
  const ready = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;

  if (!ready) {
    mkdirSync(tarballDir, { recursive: true });
    rmSync(corpusRoot, { recursive: true, force: true });
    mkdirSync(path.join(corpusRoot, 'src'), { recursive: true });
    for (const pkg of corpus.packages) {
      const spec = `${pkg.name}@${pkg.version}`;
      const tarball = path.join(tarballDir, tarballFileName(pkg.name, pkg.version));
      if (!existsSync(tarball)) {
        log(`  fetching ${spec} (npm pack)`);
        run('npm', ['pack', spec, '--silent', '--pack-destination', tarballDir], { cwd: tarballDir });
      }
      let bytes = readFileSync(tarball);
      try {
        verifyIntegrity(bytes, pkg.integrity, spec);
      } catch (error) {
        // A partial or stale download: fetch once more, then insist.
        log(`  ${error.message} — fetching again`);
        rmSync(tarball, { force: true });
        run('npm', ['pack', spec, '--silent', '--pack-destination', tarballDir], { cwd: tarballDir });
        bytes = readFileSync(tarball);
        verifyIntegrity(bytes, pkg.integrity, spec);
      }
      const extractDir = path.join(corpusRoot, '.extract');
      rmSync(extractDir, { recursive: true, force: true });
      mkdirSync(extractDir, { recursive: true });
      run('tar', ['-xzf', tarball, '-C', extractDir]);
      const sourceDir = path.join(extractDir, 'package', pkg.source);
      const target = path.join(corpusRoot, 'src', packageFolderName(pkg.name));
      // Copy only source files (and .d.ts that the sources import); nested tsconfig files would
      // point at configs that are not shipped.
      cpSync(sourceDir, target, {
        recursive: true,
        filter: (from) =>
          statSync(from).isDirectory() || corpus.extensions.some((extension) => from.endsWith(extension)),
      });
      rmSync(extractDir, { recursive: true, force: true });
      log(`  ${spec}: verified ${pkg.integrity.slice(0, 22)}…, extracted ${pkg.source}/`);
    }
    writeFileSync(path.join(corpusRoot, 'tsconfig.json'), `${JSON.stringify(corpus.tsconfig, null, 2)}\n`);
    if (corpus.installDependencies) {
      // The packages themselves as dependencies bring their dependencies' types; scripts never run.
      const manifest = {
        name: `tripwire-bench-${corpus.id}`,
        private: true,
        dependencies: Object.fromEntries(corpus.packages.map((pkg) => [pkg.name, pkg.version])),
      };
      writeFileSync(path.join(corpusRoot, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      log('  installing dependencies for type resolution (npm install --ignore-scripts)');
      try {
        run(
          'npm',
          [
            'install',
            '--ignore-scripts',
            '--no-audit',
            '--no-fund',
            '--no-package-lock',
            '--workspaces=false',
            '--loglevel=error',
          ],
          { cwd: corpusRoot },
        );
      } catch (error) {
        log(
          `  warning: dependency install failed, typed configurations will see unresolved imports: ${error.message.split('\n')[0]}`,
        );
      }
    }
    const staged = `${stampFile}.tmp`;
    writeFileSync(staged, stamp);
    renameSync(staged, stampFile);
  }

  const files = walk(path.join(corpusRoot, 'src'), corpus.extensions)
    .filter((file) => !file.endsWith('.d.ts'))
    .sort()
    .map((file) => {
      const counts = countLines(readFileSync(file, 'utf8'));
      return { path: file, relative: path.relative(corpusRoot, file), lines: counts.lines, nonBlank: counts.nonBlank };
    });
  return {
    id: corpus.id,
    language: corpus.language,
    description: corpus.description,
    sourceType: corpus.sourceType,
    root: corpusRoot,
    packages: corpus.packages.map(({ name, version, integrity }) => ({ name, version, integrity })),
    singleFile: corpus.singleFile ? path.join(corpusRoot, corpus.singleFile) : undefined,
    midSizeProject: corpus.midSizeProject ? path.join(corpusRoot, corpus.midSizeProject) : undefined,
    files,
    lines: files.reduce((sum, file) => sum + file.lines, 0),
    nonBlank: files.reduce((sum, file) => sum + file.nonBlank, 0),
  };
}

/**
 * A deterministic slice of about `targetLines` lines: every k-th file of the sorted list, so every
 * package of the corpus is represented. Returns the whole list when it is already small enough.
 */
export function sliceFiles(files, targetLines) {
  const total = files.reduce((sum, file) => sum + file.lines, 0);
  if (!(targetLines > 0) || total <= targetLines) return files;
  const fraction = targetLines / total;
  const picked = [];
  let budget = 0;
  for (const file of files) {
    budget += fraction;
    if (budget >= 1) {
      budget -= 1;
      picked.push(file);
    }
  }
  return picked.length > 0 ? picked : files.slice(0, 1);
}
