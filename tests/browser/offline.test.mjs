// Issue 8: installable, offline after one visit, updates offered and never mixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, ARTIFACTS, launch, launchPersistent, newPage, hydrated } from './helpers.mjs';
import { startServer, freePort, tempCopy, makeReleaseB, writeWorker, ROOT } from './server.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

const offlineReady = (page) => page.waitForFunction(() => /offline/.test(document.querySelector('.offline-ready')?.textContent ?? ''), null, { timeout: 30000 });

async function precacheList(base) {
  const sw = await (await fetch(`${base}/sw.js`)).text();
  return JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]);
}

function pngSize(buffer) {
  assert.equal(buffer.subarray(1, 4).toString('latin1'), 'PNG');
  return [buffer.readUInt32BE(16), buffer.readUInt32BE(20)];
}

test('the manifest is valid, its icons exist at their sizes, and Chromium finds the site installable', async () => {
  for (const lang of ['nl', 'en']) {
    const m = await (await fetch(`${BASE}/${lang}/manifest.webmanifest`)).json();
    for (const field of ['name', 'short_name', 'start_url', 'scope', 'display', 'icons', 'theme_color', 'background_color', 'description']) {
      assert.ok(m[field], `${lang}: ${field}`);
    }
    assert.equal(m.start_url, `/${lang}/`);
    assert.equal(m.display, 'standalone');
    assert.ok(m.icons.some((i) => i.purpose === 'maskable'));
    for (const icon of m.icons) {
      const png = Buffer.from(await (await fetch(BASE + icon.src)).arrayBuffer());
      assert.deepEqual(pngSize(png), icon.sizes.split('x').map(Number), icon.src);
    }
  }
  // Incognito contexts are never installable: use a persistent one, with a fresh profile.
  const persistent = await launchPersistent();
  const page = await persistent.context.newPage();
  await page.goto(`${BASE}/nl/`);
  await hydrated(page);
  await offlineReady(page);
  // The manifest link is added with the app, after the first paint.
  assert.equal(await page.locator('link[rel="manifest"]').getAttribute('href'), '/nl/manifest.webmanifest');
  const cdp = await persistent.context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  await persistent.close();
});

test('after one visit every route works offline, including the quiz, the test and the 404 page', async () => {
  const page = await newPage(b.browser, { viewport: { width: 390, height: 844 } });
  const started = Date.now();
  await page.goto(`${BASE}/nl/`);
  await hydrated(page);
  await offlineReady(page);
  console.log(`# available offline after ${Date.now() - started} ms`);
  const entries = await precacheList(BASE);
  const routes = entries.map((e) => e.url).filter((u) => u.endsWith('/'));
  assert.ok(routes.length >= 30, `${routes.length} routes`);
  const bytes = entries.length;
  assert.ok(bytes > 0);

  await page.context().setOffline(true);
  for (const route of routes) {
    const resp = await page.goto(BASE + route);
    assert.equal(resp.status(), 200, route);
    const h1 = await page.locator('main h1').innerText();
    assert.ok(h1.length > 3, `${route} shows its title`);
    const data = JSON.parse(await page.locator('#loopje-page').textContent());
    assert.equal(data.path, route, `${route} is its own page`);
  }
  await hydrated(page);
  await page.waitForSelector('.offline-note');
  assert.match(await page.locator('.offline-note').innerText(), /offline/);
  await page.screenshot({ path: join(ARTIFACTS, 'offline-390.png') });

  assert.deepEqual(page.errors, []);
  const missing = await page.goto(`${BASE}/nl/bestaat-niet/`);
  assert.equal(missing.status(), 404);
  assert.match(await page.locator('main').innerText(), /Pagina niet gevonden/);

  await page.goto(`${BASE}/nl/quiz/hoofd/`);
  await hydrated(page);
  await page.locator('button.verdict-myth').click();
  await page.waitForSelector('.quiz-feedback');

  await page.goto(`${BASE}/en/intensity-test/`);
  await hydrated(page);
  await page.locator('#it-talk-moderate').check();
  await page.locator('.it-form button[type=submit]').click();
  await page.waitForSelector('.it-result h3');

  // Client-side navigation offline reads page data from the cache.
  await page.goto(`${BASE}/en/`);
  await hydrated(page);
  await page.evaluate(() => { window.__same = true; });
  await page.locator('.episode-card a').last().click();
  await page.waitForSelector('article.episode');
  assert.equal(await page.evaluate(() => window.__same), true);
  // The only console error is the deliberate 404 above.
  assert.deepEqual(page.errors.filter((e) => !/status of 404/.test(e)), []);
  await page.context().close();
});

test('where workers are blocked, a page still works and says nothing about offline', async () => {
  // Playwright's 'block' (what ./x bench's first visits use) resolves the registration without
  // one; the app used to throw on it.
  const page = await newPage(b.browser, { serviceWorkers: 'block' });
  await page.goto(`${BASE}/nl/afleveringen/hoofd-op-orde/`);
  await hydrated(page);
  await page.locator('.quiz-answer').first().click();
  await page.waitForSelector('.quiz-feedback');
  assert.equal(await page.evaluate(() => document.querySelector('.offline-ready')?.textContent.trim() ?? ''), '');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a new release is offered, never mixed with the old one, and a broken one never activates', async () => {
  const distA = tempCopy(join(ROOT, 'dist'), 'a');
  const { dir: distB, oldWasm, newWasm } = makeReleaseB(distA);
  writeWorker(distB);
  // A broken B: one file changed after its precache list was made (a half-finished deploy).
  const broken = tempCopy(distB, 'broken');
  writeFileSync(join(broken, 'nl', 'page.json'), '{"half":"deployed"}');

  const port = await freePort();
  let server = await startServer(distA, port);
  const base = server.url;
  const page = await newPage(b.browser);
  const wasmRequests = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmRequests.push(r.url().split('/').pop()); });
  await page.goto(`${base}/nl/`);
  await hydrated(page);
  await offlineReady(page);
  const registration = () => page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return { installing: !!r.installing, waiting: !!r.waiting, active: !!r.active };
  });

  // The broken release fails its install: no prompt, the old release stays.
  await server.stop();
  server = await startServer(broken, port);
  // It must be found and its install must run and fail: wait for that worker to become redundant.
  const ended = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    const found = new Promise((resolve) => r.addEventListener('updatefound', () => resolve(r.installing), { once: true }));
    await r.update();
    const worker = await found;
    const states = [worker.state];
    await new Promise((resolve) => {
      if (worker.state === 'redundant') resolve();
      worker.addEventListener('statechange', () => { states.push(worker.state); if (worker.state === 'redundant') resolve(); });
    });
    return states;
  });
  assert.ok(!ended.includes('installed'), `the broken release never finished installing: ${ended}`);
  const state = await registration();
  assert.deepEqual(state, { installing: false, waiting: false, active: true }, 'the broken release was not installed');
  assert.equal(await page.locator('.update-prompt').count(), 0);

  // The good release B: offered, not forced.
  await server.stop();
  server = await startServer(distB, port);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.waitForSelector('.update-prompt', { timeout: 20000 });
  assert.match(await page.locator('.update-prompt').innerText(), /nieuwe versie/);
  await page.screenshot({ path: join(ARTIFACTS, 'update-prompt-1280.png') });

  // Until accepted: A's content and A's files, by client-side navigation and by a reload.
  await page.locator(`a[href="/nl/afleveringen/hoe-hard/"]`).first().click();
  await page.waitForSelector('article.episode');
  assert.equal(await page.locator('h1').innerText(), 'Hoe hard moet je gaan?');
  await page.reload();
  await hydrated(page);
  assert.equal(await page.locator('h1').innerText(), 'Hoe hard moet je gaan?');
  await page.waitForSelector('.update-prompt');
  assert.ok(wasmRequests.every((w) => w === oldWasm), `only A's wasm before accepting: ${wasmRequests}`);

  // Accept: the page reloads into B, with B's files only.
  wasmRequests.length = 0;
  await Promise.all([page.waitForEvent('load'), page.locator('.update-prompt button').click()]);
  await hydrated(page);
  assert.equal(await page.locator('h1').innerText(), 'Hoe hard moet je gaan? (versie B)');
  assert.ok(wasmRequests.length > 0 && wasmRequests.every((w) => w === newWasm), `only B's wasm after accepting: ${wasmRequests}`);
  const caches = await page.evaluate(() => caches.keys());
  assert.equal(caches.filter((c) => c.startsWith('loopje-') && c !== 'loopje-kept').length, 1, `old caches removed: ${caches}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await server.stop();
});
