// Loopje's service worker. The builder (builder/src/offline.rs) fills in VERSION, PRECACHE (every
// file of the release with its content hash) and RUNTIME (the URL prefixes of older episodes,
// whose files and hashes are listed in the precached /sw-runtime.json).
// - install fetches the whole release and checks every file against its hash; one missing or
//   changed file fails the install, so an incomplete release is never activated;
// - the new worker waits until the reader accepts "new version" (message "skip-waiting"), so a
//   page keeps running on its own release only, never a mix;
// - activate removes the caches of older releases;
// - older episodes (a long season precaches only the newest) are kept once opened, with their
//   quiz, data and media, in one keep that outlives releases (KEPT): each copy carries its hash,
//   is served only to the release it belongs to, and is renewed by the next release's install;
//   see ARCHITECTURE.md, "Offline and updates".
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const RUNTIME = __RUNTIME__;
const CACHE = `loopje-${VERSION}`;
const KEPT = 'loopje-kept';
const STAGED = `loopje-staged-${VERSION}`;
const HASH = 'x-loopje-hash';
const URLS = new Set(PRECACHE.map((entry) => entry.url));

async function sha256(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file's hash as the builder lists it: the first `length` hex digits of its SHA-256. */
async function shortHash(buffer, length) {
  return (await sha256(buffer)).slice(0, length);
}

/** `body` with `response`'s status and headers and its hash noted, ready to keep. */
function tagged(response, body, hash) {
  const headers = new Headers(response.headers);
  headers.set(HASH, hash);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** The file at `url` from the network if it is this release's (its hash is `hash`): the response,
 *  `'other'` when the server already has another release's file, or the failed response.
 *  The first fetch may be answered from the HTTP cache after a 304; nginx's validators are the
 *  file's mtime and size, so a changed page of the same size written in the same second as the
 *  old one (or with mtimes fixed by a reproducible build) passes for the old one. A copy that is
 *  not this release's is therefore fetched once more past the HTTP cache before it counts. */
async function fetchChecked(url, hash) {
  for (const cache of ['no-cache', 'reload']) {
    const response = await fetch(url, { cache });
    if (!response.ok) return response;
    const body = await response.arrayBuffer();
    if ((await shortHash(body, hash.length)) === hash) return tagged(response, body, hash);
  }
  return 'other';
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
      if ((await shortHash(body, entry.hash.length)) !== entry.hash) throw new Error(`${entry.url}: not this release's file`);
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

/** This release's files outside the precache: url → { hash, group: [[url, hash], …] }. */
let runtimeFiles;
function runtime() {
  runtimeFiles ??= (async () => {
    const list = await (await caches.open(CACHE)).match('/sw-runtime.json');
    const groups = list ? await list.json() : [];
    return new Map(groups.flatMap((group) => group.map(([url, hash]) => [url, { hash, group }])));
  })();
  return runtimeFiles;
}

/** The hash of a cached copy: noted when it was kept, computed for a precached one. */
async function copyHash(response, length) {
  return response.headers.get(HASH) ?? shortHash(await response.clone().arrayBuffer(), length);
}

/** Renews what the reader keeps for this release, before it takes over: every older episode
 *  this release leaves out of its precache that a cache of an earlier release holds (kept when
 *  opened, or precached while it was new) is copied if unchanged, else fetched again. What
 *  cannot be fetched now stays as it is, and is renewed when next opened online. */
async function stage() {
  const files = await runtime();
  if (files.size === 0) return;
  const staged = await caches.open(STAGED);
  const names = (await caches.keys()).filter((n) => n.startsWith('loopje-') && n !== CACHE && n !== STAGED);
  const done = new Set();
  for (const name of names) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const url = new URL(request.url).pathname;
      const file = files.get(url);
      if (!file || done.has(url)) continue;
      const copy = await cache.match(request);
      try {
        if ((await copyHash(copy, file.hash.length)) === file.hash) {
          await staged.put(url, tagged(copy, await copy.arrayBuffer(), file.hash));
        } else {
          const fresh = await fetchChecked(url, file.hash);
          if (!(fresh instanceof Response) || !fresh.ok) continue;
          await staged.put(url, fresh);
        }
        done.add(url);
      } catch { /* offline or gone: the old copy stays */ }
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    await precache();
    try {
      await stage();
    } catch { /* what is kept stays as it was */ }
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const files = await runtime();
    const names = await caches.keys();
    if (names.includes(STAGED) || names.includes(KEPT)) {
      const kept = await caches.open(KEPT);
      const staged = await caches.open(STAGED);
      for (const request of await staged.keys()) await kept.put(request, await staged.match(request));
      // What this release no longer has, or precaches, is dropped.
      for (const request of await kept.keys()) {
        if (!files.has(new URL(request.url).pathname)) await kept.delete(request);
      }
    }
    const current = [CACHE, KEPT];
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

async function notFoundPage() {
  const page = await (await caches.open(CACHE)).match('/404.html');
  return page ? new Response(page.body, { status: 404, headers: page.headers }) : Response.error();
}

/** A kept copy from an earlier release, when this release's cannot be had (offline): a page is
 *  shown without its app (no newer app may hydrate an older page), with this release's
 *  stylesheet; page data is refused, so the app loads the page in full instead. */
async function withoutApp(copy) {
  if (!(copy.headers.get('content-type') ?? '').includes('text/html')) return new Response('', { status: 503 });
  const style = PRECACHE.find((e) => /^\/style-[^/]*\.css$/.test(e.url))?.url;
  let html = (await copy.text()).replace(/<meta name="loopje-boot"[^>]*>/, '');
  if (style) html = html.replace(/\/style-[^/"]*\.css/g, style);
  const headers = new Headers(copy.headers);
  headers.delete(HASH);
  headers.delete('content-length');
  return new Response(html, { status: 200, headers });
}

/** Keeps the rest of an opened episode's group (its data, quiz, search text and media). */
async function keepGroup(group) {
  const kept = await caches.open(KEPT);
  for (const [url, hash] of group) {
    const copy = await kept.match(url);
    if (copy && copy.headers.get(HASH) === hash) continue;
    try {
      const fresh = await fetchChecked(url, hash);
      if (fresh instanceof Response && fresh.ok) await kept.put(url, fresh);
    } catch { /* offline: kept when next opened */ }
  }
}

/** An older episode's file: this release's kept copy, else the network's if it is this release's
 *  (then kept, with the rest of its episode), else an earlier release's copy without the app. */
async function olderEpisode(event, path, file) {
  const request = event.request;
  const kept = await caches.open(KEPT);
  const copy = await kept.match(path);
  if (copy && copy.headers.get(HASH) === file.hash) {
    event.waitUntil(keepGroup(file.group));
    return copy;
  }
  let fresh;
  try {
    fresh = await fetchChecked(path, file.hash);
  } catch (error) {
    if (copy) return withoutApp(copy);
    if (request.mode === 'navigate') return notFoundPage();
    throw error;
  }
  if (fresh === 'other') {
    // The server has moved to a newer release that this page has not accepted yet.
    if (copy) return withoutApp(copy);
    // A page of the newer release is whole in itself (its own app and files); page data is not
    // decoded by this release's app.
    return request.mode === 'navigate' ? fetch(request) : new Response('', { status: 503 });
  }
  if (fresh.ok) {
    await kept.put(path, fresh.clone());
    event.waitUntil(keepGroup(file.group));
  }
  return fresh;
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
  // Audio is streamed with range requests, never cached: the browser fetches it itself.
  if (/\.(mp3|m4a|ogg|opus|wav)$/i.test(url.pathname)) return;
  const key = precachedUrl(url);
  if (key) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      return hit ?? fetch(request);
    })());
    return;
  }
  if (RUNTIME.some((group) => group.some((prefix) => url.pathname.startsWith(prefix)))) {
    event.respondWith((async () => {
      const files = await runtime();
      const path = url.pathname.endsWith('/index.html') ? url.pathname.slice(0, -'index.html'.length) : url.pathname;
      const file = files.get(path) ?? files.get(`${path}/`);
      if (file) return olderEpisode(event, files.has(path) ? path : `${path}/`, file);
      // Not a file of this release.
      try {
        return await fetch(request);
      } catch (error) {
        if (request.mode === 'navigate') return notFoundPage();
        throw error;
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
        return notFoundPage();
      }
    })());
  }
});
