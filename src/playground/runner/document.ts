/**
 * Build-time (Node, native esbuild): the sandbox runner's whole document, one string that
 * the page puts in the `srcdoc` of its sandboxed iframe (sandbox.ts).
 *
 * Why a srcdoc, not a URL: a frame sandboxed without allow-same-origin is never controlled
 * by the site's service worker, so a runner fetched from the network fails offline (issue
 * 13), and one that loads scripts from the site lets a program's importScripts() send GETs
 * anywhere on the origin. The srcdoc comes with the page's JavaScript (cached with it), and
 * everything the runner runs is in it:
 *
 * - the runner's script, inline, allowed by its SHA-256 hash (`runnerDocument().scriptHash`,
 *   which astro.config.mjs adds to the page's script-src: a srcdoc document inherits the
 *   page's CSP, and its own <meta> CSP applies on top, so a script must pass both);
 * - the worker's script, as a string inside the runner's script (so the hash covers it too),
 *   started from a blob: URL; the program and the runtime module are blob: modules too.
 *
 * The runner's own CSP allows exactly that: its hash and blob:, no network at all.
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Plugin } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * The runner's CSP, on top of the page's (which the srcdoc inherits). No 'self': nothing of
 * the site's origin may be loaded, imported or fetched from the sandbox.
 */
export function runnerCsp(scriptHash: string): string {
  return [
    "default-src 'none'",
    `script-src '${scriptHash}' blob:`,
    "worker-src blob:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [resolve(here, entry)],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
    define,
    // Inline in an HTML document: "</script" must never appear in it (esbuild escapes it in
    // strings; checked below all the same).
    supported: { "inline-script": false },
  });
  return result.outputFiles[0]!.text.trimEnd();
}

export interface RunnerDocument {
  /** The whole document, for `iframe.srcdoc`. */
  html: string;
  /** "sha256-…" of the inline script, for the page's script-src. */
  scriptHash: string;
}

let made: Promise<RunnerDocument> | undefined;

/** Builds the runner's document once per process. */
export function runnerDocument(): Promise<RunnerDocument> {
  return (made ??= (async () => {
    const worker = await bundle("worker.ts");
    const script = await bundle("runner.ts", { __WORKER_SOURCE__: JSON.stringify(worker) });
    if (/<\/script|<!--/i.test(script)) throw new Error("the runner's script cannot be inlined: it contains </script or <!--");
    const scriptHash = `sha256-${createHash("sha256").update(script, "utf8").digest("base64")}`;
    const html =
      "<!doctype html>" +
      '<html lang="en"><head><meta charset="utf-8">' +
      `<meta http-equiv="Content-Security-Policy" content="${runnerCsp(scriptHash)}">` +
      "<title>asyncio runner</title>" +
      `<script>${script}</script>` +
      "</head><body></body></html>";
    return { html, scriptHash };
  })());
}

/** The virtual module through which the page's sandbox.ts gets the document. */
export const RUNNER_MODULE = "virtual:asyncio-runner";

/**
 * The Vite plugin behind RUNNER_MODULE: `import runnerHtml from "virtual:asyncio-runner"`.
 * (`astro dev` builds the document once: restart it after editing runner.ts or worker.ts,
 * so that the page's CSP and the document keep the same hash.)
 */
export function runnerDocumentPlugin(): Plugin {
  const resolved = `\0${RUNNER_MODULE}`;
  return {
    name: "playground:runner-document",
    resolveId(source) {
      return source === RUNNER_MODULE ? resolved : null;
    },
    async load(id) {
      if (id !== resolved) return null;
      const { html } = await runnerDocument();
      return `export default ${JSON.stringify(html)};\n`;
    },
  };
}
