// Koers service worker: the app keeps working without a connection.
//
// - The app shell (index.html, wasm, JS, CSS, icons, manifests) is precached in a cache
//   named after the build. `cargo xtask build` (xtask/src/tools.rs, finish_dist) rewrites
//   the VERSION and SHELL lines below from the files in dist/, so a new build means a new
//   sw.js: the browser installs it next to the old one and the app offers to reload.
// - The static API documents (config, contacts, surveys, the dossier) are network-first
//   with a timeout; when the network fails, the last good copy is served with the header
//   x-koers-cached-at (when it was stored), so the app can say how old it is.
// - Writes (every POST: the outbox owns those), the results and anything else pass by.
// The dossier has a cache of its own so sign-out can delete it (src/api/offline.rs).

const VERSION = 'development';
const SHELL = [];

const SHELL_CACHE = 'koers-shell-' + VERSION;
const API_CACHE = 'koers-api';
const DOSSIER_CACHE = 'koers-dossier';
const TIMEOUT_MS = 4000;
const SCOPE = self.registration.scope; // the app's base URL, ending in '/'
const DOCUMENT = /^api\/v1\/(config\.json|contacts\.json|surveys\/[\w-]+\.json|dossiers\/[0-9a-f]+\.json)$/;

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the participant chooses to reload.
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) =>
      cache.addAll(SHELL.map((path) => new Request(new URL(path, SCOPE), { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('koers-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Bumped by sign-out ('forgetDossier'): a dossier answer that was still on its way when the
// participant signed out must not put the dossier back into the cache.
let dossierEpoch = 0;

self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
  if (event.data === 'forgetDossier') {
    dossierEpoch += 1;
    event.waitUntil(caches.delete(DOSSIER_CACHE));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const path = request.url.slice(SCOPE.length).split(/[?#]/)[0];
  if (path.startsWith('api/')) {
    if (DOCUMENT.test(path)) event.respondWith(networkFirst(event, path));
    return;
  }
  if (request.mode === 'navigate') {
    // An app route (/agenda, /vragenlijst) is index.html; a real page (neutral.html) is itself.
    const file = /\.\w+$/.test(path) ? path : 'index.html';
    event.respondWith(fromShell(file).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(fromShell(path).then((hit) => hit || fetch(request)));
});

function fromShell(path) {
  return caches.open(SHELL_CACHE).then((cache) => cache.match(new URL(path || 'index.html', SCOPE).href, { ignoreVary: true }));
}

// The network's answer when it comes within TIMEOUT_MS; otherwise (or when it fails) the
// last good copy. A 404 or a broken file from the server still reaches the app, so it can
// show its own message; only a good document replaces the stored copy.
async function networkFirst(event, path) {
  const cacheName = path.startsWith('api/v1/dossiers/') ? DOSSIER_CACHE : API_CACHE;
  const key = new URL(path, SCOPE).href;
  const epoch = cacheName === DOSSIER_CACHE ? dossierEpoch : null;
  const network = fetch(event.request).then(async (response) => {
    if (response.status === 200) {
      const text = await response.clone().text();
      if (isDocument(text)) {
        event.waitUntil(store(cacheName, key, text, epoch));
        if (path === 'api/v1/config.json') event.waitUntil(warmActiveSurvey(text));
      }
    } else if (response.status === 404 || response.status === 410) {
      // The document is gone (a withdrawn code): so is its copy.
      event.waitUntil(caches.open(cacheName).then((cache) => cache.delete(key)));
    }
    return response;
  });
  const stored = () => caches.open(cacheName).then((cache) => cache.match(key));
  const timeout = new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS));
  const first = await Promise.race([network.catch(() => null), timeout.then(() => undefined)]);
  if (first && first.status < 500) return first;
  const copy = await stored();
  if (copy) {
    event.waitUntil(network.catch(() => null)); // a late answer still refreshes the copy
    return copy;
  }
  return first || network; // nothing stored: wait for the network, or its error
}

function isDocument(text) {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && typeof value.schema === 'string';
  } catch {
    return false;
  }
}

// `epoch`: the dossier epoch when the request started (null for other documents). Checked
// before and after the write, as sign-out may come in between.
async function store(cacheName, key, text, epoch = null) {
  const forgotten = () => epoch !== null && epoch !== dossierEpoch;
  if (forgotten()) return;
  const headers = { 'content-type': 'application/json', 'x-koers-cached-at': new Date().toISOString() };
  const cache = await caches.open(cacheName);
  await cache.put(key, new Response(text, { headers }));
  if (forgotten()) await caches.delete(cacheName);
}

// The active survey and the contacts are stored as soon as config.json is, so a
// participant who never opened them online can still use them offline.
async function warmActiveSurvey(configText) {
  const survey = JSON.parse(configText).active_survey;
  const paths = ['api/v1/contacts.json'];
  if (typeof survey === 'string' && /^[\w-]+$/.test(survey)) paths.push(`api/v1/surveys/${survey}.json`);
  const cache = await caches.open(API_CACHE);
  await Promise.all(
    paths.map(async (path) => {
      const key = new URL(path, SCOPE).href;
      if (await cache.match(key)) return;
      const response = await fetch(key, { headers: { accept: 'application/json' } }).catch(() => null);
      const text = response && response.status === 200 ? await response.text() : '';
      if (isDocument(text)) await store(API_CACHE, key, text);
    }),
  );
}
