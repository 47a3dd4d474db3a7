/**
 * The playground element's run API (docs/CONTRACTS.md, "Run API"), which predictions and
 * exercises build on: getSource() is the code shown, check() runs it as Run does and
 * resolves with what it printed, and every run ends with a bubbling `asyncio-run-end`.
 */
import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { examplesDir } from "../parity/examples.ts";
import { normalise } from "../parity/normalise.ts";
import { enhanced, example } from "./playground-helpers.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

const id = "05-running/exception";

test("check() resolves with the run's output; every run announces its end", async () => {
  const { page, context } = await newIsolatedPage(browser, server);
  try {
    await page.goto(`${server.url}05-running/`);
    const ex = example(page, id);
    await enhanced(ex);
    const source = await ex.evaluate((el) => (el as HTMLElement & { getSource(): string }).getSource());
    expect(source).toBe(readFileSync(`${examplesDir}/${id}.ts`, "utf8"));

    await ex.getByLabel("Speed").selectOption("instant");
    // The event bubbles: a listener on the document hears it, with the same result.
    await page.evaluate(() => {
      const w = window as unknown as { ends: unknown[] };
      w.ends = [];
      document.addEventListener("asyncio-run-end", (e) => w.ends.push((e as CustomEvent).detail));
    });
    const result = await ex.evaluate(async (el) => {
      const r = await (el as HTMLElement & { check(): Promise<Record<string, unknown>> }).check();
      return { ...r, events: (r.events as unknown[]).length };
    });
    expect(result.reason).toBe("exit");
    const err = readFileSync(`${examplesDir}/${id}.err`, "utf8");
    expect(result.status).toBe(Number(/exit status: (\d+)/.exec(err)?.[1]));
    expect(normalise(result.stdout as string)).toBe(readFileSync(`${examplesDir}/${id}.out`, "utf8"));
    expect(result.events).toBeGreaterThan(0);
    // The run is shown as Run shows it.
    expect(await ex.locator('[role=log] [data-stream="stdout"]').count()).toBeGreaterThan(0);
    const heard = await page.evaluate(() => (window as unknown as { ends: { reason: string; stdout: string }[] }).ends);
    expect(heard.map((r) => [r.reason, r.stdout])).toEqual([["exit", result.stdout]]);

    // A Run pressed by the reader announces its end too.
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { ends: unknown[] }).ends.length === 2);
    // A check() started while another run is being prepared supersedes it: that one ends
    // "stopped" without running, and each promise resolves with its own run.
    const both = await ex.evaluate(async (el) => {
      const ex = el as HTMLElement & { check(): Promise<{ reason: string; stdout: string }> };
      const first = ex.check();
      const second = ex.check();
      return [await first, await second].map((r) => [r.reason, r.stdout]);
    });
    expect(both).toEqual([["stopped", ""], ["exit", result.stdout]]);
    const reasons = await page.evaluate(() => (window as unknown as { ends: { reason: string }[] }).ends.map((r) => r.reason));
    expect(reasons).toEqual(["exit", "exit", "stopped", "exit"]);
  } finally {
    await context.close();
  }
});
