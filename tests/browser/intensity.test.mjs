// Issue 6: the intensity self-test and the weekly log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, ARTIFACTS, EPISODE2_NL, launch, newPage, hydrated, tabTo } from './helpers.mjs';

const PAGE_NL = '/nl/intensiteitstest/';
const KEY = 'loopje.activity-log';
const activeText = (page) => page.evaluate(() => document.activeElement?.textContent ?? '');
let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

test('the test sits in episode 2 and on its own page, prerendered', async () => {
  const page = await newPage(b.browser, { javaScriptEnabled: false });
  await page.goto(BASE + EPISODE2_NL);
  assert.equal(await page.locator('.article-body section.intensity-test').count(), 1);
  await page.goto(BASE + PAGE_NL);
  assert.equal(await page.locator('fieldset.it-talk input[type=radio]').count(), 3);
  assert.match(await page.locator('.intensity-test').innerText(), /Borg/);
  await page.context().close();
});

test('keyboard only: take the test, get the result, log it, reach the WHO target, reload, edit and delete', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + PAGE_NL);
  await hydrated(page);
  await page.screenshot({ path: join(ARTIFACTS, 'intensity-test-1280.png'), fullPage: true });

  await tabTo(page, '#it-activity');
  await page.keyboard.type('joggen');
  await page.keyboard.press('Tab'); // into the radio group
  await page.keyboard.press('ArrowDown'); // "could talk normally": moderate
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#it-talk-moderate').isChecked(), true);
  await tabTo(page, '#it-borg');
  await page.selectOption('#it-borg', '15'); // "hard": vigorous
  await tabTo(page, '#it-age');
  await page.keyboard.type('40');
  await tabTo(page, '#it-hr');
  await page.keyboard.type('150'); // 83% of 180: vigorous
  await tabTo(page, '.it-form button[type=submit]');
  await page.keyboard.press('Enter');

  await page.waitForSelector('.it-result h3');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'focus moves to the result');
  const result = await page.locator('.it-result').innerText();
  assert.match(result, /Deze activiteit was: ZWAAR/i);
  assert.match(result, /Beslist door je Borg-score en je hartslag samen/);
  assert.match(result, /Tanaka \(208 − 0,7 × leeftijd\)/);
  assert.match(result, /180 slagen per minuut/);
  assert.match(result, /83% van je geschatte maximum/);
  assert.match(result, /Welke intensiteit werkt het best\?/, 'mixed evidence is called mixed');
  assert.match(result, /huisarts/);
  await page.screenshot({ path: join(ARTIFACTS, 'intensity-result-1280.png'), fullPage: true });

  // 80 vigorous minutes = 160 moderate-equivalent: the WHO target is met.
  await tabTo(page, '#it-minutes');
  await page.keyboard.type('80');
  await tabTo(page, '.it-add button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.week-entry');
  assert.match(await page.locator('.week-total').innerText(), /160 minuten/);
  assert.match(await page.locator('.week-status').innerText(), /Doel gehaald/);
  assert.equal(await page.locator('.week-status.met').count(), 1);
  assert.match(await page.locator('.week-entry').innerText(), /joggen · 80 min · zwaar/);
  // The chart: that day's bar is the week's fullest, so drawn to the full height above the day
  // names (120 − 18); the other days have none, and nothing is light.
  const bars = (cls) => page.locator(`.week-chart rect.${cls}`).evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
  const equivalent = await bars('bar-eq');
  assert.equal(equivalent.length, 7);
  assert.deepEqual(equivalent.filter((h) => h > 0), [102]);
  assert.deepEqual(await bars('bar-light'), [0, 0, 0, 0, 0, 0, 0]);
  assert.match(await page.locator('.week-chart tbody').textContent(), /160/);
  await page.screenshot({ path: join(ARTIFACTS, 'intensity-week-1280.png'), fullPage: true });

  await page.reload();
  await hydrated(page);
  await page.waitForSelector('.week-entry');
  assert.match(await page.locator('.week-entry').innerText(), /joggen · 80 min/, 'the log survives a reload');

  // Edit: 30 minutes, moderate → 30 equivalent, below target.
  await tabTo(page, '.week-entry > button:not(.danger)');
  assert.match(await activeText(page), /Wijzig/);
  await page.keyboard.press('Enter');
  // The form opens with focus in its first field, and saving gives focus back to the entry.
  assert.match(await page.evaluate(() => document.activeElement?.id), /^entry-\d+-name$/);
  assert.equal(await page.locator('.entry-edit input[type=text]').first().inputValue(), 'joggen');
  const minutes = page.locator('.entry-edit input[inputmode=numeric]');
  await minutes.fill('30');
  await page.locator('.entry-edit select').selectOption('moderate');
  await page.locator('.entry-edit input[inputmode=numeric]').press('Enter');
  await page.waitForFunction(() => /30 min · matig/.test(document.querySelector('.week-entry')?.textContent ?? ''));
  assert.match(await activeText(page), /Wijzig/);
  assert.match(await page.locator('.week-status').innerText(), /Nog 120 minuten/);
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.equal(stored.v, 1);
  assert.equal(stored.data.entries[0].minutes, 30);

  await page.locator('.week-entry button:has-text("Verwijder")').click();
  await page.waitForSelector('.week-empty');
  // The only entry gone: focus goes to the week's title, not to the start of the page.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'week-title');
  assert.equal(await page.locator('.log-notice').innerText(), 'Activiteit verwijderd.');
  assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY)).data.entries.length, 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an invalid heart rate gets a message next to the field and nothing is stored', async () => {
  const page = await newPage(b.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(BASE + PAGE_NL);
  await hydrated(page);
  await page.locator('#it-talk-light').check();
  await page.locator('#it-age').fill('40');
  await page.locator('#it-hr').fill('abc');
  await page.locator('.it-form button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#it-hr-error')?.textContent.length > 0);
  assert.match(await page.locator('#it-hr-error').innerText(), /geheel getal/);
  assert.equal(await page.locator('#it-hr').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#it-hr').getAttribute('aria-describedby'), /it-hr-error/);
  assert.equal(await page.locator('.it-result h3').count(), 0, 'no result from invalid input');
  await page.locator('#it-hr').fill('300');
  await page.locator('.it-form button[type=submit]').click();
  await page.waitForFunction(() => /40 tot 230/.test(document.querySelector('#it-hr-error')?.textContent ?? ''));
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null, 'nothing stored');
  await page.screenshot({ path: join(ARTIFACTS, 'intensity-error-390.png'), fullPage: true });

  // Fixed input works, and minutes are checked too before anything is stored.
  await page.locator('#it-hr').fill('100');
  await page.locator('.it-form button[type=submit]').click();
  await page.waitForSelector('.it-result h3');
  await page.locator('#it-minutes').fill('9999');
  await page.locator('.it-add button[type=submit]').click();
  await page.waitForFunction(() => /1 tot 600/.test(document.querySelector('#it-minutes-error')?.textContent ?? ''));
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  await page.screenshot({ path: join(ARTIFACTS, 'intensity-result-390.png'), fullPage: true });
  await page.locator('#it-minutes').fill('45');
  await page.locator('.it-add button[type=submit]').click();
  await page.waitForSelector('.week-entry');
  await page.screenshot({ path: join(ARTIFACTS, 'intensity-week-390.png'), fullPage: true });
  await page.context().close();
});

test('garbage in the stored log: a calm notice, and the log works', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + PAGE_NL);
  await hydrated(page); // its own read of storage must not race the write below
  await page.evaluate((k) => localStorage.setItem(k, '{"v":1,"data":{"entries":"oops"}}'), KEY);
  await page.reload();
  await hydrated(page);
  await page.waitForFunction(() => document.querySelector('.log-notice')?.textContent.length > 0);
  assert.match(await page.locator('.log-notice').innerText(), /onleesbaar/);
  assert.equal(await page.locator('.week-empty').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('English page, deleting an entry and the erase control', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + '/en/intensity-test/');
  await hydrated(page);
  await page.locator('#it-talk-moderate').check();
  await page.locator('.it-form button[type=submit]').click();
  await page.waitForSelector('.it-result h3');
  assert.match(await page.locator('.it-result').innerText(), /This activity was: MODERATE/i);
  await page.locator('#it-minutes').fill('30');
  await page.locator('.it-add button[type=submit]').click();
  await page.waitForSelector('.week-entry');
  await page.locator('#it-minutes').fill('20');
  await page.locator('.it-add button[type=submit]').click();
  await page.waitForFunction(() => document.querySelectorAll('.week-entry').length === 2);
  await page.locator('.week-entry').first().locator('button:has-text("Delete")').click();
  await page.waitForFunction(() => document.querySelectorAll('.week-entry').length === 1);
  // The entry that took its place has the focus, and the deletion is said.
  assert.deepEqual(await page.evaluate(() => [document.activeElement.dataset.act, !!document.activeElement.closest('.week-entry')]), ['edit', true]);
  assert.equal(await page.locator('.log-notice').innerText(), 'Activity deleted.');
  page.once('dialog', (d) => d.accept());
  await page.locator('button:has-text("Erase my log")').click();
  await page.waitForSelector('.week-empty');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  assert.match(await page.locator('.log-notice').innerText(), /erased/);
  await page.context().close();
});
