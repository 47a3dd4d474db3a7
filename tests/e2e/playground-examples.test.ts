/**
 * Every example on every page runs in the browser's sandbox and prints what CPython 3.13
 * printed (instant speed: the virtual clock), with the same significant standard-error
 * lines. Unedited Runs use the prebuilt bundles: neither Monaco nor esbuild-wasm may be
 * fetched, and nothing may go to another origin.
 */
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { examplesDir } from "../parity/examples.ts";
import { normalise } from "../parity/normalise.ts";
import { enhanced, example, outputText, pagesWithExamples, runAndWait } from "./playground-helpers.ts";

let server: StaticServer;
let browser: Browser;

useSite((s, b) => {
  server = s;
  browser = b;
});

const pages = pagesWithExamples();

test("the built site has pages with examples", () => {
  expect(pages.length).toBeGreaterThan(0);
});

/** Significant stderr lines as the recorder keeps them (without the exit status line). */
function significant(text: string): string {
  return normalise(text)
    .split("\n")
    .filter((l) => l.length > 0 && !/^\s/.test(l))
    .join("\n");
}

describe.each(pages)("page $path", ({ path, ids }) => {
  test(`runs its ${ids.length} example(s) and prints the recorded output`, async () => {
    const { page, context, foreignRequests, errors } = await newIsolatedPage(browser, server);
    const fetched: string[] = [];
    page.on("request", (r) => fetched.push(r.url()));
    try {
      await page.goto(server.url + path);
      // Errors the page logs while loading are the site's business (tests/site); from here on
      // the runs must add none.
      const errorsAtLoad = errors.length;
      // Monaco's CSS must not land on reading pages (withastro/astro#9495).
      const monacoRules = await page.evaluate(() =>
        [...document.styleSheets].reduce((n, sheet) => {
          try {
            return n + [...sheet.cssRules].filter((r) => r.cssText.includes(".monaco-editor")).length;
          } catch {
            return n;
          }
        }, 0),
      );
      expect(monacoRules, "Monaco CSS rules on a reading page").toBe(0);
      for (const id of ids) {
        const ex = example(page, id);
        await enhanced(ex);
        // A prediction about this example keeps its output hidden until answered (issue 10,
        // tests/e2e/practice-predict.test.ts): the reader's "Show me the answer" reveals it.
        const question = page.locator(`predict-question[data-example-id="${id}"][data-enhanced=true]`);
        for (const q of await question.all()) await q.getByText("Show me the answer").click();
        // The contract for tests (issue 4): five named buttons and an "Output" log, before any run.
        for (const name of ["Run", "Stop", "Edit", "Reset", "Share"]) {
          expect(await ex.getByRole("button", { name, exact: true }).count(), `${name} button of ${id}`).toBe(1);
        }
        // A <Predict> keeps its example's output hidden until it is answered: "Show me the
        // answer" shows it (and runs the example once; that run is left to end first).
        const showMe = page.locator(`predict-question[data-example-id="${id}"] details.predict-answer > summary`);
        if ((await showMe.count()) > 0) {
          await showMe.click();
          await page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle(), { timeout: 20_000 });
        }
        expect(await ex.getByRole("log", { name: "Output" }).count(), `Output log of ${id}`).toBe(1);
        await runAndWait(ex, "instant");
        const recordedOut = readFileSync(`${examplesDir}/${id}.out`, "utf8");
        const recordedErr = readFileSync(`${examplesDir}/${id}.err`, "utf8");
        const stdout = await outputText(ex, "stdout");
        const stderr = await outputText(ex, "stderr");
        expect(normalise(stdout).replace(/\n+$/, ""), `stdout of ${id}`).toBe(recordedOut.replace(/\n+$/, ""));
        const wantErr = recordedErr.replace(/exit status: \d+\n?$/, "").replace(/\n+$/, "");
        expect(significant(stderr), `significant stderr of ${id}`).toBe(wantErr);
        const status = /exit status: (\d+)/.exec(recordedErr)?.[1] ?? "0";
        const shown = await ex.getByRole("status").textContent();
        expect(shown, `status of ${id}`).toBe(status === "0" ? "Finished." : `Finished with exit status ${status}.`);
      }
      expect(fetched.filter((u) => /monaco|esbuild|\.wasm|ts\.worker/i.test(u)), "editor or compiler fetched").toEqual([]);
      expect(foreignRequests).toEqual([]);
      expect(errors.slice(errorsAtLoad)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

// A synchronous loop.run_until_complete() on the wall clock (issue 10, docs/CONTRACTS.md): the
// page's default speed runs these as it runs asyncio.run(), and they print the recording; and
// the programs that SystemExit or KeyboardInterrupt ends, whose reports and status come through
// the worker's unhandledrejection event on the wall clock.
describe("examples that run a loop by hand or end by SystemExit/KeyboardInterrupt, at 1x", () => {
  const ids = ["03-created/factories", "03-created/ensure-future-no-loop", "05-running/systemexit-ends", "05-running/keyboardinterrupt-ends"];
  test.each(ids)("%s prints the recorded output at 1x", async (id) => {
    const found = pages.find((p) => p.ids.includes(id));
    expect(found, `a page embeds ${id}`).toBeDefined();
    const { page, context, errors } = await newIsolatedPage(browser, server);
    try {
      await page.goto(server.url + found!.path);
      const ex = example(page, id);
      await enhanced(ex);
      await runAndWait(ex, "1x");
      const recordedOut = readFileSync(`${examplesDir}/${id}.out`, "utf8");
      const recordedErr = readFileSync(`${examplesDir}/${id}.err`, "utf8");
      expect(normalise(await outputText(ex, "stdout")).replace(/\n+$/, ""), `stdout of ${id}`).toBe(recordedOut.replace(/\n+$/, ""));
      expect(significant(await outputText(ex, "stderr")), `stderr of ${id}`).toBe(recordedErr.replace(/exit status: \d+\n?$/, "").replace(/\n+$/, ""));
      const status = /exit status: (\d+)/.exec(recordedErr)?.[1] ?? "0";
      expect(await ex.getByRole("status").textContent()).toBe(status === "0" ? "Finished." : `Finished with exit status ${status}.`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
