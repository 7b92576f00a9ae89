// Temporary copies of examples/ for each window, so no test ever modifies the repository. Each copy gets an
// eslint.config.js that still reads like a normal Tripwire config but writes a marker file when something
// executes it: Tripwire may read that file, never run it.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** @returns {{ folder: string, marker: string }} */
export function makeWorkspace(root, runDir, name) {
  // …/<name>/examples: the window title reads "examples", as in the README's screenshots.
  const folder = path.join(runDir, 'workspaces', name, 'examples');
  mkdirSync(path.dirname(folder), { recursive: true });
  cpSync(path.join(root, 'examples'), folder, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}node_modules`),
  });
  const marker = path.join(runDir, 'markers', `${name}.executed`);
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(
    path.join(folder, 'eslint.config.js'),
    [
      '// Written by the e2e harness: executing this file leaves a marker behind. Tripwire must never run it.',
      "import { writeFileSync } from 'node:fs';",
      "import tseslint from 'typescript-eslint';",
      "import tripwire from 'eslint-plugin-tripwire';",
      '',
      `writeFileSync(${JSON.stringify(marker)}, \`executed by pid \${process.pid}\\n\`);`,
      '',
      'export default [',
      "  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },",
      '  tripwire.configs.recommended,',
      "  { rules: { 'tripwire/prefer-bounded-concurrency': 'warn' } },",
      '];',
      '',
    ].join('\n'),
  );
  return { folder, marker };
}

export function markerExists(marker) {
  return existsSync(marker);
}
