// Issue 19: the player stays with the reader across pages, and "share from here".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, EPISODE_NL, EPISODE2_NL, launch, newPage, hydrated } from './helpers.mjs';

let b;
before(async () => { b = await launch(['--autoplay-policy=no-user-gesture-required']); });
after(async () => { await b.close(); });

const AUDIO = '.player-dock audio';
const QUIZ_NL = '/nl/quiz/hoofd/';
const audio = (page) => page.evaluate((sel) => {
  const a = document.querySelector(sel);
  return { t: a.currentTime, paused: a.paused, src: a.getAttribute('src') };
}, AUDIO);
/** Waits until the audio plays and its clock has moved past `from` + 0.5 s. */
const advancing = (page, from) => page.waitForFunction(
  ([sel, t0]) => { const a = document.querySelector(sel); return !a.paused && a.currentTime > t0 + 0.5; },
  [AUDIO, from], { timeout: 15000 },
);
/** Follows a link on the page as a reader would; fails if that loaded a new document. */
async function follow(page, selector, path) {
  const loads = page.documents;
  await page.locator(selector).first().click();
  await page.waitForURL(BASE + path);
  await page.waitForFunction((p) => location.pathname === p && document.querySelector('main h1') !== null, path.split('?')[0]);
  assert.equal(page.documents, loads, `${path}: client-side, no page load`);
}
async function open(path) {
  const page = await newPage(b.browser);
  page.documents = 0;
  page.on('request', (r) => { if (r.resourceType() === 'document') page.documents += 1; });
  await page.goto(BASE + path);
  await hydrated(page);
  return page;
}
const title = (page) => page.locator('main h1').innerText();

test('what plays keeps playing from page to page, and the bar names it', async () => {
  const page = await open(EPISODE_NL);
  const episode1 = await title(page);
  await page.locator('.player-bar:not([hidden])').waitFor();
  await page.locator('.player-play').click();
  await advancing(page, 0);
  const src1 = (await audio(page)).src;

  // To its quiz, to the home page, to episode 2: playing all along, the clock moving on each.
  await follow(page, '.quiz-page-link a', QUIZ_NL);
  let { t } = await audio(page);
  await advancing(page, t);
  assert.equal(await page.locator('.player-episode').innerText(), episode1);
  assert.equal(await page.locator('.player-episode').getAttribute('href'), EPISODE_NL);
  await follow(page, '.site-header a[href="/nl/"]', '/nl/');
  ({ t } = await audio(page));
  await advancing(page, t);
  await follow(page, `main a[href="${EPISODE2_NL}"]`, EPISODE2_NL);
  ({ t } = await audio(page));
  await advancing(page, t);
  assert.equal((await audio(page)).src, src1, 'still episode 1');
  assert.equal(await page.locator('.player-episode').innerText(), episode1);
  const episode2 = await title(page);
  // Episode 2's own player: nothing of it plays, so no chapter is current; it offers to switch.
  assert.equal(await page.locator('.player-chapters a[aria-current]').count(), 0);
  const instead = page.locator('.player-instead');
  assert.equal(await instead.innerText(), 'Speel deze aflevering in de plaats');

  // Back to episode 1 by the bar's link: its page shows the live position.
  await follow(page, '.player-episode', EPISODE_NL);
  ({ t } = await audio(page));
  await advancing(page, t);
  assert.equal(await page.locator('.player-instead').count(), 0);
  await page.waitForFunction(() => {
    const a = document.querySelector('.player-dock audio');
    const shown = document.querySelector('.player-times span').textContent;
    const s = Math.floor(a.currentTime);
    const clock = (n) => `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;
    // The clock shown is the audio's (one tick of slack between the two reads).
    return shown === clock(s) || shown === clock(s - 1);
  });
  assert.equal(await page.locator('.player-chapters a[aria-current="true"]').count(), 1, 'the chapter playing is marked');

  // Far enough in for "continue at" (not offered in the first 5 s).
  await page.locator('.player-skip[aria-label="30 seconden vooruit"]').click();
  await page.waitForFunction((sel) => document.querySelector(sel).currentTime > 30, AUDIO);

  // Episode 2 again: "play this episode instead" switches, and episode 1 keeps its place.
  await follow(page, 'a[rel=next]', EPISODE2_NL);
  const before1 = (await audio(page)).t;
  await page.locator('.player-instead').click();
  await page.waitForFunction((sel) => /hoe-hard|intensiteit/.test(document.querySelector(sel).getAttribute('src')), AUDIO);
  await advancing(page, 0);
  assert.equal(await page.locator('.player-episode').innerText(), episode2);
  assert.equal(await page.locator('.player-instead').count(), 0);
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('loopje.listening.nl.hoofd')).data.position);
  assert.ok(kept >= before1, `episode 1 kept its place (${kept} ≥ ${before1})`);
  // And episode 1's page now offers it back, from there.
  await follow(page, 'a[rel=prev]', EPISODE_NL);
  await page.locator('.player-instead').waitFor();
  const resume = await page.locator('.player-resume').innerText();
  const m = resume.match(/(\d+):(\d\d)$/);
  assert.equal(Number(m[1]) * 60 + Number(m[2]), Math.floor(kept), resume);
  assert.equal((await audio(page)).paused, false, 'episode 2 plays on');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an episode left without playing takes its bar with it', async () => {
  const page = await open(EPISODE_NL);
  await page.locator('.player-bar:not([hidden])').waitFor();
  await follow(page, '.quiz-page-link a', QUIZ_NL);
  assert.equal(await page.locator('.player-bar').isVisible(), false);
  assert.equal(await page.locator(AUDIO).getAttribute('src'), null);
  await page.goBack();
  await page.locator('.player-bar:not([hidden])').waitFor();
  assert.match((await audio(page)).src, /hoofd/);
  assert.equal(await page.locator('.player-instead').count(), 0);
  // A timestamp in the text plays its own episode.
  await follow(page, 'a[rel=next]', EPISODE2_NL);
  const stamp = page.locator('.player-chapters a.timestamp').nth(1);
  const at = Number(await stamp.getAttribute('data-t'));
  await stamp.click();
  await page.waitForFunction(([sel, lo]) => { const a = document.querySelector(sel); return !a.paused && a.currentTime >= lo; }, [AUDIO, at - 0.3]);
  assert.equal(page.url(), BASE + EPISODE2_NL);
  assert.doesNotMatch((await audio(page)).src, /hoofd/);
  await page.context().close();
});

const readyAt = async (page, secs, text) => {
  await page.locator('.player-bar:not([hidden])').waitFor();
  await page.waitForFunction((t) => document.querySelector('.player-line')?.textContent === t, text);
  const a = await audio(page);
  assert.ok(Math.abs(a.t - secs) < 0.5, `at ${a.t}`);
  assert.equal(a.paused, true, 'a shared link never autoplays');
  assert.equal(await page.locator('.player-times span').first().innerText(), `0:${secs}`);
};

test('?t=42 opens the episode ready at that second, by a load or a link', async () => {
  const page = await open(`${EPISODE_NL}?t=42`);
  await readyAt(page, 42, 'Klaar om te spelen vanaf 0:42');
  await page.locator('.player-play').click();
  await page.waitForFunction((sel) => { const a = document.querySelector(sel); return !a.paused && a.currentTime > 42.3; }, AUDIO);
  assert.equal(await page.locator('.player-line').innerText(), '', 'the line goes once it plays');
  await page.locator('.player-play').click();

  // A link with ?t= followed inside the app keeps its query (and so its second).
  const other = await open('/nl/');
  await other.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.id = 'shared';
    a.textContent = 'shared';
    document.querySelector('main').append(a);
  }, `${EPISODE2_NL}?t=37`);
  await follow(other, '#shared', `${EPISODE2_NL}?t=37`);
  await readyAt(other, 37, 'Klaar om te spelen vanaf 0:37');
  await page.context().close();
  await other.context().close();
});

/** Moves the paused player to `secs` (whole seconds) and clicks share. */
async function shareAt(page, secs) {
  await page.locator('.player-bar:not([hidden])').waitFor();
  // The slider, as a reader would (the audio has not loaded: it reports no time of its own).
  await page.locator('.player-seek').fill(String(secs));
  await page.waitForFunction((s) => document.querySelector('.player-times span').textContent === `0:${s}`, secs);
  const share = page.locator('.player-share');
  assert.equal(await share.getAttribute('aria-label'), `Delen vanaf 0:${secs}`);
  await share.click();
}

test('share from here: the system share sheet where there is one, else the clipboard', async () => {
  const page = await newPage(b.browser);
  await page.addInitScript(() => {
    window.__shared = [];
    navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };
  });
  await page.goto(BASE + EPISODE_NL);
  await hydrated(page);
  await shareAt(page, 42);
  await page.waitForFunction(() => window.__shared.length === 1);
  const [shared] = await page.evaluate(() => window.__shared);
  assert.equal(shared.url, `${BASE}${EPISODE_NL}?t=42`);
  assert.equal(shared.title, await title(page));
  await page.context().close();

  // Without the Web Share API (Chromium on Linux): the link goes to the clipboard.
  const copy = await newPage(b.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await copy.addInitScript(() => { delete Navigator.prototype.share; delete navigator.share; });
  await copy.goto(BASE + EPISODE2_NL);
  await hydrated(copy);
  await shareAt(copy, 37);
  await copy.waitForFunction(() => document.querySelector('.player-line').textContent === 'Link gekopieerd');
  const url = await copy.evaluate(() => navigator.clipboard.readText());
  assert.equal(url, `${BASE}${EPISODE2_NL}?t=37`);
  // And that link opens there.
  await copy.goto(url);
  await hydrated(copy);
  await readyAt(copy, 37, 'Klaar om te spelen vanaf 0:37');
  assert.deepEqual(copy.errors, []);
  await copy.context().close();
});

// --- The transcript ------------------------------------------------------------------------------

/** The cues of a WebVTT file as the reader hears them: start (s) and text (voice tags dropped,
 *  lines joined). */
async function vttCues(path) {
  const text = await (await fetch(BASE + path)).text();
  const seconds = (s) => s.split(':').reduce((n, p) => n * 60 + Number(p), 0);
  return text.split(/\n\n+/).filter((block) => block.includes('-->')).map((block) => {
    const [timing, ...lines] = block.split('\n');
    return {
      start: seconds(timing.split(' --> ')[0].trim()),
      text: lines.join(' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim(),
    };
  });
}
/** The cue being spoken at `t`: the last one started. */
const cueAt = (cues, t) => cues.filter((c) => c.start <= t).at(-1);
const VTT_NL = '/media/hoofd/nl.vtt';
/** The audio's clock and the transcript's current cue, read at one moment. */
const highlighted = (page) => page.evaluate((sel) => {
  const current = [...document.querySelectorAll('.transcript-cues [aria-current="true"]')];
  return {
    t: document.querySelector(sel).currentTime,
    count: current.length,
    text: current[0]?.querySelector('.cue-text').textContent.replace(/\s+/g, ' ').trim(),
  };
}, AUDIO);

test('while it plays, the transcript marks the cue being spoken, as the VTT times it', async () => {
  const cues = await vttCues(VTT_NL);
  assert.ok(cues.length >= 20, `${cues.length} cues in ${VTT_NL}`);
  const page = await open(EPISODE_NL);
  // What is spoken is never read out over the audio: no live region in or around the transcript.
  assert.equal(await page.locator('.transcript [aria-live], .transcript[aria-live]').count(), 0);
  await page.locator('.player-play').click();
  await advancing(page, 0);
  // While playing: the mark follows the clock (which reaches the page at each `timeupdate`, up to
  // a quarter second late, more on a busy machine), so the marked cue is the one spoken at t or
  // within the second before.
  const seen = new Set();
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline && seen.size < 3) {
    const h = await highlighted(page);
    assert.equal(h.count, 1, `one current cue at ${h.t.toFixed(2)} s`);
    const allowed = [cueAt(cues, h.t), cueAt(cues, Math.max(0, h.t - 1))].map((c) => c.text);
    assert.ok(allowed.includes(h.text), `at ${h.t.toFixed(2)} s the mark is on "${h.text}", the VTT says "${allowed[0]}"`);
    seen.add(h.text);
    await page.waitForTimeout(400);
  }
  assert.ok(seen.size >= 3, `the mark moved on with the voice (${seen.size} cues seen)`);
  // Paused, the clock and the mark agree exactly.
  await page.locator('.player-play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).paused, AUDIO);
  await page.waitForFunction(([sel, starts]) => {
    const t = document.querySelector(sel).currentTime;
    const i = starts.filter((s) => s <= t).length - 1;
    const mark = document.querySelector('.transcript-cues [aria-current="true"] .cue-text');
    return mark && mark.closest('li') === document.querySelectorAll('.transcript-cues li')[i];
  }, [AUDIO, cues.map((c) => c.start)]);
  const h = await highlighted(page);
  assert.equal(h.text, cueAt(cues, h.t).text);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a click or Enter on a cue plays from its start', async () => {
  const cues = await vttCues(VTT_NL);
  const page = await open(EPISODE_NL);
  // Where each seek lands, as the audio element reports it when the seek starts.
  await page.evaluate((sel) => {
    window.__seeks = [];
    document.querySelector(sel).addEventListener('seeking', (e) => window.__seeks.push(e.target.currentTime));
  }, AUDIO);
  const cue = (i) => page.locator('.transcript-cues li a').nth(i);
  await cue(8).click();
  await advancing(page, cues[8].start);
  let seeks = await page.evaluate(() => window.__seeks);
  assert.ok(seeks.length >= 1 && Math.abs(seeks.at(-1) - cues[8].start) < 0.5, `seeked to ${seeks} for a cue at ${cues[8].start} s`);
  // From the keyboard: Enter on a focused cue.
  await cue(3).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.__seeks.length > n, seeks.length);
  seeks = await page.evaluate(() => window.__seeks);
  assert.ok(Math.abs(seeks.at(-1) - cues[3].start) < 0.5, `seeked to ${seeks.at(-1)} for a cue at ${cues[3].start} s`);
  await advancing(page, cues[3].start);
  assert.equal((await highlighted(page)).count, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without JavaScript the transcript is readable text, each sentence a link into the audio', async () => {
  const cues = await vttCues(VTT_NL);
  const context = await b.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE + EPISODE_NL);
  const items = await page.locator('.transcript-cues li a').evaluateAll((links) => links.map((a) => ({
    href: a.getAttribute('href'),
    text: a.querySelector('.cue-text').textContent.replace(/\s+/g, ' ').trim(),
    visible: a.getBoundingClientRect().height > 0,
  })));
  assert.equal(items.length, cues.length, 'every cue of the VTT');
  items.forEach((item, i) => {
    assert.equal(item.text, cues[i].text, `cue ${i}`);
    assert.equal(item.href, `/media/hoofd/nl.mp3#t=${Number(cues[i].start.toFixed(3))}`, `cue ${i}`);
  });
  assert.ok(items.every((i) => i.visible), 'shown, not hidden until the app runs');
  await context.close();
});

test('the feed address can be copied with the subscribe block\'s button', async () => {
  const page = await newPage(b.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${BASE}/nl/`);
  await hydrated(page);
  const feed = await page.locator('#subscribe-url').inputValue();
  assert.equal(feed, new URL('/nl/feed.xml', feed).href, 'the Dutch feed');
  await page.locator('.subscribe-copy').click();
  await page.locator('.subscribe-status', { hasText: 'Het adres is gekopieerd.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), feed);
  await page.context().close();
});
