/**
 * Registers the service worker written by scripts/postbuild.ts (dist/sw.js), which keeps
 * the visited site readable offline. Only in the built site: `astro dev` has no sw.js.
 */
import { url } from "./paths.ts";

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  const register = () => {
    navigator.serviceWorker.register(url("sw.js"), { scope: url() }).catch((error: unknown) => {
      console.warn("Offline reading is not available:", error);
    });
  };
  // After the page has loaded, so that precaching never competes with the first render.
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}
