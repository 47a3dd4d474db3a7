/**
 * Steps after `astro build`, run by the site integration (src/site/integration.ts) at
 * `astro:build:done`, or by hand: `node scripts/postbuild.ts [dist] [base]`.
 *
 * 1. The Pagefind search index (dist/pagefind/), built from the chapters' <article
 *    data-pagefind-body>. Pagefind ships as an npm binary, so this works offline.
 * 2. The service worker (dist/sw.js): src/site/sw.ts bundled by esbuild with the list of
 *    files to precache, which workbox-build's getManifest computes (with revisions).
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import * as pagefind from "pagefind";
import workboxBuild from "workbox-build";

export interface PostbuildOptions {
  /** The built site (dist/). */
  dist: string;
  /** The site's base path, with a trailing slash. */
  base: string;
  log?: (message: string) => void;
}

/**
 * Assets larger than this are not precached; they are cached the first time they are used
 * (the playground's editor and compiler: Monaco's chunks, TypeScript's worker, esbuild's
 * wasm, several MB each). Pages are always precached, whatever their size.
 *
 * (Workbox's own limit, `maximumFileSizeToCacheInBytes`, 2 MiB by default, would drop large
 * files with only a warning; it is set far above every file below, so that this limit is the
 * one that decides, and the list says what it left out.)
 */
const precacheLimit = 256 * 1024;

export async function buildSearchIndex({ dist, log = console.log }: PostbuildOptions): Promise<number> {
  const created = await pagefind.createIndex({});
  if (!created.index) throw new Error(`pagefind: ${created.errors.join("; ")}`);
  const added = await created.index.addDirectory({ path: dist });
  if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join("; ")}`);
  const written = await created.index.writeFiles({ outputPath: join(dist, "pagefind") });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  await pagefind.close();
  log(`pagefind: indexed ${added.page_count} pages`);
  return added.page_count;
}

export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** What the service worker stores at install: every page, and the small assets pages use. */
export async function precacheList({ dist, base }: PostbuildOptions): Promise<{ entries: PrecacheEntry[]; bytes: number }> {
  const { manifestEntries, size, warnings } = await workboxBuild.getManifest({
    globDirectory: dist,
    // The examples' prebuilt programs (bundles/) are precached too: small since they share one
    // runtime module (runtime/asyncio.js), and what makes every example of every chapter run
    // offline after one visit to any page.
    globPatterns: [
      "**/*.{html,css,js,svg,webmanifest}",
      "bundles/**/*.json",
      "pagefind/pagefind.js",
      "pagefind/pagefind-entry.json",
      "pagefind/**/*.{pf_meta,pf_index,pf_fragment,pagefind}",
    ],
    globIgnores: ["sw.js", "pagefind/pagefind-*ui*", "pagefind/pagefind-highlight.js", "pagefind/wasm.unknown.pagefind"],
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    manifestTransforms: [
      async (entries) => ({
        manifest: entries.filter((e) => e.url.endsWith(".html") || e.size <= precacheLimit),
        warnings: [],
      }),
    ],
    // Vite's hashed file names change with their content: no revision needed.
    dontCacheBustURLsMatching: /^_astro\//,
  });
  for (const warning of warnings) console.warn(`sw: ${warning}`);
  const entries = manifestEntries.map((entry) => ({
    // A page is requested as its directory URL, not as …/index.html.
    url: base + entry.url.replace(/(^|\/)index\.html$/, "$1"),
    revision: entry.revision ?? null,
  }));
  return { entries, bytes: size };
}

export async function buildServiceWorker(options: PostbuildOptions): Promise<void> {
  const { dist, base, log = console.log } = options;
  const { entries, bytes } = await precacheList(options);
  const version = createHash("sha256").update(JSON.stringify(entries)).digest("hex").slice(0, 12);
  await build({
    entryPoints: [fileURLToPath(new URL("../src/site/sw.ts", import.meta.url))],
    outfile: join(dist, "sw.js"),
    bundle: true,
    format: "iife",
    target: "es2022",
    minify: true,
    logLevel: "warning",
    define: {
      __PRECACHE__: JSON.stringify(entries),
      __BASE__: JSON.stringify(base),
      __VERSION__: JSON.stringify(version),
    },
  });
  log(`sw: ${entries.length} files to precache (${(bytes / 1024).toFixed(0)} KiB), version ${version}`);
}

export async function postbuild(options: PostbuildOptions): Promise<void> {
  await buildSearchIndex(options);
  await buildServiceWorker(options);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? "dist");
  const base = (process.argv[3] ?? process.env.BASE_PATH ?? "/").replace(/\/?$/, "/").replace(/^\/?/, "/");
  await postbuild({ dist, base });
}
