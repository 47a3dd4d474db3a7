/**
 * Browser benchmark of the playground as a reader meets it, in Chromium against dist/
 * (run `npm run build` first):
 * `node bench/browser.ts [chapter-path] [--runs N] [--skip bytes,cold,editor,big,view,closed]`.
 *
 * Prints (issue 12):
 * - bytes before intent on a chapter page: what the page fetches until the network is idle,
 *   plus what the service worker precaches in the background on a first visit (read back from
 *   its Cache Storage), raw and gzip -9 (what a compressing static host would send);
 * - click-to-first-output of an unedited Run on a cold page, for every example of the site
 *   (a fresh browser context each time), with the slowest ones named;
 * - Edit to usable editor, and a Run after an edit once warm, on a realistic program (an
 *   example's own source with one line changed);
 * - the 100,000-task program (bench/workloads/awaited.ts) edited into an example and run in
 *   the page at "instant" (virtual clock) and at the default 1x (the wall-clock loop), with the
 *   Life-cycle view closed (as an example starts) and, at instant, open; timed by the program
 *   itself and from the click to the example's end, beside the CLI running the same program in
 *   this run (interleaved; `--realtime` for 1x), with the page's longest main-thread task
 *   while the program runs (responsiveness) and how many events the page kept.
 * Medians are true medians. Targets: first output <= 150 ms for every example; warm edited
 * Run <= 100 ms; the page within 1.5x of the CLI. Figures only: no assertion here, timings
 * belong in a benchmark, not in a test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { distDir, launchBrowser, newIsolatedPage, serveDist, type StaticServer } from "../tests/support/browser.ts";
import { chapterPagesWithExamples, pagesWithExamples } from "../tests/e2e/playground-helpers.ts";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const skipAt = args.indexOf("--skip");
const skip = new Set(skipAt >= 0 ? args[skipAt + 1]!.split(",") : []);
const pages = pagesWithExamples();
// A chapter page by default: the home page's live example opens its Life-cycle view on Run.
const chapter = args.find((a, i) => !a.startsWith("--") && i !== runsAt + 1 && i !== skipAt + 1) ?? chapterPagesWithExamples()[0]?.path;
if (chapter === undefined) throw new Error("no page with examples in dist/: run `npm run build` first");

/** The true median: the middle value, or the mean of the two middle ones. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Installs, before the page's scripts, a probe that times a click on Run to the first output line. */
async function armFirstOutputProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __firstOutput: Promise<number> };
    w.__firstOutput = new Promise<number>((resolve) => {
      let clickedAt = -1;
      addEventListener(
        "click",
        (e) => {
          const t = e.target as Element | null;
          if (t?.closest("button")?.textContent === "Run") clickedAt = performance.now();
        },
        true,
      );
      new MutationObserver(() => {
        if (clickedAt >= 0 && document.querySelector('[role=log] [data-stream="stdout"], [role=log] [data-stream="stderr"]')) {
          resolve(performance.now() - clickedAt);
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
  });
}

/** The file of dist/ a URL of the local server stands for. */
function distFile(server: StaticServer, url: string): string | null {
  if (!url.startsWith(server.url)) return null;
  let path = join(distDir, decodeURIComponent(new URL(url).pathname).slice(new URL(server.url).pathname.length));
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
  return existsSync(path) ? path : null;
}

async function bytesBeforeIntent(browser: Browser, server: StaticServer): Promise<void> {
  const isolated = await newIsolatedPage(browser, server);
  const bodies: { url: string; raw: number; gz: number }[] = [];
  isolated.page.on("response", async (r) => {
    try {
      const body = await r.body();
      bodies.push({ url: r.url(), raw: body.length, gz: gzipSync(body, { level: 9 }).length });
    } catch {
      /* redirects and aborted requests have no body */
    }
  });
  await isolated.page.goto(server.url + chapter, { waitUntil: "networkidle" });
  // The service worker installs after load and precaches in the background.
  const cached = await isolated.page.evaluate(async () => {
    const reg = await Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(() => r(null), 20_000))]);
    if (!reg) return null;
    const sw = (reg as ServiceWorkerRegistration).active;
    if (sw && sw.state !== "activated") await new Promise((r) => sw.addEventListener("statechange", r));
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(req.url.split("?")[0]!);
    return urls;
  });
  const raw = bodies.reduce((s, b) => s + b.raw, 0);
  const gz = bodies.reduce((s, b) => s + b.gz, 0);
  console.log(`bytes before intent (${chapter}):`);
  console.log(`  the page: ${bodies.length} requests, ${kb(raw)} raw, ${kb(gz)} gzip`);
  for (const b of bodies) console.log(`    ${kb(b.gz).padStart(9)} gz  ${b.url.replace(server.origin, "")}`);
  const editorish = bodies.filter((b) => /monaco|esbuild|\.wasm|ts\.worker|editor/i.test(b.url));
  console.log(`    editor/compiler files fetched by the page before intent: ${editorish.length}`);
  if (cached === null) {
    console.log("  service worker: not active within 20 s (no precache counted)");
  } else {
    const seen = new Set(bodies.map((b) => b.url.split("?")[0]));
    let pRaw = 0;
    let pGz = 0;
    let n = 0;
    for (const url of new Set(cached)) {
      if (seen.has(url)) continue;
      const file = distFile(server, url);
      if (file === null) continue;
      const body = readFileSync(file);
      pRaw += body.length;
      pGz += gzipSync(body, { level: 9 }).length;
      n++;
    }
    console.log(`  service worker precache (background, first visit): ${n} more files, ${kb(pRaw)} raw, ${kb(pGz)} gzip`);
    console.log(`  total before intent: ${kb(raw + pRaw)} raw, ${kb(gz + pGz)} gzip`);
  }
  await isolated.context.close();
}

/** Where the time of the last Run went, from the playground's performance marks. */
async function phases(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const marks = performance.getEntriesByType("mark").filter((m) => m.name.startsWith("playground:"));
    const run = [...marks].reverse().find((m) => m.name === "playground:run");
    const out: Record<string, number> = {};
    if (run === undefined) return out;
    for (const m of marks) if (m.startTime >= run.startTime) out[m.name.slice("playground:".length)] = m.startTime - run.startTime;
    return out;
  });
}

const phaseLog: Record<string, number[]>[] = [{}, {}, {}];
function note(which: 0 | 1 | 2, p: Record<string, number>): void {
  for (const [k, v] of Object.entries(p)) (phaseLog[which]![k] ??= []).push(v);
}
function printPhases(which: 0 | 1 | 2): void {
  const parts = Object.entries(phaseLog[which]!)
    .filter(([k]) => k !== "run")
    .sort((a, b) => median(a[1]) - median(b[1]))
    .map(([k, v]) => `${k} ${median(v).toFixed(0)}`);
  console.log(`  phases after the click (median ms): ${parts.join(", ")}`);
}

/**
 * Click-to-first-output of one example's unedited Run on a cold page (a fresh context), and
 * click to the moment the worker starts evaluating the program (`started`): what separates
 * the two is the program's own doing (an example that sleeps on the wall clock before it
 * prints).
 */
async function coldRun(browser: Browser, server: StaticServer, path: string, id: string): Promise<{ ms: number; started: number }> {
  const isolated = await newIsolatedPage(browser, server);
  await armFirstOutputProbe(isolated.page);
  await isolated.page.goto(server.url + path, { waitUntil: "networkidle" });
  const ex = isolated.page.locator(`asyncio-example[data-example-id="${id}"]`);
  await ex.locator("[role=log]").waitFor({ state: "attached" });
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  const ms = await isolated.page.evaluate(() => (window as unknown as { __firstOutput: Promise<number> }).__firstOutput);
  const p = await phases(isolated.page);
  note(0, p);
  await isolated.context.close();
  return { ms, started: p.started ?? ms };
}

/** Replaces the editor's text (Edit must be open). */
async function setCode(page: Page, code: string): Promise<void> {
  const ex = page.locator("asyncio-example").first();
  await ex.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
}

/** Clicks Run of the first example; resolves with the time to its first stdout line. */
async function timedRun(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>("asyncio-example")!;
    const log = el.querySelector("[role=log]")!;
    const run = [...el.querySelectorAll("button")].find((b) => b.textContent === "Run")!;
    const t = performance.now();
    const first = new Promise<number>((resolve) => {
      const mo = new MutationObserver(() => {
        if (log.querySelector('[data-stream="stdout"]')) {
          mo.disconnect();
          resolve(performance.now() - t);
        }
      });
      mo.observe(log, { childList: true, subtree: true });
    });
    run.click();
    return first;
  });
}

async function waitDone(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector<HTMLElement>("asyncio-example")!.dataset.state === "done", null, { timeout });
}

/** Opens the editor of the first example of the chapter; returns its time to a usable editor. */
async function openEditor(page: Page, server: StaticServer): Promise<number> {
  await page.goto(server.url + chapter, { waitUntil: "networkidle" });
  const ex = page.locator("asyncio-example").first();
  await ex.locator("[role=log]").waitFor({ state: "attached" });
  const t0 = Date.now();
  await ex.getByRole("button", { name: "Edit" }).click();
  await ex.locator(".monaco-editor .view-lines").waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => document.activeElement?.closest(".monaco-editor") !== null, null, { timeout: 120_000 });
  const usable = Date.now() - t0;
  await page.waitForFunction(() => /^Ready/.test(document.querySelector("asyncio-example .pg-status")?.textContent ?? ""), null, { timeout: 120_000 });
  return usable;
}

/** How long a reader takes from the end of an edit to the Run button, for the second warm figure. */
const REACH_MS = 500;

async function editorFigures(
  browser: Browser,
  server: StaticServer,
): Promise<{ usable: number; compiler: number; warmRuns: number[]; reachedRuns: number[]; reachedAhead: number }> {
  const isolated = await newIsolatedPage(browser, server);
  const { page } = isolated;
  const t0 = Date.now();
  const usable = await openEditor(page, server);
  // A realistic edit: the example's own program, one printed string changed each time.
  const source = await page.locator("asyncio-example").first().getAttribute("data-source");
  if (source === null) throw new Error("the first example has no data-source");
  const edited = (i: number) => {
    const m = /print\((["'])/.exec(source);
    return m ? source.slice(0, m.index + 7) + `edit ${i}: ` + source.slice(m.index + 7) : `${source}\n// edit ${i}\n`;
  };
  // Warm: one edited run first (compiler and TypeScript worker both up), then measure, in
  // turns: Run clicked the moment the edit is made (the worst case), and REACH_MS after it
  // (a reader's hand going from the text to the button: the page compiles edits ahead).
  const warmRuns: number[] = [];
  const reachedRuns: number[] = [];
  let reachedAhead = 0;
  let compiler = -1;
  for (let i = 0; i <= runs; i++) {
    await setCode(page, edited(2 * i));
    const ms = await timedRun(page);
    if (i === 0) compiler = Date.now() - t0;
    else {
      warmRuns.push(ms);
      note(1, await phases(page));
    }
    await waitDone(page);
    if (i === 0) continue;
    await setCode(page, edited(2 * i + 1));
    await page.waitForTimeout(REACH_MS);
    reachedRuns.push(await timedRun(page));
    const p = await phases(page);
    if (p["compiled-ahead"] !== undefined) reachedAhead++;
    note(2, p);
    await waitDone(page);
  }
  await isolated.context.close();
  return { usable, compiler, warmRuns, reachedRuns, reachedAhead };
}

/** The 100,000-task workload as a reader's program that prints its own time. */
function bigProgram(): string {
  const src = readFileSync(join(here, "workloads", "awaited.ts"), "utf8");
  return src
    .replace(/^import \{ report \} from "\.\/report\.ts";\n/m, "")
    .replace('import asyncio from "asyncio";', 'import asyncio, { print } from "asyncio";')
    .replace(/report\(t0, ([^;]+)\);/, 'print("seconds", (Date.now() - t0) / 1000);')
    // The editor's type check knows no `performance` (the program's lib is ES only).
    .replace("const t0 = performance.now();", "const t0 = Date.now();");
}

/** The CLI's figures for the same program: its own printed time, and the whole command's wall time. */
function cliRun(program: string, realtime: boolean): { seconds: number; wallSeconds: number } {
  const dir = mkdtempSync(join(tmpdir(), "bench-browser-"));
  const file = join(dir, "main.ts");
  writeFileSync(file, program);
  const t = performance.now();
  const r = spawnSync(process.execPath, [resolve(here, "../src/cli/example.ts"), file, ...(realtime ? ["--realtime"] : [])], { encoding: "utf8" });
  const wallSeconds = (performance.now() - t) / 1000;
  const m = /seconds ([\d.]+)/.exec(r.stdout);
  if (!m) throw new Error(`the CLI run failed: ${r.stderr}`);
  return { seconds: Number(m[1]), wallSeconds };
}

/**
 * Waits until the page's main thread has had no long task for a second (at most 20 s): pasting
 * a program sets the editor and its type checker working, which is not the run's doing.
 */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __tasks: number[][] };
      const last = w.__tasks.at(-1);
      return last === undefined || performance.now() - (last[0]! + last[1]!) > 1000;
    },
    null,
    { timeout: 20_000, polling: 200 },
  ).catch(() => {});
}

interface BigRow {
  page: number[];
  clickToDone: number[];
  cli: number[];
  cliWall: number[];
  /** Longest main-thread task from the click to the end, and while the program ran. */
  longest: number[];
  longestRunning: number[];
  events: number[];
}

/** The three configurations: the default (Life-cycle view closed) at both speeds, and the view open. */
const BIG_CONFIGS = [
  { name: "instant", speed: "instant", view: false },
  { name: "1x", speed: "1x", view: false },
  { name: "instant, Life-cycle view open", speed: "instant", view: true },
] as const;

async function bigRun(browser: Browser, server: StaticServer): Promise<void> {
  const program = bigProgram();
  const isolated = await newIsolatedPage(browser, server);
  const { page } = isolated;
  await openEditor(page, server);
  const ex = page.locator("asyncio-example").first();
  await page.evaluate(() => {
    const w = window as unknown as { __tasks: number[][]; __events: number };
    w.__tasks = [];
    w.__events = -1;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: false });
    document.addEventListener("asyncio-run-end", (e) => {
      w.__events = (e as CustomEvent<{ events: readonly unknown[] }>).detail.events.length;
    });
  });
  const rows = new Map<string, BigRow>();
  let viewOpen = false;
  for (let i = 0; i < Math.max(1, Math.ceil(runs / 2)); i++) {
    for (const config of BIG_CONFIGS) {
      if ((skip.has("view") && config.view) || (skip.has("closed") && !config.view)) continue;
      const row = rows.get(config.name) ?? { page: [], clickToDone: [], cli: [], cliWall: [], longest: [], longestRunning: [], events: [] };
      rows.set(config.name, row);
      await ex.getByLabel("Speed").selectOption(config.speed);
      if (viewOpen !== config.view) {
        await ex.getByRole("button", { name: "Life-cycle" }).click();
        viewOpen = config.view;
      }
      await setCode(page, program);
      await settle(page);
      // Timed in the page: a click on Run to the example's end, with its main-thread tasks.
      const t = await page.evaluate(() => {
        const run = [...document.querySelector("asyncio-example")!.querySelectorAll("button")].find((b) => b.textContent === "Run")!;
        const at = performance.now();
        run.click();
        return at;
      });
      await waitDone(page, 600_000);
      const got = await page.evaluate((clicked) => {
        const w = window as unknown as { __tasks: number[][]; __events: number };
        const done = performance.now();
        const started = performance.getEntriesByName("playground:started").filter((m) => m.startTime >= clicked).pop()?.startTime ?? clicked;
        const during = (from: number) => Math.max(0, ...w.__tasks.filter(([s, d]) => s + d >= from && s <= done).map(([, d]) => d!));
        return { wall: done - clicked, longest: during(clicked), longestRunning: during(started), events: w.__events };
      }, t);
      const out = await page.locator('asyncio-example [role=log] [data-stream="stdout"]').allTextContents();
      const m = /seconds ([\d.]+)/.exec(out.join("\n"));
      if (!m) throw new Error(`no time printed (${config.name}): ${out.join("\n")}`);
      row.page.push(Number(m[1]));
      row.clickToDone.push(got.wall / 1000);
      row.longest.push(got.longest);
      row.longestRunning.push(got.longestRunning);
      row.events.push(got.events);
      const cli = cliRun(program, config.speed === "1x");
      row.cli.push(cli.seconds);
      row.cliWall.push(cli.wallSeconds);
    }
  }
  console.log("the 100,000-task program (bench/workloads/awaited.ts), edited into an example, beside the CLI (--realtime for 1x), interleaved:");
  for (const [name, row] of rows) {
    const ratios = row.page.map((p, i) => p / row.cli[i]!);
    const endToEnd = row.clickToDone.map((p, i) => p / row.cliWall[i]!);
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
    console.log(`  ${name}:`);
    console.log(
      `    the program's own time: page ${median(row.page).toFixed(2)} s, CLI ${median(row.cli).toFixed(2)} s: ` +
        `${median(ratios).toFixed(2)}x the CLI's (range ${range(ratios)}, n=${ratios.length})`,
    );
    console.log(
      `    end to end: click to done ${median(row.clickToDone).toFixed(2)} s, the CLI command ${median(row.cliWall).toFixed(2)} s: ` +
        `${median(endToEnd).toFixed(2)}x (range ${range(endToEnd)})`,
    );
    console.log(
      `    longest main-thread task: ${median(row.longestRunning).toFixed(0)} ms while the program ran, ` +
        `${median(row.longest).toFixed(0)} ms from the click to the end; events the page kept: ${median(row.events)}`,
    );
  }
  await isolated.context.close();
}

const server = await serveDist();
const browser = await launchBrowser();
try {
  console.log(`playground benchmark, Chromium, dist/ (${pages.reduce((s, p) => s + p.ids.length, 0)} examples on ${pages.length} pages)`);
  if (!skip.has("bytes")) await bytesBeforeIntent(browser, server);

  if (!skip.has("cold")) {
    const cold: { id: string; ms: number; started: number }[] = [];
    for (const p of pages) for (const id of p.ids) cold.push({ id, ...(await coldRun(browser, server, p.path, id)) });
    const coldMs = cold.map((c) => c.ms);
    console.log(`click-to-first-output, unedited Run, cold page, every example: ${fmt(coldMs)} (target <= 150 ms for every one)`);
    console.log(`  slowest: ${[...cold].sort((a, b) => b.ms - a.ms).slice(0, 3).map((c) => `${c.id} ${c.ms.toFixed(0)} ms`).join(", ")}`);
    console.log(`  over 150 ms: ${cold.filter((c) => c.ms > 150).length} of ${cold.length}`);
    console.log(`  click to the program's start: ${fmt(cold.map((c) => c.started))}, over 150 ms: ${cold.filter((c) => c.started > 150).length}`);
    const ownWait = cold.filter((c) => c.ms - c.started > 150);
    if (ownWait.length > 0) {
      console.log(`  first output more than 150 ms after the program started (loading the runtime in the worker, then the program's own time before it prints: some sleep on the wall clock first): ${ownWait.map((c) => c.id).join(", ")}`);
    }
    printPhases(0);
  }

  if (!skip.has("editor")) {
    const editor = await editorFigures(browser, server);
    console.log(`Edit to usable editor: ${editor.usable} ms; to the first edited run's output (compiler warm-up included): ${editor.compiler} ms`);
    console.log(`Run after an edit (the example's program, one line changed), warm, clicked at once: ${fmt(editor.warmRuns)} (target <= 100 ms)`);
    printPhases(1);
    console.log(
      `  clicked ${REACH_MS} ms after the edit: ${fmt(editor.reachedRuns)}; the bundle compiled ahead was used in ${editor.reachedAhead} of ${editor.reachedRuns.length}`,
    );
    printPhases(2);
  }

  if (!skip.has("big")) await bigRun(browser, server);
  console.log(`(machine load average while measuring: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
} finally {
  await browser.close();
  await server.close();
}
