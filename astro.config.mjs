// @ts-check
import { existsSync } from "node:fs";
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { siteIntegration } from "./src/site/integration.ts";
import { securityIntegration } from "./src/security/integration.ts";

/**
 * Base path for a sub-path deployment: `BASE_PATH=/asyncio-tasks/ npm run build`.
 * tests/support/browser.ts normalises the same variable the same way.
 */
const base = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/").replace(/^\/?/, "/");

/**
 * The playground (issue 4) may need Vite plugins (for instance to keep Monaco's CSS out of
 * the reading page's <head>, withastro/astro#9495). It exports them from
 * src/playground/vite.ts as `playgroundVitePlugins`; the shell picks them up when present.
 */
const playgroundPluginsFile = new URL("./src/playground/vite.ts", import.meta.url);
/** @type {import("vite").PluginOption[]} */
const playgroundPlugins = existsSync(playgroundPluginsFile)
  ? ((await import(playgroundPluginsFile.href)).playgroundVitePlugins ?? [])
  : [];

/**
 * The sandbox runner is a srcdoc document (src/playground/runner/document.ts): it inherits
 * this CSP, so its inline script must be allowed here too, by its hash.
 */
const runnerDocumentFile = new URL("./src/playground/runner/document.ts", import.meta.url);
const runnerScriptHash = existsSync(runnerDocumentFile)
  ? (await (await import(runnerDocumentFile.href)).runnerDocument()).scriptHash
  : null;

export default defineConfig({
  site: process.env.SITE_URL ?? "https://asyncio-task-lifecycle.example",
  base,
  // OUT_DIR builds elsewhere than dist/ (e.g. when several builds share a checkout);
  // the tests then take DIST_DIR=<the same folder>.
  outDir: process.env.OUT_DIR ?? "./dist",
  trailingSlash: "always",
  build: { format: "directory" },
  // securityIntegration hashes the pages' inline scripts and styles into their CSP and writes
  // dist/_headers (the CSP as HTTP headers, frame-ancestors, nosniff); it runs before the
  // site shell's postbuild, which fingerprints the pages for the service worker.
  integrations: [mdx(), securityIntegration(), siteIntegration()],
  security: {
    // A hashed <meta> CSP on every page (tech-notes §3). No 'unsafe-eval' anywhere:
    // 'wasm-unsafe-eval' is enough for esbuild-wasm and Pagefind.
    csp: {
      algorithm: "SHA-256",
      scriptDirective: {
        // blob: is for the sandbox: the runner (a srcdoc) inherits this policy, and the
        // reader's program and the runtime are blob: modules in its worker. A blob: URL can
        // only be made by script already running in the page (or, opaque, in the sandbox,
        // where the page cannot load it).
        resources: ["'self'", "'wasm-unsafe-eval'", "blob:"],
        hashes: runnerScriptHash === null ? [] : [runnerScriptHash],
      },
      styleDirective: {
        resources: [
          "'self'",
          // Shiki's dual themes put the token colours in style="--shiki-light:…" attributes.
          { resource: "'unsafe-inline'", kind: "attribute" },
          // <style> elements: 'self' and hashes, no 'unsafe-inline' (issue 9: an injected
          // <style> could dress up a phishing overlay). Astro hashes the styles it inlines
          // from pages; those of components rendered from MDX it inlines unhashed, so
          // securityIntegration adds every inline style's (and is:inline script's) hash after
          // the build (src/security/inline-hashes.ts).
          { resource: "'self'", kind: "element" },
        ],
      },
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        // esbuild-wasm builds its worker from a blob: URL (tech-notes §1).
        "worker-src 'self' blob:",
        // The playground runs code in a sandboxed iframe (a srcdoc, which frame-src does
        // not govern; 'self' for what else the site may frame).
        "frame-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        // HTML and script URLs reach the DOM's sinks only through Trusted Types policies
        // (src/security/trusted-types.ts; Monaco brings its own).
        "require-trusted-types-for 'script'",
      ],
    },
  },
  vite: {
    plugins: playgroundPlugins,
  },
});
