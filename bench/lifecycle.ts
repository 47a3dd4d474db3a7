/**
 * Benchmark of the Life-cycle view with a large run: 1,000 tasks (set LC_TASKS to change it).
 *
 *   node bench/lifecycle.ts
 *
 * Prints figures, asserts nothing (speed is measured here, never in a timed test):
 * - the model in Node: building it from the whole stream, and a snapshot in the middle;
 * - the view in Chromium: events pushed in batches as the playground does while the program
 *   runs, one batch per animation frame; the time each frame took (push + render) and the
 *   longest main-thread task seen (PerformanceObserver "longtask"); then step mode (one handle
 *   back and forward), scrolling the timeline, and "Show all" on the table.
 *
 * The events come from the real runtime when it can record them (the same program run with an
 * onEvent subscriber, see tests/lifecycle/record.ts), else from the synthetic stream of the
 * same shape (tests/lifecycle/synthetic.ts).
 */
import { build } from "esbuild";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { LifecycleEvent } from "../src/asyncio/instrument.ts";
import { buildModel } from "../src/lifecycle/model.ts";
import { syntheticRun } from "../tests/lifecycle/synthetic.ts";
import { launchBrowser } from "../tests/support/browser.ts";

const N = Number(process.env.LC_TASKS ?? 1000);
const BATCH = Number(process.env.LC_BATCH ?? 500);

async function recordedOrSynthetic(): Promise<{ events: LifecycleEvent[]; source: string }> {
  try {
    const { recordSource } = (await import("../tests/lifecycle/record.ts")) as {
      recordSource(src: string): Promise<{ events: LifecycleEvent[] }>;
    };
    const src = `import asyncio, { print } from "asyncio";
function* worker(i: number) {
  yield* asyncio.sleep((i % 3) * 0.1);
  print("worker", i);
  return i;
}
function* main() {
  const tasks = [];
  for (let i = 0; i < ${N}; i++) tasks.push(asyncio.create_task(worker(i)));
  for (let i = 2; i < ${N}; i += 3) tasks[i].cancel();
  yield* asyncio.gather(...tasks, { return_exceptions: true });
  print("all done");
}
asyncio.run(main());
`;
    const { events } = await recordSource(src);
    if (events.length > 0) return { events, source: "recorded from the runtime" };
  } catch {
    /* the runtime's host is not there yet: fall back */
  }
  return { events: syntheticRun(N), source: "synthetic (runtime recording unavailable)" };
}

function stats(xs: number[]): string {
  if (!xs.length) return "n/a";
  const s = xs.slice().sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms (${s.length} samples)`;
}

const { events, source } = await recordedOrSynthetic();
console.log(`Life-cycle view benchmark: ${N} tasks, ${events.length} events, ${source}`);
// the figures are wall-clock times: on a shared machine they grow with its load
console.log(`machine load average at start: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);

// ---- the model in Node
{
  const times: number[] = [];
  let model = buildModel(events);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    model = buildModel(events);
    times.push(performance.now() - t0);
  }
  console.log(`model: build from ${events.length} events: ${stats(times)}; ${model.transitions.length} transitions`);
  const snaps: number[] = [];
  for (let i = 0; i < 20; i++) {
    const at = Math.floor(((i + 1) / 21) * events.length);
    const t0 = performance.now();
    model.snapshotAt(at);
    snaps.push(performance.now() - t0);
  }
  console.log(`model: snapshotAt (replay) at 20 points: ${stats(snaps)}`);
}

// ---- the view in Chromium
const dir = mkdtempSync(join(tmpdir(), "lc-bench-"));
const entry = join(dir, "entry.ts");
writeFileSync(
  entry,
  `import { mountLifecycleView } from ${JSON.stringify(resolve("src/lifecycle/view.ts"))};\n` +
    `(window as unknown as { mountLifecycleView: unknown }).mountLifecycleView = mountLifecycleView;\n`,
);
const bundle = await build({
  entryPoints: [entry],
  bundle: true,
  write: false,
  format: "iife",
  target: "es2022",
  logLevel: "silent",
  // Vite's `?raw` imports (the diagram's stylesheet as text)
  plugins: [
    {
      name: "raw",
      setup(b) {
        b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.replace(/\?raw$/, "")), namespace: "raw" }));
        b.onLoad({ filter: /.*/, namespace: "raw" }, (a) => ({ contents: readFileSync(a.path, "utf8"), loader: "text" }));
      },
    },
  ],
});
const script = bundle.outputFiles[0]!.text;

const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body><main id="host" style="max-width:1100px;margin:auto"></main></body></html>`);
  await page.addScriptTag({ content: script });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const m0 = await metrics();
  const result = await page.evaluate(
    async ({ events, batch }) => {
      type View = { push(e: unknown[]): void; finish(): void; highlightPrint(seq: number): void };
      const w = window as unknown as { mountLifecycleView(h: HTMLElement, o: object): View };
      const longTasks: number[] = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push(e.duration);
      }).observe({ type: "longtask", buffered: false });
      const nextFrame = (): Promise<number> => new Promise((ok) => requestAnimationFrame((t) => ok(t)));
      const view = w.mountLifecycleView(document.getElementById("host")!, {});
      const frames: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < events.length; i += batch) {
        const a = performance.now();
        view.push(events.slice(i, i + batch));
        await nextFrame(); // the view renders in this frame
        await nextFrame();
        frames.push(performance.now() - a);
      }
      view.finish();
      await nextFrame();
      await nextFrame();
      const streamTotal = performance.now() - t0;
      const phase: Record<string, number[]> = {};
      let seen = 0;
      const cut = (name: string): void => {
        phase[name] = longTasks.slice(seen);
        seen = longTasks.length;
      };
      cut("streaming");
      const click = async (label: string): Promise<number> => {
        const b = [...document.querySelectorAll("button")].find((x) => x.getAttribute("aria-label") === label) as HTMLButtonElement;
        const a = performance.now();
        b.click();
        await nextFrame();
        await nextFrame();
        return performance.now() - a;
      };
      const stepBack: number[] = [];
      const stepFwd: number[] = [];
      for (let i = 0; i < 10; i++) stepBack.push(await click("Back one handle"));
      for (let i = 0; i < 10; i++) stepFwd.push(await click("Forward one handle"));
      const iterBack: number[] = [];
      for (let i = 0; i < 5; i++) iterBack.push(await click("Back one loop iteration"));
      cut("stepping");
      const scroller = document.querySelector(".lc-tl-scroll") as HTMLElement;
      const scrolls: number[] = [];
      for (let i = 1; i <= 10; i++) {
        const a = performance.now();
        scroller.scrollTop = (scroller.scrollHeight * i) / 11;
        await nextFrame();
        await nextFrame();
        scrolls.push(performance.now() - a);
      }
      cut("scrolling");
      const rowsDrawn = document.querySelectorAll(".lc-tl-row").length;
      const more = document.querySelector(".lc-table-more") as HTMLButtonElement;
      const a = performance.now();
      more.click();
      const total = Number(/\d+/.exec(more.textContent ?? "0")?.[0] ?? 0);
      while (document.querySelectorAll("tbody tr").length < total) await nextFrame();
      const showAll = performance.now() - a;
      await nextFrame();
      await new Promise((ok) => setTimeout(ok, 100));
      cut("show all");
      return {
        frames,
        streamTotal,
        stepBack,
        stepFwd,
        iterBack,
        scrolls,
        rowsDrawn,
        showAll,
        tableRows: document.querySelectorAll("tbody tr").length,
        longTasks,
        phase,
      };
    },
    { events, batch: BATCH },
  );
  const m1 = await metrics();
  const d = (k: string): string => `${((m1[k]! - m0[k]!) * 1000).toFixed(0)} ms`;
  console.log(`view: main thread over the whole session: script ${d("ScriptDuration")}, style ${d("RecalcStyleDuration")}, layout ${d("LayoutDuration")}, tasks ${d("TaskDuration")}`);
  console.log(`view: streaming in batches of ${BATCH} events, time per batch (push + render, 2 frames): ${stats(result.frames)}`);
  console.log(`view: whole stream shown in ${result.streamTotal.toFixed(0)} ms`);
  console.log(`view: step back one handle: ${stats(result.stepBack)}`);
  console.log(`view: step forward one handle: ${stats(result.stepFwd)}`);
  console.log(`view: step back one iteration: ${stats(result.iterBack)}`);
  console.log(`view: scroll the timeline (virtualised: ${result.rowsDrawn} lanes in the DOM): ${stats(result.scrolls)}`);
  console.log(`view: "Show all" ${result.tableRows} table rows, rendered in chunks: ${result.showAll.toFixed(0)} ms`);
  for (const [name, xs] of Object.entries(result.phase)) {
    console.log(`view: long tasks (>50 ms) while ${name}: ${xs.length ? stats(xs) : "none"}`);
  }
} finally {
  await browser.close();
}
