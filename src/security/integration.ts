/**
 * At `astro:build:done` (before the site shell's postbuild, which fingerprints the pages for
 * the service worker): adds the hashes of each page's inline scripts and styles to its
 * `<meta>` CSP (inline-hashes.ts), then writes the build's `_headers` (headers.ts): the union of the pages'
 * CSPs, plus frame-ancestors and nosniff, for every path under the base.
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { headersFile, metaCsp, unionCsp } from "./headers.ts";
import { addInlineHashes } from "./inline-hashes.ts";

export async function writeHeaders(dist: string, base: string): Promise<string> {
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith(".html"));
  const policies: string[] = [];
  for (const file of files) {
    const path = join(dist, file);
    const page = addInlineHashes(await readFile(path, "utf8"));
    if (page.added > 0) await writeFile(path, page.html);
    const csp = metaCsp(page.html);
    if (csp !== null) policies.push(csp);
  }
  if (policies.length === 0) throw new Error("_headers: no page of the build has a CSP <meta>");
  const text = headersFile(base, unionCsp(policies));
  await writeFile(join(dist, "_headers"), text);
  return text;
}

export function securityIntegration(): AstroIntegration {
  let base = "/";
  return {
    name: "security-headers",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.replace(/\/?$/, "/");
      },
      "astro:build:done": async ({ dir, logger }) => {
        await writeHeaders(fileURLToPath(dir), base);
        logger.info("pages' inline scripts and styles hashed into their CSP; _headers: that CSP, frame-ancestors 'none' and nosniff");
      },
    },
  };
}
