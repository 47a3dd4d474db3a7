/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds no violation on any page, in the light and
 * the dark theme, nor in the states a reader can put a page in: every example tab, the search
 * dialog with results, the narrow-screen menu.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newIsolatedPage, serveDist, type StaticServer } from "../support/browser.ts";
import { pagePath, pagesWithExamples, readingPages } from "./site.ts";

const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? v.help}`));
}

let server: StaticServer;
let browser: Browser;
beforeAll(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(["light", "dark"] as const)("axe, %s theme", (colorScheme) => {
  it("finds no violation on any page", async () => {
    const { page, context } = await newIsolatedPage(browser, server, { colorScheme });
    const found: string[] = [];
    for (const file of readingPages()) {
      await page.goto(server.origin + pagePath(file));
      found.push(...(await violations(page)).map((v) => `${file}: ${v}`));
    }
    await context.close();
    expect(found).toEqual([]);
  });

  it("finds no violation with every example showing its Python, then its output", async () => {
    const { page, context } = await newIsolatedPage(browser, server, { colorScheme });
    const found: string[] = [];
    for (const file of pagesWithExamples()) {
      await page.goto(server.origin + pagePath(file));
      for (const tab of ["Python", "Output"]) {
        for (const t of await page.getByRole("tab", { name: tab, exact: true }).all()) await t.click();
        found.push(...(await violations(page)).map((v) => `${file} [${tab}]: ${v}`));
      }
    }
    await context.close();
    expect(found).toEqual([]);
  });

  it("finds no violation in the search dialog with results, nor in the open menu at 360 px", async () => {
    const { page, context } = await newIsolatedPage(browser, server, { colorScheme });
    const chapter = readingPages().find((f) => f !== "index.html" && f !== "404.html") ?? "index.html";
    await page.goto(server.origin + pagePath(chapter));
    await page.getByRole("button", { name: /Search/ }).click();
    await page.getByRole("searchbox").fill("task");
    await page.locator(".search-results li").first().waitFor();
    const found = (await violations(page)).map((v) => `search: ${v}`);
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole("button", { name: "Chapters", exact: true }).click();
    found.push(...(await violations(page)).map((v) => `menu: ${v}`));
    await context.close();
    expect(found).toEqual([]);
  });
});
