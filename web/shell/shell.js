// The shell: routes between the landing view and the engine pages, and loads the app's
// wasm when an engine page is first shown (or, on the landing view, once the browser is
// idle). Kept in plain JavaScript so the landing view is interactive before any wasm
// arrives; the app's Rust code parses the location on its own for everything else.
// `pageOf`, `viewOf` and `APP_FILES` come from index.html's first script.

const APP_MODULE = new URL(APP_FILES.module, document.baseURI).href;
const TITLES = { redis: "Redis", memcached: "Memcached", rabbitmq: "RabbitMQ" };
const PRODUCT = "Middleware Playground";

// `?embed=1` (inside course notes; index.html's first script marks it): the compact
// header, and no site navigation at all.
const embed = document.documentElement.classList.contains("embedded");
document.querySelector(embed ? ".site-header.full" : ".site-header.embed").remove();

/** Shows the view the fragment names. */
function show() {
  const page = pageOf(location.hash);
  const view = viewOf(location.hash);
  const title = TITLES[page];
  document.documentElement.dataset.view = view;
  // The skip link's target is the view shown; an engine page marks its own.
  for (const main of document.querySelectorAll("main[data-view]")) main.id = main.dataset.view === view ? "main" : "";
  for (const link of document.querySelectorAll(".site-header nav a")) {
    if (link.getAttribute("href") === `#/${page}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  for (const element of document.querySelectorAll("[data-page-title]")) element.textContent = title ?? PRODUCT;
  // The full app's address for this page: this document without `?embed=1`.
  const openFull = document.querySelector(".open-full");
  if (openFull) openFull.href = `${location.pathname}#/${page ?? ""}`;
  document.title = page === "" ? PRODUCT : `${title ?? "Page not found"} · ${PRODUCT}`;
  if (view === "engine") loadApp();
}

let loading;
/** Loads and starts the app's wasm once; a failure shows a message with a retry. */
function loadApp() {
  loading ??= (async () => {
    const module = await import(APP_MODULE);
    await module.default();
  })().catch((error) => {
    loading = undefined;
    const failure = document.querySelector("[data-testid=app-load-failure]");
    failure.querySelector("[data-failure-reason]").textContent =
      `Its code did not arrive (${error.message ?? error}). Check the connection, then try again.`;
    failure.hidden = false;
    document.querySelector(".page-skeleton").hidden = true;
  });
  return loading;
}

document.querySelector("[data-retry]").addEventListener("click", () => {
  // A failed module import is remembered by the browser, so retrying means a fresh document.
  location.reload();
});

document.querySelector("[data-skip-link]").addEventListener("click", (event) => {
  // The fragment holds the route, so the skip link moves focus without touching it.
  event.preventDefault();
  const main = document.getElementById("main") ?? document.querySelector(".page-slot:not([hidden]) main");
  if (main) {
    main.tabIndex = -1;
    main.focus();
  }
});

addEventListener("hashchange", show);
show();
// From here on, links move between views: the landing view is interactive.
document.documentElement.dataset.shell = "ready";

/** Runs `task` once the browser is idle. */
const whenIdle = (task) => new Promise((done) => (window.requestIdleCallback ?? ((run) => setTimeout(run, 1500)))(() => done(task())));

// The landing view fetches the app while the reader reads, so the first page opens fast;
// the offline copy is made after that, so it never competes with the page being opened.
(viewOf(location.hash) === "engine" ? loadApp() : whenIdle(loadApp)).then(() => whenIdle(keepOffline));

/** Registers the service worker, and offers a reload once a new version is ready. */
function keepOffline() {
  if (!("serviceWorker" in navigator)) return;
  const banner = document.querySelector("[data-testid=update-ready]");
  const offer = (worker) => {
    banner.hidden = false;
    banner.querySelector("button").onclick = () => worker.postMessage("take-over");
  };
  navigator.serviceWorker.register("./service-worker.js").then((registration) => {
    if (!registration) return;
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }, () => {});
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!reloading) {
      reloading = true;
      location.reload();
    }
  });
}
