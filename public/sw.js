// Loopje's service worker. The builder (builder/src/offline.rs) fills in VERSION and PRECACHE:
// every file of the release with its content hash. One cache per release:
// - install fetches the whole release and checks every file against its hash; one missing or
//   changed file fails the install, so an incomplete release is never activated;
// - the new worker waits until the reader accepts "new version" (message "skip-waiting"), so a
//   page keeps running on its own release's cache only, never a mix;
// - activate removes the caches of older releases;
// - in a long season only the newest episodes are precached (builder/src/offline.rs, NEWEST):
//   pages under RUNTIME are fetched from the network and kept when first opened, and served from
//   that keep when offline.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const RUNTIME = __RUNTIME__;
const CACHE = `loopje-${VERSION}`;
const VISITED = `loopje-visited-${VERSION}`;
const URLS = new Set(PRECACHE.map((entry) => entry.url));

async function sha256(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function precache() {
  const cache = await caches.open(CACHE);
  // A few at a time: a phone on a slow connection should not open hundreds of requests at once.
  const queue = [...PRECACHE];
  async function worker() {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const response = await fetch(entry.url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
      const body = await response.clone().arrayBuffer();
      const hash = (await sha256(body)).slice(0, entry.hash.length);
      if (hash !== entry.hash) throw new Error(`${entry.url}: not this release's file`);
      await cache.put(entry.url, response);
    }
  }
  try {
    await Promise.all([worker(), worker(), worker(), worker()]);
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const current = [CACHE, VISITED];
    await Promise.all(names.filter((n) => n.startsWith('loopje-') && !current.includes(n)).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

/** The precached URL a request stands for: routes are cached as `/path/`. */
function precachedUrl(url) {
  if (URLS.has(url.pathname)) return url.pathname;
  if (url.pathname.endsWith('/index.html')) {
    const dir = url.pathname.slice(0, -'index.html'.length);
    if (URLS.has(dir)) return dir;
  }
  if (!url.pathname.endsWith('/') && URLS.has(`${url.pathname}/`)) return `${url.pathname}/`;
  return null;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The server redirects `/` to the Dutch home page; so does the worker, online or not.
  if (url.pathname === '/' && request.mode === 'navigate') {
    event.respondWith(Response.redirect('/nl/', 302));
    return;
  }
  const key = precachedUrl(url);
  if (key) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      return hit ?? fetch(request);
    })());
    return;
  }
  if (RUNTIME.some((prefix) => url.pathname.startsWith(prefix))) {
    // An older episode: the network first, kept for offline reading once it was opened.
    event.respondWith((async () => {
      const keep = await caches.open(VISITED);
      try {
        const response = await fetch(request);
        if (response.ok) await keep.put(url.pathname, response.clone());
        return response;
      } catch (error) {
        const kept = await keep.match(url.pathname);
        if (kept) return kept;
        if (request.mode !== 'navigate') throw error;
        const page = await (await caches.open(CACHE)).match('/404.html');
        return page ? new Response(page.body, { status: 404, headers: page.headers }) : Response.error();
      }
    })());
    return;
  }
  if (request.mode === 'navigate') {
    // Not a page of this release: ask the network; offline, show the 404 page.
    event.respondWith((async () => {
      try {
        return await fetch(request);
      } catch {
        const cache = await caches.open(CACHE);
        const page = await cache.match('/404.html');
        return page
          ? new Response(page.body, { status: 404, headers: page.headers })
          : Response.error();
      }
    })());
  }
});
