/**
 * No broken internal link: every href/src/srcset of every built HTML page, resolved against
 * the page's URL, that stays on the site must be under the base path, name a file that
 * exists in dist/, and, when it has a #fragment, an element with that id in the target.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { basePath, distDir, elements, fileForPath, htmlFiles, ids, pagePath, parseHtml } from "./site.ts";

const origin = "http://site.invalid";

interface Reference {
  page: string;
  attribute: string;
  value: string;
}

function references(file: string): Reference[] {
  const refs: Reference[] = [];
  for (const el of elements(parseHtml(file), () => true)) {
    for (const attribute of ["href", "src", "action", "poster", "data"]) {
      const value = el.attribs[attribute];
      // <object data> is a URL; data-* attributes are not attributes named "data".
      if (value !== undefined && !(attribute === "data" && el.name !== "object")) refs.push({ page: file, attribute: `${el.name}[${attribute}]`, value });
    }
    for (const value of (el.attribs.srcset ?? "").split(",").map((s) => s.trim().split(/\s+/)[0]).filter(Boolean)) {
      refs.push({ page: file, attribute: `${el.name}[srcset]`, value });
    }
  }
  return refs;
}

/** Problems with one reference, or undefined when it is fine (or leaves the site). */
function check(ref: Reference): string | undefined {
  if (/^(mailto|tel|javascript|data|blob):/i.test(ref.value)) return undefined;
  const url = new URL(ref.value, origin + pagePath(ref.page));
  if (url.origin !== origin) return undefined;
  const where = `${ref.page} ${ref.attribute}="${ref.value}"`;
  if (!url.pathname.startsWith(basePath)) return `${where}: outside the base path ${basePath}`;
  const target = fileForPath(url.pathname);
  if (target === undefined) return `${where}: no file in dist/ for ${url.pathname}`;
  const fragment = decodeURIComponent(url.hash.slice(1));
  if (fragment !== "" && target.endsWith(".html") && !ids(parseHtml(target)).has(fragment)) {
    return `${where}: ${target} has no element with id "${fragment}"`;
  }
  return undefined;
}

describe("internal links", () => {
  const pages = htmlFiles();

  it("finds pages and links to check", () => {
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.flatMap(references).length).toBeGreaterThan(pages.length * 5);
  });

  it("all resolve to a file in dist/ (and to an id for #fragments)", () => {
    const problems = pages.flatMap(references).map(check).filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });

  it("the checker itself catches a broken path, a bad fragment and a link outside the base", () => {
    const page = pages.find((p) => p !== "404.html" && p.endsWith("index.html") && p.includes("/")) ?? "index.html";
    expect(check({ page, attribute: "a[href]", value: `${basePath}no-such-page/` })).toMatch(/no file/);
    expect(check({ page, attribute: "a[href]", value: "#no-such-id" })).toMatch(/no element with id/);
    if (basePath !== "/") expect(check({ page, attribute: "a[href]", value: "/elsewhere/" })).toMatch(/outside the base/);
    expect(check({ page, attribute: "a[href]", value: basePath })).toBeUndefined();
  });

  it("stylesheets' url() references resolve too", () => {
    const problems: string[] = [];
    for (const page of pages) {
      for (const link of elements(parseHtml(page), (el) => el.name === "link" && el.attribs.rel === "stylesheet")) {
        const cssUrl = new URL(link.attribs.href, origin + pagePath(page));
        const file = fileForPath(cssUrl.pathname);
        if (file === undefined) continue; // reported by the test above
        const css = readFileSync(join(distDir, file), "utf8");
        for (const [, raw] of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
          if (/^(data|blob):/.test(raw) || raw.startsWith("#")) continue;
          const target = new URL(raw, cssUrl);
          if (target.origin === origin && fileForPath(target.pathname) === undefined) problems.push(`${file}: url(${raw})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
