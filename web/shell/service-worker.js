// Keeps the playground working offline after a first visit. Each build writes its
// version and file list below (web/build-app.sh) and gets a cache of its own, filled whole
// before it takes over and holding only that build's files: a new deploy is never served
// half old and half new. The page offers to reload once a new version has installed.

const VERSION = "development";
const FILES = [];
const CACHE = `playground-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((name) => name.startsWith("playground-") && name !== CACHE).map((name) => caches.delete(name))),
    ),
  );
});

// The page asks a waiting version to take over when the learner chooses to reload.
self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  // Any address of the app's own document (`?embed=1`, a fragment) is its index.html.
  const cached = request.mode === "navigate"
    ? caches.open(CACHE).then((cache) => cache.match("./"))
    : caches.open(CACHE).then((cache) => cache.match(request));
  event.respondWith(cached.then((response) => response ?? fetch(request)));
});
