/**
 * Issue 9 and issue 13, in Chromium against the built site: the sandbox runner is a srcdoc
 * document whose CSP allows its own script (by hash) and blob: only, so a program can load
 * nothing from the site (importScripts, import(), fetch), and Run works offline once the
 * site has been visited (a sandboxed frame is never served by the service worker, so the
 * runner must not be fetched).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import type { Browser } from "playwright-core";
import type { StaticServer } from "../support/browser.ts";
import { examplesDir } from "../parity/examples.ts";
import { normalise } from "../parity/normalise.ts";
import { useSite } from "../support/use-site.ts";
import { enhanced, example, outputText, pagesWithExamples, runAndWait } from "./playground-helpers.ts";
import { edit, openExample } from "./security-helpers.ts";

let server: StaticServer;
let browser: Browser;

useSite((s, b) => {
  server = s;
  browser = b;
});

test("a program can load nothing from the site: the runner allows its own script and blob: only", async () => {
  const isolated = await openExample(browser, server);
  const { page, context, ex } = isolated;
  // Requests for the probes that left the browser: answered, or failed for another reason
  // than the CSP (Chromium reports a request the CSP blocked as failed with "csp").
  const probes: string[] = [];
  context.on("requestfinished", (r) => {
    if (r.url().includes("probe-")) probes.push(r.url());
  });
  context.on("requestfailed", (r) => {
    if (r.url().includes("probe-") && r.failure()?.errorText !== "csp") probes.push(r.url());
  });
  const origin = server.url;
  await edit(
    ex,
    [
      'import { print } from "asyncio";',
      "const g = globalThis as any;",
      `const site = ${JSON.stringify(origin)};`,
      "const tries: [string, () => unknown][] = [",
      '  ["importScripts", () => g.importScripts(site + "probe-importscripts.js")],',
      '  ["import", () => import(site + "probe-import.js")],',
      '  ["fetch", () => fetch(site + "probe-fetch.json")],',
      '  ["worker", () => new Worker(site + "probe-worker.js")],',
      "];",
      "for (const [name, f] of tries) {",
      "  try { await f(); print(name, 'LOADED'); } catch (e) { print(name, 'refused'); }",
      "}",
    ].join("\n"),
  );
  await runAndWait(ex, undefined, 90_000);
  expect(await outputText(ex, "stdout")).toBe(["importScripts refused", "import refused", "fetch refused", "worker refused"].join("\n"));
  expect(probes).toEqual([]);
  // The runner's document is a srcdoc (nothing fetched), with its own CSP on top of the page's.
  const srcdoc = await page.locator("iframe[sandbox]").getAttribute("srcdoc");
  expect(await page.locator("iframe[sandbox]").getAttribute("sandbox")).toBe("allow-scripts");
  expect(await page.locator("iframe[sandbox]").getAttribute("src")).toBeNull();
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(srcdoc ?? "")?.[1] ?? "";
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' blob:(;|$)/);
  expect(csp).toMatch(/connect-src 'none'/);
  expect(csp).not.toMatch(/'self'|'unsafe/);
  expect(isolated.foreignRequests).toEqual([]);
  await context.close();
});

test("Run works offline after one visit", async () => {
  const target = pagesWithExamples()[0]!;
  const id = target.ids[0]!;
  const isolated = await openExample(browser, server);
  const { page, context } = isolated;
  // Online: the service worker installs and takes the page; one Run fetches the program.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  let ex = example(page, id);
  await enhanced(ex);
  await runAndWait(ex, "instant", 60_000);
  const recorded = readFileSync(`${examplesDir}/${id}.out`, "utf8").replace(/\n+$/, "");
  const stdout = async () => normalise(await outputText(ex, "stdout")).replace(/\n+$/, "");
  expect(await stdout()).toBe(recorded);

  await context.setOffline(true);
  await page.reload();
  ex = example(page, id);
  await enhanced(ex);
  await runAndWait(ex, "instant", 60_000);
  expect(await stdout()).toBe(recorded);
  expect(await outputText(ex, "info")).toBe("");
  expect(await ex.getByRole("status").textContent()).toMatch(/^Finished/);
  await context.close();
});
