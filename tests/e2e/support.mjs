// Shared set-up for the end-to-end tests: serve dist/ from a subfolder on loopback,
// drive Debian's Chromium with playwright-core, and fail on any console or page error.

import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
// PLAYGROUND_DIST lets a build in another folder be tested without touching dist/.
const DIST = resolve(process.env.PLAYGROUND_DIST ?? join(ROOT, "dist"));
export const SCREENSHOTS = join(ROOT, "target", "screenshots");

/** The app is served from a subfolder, as a course site would host it. */
export const BASE_PATH = "/course/playground/";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Host pages of course notes that embed the playground, by path. */
const HOST_PAGES = {
  "/host.html": `<h1>Lesson</h1>
    <iframe id="embed" title="Playground" style="width:800px;height:520px;border:1px solid #ccc"
      src="${BASE_PATH}?embed=1#/redis"></iframe>`,
  "/two-embeds.html": `<h1>Lesson</h1>
    <iframe id="redis" title="Redis" style="width:640px;height:480px" src="${BASE_PATH}?embed=1#/redis"></iframe>
    <iframe id="rabbitmq" title="RabbitMQ" style="width:640px;height:480px" src="${BASE_PATH}?embed=1#/rabbitmq"></iframe>`,
  // The README's snippet: an iframe that loads when scrolled near and sizes itself to the
  // page's content; the page records every message, and a sibling frame that is not the
  // embed's parent tries to command it.
  "/api-host.html": `<h1>Lesson</h1>
    <iframe data-playground id="embed" title="Redis playground" loading="lazy"
      style="width:100%;height:520px;border:0" src="${BASE_PATH}?embed=1#/redis"></iframe>
    <script>
      addEventListener("message", (event) => {
        const frame = [...document.querySelectorAll("iframe[data-playground]")]
          .find((iframe) => iframe.contentWindow === event.source);
        if (frame && event.data?.type === "playground:size") frame.style.height = event.data.height + "px";
      });
      window.received = [];
      addEventListener("message", (event) => received.push(event.data));
    </script>
    <iframe id="sibling" title="Another frame" style="width:10px;height:10px" srcdoc="<p>sibling</p>"></iframe>`,
  "/lazy-host.html": `<h1>Lesson</h1><div style="height:4000px">Read this first.</div>
    <iframe id="embed" title="Redis playground" loading="lazy" style="width:800px;height:520px"
      src="${BASE_PATH}?embed=1#/redis"></iframe>`,
};

/** Files served gzipped to a browser that accepts it, as a compressing host serves them. */
const COMPRESSED = new Set([".html", ".js", ".wasm", ".css", ".svg"]);
const gzipped = new Map();

/**
 * Starts a static server: dist/ under BASE_PATH, gzipped as a typical host serves it, and
 * HOST_PAGES, pages of course notes that embed the playground in iframes. Resolves to
 * { url, origin, close }.
 */
export async function serveDist() {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    if (Object.hasOwn(HOST_PAGES, path)) {
      response.writeHead(200, { "content-type": TYPES[".html"] });
      response.end(`<!doctype html><link rel="icon" href="data:,"><title>Course notes</title>${HOST_PAGES[path]}`);
      return;
    }
    if (!path.startsWith(BASE_PATH)) {
      response.writeHead(404).end("not under the app's folder");
      return;
    }
    const relative = path.slice(BASE_PATH.length) || "index.html";
    const file = normalize(join(DIST, relative));
    if (!file.startsWith(DIST)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      if (COMPRESSED.has(extname(file)) && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
        response.writeHead(200, { ...headers, "content-encoding": "gzip" });
        if (!gzipped.has(file)) gzipped.set(file, gzipSync(body));
        response.end(gzipped.get(file));
      } else {
        response.writeHead(200, headers);
        response.end(body);
      }
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/**
 * For a test file: serves dist/ and launches Chromium before its tests, and closes both
 * after them. Returns an object whose `server` and `browser` are set once started.
 */
export function servedApp() {
  const app = {};
  before(async () => {
    app.server = await serveDist();
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Opens a page that records every console error and uncaught page error, so that a test
 * can assert there were none. Options are passed to newContext (viewport, colorScheme);
 * service workers are blocked unless `serviceWorkers: "allow"` asks for them, so that
 * each test sees the network it sets up.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: "block", ...options });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  page.errors = errors;
  return page;
}

/** Saves a screenshot under target/screenshots/ for a person to look at. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** A page object for an engine page's console. */
export class ConsolePage {
  constructor(page) {
    this.page = page;
    this.input = page.locator(".page-slot:not([hidden]) [data-testid=console-input]");
    this.transcript = page.locator(".page-slot:not([hidden]) [data-testid=console-transcript]");
  }

  /** Types a line and presses Enter, as a learner does. */
  async run(line) {
    await this.input.click();
    await this.input.fill(line);
    await this.input.press("Enter");
  }

  /** The output printed for the most recent entry. */
  async lastOutput() {
    return this.transcript.locator(".entry").last().locator(".entry-output").innerText();
  }

  /** How many entries the transcript shows. */
  async entryCount() {
    return this.transcript.locator(".entry").count();
  }
}

/**
 * Pastes `text` at the caret of a text field, as Ctrl+V does with the text on the
 * clipboard: the page's paste handler runs first, and the browser inserts what it leaves.
 */
export async function paste(field, text) {
  await field.focus();
  await field.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
    if (element.dispatchEvent(event)) {
      element.setRangeText(pasted, element.selectionStart, element.selectionEnd, "end");
      element.dispatchEvent(new InputEvent("input", { bubbles: true }));
    }
  }, text);
}
