// Shared browser-test helpers: Debian's chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const EPISODE_NL = '/nl/afleveringen/hoofd-op-orde/';
export const EPISODE_EN = '/en/episodes/head-in-order/';
export const EPISODE2_NL = '/nl/afleveringen/hoe-hard/';

const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
  ],
};

/** A browser with a persistent (non-incognito) context in a fresh `--user-data-dir`. */
export async function launchPersistent() {
  const profile = mkdtempSync(join(tmpdir(), 'loopje-profile-'));
  const context = await chromium.launchPersistentContext(profile, CHROMIUM);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh browser; playwright gives it a new empty `--user-data-dir` of its own. `args` are
 *  further Chromium switches (e.g. `--autoplay-policy=no-user-gesture-required`). */
export async function launch(args = []) {
  const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, ...args] });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A page that records console errors and page errors, so tests can assert there were none. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  return page;
}

/** Waits until the wasm has hydrated the prerendered page. */
export async function hydrated(page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 20000 });
}

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page, selector, max = 60) {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}
