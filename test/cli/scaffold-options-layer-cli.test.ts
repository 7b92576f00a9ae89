/**
 * `node dist/cli.js scaffold options …` and `… scaffold layer …` in temporary projects. Needs the
 * build (`npm run build`); when dist/cli.js is missing or predates these generators, every case is
 * skipped with the reason. `TRIPWIRE_CLI_PATH` points the tests at another bundle.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliPath = process.env['TRIPWIRE_CLI_PATH'] ?? path.join(repoRoot, 'dist', 'cli.js');
const temporaryRoots: string[] = [];
after(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function skipReason(): string | false {
  if (!existsSync(cliPath)) return `${path.relative(repoRoot, cliPath)} is missing: run \`npm run build\` first`;
  const help = spawnSync(process.execPath, [cliPath, 'scaffold', '--help'], { encoding: 'utf8' });
  if (!/\boptions\b/.test(help.stdout) || !/\blayer\b/.test(help.stdout)) {
    return `${path.relative(repoRoot, cliPath)} predates the options and layer generators: run \`npm run build\` again`;
  }
  return false;
}
const skip = skipReason();
if (skip !== false) console.log(`# skipping scaffold options/layer CLI tests: ${skip}`);

function project(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'tripwire-cli-ol-')));
  temporaryRoots.push(root);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, name), content);
  return root;
}

const CONFIG = 'export interface ClientConfig {\n  baseUrl: string;\n  /** @default 3 */\n  retries?: number;\n}\n';
const TS_PROJECT = {
  'package.json': '{ "type": "module" }',
  'tsconfig.json': '{ "compilerOptions": { "strict": true } }',
};

describe('tripwire scaffold options', { skip }, () => {
  it('adds the generated region to the file, then reports nothing to do on a re-run', () => {
    const root = project({
      'client.ts': CONFIG.replace('  retries?: number;\n', '  retries?: number;\n  userAgent?: string;\n'),
    });
    const first = cli(root, 'scaffold', 'options', 'client.ts', 'ClientConfig');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^update {4}client\.ts$/m);
    assert.match(
      first.stderr,
      /^note: ClientConfig: left unset \(undefined until an option sets them\), since nothing gave them a default: userAgent\.$/m,
    );
    const text = readFileSync(path.join(root, 'client.ts'), 'utf8');
    assert.ok(text.startsWith(CONFIG.replace('  retries?: number;\n', '  retries?: number;\n  userAgent?: string;\n')));
    assert.match(text, /  retries: 3,\n  userAgent: undefined,\n/);
    assert.match(text, /export function withRetries\(/);
    assert.match(text, /export function createClientConfig\(\s*baseUrl: ClientConfig\['baseUrl'\]/);
    const second = cli(root, 'scaffold', 'options', 'client.ts', 'ClientConfig');
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /^identical client\.ts$/m);
    assert.match(second.stdout, /Nothing to do/);
    assert.equal(readFileSync(path.join(root, 'client.ts'), 'utf8'), text);
  });

  it('--dry-run prints the new text and writes nothing; --options-file writes <name>.options.ts', () => {
    const root = project({ 'client.ts': CONFIG });
    const dry = cli(root, 'scaffold', 'options', 'client.ts', 'ClientConfig', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run/);
    assert.match(dry.stdout, /=== client\.ts ===\n/);
    assert.equal(readFileSync(path.join(root, 'client.ts'), 'utf8'), CONFIG);
    const separate = cli(root, 'scaffold', 'options', 'client.ts', 'ClientConfig', '--options-file');
    assert.equal(separate.status, 0, separate.stderr);
    assert.match(separate.stdout, /^create {4}client\.options\.ts$/m);
    assert.match(
      readFileSync(path.join(root, 'client.options.ts'), 'utf8'),
      /import type \{ ClientConfig \} from '\.\/client\.js';/,
    );
    assert.equal(readFileSync(path.join(root, 'client.ts'), 'utf8'), CONFIG);
  });

  it('fails clearly for a missing type, missing arguments, and a file outside --dir', () => {
    const root = project({ 'client.ts': CONFIG });
    const missing = cli(root, 'scaffold', 'options', 'client.ts', 'Nope');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /No class, interface or type alias named Nope/);
    const noArgs = cli(root, 'scaffold', 'options', 'client.ts');
    assert.equal(noArgs.status, 2, 'a missing argument is a usage error');
    assert.match(
      noArgs.stderr,
      /scaffold options needs <TypeName>: tripwire scaffold options <file> <TypeName> \[--dir <folder>\]/,
    );
    const noFile = cli(root, 'scaffold', 'options', 'nope.ts', 'ClientConfig');
    assert.equal(noFile.status, 1, 'a file that is not there: the generator refuses');
    assert.match(noFile.stderr, /No such file: .*nope\.ts/);
    const outside = cli(root, 'scaffold', 'options', 'client.ts', 'ClientConfig', '--dir', 'sub');
    assert.equal(outside.status, 1);
    assert.match(outside.stderr, /escapes the workspace root/);
  });
});

describe(
  'tripwire scaffold convert-parameters',
  {
    skip:
      skip === false &&
      !/convert-parameters/.test(
        spawnSync(process.execPath, [cliPath, 'scaffold', '--help'], { encoding: 'utf8' }).stdout,
      )
        ? 'dist/cli.js predates convert-parameters: run `npm run build` again'
        : skip,
  },
  () => {
    it('previews with --dry-run, then rewrites the declaration and the call sites', () => {
      const root = project({
        ...TS_PROJECT,
        'f.ts':
          'export function open(path: string, mode = "r", bufferSize = 4096, encoding?: string): string {\n  return `${path}:${mode}:${bufferSize}:${encoding ?? "utf8"}`;\n}\n',
        'main.ts': 'import { open } from "./f.js";\nexport const x = open("a", "w", undefined, "latin1");\n',
      });
      const dry = cli(root, 'scaffold', 'convert-parameters', 'f.ts', 'open', '--dry-run');
      assert.equal(dry.status, 0, dry.stderr);
      assert.match(dry.stdout, /^update {4}f\.ts$/m);
      assert.match(dry.stdout, /^update {4}main\.ts$/m);
      assert.match(readFileSync(path.join(root, 'main.ts'), 'utf8'), /open\("a", "w", undefined, "latin1"\)/);
      const done = cli(root, 'scaffold', 'convert-parameters', 'f.ts', 'open');
      assert.equal(done.status, 0, done.stderr);
      assert.match(
        readFileSync(path.join(root, 'main.ts'), 'utf8'),
        /open\("a", withMode\("w"\), withEncoding\("latin1"\)\)/,
      );
      const refused = cli(root, 'scaffold', 'convert-parameters', 'f.ts', 'open');
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /open takes 2 parameter\(s\); the conversion is offered from 4/);
    });
  },
);

describe('tripwire scaffold layer', { skip }, () => {
  it('writes the module into --dir/<resource>, and refuses to overwrite without --force', () => {
    const root = project(TS_PROJECT);
    const first = cli(root, 'scaffold', 'layer', 'OrderItem', '--dir', 'src');
    assert.equal(first.status, 0, first.stderr);
    for (const file of [
      'model/order-item.ts',
      'dao/in-memory-order-item-dao.ts',
      'service/order-item-service.ts',
      'handler/order-item-handler.ts',
      'index.ts',
    ]) {
      assert.ok(existsSync(path.join(root, 'src', 'order-item', file)), file);
    }
    assert.match(first.stdout, /Wrote 10 file\(s\) for layer/);

    const service = path.join(root, 'src', 'order-item', 'service', 'order-item-service.ts');
    writeFileSync(service, `${readFileSync(service, 'utf8')}// mine\n`);
    const refused = cli(root, 'scaffold', 'layer', 'order-item', '--dir', 'src');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /Refusing to overwrite 1 existing file/);
    assert.match(refused.stderr, /conflict +order-item\/service\/order-item-service\.ts/);
    assert.match(readFileSync(service, 'utf8'), /\/\/ mine/);

    const forced = cli(root, 'scaffold', 'layer', 'order-item', '--dir', 'src', '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.doesNotMatch(readFileSync(service, 'utf8'), /\/\/ mine/);
  });

  it('--dry-run lists and prints every file and writes nothing; --json reports statuses', () => {
    const root = project(TS_PROJECT);
    const dry = cli(root, 'scaffold', 'layer', 'order', '--dir', 'src', '--dry-run', '--skip-tests');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /would write 8 file\(s\)/);
    assert.match(dry.stdout, /=== order\/handler\/order-handler\.ts ===/);
    assert.equal(existsSync(path.join(root, 'src')), false);
    const json = cli(
      root,
      'scaffold',
      'layer',
      'order',
      '--dir',
      'src',
      '--json',
      '--framework',
      'express',
      '--validation',
      'zod',
    );
    assert.equal(json.status, 0, json.stderr);
    let report: unknown;
    try {
      report = JSON.parse(json.stdout);
    } catch (error) {
      assert.fail(`--json printed something that is not JSON (${String(error)}):\n${json.stdout}`);
    }
    assert.ok(
      typeof report === 'object' &&
        report !== null &&
        'written' in report &&
        'files' in report &&
        Array.isArray(report.files),
    );
    assert.equal(report.written, true);
    const statuses = report.files.map((file: unknown) =>
      typeof file === 'object' && file !== null && 'path' in file && 'status' in file
        ? `${String(file.status)} ${path.basename(String(file.path))}`
        : '',
    );
    assert.ok(statuses.includes('create order-routes.ts'), statuses.join('\n'));
  });

  it('refuses names that escape the folder and empty or invalid names (1); unknown choices and argument counts are usage errors (2)', () => {
    const root = project(TS_PROJECT);
    for (const [args, status, message] of [
      [['../../etc'], 1, /looks like a path/],
      [[''], 1, /empty/],
      [['9lives'], 1, /start with a letter/],
      [['order', '--framework', 'spring'], 2, /--framework must be one of/],
      [[], 2, /scaffold layer needs <resource>: tripwire scaffold layer <resource> --dir <folder>/],
      [['order', 'item'], 2, /scaffold layer takes <resource>; unexpected "item"/],
    ] as const) {
      const result = cli(root, 'scaffold', 'layer', ...args, '--dir', 'src');
      assert.equal(result.status, status, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, message);
    }
    assert.equal(existsSync(path.join(root, 'src')), false, 'nothing was written');
  });

  it('explains that a project without tsconfig.json cannot receive the TypeScript module', () => {
    const root = project({ 'package.json': '{}' });
    const result = cli(root, 'scaffold', 'layer', 'order', '--dir', 'src');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no tsconfig\.json governs/);
  });
});
