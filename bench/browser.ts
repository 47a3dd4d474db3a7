/**
 * Browser benchmark of the playground on a chapter page, in Chromium against dist/
 * (run `npm run build` first): `node bench/browser.ts [chapter-path] [--runs N]`.
 *
 * Prints:
 * - bytes fetched before intent (page load until the network is idle): raw and gzip -9
 *   (what a compressing static host would send; the local server does not compress);
 * - click-to-first-output of an unedited Run on a cold page (fresh context each time);
 * - Run after an edit once warm (editor open, compiler warmed up);
 * - Edit to usable editor (Monaco created and focused), and to a warm compiler.
 * Targets (issue 4): first output <= 150 ms, warm edited Run <= 100 ms. Figures only: no
 * assertion here, timings belong in a benchmark, not in a test.
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newIsolatedPage, serveDist, type StaticServer } from "../tests/support/browser.ts";
import { pagesWithExamples } from "../tests/e2e/playground-helpers.ts";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const chapter = args.find((a, i) => !a.startsWith("--") && i !== runsAt + 1) ?? pagesWithExamples()[0]?.path;
if (chapter === undefined) throw new Error("no page with examples in dist/: run `npm run build` first");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

/** Installs, before the page's scripts, a probe that times a click to the first output line. */
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
  await isolated.page.waitForTimeout(500);
  const raw = bodies.reduce((s, b) => s + b.raw, 0);
  const gz = bodies.reduce((s, b) => s + b.gz, 0);
  const playground = bodies.filter((b) => /Example\.astro.*index_1|element|playground/.test(b.url));
  console.log(`bytes before intent (${chapter}): ${bodies.length} requests, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
  for (const b of bodies) console.log(`  ${(b.gz / 1024).toFixed(1).padStart(6)} KB gz  ${b.url.replace(server.origin, "")}`);
  if (playground.length > 0) {
    console.log(`  of which the playground element: ${(playground.reduce((s, b) => s + b.gz, 0) / 1024).toFixed(1)} KB gzip`);
  }
  const editorish = bodies.filter((b) => /monaco|esbuild|\.wasm|ts\.worker|editor/i.test(b.url));
  console.log(`  editor/compiler files fetched before intent: ${editorish.length}`);
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

const phaseLog: Record<string, number[]>[] = [{}, {}];
function note(which: 0 | 1, p: Record<string, number>): void {
  for (const [k, v] of Object.entries(p)) (phaseLog[which]![k] ??= []).push(v);
}
function printPhases(which: 0 | 1): void {
  const parts = Object.entries(phaseLog[which]!)
    .filter(([k]) => k !== "run")
    .sort((a, b) => median(a[1]) - median(b[1]))
    .map(([k, v]) => `${k} ${median(v).toFixed(0)}`);
  console.log(`  phases after the click (median ms): ${parts.join(", ")}`);
}

async function coldRun(browser: Browser, server: StaticServer): Promise<number> {
  const isolated = await newIsolatedPage(browser, server);
  await armFirstOutputProbe(isolated.page);
  await isolated.page.goto(server.url + chapter, { waitUntil: "networkidle" });
  const ex = isolated.page.locator("asyncio-example").first();
  await ex.locator("[role=log]").waitFor({ state: "attached" });
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  const ms = await isolated.page.evaluate(() => (window as unknown as { __firstOutput: Promise<number> }).__firstOutput);
  note(0, await phases(isolated.page));
  await isolated.context.close();
  return ms;
}

async function editorFigures(browser: Browser, server: StaticServer): Promise<{ usable: number; compiler: number; warmRuns: number[] }> {
  const isolated = await newIsolatedPage(browser, server);
  const { page } = isolated;
  await page.goto(server.url + chapter, { waitUntil: "networkidle" });
  const ex = page.locator("asyncio-example").first();
  await ex.locator("[role=log]").waitFor({ state: "attached" });
  const t0 = Date.now();
  await ex.getByRole("button", { name: "Edit" }).click();
  await ex.locator(".monaco-editor .view-lines").waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => document.activeElement?.closest(".monaco-editor") !== null, null, { timeout: 120_000 });
  const usable = Date.now() - t0;
  await page.waitForFunction(() => /^Ready/.test(document.querySelector("asyncio-example .pg-status")?.textContent ?? ""), null, { timeout: 120_000 });
  // Warm: one edited run first (compiler and TypeScript worker both up), then measure.
  const warmRuns: number[] = [];
  let compiler = -1;
  for (let i = 0; i <= runs; i++) {
    await ex.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(`import { print } from "asyncio";\nprint("run ${i}");\n`);
    const ms = await page.evaluate(async () => {
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
    if (i === 0) compiler = Date.now() - t0;
    else {
      warmRuns.push(ms);
      note(1, await phases(page));
    }
    await page.waitForFunction(() => document.querySelector<HTMLElement>("asyncio-example")!.dataset.state === "done");
  }
  await isolated.context.close();
  return { usable, compiler, warmRuns };
}

const server = await serveDist();
const browser = await launchBrowser();
try {
  console.log(`playground benchmark, Chromium, ${chapter}`);
  await bytesBeforeIntent(browser, server);
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) cold.push(await coldRun(browser, server));
  console.log(`click-to-first-output, unedited Run, cold page: ${fmt(cold)} (target <= 150 ms)`);
  printPhases(0);
  const editor = await editorFigures(browser, server);
  console.log(`Edit to usable editor: ${editor.usable} ms; to the first edited run's output (compiler warm-up included): ${editor.compiler} ms`);
  console.log(`Run after an edit, warm: ${fmt(editor.warmRuns)} (target <= 100 ms)`);
  printPhases(1);
  const load = (await import("node:os")).loadavg()[0]!;
  console.log(`(machine load average while measuring: ${load.toFixed(1)} on ${(await import("node:os")).cpus().length} cores)`);
} finally {
  await browser.close();
  await server.close();
}
