/**
 * Search (Pagefind, built into dist/pagefind/) finds chapters by their words, and the
 * service worker keeps a visited site readable offline: other chapters and search included.
 */
import { describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { basePath, byTag, pagePath, parseHtml, sourceChapters, text } from "./site.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** A distinctive word of a chapter: the longest word of its last h2 heading. */
function wordOf(slug: string): string {
  const article = byTag(parseHtml(`${slug}/index.html`), "article")[0];
  const headings = byTag(article, "h2").map(text);
  const words = (headings.at(-1) ?? text(byTag(article, "h1")[0])).split(/[^\w]+/).filter((w) => w.length > 3);
  return words.sort((a, b) => b.length - a.length)[0];
}

async function search(page: Page, query: string): Promise<string[]> {
  await page.getByRole("button", { name: /Search/ }).click();
  const box = page.getByRole("searchbox", { name: "Search the tutorial" });
  await box.fill(query);
  await page.locator(".search-results li").first().waitFor({ timeout: 15_000 });
  const hrefs = await page.locator(".search-results > li > a").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.keyboard.press("Escape");
  return hrefs;
}

async function waitForServiceWorker(page: Page, context: BrowserContext): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    // Precaching happens during install: wait until this worker is the active one.
    if (reg.active?.state !== "activated") await new Promise((ok) => reg.active?.addEventListener("statechange", ok));
  });
  expect(context.serviceWorkers().length).toBeGreaterThan(0);
}

describe("search", () => {
  it("finds a chapter by a word of its text and links to it under the base path", async () => {
    const chapters = sourceChapters();
    const target = chapters.at(-1)!;
    const word = wordOf(target.slug);
    const { page, context, errors } = await newIsolatedPage(browser, server);
    await page.goto(server.origin + pagePath("index.html"));
    const hrefs = await search(page, word);
    expect(hrefs.some((h) => h === `${basePath}${target.slug}/`), `${word} → ${hrefs.join(", ")}`).toBe(true);
    // A word that is nowhere gives an explicit "no results".
    await page.getByRole("button", { name: /Search/ }).click();
    await page.getByRole("searchbox").fill("zqxjkvbw");
    await expect.poll(() => page.locator("[data-search-status]").innerText()).toMatch(/No results/);
    await context.close();
    expect(errors).toEqual([]);
  });
});

describe("offline", () => {
  it("after one visit, every chapter and search work without the network", async () => {
    const chapters = sourceChapters();
    const { page, context } = await newIsolatedPage(browser, server);
    await page.goto(server.origin + pagePath("index.html"));
    await waitForServiceWorker(page, context);

    await context.setOffline(true);
    for (const chapter of chapters) {
      const response = await page.goto(server.origin + pagePath(`${chapter.slug}/index.html`));
      expect(response?.status(), chapter.slug).toBe(200);
      expect(await page.locator("h1").innerText()).toBe(chapter.title);
      // The stylesheet came from the cache too.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")!).position)).toBe("sticky");
    }
    const target = chapters.at(-1)!;
    const hrefs = await search(page, wordOf(target.slug));
    expect(hrefs).toContain(`${basePath}${target.slug}/`);
    await context.setOffline(false);
    await context.close();
  });
});
