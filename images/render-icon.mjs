#!/usr/bin/env node
// Renders images/icon.svg to images/icon.png (128×128, transparent corners) with Debian's chromium.
//   node images/render-icon.mjs     (needs playwright-core and /usr/bin/chromium: bash scripts/e2e-install.sh)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(path.join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(here, 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('images/icon.png written');
