/// <reference lib="webworker" />
/**
 * The service worker (bundled into dist/sw.js by scripts/postbuild.ts).
 *
 * - Install: precache every page and the small assets they use, so a site visited once can
 *   be read offline in full (search included).
 * - Pages (navigations): network first, so a reader online always gets the latest text; the
 *   cache when the network fails.
 * - Hashed assets (_astro/…): cache first; their names change with their content. This is
 *   also how the playground's large assets (editor, esbuild.wasm) get cached: the first time
 *   the reader uses them.
 * - Anything else of ours (search index, runner, bundles): network first, cache fallback.
 */
export {};

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: { url: string; revision: string | null }[];
declare const __BASE__: string;
declare const __VERSION__: string;

const precacheName = `precache-${__VERSION__}`;
const pagesCache = "pages-v1";
const assetsCache = "assets-v1";
const otherCache = "other-v1";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(precacheName);
      // cache: "reload" skips the HTTP cache, so the precache holds what this build served.
      await cache.addAll(__PRECACHE__.map((e) => new Request(e.url, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("precache-") && name !== precacheName) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(__BASE__)) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, pagesCache, offlinePage));
  } else if (url.pathname.startsWith(`${__BASE__}_astro/`)) {
    event.respondWith(cacheFirst(request, assetsCache));
  } else {
    event.respondWith(networkFirst(request, otherCache, () => Response.error()));
  }
});

async function networkFirst(request: Request, cacheName: string, fallback: () => Response | Promise<Response>): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = await storable(response.clone());
      await (await caches.open(cacheName)).put(request, copy);
    }
    return response;
  } catch {
    return (await caches.match(request, { ignoreSearch: true })) ?? fallback();
  }
}

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await (await caches.open(cacheName)).put(request, response.clone());
  }
  return response;
}

/**
 * Chromium refuses to answer a navigation with a cached response that was redirected
 * (e.g. /chapter → /chapter/); a fresh Response with the same body is fine.
 */
async function storable(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

function offlinePage(): Response {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6"><h1>You are offline</h1><p>This page has not been saved for offline reading yet. <a href="${__BASE__}">Go to the overview</a>: the pages you have visited, and every chapter once one page has fully loaded, are available offline.</p></body></html>`;
  return new Response(html, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}
