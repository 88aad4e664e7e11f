// Keeps the playground working offline once it has been loaded: every file of the page is cached
// as it is fetched, and served from the cache when the network is not there. Network first, so
// a new build is picked up as soon as it is served.
const CACHE = 'zhengce-playground-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The page sends the files it loaded before this worker took control (the first visit).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'cache' && Array.isArray(event.data.urls)) {
    const urls = event.data.urls.filter((u) => new URL(u).origin === self.location.origin);
    event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)).catch(() => {}));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request, { ignoreSearch: true })
          .then((hit) => hit || caches.match(new URL('./', self.location.href).href))
          .then((hit) => hit || new Response('离线且未缓存', { status: 503 })),
      ),
  );
});
