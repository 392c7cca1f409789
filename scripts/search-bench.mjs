// The site's own on-device search against Pagefind (https://pagefind.app) on the same built
// pages, for scripts/bench.sh (`bench_search_engines`); not part of the test suite:
//   node scripts/search-bench.mjs <base-url> <queries.json>
// <base-url> serves a copy of dist/ into which Pagefind wrote its bundle at /pagefind/ (indexing
// each page's <main>). <queries.json>: {"nl": [{"q", "episode", "kind"}, ...], "en": [...]}, where
// `episode` is the episode the query should find (its slug in that language, or its id).
// For each language and engine, in a fresh browser context (no service worker) with the CPU
// slowed 4× (Lighthouse's mobile profile), every query in order:
//   - top-1 / top-3: the first result page, or one of the first three distinct result pages, is
//     the intended episode's article or quiz;
//   - the bytes a first query costs beyond the page itself (decoded, and as sent);
//   - the median time from issuing a query to its answer on screen (loopje) or in hand (Pagefind).
// Prints a JSON summary on stdout and a markdown table on stderr (after progress lines).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
];
const [baseArg, queriesFile] = process.argv.slice(2);
if (!baseArg || !queriesFile) {
  console.error('usage: node scripts/search-bench.mjs <base-url> <queries.json>');
  process.exit(2);
}
const base = baseArg.replace(/\/+$/, '');
const LANGS = ['nl', 'en'];
const ENGINES = ['loopje', 'pagefind'];
/** A query not answered by then is a miss, timed at this. */
const QUERY_TIMEOUT_MS = 20000;
/** Results read per query, as the site shows them at first (pages/search.rs, PAGE). */
const SHOWN = 10;
const CPU_SLOWDOWN = 4;
// Routes, as in src/model.rs (search_path, Lang::episodes_segment, quiz_path).
const SEARCH_PAGE = { nl: '/nl/zoeken/', en: '/en/search/' };
const EPISODES_SEGMENT = { nl: 'afleveringen', en: 'episodes' };
// Pagefind runs its search in a web worker by default, and Chromium's CPU throttling slows the
// page's main thread only (measured here: a worker ran as fast at rate 4 as at rate 1), so in its
// default mode Pagefind would escape the 4× slowdown the site's search (wasm on the main thread)
// gets. It runs on the main thread here (its `noWorker` option); PAGEFIND_WORKER=1 keeps the worker
// (then Playwright reports no wire size for pagefind-worker.js: its ~13 KB gzip are missing).
// Pagefind's index files (.pf_*, .pagefind) are gzip inside already and served as they are, so
// their "raw" bytes are the bytes fetched, not the decompressed index.
const PAGEFIND_WORKER = process.env.PAGEFIND_WORKER === '1';

/** The status texts of the search page, from src/i18n.rs (so a changed wording cannot make the
 * wait below stop at the loading text or never stop). */
function statusTexts() {
  const src = readFileSync(new URL('../src/i18n.rs', import.meta.url), 'utf8');
  const at = src.indexOf('pub const EN: Strings');
  if (at < 0) throw new Error('src/i18n.rs: no `pub const EN: Strings`');
  const parts = { nl: src.slice(0, at), en: src.slice(at) };
  const get = (lang, key) => {
    const m = parts[lang].match(new RegExp(`\\b${key}: "((?:[^"\\\\]|\\\\.)*)"`));
    if (!m) throw new Error(`src/i18n.rs: no ${key} for ${lang}`);
    return JSON.parse(`"${m[1]}"`);
  };
  return Object.fromEntries(LANGS.map((l) => [l, {
    loading: get(l, 'search_loading'), unavailable: get(l, 'search_unavailable'), none: get(l, 'search_none'),
  }]));
}

/** Which episode a result page belongs to: its article (`/nl/afleveringen/<slug>/`) or its quiz
 * (`/nl/quiz/<id>/`, named by the episode's id, not its slug). The quiz → episode link comes from
 * the site's own list of searchable pages (`docs.json`: [title, path, group = episode id, quiz]),
 * read here outside the browser, so it is not counted in any engine's bytes. */
async function episodeMap(lang) {
  const res = await fetch(`${base}/${lang}/search/docs.json`);
  if (!res.ok) throw new Error(`${base}/${lang}/search/docs.json: HTTP ${res.status}`);
  const { pages } = await res.json();
  const article = new RegExp(`^/${lang}/${EPISODES_SEGMENT[lang]}/([^/]+)/$`);
  const quiz = new RegExp(`^/${lang}/quiz/([^/]+)/$`);
  const groupOf = new Map(pages.map(([, path, group]) => [path, group]));
  const slugOf = new Map();
  for (const [, path, group, isQuiz] of pages) {
    const m = !isQuiz && path.match(article);
    if (m) slugOf.set(group, m[1]);
  }
  const episodeOf = (path) => {
    let m = path.match(article);
    if (m) return { slug: m[1], id: groupOf.get(path) ?? null };
    m = path.match(quiz);
    if (!m) return null;
    const id = groupOf.get(path) ?? m[1];
    return slugOf.has(id) ? { slug: slugOf.get(id), id } : null;
  };
  return { episodeOf, known: new Set([...slugOf.values(), ...slugOf.keys()]) };
}

/** A result link's page: its path, without `#section` or `?query`. */
function pagePath(href, from) {
  return new URL(href, from).pathname;
}

function distinct(paths) {
  return [...new Set(paths)];
}

function median(xs) {
  if (xs.length === 0) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Chromium, retried only when it fails to start (a runtime error of the tool, not a result). */
async function launch() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
    } catch (e) {
      if (attempt >= 3) throw e;
      console.error(`chromium did not start (attempt ${attempt}): ${e.message.split('\n')[0]}; retrying`);
      await new Promise((r) => setTimeout(r, 2000 * attempt));
    }
  }
}

/** The network of one browser context: the requests under `prefix` whose rest matches `timed`,
 * counted as they start, and the bytes of every request under `prefix` (decoded body, and body
 * as sent) while `counting`. `settle` waits until no request
 * of the page is in flight for a moment. */
function watchNetwork(context, prefix, except, timed) {
  const net = { started: 0, counting: false, sizes: [], inflight: 0, lastChange: Date.now() };
  const ours = (request) => {
    try {
      const path = new URL(request.url()).pathname;
      return path.startsWith(prefix) && path !== except;
    } catch { return false; }
  };
  context.on('request', (request) => {
    net.inflight++; net.lastChange = Date.now();
    if (ours(request) && timed.test(new URL(request.url()).pathname.slice(prefix.length))) net.started++;
  });
  const done = () => { net.inflight = Math.max(0, net.inflight - 1); net.lastChange = Date.now(); };
  context.on('requestfailed', done);
  context.on('requestfinished', (request) => {
    done();
    if (!net.counting || !ours(request)) return;
    net.sizes.push((async () => {
      const sizes = await request.sizes();
      const response = await request.response();
      const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
      return { path: new URL(request.url()).pathname, raw: body.length, wire: sizes.responseBodySize };
    })().catch(() => null));
  });
  net.settle = async (quietMs = 300, maxMs = 10000) => {
    const t0 = Date.now();
    while (Date.now() - t0 < maxMs) {
      if (net.inflight === 0 && Date.now() - net.lastChange >= quietMs) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  net.total = async () => {
    const files = (await Promise.all(net.sizes)).filter(Boolean);
    return {
      raw: files.reduce((n, f) => n + f.raw, 0),
      wire: files.reduce((n, f) => n + f.wire, 0),
      files: files.map((f) => `${f.path.slice(prefix.length)} ${f.raw}/${f.wire}`),
    };
  };
  return net;
}

/** page.evaluate with a guard on the Node side as well: a page that stops answering costs the
 * query its timeout, never the whole run. */
function guarded(promise, ms, fallback) {
  let timer;
  return Promise.race([
    promise.catch((e) => ({ ...fallback, error: String(e).split('\n')[0] })).finally(() => clearTimeout(timer)),
    new Promise((resolve) => { timer = setTimeout(() => resolve(fallback), ms); }),
  ]);
}

/** The site's search page: one query typed (an `input` event), timed until the status shows its
 * answer (a count or "nothing found"), polled each frame, as the reader sees it. */
async function loopjeQuery(page, q, texts) {
  return page.evaluate(async ({ q, loading, limit, shown }) => {
    const input = document.querySelector('#search-q');
    const status = document.querySelector('.search-status');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    // An empty query first: the status is then empty until this query's own answer, even when
    // it reads the same as the previous one's ("3 resultaten").
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    for (let i = 0; i < 200 && status.textContent.trim() !== ''; i++) await frame();
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    let text = '';
    let timedOut = false;
    for (;;) {
      await frame();
      text = status.textContent.trim();
      if (text !== '' && text !== loading) break;
      if (performance.now() - t0 > limit) { timedOut = true; break; }
    }
    const ms = timedOut ? limit : performance.now() - t0;
    // The list is drawn in the same update as the status; a few frames' grace all the same,
    // should a count show before its links.
    const links = () => document.querySelectorAll('.search-results a[href]');
    for (let i = 0; i < 10 && !timedOut && links().length === 0 && /\d/.test(text); i++) await frame();
    const hrefs = [...links()].map((a) => a.href);
    const shownResults = Math.min(shown, document.querySelectorAll('.search-results > li').length);
    return { ms, timedOut, status: text, hrefs, shownResults };
  }, { q, loading: texts.loading, limit: QUERY_TIMEOUT_MS, shown: SHOWN });
}

/** Pagefind, imported into a real page of the site (same origin, same CSP). One query: the
 * search, then the data of the first 10 results: Pagefind only knows a result's URL and title once
 * its fragment is fetched, and the site shows 10 results with their snippets, so the fragments
 * belong to the answer (the site's snippets, though, come after its timed status). */
async function pagefindQuery(page, q) {
  return page.evaluate(async ({ q, limit, shown }) => {
    const pf = window.__pagefind;
    const t0 = performance.now();
    const work = (async () => {
      const s = await pf.search(q);
      const data = await Promise.all(s.results.slice(0, shown).map((r) => r.data()));
      return { urls: data.map((d) => new URL(d.url, location.href).href), total: s.results.length };
    })().catch((e) => ({ error: String(e), urls: [], total: 0 }));
    const r = await Promise.race([work, new Promise((res) => setTimeout(() => res(null), limit))]);
    if (!r) return { ms: limit, timedOut: true, hrefs: [] };
    return { ms: performance.now() - t0, timedOut: false, hrefs: r.urls, total: r.total, error: r.error };
  }, { q, limit: QUERY_TIMEOUT_MS, shown: SHOWN });
}

async function run(browser, lang, engine, queries, map, texts) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // Errors of the page (a Content-Security-Policy refusal among them), in the log.
  page.on('console', (m) => { if (m.type() === 'error') console.error(`${lang} ${engine} console: ${m.text()}`); });
  page.on('pageerror', (e) => console.error(`${lang} ${engine} page error: ${e.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // What search costs beyond the page: the site's index (`/<lang>/search/`: docs.json, fetched
  // as the search page opens, then term shards and the text files of the snippets), or
  // Pagefind's bundle (`/pagefind/`: its script, wasm, entry and meta files, index chunks and
  // fragments), up to the first query's results with their snippets.
  const prefix = engine === 'loopje' ? `/${lang}/search/` : '/pagefind/';
  // (The English search page itself is /en/search/: not counted.)
  // A query "fetched something new" if it fetched what its answer waits for: for the site, its
  // index (docs.json, a term shard; the text files of the snippets come after the timed status);
  // for Pagefind, anything (the index chunks, and the fragments, which are in its timed answer).
  const net = watchNetwork(context, prefix, SEARCH_PAGE[lang], engine === 'loopje' ? /^(docs\.json|w-)/ : /^/);
  const lost = { ms: QUERY_TIMEOUT_MS, timedOut: true, hrefs: [] };
  try {
    if (engine === 'loopje') {
      net.counting = true;
      await page.goto(`${base}${SEARCH_PAGE[lang]}`, { timeout: 60000 });
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 60000 });
    } else {
      // From a page at rest, as the site's search starts once its page is hydrated.
      await page.goto(`${base}/${lang}/`, { timeout: 60000 });
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 60000 });
      await net.settle();
      net.counting = true;
      // `init` only starts loading (entry, wasm, meta): the first search waits for it, as the
      // site's first query may wait for docs.json.
      const error = await page.evaluate(async (noWorker) => {
        try {
          const pf = await import(new URL('/pagefind/pagefind.js', location.href).href);
          await pf.options(noWorker ? { noWorker: true } : {});
          await pf.init?.();
          window.__pagefind = pf;
          return null;
        } catch (e) {
          return String(e);
        }
      }, !PAGEFIND_WORKER);
      if (error) throw new Error(`Pagefind did not load: ${error}`);
    }
    const rows = [];
    for (const [i, { q, episode }] of queries.entries()) {
      const before = net.started;
      const r = await guarded(
        engine === 'loopje' ? loopjeQuery(page, q, texts) : pagefindQuery(page, q),
        QUERY_TIMEOUT_MS + 10000, lost,
      );
      const fetched = net.started - before;
      if (engine === 'loopje' && !r.timedOut) {
        // The snippets of the results shown (their text files), outside the timed answer: for
        // the first query they count in its bytes, and no query is timed while the previous one
        // still fetches.
        await page.waitForFunction(
          (n) => document.querySelectorAll('.search-results .snippet').length >= n,
          r.shownResults, { timeout: 10000 },
        ).catch(() => {});
      }
      await net.settle();
      if (i === 0) net.counting = false;
      const pages = distinct(r.hrefs.map((h) => pagePath(h, base)));
      const slugs = pages.map((p) => map.episodeOf(p));
      const is = (e) => e !== null && (e.slug === episode || e.id === episode);
      rows.push({
        q, episode, ms: r.ms, timedOut: r.timedOut, fetched, error: r.error,
        top1: is(slugs[0] ?? null), top3: slugs.slice(0, 3).some(is), pages: pages.slice(0, 3),
      });
      console.error(`${lang} ${engine} ${r.timedOut ? 'TIMEOUT' : `${r.ms.toFixed(0)} ms`.padStart(7)}`
        + ` ${rows.at(-1).top1 ? 'top1' : rows.at(-1).top3 ? 'top3' : 'miss'} ${JSON.stringify(q)}`
        + ` → ${pages.slice(0, 3).join(' ') || `(none${r.status ? `: ${r.status}` : ''})`}${fetched ? ` [+${fetched} files]` : ''}`
        + `${r.error ? ` error: ${r.error}` : ''}`);
    }
    const bytes = await net.total();
    const times = rows.map((r) => r.ms);
    const fetching = rows.filter((r) => r.fetched > 0).map((r) => r.ms);
    return {
      summary: {
        top1: rows.filter((r) => r.top1).length / rows.length,
        top3: rows.filter((r) => r.top3).length / rows.length,
        n: rows.length,
        first_query_raw: bytes.raw,
        first_query_wire: bytes.wire,
        median_ms: median(times),
        // Only the queries that fetched something new (a shard, index chunk or fragment).
        median_ms_fetching: median(fetching),
        n_fetching: fetching.length,
        timeouts: rows.filter((r) => r.timedOut).length,
        first_query_files: bytes.files,
      },
      misses: rows.filter((r) => !r.top3).map((r) => r.q),
      not_top1: rows.filter((r) => !r.top1).map((r) => r.q),
    };
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8'));
  const texts = statusTexts();
  const result = {};
  const misses = {};
  const notTop1 = {};
  const browser = await launch();
  try {
    for (const lang of LANGS) {
      const list = queries[lang] ?? [];
      if (list.length === 0) { console.error(`${queriesFile}: no queries for ${lang}`); continue; }
      const map = await episodeMap(lang);
      const unknown = distinct(list.map((x) => x.episode).filter((e) => !map.known.has(e)));
      if (unknown.length) console.error(`${lang}: queries name episodes the site does not have: ${unknown.join(', ')}`);
      result[lang] = {};
      misses[lang] = {};
      notTop1[lang] = {};
      for (const engine of ENGINES) {
        const r = await run(browser, lang, engine, list, map, texts[lang]);
        result[lang][engine] = r.summary;
        misses[lang][engine] = r.misses;
        notTop1[lang][engine] = r.not_top1;
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  // misses: not among the first three result pages; not_top1: not the first.
  console.log(JSON.stringify({ ...result, misses, not_top1: notTop1, pagefind_worker: PAGEFIND_WORKER }, null, 2));

  const pct = (x) => `${Math.round(x * 100)} %`;
  const kb = (b) => (b / 1024).toFixed(1);
  const ms = (x) => (x === null ? '–' : x.toFixed(0));
  const lines = [
    '',
    '| engine | lang | queries | top-1 | top-3 | bytes for a first query (raw / wire KB) | median answer at 4× CPU (ms) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const engine of ENGINES) {
    for (const lang of Object.keys(result)) {
      const s = result[lang][engine];
      const name = engine === 'pagefind' && PAGEFIND_WORKER ? 'pagefind (worker, not slowed)' : engine;
      lines.push(`| ${name} | ${lang} | ${s.n} | ${pct(s.top1)} | ${pct(s.top3)} | ${kb(s.first_query_raw)} / ${kb(s.first_query_wire)} `
        + `| ${ms(s.median_ms)} (fetching: ${ms(s.median_ms_fetching)}, n=${s.n_fetching})`
        + `${s.timeouts ? `, ${s.timeouts} timed out` : ''} |`);
    }
  }
  console.error(lines.join('\n'));
}

main().catch((e) => {
  console.error(e.stack ?? String(e));
  process.exit(1);
});
