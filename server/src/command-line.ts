/**
 * The server's command line: `--help`, `--version`, or a transport to speak LSP over. LSP clients
 * add arguments of their own (vscode-languageclient passes `--clientProcessId=N`); arguments that
 * are not recognised are ignored once a transport is given.
 */

export type Transport =
  { kind: 'stdio' } | { kind: 'node-ipc' } | { kind: 'socket'; port: number } | { kind: 'pipe'; name: string };

export type CommandLine =
  | { action: 'help' }
  | { action: 'version' }
  | { action: 'start'; transport: Transport }
  | { action: 'usage-error'; message: string };

export function usage(program = 'node dist/server.js'): string {
  return [
    'Tripwire language server: the tripwire/* ESLint rules, quick fixes and scaffolds over LSP.',
    '',
    'Usage:',
    `  ${program} --stdio         speak LSP over stdin/stdout`,
    `  ${program} --node-ipc      speak LSP over the Node IPC channel (a forked process)`,
    `  ${program} --socket=PORT   connect to PORT on localhost and speak LSP over it`,
    `  ${program} --pipe=NAME     connect to the named pipe or Unix socket NAME`,
    `  ${program} --help          print this help`,
    `  ${program} --version       print the version`,
    '',
    'The protocol (settings, commands, notifications, trust) is described in server/PROTOCOL.md',
    'of the repository: https://github.com/tripwire-dev/tripwire/blob/main/server/PROTOCOL.md',
    '',
  ].join('\n');
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const port = Number(value);
  return port > 0 && port < 65_536 ? port : undefined;
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (argv.includes('--help') || argv.includes('-h')) return { action: 'help' };
  if (argv.includes('--version') || argv.includes('-v')) return { action: 'version' };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--stdio') return { action: 'start', transport: { kind: 'stdio' } };
    if (argument === '--node-ipc') return { action: 'start', transport: { kind: 'node-ipc' } };
    const [name, inlineValue] = argument.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name !== '--socket' && name !== '--pipe') continue;
    const value = inlineValue ?? argv[index + 1];
    if (name === '--pipe') {
      if (!value) return { action: 'usage-error', message: '--pipe needs a pipe name: --pipe=NAME' };
      return { action: 'start', transport: { kind: 'pipe', name: value } };
    }
    const port = parsePort(value);
    if (port === undefined)
      return {
        action: 'usage-error',
        message: `--socket needs a port number from 1 to 65535, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
      };
    return { action: 'start', transport: { kind: 'socket', port } };
  }
  return {
    action: 'usage-error',
    message: 'No transport given: start the server with --stdio, --node-ipc or --socket=PORT.',
  };
}
