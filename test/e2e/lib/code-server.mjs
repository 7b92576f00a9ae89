// Starts code-server (the real VS Code server + web workbench) with a profile of its own (user-data,
// extensions, HOME, TMPDIR and XDG_RUNTIME_DIR, from run-paths.mjs: short, because sockets live there),
// its log in `logDir`, a free port on 127.0.0.1, no auth, no telemetry.
import { existsSync, mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runToCompletion, startGroup, stopGroup } from './processes.mjs';

/** Settings that give a clean window: no welcome page, tips, surveys, update checks or git scanning. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'typescript.disableAutomaticTypeAcquisition': true,
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment of code-server and everything it starts: isolated HOME/TMPDIR/XDG_RUNTIME_DIR (where
 * VS Code puts its IPC sockets), no outer VS Code leaking in.
 * @param {import('./run-paths.mjs').Profile} profile
 * @param {Record<string, string>} extraEnv
 */
function isolatedEnv(profile, extraEnv) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(key) || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: profile.home,
    TMPDIR: profile.tmp,
    XDG_RUNTIME_DIR: profile.tmp,
    XDG_CONFIG_HOME: path.join(profile.home, '.config'),
    ...extraEnv,
  };
}

/**
 * @param {object} options
 * @param {string} options.codeServer path of the code-server binary
 * @param {import('./run-paths.mjs').Profile} options.profile the server's profile folders (see run-paths.mjs)
 * @param {string} options.logDir where code-server.log goes
 * @param {boolean} [options.trust] workspace trust on (folders open untrusted) or off (everything trusted)
 * @param {Record<string, unknown>} [options.settings] extra user settings
 * @param {string[]} [options.vsixes] extensions to install first
 * @param {Record<string, string>} [options.env] extra environment for the server and its extension hosts
 * @param {number} [options.port] a fixed port (default: a free one)
 */
export async function startCodeServer({
  codeServer,
  profile: folders,
  logDir,
  trust = false,
  settings = {},
  vsixes = [],
  env = {},
  port: fixedPort,
}) {
  const { userData, extensions } = folders;
  for (const dir of [path.join(userData, 'User'), extensions, folders.home, folders.tmp, logDir])
    mkdirSync(dir, { recursive: true });
  const trustSettings = trust
    ? {
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.emptyWindow': false,
      }
    : { 'security.workspace.trust.enabled': false };
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    `${JSON.stringify({ ...QUIET_SETTINGS, ...trustSettings, ...settings }, null, 2)}\n`,
  );
  const serverEnv = isolatedEnv(folders, env);
  const profile = ['--user-data-dir', userData, '--extensions-dir', extensions];
  for (const vsix of vsixes) {
    await runToCompletion(codeServer, [...profile, '--install-extension', vsix], { env: serverEnv }, 120_000);
  }
  const port = fixedPort ?? (await freePort());
  const logFile = path.join(logDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const child = startGroup(
    'code-server',
    codeServer,
    [
      ...profile,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      ...(trust ? [] : ['--disable-workspace-trust']),
    ],
    { env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${logFile}`);
    try {
      // A server that accepts the socket and never answers must not outlast the deadline.
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopGroup(child);
      throw new Error(`code-server did not answer on ${url} within 60 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    port,
    logFile,
    /** `vscode-remote://127.0.0.1:PORT/abs/path`: how the workbench names a file on the server. */
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath}`,
    stop: () => stopGroup(child),
  };
}

export function codeServerBinary(root) {
  const candidates = [
    process.env.TRIPWIRE_CODE_SERVER,
    path.join(
      process.env.TRIPWIRE_E2E_DIR ?? path.join(root, '.e2e'),
      'code-server',
      'node_modules',
      '.bin',
      'code-server',
    ),
  ];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}
