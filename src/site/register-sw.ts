/**
 * Registers the service worker written by scripts/postbuild.ts (dist/sw.js), which keeps
 * the visited site readable offline. Only in the built site: `astro dev` has no sw.js.
 *
 * When: not at once, but once the page has loaded, a few quiet seconds have passed and no
 * example is running. Installing precaches every page and the small assets (about 135 files):
 * that work shares the machine with the reader's first Run. Measured (issue 12, 2-core
 * machine, the same build, 10 examples each, first Run on a cold page): median 124 ms from
 * click to first output while the precache ran, 81 ms once it was over. A reader who stays
 * a few seconds gets the offline copy all the same.
 */
import { url } from "./paths.ts";

/** How long after the page's load the precache waits (ms). */
const QUIET_MS = 3000;

function register(): void {
  navigator.serviceWorker.register(url("sw.js"), { scope: url() }).catch((error: unknown) => {
    console.warn("Offline reading is not available:", error);
  });
}

/** Calls `then` after QUIET_MS, in idle time, and not while an example runs (then after it). */
function whenQuiet(then: () => void): void {
  setTimeout(() => {
    if (document.querySelector('asyncio-example[data-state="starting"], asyncio-example[data-state="running"]') !== null) {
      addEventListener("asyncio-run-end", () => whenQuiet(then), { once: true });
      return;
    }
    if ("requestIdleCallback" in window) requestIdleCallback(then, { timeout: 2000 });
    else then();
  }, QUIET_MS);
}

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  if (document.readyState === "complete") whenQuiet(register);
  else addEventListener("load", () => whenQuiet(register), { once: true });
}
