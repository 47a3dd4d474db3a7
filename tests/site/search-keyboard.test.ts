/**
 * Search in Chromium (issue 13): a word that is nowhere says so (Pagefind alone would answer
 * "xyzzy" with the pages that contain "x"); results are reached with the arrow keys and
 * followed with Enter; excerpts come from the prose, not from the examples' code.
 */
import { expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

async function searchFor(page: Page, query: string): Promise<string> {
  const box = page.getByRole("searchbox", { name: "Search the tutorial" });
  if (!(await box.isVisible())) await page.getByRole("button", { name: /Search/ }).click();
  await box.fill(query);
  const status = page.locator("[data-search-status]");
  await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(new RegExp(`“${query}”`));
  return status.innerText();
}

it("a word that is nowhere finds nothing; arrows and Enter reach the results; excerpts are prose", async () => {
  const { page, context, errors } = await newIsolatedPage(browser, server);
  try {
    await page.goto(server.url);
    expect(await searchFor(page, "xyzzy")).toBe("No results for “xyzzy”.");
    expect(await page.locator(".search-results li").count()).toBe(0);

    expect(await searchFor(page, "cancelled")).toMatch(/match/);
    const links = page.locator(".search-results a");
    expect(await links.count()).toBeGreaterThan(1);
    const box = page.getByRole("searchbox");
    await box.press("ArrowDown");
    expect(await links.nth(0).evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowDown");
    expect(await links.nth(1).evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);

    // Excerpts quote the chapters' prose: no lines of the examples' programs.
    for (const query of ["cancelled", "create_task", "names", "print"]) {
      await searchFor(page, query);
      const excerpts = await page.locator(".search-result-excerpt").allInnerTexts();
      for (const e of excerpts) expect(e, `${query}: ${e}`).not.toMatch(/\bconst \w+ = |asyncio\.run\(main\(\)\);|import asyncio/);
    }

    // Enter in the box follows the first result.
    await searchFor(page, "cancelled");
    const first = await links.nth(0).getAttribute("href");
    await box.press("Enter");
    await page.waitForURL((u) => u.href.startsWith(new URL(first!, server.url).href.split("#")[0]!));
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
