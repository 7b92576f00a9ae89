// The e2e harness keeps every socket-bearing folder short, whatever the checkout's path, and refuses to
// start with a clear message when a socket path would still be too long.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createRunPaths, MAX_SOCKET_PATH_BYTES, planRunPaths, socketPathProblem } from '../e2e/lib/run-paths.mjs';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'tw-paths-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A checkout folder whose path is at least `length` characters, like a deep clone under ~/src/github.com/… */
function longCheckout(length: number): string {
  let folder = path.join(scratch, 'home', 'someone', 'src', 'github.com', 'an-organisation-with-a-long-name');
  while (folder.length < length) folder = path.join(folder, 'nested-folder-of-the-clone');
  folder = path.join(folder, 'tripwire');
  mkdirSync(folder, { recursive: true });
  return folder;
}

describe('e2e run paths', () => {
  it('keeps every socket under the limit from a checkout path of 150+ characters', () => {
    const root = longCheckout(150);
    assert.ok(root.length >= 150, `checkout path is ${root.length} characters`);
    const plan = createRunPaths({ root, id: '2026-12-03T15-00-00-000Z-12345' });
    try {
      assert.ok(plan.runDir.startsWith(root), 'logs and workspaces stay in the checkout');
      assert.ok(plan.shortDir.startsWith(os.tmpdir()), 'profiles live under os.tmpdir()');
      assert.ok(!plan.shortDir.startsWith(root));
      assert.ok(plan.sockets.length >= 5, 'chromium, both code-servers and their VS Code IPC sockets are planned');
      for (const socket of plan.sockets) {
        assert.ok(socket.startsWith(plan.shortDir), `${socket} is under the short folder`);
        assert.ok(Buffer.byteLength(socket) < MAX_SOCKET_PATH_BYTES, `${socket} is ${Buffer.byteLength(socket)} bytes`);
      }
      for (const folder of [plan.browser.tmp, plan.trusted.userData, plan.untrusted.tmp, plan.runDir]) {
        assert.ok(existsSync(folder), `${folder} was created`);
      }
    } finally {
      plan.removeShortDir();
    }
    assert.ok(!existsSync(plan.shortDir), 'the short folder is removed afterwards');
  });

  it('plans chromium, code-server and VS Code sockets in the folders those programs are given', () => {
    const plan = planRunPaths({ root: '/r', shortDir: '/tmp/tw-e2e-abcdef', id: 'x' });
    assert.ok(
      plan.sockets.some((socket) => socket.startsWith(plan.browser.tmp) && socket.endsWith('/SingletonSocket')),
    );
    assert.ok(
      plan.sockets.some(
        (socket) => socket.startsWith(plan.trusted.userData) && socket.endsWith('code-server-ipc.sock'),
      ),
    );
    assert.ok(
      plan.sockets.some((socket) => socket.startsWith(plan.untrusted.tmp) && /vscode-ipc-0{36}\.sock$/.test(socket)),
    );
    assert.equal(socketPathProblem(plan), undefined);
  });

  it('refuses to start, naming the long paths and the fix, when the temporary folder is too deep', () => {
    const deepTmp = longCheckout(120);
    assert.throws(
      () => createRunPaths({ root: longCheckout(150), id: 'x', tmpBase: deepTmp }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, /will not start/);
        assert.match(error.message, /SingletonSocket/);
        assert.match(error.message, /TMPDIR/);
        return true;
      },
    );
    assert.deepEqual(readdirSync(deepTmp), [], 'nothing was created before refusing');
  });
});
