/**
 * Issue 9, in Chromium against the built site: what a program can send out of the sandbox
 * (a line of 100 MB, a flood of forged life-cycle events, malformed and forged messages) is
 * bounded by the runner, the page stays responsive throughout, and the reader is told in
 * words why the run ended. Messages forged into the page from the runner's frame itself are
 * refused too (the page checks them again).
 */
import { describe, expect, test } from "vitest";
import type { Browser, Frame, Page } from "playwright-core";
import type { StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { outputText, runAndWait } from "./playground-helpers.ts";
import { edit, expectResponsive, openExample, runMeasured } from "./security-helpers.ts";

let server: StaticServer;
let browser: Browser;

useSite((s, b) => {
  server = s;
  browser = b;
});

const open = () => openExample(browser, server);

/** The runner's frame (the sandbox iframe). */
function runnerFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (frame === undefined) throw new Error("no runner frame");
  return frame;
}

describe("budgets enforced by the runner", () => {
  test("an unbroken line of 100 MB: the page keeps answering and says the output limit was reached", async () => {
    const isolated = await open();
    const { page, ex } = isolated;
    await edit(ex, 'import { print } from "asyncio";\nconst line = "x".repeat(100_000_000);\nprint(line, { end: "" });\nprint("never shown");\n');
    const measured = await runMeasured(browser, page, ex);
    expect(await outputText(ex, "info")).toMatch(/output limit reached/);
    expect(await ex.getByRole("status").textContent()).toMatch(/output limit reached/i);
    const shown = await outputText(ex, "stdout");
    expect(shown.length).toBeLessThanOrEqual(100_000);
    expect(shown).not.toContain("never shown");
    expectResponsive(measured);
    expect(await ex.getByRole("button", { name: "Run", exact: true }).isEnabled()).toBe(true);

    // The same line posted by the program straight to the runner, past the worker's own caps.
    // The runner refuses the message; or, if copying 100 MB keeps the program's thread busy
    // past the watchdog's patience, the run ends as not answering. Either way nothing of it
    // reaches the page.
    await edit(ex, 'import asyncio from "asyncio";\nconst g = globalThis as any;\ng.postMessage({ type: "batch", items: [{ k: "out", t: "y".repeat(100_000_000) }] });\nasyncio.run(asyncio.sleep(5));\n');
    const forged = await runMeasured(browser, page, ex);
    expect(await outputText(ex, "info")).toMatch(/does not accept|no sign of life/);
    expect(await outputText(ex, "stdout")).toBe("");
    expectResponsive(forged);
    expect(isolated.errors).toEqual([]);
    expect(isolated.foreignRequests).toEqual([]);
    await isolated.context.close();
  });

  test("a forged flood of life-cycle events: the page keeps answering and says a limit was reached", async () => {
    const isolated = await open();
    const { page, ex } = isolated;
    await edit(
      ex,
      [
        "const g = globalThis as any;",
        "const e = [];",
        "for (let i = 0; i < 2000; i++) e.push({ seq: i, time: 0, iteration: 1, type: 'task-woken', task: 1, by: 2 });",
        "for (;;) g.postMessage({ type: 'batch', items: [{ k: 'ev', e }] });",
      ].join("\n"),
    );
    await ex.getByRole("button", { name: "Life-cycle" }).click();
    const measured = await runMeasured(browser, page, ex);
    expect(await outputText(ex, "info")).toMatch(/(event|message) limit reached/);
    expectResponsive(measured);
    expect(isolated.errors).toEqual([]);
    await isolated.context.close();
  });
});

describe("malformed and forged messages", () => {
  /** Markup planted where the view expects numbers: a meta refresh to another origin, an element, a style. */
  const planted = '<meta http-equiv="refresh" content="0;url=https://example.com/phish"><img src="x" id="planted"><style>body{display:none}</style>';
  const forgedEvents = (text: string) => [
    { seq: text, time: 0, iteration: 1, type: "task-created", task: text, name: "Task-1", coro: "main", repr: "<Task>" },
    { seq: 2, time: 0, iteration: text, type: "step-begin", task: 1, throwing: null, firstStep: true },
  ];

  async function expectNothingPlanted(page: Page, url: string): Promise<void> {
    await page.waitForTimeout(1500);
    expect(page.url()).toBe(url);
    expect(await page.locator('meta[http-equiv="refresh"], #planted').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll("body style").length)).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe("none");
  }

  test("a forged event batch with markup in its numeric fields: no element planted, the page stays, the reader told", async () => {
    const isolated = await open();
    const { page, ex } = isolated;
    await ex.getByRole("button", { name: "Life-cycle" }).click();
    await edit(
      ex,
      [
        'import asyncio, { print } from "asyncio";',
        `const text = ${JSON.stringify(planted)};`,
        `const events = ${JSON.stringify(forgedEvents("TEXT"))}.map((e: any) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === "TEXT" ? text : v])));`,
        'print("before");',
        '(globalThis as any).postMessage({ type: "batch", items: [{ k: "ev", e: events }] });',
        "asyncio.run(asyncio.sleep(5));",
      ].join("\n"),
    );
    const url = page.url();
    await runAndWait(ex, undefined, 90_000);
    expect(await outputText(ex, "info")).toMatch(/does not accept/);
    expect(await ex.getByRole("status").textContent()).toMatch(/malformed message/);
    await expectNothingPlanted(page, url);

    // The same events sent into the page from the runner's frame, past the runner's checks:
    // the page refuses them too, and the view never sees them.
    await edit(ex, 'import asyncio, { print } from "asyncio";\nprint("waiting");\nasyncio.run(asyncio.sleep(30));\n');
    const frame = runnerFrame(page);
    await frame.evaluate(() => {
      addEventListener("message", (e) => {
        const m = e.data as { type?: unknown; runId?: unknown };
        if (m?.type === "run") (globalThis as { lastRunId?: unknown }).lastRunId = m.runId;
      });
    });
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => outputText(ex, "stdout"), { timeout: 60_000 }).toBe("waiting");
    const runId = await frame.evaluate(() => (globalThis as { lastRunId?: unknown }).lastRunId);
    await frame.evaluate(([runId, events]) => parent.postMessage({ type: "batch", runId, items: [{ k: "ev", e: events }] }, "*"), [
      runId,
      forgedEvents(planted),
    ] as const);
    await expect.poll(() => ex.getAttribute("data-state")).toBe("done");
    expect(await outputText(ex, "info")).toMatch(/does not accept/);
    await expectNothingPlanted(page, url);
    expect(isolated.errors).toEqual([]);
    expect(isolated.foreignRequests).toEqual([]);
    await isolated.context.close();
  });

  test("from the program: refused by the runner, the reader told, no page error", async () => {
    const isolated = await open();
    const { page, ex } = isolated;
    const forgeries = [
      '{ type: "batch", items: null }',
      '{ type: "batch", items: [{ k: "drop", n: 1e308 }] }',
      '{ type: "hung", silentMs: 1 }',
      '{ type: "batch", items: [{ k: "out", t: 1 }] }',
      '{ type: "exit", status: "0" }',
    ];
    for (const forged of forgeries) {
      await edit(ex, `import asyncio, { print } from "asyncio";\nprint("before");\n(globalThis as any).postMessage(${forged});\nasyncio.run(asyncio.sleep(5));\n`);
      await runAndWait(ex, undefined, 90_000);
      const info = await outputText(ex, "info");
      expect(info, forged).toMatch(/does not accept/);
      expect(info, forged).not.toMatch(/NaN|e\+308|no sign of life/);
      expect(await ex.getByRole("status").textContent(), forged).toMatch(/malformed message/);
    }
    expect(isolated.errors).toEqual([]);
    await isolated.context.close();
  });

  test("into the page from the runner's frame: refused, no page error, no NaN, no 1e+308", async () => {
    const isolated = await open();
    const { page, ex } = isolated;
    await edit(ex, 'import asyncio, { print } from "asyncio";\nprint("waiting");\nasyncio.run(asyncio.sleep(30));\n');
    // The runner's frame notes the id of the run the page asks for.
    await expect.poll(() => page.frames().length, { timeout: 30_000 }).toBeGreaterThan(1);
    const frame = runnerFrame(page);
    await expect.poll(() => frame.evaluate(() => document.title).catch(() => ""), { timeout: 30_000 }).toBe("asyncio runner");
    await frame.evaluate(() => {
      addEventListener("message", (e) => {
        const m = e.data as { type?: unknown; runId?: unknown };
        if (m?.type === "run") (globalThis as { lastRunId?: unknown }).lastRunId = m.runId;
      });
    });
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => outputText(ex, "stdout"), { timeout: 60_000 }).toBe("waiting");
    const runId = await frame.evaluate(() => (globalThis as { lastRunId?: unknown }).lastRunId);
    expect(typeof runId).toBe("number");
    // Without a run id (or with one that is not a number): dropped, the run goes on.
    await frame.evaluate(() => {
      for (const m of [null, "x", { type: "hung" }, { type: "batch", items: null }, { type: "limit", what: "output" }, { type: "exit", runId: "1", status: 0 }]) parent.postMessage(m, "*");
    });
    await page.waitForTimeout(300);
    expect(await ex.getAttribute("data-state")).toBe("running");
    // Now for the page's run. The first malformed one ends it.
    await frame.evaluate((runId) => {
      parent.postMessage({ type: "hung", runId, silentMs: 1e308 }, "*");
      parent.postMessage({ type: "batch", runId, items: [{ k: "drop", n: 1e308 }] }, "*");
      parent.postMessage({ type: "batch", runId, items: null }, "*");
    }, runId);
    await expect.poll(() => ex.getAttribute("data-state")).toBe("done");
    const info = await outputText(ex, "info");
    expect(info).toMatch(/does not accept/);
    expect(info).not.toMatch(/NaN|e\+308|more lines/);
    expect(isolated.errors).toEqual([]);
    await isolated.context.close();
  });
});
