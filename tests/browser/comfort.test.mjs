// Issue 10: themes before first paint, the shortcuts help, reading progress, offline search and
// the production headers (CSP without inline scripts) as nginx sends them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { BASE, ARTIFACTS, EPISODE_NL, launch, newPage, hydrated, tabTo } from './helpers.mjs';
import { ROOT } from './server.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

const SMOG_NL = '/nl/afleveringen/smog/';
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BG = 'rgb(251, 250, 247)';
const DARK_BG = 'rgb(18, 23, 21)';

test('the theme follows the device, can be chosen, is remembered, and is there in the first paint', async () => {
  const page = await newPage(b.browser);
  // Records the theme and background at the first animation frame, i.e. before the first paint.
  await page.addInitScript(() => {
    requestAnimationFrame(() => {
      window.__firstFrame = {
        theme: document.documentElement.dataset.theme ?? null,
        bg: document.body ? getComputedStyle(document.body).backgroundColor : null,
      };
    });
  });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(BASE + '/nl/');
  await hydrated(page);
  assert.equal(await background(page), LIGHT_BG);
  // At this width the header's row holds the switch; the phone menu has the same one.
  const select = page.locator('.nav-wide').getByLabel('Thema');
  assert.equal(await select.inputValue(), 'system');
  await select.selectOption('dark');
  assert.equal(await page.locator('.nav-menu').getByLabel('Thema').inputValue(), 'dark', 'both switches show the choice');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await background(page), DARK_BG);
  await page.screenshot({ path: join(ARTIFACTS, 'theme-dark.png') });

  await page.reload();
  assert.deepEqual(await page.evaluate(() => window.__firstFrame), { theme: 'dark', bg: DARK_BG }, 'no flash of the light theme');
  await hydrated(page);
  assert.equal(await select.inputValue(), 'dark', 'the control shows the stored choice');

  // Back to the device's setting, which is dark now.
  await page.emulateMedia({ colorScheme: 'dark' });
  await select.selectOption('system');
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-theme')), false);
  assert.equal(await background(page), DARK_BG);
  await select.selectOption('light');
  assert.equal(await background(page), LIGHT_BG, 'light wins over a dark device');
  // A garbled record means: follow the device.
  await page.evaluate(() => localStorage.setItem('loopje.theme', '{"v":1,"data":"purple"'));
  await page.reload();
  assert.equal((await page.evaluate(() => window.__firstFrame)).bg, DARK_BG);
  await page.context().close();
});

test('? opens the shortcuts, Escape closes them and focus returns; typing ? in a field does not', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + EPISODE_NL);
  await hydrated(page);
  await page.locator('h1').click();
  await page.keyboard.press('?');
  const dialog = page.locator('dialog.shortcuts');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.evaluate((d) => d.open), true);
  const text = await dialog.innerText();
  for (const key of ['← →', 'K', 'J  L', '1 2 3']) assert.ok(text.includes(key), `${key} listed`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  // The footer button opens it too, and focus goes back to it on close.
  await tabTo(page, '.shortcuts-open', 200);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Sluiten' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'shortcuts-open');
  // In the search field, ? is just a character.
  await page.goto(BASE + '/nl/zoeken/');
  await hydrated(page);
  await page.getByLabel('Zoekterm').fill('');
  await page.getByLabel('Zoekterm').press('?');
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await page.getByLabel('Zoekterm').inputValue(), '?');
  await page.context().close();
});

test('reading progress: a bar while reading, restored after a reload, and marks on the home page', async () => {
  const page = await newPage(b.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(BASE + SMOG_NL);
  await hydrated(page);
  const bar = page.locator('progress.reading-bar');
  assert.equal(Number(await bar.getAttribute('value')), 0);
  // Scroll to the middle of the article body.
  await page.evaluate(() => {
    const body = document.querySelector('.article-body');
    window.scrollTo(0, body.offsetTop + body.offsetHeight / 2 - innerHeight);
  });
  await page.waitForFunction(() => Number(document.querySelector('progress.reading-bar').value) > 0.35);
  const half = Number(await bar.getAttribute('value'));
  assert.ok(half < 0.7, `about half: ${half}`);
  await page.reload();
  await hydrated(page);
  await page.waitForFunction((v) => Math.abs(Number(document.querySelector('progress.reading-bar').value) - v) < 0.05, half);

  await page.goto(BASE + '/nl/');
  await hydrated(page);
  const card = page.locator('.episode-card', { has: page.locator(`a[href="${SMOG_NL}"]`) });
  await card.locator('.read-mark .started').waitFor();
  const percent = Number((await card.locator('.read-mark .started').innerText()).match(/(\d+)%/)[1]);
  assert.ok(Math.abs(percent - half * 100) <= 5, `${percent}% shown, ${half} read`);
  const cont = card.locator('a.continue');
  assert.match(await cont.getAttribute('href'), new RegExp(`^${SMOG_NL}#[a-z-]+$`), 'continues at the section');
  assert.equal(await cont.getAttribute('aria-label'), 'Verder lezen: Loont lopen in de stadssmog?');
  const other = page.locator('.episode-card', { has: page.locator(`a[href="${EPISODE_NL}"]`) });
  assert.equal(await other.locator('.read-mark').innerText(), 'Nog niet gelezen');
  await page.screenshot({ path: join(ARTIFACTS, 'reading-marks.png'), fullPage: true });

  // Continue: the link goes to the section; reading to the end marks the episode as read.
  await cont.click();
  await page.waitForURL(new RegExp(`${SMOG_NL}#`));
  // The page lands on the section first.
  await page.waitForFunction(() => {
    const el = document.getElementById(location.hash.slice(1));
    return el && Math.abs(el.getBoundingClientRect().top) < 60;
  });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => Number(document.querySelector('progress.reading-bar').value) >= 0.99);
  await page.goto(BASE + '/nl/');
  await hydrated(page);
  await card.locator('.read-mark .read').waitFor();
  assert.equal(await card.locator('.read-mark').innerText(), '✓ Gelezen');
  await page.context().close();
});

test('search finds a word from an episode never opened, offline, fetching only the shards it needs', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + '/nl/');
  await hydrated(page);
  await page.waitForFunction(() => /offline/.test(document.querySelector('.offline-ready')?.textContent ?? ''), null, { timeout: 30000 });
  await page.context().setOffline(true);
  // The index is split (builder/src/search.rs): a query fetches only the term shards of its
  // words' first letters, each once, and the text files of its results.
  const searchFiles = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/^\/nl\/search\/([^/]+\.json)$/);
    if (m) searchFiles.push(m[1]);
  });
  await page.locator('.nav-search').click();
  await page.waitForURL(BASE + '/nl/zoeken/');
  const input = page.getByLabel('Zoekterm');
  // "Tainio" only occurs in the smog episode, which this browser never opened.
  await input.fill('tainio');
  const status = page.locator('.search-status');
  await page.waitForFunction(() => /resultat/.test(document.querySelector('.search-status').textContent));
  const first = page.locator('.search-results li a').first();
  assert.match(await first.getAttribute('href'), /^\/nl\/afleveringen\/smog\/#[a-z-]+$/);
  assert.match(await page.locator('.search-results mark').first().innerText(), /^tainio$/i);
  assert.equal(await status.getAttribute('role'), 'status');
  await input.fill('zzzqqq');
  await page.waitForFunction(() => /Niets gevonden/.test(document.querySelector('.search-status').textContent));
  // Quiz questions are found too; a result opens its page, still offline.
  await input.fill('cafeïne');
  await page.locator('.search-results .result-kind').first().waitFor();
  await input.fill('tainio');
  await page.locator('.search-results mark').first().waitFor();
  const shards = searchFiles.filter((f) => f.startsWith('w-'));
  assert.deepEqual(shards, ['w-t.json', 'w-z.json', 'w-c.json'], 'one shard per new first letter');
  assert.deepEqual(searchFiles.filter((f) => f === 'docs.json'), ['docs.json']);
  assert.ok(searchFiles.includes('t-smog.json'), `the smog text file for snippets: ${searchFiles}`);
  // A common word: ten results at first, ten more on request.
  await input.fill('het');
  await page.waitForFunction(() => /^50 resultaten$/.test(document.querySelector('.search-status').textContent));
  const results = page.locator('.search-results li');
  assert.equal(await results.count(), 10);
  await page.locator('.search-results .snippet').nth(9).waitFor();
  const more = page.locator('button.search-more');
  assert.equal(await more.innerText(), 'Toon 10 resultaten meer');
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll('.search-results li').length === 20);
  await page.locator('.search-results .snippet').nth(19).waitFor();
  await input.fill('tainio');
  await page.waitForFunction(() => document.querySelectorAll('.search-results li').length < 20);
  assert.ok(await results.count() <= 10, 'a new query starts again at ten');
  assert.equal(await more.count(), 0);
  await page.locator('.search-results li a').first().click();
  await page.waitForURL(/\/nl\/afleveringen\/smog\/#/);
  await page.locator('h1', { hasText: /smog/i }).waitFor();
  await page.context().close();
});

/** One GET as sent (node's `http` never decodes): status, headers and the body's bytes. */
function rawGet(path, headers) {
  return new Promise((resolve, reject) => {
    request(BASE + path, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

test('text assets are sent precompressed: brotli to a browser that accepts it, else gzip, never in the precache list', async () => {
  const dist = join(ROOT, 'dist');
  const wasm = readdirSync(dist).find((f) => f.endsWith('_bg.wasm'));
  const css = readdirSync(dist).find((f) => /^style-.*\.css$/.test(f));
  for (const path of [`/${wasm}`, `/${css}`, `${EPISODE_NL}index.html`, '/nl/page.json']) {
    const file = join(dist, path);
    assert.ok(existsSync(`${file}.br`) && existsSync(`${file}.gz`), `${path}: .br and .gz written at build time`);
    // What Chromium sends, to http://127.0.0.1 too.
    const br = await rawGet(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(br.status, 200, path);
    assert.equal(br.headers['content-encoding'], 'br', path);
    assert.match(br.headers.vary ?? '', /Accept-Encoding/i, path);
    assert.ok(br.body.equals(readFileSync(`${file}.br`)), `${path}: the precompressed bytes, as built`);
    const gz = await rawGet(path, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip', path);
    assert.ok(gz.body.equals(readFileSync(`${file}.gz`)), `${path}: the gzip -9 bytes, as built`);
    const plain = await rawGet(path, {});
    assert.equal(plain.headers['content-encoding'], undefined, path);
    assert.ok(plain.body.equals(readFileSync(file)), path);
  }
  // The worker caches what the browser decoded; the twins are for the server only.
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  assert.doesNotMatch(sw, /\.(br|gz)"/, 'no .br or .gz in the precache list');
});

test('served with the production headers: CSP without inline scripts, caching, types, compression', async () => {
  const get = (path, headers = {}) => fetch(BASE + path, { headers: { 'accept-encoding': 'gzip', ...headers } });
  const html = await get(EPISODE_NL);
  const csp = html.headers.get('content-security-policy');
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.match(scriptSrc, /^script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'$/, 'one inline script, allowed by its hash');
  assert.equal(html.headers.get('cache-control'), 'no-cache');
  assert.equal(html.headers.get('content-encoding'), 'gzip');
  assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(html.headers.get('set-cookie'), null);
  const dist = join(ROOT, 'dist');
  const wasm = readdirSync(dist).find((f) => f.endsWith('.wasm'));
  const w = await get(`/${wasm}`);
  assert.equal(w.headers.get('content-type'), 'application/wasm');
  assert.equal(w.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(w.headers.get('content-encoding'), 'gzip');
  for (const f of readdirSync(dist).filter((f) => /^(app|boot|style)-[0-9a-f]+[_.]/.test(f) && !/\.(br|gz)$/.test(f))) {
    assert.match((await get(`/${f}`)).headers.get('cache-control'), /immutable/, f);
  }
  assert.equal((await get('/sw.js')).headers.get('cache-control'), 'no-cache');
  assert.equal((await get('/sw.js')).headers.get('etag'), null);
  assert.equal((await get('/nl/manifest.webmanifest')).headers.get('content-type'), 'application/manifest+json');
  assert.equal((await get('/_headers')).status, 404, '_headers is for static hosts, not served');
  // The static hosts' file carries the same policy.
  const file = readFileSync(join(dist, '_headers'), 'utf8');
  assert.ok(file.includes(`Content-Security-Policy: ${csp}`), '_headers matches nginx');
  // No page has an inline script that would need 'unsafe-inline'.
  const body = await html.text();
  const inline = [...body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/type="application\/(ld\+)?json"/.test(m[1]));
  assert.equal(inline.length, 1, 'only the theme script runs inline');
  const digest = createHash('sha256').update(inline[0][2]).digest('base64');
  assert.ok(scriptSrc.includes(`'sha256-${digest}'`), 'the CSP allows exactly that script');
  // And the site works under its policy: hydrated, with no violation reported.
  const page = await newPage(b.browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(BASE + EPISODE_NL);
  await hydrated(page);
  await page.locator('.player-play').click();
  await page.waitForFunction(() => document.querySelector('.player-dock audio').currentTime > 0.2);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
