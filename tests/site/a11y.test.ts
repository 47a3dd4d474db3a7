/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds no violation on any page, in the light and
 * the dark theme, nor in the states a reader can put a page in: every example tab, the search
 * dialog with results, the narrow-screen menu.
 */
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { pagePath, readingPages } from "./site.ts";

const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? v.help}`));
}

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

// axe checks the contrast of every highlighted token: a long chapter takes a while, and pages
// wait for a slot below (two at a time).
const slow = 900_000;

/**
 * Two pages at a time: axe runs in each page's renderer, so two use both cores of a CI
 * machine while the test process waits. More would only queue on the same cores.
 */
let free = 2;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  while (free === 0) await new Promise<void>((r) => waiting.push(r));
  free--;
  try {
    return await work();
  } finally {
    free++;
    waiting.shift()?.();
  }
}

/**
 * The light theme gets every rule; the dark theme only the contrast rule. The themes differ
 * only in colours (custom properties on :root), so the structural rules (names, roles,
 * landmarks, ids...), half of axe's time on a long chapter, would give the same answer twice.
 */
function builder(page: Page, colorScheme: "light" | "dark"): AxeBuilder {
  const axe = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
  return colorScheme === "light" ? axe.withTags(tags) : axe.withRules(["color-contrast"]);
}

describe.concurrent("axe on every page, light and dark theme", () => {
  it.each(readingPages())("finds no violation on %s, nor with its examples showing Python or output", (file) =>
    slot(async () => {
      const { page, context } = await newIsolatedPage(browser, server);
      await page.goto(server.origin + pagePath(file));
      const found: string[] = [];
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        const result = await builder(page, colorScheme).analyze();
        found.push(...result.violations.flatMap((v) => v.nodes.map((n) => `${colorScheme}: ${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? v.help}`)));
        for (const tab of ["Python", "Output", "TypeScript"]) {
          const tabs = await page.getByRole("tab", { name: tab, exact: true }).all();
          if (tabs.length === 0) continue;
          for (const t of tabs) await t.click();
          if (tab === "TypeScript") continue;
          // Only the panels that just appeared: the rest of the page was checked above.
          const panels = await builder(page, colorScheme).include(".example-panel:not([hidden])").analyze();
          found.push(...panels.violations.flatMap((v) => v.nodes.map((n) => `${colorScheme} [${tab}] ${v.id}: ${n.target.join(" ")}`)));
        }
      }
      await context.close();
      expect(found).toEqual([]);
    }),
  slow);
});

describe.each(["light", "dark"] as const)("axe, %s theme", (colorScheme) => {
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
