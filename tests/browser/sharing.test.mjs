// Issue 10, sharing: per-page head tags, a generated image per episode, JSON-LD and RSS feeds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, EPISODE_NL, EPISODE_EN, launch, newPage } from './helpers.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b.close(); });

const head = (page) => page.evaluate(() => {
  const meta = (sel) => document.querySelector(sel)?.getAttribute('content') ?? null;
  return {
    title: document.title,
    description: meta('meta[name="description"]'),
    canonical: document.querySelector('link[rel="canonical"]')?.href ?? null,
    alternates: Object.fromEntries([...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, new URL(l.href).pathname])),
    ogImage: meta('meta[property="og:image"]'),
    ogTitle: meta('meta[property="og:title"]'),
    ogType: meta('meta[property="og:type"]'),
    twitterCard: meta('meta[name="twitter:card"]'),
    twitterImage: meta('meta[name="twitter:image"]'),
    feed: document.querySelector('link[rel="alternate"][type="application/rss+xml"]')?.href ?? null,
    ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)),
  };
});

test('every episode has its own title, description, canonical URL, alternates, card image and JSON-LD', async () => {
  const page = await newPage(b.browser, { javaScriptEnabled: false });
  const seen = new Set();
  for (const [path, other] of [[EPISODE_NL, EPISODE_EN], [EPISODE_EN, EPISODE_NL]]) {
    await page.goto(BASE + path);
    const h = await head(page);
    assert.match(h.title, /lopen|running/i);
    assert.ok(h.description.length > 40);
    assert.equal(new URL(h.canonical).pathname, path);
    assert.equal(h.alternates[path.startsWith('/nl/') ? 'nl' : 'en'], path);
    assert.equal(h.alternates[path.startsWith('/nl/') ? 'en' : 'nl'], other);
    assert.equal(h.alternates['x-default'], EPISODE_NL);
    assert.equal(h.ogType, 'article');
    assert.ok(h.title.startsWith(h.ogTitle), 'og:title is the page title without the site name');
    assert.equal(h.twitterCard, 'summary_large_image');
    assert.equal(h.twitterImage, h.ogImage);
    const imagePath = new URL(h.ogImage).pathname;
    assert.match(imagePath, /^\/share\/(nl|en)\/hoofd\.png$/);
    seen.add(imagePath);
    const img = await page.request.get(BASE + imagePath);
    assert.equal(img.headers()['content-type'], 'image/png');
    const png = await img.body();
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);
    assert.equal(h.ld.length, 1);
    const [ld] = h.ld;
    assert.equal(ld['@type'], 'PodcastEpisode');
    assert.ok(h.ogTitle.startsWith(ld.name), 'JSON-LD names the episode');
    assert.equal(ld.episodeNumber, 1);
    assert.equal(ld.partOfSeries['@type'], 'PodcastSeries');
    assert.match(ld.associatedMedia.contentUrl, /\/media\/hoofd\/(nl|en)\.mp3$/);
    assert.match(ld.associatedMedia.duration, /^PT\d+M\d+S$/);
    assert.match(h.feed, /\/(nl|en)\/feed\.xml$/);
  }
  assert.equal(seen.size, 2, 'each language has its own card');
  // Another episode has another image.
  await page.goto(BASE + '/nl/afleveringen/smog/');
  assert.match((await head(page)).ogImage, /\/share\/nl\/smog\.png$/);
  await page.goto(BASE + '/en/');
  const home = await head(page);
  assert.equal(home.ld[0]['@type'], 'PodcastSeries');
  assert.match(home.ogImage, /\/share\/en\/site\.png$/);
  await page.context().close();
});

test('the RSS feed of each language lists every episode with its audio and chapters', async () => {
  const page = await newPage(b.browser);
  await page.goto(BASE + '/nl/');
  for (const lang of ['nl', 'en']) {
    const res = await page.request.get(`${BASE}/${lang}/feed.xml`);
    assert.equal(res.status(), 200);
    const items = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      if (doc.querySelector('parsererror')) return 'not well-formed';
      return [...doc.querySelectorAll('item')].map((i) => ({
        title: i.querySelector('title').textContent,
        link: i.querySelector('link').textContent,
        date: i.querySelector('pubDate').textContent,
        enclosure: i.querySelector('enclosure').getAttribute('url'),
        length: Number(i.querySelector('enclosure').getAttribute('length')),
        chapters: i.getElementsByTagNameNS('https://podcastindex.org/namespace/1.0', 'chapters')[0]?.getAttribute('url'),
      }));
    }, await res.text());
    assert.notEqual(items, 'not well-formed');
    assert.equal(items.length, 6, `${lang}: six episodes`);
    for (const item of items) {
      assert.match(item.date, /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} 2026 00:00:00 \+0000$/);
      assert.match(item.enclosure, new RegExp(`/media/[a-z-]+/${lang}\\.mp3$`));
      const audio = await page.request.get(BASE + new URL(item.enclosure).pathname);
      assert.equal(Number(audio.headers()['content-length']), item.length, 'enclosure length is the file size');
      assert.match(item.chapters, new RegExp(`/media/[a-z-]+/${lang}\\.chapters\\.json$`));
    }
  }
  await page.context().close();
});
