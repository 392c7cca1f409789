// Issue 4: prerendered pages, hydration, client-side navigation, language switch, 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, ARTIFACTS, EPISODE_NL, EPISODE_EN, EPISODE2_NL, launch, newPage, hydrated } from './helpers.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

test('without JavaScript the episode shows its title, table of contents, body and sources', async () => {
  const page = await newPage(b.browser, { javaScriptEnabled: false });
  const resp = await page.goto(BASE + EPISODE_NL);
  assert.equal(resp.status(), 200);
  assert.match(await page.locator('h1').innerText(), /hoofd/i);
  const toc = page.locator('nav.toc a');
  assert.ok(await toc.count() >= 5, 'table of contents has entries');
  // Every TOC entry points at a heading that exists on the page.
  for (const href of await toc.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.equal(await page.locator(href).count(), 1, `heading ${href} exists`);
  }
  const body = await page.locator('.article-body').innerText();
  assert.ok(body.split(/\s+/).length > 700, 'full article text is in the HTML');
  assert.ok(await page.locator('.sources li').count() >= 5, 'sources list');
  assert.ok(await page.locator('.helplines').innerText().then((t) => t.includes('1813')), 'help lines on a mental-health page');
  // Citations link to entries of the sources list.
  const cite = await page.locator('sup.cite a').first().getAttribute('href');
  assert.equal(await page.locator(cite).count(), 1);
  assert.match(await page.title(), /hoofd/i);
  assert.ok(await page.locator('meta[property="og:title"]').count() === 1);
  // Links work without JavaScript: a real navigation to the next episode.
  await page.locator('a[rel=next]').click();
  await page.waitForURL(BASE + EPISODE2_NL);
  assert.match(await page.locator('h1').innerText(), /hard/i);
  await page.context().close();
});

test('hydration keeps the prerendered page as it is and raises no errors', async () => {
  const raw = await newPage(b.browser, { javaScriptEnabled: false });
  await raw.goto(BASE + EPISODE_NL);
  const before = await raw.locator('body').innerText();
  await raw.context().close();

  const page = await newPage(b.browser);
  await page.goto(BASE + EPISODE_NL);
  await hydrated(page);
  // The only additions: the audio player's controls, the feed's copy button and (once the
  // service worker has kept the season, which may happen before the text is read here) the
  // offline note, which need the app and so appear with it.
  assert.equal(await page.locator('.player-bar').isVisible(), true);
  assert.equal(await page.locator('.subscribe-copy').isVisible(), true);
  await page.evaluate(() => document.querySelectorAll('.player-bar, .player-keys, .subscribe-copy, .offline-ready').forEach((e) => { e.hidden = true; }));
  assert.equal(await page.locator('body').innerText(), before, 'same text after hydration');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with JavaScript, moving to the next episode and home happens without a page load', async () => {
  const page = await newPage(b.browser);
  let documents = 0;
  page.on('request', (r) => { if (r.resourceType() === 'document') documents += 1; });
  await page.goto(BASE + EPISODE_NL);
  await hydrated(page);
  documents = 0;
  await page.evaluate(() => { window.__sameDocument = true; });

  await page.locator('a[rel=next]').click();
  await page.waitForURL(BASE + EPISODE2_NL);
  await page.waitForFunction(() => /hard/i.test(document.querySelector('h1')?.textContent ?? ''));
  assert.match(await page.title(), /hard/i, 'document title follows the page');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new title');

  await page.locator('.nav-home').click();
  await page.waitForURL(BASE + '/nl/');
  await page.waitForSelector('.episode-list');
  assert.ok(await page.locator('.episode-card').count() >= 2);

  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'same document throughout');
  assert.equal(documents, 0, 'no document requests');
  await page.goBack();
  await page.waitForURL(BASE + EPISODE2_NL);
  await page.waitForFunction(() => /hard/i.test(document.querySelector('h1')?.textContent ?? ''));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the language switch lands on the same episode in the other language', async () => {
  for (const js of [true, false]) {
    const page = await newPage(b.browser, { javaScriptEnabled: js });
    await page.goto(BASE + EPISODE_NL);
    if (js) await hydrated(page);
    await page.locator('a.lang-switch').click();
    await page.waitForURL(BASE + EPISODE_EN);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.locator('h1').innerText(), /head/i);
    assert.equal(await page.locator('a.lang-switch').innerText(), 'Nederlands');
    // The whole shell speaks the new language (with the app, a full load: the shell is static).
    assert.equal(await page.locator('.nav-search').innerText(), 'Search');
    if (js) await hydrated(page);
    await page.locator('a.lang-switch').click();
    await page.waitForURL(BASE + EPISODE_NL);
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    assert.equal(await page.locator('.nav-search').innerText(), 'Zoeken');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('the root goes to Dutch and an unknown URL shows the 404 page in both languages', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + '/');
  assert.equal(new URL(page.url()).pathname, '/nl/');
  const resp = await page.goto(BASE + '/nl/bestaat-niet/');
  assert.equal(resp.status(), 404);
  await hydrated(page);
  const text = await page.locator('main').innerText();
  assert.match(text, /Pagina niet gevonden/);
  assert.match(text, /Page not found/);
  // The app runs on the 404 page too: its links in its language navigate without a page load.
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('main a[href="/nl/"]').click();
  await page.waitForSelector('.episode-list');
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  // A client-side navigation to a missing page shows the 404 view as well.
  await page.evaluate(() => { const a = document.createElement('a'); a.href = '/nl/afleveringen/nope/'; a.id = 'nope'; a.textContent = 'x'; document.querySelector('main').append(a); });
  await page.locator('#nope').click();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Pagina niet gevonden');
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  // The other language is a full load, so its whole shell speaks it.
  await page.goBack();
  await page.waitForSelector('.episode-list');
  await page.locator('a.lang-switch').click();
  await page.waitForURL(BASE + '/en/');
  assert.equal(await page.evaluate(() => window.__sameDocument), undefined);
  assert.equal(await page.locator('.nav-search').innerText(), 'Search');
  await page.context().close();
});

test('screenshots of the episode page on a phone and a desktop', async () => {
  for (const [path, lang] of [[EPISODE_NL, 'nl'], [EPISODE_EN, 'en']]) {
    for (const [w, h] of [[390, 844], [1280, 800]]) {
      const page = await newPage(b.browser, { viewport: { width: w, height: h } });
      await page.goto(BASE + path);
      await hydrated(page);
      // Nothing wider than the viewport (no horizontal scrolling on a phone).
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no horizontal scroll at ${w}px`);
      await page.screenshot({ path: join(ARTIFACTS, `episode-${lang}-${w}x${h}.png`) });
      await page.screenshot({ path: join(ARTIFACTS, `episode-${lang}-${w}x${h}-full.png`), fullPage: true });
      await page.context().close();
    }
  }
});

test('← and → move between episodes, but not while typing in a field', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + EPISODE2_NL);
  await hydrated(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /smog/i.test(document.querySelector('h1')?.textContent ?? ''));
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => /hard/i.test(document.querySelector('h1')?.textContent ?? ''));
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(BASE + EPISODE_NL);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'client-side');
  // The first episode has no previous one: nothing happens. Barrier: → then moves on, and back
  // returns here, so ← added no history entry of its own.
  const entries = await page.evaluate(() => history.length);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(BASE + EPISODE2_NL);
  assert.equal(await page.evaluate(() => history.length), entries + 1, '← on the first episode added no entry');
  await page.goBack();
  await page.waitForURL(BASE + EPISODE_NL);
  // Typing in the intensity test's field moves the caret, not the page. Barrier: the form's
  // answer to Enter (an error: no talk-test answer) comes after the arrows were handled.
  await page.goto(BASE + EPISODE2_NL);
  await hydrated(page);
  const before = await page.evaluate(() => history.length);
  await page.locator('#it-activity').fill('joggen');
  await page.locator('#it-activity').press('ArrowLeft');
  await page.locator('#it-activity').press('ArrowRight');
  await page.locator('#it-activity').press('Enter');
  await page.locator('.it-form [aria-invalid="true"], .it-form .field-error:not(:empty)').first().waitFor();
  assert.equal(new URL(page.url()).pathname, EPISODE2_NL);
  assert.equal(await page.evaluate(() => history.length), before, 'the arrows in the field added no entry');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('printing an article leaves out navigation and widgets and prints link addresses', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + EPISODE_NL);
  await hydrated(page);
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() => ['.site-header', '.site-footer', '.article-body .widget', '.pagination', '.toc']
    .map((s) => getComputedStyle(document.querySelector(s)).display));
  assert.deepEqual(hidden, ['none', 'none', 'none', 'none', 'none']);
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('.sources')).display), 'none');
  const after = await page.evaluate(() => {
    const a = [...document.querySelectorAll('.sources a')].find((x) => !x.href.startsWith('https://doi.org'));
    return getComputedStyle(a, '::after').content;
  });
  assert.match(after, /https?:\/\//, 'URLs of source links are printed');
  await page.pdf({ path: join(ARTIFACTS, 'episode-nl-print.pdf') });
  await page.context().close();
});
