/**
 * The playground's Vite plugins, picked up by astro.config.mjs (`playgroundVitePlugins`).
 *
 * 1. Monaco's CSS stays off reading pages. Astro hoists the CSS of dynamically imported
 *    modules into every page's <head> (withastro/astro#9495), so `.css` files imported from
 *    monaco-editor become small JS modules that adopt the CSS as a constructed stylesheet when
 *    the editor chunk actually runs (constructed sheets also pass the site's hashed CSP).
 * 2. The runtime module and the prebuilt bundle of every example (`bundles/<id>.json`) are
 *    built with native esbuild and emitted into the client build; `astro dev` serves the
 *    same files from memory.
 * 3. The sandbox runner's document (runner/document.ts) is a virtual module of the page's
 *    sandbox.ts (a srcdoc: no file to serve).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin, ViteDevServer } from "vite";
import { buildExampleBundle, buildRuntimeModule, listExamples, runtimeEntry } from "./build-assets.ts";
import { runnerDocumentPlugin } from "./runner/document.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const cspStyles = resolve(here, "csp-styles.ts");
const MONACO_CSS = "\0playground-monaco-css:";

function monacoCss(): Plugin {
  return {
    name: "playground:monaco-css",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!source.endsWith(".css") || importer === undefined || !importer.includes("/monaco-editor/")) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (resolved === null) return null;
      // The virtual id must not end in .css, or Vite would treat it as CSS again.
      return `${MONACO_CSS}${resolved.id}.js`;
    },
    load(id) {
      if (!id.startsWith(MONACO_CSS)) return null;
      const real = id.slice(MONACO_CSS.length, -".js".length);
      return (
        `import css from ${JSON.stringify(`${real}?inline`)};\n` +
        `import { adoptCss } from ${JSON.stringify(cspStyles)};\n` +
        `adoptCss(css);\n`
      );
    },
  };
}

/** Every file the playground adds to the site, by its path under the base. */
async function assetList(root: string): Promise<Map<string, () => Promise<string>>> {
  const files = new Map<string, () => Promise<string>>();
  // Until the runtime has an entry point nothing can be bundled against it; the site still
  // builds, and Run says that the prebuilt program is missing.
  if (!existsSync(runtimeEntry(root))) {
    console.warn(`[playground] ${runtimeEntry(root)} does not exist yet: no example bundles`);
    return files;
  }
  files.set("runtime/asyncio.js", () => buildRuntimeModule(root));
  for (const id of await listExamples(root)) {
    files.set(`bundles/${id}.json`, () => buildExampleBundle(root, id));
  }
  return files;
}

function playgroundAssets(): Plugin {
  let root = process.cwd();
  let base = "/";
  return {
    name: "playground:assets",
    configResolved(config) {
      root = config.root;
      base = config.base.replace(/\/?$/, "/");
    },
    configureServer(server: ViteDevServer) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
        if (!path.startsWith(base)) return next();
        const rel = path.slice(base.length);
        if (!/^(runtime\/asyncio\.js|bundles\/.+\.json)$/.test(rel)) return next();
        assetList(root)
          .then(async (files) => {
            const make = files.get(rel);
            if (make === undefined) return next();
            const body = await make();
            res.setHeader("content-type", rel.endsWith(".json") ? "application/json" : "text/javascript");
            res.setHeader("cache-control", "no-store");
            res.end(body);
          })
          .catch((error: unknown) => {
            res.statusCode = 500;
            res.end(String(error));
          });
      });
    },
    applyToEnvironment(environment) {
      return environment.name === "client";
    },
    async generateBundle() {
      const files = await assetList(root);
      const made = await Promise.all([...files].map(async ([fileName, make]) => [fileName, await make()] as const));
      for (const [fileName, source] of made) this.emitFile({ type: "asset", fileName, source });
    },
  };
}

export const playgroundVitePlugins: Plugin[] = [monacoCss(), playgroundAssets(), runnerDocumentPlugin()];
