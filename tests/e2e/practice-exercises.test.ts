/**
 * Exercises in Chromium (issue 10): for each exercise on the site, the starter fails its
 * Check ("Not yet…"), the reference solution passes ("Passed…"), and each typical wrong
 * answer gets its own hint; Hint shows one hint at a time and Show solution unfolds the
 * solution; progress appears in the sidebar and on the home page and survives a reload;
 * storage that is not ours is ignored.
 *
 * The reader's attempts are typed into the playground's plain editor (a narrow screen gets
 * it), so Check runs them through the in-page compiler as it runs anything a reader types.
 */
import { describe, expect, test } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { distDir, newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { exercisesDir } from "../../src/site/exercises.ts";
import { parseSpec } from "../../src/site/exercise-grade.ts";
import { plain } from "../../src/site/inline-code.ts";
import { PROGRESS_KEY } from "../../src/site/progress.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** Every <exercise-block> of the built site, with its page. */
function exercisesOnSite(): { id: string; path: string }[] {
  const found: { id: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "index.html") {
        for (const m of readFileSync(full, "utf8").matchAll(/<exercise-block\b[^>]*\bdata-exercise-id="([^"]+)"/g)) {
          found.push({ id: m[1]!, path: relative(distDir, dir).split("\\").join("/") + "/" });
        }
      }
    }
  };
  if (existsSync(distDir)) walk(distDir);
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

const exercises = exercisesOnSite();
const dir = exercisesDir();

/** Clicks Check and waits for its verdict (data-checks counts verdicts); returns the status. */
async function check(block: Locator): Promise<string> {
  const before = Number((await block.getAttribute("data-checks")) ?? "0");
  await block.getByRole("button", { name: "Check", exact: true }).click();
  await expect.poll(async () => Number((await block.getAttribute("data-checks")) ?? "0"), { timeout: 60_000 }).toBe(before + 1);
  return (await block.locator(".exercise-status[role=status]").textContent())!;
}

test("the site has at least five exercises, each a region named Exercise with Check, Hint and Show solution", async () => {
  expect(exercises.length).toBeGreaterThanOrEqual(5);
  const { page, context } = await newIsolatedPage(browser, server);
  try {
    await page.goto(server.url + exercises[0]!.path);
    const block = page.locator(`exercise-block[data-exercise-id="${exercises[0]!.id}"][data-enhanced=true]`);
    await block.waitFor();
    const r = block.getByRole("region", { name: /^Exercise/ });
    expect(await r.count()).toBe(1);
    for (const name of ["Check", "Hint", "Show solution"]) expect(await r.getByRole("button", { name, exact: true }).count()).toBe(1);
    // Hints one at a time; the solution only on request.
    const hints = r.locator("[data-exercise-hints] li");
    expect(await hints.count()).toBeGreaterThan(1);
    expect(await hints.first().isVisible()).toBe(false);
    await r.getByRole("button", { name: "Hint", exact: true }).click();
    expect(await hints.nth(0).isVisible()).toBe(true);
    expect(await hints.nth(1).isVisible()).toBe(false);
    expect(await r.locator(".exercise-status[role=status]").textContent()).toMatch(/^Hint 1 of/);
    expect(await hints.nth(0).evaluate((li) => li === document.activeElement)).toBe(true);
    await r.getByRole("button", { name: "Hint", exact: true }).click();
    expect(await hints.nth(1).isVisible()).toBe(true);
    const solution = r.locator("[data-exercise-solution]");
    expect(await solution.isVisible()).toBe(false);
    await r.getByRole("button", { name: "Show solution", exact: true }).click();
    expect(await solution.isVisible()).toBe(true);
    expect(await solution.textContent()).toContain(readFileSync(join(dir, exercises[0]!.id, "solution.ts"), "utf8").split("\n")[0]);
  } finally {
    await context.close();
  }
});

describe.each(exercises)("exercise $id", (ex) => {
  test("the starter fails, a typical wrong answer gets its hint, the solution passes and shows as passed", async () => {
    // A narrow screen gets the plain editor: the reader's attempts are typed into it, one
    // after the other, on one page (the in-page compiler starts once).
    const { page, context } = await newIsolatedPage(browser, server, { viewport: { width: 600, height: 900 } });
    try {
      await page.goto(server.url + ex.path);
      const block = page.locator(`exercise-block[data-exercise-id="${ex.id}"][data-enhanced=true]`);
      await block.waitFor();
      await block.locator("asyncio-example[data-enhanced=true]").waitFor({ state: "attached" });
      expect(await check(block)).toMatch(/^Not yet/);
      expect(await block.locator("[data-exercise-progress]").textContent()).toContain("tried");

      await block.getByRole("button", { name: "Edit", exact: true }).click();
      const editor = block.locator("textarea");
      await editor.waitFor();
      const spec = parseSpec(ex.id, JSON.parse(readFileSync(join(dir, ex.id, "exercise.json"), "utf8")));
      // One typical wrong answer here (tests/practice/exercises.test.ts grades every one of
      // them with the same code, in Node).
      for (const file of readdirSync(join(dir, ex.id)).filter((f) => /^wrong-.*\.ts$/.test(f)).sort().slice(0, 1)) {
        const rule = file.replace(/^wrong-|\.ts$/g, "");
        const say = [...spec.typical, ...spec.events].find((r) => r.id === rule)!.say;
        await editor.fill(readFileSync(join(dir, ex.id, file), "utf8"));
        expect(await check(block), file).toBe(`Not yet: ${plain(say)}`);
      }
      await editor.fill(readFileSync(join(dir, ex.id, "solution.ts"), "utf8"));
      expect(await check(block)).toMatch(/^Passed/);
      expect(await block.locator("[data-exercise-progress]").textContent()).toContain("passed");
      // The sidebar counts it, and the pass is kept across a reload.
      const chapter = spec.chapter;
      const sidebar = page.locator(`nav[aria-label="Chapters"] a[href$="${chapter}/"] .chapter-progress`).first();
      await expect.poll(() => sidebar.textContent()).toMatch(/passed/);
      await page.reload();
      await page.locator(`exercise-block[data-exercise-id="${ex.id}"][data-enhanced=true]`).waitFor();
      expect(await sidebar.textContent()).toMatch(/passed/);
      expect(await block.locator("[data-exercise-progress]").textContent()).toContain("passed");
    } finally {
      await context.close();
    }
  }, 180_000);
});

test("without JavaScript an exercise's statement, target output, starter, hints and solution are readable", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const ex = exercises[0]!;
    await page.goto(server.url + ex.path);
    const r = page.getByRole("region", { name: /^Exercise/ }).filter({ has: page.locator(`[data-example-id="exercises/${ex.id}/starter"]`) });
    expect(await r.count()).toBe(1);
    expect(await r.locator(".exercise-statement").innerText()).not.toBe("");
    const out = readFileSync(join(dir, ex.id, "solution.out"), "utf8").split("\n")[0]!;
    expect(await r.locator(".exercise-expected").innerText()).toContain(out);
    const starter = readFileSync(join(dir, ex.id, "starter.ts"), "utf8");
    expect(await r.locator("[data-example-code]").innerText()).toContain(starter.split("\n").find((l) => l.includes("function*"))!.trim());
    for (const summary of ["Hints", "Solution"]) {
      await r.locator("summary", { hasText: summary }).click();
    }
    expect(await r.locator("[data-exercise-hints] li").first().isVisible()).toBe(true);
    expect(await r.locator("[data-exercise-solution] pre").first().isVisible()).toBe(true);
  } finally {
    await context.close();
  }
});

describe("progress", () => {
  async function sidebarProgress(page: Page, chapter: string): Promise<string> {
    const link = page.getByRole("navigation", { name: "Chapters" }).locator(`a[href$="${chapter}/"]`).first();
    return (await link.locator(".chapter-progress").textContent()) ?? "";
  }

  test("progress is shown offline and on the home page; storage not ours is ignored", async () => {
    const { page, context } = await newIsolatedPage(browser, server);
    try {
      const ex = exercises[0]!;
      const chapter = JSON.parse(readFileSync(join(dir, ex.id, "exercise.json"), "utf8")).chapter as string;
      await page.goto(server.url + ex.path);
      expect(await sidebarProgress(page, chapter)).toMatch(/^\d+ exercises?$/);
      // A pass as the Check records it (the exercise tests above pass each one for real).
      await page.evaluate(([k, id]) => localStorage.setItem(k!, JSON.stringify({ [id!]: "passed" })), [PROGRESS_KEY, ex.id]);
      await page.reload();
      expect(await sidebarProgress(page, chapter)).toMatch(/passed/);
      // Offline, from the service worker's cache, the progress is still shown.
      await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        if (reg.active?.state !== "activated") await new Promise((ok) => reg.active?.addEventListener("statechange", ok));
      });
      await context.setOffline(true);
      await page.reload();
      expect(await sidebarProgress(page, chapter)).toMatch(/passed/);
      await context.setOffline(false);
      await page.goto(server.url);
      const home = page.locator(`.chapter-list a[href$="${chapter}/"] .chapter-progress`);
      expect(await home.textContent()).toMatch(/passed/);
      expect(await page.locator("[data-progress-total]").textContent()).toMatch(/1 of \d+ exercises passed/);

      // Storage is untrusted: junk, wrong types and unknown states are ignored, never shown.
      await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ [`<img src=x>`]: "passed", "ok-id": "hacked", "x": 1 })), PROGRESS_KEY);
      await page.reload();
      expect(await page.locator("[data-progress-total]").isHidden()).toBe(true);
      expect(await page.locator(".chapter-list img").count()).toBe(0);
      await page.evaluate((k) => localStorage.setItem(k, "{not json"), PROGRESS_KEY);
      await page.reload();
      expect(await home.textContent()).toMatch(/^\d+ exercises?$/);
    } finally {
      await context.close();
    }
  });
});
