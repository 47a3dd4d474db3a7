/**
 * Prints, for every page of the built site (dist/, or $DIST_DIR), what a reader downloads
 * before showing any intent to edit: every response while the page loads and is scrolled to
 * the end in Chromium (service worker blocked, so its precaching is not counted here), with
 * each file's size raw, gzip -9 and brotli -11 (what a compressing host sends), and the
 * number of render-blocking stylesheets in the HTML. The budget is 50 KB compressed.
 *
 *   npm run build && node scripts/measure-pages.ts            (add --json for machine output)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { DomUtils, parseDocument } from "htmlparser2";
import { distDir, launchBrowser, serveDist } from "../tests/support/browser.ts";

const budget = 50 * 1024;

interface Row {
  page: string;
  requests: number;
  raw: number;
  gzip: number;
  brotli: number;
  blockingStylesheets: number;
  files: string[];
}

function sizes(file: string): { raw: number; gzip: number; brotli: number } {
  const body = readFileSync(file);
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function blockingStylesheets(html: string): number {
  const doc = parseDocument(html);
  return DomUtils.findAll((el) => {
    if (el.name !== "link") return false;
    const rel = (el.attribs.rel ?? "").toLowerCase().split(/\s+/);
    const media = (el.attribs.media ?? "all").toLowerCase();
    return rel.includes("stylesheet") && !rel.includes("alternate") && (media === "all" || media === "screen");
  }, doc.children).length;
}

const server = await serveDist();
const browser = await launchBrowser();
const pages = ["", ...readdirPages()];
const rows: Row[] = [];
for (const page of pages) {
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1280, height: 900 } });
  const seen = new Set<string>();
  context.on("request", (r) => {
    if (r.url().startsWith(server.origin)) seen.add(new URL(r.url()).pathname);
  });
  const tab = await context.newPage();
  await tab.goto(server.url + page, { waitUntil: "networkidle" });
  // Reading to the end: anything loaded on visibility counts.
  for (let y = 0; y < (await tab.evaluate(() => document.body.scrollHeight)); y += 700) {
    await tab.evaluate((top) => window.scrollTo(0, top), y);
    await tab.waitForTimeout(60);
  }
  await tab.waitForLoadState("networkidle");
  await context.close();
  const row: Row = { page: page || "(home)", requests: seen.size, raw: 0, gzip: 0, brotli: 0, blockingStylesheets: 0, files: [] };
  for (const path of seen) {
    let rel = decodeURIComponent(path.slice(server.url.length - server.origin.length));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const s = sizes(join(distDir, rel));
    row.raw += s.raw;
    row.gzip += s.gzip;
    row.brotli += s.brotli;
    row.files.push(`${rel} ${s.gzip}`);
    if (rel.endsWith(".html")) row.blockingStylesheets += blockingStylesheets(readFileSync(join(distDir, rel), "utf8"));
  }
  rows.push(row);
}
await browser.close();
await server.close();

function readdirPages(): string[] {
  const home = readFileSync(join(distDir, "index.html"), "utf8");
  const doc = parseDocument(home);
  const list = DomUtils.findAll((el) => el.name === "ol" && el.attribs.class === "chapter-list", doc.children)[0];
  const base = server.url.slice(server.origin.length);
  return DomUtils.findAll((el) => el.name === "a", list?.children ?? []).map((a) => a.attribs.href.slice(base.length));
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
  console.log(`${"page".padEnd(28)} req     raw KB  gzip KB  br KB   blocking-css  budget(50 KB gzip)`);
  for (const r of rows) {
    console.log(`${r.page.padEnd(28)} ${String(r.requests).padStart(3)} ${kb(r.raw)}  ${kb(r.gzip)} ${kb(r.brotli)}   ${String(r.blockingStylesheets).padStart(6)}        ${r.gzip <= budget ? "ok" : "OVER"}`);
  }
  const worst = rows.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  console.log(`\nlargest: ${worst.page}, ${(worst.gzip / 1024).toFixed(1)} KB gzip:\n  ${worst.files.join("\n  ")}`);
}
