// Browser measurements for scripts/bench.sh (not part of the test suite):
//   node scripts/bench-browser.mjs search <base-url>      → median ms to answer a search query,
//                                                           and what the query "lopen" downloads
//   node scripts/bench-browser.mjs floor <base-url> <dist> → Lighthouse of an episode vs bare HTML
//   node scripts/bench-browser.mjs start <base-url>       → a throttled first visit: first paint,
//                                                           hydrated, bytes (issue 21)
// Both on Debian's chromium. Search is timed with the CPU slowed 4× (Lighthouse's mobile profile).
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChrome, summary } from '../tests/browser/lighthouse.mjs';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
];
const [mode, base, dist] = process.argv.slice(2);

async function searchTime() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  // A first visit, from the network: with the service worker, it would take over part-way
  // (precaching every file at once) and serve later requests from its cache.
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // What the search downloads: every file under /nl/search/, as decoded bytes and as sent.
  const fetched = [];
  page.on('requestfinished', async (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/nl/search/')) return;
    const sizes = await request.sizes();
    const body = await (await request.response()).body();
    fetched.push({ file: path.slice('/nl/search/'.length), raw: body.length, wire: sizes.responseBodySize });
  });
  const loadStart = Date.now();
  await page.goto(`${base}/nl/zoeken/`);
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 60000 });
  // The first query waits for docs.json and its shard; the snippets then fetch text files.
  await page.fill('#search-q', 'lopen');
  await page.waitForFunction(() => /result/.test(document.querySelector('.search-status').textContent), null, { timeout: 120000 });
  const ready = Date.now() - loadStart;
  await page.locator('.search-results .snippet').first().waitFor({ timeout: 60000 });
  await page.waitForLoadState('networkidle');
  const lopen = {
    raw: fetched.reduce((n, f) => n + f.raw, 0),
    wire: fetched.reduce((n, f) => n + f.wire, 0),
    files: ['docs.json', 'w-'].map((p) => fetched.filter((f) => f.file.startsWith(p)).length)
      .concat([fetched.filter((f) => f.file.startsWith('t-')).length])
      .map((n, i) => `${n} ${['docs', 'shard', 'text'][i]}`).join(' + '),
    detail: fetched.map((f) => `${f.file} ${f.raw}/${f.wire}`),
  };
  // Each query is timed from the input event until the status shows its answer: with a shard
  // not yet fetched that includes fetching it (the first round: every query starts with a new
  // letter), with the shard in memory it is the search alone (the second round).
  const queries = ['depressie', 'fijnstof stad', 'cafeïne', 'hartslag', 'endorfines', 'blessures', 'antidepressiva', 'intensiteit'];
  const rounds = [];
  for (let round = 0; round < 2; round++) {
    const times = [];
    for (const q of queries) {
      times.push(await page.evaluate(async (query) => {
        const input = document.querySelector('#search-q');
        const status = document.querySelector('.search-status');
        const t0 = performance.now();
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // Leptos updates in a microtask; wait for frames until the answer is there, layout included.
        for (;;) {
          await new Promise((r) => requestAnimationFrame(() => r()));
          if (/result|Niets/.test(status.textContent) || performance.now() - t0 > 20000) break;
        }
        return performance.now() - t0;
      }, q));
    }
    rounds.push(times.sort((a, b) => a - b));
  }
  await browser.close();
  const [cold, warm] = rounds;
  console.log(JSON.stringify({
    median_ms: cold[Math.floor(cold.length / 2)],
    max_ms: cold[cold.length - 1],
    warm_median_ms: warm[Math.floor(warm.length / 2)],
    first_query_ready_ms: ready,
    lopen,
  }));
}

/** The same article as bare HTML: no CSS, no JavaScript, no images; the floor any page sits on. */
async function writeFloor() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/nl/afleveringen/hoofd-op-orde/`);
  const html = await page.evaluate(() => {
    const take = (sel) => [...document.querySelectorAll(sel)].map((e) => e.outerHTML).join('\n');
    const strip = (h) => h.replace(/<img[^>]*>/g, '');
    return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">`
      + `<meta name="viewport" content="width=device-width, initial-scale=1">`
      + `<title>${document.title}</title><meta name="description" content="The bare-HTML floor."></head>`
      + `<body><main>${take('main h1')}${take('main .lead')}${strip(take('.article-body > .prose'))}`
      + `${take('section.sources')}</main></body></html>`;
  });
  await browser.close();
  writeFileSync(join(dist, 'floor.html'), html);
  return html.length;
}

/** Lighthouse's simulated metrics still follow the CPU time it observed: each page is audited
 * ROUNDS times, alternating, and each figure is the median of its runs. */
const ROUNDS = 5;

async function floor() {
  const bytes = await writeFloor();
  const chrome = await startChrome();
  const runs = { site: [], floor: [] };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, path] of [['site', '/nl/afleveringen/hoofd-op-orde/'], ['floor', '/floor.html']]) {
        const { lhr } = await chrome.audit(base + path);
        console.error(summary(name, lhr));
        const a = lhr.audits;
        runs[name].push({
          performance: lhr.categories.performance.score,
          fcp_ms: Math.round(a['first-contentful-paint'].numericValue),
          lcp_ms: Math.round(a['largest-contentful-paint'].numericValue),
          tbt_ms: Math.round(a['total-blocking-time'].numericValue),
          cls: Number(a['cumulative-layout-shift'].numericValue.toFixed(3)),
          bytes: Math.round(a['total-byte-weight'].numericValue),
        });
      }
    }
  } finally {
    await chrome.close();
  }
  const median = (xs) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const results = {};
  for (const [name, list] of Object.entries(runs)) {
    results[name] = Object.fromEntries(Object.keys(list[0]).map((k) => [k, median(list.map((r) => r[k]))]));
  }
  results.rounds = ROUNDS;
  results.floor_html_bytes = bytes;
  results.lcp_ratio = Number((results.site.lcp_ms / results.floor.lcp_ms).toFixed(2));
  results.lcp_ratios = runs.site.map((r, i) => Number((r.lcp_ms / runs.floor[i].lcp_ms).toFixed(2)));
  console.log(JSON.stringify(results));
}


/** Lighthouse's simulated mobile profile, applied for real through the DevTools protocol:
 * 150 ms added per request, 1.6 Mbit/s down, 750 kbit/s up, the CPU slowed 4×. */
const MOBILE = { latency: 150, download: (1.6 * 1024 * 1024) / 8, upload: (750 * 1024) / 8, cpu: 4 };

/** A first visit to `path` (fresh context, no service worker): ms to the first contentful paint and
 * to `<html data-hydrated="true">`, and the bytes sent over the network until then. */
async function firstVisit(browser, path) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: MOBILE.latency, downloadThroughput: MOBILE.download, uploadThroughput: MOBILE.upload,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpu });
  const sizes = new Map();
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  // Told through a DevTools binding, not by polling with page.waitForFunction: Playwright's
  // script for that is evaluated in the page when the load event comes, right after the first
  // paint, and took 27–43 ms of the slowed main thread there, holding back the app's request.
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: '__loopjeHydrated' });
  const told = new Promise((resolve) => cdp.on('Runtime.bindingCalled', (e) => {
    if (e.name === '__loopjeHydrated') resolve(Number(e.payload));
  }));
  await page.addInitScript(() => {
    new MutationObserver((_, o) => {
      if (document.documentElement.dataset.hydrated === 'true') {
        window.__loopjeHydrated(String(performance.now()));
        o.disconnect();
      }
    // On the document, which exists before its <html> element does.
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  });
  await page.goto(base + path);
  let timer;
  const late = new Promise((_, no) => { timer = setTimeout(() => no(new Error(`${path}: not hydrated in 120 s`)), 120000); });
  const hydrated = await Promise.race([told, late]).finally(() => clearTimeout(timer));
  const at = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
  }));
  at.hydrated = hydrated;
  // Everything fetched by then: the page, its stylesheet, the boot script, the app's JS and wasm.
  const bytes = [...sizes.values()].reduce((n, b) => n + b, 0);
  // The wasm's request and arrival: how long after the first paint it is asked for, and its download.
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((r) => r.name.endsWith('.wasm'))
    .map((r) => ({ size: r.transferSize, start: r.startTime, end: r.responseEnd }))[0]);
  await context.close();
  return {
    fcp_ms: Math.round(at.fcp), hydrated_ms: Math.round(at.hydrated), bytes, wasm_bytes: wasm?.size ?? 0,
    wasm_requested_ms: Math.round(wasm?.start ?? 0), wasm_arrived_ms: Math.round(wasm?.end ?? 0),
  };
}

const START_RUNS = 5;

async function start() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  const runs = { episode: [], quiz: [] };
  const paths = { episode: '/nl/afleveringen/hoofd-op-orde/', quiz: '/nl/quiz/hoofd/' };
  try {
    for (let round = 0; round < START_RUNS; round += 1) {
      for (const [name, path] of Object.entries(paths)) {
        const r = await firstVisit(browser, path);
        console.error(`start ${name}: FCP ${r.fcp_ms} ms, wasm ${r.wasm_requested_ms}–${r.wasm_arrived_ms} ms, hydrated ${r.hydrated_ms} ms, ${r.bytes} bytes (wasm ${r.wasm_bytes})`);
        runs[name].push(r);
      }
    }
  } finally {
    await browser.close();
  }
  const results = { runs: START_RUNS, profile: MOBILE };
  for (const [name, list] of Object.entries(runs)) {
    const stat = (k) => {
      const xs = list.map((r) => r[k]).sort((x, y) => x - y);
      return { median: xs[Math.floor(xs.length / 2)], min: xs[0], max: xs[xs.length - 1] };
    };
    results[name] = {
      path: paths[name], fcp_ms: stat('fcp_ms'), wasm_requested_ms: stat('wasm_requested_ms'), wasm_arrived_ms: stat('wasm_arrived_ms'),
      hydrated_ms: stat('hydrated_ms'), bytes: stat('bytes'), wasm_bytes: stat('wasm_bytes'),
    };
  }
  console.log(JSON.stringify(results));
}

if (mode === 'search') await searchTime();
else if (mode === 'floor') await floor();
else if (mode === 'start') await start();
else {
  console.error('usage: node scripts/bench-browser.mjs search <base-url> | floor <base-url> <dist> | start <base-url>');
  process.exit(2);
}
