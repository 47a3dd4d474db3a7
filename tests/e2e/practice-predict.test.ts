/**
 * <Predict> questions in Chromium (issue 10): the example's output stays hidden until the
 * reader answers; a choice gets "Right…" or "Not quite…" with the explanation in the
 * question's status, the example's output comes back and the example runs; without
 * JavaScript the choices and the folded answer are readable.
 *
 * The questions are found in the built pages, so every question prose adds is covered by
 * the no-JS check, and the first one of the site drives the behaviour tests.
 */
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, test } from "vitest";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { distDir, newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { examplesDir } from "../parity/examples.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

interface Found {
  path: string;
  example: string;
  answer: number;
}

/** Every <predict-question> of the built site: its page, its example, its right choice. */
function predictions(): Found[] {
  const found: Found[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "index.html") {
        const html = readFileSync(full, "utf8");
        for (const m of html.matchAll(/<predict-question\b[^>]*>/g)) {
          const example = /data-example-id="([^"]+)"/.exec(m[0])?.[1];
          const answer = /data-answer="(\d+)"/.exec(m[0])?.[1];
          if (example && answer) found.push({ path: relative(distDir, dir).split("\\").join("/") + "/", example, answer: Number(answer) });
        }
      }
    }
  };
  if (existsSync(distDir)) walk(distDir);
  return found;
}

const all = predictions();
const first = all[0]!;

function question(page: Page, f: Found): Locator {
  return page.locator(`predict-question[data-example-id="${f.example}"]`).first();
}

function exampleOf(page: Page, f: Found): Locator {
  return page.locator(`asyncio-example[data-example-id="${f.example}"]`);
}

async function open(f: Found): Promise<{ page: Page; close(): Promise<void> }> {
  const { page, context } = await newIsolatedPage(browser, server);
  await page.goto(server.url + f.path);
  await question(page, f).and(page.locator("[data-enhanced=true]")).waitFor();
  await exampleOf(page, f).locator("[role=log]").waitFor({ state: "attached" });
  return { page, close: () => context.close() };
}

test("the site has predictions", () => {
  expect(all.length).toBeGreaterThan(0);
});

describe("a prediction", () => {
  test("hides the output until answered; a wrong choice says Not quite, with the explanation, and runs", async () => {
    const { page, close } = await open(first);
    try {
      const q = question(page, first);
      const group = q.getByRole("radiogroup", { name: /^Predict/ });
      expect(await group.count()).toBe(1);
      const ex = exampleOf(page, first);
      expect(await ex.getByRole("tab", { name: "Output" }).isVisible()).toBe(false);
      expect(await ex.getByRole("tab", { name: "Python" }).isVisible()).toBe(true);
      // A Run before answering shows nothing of the output either.
      await ex.getByRole("button", { name: "Run", exact: true }).click();
      await page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle());
      expect(await ex.locator('[role=log] [data-stream="stdout"]').count()).toBeGreaterThan(0);
      expect(await ex.getByRole("log", { name: "Output" }).isVisible()).toBe(false);

      const choices = group.getByRole("radio");
      const n = await choices.count();
      expect(n).toBeGreaterThanOrEqual(2);
      const wrong = (first.answer + 1) % n;
      await choices.nth(wrong).check();
      const status = q.getByRole("status");
      await expect.poll(() => status.textContent()).toMatch(/^Not quite/);
      const explanation = (await q.locator("[data-predict-explanation]").textContent())!.trim();
      expect(explanation.length).toBeGreaterThan(20);
      expect((await status.textContent())!.replace(/\s+/g, " ")).toContain(explanation.replace(/\s+/g, " ").slice(0, 60));
      // The output is back, and the example ran again to show it.
      expect(await ex.getByRole("tab", { name: "Output" }).isVisible()).toBe(true);
      await ex.getByRole("log", { name: "Output" }).waitFor({ state: "visible" });
      await page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle());
      // The choice marked as CPython's is the recording (or the lines of it asked about).
      const right = await q.locator('.predict-choice[data-mark="right"] pre').textContent();
      const recorded = readFileSync(`${examplesDir}/${first.example}.out`, "utf8");
      expect(recorded).toContain(right!);
      expect(await choices.nth(first.answer).isDisabled()).toBe(true);
      // The answered question (status inside the radiogroup, marks on the choices) passes axe.
      const axe = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
        .include("predict-question")
        .analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    } finally {
      await close();
    }
  });

  test("the right choice says Right; Show me the answer also reveals the output", async () => {
    const { page, close } = await open(first);
    try {
      const q = question(page, first);
      await q.getByRole("radio").nth(first.answer).check();
      await expect.poll(() => q.getByRole("status").textContent()).toMatch(/^Right/);
      expect(await exampleOf(page, first).getByRole("tab", { name: "Output" }).isVisible()).toBe(true);

      await page.reload();
      await question(page, first).and(page.locator("[data-enhanced=true]")).waitFor();
      expect(await exampleOf(page, first).getByRole("tab", { name: "Output" }).isVisible()).toBe(false);
      await question(page, first).getByText("Show me the answer").click();
      expect(await exampleOf(page, first).getByRole("tab", { name: "Output" }).isVisible()).toBe(true);
      expect(await question(page, first).locator("details").textContent()).toContain("CPython 3.13 printed");
    } finally {
      await close();
    }
  });
});

test("without JavaScript every question's choices and its folded answer are readable", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    for (const path of [...new Set(all.map((f) => f.path))]) {
      await page.goto(server.url + path);
      for (const f of all.filter((x) => x.path === path)) {
        const q = question(page, f);
        const group = q.getByRole("radiogroup", { name: /^Predict/ });
        expect(await group.count(), `${f.example}`).toBe(1);
        const radios = await group.getByRole("radio").count();
        expect(radios).toBeGreaterThanOrEqual(2);
        for (const pre of await group.locator("pre").all()) expect(await pre.isVisible()).toBe(true);
        const details = q.locator("details");
        expect(await details.locator("[data-predict-explanation]").isVisible()).toBe(false);
        await details.locator("summary").click();
        expect(await details.locator("[data-predict-explanation]").isVisible()).toBe(true);
        const letter = "ABCD"[f.answer];
        expect(await details.textContent()).toContain(`printed ${letter}`);
      }
    }
  } finally {
    await context.close();
  }
});
