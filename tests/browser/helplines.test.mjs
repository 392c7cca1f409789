// Issue 17: the help lines follow mental-health content wherever it appears: episode 2, the
// feedback of every mental-health quiz question and those quizzes' results, and the intensity
// test's result, in both languages, on a phone and a desktop. Always outside the live regions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, ARTIFACTS, launch, newPage, hydrated } from './helpers.mjs';

const LANGS = ['nl', 'en'];
const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];
const EPISODE2 = { nl: '/nl/afleveringen/hoe-hard/', en: '/en/episodes/how-hard/' };
const INTENSITY = { nl: '/nl/intensiteitstest/', en: '/en/intensity-test/' };
const QUIZZES = { nl: '/nl/quiz/', en: '/en/quiz/' };
const HEADING = { nl: /Hulp nodig\?/, en: /Need help\?/ };

let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

const pageData = (page) => page.evaluate(() => JSON.parse(document.getElementById('loopje-page').textContent));
const size = (v) => `${v.width}x${v.height}`;

/**
 * The box is shown, and screen readers get it: a heading and the phone links are in the
 * accessibility tree (Playwright's ARIA snapshot of it).
 */
async function assertHelplines(box, lang, where) {
  assert.equal(await box.count(), 1, `${where}: one help-lines box`);
  assert.ok(await box.isVisible(), `${where}: visible`);
  const box0 = await box.boundingBox();
  assert.ok(box0 && box0.width > 200 && box0.height > 100, `${where}: laid out (${JSON.stringify(box0)})`);
  const tree = await box.ariaSnapshot();
  assert.match(tree, /heading "(Hulp nodig\?|Need help\?)"/, `${where}: heading in the accessibility tree:\n${tree}`);
  assert.match(tree, HEADING[lang], `${where}: in the page's language`);
  for (const number of ['1813', '106', '113']) {
    assert.match(tree, new RegExp(`link "${number}"`), `${where}: ${number} is a link in the accessibility tree:\n${tree}`);
  }
}

/** Not inside an aria-live region, so it is read when reached, not announced. */
async function assertOutsideLiveRegions(box, where) {
  assert.equal(await box.evaluate((el) => el.closest('[aria-live]') === null), true, `${where}: outside every live region`);
}

test('episode 2 shows the help lines, in both languages, on a phone and a desktop', async () => {
  for (const lang of LANGS) {
    for (const viewport of VIEWPORTS) {
      const page = await newPage(b.browser, { viewport });
      await page.goto(BASE + EPISODE2[lang]);
      await hydrated(page);
      const box = page.locator('article.episode > aside.helplines');
      await box.scrollIntoViewIfNeeded();
      await assertHelplines(box, lang, `${EPISODE2[lang]} ${size(viewport)}`);
      await page.screenshot({ path: join(ARTIFACTS, `helplines-episode2-${lang}-${viewport.width}.png`) });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  }
});

test('every mental-health quiz question has the help lines under its feedback, and its quiz has them with the result', async () => {
  let flagged = 0;
  for (const lang of LANGS) {
    const list = await newPage(b.browser);
    await list.goto(BASE + QUIZZES[lang]);
    const paths = await list.locator('.quiz-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    await list.context().close();
    assert.ok(paths.length >= 6, `quizzes listed: ${paths}`);
    for (const path of paths) {
      for (const viewport of VIEWPORTS) {
        const page = await newPage(b.browser, { viewport });
        await page.goto(BASE + path);
        await hydrated(page);
        const quiz = (await pageData(page)).content.quiz;
        const box = page.locator('section.quiz aside.helplines');
        for (const [i, q] of quiz.questions.entries()) {
          const where = `${path} question ${i + 1} (${q.id}) ${size(viewport)}`;
          await page.locator('button.quiz-answer:not([disabled])').first().click();
          await page.waitForSelector('.quiz-feedback');
          if (q.mental_health) {
            flagged += 1;
            await assertHelplines(box, lang, where);
            await assertOutsideLiveRegions(box, where);
            // Right after the feedback, before the button that moves on.
            const order = await page.evaluate(() => {
              const [feedback, help, next] = ['.quiz-feedback', 'section.quiz aside.helplines', 'button.quiz-next'].map((s) => document.querySelector(s));
              const follows = (a, c) => Boolean(a.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
              return follows(feedback, help) && follows(help, next);
            });
            assert.ok(order, `${where}: feedback, then help lines, then the next button`);
          } else {
            assert.equal(await box.count(), 0, `${where}: no help lines for a question that does not concern mental health`);
          }
          assert.ok((await page.locator('.quiz-feedback .strength-meaning').innerText()).length > 10, `${where}: the strength in plain words`);
          await page.locator('button.quiz-next').click();
        }
        await page.waitForSelector('.quiz-score');
        const where = `${path} result ${size(viewport)}`;
        if (quiz.questions.some((q) => q.mental_health)) {
          await assertHelplines(box, lang, where);
          await assertOutsideLiveRegions(box, where);
          if (viewport.width === 390 && path.includes('intensiteit')) {
            await box.scrollIntoViewIfNeeded();
            await page.screenshot({ path: join(ARTIFACTS, `helplines-quiz-result-${lang}-390.png`) });
          }
        } else {
          assert.equal(await box.count(), quiz.helplines_html ? 1 : 0, `${where}`);
        }
        assert.deepEqual(page.errors, []);
        await page.context().close();
      }
    }
  }
  assert.ok(flagged >= 4 * 2 * 2, `mental-health questions seen: ${flagged}`);
});

test('from the keyboard, the help lines come right after a mental-health question\'s feedback', async () => {
  for (const lang of LANGS) {
    const page = await newPage(b.browser);
    await page.goto(BASE + EPISODE2[lang]);
    await hydrated(page);
    const quiz = page.locator('.article-body section.quiz');
    const questions = (await pageData(page)).content.episode.body
      .find((blk) => blk.widget?.widget?.quiz)?.widget.widget.quiz.quiz.questions;
    const first = questions.findIndex((q) => q.mental_health);
    assert.ok(first >= 0, 'the quiz in episode 2 has a mental-health question');
    for (let i = 0; i < first; i += 1) {
      await quiz.locator('button.quiz-answer:not([disabled])').first().click();
      await quiz.locator('button.quiz-next').click();
      // The quiz moves focus to the next statement in the next frame: wait for it, or it would
      // take focus away from the answer focused below.
      await page.waitForFunction(() => document.activeElement?.classList.contains('quiz-statement'));
    }
    await quiz.locator('button.quiz-answer:not([disabled])').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('.quiz-feedback') !== null);
    // Tab from the feedback: its links, then the help lines' links, then the next button.
    const seen = [];
    for (let n = 0; n < 40; n += 1) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const el = document.activeElement;
        if (el.closest('aside.helplines')) return 'helplines';
        if (el.matches('button.quiz-next')) return 'next';
        if (el.closest('.quiz-feedback')) return 'feedback';
        return 'other';
      });
      seen.push(at);
      if (at === 'next') break;
    }
    assert.equal(seen.at(-1), 'next', `reached the next button: ${seen}`);
    const firstHelp = seen.indexOf('helplines');
    assert.ok(firstHelp > 0, `the help lines are reached: ${seen}`);
    assert.deepEqual([...new Set(seen.slice(0, firstHelp))], ['feedback'], `only the feedback comes before them: ${seen}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('the intensity test shows the help lines with its result, on its own page and in episode 2', async () => {
  for (const lang of LANGS) {
    for (const path of [INTENSITY[lang], EPISODE2[lang]]) {
      for (const viewport of VIEWPORTS) {
        const where = `${path} ${size(viewport)}`;
        const page = await newPage(b.browser, { viewport });
        await page.goto(BASE + path);
        await hydrated(page);
        const box = page.locator('section.intensity-test aside.helplines');
        assert.equal(await box.count(), 0, `${where}: not before a result`);
        await page.locator('#it-talk-moderate').check();
        await page.locator('.it-form button[type=submit]').click();
        await page.waitForSelector('.it-result h3');
        await assertHelplines(box, lang, `${where} result`);
        await assertOutsideLiveRegions(box, `${where} result`);
        const afterResult = await page.evaluate(() => {
          const result = document.querySelector('.it-result');
          const help = document.querySelector('section.intensity-test aside.helplines');
          return result.nextElementSibling === help;
        });
        assert.ok(afterResult, `${where}: right after the result`);
        if (viewport.width === 390 && path === INTENSITY[lang]) {
          await box.scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(ARTIFACTS, `helplines-intensity-${lang}-390.png`) });
        }
        assert.deepEqual(page.errors, []);
        await page.context().close();
      }
    }
  }
});
