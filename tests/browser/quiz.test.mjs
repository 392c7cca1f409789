// Issue 5: the myth-vs-evidence quiz, in articles and on its own pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, ARTIFACTS, EPISODE_NL, launch, newPage, hydrated, tabTo } from './helpers.mjs';

const QUIZ_NL = '/nl/quiz/hoofd/';
const KEY = 'loopje.quiz.hoofd';
let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

const activeText = (page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const live = (page) => page.locator('.quiz .quiz-live').first().innerText();

test('the quiz is in the article HTML, with its first statement, before any JavaScript', async () => {
  const page = await newPage(b.browser, { javaScriptEnabled: false });
  await page.goto(BASE + EPISODE_NL);
  const quiz = page.locator('.article-body section.quiz');
  assert.equal(await quiz.count(), 1);
  assert.match(await quiz.locator('.quiz-progress').innerText(), /Vraag 1 van 8/);
  assert.ok((await quiz.locator('.quiz-statement').innerText()).length > 10);
  assert.equal(await quiz.locator('button.quiz-answer').count(), 3);
  assert.equal(await quiz.locator('a[href="/nl/quiz/hoofd/"]').count(), 1, 'link to the quiz page');
  await page.context().close();
});

test('keyboard alone: answer, hear the feedback, go on, finish, see the score and retake', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + QUIZ_NL);
  await hydrated(page);
  const total = await page.evaluate(() => JSON.parse(document.getElementById('loopje-page').textContent).content.quiz.questions.length);
  assert.ok(total >= 6 && total <= 10, `6–10 questions, got ${total}`);
  const verdicts = await page.evaluate(() => JSON.parse(document.getElementById('loopje-page').textContent).content.quiz.questions.map((q) => q.verdict));

  // First question: Tab to the "myth" button and press Enter.
  await tabTo(page, 'button.verdict-myth');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quiz-feedback');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'focus moves to the feedback');
  assert.equal(await page.locator('.quiz .quiz-live').getAttribute('aria-live'), 'polite', 'feedback is in a live region');
  assert.equal(await page.locator('.quiz .quiz-live .quiz-feedback').count(), 1);
  const first = await live(page);
  assert.match(first, verdicts[0] === 'myth' ? /Juist!/ : /Niet juist/, 'right or wrong in words, not only colour');
  assert.match(first, /Hoe sterk is het bewijs\?/);
  assert.match(first, /Meer hierover in\s+Aflevering 1/);
  assert.ok(await page.locator('.quiz-feedback .quiz-sources a').count() >= 1, 'sources are links');
  assert.equal(await page.locator('.quiz-answer[aria-pressed="true"]').count(), 1);

  // The rest with the announced shortcuts (1/2/3 and M/F/C), always answering correctly.
  const keyFor = { myth: 'm', fact: '2', complicated: 'C' };
  for (let i = 1; i < total; i += 1) {
    await tabTo(page, 'button.quiz-next');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('.quiz-progress')?.textContent.includes(`Vraag ${n} van`), i + 1);
    await page.waitForFunction(() => document.activeElement?.classList.contains('quiz-statement'), null, { timeout: 2000 });
    await page.keyboard.press(keyFor[verdicts[i]]);
    await page.waitForSelector('.quiz-feedback');
    assert.match(await live(page), /Juist!/);
  }
  await tabTo(page, 'button.quiz-next');
  assert.match(await activeText(page), /Bekijk je score/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quiz-score');
  const expected = total - (verdicts[0] === 'myth' ? 0 : 1);
  assert.match(await page.locator('.quiz-score').innerText(), new RegExp(`${expected} van ${total}`));
  assert.equal(await page.locator('.quiz-review li').count(), total, 'a review line per question');
  assert.match(await page.locator('.quiz .helplines').innerText(), /1813/, 'help lines with a mental-health result');
  await page.screenshot({ path: join(ARTIFACTS, 'quiz-nl-score-1280.png'), fullPage: true });

  await tabTo(page, 'button.quiz-retake');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.quiz-progress')?.textContent.includes('Vraag 1 van'));
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.equal(stored.data.best, expected, 'best score kept after retake');
  assert.equal(stored.data.attempts, 1);
  assert.deepEqual(stored.data.answers, {});
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('reloading mid-quiz resumes where the reader was', async () => {
  const page = await newPage(b.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(BASE + QUIZ_NL);
  await hydrated(page);
  await page.locator('button.verdict-fact').click();
  await page.locator('button.quiz-next').click();
  await page.locator('button.verdict-complicated').click();
  await page.waitForSelector('.quiz-feedback');
  await page.reload();
  await hydrated(page);
  await page.waitForFunction(() => document.querySelector('.quiz-progress')?.textContent.includes('Vraag 2 van'));
  assert.equal(await page.locator('.quiz-answer.verdict-complicated[aria-pressed="true"]').count(), 1, 'answer restored');
  assert.equal(await page.locator('.quiz-feedback').count(), 1, 'feedback restored');
  await page.screenshot({ path: join(ARTIFACTS, 'quiz-nl-feedback-390.png'), fullPage: true });
  await page.context().close();
});

test('corrupt or foreign stored data resets with one calm line, and the quiz still works', async () => {
  for (const raw of ['{broken', '{"v":99,"answers":{}}', '"just a string"']) {
    const page = await newPage(b.browser);
    await page.goto(BASE + QUIZ_NL);
    await hydrated(page); // its own read of storage must not race the write below
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, raw]);
    await page.reload();
    await hydrated(page);
    await page.waitForFunction(() => document.querySelector('.quiz-notice')?.textContent.length > 0);
    assert.match(await page.locator('.quiz-notice').innerText(), /onleesbaar/);
    await page.locator('button.verdict-myth').click();
    await page.waitForSelector('.quiz-feedback');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('an answer that changed in content is dropped with a notice', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + QUIZ_NL);
  await hydrated(page); // its own read of storage must not race the write below
  await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ v: 2, data: { answers: { 'removed-question': 'myth' }, current: 0, finished: false, best: null, attempts: 0 } })), KEY);
  await page.reload();
  await hydrated(page);
  await page.waitForFunction(() => document.querySelector('.quiz-notice')?.textContent.length > 0);
  assert.match(await page.locator('.quiz-notice').innerText(), /aangepast/);
  await page.context().close();
});

test('a record from the older storage version is migrated and the reader resumes', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + QUIZ_NL);
  await hydrated(page);
  const firstId = await page.evaluate(() => JSON.parse(document.getElementById('loopje-page').textContent).content.quiz.questions[0].id);
  await page.evaluate(([k, id]) => localStorage.setItem(k, JSON.stringify({ v: 1, answers: { [id]: 'fact' }, current: 1, finished: false, best: 5 })), [KEY, firstId]);
  await page.reload();
  await hydrated(page);
  await page.waitForFunction(() => document.querySelector('.quiz-progress')?.textContent.includes('Vraag 2 van'));
  assert.match(await page.locator('.quiz-notice').innerText(), /oudere versie/);
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.equal(stored.v, 2, 'rewritten in the current format');
  assert.equal(stored.data.best, 5);
  await page.context().close();
});

test('the prerendered quiz page holds every statement; screenshots of question, feedback and result', async () => {
  const raw = await newPage(b.browser, { javaScriptEnabled: false });
  await raw.goto(BASE + QUIZ_NL);
  const data = JSON.parse(await raw.locator('#loopje-page').textContent());
  const html = await raw.content();
  for (const q of data.content.quiz.questions) assert.ok(html.includes(q.statement.replace(/&/g, '&amp;')), `statement ${q.id} in HTML`);
  await raw.context().close();
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    const page = await newPage(b.browser, { viewport: { width: w, height: h } });
    await page.goto(BASE + QUIZ_NL);
    await hydrated(page);
    await page.screenshot({ path: join(ARTIFACTS, `quiz-question-${w}.png`) });
    await page.locator('button.verdict-myth').click();
    await page.waitForSelector('.quiz-feedback');
    await page.screenshot({ path: join(ARTIFACTS, `quiz-feedback-${w}.png`), fullPage: true });
    for (let i = 1; i < data.content.quiz.questions.length; i += 1) {
      await page.locator('button.quiz-next').click();
      await page.locator('button.verdict-fact').click();
    }
    await page.locator('button.quiz-next').click();
    await page.waitForSelector('.quiz-score');
    await page.screenshot({ path: join(ARTIFACTS, `quiz-result-${w}.png`), fullPage: true });
    await page.context().close();
  }
});

test('English quiz, the season page and the quiz list', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + '/en/quiz/');
  await hydrated(page);
  assert.ok(await page.locator('.quiz-list li').count() >= 3);
  await page.locator('.quiz-list a[href="/en/quiz/season/"]').click();
  await page.waitForSelector('section.quiz');
  const progress = await page.locator('.quiz-progress').innerText();
  const n = Number(progress.match(/of (\d+)/)[1]);
  assert.ok(n >= 14, `season quiz holds every question (${n})`);
  await page.locator('button.verdict-complicated').click();
  await page.waitForSelector('.quiz-feedback');
  assert.match(await live(page), /(Right!|Not quite)/);
  await page.screenshot({ path: join(ARTIFACTS, 'quiz-en-season-1280.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
