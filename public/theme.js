try {
  const r = JSON.parse(localStorage.getItem('loopje.theme'));
  if (r && r.v === 1 && (r.data === 'light' || r.data === 'dark')) document.documentElement.dataset.theme = r.data;
} catch {}
let booted = false;
const boot = () => {
  const meta = document.querySelector('meta[name="loopje-boot"]');
  if (booted || !meta) return;
  booted = true;
  document.head.append(Object.assign(document.createElement('script'), { type: 'module', src: meta.content }));
};
if (self.PerformanceObserver?.supportedEntryTypes?.includes('paint')) {
  new PerformanceObserver((l) => l.getEntriesByName('first-contentful-paint').length && setTimeout(boot)).observe({ type: 'paint', buffered: true });
} else addEventListener('load', boot);
