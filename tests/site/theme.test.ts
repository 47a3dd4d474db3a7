/**
 * Light and dark themes: the page follows the system; the toggle switches and remembers the
 * choice; a remembered choice is applied before the body is parsed (no flash of the other
 * theme).
 */
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { pagePath, sourceChapters } from "./site.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** Relative luminance 0..1 of an "rgb(r, g, b)" colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const url = () => server.origin + pagePath(`${sourceChapters()[0].slug}/index.html`);

describe("themes", () => {
  it("follows the system: light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { page, context } = await newIsolatedPage(browser, server, { colorScheme });
      await page.goto(url());
      const l = luminance(await background(page));
      if (colorScheme === "light") expect(l).toBeGreaterThan(0.8);
      else expect(l).toBeLessThan(0.05);
      expect(await page.getByRole("button", { name: "Dark theme" }).getAttribute("aria-pressed")).toBe(String(colorScheme === "dark"));
      await context.close();
    }
  });

  it("the toggle switches the theme, remembers it, and applies it before the first paint", async () => {
    const { page, context } = await newIsolatedPage(browser, server, { colorScheme: "light" });
    await page.goto(url());
    const toggle = page.getByRole("button", { name: "Dark theme" });
    await toggle.click();
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    expect(luminance(await background(page))).toBeLessThan(0.05);
    // Code is recoloured too (Shiki's dark palette).
    const keyword = page.locator(".astro-code span[style*='--shiki-dark']").first();
    const darkColour = await keyword.evaluate((s) => getComputedStyle(s).color);

    // On the next page load, record the theme at the moment <body> is inserted.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          (window as unknown as { themeAtBody: string }).themeAtBody = document.documentElement.dataset.theme ?? "";
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody)).toBe("dark");
    expect(luminance(await background(page))).toBeLessThan(0.05);
    expect(await keyword.evaluate((s) => getComputedStyle(s).color)).toBe(darkColour);

    // Back to light: equal to the system, so nothing is stored and the page follows the system again.
    await toggle.click();
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    expect(luminance(await background(page))).toBeGreaterThan(0.8);
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBeNull();
    expect(await keyword.evaluate((s) => getComputedStyle(s).color)).not.toBe(darkColour);
    await context.close();
  });

  it("a light choice on a dark system is remembered", async () => {
    const { page, context } = await newIsolatedPage(browser, server, { colorScheme: "dark" });
    await page.goto(url());
    await page.getByRole("button", { name: "Dark theme" }).click();
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBe("light");
    await page.reload();
    expect(luminance(await background(page))).toBeGreaterThan(0.8);
    await context.close();
  });
});
