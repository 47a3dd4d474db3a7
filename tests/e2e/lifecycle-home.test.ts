/**
 * The home page's live example (issue 13): a visitor presses Run and, without finding any other
 * control, sees the run's Life-cycle view open, the tasks named by their coroutines, and step
 * mode tied to the code. Nothing of the view loads before Run.
 */
import { expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";

let server: StaticServer;
let browser: Browser;

useSite((s, b) => {
  server = s;
  browser = b;
});

test("on the home page, Run opens the example's Life-cycle view and shows the run, step by step with its code", async () => {
  const { page, context, foreignRequests, errors } = await newIsolatedPage(browser, server);
  await page.goto(server.url);
  const live = page.getByRole("region", { name: "See a task live" });
  const ex = live.locator("asyncio-example");
  await ex.locator("[role=log][aria-label=Output]").waitFor({ state: "attached" });
  expect(await page.locator(".lc-view").count()).toBe(0);
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  // the view opens by itself, at the default speed, and follows the run to its end
  await expect.poll(() => ex.getByRole("button", { name: "Life-cycle" }).getAttribute("aria-pressed"), { timeout: 15_000 }).toBe("true");
  const view = ex.locator("section.lc-view");
  await expect.poll(() => view.locator(".lc-status").textContent(), { timeout: 30_000 }).toMatch(/^Run finished: 2 tasks of yours and 2 of asyncio's own/);
  expect(await view.locator(".lc-tl-name").allTextContents()).toEqual(["loop", "Task-1 · main()", "Task-2 · ticker()"]);
  // step mode: after the loop's first handle, main() waits in its first sleep
  await view.getByRole("button", { name: "Back to the start" }).click();
  await view.getByRole("button", { name: "Forward one handle" }).click();
  await expect.poll(() => view.locator(".lc-frame").textContent()).toMatch(/^Iteration 1 · handle 1 of 1 · Task-1 · main\(\)'s step\./);
  await expect.poll(() => view.locator(".lc-code li.lc-line-waiting .lc-chip").allTextContents()).toContain("‖ Task-1");
  // a second Run keeps the view open and shows the new run
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(() => view.locator(".lc-status").textContent(), { timeout: 30_000 }).toMatch(/^Run finished/);
  expect(await ex.getByRole("button", { name: "Life-cycle" }).getAttribute("aria-pressed")).toBe("true");
  expect(errors).toEqual([]);
  expect(foreignRequests).toEqual([]);
  await context.close();
});
