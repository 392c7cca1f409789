// Issue 16: what a reader keeps survives two tabs, back and forward restore the place on the
// page, and the phone header leaves the first screen to the article.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, EPISODE_NL, EPISODE_EN, launch, newPage, hydrated } from './helpers.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

const PHONE = { width: 390, height: 844 };

test('two tabs each log an entry and answer a question: after a reload both are kept', async () => {
  const first = await newPage(b.browser);
  const context = first.context();
  const second = await context.newPage();
  second.errors = [];
  // Both tabs open before either writes: each holds its own copy of the (empty) records.
  for (const page of [first, second]) {
    await page.goto(`${BASE}/nl/intensiteitstest/`);
    await hydrated(page);
    await page.locator('#it-talk-moderate').check();
    await page.locator('.it-form button[type=submit]').click();
    await page.waitForSelector('.it-result h3');
  }
  for (const [page, minutes] of [[first, '31'], [second, '47']]) {
    await page.locator('#it-minutes').fill(minutes);
    await page.locator('.it-add button[type=submit]').click();
    await page.locator('.week-entry', { hasText: `${minutes} min` }).waitFor();
  }
  // The first tab shows the second tab's entry without a reload.
  await first.locator('.week-entry', { hasText: '47 min' }).waitFor();
  for (const page of [first, second]) {
    await page.reload();
    await hydrated(page);
    await page.locator('#it-talk-moderate').check();
    await page.locator('.it-form button[type=submit]').click();
    await page.locator('.week-entry', { hasText: '31 min' }).waitFor();
    await page.locator('.week-entry', { hasText: '47 min' }).waitFor();
  }

  // The quiz: both tabs on question 1; the first answers it, the second follows (it shows the
  // answer), goes on and answers question 2.
  for (const page of [first, second]) {
    await page.goto(`${BASE}/nl/quiz/hoofd/`);
    await hydrated(page);
  }
  await first.locator('button.verdict-myth').click();
  await first.waitForSelector('.quiz-feedback');
  await second.waitForSelector('.quiz-feedback');
  await second.locator('button.quiz-next').click();
  await second.locator('button.verdict-fact:not([disabled])').click();
  await second.waitForSelector('.quiz-feedback');
  for (const page of [first, second]) {
    await page.reload();
    await hydrated(page);
    const answers = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('loopje.quiz.hoofd')).data.answers));
    assert.equal(answers.length, 2, `both answers kept: ${answers}`);
    await page.waitForSelector('.quiz-feedback');
    assert.match(await page.locator('.quiz-progress').innerText(), /^Vraag 2/);
  }
  assert.deepEqual([...first.errors, ...second.errors], []);
  await context.close();
});

const near = (actual, expected, what) => assert.ok(Math.abs(actual - expected) <= 50, `${what}: scrollY ${actual}, expected ${expected} ± 50`);
const scrollY = (page) => page.evaluate(() => window.scrollY);
/** Scrolls to `y` and waits until the page is there. */
async function scrollTo(page, y) {
  await page.evaluate((to) => window.scrollTo(0, to), y);
  await page.waitForFunction((to) => Math.abs(window.scrollY - to) < 2, y);
}

test('back and forward restore the place on the page, a reload keeps it, a link goes to the top', async () => {
  const page = await newPage(b.browser, { viewport: PHONE });
  await page.goto(`${BASE}/nl/`);
  await hydrated(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  const card = page.locator('.episode-card h2 a').last();
  await card.scrollIntoViewIfNeeded();
  const homeY = await scrollY(page);
  assert.ok(homeY > 600, `the last card is far down the home page (${homeY})`);
  const href = await card.getAttribute('href');
  await card.click();
  await page.waitForURL(BASE + href);
  await page.waitForSelector('article.episode');
  // A new page lands at its title, focused, as a page load would.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  near(await scrollY(page), 0, 'a followed link opens at the top');
  await scrollTo(page, 1500);

  await page.goBack();
  await page.waitForURL(`${BASE}/nl/`);
  await page.waitForSelector('.episode-list');
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 50, homeY, { timeout: 5000 }).catch(() => {});
  near(await scrollY(page), homeY, 'back to the home page');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), href, 'focus on the card that was followed');

  await page.goForward();
  await page.waitForURL(BASE + href);
  await page.waitForSelector('article.episode');
  await page.waitForFunction(() => Math.abs(window.scrollY - 1500) <= 50, null, { timeout: 5000 }).catch(() => {});
  near(await scrollY(page), 1500, 'forward to the episode');

  await page.reload();
  await hydrated(page);
  near(await scrollY(page), 1500, 'after a reload');

  // A new visit by link: the top, or the fragment it names.
  await page.locator('.pagination a').first().click();
  await page.waitForFunction((p) => location.pathname !== p, href);
  await page.waitForSelector('article.episode');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  near(await scrollY(page), 0, 'a link to another episode opens at the top');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link to a section of another page lands on that section', async () => {
  const page = await newPage(b.browser, { viewport: PHONE });
  await page.goto(`${BASE}/nl/`);
  await hydrated(page);
  const id = await page.evaluate(async (path) => {
    const data = await (await fetch(`${path}page.json`)).json();
    return data.content.episode.toc.at(-1).id;
  }, EPISODE_NL);
  await page.evaluate(({ path, id }) => {
    const a = document.createElement('a');
    a.id = 'to-section';
    a.href = `${path}#${id}`;
    a.textContent = 'section';
    document.querySelector('main').prepend(a);
  }, { path: EPISODE_NL, id });
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('#to-section').click();
  await page.waitForURL(`${BASE}${EPISODE_NL}#${id}`);
  await page.waitForFunction((target) => {
    const el = document.getElementById(target);
    return el && Math.abs(el.getBoundingClientRect().top) < 60;
  }, id, { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  await page.context().close();
});

test('the phone header is one row in both languages; the episode title starts within the top 140 px', async () => {
  for (const [path, js, viewport] of [
    [EPISODE_NL, true, PHONE], [EPISODE_NL, false, PHONE], [EPISODE_EN, true, PHONE], [EPISODE_EN, false, { width: 360, height: 780 }],
  ]) {
    const page = await newPage(b.browser, { viewport, javaScriptEnabled: js });
    await page.goto(BASE + path);
    if (js) await hydrated(page);
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header.height <= 72, `header ${header.height} px high (one row)`);
    for (const selector of ['main .episode-number', 'main h1']) {
      const box = await page.locator(selector).first().boundingBox();
      assert.ok(box.y < 140, `${selector} starts at ${box.y} px`);
    }
    // The menu holds the other links and the theme; it opens by keyboard, also without the app.
    const menu = page.locator('details.nav-menu');
    await page.locator('details.nav-menu summary').focus();
    await page.keyboard.press('Enter');
    const quizzes = path.startsWith('/nl/') ? '/nl/quiz/' : '/en/quiz/';
    await page.locator(`.nav-menu-items a[href="${quizzes}"]`).waitFor();
    assert.equal(await menu.evaluate((d) => d.open), true);
    await page.locator('.nav-menu-items select').waitFor();
    if (js) {
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('details.nav-menu').open);
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SUMMARY');
      // A link in the menu navigates and the menu closes.
      await page.keyboard.press('Enter');
      await page.locator(`.nav-menu-items a[href="${quizzes}"]`).click();
      await page.waitForURL(BASE + quizzes);
      await page.waitForFunction(() => !document.querySelector('details.nav-menu').open);
    }
    // No horizontal scrolling.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no horizontal scroll at ${viewport.width} px on ${path}`);
    await page.context().close();
  }
});
