/**
 * The `tripwire scaffold …` command line: argument parsing, the generator registry, and the shared
 * plan → check → write/dry-run → report flow. `cli.ts` is only the process entry point.
 *
 * Adding a generator is one line: `registerScaffoldGenerator('<name>', { summary, usage, options, plan })`,
 * where `plan` turns parsed flags into a {@link ScaffoldPlan}. The common flags (`--dir`, `--force`,
 * `--dry-run`, `--json`, `--help`) are parsed, validated and applied here for every generator.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { planConcurrencyScaffold, planResilienceScaffold, type CanonicalModule } from './concurrency.js';
import { layerCliEntry } from './layer/cli-entry.js';
import { convertParametersCliEntry, functionalOptionsCliEntry } from './options/cli-entry.js';
import { checkPlan, describeCheck, ScaffoldConflictError, ScaffoldPathError, writePlan, type ScaffoldPlan } from './plan.js';

/** Exit codes of the CLI. */
export const EXIT = {
  /** Done (also: a dry run, or nothing to do because every file was identical). */
  ok: 0,
  /** Refused (conflicting files without `--force`, a path outside the folder) or failed. */
  failed: 1,
  /** Bad command line (unknown command or generator, unknown or missing flag). */
  usage: 2,
} as const;

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
  /** The flags specific to this generator, one per line, for `scaffold <name> --help`. */
  usage: string;
  /** `node:util` parseArgs option specs for the generator's own flags. */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Turns parsed flags into the plan to write; throw an Error with a clear message for bad input. */
  plan: (context: GeneratorContext) => ScaffoldPlan | Promise<ScaffoldPlan>;
  /** When true, `--dir` may be omitted and defaults to the current folder (e.g. `scaffold options <file> <Type>`). */
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
  '  --dir <folder>   folder that receives the files (required; created if missing)',
  '  --force          replace files that exist with different content',
  '  --dry-run        print exactly what would be written, write nothing',
  '  --json           print the result as JSON',
  '  -h, --help       show this help',
].join('\n');

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
  '  --tests          also generate a test file (node:test, or vitest/jest when the project uses them)',
].join('\n');

function concurrencyGenerator(module: CanonicalModule, summary: string): ScaffoldGeneratorEntry {
  return {
    summary,
    usage: CANONICAL_USAGE,
    options: { js: { type: 'boolean' }, tests: { type: 'boolean' } },
    plan: ({ directory, values }) =>
      planConcurrencyScaffold({ module, directory, root: directory, javascript: values['js'] === true, tests: values['tests'] === true }),
  };
}

registerScaffoldGenerator('errgroup', concurrencyGenerator('errgroup', 'ErrGroup and mapWithLimit: bounded concurrency, first error cancels the rest'));
registerScaffoldGenerator('singleflight', concurrencyGenerator('singleflight', 'SingleFlight: concurrent calls for one key share one execution'));
registerScaffoldGenerator('retry', concurrencyGenerator('retry', 'retry: exponential backoff with full jitter, abortable, nothing left armed'));
registerScaffoldGenerator('breaker', concurrencyGenerator('circuit-breaker', 'CircuitBreaker: consecutive failures open it, half-open trials from the clock'));
registerScaffoldGenerator('ratelimit', concurrencyGenerator('rate-limiter', 'RateLimiter: token bucket with continuous refill, FIFO waiters, no barging'));
registerScaffoldGenerator('timeout', concurrencyGenerator('timeout', 'withTimeout: a deadline that aborts the call and always settles'));
registerScaffoldGenerator('resilience', {
  summary: 'retry, breaker, ratelimit and timeout together (all four modules, all or nothing)',
  usage: CANONICAL_USAGE,
  options: { js: { type: 'boolean' }, tests: { type: 'boolean' } },
  plan: ({ directory, values }) => planResilienceScaffold({ directory, root: directory, javascript: values['js'] === true, tests: values['tests'] === true }),
});
registerScaffoldGenerator('options', functionalOptionsCliEntry);
registerScaffoldGenerator('layer', layerCliEntry);
registerScaffoldGenerator('convert-parameters', convertParametersCliEntry);

function generalHelp(): string {
  const width = Math.max(...[...scaffoldGenerators.keys()].map((name) => name.length));
  const generators = [...scaffoldGenerators].map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`).join('\n');
  return [
    'Usage: tripwire scaffold <generator> --dir <folder> [options]',
    '',
    'Generators:',
    generators,
    '',
    'Common options:',
    COMMON_USAGE,
    '',
    'Exit codes: 0 done (or dry run, or nothing to change), 1 refused or failed, 2 bad command line.',
    "Run 'tripwire scaffold <generator> --help' for a generator's own options.",
    '',
  ].join('\n');
}

function generatorHelp(name: string, entry: ScaffoldGeneratorEntry): string {
  const flags = Object.keys(entry.options).map((flag) => ` [--${flag}]`).join('');
  return [
    `Usage: tripwire scaffold ${name} --dir <folder>${flags} [--force] [--dry-run] [--json]`,
    '',
    entry.summary,
    '',
    'Options:',
    entry.usage,
    COMMON_USAGE,
    '',
  ].join('\n');
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
    io.stderr(`tripwire: unknown generator "${name}". Available: ${[...scaffoldGenerators.keys()].join(', ')}.\n`);
    return EXIT.usage;
  }
  let parsed: { values: FlagValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { ...entry.options, ...COMMON_OPTIONS }, allowPositionals: true, strict: true });
  } catch (error: unknown) {
    io.stderr(`tripwire: ${error instanceof Error ? error.message : String(error)}\n\n${generatorHelp(name, entry)}`);
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
    io.stderr(`tripwire: scaffold ${name} needs --dir <folder>\n\n${generatorHelp(name, entry)}`);
    return EXIT.usage;
  }
  const directory = path.resolve(io.cwd, typeof dir === 'string' ? dir : '.');
  try {
    const plan = await entry.plan({ directory, values: ownValues, positionals: parsed.positionals, cwd: io.cwd });
    return report(plan, { root: directory, force: force === true, dryRun, json: json === true }, io);
  } catch (error: unknown) {
    if (error instanceof ScaffoldConflictError || error instanceof ScaffoldPathError) {
      io.stderr(`tripwire: ${error.message}\n`);
      return EXIT.failed;
    }
    io.stderr(`tripwire: scaffold ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

function report(plan: ScaffoldPlan, options: { root: string; force: boolean; dryRun: boolean; json: boolean }, io: CliIO): number {
  const check = checkPlan(plan, options.root);
  const refused = check.conflicts.length > 0 && !options.force;
  if (options.json) {
    const files = check.files.map((file) => ({
      path: file.path,
      status: file.status,
      ...(file.reason === undefined ? {} : { reason: file.reason }),
      ...(file.status === 'identical' || (file.status === 'conflict' && !options.force) ? {} : { content: file.content }),
    }));
    if (!refused && !options.dryRun) writePlan(plan, { root: options.root, force: options.force });
    io.stdout(`${JSON.stringify({ generator: plan.generator, dryRun: options.dryRun, written: !refused && !options.dryRun, refused, files }, null, 2)}\n`);
    return refused ? EXIT.failed : EXIT.ok;
  }
  if (refused) {
    io.stderr(`tripwire: ${new ScaffoldConflictError(check.conflicts).message}\n`);
    io.stderr(`${describeCheck(check, { root: options.root })}\n`);
    return EXIT.failed;
  }
  if (options.dryRun) {
    const result = writePlan(plan, { root: options.root, force: options.force, dryRun: true });
    io.stdout(`Dry run: scaffold ${plan.generator} would write ${result.written.length} file(s) in ${options.root}; nothing was written.\n`);
    io.stdout(`${describeCheck(check, { root: options.root, force: options.force })}\n`);
    for (const file of result.written) {
      io.stdout(`\n=== ${path.relative(options.root, file.path)} ===\n${file.content}`);
      if (!file.content.endsWith('\n')) io.stdout('\n');
    }
    return EXIT.ok;
  }
  const result = writePlan(plan, { root: options.root, force: options.force });
  io.stdout(`${describeCheck(result.files.length === 0 ? check : { ...check, files: result.files }, { root: options.root, force: options.force })}\n`);
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
  if (command === 'scaffold') return runScaffoldCommand(rest, io);
  io.stderr(`tripwire: unknown command "${command}"\n\n${topLevelHelp()}`);
  return EXIT.usage;
}
