// Where an e2e run keeps its files. Unix socket paths are limited to 107 bytes (sun_path), and chromium,
// code-server and the VS Code server all create sockets under the folders they are given (TMPDIR,
// XDG_RUNTIME_DIR, user-data). Those folders therefore live under one short directory made in
// os.tmpdir(), never inside the checkout, whose path can be of any length. Logs, bundles and the
// workspace copies stay in the checkout's run folder, where a person looks for them.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The longest socket path the harness allows; sun_path holds 107 bytes plus a NUL. */
export const MAX_SOCKET_PATH_BYTES = 100;

/** The prefix of the short folder in os.tmpdir(). */
const SHORT_PREFIX = 'tw-e2e-';

/**
 * The sockets each program creates under a folder it is given, named by their longest form:
 * a UUID is 36 characters, chromium's mkdtemp suffix 6, git's IPC hash 10.
 */
const CHROMIUM_SOCKETS = ['org.chromium.Chromium.XXXXXX/SingletonSocket'];
const VSCODE_RUNTIME_SOCKETS = [`vscode-ipc-${'0'.repeat(36)}.sock`, `vscode-git-${'0'.repeat(10)}.sock`];
const CODE_SERVER_USER_DATA_SOCKETS = ['code-server-ipc.sock'];

/**
 * The profile of one program: HOME, TMPDIR (also XDG_RUNTIME_DIR) and, for code-server, user data
 * and extensions.
 * @typedef {{ dir: string, home: string, tmp: string, userData: string, extensions: string }} Profile
 */

/**
 * @param {string} dir
 * @returns {Profile}
 */
function profileIn(dir) {
  return {
    dir,
    home: path.join(dir, 'h'),
    tmp: path.join(dir, 't'),
    userData: path.join(dir, 'd'),
    extensions: path.join(dir, 'x'),
  };
}

/**
 * Plans the folders of one run without creating anything.
 * @param {{ root: string, shortDir: string, id: string, e2eDir?: string }} options
 *   root: the checkout; shortDir: the short folder for profiles (normally made by `createRunPaths`)
 */
export function planRunPaths({ root, shortDir, id, e2eDir = path.join(root, '.e2e') }) {
  const browser = profileIn(path.join(shortDir, 'b'));
  const trusted = profileIn(path.join(shortDir, 's'));
  const untrusted = profileIn(path.join(shortDir, 'u'));
  const sockets = [
    ...CHROMIUM_SOCKETS.map((name) => path.join(browser.tmp, name)),
    ...[trusted, untrusted].flatMap((profile) => [
      ...VSCODE_RUNTIME_SOCKETS.map((name) => path.join(profile.tmp, name)),
      ...CODE_SERVER_USER_DATA_SOCKETS.map((name) => path.join(profile.userData, name)),
    ]),
  ];
  return { runDir: path.join(e2eDir, 'runs', id), shortDir, browser, trusted, untrusted, sockets };
}

/**
 * The socket paths that would be too long, as one message, or undefined when all fit.
 * @param {{ sockets: string[] }} plan
 */
export function socketPathProblem(plan) {
  const tooLong = plan.sockets.filter((socket) => Buffer.byteLength(socket) >= MAX_SOCKET_PATH_BYTES);
  if (tooLong.length === 0) return undefined;
  return [
    `The e2e harness will not start: ${tooLong.length} socket path(s) would reach ${MAX_SOCKET_PATH_BYTES} bytes or more`,
    '(Unix sockets are limited to 107), and chromium or code-server would die at start-up:',
    ...tooLong.map((socket) => `  ${Buffer.byteLength(socket)} bytes: ${socket}`),
    `Point TMPDIR at a shorter folder (os.tmpdir() is ${os.tmpdir()}).`,
  ].join('\n');
}

/**
 * Makes the short folder in `tmpBase` (default os.tmpdir()) and the checkout's run folder, after checking
 * every socket path. Throws with a message naming the long paths, having created nothing, if one would
 * not fit.
 * @param {{ root: string, id: string, e2eDir?: string, tmpBase?: string }} options
 */
export function createRunPaths({ root, id, e2eDir, tmpBase = os.tmpdir() }) {
  // mkdtemp appends six characters: check the plan with a placeholder of the same length first.
  const probe = planRunPaths({ root, id, e2eDir, shortDir: path.join(tmpBase, `${SHORT_PREFIX}XXXXXX`) });
  const problem = socketPathProblem(probe);
  if (problem !== undefined) throw new Error(problem);
  const shortDir = mkdtempSync(path.join(tmpBase, SHORT_PREFIX));
  const plan = planRunPaths({ root, id, e2eDir, shortDir });
  for (const profile of [plan.browser, plan.trusted, plan.untrusted]) {
    for (const dir of [profile.home, profile.tmp, profile.userData, profile.extensions])
      mkdirSync(dir, { recursive: true });
  }
  mkdirSync(plan.runDir, { recursive: true });
  return { ...plan, removeShortDir: () => rmSync(shortDir, { recursive: true, force: true }) };
}
