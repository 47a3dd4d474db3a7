/**
 * The Life-cycle view in Chromium, through the playground of the built site: the Transitions
 * table of a chosen example equals what CPython goes through for its Python twin; a task
 * cancelled while scheduled never runs; prints and output lines point at each other; stepping
 * forward then back shows the same frames; nothing of the view loads before the reader opens
 * it; axe finds no violation in it. Every test also checks that nothing left the origin.
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, test } from "vitest";
import type { Browser, Locator } from "playwright-core";
import { newIsolatedPage, type IsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { stateLabel, type DoneOutcome, type StateName } from "../../src/lifecycle/model.ts";
import { goldenPath, root } from "../lifecycle/programs.ts";
import { havePython, traceCPython, type CPythonTransition } from "../lifecycle/record.ts";

let server: StaticServer;
let browser: Browser;

useSite((s, b) => {
  server = s;
  browser = b;
});

const CANCEL_BEFORE_START = "04-scheduled/cancel-before-start";

async function cpythonTransitions(id: string): Promise<CPythonTransition[]> {
  const program = `examples/${id}`;
  if (await havePython()) return (await traceCPython(join(root, program + ".py"))).transitions;
  if (!existsSync(goldenPath(program))) throw new Error(`no CPython trace for ${program}: run node tests/lifecycle/update-cpython.ts`);
  return (JSON.parse(readFileSync(goldenPath(program), "utf8")) as { transitions: CPythonTransition[] }).transitions;
}

/** Opens the chapter page of an example, runs it instantly with the Life-cycle view open. */
async function openAndRun(id: string, options: Parameters<typeof newIsolatedPage>[2] = {}): Promise<IsolatedPage & { ex: Locator; view: Locator }> {
  const isolated = await newIsolatedPage(browser, server, options);
  await isolated.page.goto(server.url + id.split("/")[0] + "/");
  const ex = isolated.page.locator(`asyncio-example[data-example-id="${id}"]`);
  await ex.locator("[role=log][aria-label=Output]").waitFor({ state: "attached" });
  await ex.getByLabel("Speed").selectOption("instant");
  await ex.getByRole("button", { name: "Life-cycle" }).click();
  const view = ex.locator("section.lc-view");
  await view.waitFor();
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  await isolated.page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle(), { timeout: 30_000 });
  await expect.poll(() => view.locator(".lc-status").textContent(), { timeout: 15_000 }).toMatch(/^Run finished: [1-9]/);
  return { ...isolated, ex, view };
}

async function tableRows(view: Locator): Promise<string[][]> {
  return view
    .getByRole("table", { name: "Transitions" })
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

describe("the Life-cycle view of an example", () => {
  test("its Transitions table lists what CPython goes through, one row per transition", async () => {
    const { view, page, foreignRequests, errors } = await openAndRun(CANCEL_BEFORE_START);
    const table = view.getByRole("table", { name: "Transitions" });
    const headers = await table.locator("thead th").allTextContents();
    expect(headers).toEqual(["Task", "From", "To", "Iteration", "Time"]);
    const rows = await tableRows(view);
    const expected = (await cpythonTransitions(CANCEL_BEFORE_START)).map((t) => [
      t.task,
      stateLabel(t.from as StateName),
      stateLabel(t.to as StateName, t.outcome as DoneOutcome | null),
      String(t.iteration),
    ]);
    expect(rows.map((r) => r.slice(0, 4))).toEqual(expected);
    // times are loop times relative to the start of the run, in seconds
    for (const r of rows) expect(r[4]).toMatch(/^\d+\.\d{3}$/);
    expect(foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("a task cancelled while scheduled goes from Scheduled to Done (cancelled), never Running", async () => {
    const { view, page, foreignRequests } = await openAndRun(CANCEL_BEFORE_START);
    const rows = await tableRows(view);
    const cancelled = [...new Set(rows.filter((r) => r[2] === "Done (cancelled)").map((r) => r[0]))];
    expect(cancelled.length).toBeGreaterThan(0);
    for (const name of cancelled) {
      const own = rows.filter((r) => r[0] === name).map((r) => `${r[1]} → ${r[2]}`);
      expect(own).toEqual(["Created → Scheduled", "Scheduled → Done (cancelled)"]);
    }
    // the diagram: every task ends on Done, one of them with the cancelled glyph
    const done = view.locator('.lc-diagram [data-node="done"] .lc-markers g[data-task]');
    expect(await done.count()).toBe(new Set(rows.map((r) => r[0])).size);
    expect(await view.locator('.lc-diagram [data-node="done"] .lc-markers .lc-cancelled').count()).toBeGreaterThan(0);
    await expect.poll(() => view.locator(".lc-counts").textContent()).toContain("Done (cancelled)");
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("choosing a print on the timeline highlights its output line, and back", async () => {
    const { ex, view, page, foreignRequests } = await openAndRun("02-life-cycle/tour");
    const marks = view.locator(".lc-mark-print");
    expect(await marks.count()).toBeGreaterThan(1);
    // timeline → output
    const seq = await marks.nth(1).getAttribute("data-seq");
    await marks.nth(1).click();
    const line = ex.locator(`[role=log] [data-seq="${seq}"]`);
    await expect.poll(() => line.getAttribute("aria-current")).toBe("true");
    await expect.poll(() => marks.nth(1).getAttribute("class")).toContain("lc-highlight");
    // output → timeline: the mark is highlighted and the view steps to that moment
    const other = ex.locator("[role=log] [data-seq]").first();
    const otherSeq = await other.getAttribute("data-seq");
    await other.click();
    await expect.poll(() => view.locator(`.lc-mark-print[data-seq="${otherSeq}"]`).getAttribute("class")).toContain("lc-highlight");
    await expect.poll(() => view.locator(".lc-status").textContent()).toMatch(/^Step mode/);
    const printed = ((await other.textContent()) ?? "").trim();
    await expect.poll(() => view.locator(".lc-details").textContent()).toContain(printed);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("the timeline can be walked with the keyboard, and Enter on a print shows its output line", async () => {
    const { ex, view, page, foreignRequests } = await openAndRun("02-life-cycle/tour");
    const timeline = view.getByRole("group", { name: "Timeline" });
    await timeline.focus();
    const details = view.locator(".lc-details");
    // lane 0 is the loop's own; then one lane per task, named as the task
    const [, first, second] = await view.locator(".lc-tl-name").allTextContents();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => details.textContent()).toMatch(new RegExp(`^${first} · `));
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => details.textContent()).toMatch(new RegExp(`^${second} · `));
    await page.keyboard.press("ArrowUp");
    // along the first task's lane to its first print
    let text = "";
    for (let i = 0; i < 40 && !text.includes("print at"); i++) {
      await page.keyboard.press("ArrowRight");
      text = (await details.textContent()) ?? "";
    }
    expect(text).toMatch(new RegExp(`^${first} · print at iteration \\d+`));
    await page.keyboard.press("Enter");
    const current = ex.locator("[role=log] [aria-current=true]");
    await expect.poll(() => current.count()).toBe(1);
    expect(text).toContain(((await current.textContent()) ?? "").trim());
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("in real time (1x) the view follows the run while it goes, then shows all of it", async () => {
    const isolated = await newIsolatedPage(browser, server);
    const id = "01-what-is-a-task/independent";
    await isolated.page.goto(server.url + id.split("/")[0] + "/");
    const ex = isolated.page.locator(`asyncio-example[data-example-id="${id}"]`);
    await ex.locator("[role=log][aria-label=Output]").waitFor({ state: "attached" });
    await ex.getByLabel("Speed").selectOption("1x");
    await ex.getByRole("button", { name: "Life-cycle" }).click();
    const view = ex.locator("section.lc-view");
    await view.waitFor();
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    // while the program sleeps on the wall clock, the view shows the run so far
    await expect.poll(() => view.locator(".lc-status").textContent(), { timeout: 15_000, interval: 25 }).toMatch(/^Running: iteration \d+/);
    const during = await view.locator("tbody tr").count();
    await expect.poll(() => view.locator(".lc-status").textContent(), { timeout: 20_000 }).toMatch(/^Run finished: [1-9]/);
    const after = await view.locator("tbody tr").count();
    expect(after).toBeGreaterThan(during);
    expect(isolated.foreignRequests).toEqual([]);
    await isolated.context.close();
  });

  test("stepping forward then back, one handle or one iteration at a time, shows the same frames", async () => {
    const { view, page, foreignRequests } = await openAndRun("06-cancelling/cancel-suspended");
    const frame = (): Promise<string> =>
      view.evaluate((v) =>
        [".lc-frame", ".lc-counts", ".lc-queues", ".lc-diagram .lc-nodes", "tbody"]
          .map((s) => (s === ".lc-diagram .lc-nodes" || s === "tbody" ? v.querySelector(s)!.innerHTML : v.querySelector(s)!.textContent))
          .join("\n---\n"),
      );
    for (const [fwd, back] of [
      ["Forward one handle", "Back one handle"],
      ["Forward one loop iteration", "Back one loop iteration"],
    ] as const) {
      const start = view.getByRole("button", { name: "Back to the start" });
      // (disabled when already there)
      if (await start.isEnabled()) await start.click();
      await expect.poll(() => view.locator(".lc-frame").textContent()).toMatch(/^Before the run/);
      const forward: string[] = [await frame()];
      const next = view.getByRole("button", { name: fwd });
      for (let i = 0; i < 40 && (await next.isEnabled()); i++) {
        const before = forward.at(-1);
        await next.click();
        await expect.poll(frame).not.toBe(before);
        forward.push(await frame());
      }
      expect(forward.length).toBeGreaterThan(4);
      const backward: string[] = [forward.at(-1)!];
      for (let i = forward.length - 2; i >= 0; i--) {
        await view.getByRole("button", { name: back }).click();
        await expect.poll(frame).toBe(forward[i]);
        backward.push(await frame());
      }
      expect(backward.reverse()).toEqual(forward);
    }
    // a frame in the middle names the ready queue's content and the timers
    const start = view.getByRole("button", { name: "Back to the start" });
    if (await start.isEnabled()) await start.click();
    await view.getByRole("button", { name: "Forward one handle" }).click();
    await expect.poll(() => view.locator(".lc-queues ol li").allTextContents()).not.toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("nothing of the view loads before the reader opens it", async () => {
    const isolated = await newIsolatedPage(browser, server);
    const requested: string[] = [];
    isolated.page.on("request", (r) => requested.push(r.url()));
    await isolated.page.goto(server.url + "04-scheduled/");
    const ex = isolated.page.locator(`asyncio-example[data-example-id="${CANCEL_BEFORE_START}"]`);
    await ex.locator("[role=log][aria-label=Output]").waitFor({ state: "attached" });
    await isolated.page.waitForLoadState("networkidle");
    const hasView = (): Promise<boolean> => isolated.page.evaluate(() => document.querySelector(".lc-view") !== null);
    expect(await hasView()).toBe(false);
    const before = requested.length;
    // the chunk that holds the view is named after its module by Vite
    expect(requested.filter((u) => /\/view[.-][\w-]+\.js$/.test(u))).toEqual([]);
    await ex.getByRole("button", { name: "Life-cycle" }).click();
    await ex.locator("section.lc-view").waitFor();
    expect(await hasView()).toBe(true);
    expect(requested.slice(before).some((u) => u.endsWith(".js"))).toBe(true);
    expect(isolated.foreignRequests).toEqual([]);
    await isolated.context.close();
  });

  test("the overview's diagram leads from each state to a page and section that exist", async () => {
    const isolated = await newIsolatedPage(browser, server);
    await isolated.page.goto(server.url + "02-life-cycle/");
    const links = isolated.page.locator("svg.lc-diagram a.lc-node");
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as SVGAElement).href.baseVal && new URL((a as SVGAElement).href.baseVal, location.href).href));
    // every stop of the seed's life-cycle is a way in
    expect(hrefs.length).toBe(9);
    for (const href of hrefs) {
      const url = new URL(href);
      expect(url.origin).toBe(server.origin);
      const page = await isolated.context.newPage();
      const response = await page.goto(url.href);
      expect(response?.status(), href).toBe(200);
      if (url.hash) expect(await page.locator(`[id="${decodeURIComponent(url.hash.slice(1))}"]`).count(), href).toBe(1);
      await page.close();
    }
    // links reachable by keyboard, named by their stop
    await links.first().focus();
    expect(await isolated.page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(/^1 Created \(state\)/);
    expect(isolated.foreignRequests).toEqual([]);
    await isolated.context.close();
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`passes axe (WCAG 2.2 AA) in the ${scheme} theme`, async () => {
      const { page, foreignRequests } = await openAndRun(CANCEL_BEFORE_START, { colorScheme: scheme });
      const results = await new AxeBuilder({ page })
        .include("section.lc-view")
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.context().close();
    });
  }
});
