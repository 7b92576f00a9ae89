/**
 * Entry point of `node dist/cli.js` (bundled by esbuild from this file). All logic lives in
 * `scaffold/cli-commands.ts`; generators register there with one line each.
 */
import { runCli } from './scaffold/cli-commands.js';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`tripwire: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
