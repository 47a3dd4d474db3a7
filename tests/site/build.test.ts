/**
 * The build output (dist/ after `npm run build`): every chapter has its page, in order, with
 * the shell around it, and the pieces built after Astro (search index, service worker).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  basePath,
  byTag,
  distDir,
  elements,
  htmlFiles,
  parseHtml,
  renderBlockingStylesheets,
  sourceChapters,
  text,
} from "./site.ts";

const chapters = sourceChapters();

describe("the build", () => {
  it("has content to build", () => {
    expect(chapters.length).toBeGreaterThan(0);
    expect(existsSync(join(distDir, "index.html"))).toBe(true);
    expect(existsSync(join(distDir, "404.html"))).toBe(true);
  });

  it("has a page for every chapter, titled with the chapter's title", () => {
    for (const chapter of chapters) {
      const file = `${chapter.slug}/index.html`;
      expect(existsSync(join(distDir, file)), file).toBe(true);
      const [h1] = byTag(parseHtml(file), "h1");
      expect(text(h1), file).toBe(chapter.title);
    }
  });

  it("lists every chapter on the home page, in order", () => {
    const home = parseHtml("index.html");
    const list = elements(home, (el) => el.name === "ol" && el.attribs.class === "chapter-list")[0];
    const hrefs = byTag(list, "a").map((a) => a.attribs.href);
    expect(hrefs).toEqual(chapters.map((c) => `${basePath}${c.slug}/`));
  });

  it("marks the current chapter in the sidebar, and only that one", () => {
    for (const chapter of chapters) {
      const doc = parseHtml(`${chapter.slug}/index.html`);
      const nav = elements(doc, (el) => el.name === "nav" && el.attribs["aria-label"] === "Chapters")[0];
      expect(nav, chapter.slug).toBeDefined();
      const links = byTag(nav, "a").filter((a) => a.attribs.href !== basePath);
      expect(links.map((a) => a.attribs.href)).toEqual(chapters.map((c) => `${basePath}${c.slug}/`));
      const current = links.filter((a) => a.attribs["aria-current"] === "page");
      expect(current.map((a) => a.attribs.href)).toEqual([`${basePath}${chapter.slug}/`]);
    }
  });

  it("links each chapter to the previous and the next one", () => {
    chapters.forEach((chapter, i) => {
      const doc = parseHtml(`${chapter.slug}/index.html`);
      const rel = (name: string) => elements(doc, (el) => el.name === "a" && el.attribs.rel === name).map((a) => a.attribs.href);
      expect(rel("prev"), chapter.slug).toEqual([i === 0 ? basePath : `${basePath}${chapters[i - 1].slug}/`]);
      expect(rel("next"), chapter.slug).toEqual(i === chapters.length - 1 ? [] : [`${basePath}${chapters[i + 1].slug}/`]);
    });
  });

  it("gives each chapter an on-page table of contents that matches its h2 headings", () => {
    for (const chapter of chapters) {
      const doc = parseHtml(`${chapter.slug}/index.html`);
      const article = byTag(doc, "article")[0];
      const h2 = byTag(article, "h2").filter((h) => h.attribs.id);
      const toc = elements(doc, (el) => el.name === "toc-spy")[0];
      if (h2.length === 0) continue;
      expect(toc, chapter.slug).toBeDefined();
      const tocTargets = byTag(toc, "a").map((a) => a.attribs.href);
      for (const h of h2) expect(tocTargets, chapter.slug).toContain(`#${h.attribs.id}`);
    }
  });

  it("gives every page a language, a title, a description, a skip link and one main landmark", () => {
    for (const file of htmlFiles()) {
      if (file.startsWith("runner/") || file.startsWith("pagefind/")) continue;
      const doc = parseHtml(file);
      expect(byTag(doc, "html")[0].attribs.lang, file).toBe("en");
      expect(text(byTag(doc, "title")[0]).length, file).toBeGreaterThan(5);
      expect(elements(doc, (el) => el.name === "meta" && el.attribs.name === "description" && !!el.attribs.content).length, file).toBe(1);
      const skip = elements(doc, (el) => el.name === "a" && el.attribs.class === "skip-link")[0];
      expect(skip?.attribs.href, file).toBe("#main");
      const mains = byTag(doc, "main");
      expect(mains.map((m) => m.attribs.id), file).toEqual(["main"]);
    }
  });

  it("has at most one render-blocking stylesheet per page", () => {
    for (const file of htmlFiles()) {
      if (file.startsWith("runner/")) continue;
      expect(renderBlockingStylesheets(parseHtml(file)).length, file).toBeLessThanOrEqual(1);
    }
  });

  it("sets a Content-Security-Policy without 'unsafe-eval' on every page", () => {
    for (const file of htmlFiles()) {
      if (file.startsWith("runner/")) continue;
      const metas = elements(parseHtml(file), (el) => el.name === "meta" && el.attribs["http-equiv"]?.toLowerCase() === "content-security-policy");
      expect(metas.length, file).toBe(1);
      const policy = metas[0].attribs.content;
      expect(policy, file).not.toMatch(/'unsafe-eval'/);
      expect(policy, file).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
      expect(policy, file).toMatch(/worker-src 'self' blob:/);
      expect(policy, file).toMatch(/frame-src 'self'/);
      expect(policy, file).toMatch(/object-src 'none'/);
    }
  });

  it("built the search index over the chapters", () => {
    const entry = JSON.parse(readFileSync(join(distDir, "pagefind/pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    expect(pages).toBe(chapters.length);
    expect(existsSync(join(distDir, "pagefind/pagefind.js"))).toBe(true);
  });

  it("built a service worker that precaches every page under the base path", () => {
    const sw = readFileSync(join(distDir, "sw.js"), "utf8");
    for (const page of ["", "404.html", ...chapters.map((c) => `${c.slug}/`)]) {
      expect(sw, page).toContain(JSON.stringify(basePath + page));
    }
  });
});
