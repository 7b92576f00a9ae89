#!/usr/bin/env node
// `npm run new-rule <name> [-- --description "Disallow …"]`: creates a rule from the templates in
// scripts/templates/new-rule/ — rules/src/rules/<name>.ts, test/rules/<name>.test.ts and
// rules/docs/rules/<name>.md — and registers it in rules/src/rules/index.ts. Refuses a name that is not
// kebab-case or that exists already; writes nothing then.
//   --root <dir>   the repository to write into (default: this one)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE =
  'Usage: npm run new-rule <name> [-- --description "Disallow …"] [--root <dir>]\n  <name>  kebab-case rule id without the tripwire/ prefix, e.g. no-unbounded-queue';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { description: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  process.exit(2);
}
const { values: options, positionals } = parsed;
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const [name, ...extra] = positionals;
if (name === undefined || extra.length > 0) {
  console.error(USAGE);
  process.exit(2);
}
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
  console.error(`"${name}" is not a kebab-case rule id (lowercase words joined by "-").`);
  process.exit(2);
}
const root = path.resolve(options.root ?? path.join(here, '..'));
const description = (options.description ?? `Disallow the ${name.replace(/^no-/, '').replace(/-/g, ' ')} trap`).replace(
  /\.$/,
  '',
);
const camel = name.replace(/-([a-z0-9])/g, (_, letter) => letter.toUpperCase());

const files = [
  { template: 'rule.ts.template', target: path.join('rules', 'src', 'rules', `${name}.ts`) },
  { template: 'rule.test.ts.template', target: path.join('test', 'rules', `${name}.test.ts`) },
  { template: 'rule.md.template', target: path.join('rules', 'docs', 'rules', `${name}.md`) },
];
const existing = files.filter(({ target }) => existsSync(path.join(root, target)));
if (existing.length > 0) {
  console.error(
    `The rule ${name} exists already: ${existing.map(({ target }) => target).join(', ')}. Nothing was written.`,
  );
  process.exit(1);
}

const indexFile = path.join(root, 'rules', 'src', 'rules', 'index.ts');
const index = readFileSync(indexFile, 'utf8');
const importLine = `import ${camel} from './${name}.js';`;
const imports = [...index.matchAll(/^import \w+ from '\.\/[^']+\.js';$/gm)];
const closing = index.lastIndexOf('\n};');
if (imports.length === 0 || closing < 0) {
  console.error(`Cannot find where to register the rule in ${path.relative(root, indexFile)}. Nothing was written.`);
  process.exit(1);
}
// The import goes in alphabetical order among the rule imports; the entry at the end of `rules`.
const before = imports.find((match) => match[0] > importLine);
const insertAt = before?.index ?? (imports.at(-1)?.index ?? 0) + (imports.at(-1)?.[0].length ?? 0) + 1;
let nextIndex = `${index.slice(0, insertAt)}${importLine}\n${index.slice(insertAt)}`;
const closingAfter = nextIndex.lastIndexOf('\n};');
nextIndex = `${nextIndex.slice(0, closingAfter)}\n  '${name}': ${camel},${nextIndex.slice(closingAfter)}`;

for (const { template, target } of files) {
  const text = readFileSync(path.join(here, 'templates', 'new-rule', template), 'utf8')
    .replaceAll('__NAME__', name)
    .replaceAll('__DESCRIPTION__', description);
  writeFileSync(path.join(root, target), text);
  console.log(`created ${target}`);
}
writeFileSync(indexFile, nextIndex);
console.log(`registered ${name} in ${path.relative(root, indexFile)}`);
console.log(
  [
    '',
    'Next:',
    `  1. write the trap's check in rules/src/rules/${name}.ts and its cases in test/rules/${name}.test.ts`,
    `  2. node --import tsx --test test/rules/${name}.test.ts`,
    `  3. describe it in rules/docs/rules/${name}.md; set docs.recommended once the real-code audit (npm run corpus) says so`,
    '  4. npm run build && npm run docs:rules   (the README rule tables)',
  ].join('\n'),
);
