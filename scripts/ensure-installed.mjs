// Shared by `npm run demo` and `npm test`: on a fresh clone, install the npm dependencies first,
// so each of the README's two commands works on its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export function ensureNpmDependencies(root) {
  if (
    existsSync(path.join(root, 'node_modules', '.package-lock.json')) &&
    existsSync(path.join(root, 'node_modules', 'eslint'))
  )
    return;
  console.log('node_modules is missing: running npm ci first');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
