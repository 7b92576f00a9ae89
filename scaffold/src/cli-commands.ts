/**
 * The `tripwire scaffold …` command line: argument parsing, the generator registry, and the shared
 * plan → check → write/dry-run → report flow. `cli.ts` is only the process entry point.
 *
 * Adding a generator is one line: `registerScaffoldGenerator('<name>', { summary, usage, options, plan })`,
 * where `plan` turns parsed flags into a {@link ScaffoldPlan}. The common flags (`--dir`, `--force`,
 * `--dry-run`, `--json`, `--help`) are parsed, validated and applied here for every generator.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { planConcurrencyScaffold, planResilienceScaffold, type CanonicalModule } from './concurrency.js';
import { layerCliEntry } from './layer/cli-entry.js';
import { convertParametersCliEntry, functionalOptionsCliEntry } from './options/cli-entry.js';
import { nodeTypesNotes } from './node-types.js';
import {
  checkPlan,
  describeCheck,
  ScaffoldConflictError,
  ScaffoldPathError,
  ScaffoldWriteError,
  writePlan,
  type ScaffoldPlan,
} from './plan.js';
import { ScaffoldUsageError } from './usage-error.js';

/** Exit codes of the CLI. */
export const EXIT = {
  /** Done (also: a dry run that would write cleanly, or nothing to do because every file was identical). */
  ok: 0,
  /** The generator refused (conflicting files without `--force`, a path outside the folder, a file or type not found, an invalid name) or a write failed. */
  failed: 1,
  /** Bad command line (unknown command or generator, unknown flag, a flag without its value, a missing or extra argument). */
  usage: 2,
} as const;

export { ScaffoldUsageError } from './usage-error.js';

declare const TRIPWIRE_SCAFFOLD_VERSION: string | undefined;

/** The version of tripwire-scaffold: set by the repository's bundles, else read from the package's package.json. */
export function scaffoldVersion(): string {
  if (typeof TRIPWIRE_SCAFFOLD_VERSION === 'string') return TRIPWIRE_SCAFFOLD_VERSION;
  // Both src/ (under tsx) and dist/ sit directly inside the package folder.
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const manifestPath = path.join(here, '..', 'package.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`${manifestPath} cannot be read: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  if (typeof version !== 'string') throw new Error(`${manifestPath} has no version`);
  return version;
}

/** Where the CLI writes and which folder relative paths start from. */
export interface CliIO {
  /** Receives normal output (already newline-terminated). */
  stdout: (text: string) => void;
  /** Receives errors and warnings (already newline-terminated). */
  stderr: (text: string) => void;
  /** The folder relative `--dir` values are resolved against. */
  cwd: string;
}

/** Flag values after parsing: strings, booleans, or string lists for `multiple` flags. */
export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a generator gets when the command line has been parsed. */
export interface GeneratorContext {
  /** Absolute target folder from `--dir`; it is also the root no generated path may leave. */
  directory: string;
  /** Flags specific to this generator (the common ones are removed), as parsed. */
  values: FlagValues;
  /** Positional arguments after the generator name. */
  positionals: string[];
  /** The folder the CLI was started in (positional paths are relative to it). */
  cwd: string;
}

/** One `scaffold <name>` generator as the CLI sees it. */
export interface ScaffoldGeneratorEntry {
  /** One line for the generator list in `--help`. */
  summary: string;
  /** The positional arguments after the generator name, in order; every one is required. */
  arguments?: readonly { name: string; description: string }[];
  /** The flags specific to this generator, one per line, for `scaffold <name> --help` (empty when it has none). */
  usage: string;
  /** `node:util` parseArgs option specs for the generator's own flags. */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Turns parsed flags into the plan to write; throw an Error with a clear message for bad input ({@link ScaffoldUsageError} for a bad flag value). */
  plan: (context: GeneratorContext) => ScaffoldPlan | Promise<ScaffoldPlan>;
  /**
   * When true, `--dir` is the workspace root the files must stay inside and defaults to the current
   * folder (e.g. `scaffold options <file> <Type>`); otherwise it names the folder that receives the
   * files and is required.
   */
  directoryOptional?: boolean;
}

const COMMON_OPTIONS = {
  dir: { type: 'string' },
  force: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

const COMMON_USAGE = [
  '  --force          replace files that exist with different content',
  '  --dry-run        print exactly what would be written, write nothing',
  '  --json           print the result as JSON',
  '  -h, --help       show this help',
].join('\n');

function directoryUsage(entry: ScaffoldGeneratorEntry): string {
  return entry.directoryOptional === true
    ? '  --dir <folder>   the workspace root that files must stay inside (optional: defaults to the current folder)'
    : '  --dir <folder>   the folder that receives the files (required; created if missing)';
}

/** `options <file> <TypeName> [--dir <folder>]`: how a generator is called, as shown in help. */
function synopsis(name: string, entry: ScaffoldGeneratorEntry): string {
  const positionals = (entry.arguments ?? []).map((argument) => ` ${argument.name}`).join('');
  return `${name}${positionals} ${entry.directoryOptional === true ? '[--dir <folder>]' : '--dir <folder>'}`;
}

/** The generator registry: `scaffold <name>` → its entry. */
export const scaffoldGenerators = new Map<string, ScaffoldGeneratorEntry>();

/**
 * Registers a `scaffold <name>` generator (one line per generator).
 *
 * @param name the subcommand name, e.g. `options` or `layer`
 * @param entry its summary, usage, flags and planner
 * @throws {Error} when the name is taken
 */
export function registerScaffoldGenerator(name: string, entry: ScaffoldGeneratorEntry): void {
  if (scaffoldGenerators.has(name)) throw new Error(`scaffold generator "${name}" is already registered`);
  scaffoldGenerators.set(name, entry);
}

const CANONICAL_USAGE = [
  '  --js             generate JavaScript with JSDoc types even if a tsconfig.json exists',
  '  --tests          also generate a test file (node:test, or vitest/jest when the project uses them);',
  '                   TypeScript tests with node:test need @types/node and "types": ["node"] in tsconfig.json',
].join('\n');

function concurrencyGenerator(module: CanonicalModule, summary: string): ScaffoldGeneratorEntry {
  return {
    summary,
    usage: CANONICAL_USAGE,
    options: { js: { type: 'boolean' }, tests: { type: 'boolean' } },
    plan: ({ directory, values }) =>
      planConcurrencyScaffold({
        module,
        directory,
        root: directory,
        javascript: values['js'] === true,
        tests: values['tests'] === true,
      }),
  };
}

registerScaffoldGenerator(
  'errgroup',
  concurrencyGenerator('errgroup', 'ErrGroup and mapWithLimit: bounded concurrency, first error cancels the rest'),
);
registerScaffoldGenerator(
  'singleflight',
  concurrencyGenerator('singleflight', 'SingleFlight: concurrent calls for one key share one execution'),
);
registerScaffoldGenerator(
  'retry',
  concurrencyGenerator('retry', 'retry: exponential backoff with full jitter, abortable, nothing left armed'),
);
registerScaffoldGenerator(
  'breaker',
  concurrencyGenerator(
    'circuit-breaker',
    'CircuitBreaker: consecutive failures open it, half-open trials from the clock',
  ),
);
registerScaffoldGenerator(
  'ratelimit',
  concurrencyGenerator('rate-limiter', 'RateLimiter: token bucket with continuous refill, FIFO waiters, no barging'),
);
registerScaffoldGenerator(
  'timeout',
  concurrencyGenerator('timeout', 'withTimeout: a deadline that aborts the call and always settles'),
);
registerScaffoldGenerator('resilience', {
  summary: 'retry, breaker, ratelimit and timeout together (all four modules, all or nothing)',
  usage: CANONICAL_USAGE,
  options: { js: { type: 'boolean' }, tests: { type: 'boolean' } },
  plan: ({ directory, values }) =>
    planResilienceScaffold({
      directory,
      root: directory,
      javascript: values['js'] === true,
      tests: values['tests'] === true,
    }),
});
registerScaffoldGenerator('options', functionalOptionsCliEntry);
registerScaffoldGenerator('layer', layerCliEntry);
registerScaffoldGenerator('convert-parameters', convertParametersCliEntry);

function generalHelp(): string {
  const synopses = [...scaffoldGenerators].map(([name, entry]) => [synopsis(name, entry), entry.summary] as const);
  const width = Math.max(...synopses.map(([shown]) => shown.length));
  return [
    'Usage: tripwire scaffold <generator> [arguments] [options]',
    '',
    'Generators:',
    ...synopses.map(([shown, summary]) => `  ${shown.padEnd(width)}  ${summary}`),
    '',
    '--dir <folder> is required where it is shown without brackets: it names the folder that receives the files.',
    '[--dir <folder>] is optional: it names the workspace root the files must stay inside, and defaults to the current folder.',
    '',
    'Common options:',
    COMMON_USAGE,
    '',
    'Exit codes: 0 done (also a dry run that would write cleanly, or nothing to change), 1 the generator refused',
    '(conflicting files, a file or type not found, an invalid name) or a write failed, 2 a bad command line.',
    "Run 'tripwire scaffold <generator> --help' for a generator's arguments and options.",
    '',
  ].join('\n');
}

function generatorHelp(name: string, entry: ScaffoldGeneratorEntry): string {
  const flags = Object.entries(entry.options)
    .map(([flag, spec]) => ` [--${flag}${spec.type === 'string' ? ' <value>' : ''}]`)
    .join('');
  const argumentList = entry.arguments ?? [];
  const argumentWidth = Math.max(0, ...argumentList.map((argument) => argument.name.length));
  return [
    `Usage: tripwire scaffold ${synopsis(name, entry)}${flags} [--force] [--dry-run] [--json]`,
    '',
    entry.summary,
    '',
    ...(argumentList.length === 0
      ? []
      : [
          'Arguments:',
          ...argumentList.map((argument) => `  ${argument.name.padEnd(argumentWidth)}  ${argument.description}`),
          '',
        ]),
    'Options:',
    ...(entry.usage === '' ? [] : [entry.usage]),
    directoryUsage(entry),
    COMMON_USAGE,
    '',
  ].join('\n');
}

type ParsedCommandLine = { values: FlagValues; positionals: string[] } | { error: string };

/** Parses a generator's command line, with Tripwire's own messages for every mistake. */
function parseCommandLine(name: string, entry: ScaffoldGeneratorEntry, args: string[]): ParsedCommandLine {
  const options = { ...entry.options, ...COMMON_OPTIONS };
  const { values, positionals, tokens } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const known = Object.keys(options).map((flag) => `--${flag}`);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = (options as Record<string, { type: 'string' | 'boolean' } | undefined>)[token.name];
    if (spec === undefined) {
      return { error: `scaffold ${name} has no option ${token.rawName}; its options are ${known.join(', ')}.` };
    }
    if (
      spec.type === 'string' &&
      (token.value === undefined || (token.inlineValue !== true && token.value.startsWith('-')))
    ) {
      return {
        error: `${token.rawName} needs a value: ${token.rawName} <${token.name === 'dir' ? 'folder' : 'value'}>.`,
      };
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      return { error: `${token.rawName} is a switch and takes no value (got "${token.value}").` };
    }
  }
  if (values['help'] === true) return { values: values as FlagValues, positionals };
  const expected = entry.arguments ?? [];
  if (positionals.length < expected.length) {
    const missing = expected.slice(positionals.length).map((argument) => argument.name);
    return { error: `scaffold ${name} needs ${missing.join(' and ')}: tripwire scaffold ${synopsis(name, entry)}.` };
  }
  if (positionals.length > expected.length) {
    const extra = positionals
      .slice(expected.length)
      .map((value) => `"${value}"`)
      .join(', ');
    const takes =
      expected.length === 0 ? 'takes no arguments' : `takes ${expected.map((argument) => argument.name).join(' ')}`;
    return { error: `scaffold ${name} ${takes}; unexpected ${extra}.` };
  }
  return { values: values as FlagValues, positionals };
}

/**
 * Runs the `scaffold` command.
 *
 * @param args the arguments after `scaffold`
 * @param io output streams and current folder
 * @returns the exit code
 */
export async function runScaffoldCommand(args: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(generalHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = scaffoldGenerators.get(name);
  if (entry === undefined) {
    const what = name.startsWith('-')
      ? `scaffold has no option ${name} before the generator`
      : `there is no generator "${name}"`;
    io.stderr(
      `tripwire: ${what}. Generators: ${[...scaffoldGenerators.keys()].join(', ')}. See: tripwire scaffold --help\n`,
    );
    return EXIT.usage;
  }
  const parsed = parseCommandLine(name, entry, rest);
  if ('error' in parsed) {
    io.stderr(`tripwire: ${parsed.error}\nSee: tripwire scaffold ${name} --help\n`);
    return EXIT.usage;
  }
  const { dir, force, json, help, ...ownValues } = parsed.values;
  const dryRun = parsed.values['dry-run'] === true;
  delete ownValues['dry-run'];
  if (help === true) {
    io.stdout(generatorHelp(name, entry));
    return EXIT.ok;
  }
  if ((typeof dir !== 'string' || dir.trim() === '') && !(dir === undefined && entry.directoryOptional === true)) {
    io.stderr(
      `tripwire: scaffold ${name} needs --dir <folder>, the folder that receives the files.\nSee: tripwire scaffold ${name} --help\n`,
    );
    return EXIT.usage;
  }
  const directory = path.resolve(io.cwd, typeof dir === 'string' ? dir : '.');
  try {
    const plan = await entry.plan({ directory, values: ownValues, positionals: parsed.positionals, cwd: io.cwd });
    return report(plan, { root: directory, force: force === true, dryRun, json: json === true }, io);
  } catch (error: unknown) {
    if (error instanceof ScaffoldUsageError) {
      io.stderr(`tripwire: ${error.message}\nSee: tripwire scaffold ${name} --help\n`);
      return EXIT.usage;
    }
    if (
      error instanceof ScaffoldConflictError ||
      error instanceof ScaffoldPathError ||
      error instanceof ScaffoldWriteError
    ) {
      io.stderr(`tripwire: ${error.message}\n`);
      return EXIT.failed;
    }
    io.stderr(`tripwire: scaffold ${name} refused: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

function report(
  plan: ScaffoldPlan,
  options: { root: string; force: boolean; dryRun: boolean; json: boolean },
  io: CliIO,
): number {
  const check = checkPlan(plan, options.root);
  const refused = check.conflicts.length > 0 && !options.force;
  const notes = [...(plan.notes ?? []), ...nodeTypesNotes(plan)];
  if (options.json) {
    const files = check.files.map((file) => ({
      path: file.path,
      status: file.status,
      ...(file.reason === undefined ? {} : { reason: file.reason }),
      ...(file.status === 'identical' || (file.status === 'conflict' && !options.force)
        ? {}
        : { content: file.content }),
    }));
    if (!refused && !options.dryRun) writePlan(plan, { root: options.root, force: options.force });
    io.stdout(
      `${JSON.stringify({ generator: plan.generator, dryRun: options.dryRun, written: !refused && !options.dryRun, refused, notes, files }, null, 2)}\n`,
    );
    return refused ? EXIT.failed : EXIT.ok;
  }
  if (refused) {
    io.stderr(`tripwire: ${new ScaffoldConflictError(check.conflicts).message}\n`);
    io.stderr(`${describeCheck(check, { root: options.root })}\n`);
    return EXIT.failed;
  }
  // Notes come before anything is written: they say what the generated code needs from the project.
  for (const note of notes) io.stderr(`note: ${note}\n`);
  if (options.dryRun) {
    const result = writePlan(plan, { root: options.root, force: options.force, dryRun: true });
    io.stdout(
      `Dry run: scaffold ${plan.generator} would write ${result.written.length} file(s) in ${options.root}; nothing was written.\n`,
    );
    io.stdout(`${describeCheck(check, { root: options.root, force: options.force })}\n`);
    for (const file of result.written) {
      io.stdout(`\n=== ${path.relative(options.root, file.path)} ===\n${file.content}`);
      if (!file.content.endsWith('\n')) io.stdout('\n');
    }
    return EXIT.ok;
  }
  const result = writePlan(plan, { root: options.root, force: options.force });
  io.stdout(
    `${describeCheck(result.files.length === 0 ? check : { ...check, files: result.files }, { root: options.root, force: options.force })}\n`,
  );
  io.stdout(
    result.written.length === 0
      ? `Nothing to do: every file of ${plan.generator} is already up to date in ${options.root}.\n`
      : `Wrote ${result.written.length} file(s) for ${plan.generator} in ${options.root}.\n`,
  );
  return EXIT.ok;
}

function topLevelHelp(): string {
  return [
    'Usage: tripwire <command> [options]',
    '',
    'Commands:',
    '  scaffold <generator>   generate tested code into a folder (see: tripwire scaffold --help)',
    '',
    'Options:',
    '  -h, --help             show this help',
    '  --version              print the version of tripwire-scaffold',
    '',
  ].join('\n');
}

/**
 * Runs the CLI with the arguments after the script name.
 *
 * @param argv e.g. `['scaffold', 'errgroup', '--dir', 'src/lib']`
 * @param io output streams and current folder
 * @returns the exit code
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(topLevelHelp());
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${scaffoldVersion()}\n`);
    return EXIT.ok;
  }
  if (command === 'scaffold') return runScaffoldCommand(rest, io);
  const what = command.startsWith('-') ? `there is no option ${command}` : `there is no command "${command}"`;
  io.stderr(`tripwire: ${what}.\n\n${topLevelHelp()}`);
  return EXIT.usage;
}
