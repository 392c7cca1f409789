// Lighthouse (its Node API) on Debian's chromium, started by chrome-launcher in a fresh temporary
// profile. The default config is Lighthouse's mobile profile (simulated slow 4G, mid-range phone).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
];

/** Starts one chromium for several Lighthouse runs; chrome-launcher makes (and removes) a temp profile. */
export async function startChrome() {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: FLAGS,
    logLevel: 'silent',
  });
  return {
    /** Runs Lighthouse on `url`; returns { lhr, json } (json: the report as a string). */
    async audit(url) {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (result.lhr.runtimeError) {
        throw new Error(`Lighthouse on ${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
      }
      return { lhr: result.lhr, json: result.report };
    },
    async close() {
      await chrome.kill();
    },
  };
}

/** One line to quote: the four category scores, the main metrics and the page weight. */
export function summary(name, lhr) {
  const c = lhr.categories;
  const a = lhr.audits;
  const score = (k) => (c[k]?.score == null ? 'n/a' : c[k].score.toFixed(2));
  const ms = (k) => (a[k]?.numericValue == null ? 'n/a' : `${Math.round(a[k].numericValue)} ms`);
  const cls = a['cumulative-layout-shift']?.numericValue;
  const bytes = a['total-byte-weight']?.numericValue;
  return `lighthouse ${name} ${new URL(lhr.finalDisplayedUrl ?? lhr.requestedUrl).pathname}: `
    + `perf ${score('performance')} a11y ${score('accessibility')} bp ${score('best-practices')} seo ${score('seo')}`
    + ` | LCP ${ms('largest-contentful-paint')} FCP ${ms('first-contentful-paint')} TBT ${ms('total-blocking-time')}`
    + ` CLS ${cls == null ? 'n/a' : cls.toFixed(3)} | ${bytes == null ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB`}`;
}

/** The audits that cost points in a category, for a readable failure message. */
export function failing(lhr, category) {
  return (lhr.categories[category]?.auditRefs ?? [])
    .filter((r) => r.weight > 0)
    .map((r) => lhr.audits[r.id])
    .filter((a) => a && a.score != null && a.score < 1)
    .map((a) => `${a.id} (${a.score.toFixed(2)}${a.displayValue ? `, ${a.displayValue}` : ''})`);
}
