// Issue 11: in a season longer than model::NEWEST_EPISODES (10), the service worker precaches the newest
// episodes only, keeps an older one once it was opened, and says so. Runs on the 13-episode
// season that `./x test` builds into target/season/dist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, newPage, hydrated } from './helpers.mjs';
import { startServer, ROOT } from './server.mjs';

const DIST = join(ROOT, 'target', 'season', 'dist');
let b;
let server;
before(async () => {
  assert.ok(existsSync(join(DIST, 'sw.js')), `${DIST} is missing: ./x test builds it`);
  b = await launch();
  server = await startServer(DIST, 30000 + Math.floor(Math.random() * 9000));
});
after(async () => {
  await b?.close();
  await server?.stop();
});

test('a long season precaches its newest episodes; an older one is kept once opened', async () => {
  const sw = await (await fetch(`${server.url}/sw.js`)).text();
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]).map((e) => e.url);
  const runtime = JSON.parse(sw.match(/const RUNTIME = (\[.*\]);/)[1]);
  assert.ok(precache.includes('/nl/afleveringen/runners-high-1/'), 'episode 12 is precached');
  assert.ok(!precache.includes('/nl/afleveringen/hoofd-op-orde/'), 'episode 1 is not');
  assert.ok(runtime.includes('/nl/afleveringen/hoofd-op-orde/'));
  assert.ok(precache.includes('/nl/quiz/seizoen/'), 'the season quiz asks about the newest episodes: precached');
  // Search: the documents and every term shard are precached, so offline search still finds the
  // old episodes; the text files (snippets only) follow their episodes.
  assert.ok(precache.includes('/nl/search/docs.json'));
  assert.equal(precache.filter((u) => u.startsWith('/nl/search/w-')).length, 37);
  assert.ok(precache.includes('/nl/search/t-runners-high-1.json'));
  assert.ok(!precache.includes('/nl/search/t-smog.json') && runtime.includes('/nl/search/t-smog.json'));

  const page = await newPage(b.browser);
  await page.goto(`${server.url}/nl/`);
  await hydrated(page);
  const ready = page.locator('.offline-ready');
  await page.waitForFunction(() => /offline/.test(document.querySelector('.offline-ready')?.textContent ?? ''), null, { timeout: 30000 });
  assert.match(await ready.innerText(), /De nieuwste 10 afleveringen zijn offline beschikbaar/);
  // Open episode 1 (not precached) while online, then go offline.
  await page.goto(`${server.url}/nl/afleveringen/hoofd-op-orde/`);
  await hydrated(page);
  await page.context().setOffline(true);
  // Episode 2 is old and was never opened: offline it is not there (the 404 page says so).
  await page.goto(`${server.url}/nl/afleveringen/hoe-hard/`);
  assert.match(await page.locator('h1').innerText(), /niet gevonden/i);
  await page.goto(`${server.url}/nl/afleveringen/hoofd-op-orde/`);
  assert.match(await page.locator('h1').innerText(), /hoofd/i, 'the opened old episode reads offline');
  await page.goto(`${server.url}/nl/afleveringen/voeding-1/`);
  assert.match(await page.locator('h1').innerText(), /\(1\)$/, 'a newer one was precached');
  // Offline search finds the old episode 3 (never opened): listed, without a snippet, as its text
  // file is not kept; its precached copy (episode 9) has one.
  await page.goto(`${server.url}/nl/zoeken/?q=tainio`);
  await hydrated(page);
  const old = page.locator('.search-results li', { has: page.locator('a[href^="/nl/afleveringen/smog/#"]') }).first();
  const copy = page.locator('.search-results li', { has: page.locator('a[href^="/nl/afleveringen/smog-1/#"]') }).first();
  await copy.locator('mark').waitFor();
  await old.waitFor();
  assert.equal(await old.locator('.snippet').count(), 0);
  assert.doesNotMatch(await page.locator('.search-status').innerText(), /kon niet worden geladen/);
  await page.context().close();
});

test('a long season: the home page lists the newest 10 and links to the archive of all 13', async () => {
  const page = await newPage(b.browser);
  await page.goto(`${server.url}/nl/`);
  await hydrated(page);
  assert.equal(await page.locator('h1').innerText(), 'De nieuwste afleveringen');
  assert.equal(await page.locator('.episode-card').count(), 10);
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('.archive-link a').click();
  await page.waitForURL(`${server.url}/nl/afleveringen/`);
  assert.equal(await page.locator('h1').innerText(), 'Alle afleveringen');
  assert.equal(await page.locator('.episode-card').count(), 13);
  assert.equal(await page.locator('.episode-card .summary').count(), 0, 'compact cards');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load');
  await page.locator('.episode-card a[href="/nl/afleveringen/hoofd-op-orde/"]').click();
  await page.waitForURL(`${server.url}/nl/afleveringen/hoofd-op-orde/`);
  // The season quiz asks about the newest 10 episodes, and says so.
  await page.goto(`${server.url}/nl/quiz/seizoen/`);
  assert.equal(await page.locator('h1').innerText(), 'De vragen van de nieuwste 10 afleveringen');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
