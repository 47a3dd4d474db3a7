/**
 * Helpers for the playground's browser tests: find the built pages that embed examples,
 * run an example and read its output log.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { Locator, Page } from "playwright-core";
import { distDir } from "../support/browser.ts";

/** Built pages (paths under the base, e.g. "03-created/") with the example ids they embed. */
export function pagesWithExamples(): { path: string; ids: string[] }[] {
  const pages: { path: string; ids: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "index.html") {
        const html = readFileSync(full, "utf8");
        // Exercises' starters have no recording to compare with: tests/e2e/practice*.test.ts
        // checks them (they must fail their Check).
        const ids = [...html.matchAll(/<asyncio-example[^>]*\bdata-example-id="([^"]+)"/g)]
          .map((m) => m[1]!)
          .filter((id) => !id.startsWith("exercises/"));
        if (ids.length > 0) pages.push({ path: relative(distDir, dir).split("\\").join("/").replace(/(.)$/, "$1/"), ids });
      }
    }
  };
  if (existsSync(distDir)) walk(distDir);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The chapter pages that embed examples (not the home page, whose live example opens its
 * Life-cycle view by itself when it runs).
 */
export function chapterPagesWithExamples(): { path: string; ids: string[] }[] {
  return pagesWithExamples().filter((p) => p.path !== "");
}

export function example(page: Page, id: string): Locator {
  return page.locator(`asyncio-example[data-example-id="${id}"]`);
}

export async function enhanced(ex: Locator): Promise<void> {
  await ex.locator("[role=log][aria-label=Output]").waitFor({ state: "attached" });
}

/** Clicks Run and waits until the run is over; returns the element's run state. */
export async function runAndWait(ex: Locator, speed?: "1x" | "10x" | "instant", timeout = 20_000): Promise<void> {
  if (speed) await ex.getByLabel("Speed").selectOption(speed);
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  await ex.page().waitForFunction(
    (el) => (el as HTMLElement).dataset.state === "done",
    await ex.elementHandle(),
    { timeout },
  );
}

/** The text of the output lines of one stream (stdout, stderr, info), joined by newlines. */
export async function outputText(ex: Locator, stream: "stdout" | "stderr" | "info"): Promise<string> {
  return ex
    .locator(`[role=log] [data-stream="${stream}"]`)
    .evaluateAll((lines) => lines.map((l) => l.textContent ?? "").join("\n"));
}

/** Clicks the example's Stop inside the page and resolves with the ms until its run is over. */
export function stopAndTime(ex: Locator): Promise<number> {
  return ex.evaluate(
    (el) =>
      new Promise<number>((resolve) => {
        const stop = [...el.querySelectorAll("button")].find((b) => b.textContent === "Stop")!;
        const t = performance.now();
        stop.click();
        const check = () => ((el as HTMLElement).dataset.state === "done" ? resolve(performance.now() - t) : requestAnimationFrame(check));
        check();
      }),
  );
}
