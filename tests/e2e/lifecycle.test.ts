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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
    // asyncio.run()'s own tasks are folded at first, and the table says so
    await expect.poll(() => view.locator(".lc-table-note").textContent()).toMatch(/^\d+ transitions? of asyncio's own tasks/);
    await view.getByLabel("Show asyncio's internals").check();
    await expect.poll(() => view.locator(".lc-table-note").isHidden()).toBe(true);
    const rows = await tableRows(view);
    const expected = (await cpythonTransitions(CANCEL_BEFORE_START)).map((t) => [
      t.task,
      stateLabel(t.from as StateName),
      stateLabel(t.to as StateName, t.outcome as DoneOutcome | null),
      String(t.iteration),
    ]);
    // a task is named with its coroutine: "Task-1 · main()"
    expect(rows.map((r) => [r[0]!.split(" · ")[0], ...r.slice(1, 4)])).toEqual(expected);
    for (const r of rows) expect(r[0]).toMatch(/^\S+ · (\w+\(\)|asyncio\.run\(\) cleanup)$/);
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
    const [, first, second] = (await view.locator(".lc-tl-name").allTextContents()).map(escapeRegExp);
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
    // one model of position: the iterations the end line counts are the ones the ruler shows
    // (iterations in which nothing was ready, from waking a hair before a deadline, are not)
    const its = Number(/over (\d+) loop iterations/.exec((await view.locator(".lc-status").textContent()) ?? "")?.[1]);
    const ruler = await view.locator(".lc-tl-ruler .lc-tick-label").allTextContents();
    expect(its).toBe(Number(ruler.at(-1)));
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
      await expect.poll(() => view.locator(".lc-frame").textContent()).toMatch(/^Start\. Nothing has run yet/);
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

describe("the Life-cycle view for someone who has never seen an event loop (issue 13)", () => {
  test("asyncio.run()'s own tasks are labelled and folded, the main task is called by its coroutine, and the end line counts the iterations shown", async () => {
    const { view, page, foreignRequests, errors } = await openAndRun("01-what-is-a-task/coroutine-object");
    const names = (): Promise<string[]> => view.locator(".lc-tl-name").allTextContents();
    expect(await names()).toEqual(["loop", "Task-1 · hello()"]);
    await expect.poll(() => view.locator(".lc-counts").textContent()).toContain("(and 2 of asyncio's own, hidden)");
    // the program printed after asyncio.run() returned: the run still went through its iterations
    const status = (await view.locator(".lc-status").textContent()) ?? "";
    expect(status).toMatch(/^Run finished: 1 task of yours and 2 of asyncio's own, \d+ transitions over \d+ loop iterations/);
    const counted = Number(/over (\d+) loop iterations/.exec(status)![1]);
    const ruler = await view.locator(".lc-tl-ruler .lc-tick-label").allTextContents();
    expect(counted).toBeGreaterThan(1);
    expect(counted).toBe(Number(ruler.at(-1)));
    await view.getByLabel("Show asyncio's internals").check();
    await expect.poll(names).toEqual(["loop", "Task-1 · hello()", "Task-2 · asyncio.run() cleanup", "Task-3 · asyncio.run() cleanup"]);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("after choosing a print mark, step mode names that moment (iteration, handle) and what the step did there", async () => {
    const { view, page, foreignRequests } = await openAndRun("01-what-is-a-task/independent");
    const marks = view.locator(".lc-tl-row .lc-mark-print");
    const titles = await marks.locator("title").allTextContents();
    const k = titles.findIndex((t) => Number(/print at iteration (\d+)/.exec(t)?.[1] ?? 0) >= 5);
    expect(k).toBeGreaterThan(0);
    const iteration = Number(/print at iteration (\d+)/.exec(titles[k]!)![1]);
    const printed = /\(\+[\d.]+ s\): (.*)$/.exec(titles[k]!)![1]!;
    await marks.nth(k).click();
    const frame = view.locator(".lc-frame");
    await expect.poll(() => frame.textContent()).toMatch(new RegExp(`^Iteration ${iteration} · handle \\d+ of \\d+ · Task-\\d+ · \\w+\\(\\)'s step \\(running\\)\\.`));
    const text = (await frame.textContent())!;
    expect(text).toContain(`It has just printed "${printed}"`);
    expect(text).not.toContain("Created → Scheduled");
    // the same position, in the same words, on the status line
    expect(await view.locator(".lc-status").textContent()).toMatch(new RegExp(`^Step mode: Iteration ${iteration} · handle`));
    // the output so far ends with that line
    await expect.poll(() => view.locator(".lc-out .lc-out-last").textContent()).toBe(`${printed}\n`);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("a legend and tooltips explain the loop, handles, the ready queue, timers, callbacks and the diagram's dots; pointing at lanes moves nothing below", async () => {
    const { view, page, foreignRequests } = await openAndRun("07-done/done-callbacks");
    const glossary = view.locator(".lc-glossary");
    await glossary.locator("summary").click();
    const terms = await glossary.locator("dt").allTextContents();
    for (const t of ["loop", "iteration", "handle", "ready queue", "timer", "callback", "cancelled"]) expect(terms).toContain(t);
    for (const d of await glossary.locator("dd").allTextContents()) expect(d.length).toBeGreaterThan(40);
    expect(await view.locator(".lc-tl-name", { hasText: /^loop$/ }).getAttribute("title")).toMatch(/^loop: The event loop runs everything/);
    expect(await view.getByRole("heading", { name: "Ready queue" }).getAttribute("title")).toMatch(/handles the loop will run/);
    expect(await view.getByRole("heading", { name: "Timers" }).getAttribute("title")).toMatch(/asyncio\.sleep/);
    expect(await view.getByRole("button", { name: "Forward one handle" }).getAttribute("title")).toMatch(/A handle: /);
    const legend = await view.getByRole("list", { name: "Diagram legend" }).locator("li").allTextContents();
    expect(legend.join(" | ")).toMatch(/a task; each task keeps its colour/);
    // the reader's own done callback stays; asyncio's own are folded until asked for
    const callbacks = (): Promise<string[]> => view.locator(".lc-mark-callback title").allTextContents();
    const mine = await callbacks();
    expect(mine.some((t) => t.includes("done callback report()") && t.includes("a callback your program registered"))).toBe(true);
    expect(mine.some((t) => t.includes("_run_until_complete_cb"))).toBe(false);
    await view.getByLabel("Show asyncio's internals").check();
    await expect.poll(async () => (await callbacks()).some((t) => t.includes("_run_until_complete_cb() runs at iteration") && t.includes("asyncio.run() stops the loop"))).toBe(true);
    // hovering lanes and marks changes the details line, not the layout under it
    // (relative to the view: hovering may scroll the page)
    const tableTop = (): Promise<number> =>
      view.locator(".lc-table-wrap").evaluate((el) => el.getBoundingClientRect().top - el.closest(".lc-view")!.getBoundingClientRect().top);
    const before = await tableTop();
    const hits = view.locator(".lc-tl-row [data-key]");
    const n = Math.min(8, await hits.count());
    expect(n).toBeGreaterThan(3);
    for (let i = 0; i < n; i++) {
      await hits.nth(i).hover({ force: true });
      expect(await tableTop()).toBe(before);
    }
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("a time axis shows sleeps as long as they are", async () => {
    const { view, page, foreignRequests } = await openAndRun("01-what-is-a-task/independent");
    // main() sleeps 0.3 s at a time, ticker() 0.2 s: the first dashed (Suspended) stretch of each lane
    const suspended = async (lane: number): Promise<number> =>
      view.locator(`.lc-tl-row[data-lane="${lane}"] .lc-seg-suspended`).first().evaluate((l) => Number(l.getAttribute("x2")) - Number(l.getAttribute("x1")));
    await view.getByRole("radio", { name: "time", exact: true }).check();
    await expect.poll(() => view.locator(".lc-tl-corner").textContent()).toBe("loop time");
    const labels = await view.locator(".lc-tl-ruler .lc-tick-time").allTextContents();
    expect(labels[0]).toBe("0.0 s");
    const values = labels.map((l) => Number(/^(\d+(?:\.\d+)?) s$/.exec(l)![1]));
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    await expect.poll(async () => (await suspended(1)) / (await suspended(2))).toBeCloseTo(1.5, 1);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("on a 390 px phone the diagram's labels are readable, table headers keep their words whole, print marks are wide enough", async () => {
    const { view, page, foreignRequests } = await openAndRun("01-what-is-a-task/independent", { viewport: { width: 390, height: 800 } });
    const labelHeights = await view.locator(".lc-diagram .lc-label").evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().height));
    expect(labelHeights.length).toBe(9);
    for (const hgt of labelHeights) expect(hgt).toBeGreaterThanOrEqual(10);
    const headers = await view.locator("thead th").evaluateAll((ths) =>
      ths.map((th) => {
        const r = document.createRange();
        r.selectNodeContents(th);
        // one line box per header: no word broken across lines
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
      }),
    );
    expect(headers).toEqual([1, 1, 1, 1, 1]);
    const markWidths = await view.locator(".lc-mark-print").evaluateAll((ms) => ms.map((m) => m.getBoundingClientRect().width));
    for (const w of markWidths) expect(w).toBeGreaterThan(9);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  test("step mode highlights the line each task is at, and shows the output up to the step", async () => {
    const id = "01-what-is-a-task/independent";
    const source = readFileSync(join(root, "examples", id + ".ts"), "utf8").split("\n");
    const lineOf = (text: string): number => source.findIndex((l) => l.includes(text)) + 1;
    const { view, page, foreignRequests } = await openAndRun(id);
    const marks = view.locator(".lc-tl-row .lc-mark-print");
    const titles = await marks.locator("title").allTextContents();
    const k = titles.findIndex((t) => t.endsWith("ticker: tick 2"));
    expect(k).toBeGreaterThan(0);
    await marks.nth(k).click();
    const code = view.locator(".lc-code");
    await code.waitFor();
    // ticker() runs its print; main() waits in its sleep(0.3), where it will resume
    const running = code.locator("li.lc-line-running");
    await expect.poll(() => running.getAttribute("data-line")).toBe(String(lineOf("ticker: tick ${i}")));
    expect(await running.locator(".lc-chip").allTextContents()).toEqual(["▶ Task-2"]);
    const waiting = code.locator("li.lc-line-waiting");
    expect(await waiting.getAttribute("data-line")).toBe(String(lineOf("asyncio.sleep(0.3)")));
    expect(await waiting.locator(".lc-chip").allTextContents()).toEqual(["‖ Task-1"]);
    // the output stops at that print
    const out = (await view.locator(".lc-out").textContent()) ?? "";
    expect(out.trimEnd().split("\n").at(-1)).toBe("  ticker: tick 2");
    const all = readFileSync(join(root, "examples", id + ".out"), "utf8");
    expect(all.startsWith(out)).toBe(true);
    expect(out.length).toBeLessThan(all.length);
    // one handle on: ticker's step is over, it waits in its own sleep
    await view.getByRole("button", { name: "Forward one handle" }).click();
    await expect.poll(() => code.locator("li.lc-line-running").count()).toBe(0);
    await expect.poll(() => code.locator("li.lc-line-waiting").evaluateAll((ls) => ls.map((l) => l.getAttribute("data-line")))).toEqual(
      [lineOf("asyncio.sleep(0.2)"), lineOf("asyncio.sleep(0.3)")].sort((a, b) => a - b).map(String),
    );
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });
});
