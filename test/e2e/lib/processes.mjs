// Every process the e2e tier starts is registered here and ended on exit, on a signal, on a timeout and on
// failure. Long-lived servers run in their own process group, so ending the group also ends what they
// started (extension hosts, the language server, tsserver, file watchers).
import { spawn } from 'node:child_process';

/** @type {Set<{ name: string, child: import('node:child_process').ChildProcess }>} */
const running = new Set();
/** @type {(() => Promise<void>)[]} */
const cleanups = [];

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends SIGTERM to the process group, then SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(child, graceMs = 5000) {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // ended between the check and the kill
    }
  }
}

/** Starts a long-lived process in its own group; `stopAll()` ends it. */
export function startGroup(name, command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  const entry = { name, child };
  running.add(entry);
  child.once('exit', () => running.delete(entry));
  return child;
}

/** Registers an async cleanup (closing the browser, removing folders) that `stopAll()` runs first. */
export function onCleanup(cleanup) {
  cleanups.push(cleanup);
}

let stopping;
/** Ends everything that was started; safe to call more than once. */
export function stopAll() {
  stopping ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      let timer;
      try {
        await Promise.race([
          cleanup().catch(() => undefined),
          new Promise((resolve) => (timer = setTimeout(resolve, 10_000))),
        ]);
      } finally {
        clearTimeout(timer);
      }
    }
    await Promise.all([...running].map(({ child }) => stopGroup(child)));
  })();
  return stopping;
}

/** Synchronous last resort for process exit: SIGKILL every group still registered. */
export function killAllNow() {
  for (const { child } of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Runs a short command to completion (output captured); rejects on a non-zero exit or after `timeoutMs`. */
export function runToCompletion(command, args, options = {}, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = { name: command, child };
    running.add(entry);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      void stopGroup(child, 1000);
      reject(new Error(`${path(command)} ${args.join(' ')} timed out after ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(entry);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(entry);
      if (code === 0) resolve(output);
      else reject(new Error(`${path(command)} ${args.join(' ')} exited with ${code ?? signal}\n${output}`));
    });
  });
}

function path(command) {
  return command.split('/').pop();
}
