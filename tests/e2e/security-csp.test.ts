/**
 * Issue 9, in Chromium against the built site served as `npm start` serves it
 * (scripts/serve.ts, with the build's `_headers`): the CSP is sent as an HTTP header too, with
 * frame-ancestors 'none' (the site cannot be framed) and nosniff; it requires Trusted Types
 * and allows no inline style element that the build did not hash; and under it every page,
 * the editor (Monaco, its TypeScript worker, esbuild-wasm), a run, the life-cycle view, share
 * links and the search work without a single violation.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { basePath, distDir, launchBrowser, newIsolatedPage, type IsolatedPage, type StaticServer } from "../support/browser.ts";
import { serveSite, type SiteServer } from "../../scripts/serve.ts";
import { metaCsp, parseCsp, unionCsp } from "../../src/security/headers.ts";
import { example, outputText, pagesWithExamples, runAndWait } from "./playground-helpers.ts";
import { readingPages } from "../site/site.ts";

let site: SiteServer;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = await serveSite({ dist: distDir, base: basePath, port: 0 });
  const origin = new URL(site.url).origin;
  server = { origin, url: site.url, close: site.close };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Built pages, as paths under the base ("" is the home page, "404.html" the 404 page). */
function pages(): string[] {
  return readingPages().map((f) => f.replace(/(^|\/)index\.html$/, "$1"));
}

/** Opens a page that records every CSP violation (Trusted Types ones included). */
async function open(path: string, viewport?: { width: number; height: number }): Promise<IsolatedPage & { violations: () => Promise<string[]> }> {
  const isolated = await newIsolatedPage(browser, server, viewport ? { viewport } : {});
  await isolated.page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective}: ${e.blockedURI} ${e.sample}`));
  });
  await isolated.page.goto(server.url + path);
  const violations = () => isolated.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  return { ...isolated, violations };
}

test("the CSP goes as an HTTP header too, with frame-ancestors 'none' and nosniff; it requires Trusted Types and has no 'unsafe-inline' for scripts or style elements", async () => {
  const response = await fetch(site.url);
  const csp = response.headers.get("content-security-policy") ?? "";
  const directives = parseCsp(csp);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("require-trusted-types-for")).toEqual(["'script'"]);
  expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
  expect(directives.get("script-src")).not.toContain("'unsafe-eval'");
  expect(directives.get("style-src-elem")).not.toContain("'unsafe-inline'");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  // The header is the pages' own <meta> policy (their union), plus what a meta cannot carry.
  const metas = readingPages().map((f) => metaCsp(readFileSync(join(distDir, f), "utf8"))!);
  const union = parseCsp(unionCsp(metas));
  directives.delete("frame-ancestors");
  const sorted = (m: Map<string, string[]>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]));
  expect(sorted(directives)).toEqual(sorted(union));
  // Every file is sent with nosniff, and a missing one too.
  for (const path of ["sw.js", "favicon.svg", "no-such-page/"]) {
    expect((await fetch(site.url + path)).headers.get("x-content-type-options"), path).toBe("nosniff");
  }
});

test("the site cannot be framed by another page", async () => {
  const isolated = await newIsolatedPage(browser, server);
  const { page } = isolated;
  // A page of another origin (about:blank's is opaque) that frames the site.
  await page.setContent(`<iframe src="${site.url}" width="400" height="300"></iframe>`);
  await page.waitForTimeout(1500);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  expect(framed === undefined || !framed.url().startsWith(server.origin) || (await framed.title().catch(() => "")) === "").toBe(true);
  await isolated.context.close();
});

test("every page loads with no CSP or Trusted Types violation", async () => {
  for (const path of pages()) {
    const isolated = await open(path);
    await isolated.page.waitForLoadState("load");
    await isolated.page.waitForTimeout(300);
    expect(await isolated.violations(), path).toEqual([]);
    expect(isolated.errors, path).toEqual([]);
    await isolated.context.close();
  }
});

test("the editor, a run, the life-cycle view, a share link and the search work under it", async () => {
  const target = pagesWithExamples()[0]!;
  const id = target.ids[0]!;
  const isolated = await open(target.path);
  const { page } = isolated;
  const ex = example(page, id);
  // Monaco (desktop width): its own Trusted Types policies, its workers, TypeScript.
  await ex.getByRole("button", { name: "Edit" }).click();
  await ex.locator(".monaco-editor").waitFor({ timeout: 90_000 });
  await ex.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(
    'import asyncio, { print } from "asyncio";\nconst n: number = "x";\nfunction* main() {\n  yield* asyncio.sleep(0);\n  print("under the CSP", n);\n}\nasyncio.run(main());\n',
  );
  // Completions and hover docs: Monaco renders them through its own policies.
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText("asyncio.");
  await ex.locator(".monaco-editor .suggest-widget").waitFor({ state: "visible", timeout: 60_000 });
  await page.keyboard.press("Escape");
  await ex.locator(".monaco-editor .view-lines span", { hasText: /^sleep$/ }).first().hover();
  await page.locator(".monaco-hover-content").first().waitFor({ state: "visible", timeout: 60_000 });
  expect(await page.locator(".monaco-hover-content").first().textContent()).toMatch(/sleep/);
  await ex.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(
    'import asyncio, { print } from "asyncio";\nconst n: number = "x";\nfunction* main() {\n  yield* asyncio.sleep(0);\n  print("under the CSP", n);\n}\nasyncio.run(main());\n',
  );
  await runAndWait(ex, "instant", 90_000);
  expect(await outputText(ex, "stdout")).toBe("under the CSP x");
  await page.waitForFunction((el) => (el as HTMLElement).dataset.typecheck === "done", await ex.elementHandle(), { timeout: 90_000 });
  expect(await outputText(ex, "info")).toMatch(/TS2322/);
  await ex.getByRole("button", { name: "Life-cycle" }).click();
  await expect.poll(() => ex.locator(".pg-lifecycle").textContent(), { timeout: 30_000 }).toMatch(/Task-1/);
  // Share, then open the link (decoded in its worker).
  await ex.getByRole("button", { name: "Share" }).click();
  await expect.poll(() => page.url()).toMatch(/#example=/);
  const link = page.url();
  await search(page);
  expect(await isolated.violations()).toEqual([]);
  expect(isolated.errors).toEqual([]);
  await isolated.context.close();

  const other = await open(link.slice(server.url.length), { width: 600, height: 900 });
  const shared = example(other.page, id);
  await expect.poll(() => shared.locator("pre.pg-plain").textContent(), { timeout: 30_000 }).toContain('print("under the CSP", n);');
  expect(await other.violations()).toEqual([]);
  expect(other.errors).toEqual([]);
  await other.context.close();
}, 240_000);

async function search(page: Page): Promise<void> {
  const box = page.getByRole("searchbox", { name: "Search the tutorial" });
  if (!(await box.isVisible())) await page.getByRole("button", { name: /Search/ }).click();
  await box.fill("cancelled");
  await expect.poll(() => page.locator("[data-search-status]").innerText(), { timeout: 30_000 }).toMatch(/match/);
  expect(await page.locator(".search-results a").count()).toBeGreaterThan(0);
}
