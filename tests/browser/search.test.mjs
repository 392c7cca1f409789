// Issue 20: search that understands how people type, in nl and en, at phone and desktop width:
// a typo ("showing results for"), a plural, hyphens, the found words marked in the snippet and
// on the page a result opens; and the whole query set answering the same offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, launch, newPage, hydrated } from './helpers.mjs';
import { ROOT } from './server.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

const SEARCH = { nl: '/nl/zoeken/', en: '/en/search/' };
const ARTICLE = { nl: '/nl/afleveringen/', en: '/en/episodes/' };
const SIZES = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];
const LOADING = /wordt geladen|Loading the search/;

/** Types `query` and waits for the answer: the status line, and the result pages in order. */
async function ask(page, query) {
  await page.locator('#search-q').fill(query);
  await page.waitForFunction(
    (loading) => {
      const s = document.querySelector('.search-status').textContent;
      return s !== '' && !new RegExp(loading).test(s);
    },
    LOADING.source,
  );
  return page.evaluate(() => ({
    status: document.querySelector('.search-status').textContent,
    pages: [...new Set([...document.querySelectorAll('.search-results a[href]')]
      .map((a) => new URL(a.href).pathname))],
  }));
}

const CASES = {
  nl: {
    typo: ['depresie', 'hoofd-op-orde', /^Resultaten voor „depressie”: \d+ resultaten$/, /^depressie$/i],
    plural: ['intensiteiten', 'hoe-hard'],
    hyphen: ['kracht-training', 'is-joggen-genoeg'],
    apostrophe: ['runners high', 'runners-high'],
  },
  en: {
    typo: ['depresion', 'head-in-order', /^Showing results for “depression”: \d+ results$/, /^depression$/i],
    plural: ['intensities', 'how-hard'],
    hyphen: ['heart-rate', 'how-hard'],
    apostrophe: ['runners high', 'runners-high'],
  },
};

for (const size of SIZES) {
  for (const lang of ['nl', 'en']) {
    test(`${lang} at ${size.width}: typos, plurals, hyphens and apostrophes find their episode; found words are marked, there and on the page`, async () => {
      const page = await newPage(b.browser, { viewport: size });
      await page.goto(BASE + SEARCH[lang]);
      await hydrated(page);
      const c = CASES[lang];
      for (const [kind, [query, slug]] of Object.entries(c)) {
        const { pages } = await ask(page, query);
        assert.ok(
          pages.slice(0, 3).some((p) => p === `${ARTICLE[lang]}${slug}/`),
          `${kind} "${query}": ${pages.slice(0, 3)}`,
        );
      }
      // The typo: said, searched as the word meant, and that word marked in the snippet.
      const [typo, slug, said, marked] = c.typo;
      const { status } = await ask(page, typo);
      assert.match(status, said);
      const first = page.locator('.search-results li').first();
      await first.locator('.snippet mark').first().waitFor();
      assert.match(await first.locator('.snippet mark').first().innerText(), marked);
      // A result opens its section with the same words marked in the article.
      const link = first.locator('a');
      const href = await link.getAttribute('href');
      assert.ok(href.startsWith(`${ARTICLE[lang]}${slug}/`), href);
      await link.click();
      await page.waitForURL(BASE + href);
      const marks = page.locator('main .prose mark.search-mark');
      await marks.first().waitFor();
      assert.match(await marks.first().innerText(), marked);
      // The section the result named is on screen, below the header, above the player bar.
      const anchor = decodeURIComponent(new URL(BASE + href).hash.slice(1));
      if (anchor) {
        const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, anchor);
        assert.ok(top >= -1 && top < size.height / 2, `#${anchor} at ${top}`);
      }
      // Marks only come with a search: the same page loaded again has none.
      await page.reload();
      await hydrated(page);
      assert.equal(await page.locator('main mark.search-mark').count(), 0);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}

test('after one visit, every query of the set answers the same offline', async () => {
  const set = JSON.parse(readFileSync(join(ROOT, 'tests/search/queries.json'), 'utf8'));
  const page = await newPage(b.browser, { viewport: SIZES[0] });
  await page.goto(BASE + '/nl/');
  await hydrated(page);
  await page.waitForFunction(() => /offline/.test(document.querySelector('.offline-ready')?.textContent ?? ''), null, { timeout: 30000 });
  const answers = async () => {
    const out = {};
    for (const lang of ['nl', 'en']) {
      await page.goto(BASE + SEARCH[lang]);
      await hydrated(page);
      for (const { q } of set[lang]) {
        const { status, pages } = await ask(page, q);
        out[`${lang} ${q}`] = `${status} | ${pages.join(' ')}`;
      }
    }
    return out;
  };
  const online = await answers();
  assert.ok(Object.values(online).every((a) => !/^Niets|^Nothing|niet worden geladen|could not be loaded/.test(a)));
  await page.context().setOffline(true);
  const offline = await answers();
  assert.deepEqual(offline, online);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('what is said is found in the transcript: the result opens the episode there, the player at that cue', async () => {
  const page = await newPage(b.browser, { viewport: SIZES[0] });
  await page.goto(BASE + SEARCH.nl);
  await hydrated(page);
  // Said in the spoken summary of the first episode, not written in its article.
  await ask(page, 'gesprekstherapie');
  const link = page.locator('.search-results li a').first();
  const href = await link.getAttribute('href');
  const m = href.match(/^\/nl\/afleveringen\/hoofd-op-orde\/\?t=(\d+)#transcript-title$/);
  assert.ok(m, href);
  assert.match(await link.innerText(), new RegExp(`In de transcriptie, vanaf \\d+:\\d\\d`));
  await link.click();
  await page.waitForURL(BASE + href);
  const mark = page.locator('.transcript-cues .cue-text mark.search-mark').first();
  await mark.waitFor();
  assert.match(await mark.innerText(), /^gesprekstherapie$/i);
  const top = await page.evaluate(() => document.getElementById('transcript-title').getBoundingClientRect().top);
  assert.ok(top >= -1 && top < 844 / 2, `the transcript in view: ${top}`);
  // The player holds the episode, paused at the passage's first cue.
  await page.waitForFunction((t) => {
    const a = document.querySelector('audio');
    return a && a.paused && Math.abs(a.currentTime - t) < 1;
  }, Number(m[1]));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
