/**
 * Starts the server from a command line. Whatever goes wrong before the connection can log ends the
 * process with one line on stderr: a bundled server must never print its own (minified) source.
 */
import { parseCommandLine, usage } from './command-line.js';
import { startServer } from './connection.js';
import type { ServerOptions } from './session.js';
import { SERVER_VERSION } from './version.js';

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tripwire-server: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

export function main(argv: readonly string[], options: ServerOptions = {}): void {
  const commandLine = parseCommandLine(argv);
  switch (commandLine.action) {
    case 'help':
      process.stdout.write(usage());
      return;
    case 'version':
      process.stdout.write(`${SERVER_VERSION}\n`);
      return;
    case 'usage-error':
      process.stderr.write(`tripwire-server: ${commandLine.message}\n\n${usage()}`);
      process.exitCode = 2;
      return;
    case 'start':
      process.on('uncaughtException', fail);
      process.on('unhandledRejection', fail);
      try {
        startServer(commandLine.transport, options);
      } catch (error) {
        fail(error);
      }
      // From here on the connection logs unexpected errors and keeps serving.
      process.off('uncaughtException', fail);
      process.off('unhandledRejection', fail);
  }
}
