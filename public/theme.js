try {
  const r = JSON.parse(localStorage.getItem('loopje.theme'));
  if (r && r.v === 1 && (r.data == 'light' || r.data == 'dark')) document.documentElement.dataset.theme = r.data;
} catch {}
{
  // A reload: the place the app kept in this history entry (src/shell/navigation.rs), at once.
  const p = /^loopje-place \d+ (-?\d+) (-?\d+)/.exec(history.state);
  if (p) addEventListener('DOMContentLoaded', () => scrollTo({ left: +p[1], top: +p[2], behavior: 'instant' }));
}
{
  const d = document, meta = (n) => d.querySelector(`meta[name="loopje-${n}"]`)?.content;
  const add = (t, p) => d.head.append(Object.assign(d.createElement(t), p));
  let go = () => { go = () => {}; add('link', { rel: 'manifest', href: meta('manifest') }); if (meta('boot')) add('script', { type: 'module', src: meta('boot') }); };
  if (PerformanceObserver.supportedEntryTypes?.includes('paint')) new PerformanceObserver((l) => l.getEntriesByName('first-contentful-paint')[0] && setTimeout(go)).observe({ type: 'paint', buffered: true });
  else onload = () => go();
}
