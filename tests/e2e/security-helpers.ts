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
  args?: { name?: string; data?: { frames?: { frame: string; url: string; processId?: number; parent?: string }[] } };
}

/**
 * Clicks Run and measures the page's responsiveness from the moment the program runs (the
 * element's state "running") to the end of the run. Compiling the edit comes before and
 * is not counted: it is the page's own work, not the program's.
 */
export async function runMeasured(browser: Browser, page: Page, ex: Locator, timeout = 90_000): Promise<Responsiveness> {
  await browser.startTracing(page, { categories: ["disabled-by-default-devtools.timeline", "devtools.timeline", "blink.user_timing", "toplevel"] });
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
            performance.mark("security-test:running");
          }
          if (running && host.dataset.state === "done") {
            performance.mark("security-test:done");
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
  const events = (JSON.parse(trace.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
  const pageUrl = page.url();
  let pid: number | undefined;
  for (const e of events) {
    for (const f of e.args?.data?.frames ?? []) if (f.parent === undefined && f.url === pageUrl && f.processId !== undefined) pid = f.processId;
  }
  const mark = (name: string) => events.find((e) => e.name === name && (pid === undefined || e.pid === pid))?.ts;
  const from = mark("security-test:running");
  const to = mark("security-test:done");
  const tid = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.pid === pid && e.args?.name === "CrRendererMain")?.tid;
  if (pid === undefined || tid === undefined || from === undefined || to === undefined) {
    throw new Error(`trace without the page's main thread or marks (pid ${pid}, tid ${tid}, from ${from}, to ${to})`);
  }
  let longestTask = 0;
  let longestTaskWall = 0;
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid || e.ph !== "X" || (e.name !== "RunTask" && e.name !== "ThreadControllerImpl::RunTask")) continue;
    if (e.ts + (e.dur ?? 0) < from || e.ts > to) continue;
    longestTask = Math.max(longestTask, (e.tdur ?? e.dur ?? 0) / 1000);
    longestTaskWall = Math.max(longestTaskWall, (e.dur ?? 0) / 1000);
  }
  return { worstGap, longestTask, longestTaskWall };
}
