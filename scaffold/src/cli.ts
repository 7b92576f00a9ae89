#!/usr/bin/env node
/**
 * Entry point of the `tripwire` command (the package's bin) and of `node dist/cli.js` in the
 * repository. All logic lives in `cli-commands.ts`; generators register there with one line each.
 */
import { runCli } from './cli-commands.js';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(
      `tripwire: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
