// Issue 11: in a season longer than model::NEWEST_EPISODES (10), the service worker precaches the newest
// episodes only, keeps an older one once it was opened, and says so. Runs on the 13-episode
// season that `./x test` builds into target/season/dist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, newPage, hydrated } from './helpers.mjs';
import { startServer, freePort, tempCopy, makeReleaseB, writeWorker, ROOT } from './server.mjs';

const DIST = join(ROOT, 'target', 'season', 'dist');
let b;
let server;
before(async () => {
  assert.ok(existsSync(join(DIST, 'sw.js')), `${DIST} is missing: ./x test builds it`);
  b = await launch();
  server = await startServer(DIST, await freePort());
});
after(async () => {
  await b?.close();
  await server?.stop();
});

test('a long season precaches its newest episodes; an older one is kept once opened', async () => {
  const sw = await (await fetch(`${server.url}/sw.js`)).text();
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]).map((e) => e.url);
  // One group of prefixes per older episode and language.
  const runtime = JSON.parse(sw.match(/const RUNTIME = (\[.*\]);/)[1]).flat();
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
  // The quiz list names it the same way and counts its own questions (once: every quiz's).
  const season = await (await fetch(`${server.url}/nl/quiz/seizoen/page.json`)).json();
  const questions = season.content.quiz.questions.length;
  await page.goto(`${server.url}/nl/quiz/`);
  const last = page.locator('.quiz-list li').last();
  assert.equal(await last.locator('a').innerText(), 'De vragen van de nieuwste 10 afleveringen');
  assert.equal(await last.locator('a').getAttribute('href'), '/nl/quiz/seizoen/');
  assert.match(await last.innerText(), new RegExp(`· ${questions} vragen$`));
  assert.equal(await page.locator('.quiz-list li').count(), 14, '13 quizzes and the season quiz');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an update keeps the older episodes a reader opened, and no page mixes two releases', async () => {
  const distA = tempCopy(DIST, 'season-a');
  const { dir: distB, oldWasm, newWasm } = makeReleaseB(distA);
  writeWorker(distB);
  const port = await freePort();
  let release = await startServer(distA, port);
  const base = release.url;
  const page = await newPage(b.browser);
  // Every wasm a page loads, by name: A's before consent, B's after (the worker's own download
  // of B, its install, is not a page loading it).
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop()); });
  await page.goto(`${base}/nl/`);
  await hydrated(page);
  await page.waitForFunction(() => /offline/.test(document.querySelector('.offline-ready')?.textContent ?? ''), null, { timeout: 30000 });
  const OLD = '/nl/afleveringen/hoofd-op-orde/';
  const OLD_QUIZ = '/nl/quiz/hoofd/';
  // Episode 1 is older than the precache: opened under A, it is kept with its quiz and data.
  await page.goto(base + OLD);
  await hydrated(page);
  const kept = (urls) => page.waitForFunction(async (list) => {
    const cache = await caches.open('loopje-kept');
    return (await Promise.all(list.map((u) => cache.match(u)))).every(Boolean);
  }, urls, { timeout: 20000 });
  await kept([OLD, `${OLD}page.json`, OLD_QUIZ, `${OLD_QUIZ}page.json`]);

  // B is deployed: offered, not forced; until consent every page is A's, the kept one included.
  await release.stop();
  release = await startServer(distB, port);
  await page.goto(`${base}/nl/`);
  await hydrated(page);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.waitForSelector('.update-prompt', { timeout: 30000 });
  await page.goto(base + OLD);
  await hydrated(page);
  await page.goto(base + OLD_QUIZ);
  await hydrated(page);
  await page.waitForSelector('.update-prompt');
  assert.ok(wasm.length > 0 && wasm.every((w) => w === oldWasm), `only A's wasm before consent: ${wasm}`);

  // Consent: every page is B's from now on.
  wasm.length = 0;
  await Promise.all([page.waitForEvent('load'), page.locator('.update-prompt button').click()]);
  await hydrated(page);
  await page.goto(base + OLD);
  await hydrated(page);
  assert.ok(wasm.length > 0 && wasm.every((w) => w === newWasm), `only B's wasm after consent: ${wasm}`);
  const names = await page.evaluate(() => caches.keys());
  assert.equal(names.filter((n) => n.startsWith('loopje-') && n !== 'loopje-kept').length, 1, `one release cached: ${names}`);

  // Offline under B, the episode opened under A and its quiz still read (renewed for B at its
  // install, so B's app runs on them), and so does a precached one.
  wasm.length = 0;
  await page.context().setOffline(true);
  for (const path of [OLD, OLD_QUIZ]) {
    const response = await page.goto(base + path);
    assert.equal(response.status(), 200, path);
    await hydrated(page);
    assert.match(await page.locator('main h1').innerText(), /hoofd/i, path);
  }
  assert.ok(wasm.every((w) => w === newWasm), `B's wasm only: ${wasm}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await release.stop();
});
