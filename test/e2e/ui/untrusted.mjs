// Workspace trust on, the folder never trusted (Restricted Mode): Tripwire still reports syntactic findings
// with its bundled engine, and loads nothing from the workspace. The workspace's eslint.config.js writes a
// marker file when executed; run.mjs checks that marker after the window has linted.
import path from 'node:path';
import { openProblems, openWorkbench } from './workbench.mjs';

const FILE = 'src/jobs/retry-scheduler.ts';

export async function runUntrustedChecks(context, { workspace }) {
  const { browser, artifacts, check, log } = context;
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  try {
    log('untrusted: opening the folder with workspace trust enabled');
    const opened = await check('untrusted folder opens in Restricted Mode', async () => {
      await openWorkbench(context, page, workspace, FILE);
      await page.locator('.statusbar', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    });
    if (!opened) return;
    await check("untrusted workspace: Tripwire's syntactic findings still appear in the Problems panel", async () => {
      await openProblems(page);
      const row = page
        .locator('.markers-panel .monaco-list-row', { hasText: 'tripwire/no-loop-closure-capture' })
        .filter({ hasText: 'Ln 13, Col 16' });
      await row.first().waitFor({ timeout: 90_000 });
      await page.screenshot({ path: path.join(artifacts, 'untrusted.png') });
    });
  } finally {
    await page.close().catch(() => undefined);
  }
}
