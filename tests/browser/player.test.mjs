// Issue 7: the audio player, with the spoken summaries the build generates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { BASE, ARTIFACTS, EPISODE_NL, EPISODE_EN, launch, newPage, hydrated, tabTo } from './helpers.mjs';
import { startServer, freePort, tempCopy, ROOT } from './server.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

const audio = (page) => page.evaluate(() => {
  const a = document.querySelector('.player-dock audio');
  return { t: a.currentTime, paused: a.paused, rate: a.playbackRate, duration: a.duration };
});
const waitTime = (page, min, max = Infinity) => page.waitForFunction(
  ([lo, hi]) => { const t = document.querySelector('.player-dock audio').currentTime; return t >= lo && t <= hi; },
  [min, max], { timeout: 15000 },
);
async function chapters(page) {
  return page.evaluate(async () => {
    const src = document.querySelector('.player-dock audio').getAttribute('src');
    return (await (await fetch(src.replace(/\.mp3$/, '.chapters.json'))).json()).chapters;
  });
}
/** An episode page with the player ready. */
async function open(path = EPISODE_NL, options = {}) {
  const page = await newPage(b.browser, options);
  await page.goto(BASE + path);
  await hydrated(page);
  await page.locator('.player-bar').waitFor();
  return page;
}

test('without JavaScript: chapter and timestamp links point into the audio file, and it can be downloaded', async () => {
  const page = await newPage(b.browser, { javaScriptEnabled: false });
  await page.goto(BASE + EPISODE_NL);
  assert.equal(await page.locator('.player-bar').isVisible(), false, 'no dead controls');
  const first = page.locator('.player-chapters a').nth(1);
  assert.match(await first.getAttribute('href'), /^\/media\/hoofd\/nl\.mp3#t=\d+(\.\d+)?$/);
  const stamp = page.locator('.prose a.timestamp').nth(1);
  assert.match(await stamp.getAttribute('href'), /^\/media\/hoofd\/nl\.mp3#t=35$/);
  assert.equal(await stamp.getAttribute('aria-label'), 'Luister vanaf 0:35');
  assert.match(await page.locator('.player-meta a[download]').innerText(), /MP3, 0,\d MB/);
  const res = await page.request.get(BASE + '/media/hoofd/nl.mp3', { headers: { Range: 'bytes=0-1' } });
  assert.equal(res.status(), 206, 'the server answers range requests, so seeking works');
  await page.context().close();
});

test('play starts, the time advances, and the lock screen shows the episode and chapter', async () => {
  const page = await open();
  const play = page.locator('.player-play');
  assert.equal(await play.getAttribute('aria-label'), 'Afspelen');
  await play.click();
  await waitTime(page, 1.2);
  assert.equal((await audio(page)).paused, false);
  assert.equal(await play.getAttribute('aria-label'), 'Pauzeren');
  assert.notEqual(await page.locator('.player-times span').first().innerText(), '0:00');
  const seek = page.locator('.player-seek');
  assert.match(await seek.getAttribute('aria-valuetext'), /^\d+ seconden? van 1 minuut \d+ seconden?$/);
  const session = await page.evaluate(() => ({
    title: navigator.mediaSession.metadata?.title,
    artist: navigator.mediaSession.metadata?.artist,
    album: navigator.mediaSession.metadata?.album,
    art: navigator.mediaSession.metadata?.artwork.map((a) => new URL(a.src).pathname),
    state: navigator.mediaSession.playbackState,
  }));
  assert.deepEqual(session, {
    title: 'Krijg je je hoofd op orde door te lopen?',
    artist: 'Loopje met de wetenschap',
    album: 'Lopen als therapie?',
    art: ['/share/nl/hoofd-art.png'],
    state: 'playing',
  });
  const art = await page.request.get(BASE + '/share/nl/hoofd-art.png');
  assert.equal(art.headers()['content-type'], 'image/png');
  await play.click();
  assert.equal((await audio(page)).paused, true);
  await page.waitForFunction(() => navigator.mediaSession.playbackState === 'paused');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a timestamp in the text seeks the player to its time and plays', async () => {
  const page = await open();
  const stamp = page.locator('.prose a.timestamp').nth(2);
  const t = Number(await stamp.getAttribute('data-t'));
  assert.ok(t > 30, `timestamp at ${t}`);
  await stamp.click();
  await waitTime(page, t - 0.1, t + 1);
  assert.equal((await audio(page)).paused, false);
  assert.equal(page.url(), BASE + EPISODE_NL, 'the page did not navigate to the file');
  const ch = await chapters(page);
  assert.equal(await page.locator('.player-chapter').innerText(), ch[2].title);
  await page.context().close();
});

test('a chapter click seeks there, marks it current and announces it politely', async () => {
  const page = await open();
  const ch = await chapters(page);
  await page.locator('.player-play').click();
  await waitTime(page, 0.3);
  const link = page.locator('.player-chapters a').nth(3);
  await link.click();
  await waitTime(page, ch[3].startTime - 0.3, ch[3].startTime + 1.5);
  assert.equal(await page.locator('.player-chapter').innerText(), ch[3].title);
  assert.equal(await link.getAttribute('aria-current'), 'true');
  assert.equal(await page.locator('.player-chapters a[aria-current="true"]').count(), 1);
  const live = page.locator('.player-dock [aria-live="polite"]');
  await page.waitForFunction((title) => document.querySelector('.player-dock [aria-live="polite"]').textContent === `Hoofdstuk: ${title}`, ch[3].title);
  assert.equal(await live.innerText(), `Hoofdstuk: ${ch[3].title}`);
  assert.equal(await page.evaluate(() => navigator.mediaSession.metadata?.album), ch[3].title);
  await page.context().close();
});

test('playback speed changes apply to the audio', async () => {
  const page = await open(EPISODE_EN);
  await page.locator('.player-play').click();
  await waitTime(page, 0.2);
  await page.getByLabel('Speed').selectOption('1.5');
  await page.waitForFunction(() => document.querySelector('.player-dock audio').playbackRate === 1.5);
  // At 1.5× the audio runs ahead of the clock: 3 s of audio take about 2 s.
  const { t0, c0 } = await page.evaluate(() => ({ t0: document.querySelector('.player-dock audio').currentTime, c0: performance.now() }));
  const elapsed = await page.evaluate(async (start) => {
    const el = document.querySelector('.player-dock audio');
    while (el.currentTime < start + 3) await new Promise((r) => requestAnimationFrame(r));
    return el.currentTime - start;
  }, t0);
  const wall = (await page.evaluate(() => performance.now()) - c0) / 1000;
  assert.ok(elapsed / wall > 1.2, `advanced ${elapsed.toFixed(2)} s of audio in ${wall.toFixed(2)} s at 1.5×`);
  await page.getByLabel('Speed').selectOption('0.75');
  assert.equal((await audio(page)).rate, 0.75);
  await page.context().close();
});

test('after a reload the player offers to continue where the reader stopped', async () => {
  const page = await open();
  await page.locator('.player-play').click();
  await waitTime(page, 0.2);
  await page.locator('.player-chapters a').nth(2).click();
  const ch = await chapters(page);
  await waitTime(page, ch[2].startTime + 1);
  await page.locator('.player-play').click(); // pause: saves the position
  const stopped = (await audio(page)).t;
  await page.reload();
  await hydrated(page);
  const resume = page.locator('.player-resume');
  await resume.waitFor();
  const m = (await resume.innerText()).match(/^Verder luisteren vanaf (\d+):(\d\d)$/);
  assert.ok(m, await resume.innerText());
  assert.equal(Number(m[1]) * 60 + Number(m[2]), Math.floor(stopped));
  await resume.click();
  await waitTime(page, Math.floor(stopped) - 0.2, stopped + 2);
  assert.equal((await audio(page)).paused, false);
  assert.equal(await resume.count(), 0, 'the offer goes once taken');
  await page.context().close();
});

test('finishing marks the episode as listened, also after a reload', async () => {
  const page = await open(EPISODE_EN);
  const { duration } = await page.evaluate(() => ({ duration: Number(document.querySelector('.player-seek').max) }));
  await page.locator('.player-play').click();
  await waitTime(page, 0.2);
  await page.evaluate((d) => { document.querySelector('.player-dock audio').currentTime = d - 1; }, duration);
  await page.locator('.player-listened').waitFor({ timeout: 10000 });
  assert.equal(await page.locator('.player-play').getAttribute('aria-label'), 'Play');
  await page.reload();
  await hydrated(page);
  await page.locator('.player-listened').waitFor();
  assert.equal(await page.locator('.player-resume').count(), 0, 'nothing to continue');
  await page.context().close();
});

test('a garbled stored position is reset with a notice, and the player still works', async () => {
  const page = await open();
  await page.evaluate(() => localStorage.setItem('loopje.listening.nl.hoofd', '{"v":1,"data":{"position":"soon"'));
  await page.reload();
  await hydrated(page);
  await page.locator('.player .notice').waitFor();
  assert.match(await page.locator('.player .notice').innerText(), /onleesbaar/);
  await page.locator('.player-play').click();
  await waitTime(page, 0.5);
  await page.context().close();
});

test('the player works from the keyboard alone, without hijacking typing', async () => {
  const page = await open();
  await page.locator('h1').click(); // focus on the page itself
  await page.keyboard.press('k');
  await waitTime(page, 0.3);
  await page.keyboard.press('l');
  await waitTime(page, 30, 33);
  await page.keyboard.press('j');
  await waitTime(page, 15, 18);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('.player-dock audio').paused);
  // Typing in a field is never taken over.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'typing';
    document.querySelector('.player').prepend(input);
  });
  await page.locator('#typing').focus();
  await page.keyboard.type('kjl ');
  assert.equal(await page.locator('#typing').inputValue(), 'kjl ');
  assert.equal((await audio(page)).paused, true);
  // Tab reaches every control, each with a name; Enter and arrows operate them.
  // The bar comes after the page's main content, as it stays when the content changes.
  await tabTo(page, '.player-play', 400);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('.player-dock audio').paused);
  await tabTo(page, '.player-skip[aria-label="30 seconden vooruit"]');
  const before = (await audio(page)).t;
  await page.keyboard.press('Enter');
  await waitTime(page, before + 29);
  await tabTo(page, '.player-seek');
  const t0 = (await audio(page)).t;
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.ok((await audio(page)).t < t0, 'arrow keys move the slider and the audio');
  assert.equal(page.url(), BASE + EPISODE_NL, '← on the slider does not change episode');
  await tabTo(page, '.player-speed select');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('.player-dock audio').playbackRate !== 1);
  const names = await page.locator('.player-bar button, .player-bar input, .player-bar select').evaluateAll(
    (els) => els.map((e) => e.getAttribute('aria-label') ?? e.closest('label')?.innerText ?? ''),
  );
  assert.ok(names.every((n) => n.trim().length > 0), JSON.stringify(names));
  await page.context().close();
});

test('the bar stays reachable while reading and leaves the end of the page uncovered', async () => {
  for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
    const page = await open(EPISODE_NL, { viewport });
    await page.locator('.player-play').click();
    await waitTime(page, 1);
    await page.locator('.player-play').click();
    await page.locator('#motar').scrollIntoViewIfNeeded();
    const bar = await page.locator('.player-bar').boundingBox();
    assert.ok(bar.y + bar.height <= viewport.height + 1 && bar.y > viewport.height / 2, `${name}: bar at the bottom`);
    await page.screenshot({ path: join(ARTIFACTS, `player-${name}.png`) });
    await page.locator('.player').screenshot({ path: join(ARTIFACTS, `player-chapters-${name}.png`) });
    // Scrolled to the end, the footer's last line is above the bar.
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    // The stylesheet scrolls smoothly: measure once the end is reached.
    await page.waitForFunction(() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight);
    const footer = await page.locator('footer').boundingBox();
    const barNow = await page.locator('.player-bar').boundingBox();
    assert.ok(footer.y + footer.height <= barNow.y + 1, `${name}: footer ends at ${footer.y + footer.height}, bar starts at ${barNow.y}`);
    await page.context().close();
  }
});

test('a missing audio file shows a clear message and leaves the article usable', async () => {
  const dist = tempCopy(join(ROOT, 'dist'), 'noaudio');
  rmSync(join(dist, 'media', 'hoofd', 'nl.mp3'));
  const server = await startServer(dist, await freePort());
  try {
    const page = await newPage(b.browser);
    await page.goto(server.url + EPISODE_NL);
    await hydrated(page);
    await page.locator('.player-play').click();
    const error = page.locator('.player-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.innerText(), /kan niet worden afgespeeld/);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal(await page.locator('.player-play').getAttribute('aria-label'), 'Afspelen');
    // The rest of the page still works: the quiz answers.
    await page.locator('.article-body .quiz button.quiz-answer').first().click();
    await page.locator('.article-body .quiz .quiz-feedback').first().waitFor();
    const unexpected = page.errors.filter((e) => !/Failed to load resource|404/.test(e));
    assert.deepEqual(unexpected, []);
    await page.context().close();
  } finally {
    await server.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});
