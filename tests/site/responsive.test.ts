/**
 * Usable at 360 px: no page scrolls sideways, the chapter list becomes a menu opened from the
 * header (Escape closes it and gives focus back), and on wide screens the sidebar and the
 * on-page contents are in place.
 */
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { pagePath, readingPages, sourceChapters } from "./site.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

const chapter = () => `${sourceChapters()[0].slug}/index.html`;

describe("narrow screens (360 px)", () => {
  it("no page scrolls horizontally, whichever example tab is showing", async () => {
    const { page, context } = await newIsolatedPage(browser, server, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const wide: string[] = [];
    for (const file of readingPages()) {
      await page.goto(server.origin + pagePath(file));
      for (const tab of [undefined, "Python", "Output"]) {
        if (tab) for (const t of await page.getByRole("tab", { name: tab, exact: true }).all()) await t.click();
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        if (scroll > client) wide.push(`${file}${tab ? ` [${tab}]` : ""}: ${scroll}px wide in a ${client}px viewport`);
      }
    }
    await context.close();
    expect(wide).toEqual([]);
  });

  it("shows the chapter list as a menu: opens from the header, closes with Escape", async () => {
    const { page, context } = await newIsolatedPage(browser, server, { viewport: { width: 360, height: 740 } });
    await page.goto(server.origin + pagePath(chapter()));
    const nav = page.getByRole("navigation", { name: "Chapters", exact: true });
    const button = page.getByRole("button", { name: "Chapters", exact: true });
    await expect.poll(() => nav.isVisible()).toBe(false);
    await page.waitForFunction(() => customElements.get("menu-button") !== undefined);
    await button.click();
    await expect.poll(() => button.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => nav.isVisible()).toBe(true);
    // The menu covers the page below the header (nothing of the article shows through).
    const box = await nav.boundingBox();
    const header = await page.locator(".site-header").boundingBox();
    expect(box && header && box.y + box.height).toBeGreaterThanOrEqual(740 - 1);
    expect(box?.y).toBeLessThanOrEqual((header?.y ?? 0) + (header?.height ?? 0) + 1);
    // The header's icon buttons keep their names.
    expect(await page.getByRole("button", { name: /^Search/ }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Dark theme" }).isVisible()).toBe(true);
    // The current chapter is marked in the menu too.
    expect(await nav.locator("[aria-current=page]").count()).toBe(1);
    // Behind the menu, the article is inert.
    expect(await page.locator("main").evaluate((m) => (m as HTMLElement).inert)).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-controls"))).toBe("chapters-nav");
    await context.close();
  });
});

describe("wide screens (1280 px)", () => {
  it("shows the sidebar and the on-page contents, and no menu button", async () => {
    const { page, context } = await newIsolatedPage(browser, server, { viewport: { width: 1280, height: 900 } });
    await page.goto(server.origin + pagePath(chapter()));
    expect(await page.getByRole("navigation", { name: "Chapters", exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Chapters", exact: true }).isVisible()).toBe(false);
    const toc = page.getByRole("navigation", { name: "On this page" });
    if ((await toc.count()) > 0) expect(await toc.isVisible()).toBe(true);
    await context.close();
  });

  it("the skip link is the first stop of the keyboard and moves focus to the article", async () => {
    const { page, context } = await newIsolatedPage(browser, server);
    await page.goto(server.origin + pagePath(chapter()));
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await context.close();
  });
});
