// Packages the extension into a .vsix the way users get it, fast: vsce runs on a staged copy of the
// repository's top level without the folders .vscodeignore drops anyway (node_modules, .e2e's 500 MB of
// code-server, .git …), so it does not walk them. The staged copy is then filtered by .vscodeignore as usual.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runToCompletion } from './processes.mjs';

const NEVER_SHIPPED = new Set([
  'node_modules',
  '.git',
  '.e2e',
  '.cache',
  'test-results',
  'bench',
  'test',
  'examples',
  'server',
  'rules',
  'extension',
  'scripts',
]);

/** @returns {Promise<string>} the path of the .vsix */
export async function packageVsix(root, workDir) {
  const stage = path.join(workDir, 'package');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (NEVER_SHIPPED.has(entry) || entry.endsWith('.vsix')) continue;
    cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
  }
  // The Marketplace README (extension/README.md) is the one the .vsix carries.
  mkdirSync(path.join(stage, 'extension'), { recursive: true });
  cpSync(path.join(root, 'extension', 'README.md'), path.join(stage, 'extension', 'README.md'));
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const repository = (
    typeof manifest.repository === 'string' ? manifest.repository : (manifest.repository?.url ?? '')
  ).replace(/\.git$/, '');
  const vsix = path.join(workDir, `${manifest.name}-${manifest.version}.vsix`);
  await runToCompletion(
    process.execPath,
    [
      path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--skip-license',
      '--readme-path',
      path.join('extension', 'README.md'),
      // README links are relative; vsce wants an absolute base when it cannot detect a GitHub repository.
      ...(repository
        ? ['--baseContentUrl', `${repository}/blob/main`, '--baseImagesUrl', `${repository}/raw/main`]
        : []),
      '--out',
      vsix,
    ],
    { cwd: stage },
    120_000,
  );
  return vsix;
}
