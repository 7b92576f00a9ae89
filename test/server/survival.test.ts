// Bad input over a real stdio connection: the server logs clearly, publishes what it can, and keeps serving.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest } from 'vscode-languageserver-protocol';
import { fileUri, StdioLspClient } from './lsp-client.js';
import { CLEAN, LOOP_RULE, makeWorkspace, removeWorkspace, TRAP, WHOLE_FILE } from './helpers.js';

/** One JSON-RPC message with its header, as it goes over stdio. */
function frame(message: object): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** The server's response to the request `id` sent past the client's connection, read from its stdout. */
function responseTo(client: StdioLspClient, id: string): Promise<unknown> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    const read = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        // Listening may start in the middle of a message: resynchronise on the next header.
        const header = buffered.indexOf('Content-Length:');
        const headerEnd = buffered.indexOf('\r\n\r\n', Math.max(0, header));
        if (header === -1 || headerEnd === -1) return;
        const length = Number(/Content-Length: (\d+)/.exec(buffered.subarray(header, headerEnd).toString())?.[1]);
        const bodyEnd = headerEnd + 4 + length;
        if (buffered.length < bodyEnd) return;
        const message = JSON.parse(buffered.subarray(headerEnd + 4, bodyEnd).toString()) as { id?: unknown };
        buffered = buffered.subarray(bodyEnd);
        if (message.id === id) {
          client.process.stdout.off('data', read);
          resolve(message);
          return;
        }
      }
    };
    client.process.stdout.on('data', read);
  });
}

describe('survival: files and requests the server must live through', { timeout: 120_000 }, () => {
  let client: StdioLspClient;
  let workspace: string;

  /** Proves the server still answers: a fresh document gets its diagnostic. */
  async function stillServing(name: string): Promise<void> {
    const uri = fileUri(path.join(workspace, `alive-${name}.ts`));
    await client.open(uri, TRAP);
    const published = await client.waitForVersion(uri, 1);
    assert.equal(published.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
  }

  before(async () => {
    workspace = makeWorkspace();
    ({ client } = await StdioLspClient.start({ rootPath: workspace, testRules: true }));
  });
  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, client.stderr.join(''));
    removeWorkspace(workspace);
  });

  it('a syntax error gives one parse diagnostic; fixing it brings the rules back', async () => {
    const uri = fileUri(path.join(workspace, 'syntax.ts'));
    await client.open(uri, `${TRAP}\nexport const = ;\n`);
    const broken = await client.waitForVersion(uri, 1);
    assert.equal(broken.diagnostics.length, 1);
    assert.equal(broken.diagnostics[0]!.code, 'tripwire/parse-error');
    assert.match(String(broken.diagnostics[0]!.message), /cannot parse/);
    await client.replaceText(uri, TRAP, 2);
    const fixed = await client.waitForVersion(uri, 2);
    assert.equal(fixed.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
  });

  it('skips a huge file (tripwire.maxFileSize) with one log line', async () => {
    const uri = fileUri(path.join(workspace, 'huge.ts'));
    const filler = '// padding padding padding padding padding padding padding padding padding padding\n'.repeat(
      14_000,
    );
    await client.open(uri, `${TRAP}${filler}`);
    const published = await client.waitForVersion(uri, 1);
    assert.deepEqual(published.diagnostics, []);
    const log = await client.waitForLog(/Skipping .*huge\.ts: .*tripwire\.maxFileSize/);
    assert.equal(log.type, 3 /* Info */);
    await client.replaceText(uri, `${TRAP}${filler}// more\n`, 2);
    await client.waitForVersion(uri, 2);
    assert.equal(client.logs.filter((l) => /huge\.ts/.test(l.message)).length, 1, 'logged more than once');
    await stillServing('huge');
  });

  it('skips minified code (a line above tripwire.maxLineLength)', async () => {
    const uri = fileUri(path.join(workspace, 'bundle.min.js'));
    const minified = `${TRAP.replace(': void', '').replace('items: string[]', 'items').replace(/\n/g, ' ')}${'var a=1;'.repeat(3_000)}\n`;
    await client.open(uri, minified, 'javascript');
    const published = await client.waitForVersion(uri, 1);
    assert.deepEqual(published.diagnostics, []);
    await client.waitForLog(/Skipping .*bundle\.min\.js: it has a line of \d+ characters/);
  });

  it('skips binary content', async () => {
    const uri = fileUri(path.join(workspace, 'image.ts'));
    await client.open(uri, `\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR${'\u0000'.repeat(64)}`);
    const published = await client.waitForVersion(uri, 1);
    assert.deepEqual(published.diagnostics, []);
    await client.waitForLog(/Skipping .*image\.ts: the content looks binary/);
    await stillServing('binary');
  });

  it("a throwing rule is reported once and the other rules' diagnostics stay", async () => {
    const first = fileUri(path.join(workspace, 'throws-1.ts'));
    const second = fileUri(path.join(workspace, 'throws-2.ts'));
    const text = `${TRAP}const __tripwire_throw__ = 1;\nexport { __tripwire_throw__ };\n`;
    await client.open(first, text);
    const published = await client.waitForVersion(first, 1);
    assert.equal(
      published.diagnostics.filter((d) => d.code === LOOP_RULE).length,
      1,
      JSON.stringify(published.diagnostics),
    );
    assert.equal(published.diagnostics.filter((d) => String(d.code).startsWith('tripwire-test/throws')).length, 0);
    const log = await client.waitForLog(/Rule tripwire-test\/throws failed/);
    assert.equal(log.type, 1 /* Error */);
    assert.match(log.message, /test rule failure on __tripwire_throw__/);
    await client.open(second, text);
    const again = await client.waitForVersion(second, 1);
    assert.equal(again.diagnostics.filter((d) => d.code === LOOP_RULE).length, 1);
    await client.replaceText(first, `${text}// edit\n`, 2);
    await client.waitForVersion(first, 2);
    assert.equal(
      client.logs.filter((l) => /Rule tripwire-test\/throws failed/.test(l.message)).length,
      1,
      'reported more than once',
    );
    const status = await client.waitForStatus((s) => s.lastLintUri === first && s.state !== 'linting');
    assert.equal(status.state, 'error');
    assert.match(status.message ?? '', /tripwire-test\/throws/);
  });

  it('answers a code action request cancelled before it was dispatched with null, without computing it', async () => {
    const uri = fileUri(path.join(workspace, 'cancelled.ts'));
    await client.open(uri, TRAP);
    await client.waitForVersion(uri, 1);
    // The LSP thread never waits for a lint, so a request is normally dispatched as soon as it is read.
    // Written in one piece, the request and its cancellation are read together: the cancellation finds
    // the request still queued.
    const id = 'cancelled-before-dispatch';
    const answer = responseTo(client, id);
    const params = { textDocument: { uri }, range: WHOLE_FILE, context: { diagnostics: [] } };
    client.process.stdin.write(
      frame({ jsonrpc: '2.0', id, method: CodeActionRequest.method, params }) +
        frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }),
    );
    assert.deepEqual(await answer, { jsonrpc: '2.0', id, result: null });
    await stillServing('cancelled');
  });

  it('answers an unknown request with MethodNotFound and ignores an unknown notification', async () => {
    await client.connection.sendNotification('tripwire/noSuchNotification', { anything: true });
    await assert.rejects(
      client.connection.sendRequest('tripwire/noSuchRequest', {}),
      (error: { code?: number }) => error.code === -32601,
    );
    await stillServing('unknown');
  });

  it('survives requests with malformed params', async () => {
    const result = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: {},
      range: null,
      context: null,
    });
    assert.deepEqual(result, []);
    await assert.doesNotReject(
      client.connection.sendRequest('workspace/executeCommand', {
        command: 'tripwire.server.showDocumentation',
        arguments: [42],
      }),
    );
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'file:///nowhere/never-opened.ts', version: 3 },
      contentChanges: [{ text: 'x' }],
    });
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'not a uri', languageId: 'typescript', version: 1, text: CLEAN },
    });
    await stillServing('malformed-params');
  });

  it('survives messages that are not JSON at all, and logs the first one once', async () => {
    for (const garbage of ['{ this is not json', '[1, 2']) {
      client.process.stdin.write(`Content-Length: ${Buffer.byteLength(garbage)}\r\n\r\n${garbage}`);
    }
    const log = await client.waitForLog(/Ignored input that is not a JSON-RPC message/);
    assert.equal(log.type, 2 /* Warning */);
    await stillServing('garbage');
    assert.equal(
      client.logs.filter((l) => /not a JSON-RPC message/.test(l.message)).length,
      1,
      'logged more than once',
    );
  });
});
