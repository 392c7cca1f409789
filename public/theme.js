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
  // After the first paint: the boot script, and the wasm it compiles, side by side.
  let go = () => {
    go = () => {}; add('link', { rel: 'manifest', href: meta('manifest') });
    const [boot, wasm] = meta('boot')?.split(' ') ?? [];
    if (boot) add('link', { rel: 'preload', as: 'fetch', crossOrigin: '', href: wasm }), add('script', { type: 'module', src: boot });
  };
  if (PerformanceObserver.supportedEntryTypes?.includes('paint')) new PerformanceObserver((l) => l.getEntriesByName('first-contentful-paint')[0] && setTimeout(go)).observe({ type: 'paint', buffered: true });
  else onload = () => go();
}
