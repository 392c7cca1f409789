try {
  const r = JSON.parse(localStorage.getItem('loopje.theme'));
  if (r && r.v === 1 && (r.data === 'light' || r.data === 'dark')) document.documentElement.dataset.theme = r.data;
} catch {}
