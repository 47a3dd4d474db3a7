/**
 * Nothing in the build loads a script, style, font or image from another origin: a static
 * scan of dist/ (HTML attributes, CSS url()/@import, JS import/importScripts), and every page
 * opened in Chromium with requests to other origins blocked and recorded.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "htmlparser2";
import type { Browser } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { distDir, distFiles, elements, htmlFiles, pagePath } from "./site.ts";

const foreign = /^(?:https?:)?\/\//i;

/** Attributes that make the browser fetch something, by element. */
const loading: Record<string, string[]> = {
  script: ["src"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
  image: ["href", "xlink:href"],
  use: ["href", "xlink:href"],
  input: ["src"],
};
/** <link rel> values that fetch their href. */
const fetchingRels = new Set(["stylesheet", "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon", "manifest", "mask-icon", "preconnect", "dns-prefetch"]);

export function foreignLoadsInHtml(html: string): string[] {
  const found: string[] = [];
  for (const el of elements(parseDocument(html), () => true)) {
    const attrs = el.name === "link" && (el.attribs.rel ?? "").toLowerCase().split(/\s+/).some((r) => fetchingRels.has(r)) ? ["href"] : (loading[el.name] ?? []);
    for (const attr of attrs) {
      for (const value of (el.attribs[attr] ?? "").split(",").map((s) => s.trim().split(/\s+/)[0])) {
        if (foreign.test(value)) found.push(`<${el.name} ${attr}="${value}">`);
      }
    }
    const style = el.attribs.style ?? "";
    for (const m of style.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')]+)/gi)) found.push(`style url(${m[1]})`);
    if (el.name === "style") found.push(...foreignLoadsInCss(el.children.map((c) => ("data" in c ? String(c.data) : "")).join("")));
  }
  return found;
}

export function foreignLoadsInCss(css: string): string[] {
  const found: string[] = [];
  for (const m of css.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')]+)/gi)) found.push(`url(${m[1]})`);
  for (const m of css.matchAll(/@import\s+(?:url\()?\s*["']((?:https?:)?\/\/[^"']+)/gi)) found.push(`@import ${m[1]}`);
  return found;
}

export function foreignLoadsInJs(js: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s*\(\s*["'`]((?:https?:)?\/\/[^"'`]+)/g,
    /\b(?:import|export)\b[^;"'`]*?\bfrom\s*["']((?:https?:)?\/\/[^"']+)/g,
    /\bimport\s*["']((?:https?:)?\/\/[^"']+)/g,
    /\bimportScripts\s*\(\s*["'`]((?:https?:)?\/\/[^"'`]+)/g,
    /\bnew\s+(?:Shared)?Worker\s*\(\s*["'`]((?:https?:)?\/\/[^"'`]+)/g,
  ];
  for (const p of patterns) for (const m of js.matchAll(p)) found.push(m[1]);
  return found;
}

describe("no foreign loads, static scan", () => {
  it("the scanners recognise foreign loads (and ignore plain links)", () => {
    expect(foreignLoadsInHtml('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//fonts.example/a.css"><img srcset="a.png 1x, https://x.example/b.png 2x"><a href="https://docs.python.org/">docs</a>')).toEqual([
      '<script src="https://cdn.example/x.js">',
      '<link href="//fonts.example/a.css">',
      '<img srcset="https://x.example/b.png">',
    ]);
    expect(foreignLoadsInCss('@import "https://x.example/a.css"; b{background:url(https://x.example/i.png)} c{background:url(/ok.png)}')).toHaveLength(2);
    expect(foreignLoadsInJs('import("https://esm.sh/x"); import a from "https://cdn.example/a.js"; import b from "./b.js"; importScripts("https://x.example/w.js")')).toHaveLength(3);
  });

  it("no HTML page loads anything from another origin", () => {
    const found = htmlFiles().flatMap((f) => foreignLoadsInHtml(readFileSync(join(distDir, f), "utf8")).map((x) => `${f}: ${x}`));
    expect(found).toEqual([]);
  });

  it("no stylesheet or script loads anything from another origin", () => {
    const found: string[] = [];
    for (const f of distFiles()) {
      if (f.endsWith(".css")) found.push(...foreignLoadsInCss(readFileSync(join(distDir, f), "utf8")).map((x) => `${f}: ${x}`));
      if (/\.m?js$/.test(f)) found.push(...foreignLoadsInJs(readFileSync(join(distDir, f), "utf8")).map((x) => `${f}: ${x}`));
    }
    expect(found).toEqual([]);
  });
});

describe("no foreign loads, in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  useSite((s, b) => {
    server = s;
    browser = b;
  });

  it("no page requests another origin while loading and while being read to the end", async () => {
    const pages = htmlFiles().filter((f) => !f.startsWith("runner/") && !f.startsWith("pagefind/"));
    const { page, context, foreignRequests, errors } = await newIsolatedPage(browser, server);
    for (const file of pages) {
      await page.goto(server.origin + pagePath(file), { waitUntil: "load" });
      // Reading the page to the end triggers anything loaded on visibility.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(150);
    }
    // Search loads Pagefind's index and wasm: from the site too.
    await page.goto(server.origin + pagePath("index.html"));
    await page.keyboard.press("/");
    await page.getByRole("searchbox").fill("task");
    await page.locator(".search-results li").first().waitFor();
    await context.close();
    expect(foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
