/**
 * Issue 9, in Chromium against the built site: untrusted input has limits before any work
 * starts. A share link that unpacks without bound, or that is too long, is refused with a
 * message while the page stays responsive; a compile that never ends can be stopped, and
 * times out by itself (esbuild is restarted and the next compile works).
 */
import { expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { makeShareBomb } from "../playground/share-bomb.ts";
import { enhanced, example, outputText, pagesWithExamples, runAndWait, stopAndTime } from "./playground-helpers.ts";
import { edit, expectResponsive, narrow, openExample, openMeasured } from "./security-helpers.ts";

let server: StaticServer;
let browser: Browser;

useSite((s, b) => {
  server = s;
  browser = b;
});

const target = pagesWithExamples()[0]!;
const id = target.ids[0]!;
const link = (packed: string) => `${server.url}${target.path}#example=${encodeURIComponent(id)}&code=${packed}`;
const statusSays = (pattern: string) =>
  new Function(`return /${pattern}/.test(document.querySelector(${JSON.stringify(`asyncio-example[data-example-id="${id}"] [role=status]`)})?.textContent ?? "")`) as () => boolean;

test("a 50 KB share link that unpacks without bound: the page opens, says it cannot read it, nothing freezes", async () => {
  const bomb = makeShareBomb(50_000);
  const opened = await openMeasured(browser, server, link(bomb), statusSays("could not be read"));
  const ex = example(opened.page, id);
  expect(await ex.getByRole("status").textContent()).toMatch(/could not be read: it unpacks to more than 100,000 characters/);
  // The original code is still shown, and nothing ran.
  expect(await ex.locator("pre.pg-plain").isVisible()).toBe(false);
  expect(await ex.locator("[role=log] .pg-line").count()).toBe(0);
  expectResponsive(opened);
  expect(opened.errors).toEqual([]);
  expect(opened.foreignRequests).toEqual([]);
  await opened.context.close();
});

test("a share link over 100 KB is refused before any work, with a message", async () => {
  const opened = await openMeasured(browser, server, link("A".repeat(150_000)), statusSays("too long to open"));
  expect(await example(opened.page, id).getByRole("status").textContent()).toMatch(/too long to open \(150 KB; links up to 100 KB are read\)/);
  expectResponsive(opened);
  await opened.context.close();
});

test("a compile that never ends: Stop ends it at once, and by itself it times out; the next compile works", async () => {
  // Fault injection: while `stallCompiler` is set, what the page sends esbuild's worker (its
  // requests are bytes) is dropped, so a build never ends, the way a stuck compiler looks.
  const isolated = await newIsolatedPage(browser, server, narrow);
  const { page } = isolated;
  await page.addInitScript(() => {
    if (window !== window.top) return;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      if ((window as { stallCompiler?: boolean }).stallCompiler && message instanceof Uint8Array) return;
      return (post as (...args: unknown[]) => void).call(this, message, ...rest);
    };
  });
  await page.goto(server.url + target.path);
  const ex = example(page, id);
  await enhanced(ex);
  await edit(ex, 'import { print } from "asyncio";\nprint("compiled");\n');
  // The compiler is ready (warmed up on Edit), so Run goes straight to the build.
  await expect.poll(() => ex.getByRole("status").textContent(), { timeout: 90_000 }).toMatch(/^Ready/);
  await page.evaluate(() => ((window as { stallCompiler?: boolean }).stallCompiler = true));
  await ex.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForTimeout(1000);
  expect(await ex.getAttribute("data-state")).toBe("starting");
  const stopped = await stopAndTime(ex);
  console.log(`Stop during an endless compile: run over after ${stopped.toFixed(0)} ms`);
  expect(stopped).toBeLessThan(3000);
  expect(await outputText(ex, "info")).toBe("Stopped.");
  expect(await ex.getByRole("button", { name: "Run", exact: true }).isEnabled()).toBe(true);

  // Left alone, the compile is given up after its time limit.
  await runAndWait(ex, undefined, 90_000);
  expect(await outputText(ex, "info")).toMatch(/Compiling took longer than 15 s, the playground's limit: the compiler was stopped and will restart/);
  expect(await ex.getByRole("status").textContent()).toBe("Not run: compiling took too long.");

  // esbuild was restarted: once the compiler answers again, the program compiles and runs.
  await page.evaluate(() => ((window as { stallCompiler?: boolean }).stallCompiler = false));
  await runAndWait(ex, "instant", 90_000);
  expect(await outputText(ex, "stdout")).toBe("compiled");
  expect(isolated.errors).toEqual([]);
  await isolated.context.close();
}, 180_000);

test("code that makes the compiler fail (nested 20,000 deep): the reader is told at once, and the next compile works", async () => {
  const isolated = await openExample(browser, server);
  const { ex } = isolated;
  // An array literal nested 20,000 deep (40,000 characters) overflows the stack of
  // esbuild-wasm's worker, which then never answers (issue 9: "Starting…" for good).
  await edit(ex, `const a = ${"[".repeat(20_000)}${"]".repeat(20_000)};\n`);
  await expect.poll(() => ex.getByRole("status").textContent(), { timeout: 90_000 }).toMatch(/^Ready/);
  const t = Date.now();
  await runAndWait(ex, undefined, 90_000);
  console.log(`compiler failure told after ${Date.now() - t} ms`);
  expect(await outputText(ex, "info")).toMatch(/The compiler failed on this code \(.*call stack.*: very deeply nested code does this\)\. It was restarted\./);
  expect(await ex.getByRole("status").textContent()).toBe("Not run: the compiler failed on this code.");
  await edit(ex, 'import { print } from "asyncio";\nprint("compiled again");\n');
  await runAndWait(ex, "instant", 90_000);
  expect(await outputText(ex, "stdout")).toBe("compiled again");
  expect(isolated.errors).toEqual([]);
  await isolated.context.close();
}, 120_000);

test("code over 100,000 characters is not compiled", async () => {
  const isolated = await openExample(browser, server);
  const { ex } = isolated;
  await edit(ex, `// ${"x".repeat(100_000)}\n`);
  await runAndWait(ex, undefined, 90_000);
  expect(await outputText(ex, "info")).toMatch(/The program is too long \(100,004 characters; the playground takes up to 100,000\)/);
  await isolated.context.close();
});

