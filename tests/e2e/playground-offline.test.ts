/**
 * The playground offline (issue 13), in Chromium with the browser context set offline:
 *
 * - after one online visit to any page, every example of every chapter runs (the service
 *   worker precaches the pages, the prebuilt bundles and the runtime module; the sandbox
 *   needs nothing from the network);
 * - an editor never opened online says that it was not saved for offline use, instead of
 *   hanging at "Loading the editor";
 * - once the editor (and its compiler) was used online, an edited program runs offline.
 */
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { distDir, newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { examplesDir } from "../parity/examples.ts";
import { normalise } from "../parity/normalise.ts";
import { chapterPagesWithExamples, enhanced, example, outputText } from "./playground-helpers.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

const chapters = chapterPagesWithExamples();

async function serviceWorkerReady(page: Page, context: BrowserContext): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    // Precaching happens during install: wait until this worker is the active one.
    if (reg.active?.state !== "activated") await new Promise((ok) => reg.active?.addEventListener("statechange", ok));
  });
  expect(context.serviceWorkers().length).toBeGreaterThan(0);
}

async function runToEnd(page: Page, id: string): Promise<void> {
  const ex = example(page, id);
  await enhanced(ex);
  // A <Predict> keeps the output hidden until answered: "Show me the answer" runs it.
  const showMe = page.locator(`predict-question[data-example-id="${id}"] details.predict-answer > summary`);
  if ((await showMe.count()) > 0) {
    await showMe.click();
    await page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle(), { timeout: 30_000 });
  }
  await ex.getByLabel("Speed").selectOption("instant");
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle(), { timeout: 30_000 });
}

test("the service worker precaches every example's program and the runtime module", () => {
  const sw = readFileSync(join(distDir, "sw.js"), "utf8");
  for (const { ids } of chapters) {
    for (const id of ids) expect(sw, id).toContain(`bundles/${id}.json`);
  }
  expect(sw).toContain("runtime/asyncio.js");
});

describe("offline after one visit", () => {
  test("every chapter's examples run, and an editor never opened says it is not available offline", async () => {
    const { page, context, errors } = await newIsolatedPage(browser, server);
    // One online visit, to the home page only.
    await page.goto(server.url);
    await serviceWorkerReady(page, context);
    await context.setOffline(true);
    try {
      for (const { path, ids } of chapters) {
        const response = await page.goto(server.url + path);
        expect(response?.status(), path).toBe(200);
        // The first and the last example of each chapter (all would take minutes).
        for (const id of new Set([ids[0]!, ids.at(-1)!])) {
          await runToEnd(page, id);
          const ex = example(page, id);
          const recorded = readFileSync(join(examplesDir, `${id}.out`), "utf8").replace(/\n+$/, "");
          // Addresses in reprs differ from run to run: compared as the parity test compares them.
          expect(normalise(await outputText(ex, "stdout")).replace(/\n+$/, ""), id).toBe(normalise(recorded));
          expect(await outputText(ex, "info"), id).not.toMatch(/not answering|could not/i);
        }
      }
      // Monaco was never loaded online: Edit says so, and the code stays readable.
      const { path, ids } = chapters[0]!;
      await page.goto(server.url + path);
      const ex = example(page, ids[0]!);
      await enhanced(ex);
      await ex.getByRole("button", { name: "Edit" }).click();
      await expect
        .poll(() => ex.getByRole("status").textContent(), { timeout: 30_000 })
        .toMatch(/^Offline: the editor was not saved for offline use yet/);
      expect(await ex.getByRole("button", { name: "Edit" }).getAttribute("aria-pressed")).toBe("false");
      expect(await ex.locator("[data-example-code]").isVisible()).toBe(true);
    } finally {
      await context.setOffline(false);
      await context.close();
    }
    // Failed requests offline are expected console noise; the page itself threw nothing.
    expect(errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  }, 300_000);

  test("once the editor was used online, an edited program runs offline", async () => {
    const { page, context, errors } = await newIsolatedPage(browser, server);
    const { path, ids } = chapters[0]!;
    await page.goto(server.url + path);
    await serviceWorkerReady(page, context);
    // Online: open the editor and let the compiler warm up (so both are cached).
    let ex = example(page, ids[0]!);
    await enhanced(ex);
    await ex.getByRole("button", { name: "Edit" }).click();
    await ex.locator(".monaco-editor").waitFor({ timeout: 90_000 });
    await expect.poll(() => ex.getByRole("status").textContent(), { timeout: 90_000 }).toMatch(/^Ready/);
    await context.setOffline(true);
    try {
      await page.reload();
      ex = example(page, ids[0]!);
      await enhanced(ex);
      await ex.getByRole("button", { name: "Edit" }).click();
      await ex.locator(".monaco-editor").waitFor({ timeout: 90_000 });
      await ex.locator(".monaco-editor .view-lines").click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.insertText('import { print } from "asyncio";\nprint("edited offline", 6 * 7);\n');
      await ex.getByLabel("Speed").selectOption("instant");
      await ex.getByRole("button", { name: "Run", exact: true }).click();
      await page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle(), { timeout: 90_000 });
      expect(await outputText(ex, "stdout")).toBe("edited offline 42");
    } finally {
      await context.setOffline(false);
      await context.close();
    }
    expect(errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  }, 300_000);

  test("a program that cannot be downloaded is a network failure, not the reader's fault", async () => {
    const { page, context } = await newIsolatedPage(browser, server);
    const { path, ids } = chapters[0]!;
    // The network drops every request for a prebuilt program (no service worker yet: first visit).
    await context.route("**/bundles/**", (route) => route.abort("internetdisconnected"));
    await page.goto(server.url + path);
    const ex = example(page, ids[0]!);
    await enhanced(ex);
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle(), { timeout: 30_000 });
    const info = await outputText(ex, "info");
    expect(info).toMatch(/could not be downloaded: the network request failed\. Nothing is wrong with the code/);
    expect(info).not.toMatch(/not answering|no sign of life|Failed to fetch/);
    expect(await ex.getByRole("status").textContent()).toBe("Network error: this example's program could not be downloaded.");
    await context.close();
  });
});
