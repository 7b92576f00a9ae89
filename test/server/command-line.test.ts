// The server's own command line, run as real processes of the bundle: help, version, usage errors,
// each transport, and errors that must end in one line instead of a dump of the bundle's source.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  createProtocolConnection,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { repoRoot, serverBundle } from './lsp-client.js';

const VERSION = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serverBundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function initialize(connection: ProtocolConnection): Promise<InitializeResult> {
  connection.listen();
  return connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An error report is one or two short lines, never a stack trace or the bundle's minified source. */
function assertShortError(stderr: string): void {
  const lines = stderr.trim().split('\n');
  assert.ok(lines.length <= 2, stderr);
  for (const line of lines) {
    assert.match(line, /^tripwire-server: /);
    assert.ok(line.length < 200, `a line of ${line.length} characters`);
  }
  assert.doesNotMatch(stderr, /\bat .*server\.js:\d+|function\s*\(|=>/);
}

describe('server command line', { timeout: 60_000 }, () => {
  it('--help prints the usage with every transport and where the protocol is described, and exits 0', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    for (const expected of ['--stdio', '--node-ipc', '--socket=PORT', 'server/PROTOCOL.md'])
      assert.ok(stdout.includes(expected), stdout);
    assert.ok(stdout.split('\n').length < 25, 'the usage is short');
  });

  it('--version prints the version and exits 0', async () => {
    const { code, stdout, stderr } = await run(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout, `${VERSION}\n`);
    assert.equal(stderr, '');
  });

  it('without a transport prints why and the usage on stderr, and exits 2', async () => {
    const { code, stdout, stderr } = await run([]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(
      stderr,
      /^tripwire-server: No transport given: start the server with --stdio, --node-ipc or --socket=PORT\.\n/,
    );
    assert.ok(stderr.includes('--stdio') && stderr.includes('server/PROTOCOL.md'), stderr);
  });

  it('rejects a socket option without a valid port with exit 2', async () => {
    const { code, stderr } = await run(['--socket=http']);
    assert.equal(code, 2);
    assert.match(stderr, /^tripwire-server: --socket needs a port number from 1 to 65535, got "http"\n/);
  });

  it('ends with one line on stderr and exit 1 when the socket cannot be reached', async () => {
    const { code, stdout, stderr } = await run([`--socket=${await closedPort()}`]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /ECONNREFUSED/);
    assertShortError(stderr);
  });

  it('ends with one line on stderr and exit 1 when the pipe cannot be opened', async () => {
    const { code, stderr } = await run([`--pipe=${path.join(os.tmpdir(), 'tripwire-no-such-folder', 'server.sock')}`]);
    assert.equal(code, 1);
    assert.match(stderr, /ENOENT/);
    assertShortError(stderr);
  });

  it('speaks LSP over --socket=PORT', async () => {
    const server = createServer();
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const child = spawn(process.execPath, [serverBundle, `--socket=${port}`], { stdio: 'ignore' });
    const socket = await accepted;
    const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    const result = await initialize(connection);
    assert.deepEqual(result.serverInfo, { name: 'tripwire', version: VERSION });
    const exit = exited(child);
    socket.destroy();
    assert.equal(await exit, 1, 'a connection closed without shutdown ends the process with 1');
    connection.dispose();
    server.close();
  });

  it('speaks LSP over --node-ipc', async () => {
    const child = spawn(process.execPath, [serverBundle, '--node-ipc', '--clientProcessId=1'], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const result = await initialize(connection);
    assert.equal(result.serverInfo?.version, VERSION);
    const exit = exited(child);
    child.disconnect();
    assert.equal(await exit, 1, 'the parent going away without shutdown ends the process with 1');
    connection.dispose();
  });
});
