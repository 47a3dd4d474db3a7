/**
 * Helpers for the security browser tests: open an example with the plain editor, and tell
 * whether the page stayed responsive while a program ran.
 *
 * Responsiveness is measured two ways. A timer in the page asks for 20 ms over and over
 * (the worst delay is how long the page could not answer, in wall-clock time: on a shared,
 * loaded machine it also counts the time the OS gave the page's process no core). And a
 * Chromium trace of the run gives the longest task the page's main thread ran, in thread
 * (CPU) time: the page's own work, whatever the machine's load.
 */
import { expect } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { newIsolatedPage, type IsolatedPage, type StaticServer } from "../support/browser.ts";
import { enhanced, example, pagesWithExamples } from "./playground-helpers.ts";

export const narrow = { viewport: { width: 600, height: 900 } };

export async function openExample(browser: Browser, server: StaticServer): Promise<IsolatedPage & { ex: Locator }> {
  const target = pagesWithExamples()[0];
  if (target === undefined) throw new Error("no page with examples in dist/");
  const isolated = await newIsolatedPage(browser, server, narrow);
  await isolated.page.goto(server.url + target.path);
  const ex = example(isolated.page, target.ids[0]!);
  await enhanced(ex);
  return { ...isolated, ex };
}

/** Puts code in the plain editor (opening it first). */
export async function edit(ex: Locator, code: string): Promise<void> {
  if (!(await ex.locator("textarea.pg-textarea").isVisible())) await ex.getByRole("button", { name: "Edit" }).click();
  await ex.locator("textarea.pg-textarea").fill(code);
}

export interface Responsiveness {
  /** Longest wait of a 20 ms timer while the program ran (ms, wall clock). */
  worstGap: number;
  /** Longest task of the page's main thread while the program ran (ms of thread time). */
  longestTask: number;
  /** Its wall-clock duration (ms). */
  longestTaskWall: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  cat: string;
  args?: { name?: string };
}

const TRACE_CATEGORIES = ["disabled-by-default-devtools.timeline", "devtools.timeline", "blink.user_timing", "toplevel"];

/**
 * The longest task of the page's main thread between two performance marks, from a trace.
 * The marks are made by the page's main thread, which names the process and thread to read.
 */
function longestTaskBetween(trace: Buffer, fromMark: string, toMark: string): { longestTask: number; longestTaskWall: number } {
  const events = (JSON.parse(trace.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
  const to = events.findLast((e) => e.name === toMark && e.cat.includes("user_timing"));
  const from = events.findLast((e) => e.name === fromMark && e.cat.includes("user_timing") && to !== undefined && e.pid === to.pid);
  if (from === undefined || to === undefined) throw new Error(`trace without the marks ${fromMark} and ${toMark}`);
  let longestTask = 0;
  let longestTaskWall = 0;
  for (const e of events) {
    if (e.pid !== to.pid || e.tid !== to.tid || e.ph !== "X" || (e.name !== "RunTask" && e.name !== "ThreadControllerImpl::RunTask")) continue;
    if (e.ts + (e.dur ?? 0) < from.ts || e.ts > to.ts) continue;
    longestTask = Math.max(longestTask, (e.tdur ?? e.dur ?? 0) / 1000);
    longestTaskWall = Math.max(longestTaskWall, (e.dur ?? 0) / 1000);
  }
  return { longestTask, longestTaskWall };
}

/**
 * Clicks Run and measures the page's responsiveness from the moment the program runs (the
 * element's state "running") to the end of the run. Compiling the edit comes before and
 * is not counted: it is the page's own work, not the program's.
 */
export async function runMeasured(browser: Browser, page: Page, ex: Locator, timeout = 90_000): Promise<Responsiveness> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const measuring = ex.evaluate(
    (el, limit) =>
      new Promise<number>((resolve, reject) => {
        const host = el as HTMLElement;
        let last = performance.now();
        const t0 = last;
        let worstGap = 0;
        let running = false;
        const tick = () => {
          const now = performance.now();
          if (running) worstGap = Math.max(worstGap, now - last - 20);
          last = now;
          if (!running && host.dataset.state === "running") {
            running = true;
            performance.mark("security-test:from");
          }
          if (running && host.dataset.state === "done") {
            performance.mark("security-test:to");
            resolve(worstGap);
          } else if (now - t0 > limit) reject(new Error(`no end after ${limit} ms (state ${host.dataset.state})`));
          else setTimeout(tick, 20);
        };
        setTimeout(tick, 20);
      }),
    timeout,
  );
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  const [worstGap, trace] = await Promise.allSettled([measuring]).then(async ([gap]) => {
    const buffer = await browser.stopTracing();
    if (gap.status === "rejected") throw gap.reason;
    return [gap.value, buffer] as const;
  });
  return { worstGap, ...longestTaskBetween(trace, "security-test:from", "security-test:to") };
}

/**
 * Opens `url` in a new page and measures its responsiveness from the start of the document
 * until `ready` (a function evaluated in the page, polled) holds.
 */
export async function openMeasured(
  browser: Browser,
  server: StaticServer,
  url: string,
  ready: () => boolean,
  timeout = 60_000,
): Promise<IsolatedPage & Responsiveness> {
  const isolated = await newIsolatedPage(browser, server, narrow);
  const { page } = isolated;
  await page.addInitScript(() => {
    const w = window as unknown as { securityTest: { worstGap: number } };
    w.securityTest = { worstGap: 0 };
    let last = performance.now();
    performance.mark("security-test:from");
    const tick = () => {
      const now = performance.now();
      w.securityTest.worstGap = Math.max(w.securityTest.worstGap, now - last - 20);
      last = now;
      setTimeout(tick, 20);
    };
    setTimeout(tick, 20);
  });
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let trace: Buffer;
  try {
    await page.goto(url);
    await page.waitForFunction(ready, undefined, { timeout });
    await page.evaluate(() => performance.mark("security-test:to"));
  } finally {
    trace = await browser.stopTracing();
  }
  const worstGap = await page.evaluate(() => (window as unknown as { securityTest: { worstGap: number } }).securityTest.worstGap);
  return { ...isolated, worstGap, ...longestTaskBetween(trace, "security-test:from", "security-test:to") };
}

/**
 * The issue asks that the page answer within 200 ms throughout. That is asserted on the
 * longest task the page's main thread ran (its own work, in thread time, from a Chromium
 * trace). The wall-clock delay of a timer in the page also counts the time the machine gave
 * the page no core at all: a flood keeps two threads busy (the program's worker, and the
 * runner reading it; the sandboxed srcdoc runner has a renderer process of its own, it does
 * not share the page's thread), which on a loaded two-core machine starves the page for
 * seconds without the page doing anything. Measured from traces of the event flood (load
 * 10-14 on two cores): in the page's worst timer gaps (0.4-1 s) its thread ran 33-62 ms of
 * tasks, stretched to the gap's length in wall time. Its bound is therefore only a check
 * against the freezes the issue saw (22 s for a 64 MiB line, 70 s for an event flood, with
 * the page's thread busy all along).
 */
export const ANSWERS_WITHIN_MS = 200;
export const GENEROUS_WALL_MS = 20_000;

export function expectResponsive(r: Responsiveness): void {
  console.log(
    `page responsiveness: longest task ${r.longestTask.toFixed(0)} ms thread time (${r.longestTaskWall.toFixed(0)} ms wall), worst timer delay ${r.worstGap.toFixed(0)} ms`,
  );
  expect(r.longestTask).toBeLessThan(ANSWERS_WITHIN_MS);
  expect(r.worstGap).toBeLessThan(GENEROUS_WALL_MS);
}
