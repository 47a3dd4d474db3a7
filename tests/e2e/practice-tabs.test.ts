/**
 * The reader's language (issue 10): examples open on TypeScript; once the reader picks
 * Python, every example on the page follows and later pages open on Python, until they pick
 * TypeScript again. The Python tab says that the TypeScript is what runs and what Edit changes.
 */
import { expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { pagesWithExamples } from "./playground-helpers.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

async function selectedTabs(page: Page): Promise<string[]> {
  await page.locator("example-tabs[data-enhanced]").first().waitFor();
  return page.locator('example-tabs [role=tab][aria-selected="true"]').allInnerTexts();
}

it("Python, once picked, is every example's tab, on this page and the next, until TypeScript is picked", async () => {
  const pages = pagesWithExamples().filter((p) => p.ids.length > 1);
  const [one, two] = [pages[0]!, pages[1]!];
  const { page, context } = await newIsolatedPage(browser, server);
  try {
    await page.goto(server.url + one.path);
    expect(new Set(await selectedTabs(page))).toEqual(new Set(["TypeScript"]));
    await page.getByRole("tab", { name: "Python" }).first().click();
    expect(new Set(await selectedTabs(page))).toEqual(new Set(["Python"]));
    const note = page.locator('[data-panel="py"]:not([hidden]) .example-panel-note').first();
    expect(await note.innerText()).toMatch(/TypeScript version/);

    await page.goto(server.url + two.path);
    expect(new Set(await selectedTabs(page))).toEqual(new Set(["Python"]));
    // The Output tab is not a language: choosing it leaves the preference alone.
    await page.getByRole("tab", { name: "Output" }).first().click();
    await page.reload();
    expect(new Set(await selectedTabs(page))).toEqual(new Set(["Python"]));
    await page.getByRole("tab", { name: "TypeScript" }).first().click();
    await page.reload();
    expect(new Set(await selectedTabs(page))).toEqual(new Set(["TypeScript"]));

    // Storage is untrusted: a value that is not a language is ignored.
    await page.evaluate(() => localStorage.setItem("example-language", "out"));
    await page.reload();
    expect(new Set(await selectedTabs(page))).toEqual(new Set(["TypeScript"]));
  } finally {
    await context.close();
  }
});
