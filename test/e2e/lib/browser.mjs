// Debian's chromium, driven by playwright-core: the client of the code-server workbench.
import { existsSync, mkdirSync } from 'node:fs';
import util from 'node:util';
import { chromium } from 'playwright-core';
import { onCleanup } from './processes.mjs';

export function chromiumBinary() {
  return [process.env.TRIPWIRE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (candidate) => candidate && existsSync(candidate),
  );
}

/**
 * Launches headless chromium with a throwaway HOME (it writes crash reports under ~/.config) and TMPDIR
 * (its profile and SingletonSocket go there: keep it short, see run-paths.mjs).
 * @param {string} executablePath
 * @param {import('./run-paths.mjs').Profile} profile
 */
export async function launchBrowser(executablePath, profile) {
  for (const dir of [profile.home, profile.tmp]) mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    // run.mjs ends everything itself on a signal (and still writes its counts); playwright must not exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: { ...process.env, HOME: profile.home, TMPDIR: profile.tmp },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  onCleanup(() => browser.close());
  return browser;
}

/** The workbench URL for `folder`, with a `payload` (openFile, extensionDevelopmentPath, extensionTestsPath…). */
export function workbenchUrl(server, folder, payload = []) {
  const query = `folder=${encodeURIComponent(folder)}`;
  return `${server.url}/?${query}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
}

/**
 * Forwards the extension host's console (the workbench logs it as `%c INFO …`) to `sink`, unformatted.
 * @param {import('playwright-core').Page} page
 * @param {(line: string) => void} sink
 */
export function forwardConsole(page, sink) {
  page.on('console', (message) => {
    Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '?')))
      .then((values) => {
        let args = values;
        if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
          args = [`${args[0].slice(2).trim()} ${args[2] ?? ''}`, ...args.slice(3)];
        }
        sink(util.format(...args));
      })
      .catch(() => sink(message.text()));
  });
}
