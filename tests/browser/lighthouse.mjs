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
  let retries = 0;
  return {
    /** Runs Lighthouse on `url`; returns { lhr, json, retried } (json: the report as a string;
     *  retried: the runtime errors of the runs that were repeated). A run that ends in one of
     *  Lighthouse's own runtime errors (it could not measure: NO_NAVSTART, NO_FCP, a protocol
     *  timeout…) is repeated up to twice; a run that measured is never repeated, whatever its
     *  scores. */
    async audit(url) {
      const retried = [];
      for (;;) {
        let error;
        try {
          const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
          if (!result) error = 'no result';
          else if (result.lhr.runtimeError) error = `${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`;
          else return { lhr: result.lhr, json: result.report, retried };
        } catch (e) {
          // Thrown by Lighthouse itself (e.g. PROTOCOL_TIMEOUT), not by an assertion.
          error = `${e.code ?? e.name}: ${e.message}`;
        }
        if (retried.length === 2) throw new Error(`Lighthouse on ${url}: ${error} (after retries: ${retried.join('; ')})`);
        retried.push(error);
        retries += 1;
      }
    },
    /** How many runs were repeated so far. */
    retries: () => retries,
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
