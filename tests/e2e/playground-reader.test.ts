/**
 * The playground as a reader meets it (issue 13), in Chromium against the built site: the
 * keyboard focus stays where the reader is, Edit opens the editor in the TypeScript tab,
 * Reset leaves no stale output and can be undone, the Python and Output tabs of edited code
 * say they are the original's, restored code is highlighted, errors are a clickable problems
 * list with the failing line marked, and a phone is not told about Ctrl+Enter.
 *
 * One page on a narrow screen (the plain editor: quick to load) is reused across the tests;
 * each test starts from a reload with storage cleared.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { newIsolatedPage, type IsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { enhanced, example, outputText, chapterPagesWithExamples } from "./playground-helpers.ts";

let server: StaticServer;
let browser: Browser;
const target = chapterPagesWithExamples()[0];

useSite((s, b) => {
  server = s;
  browser = b;
});

const SLOW = { timeout: 15_000 };
let isolated: IsolatedPage;
let page: Page;
let ex: Locator;

async function fresh(): Promise<void> {
  if (target === undefined) throw new Error("no page with examples in dist/");
  await page.goto(server.url + target.path);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  ex = example(page, target.ids[0]!);
  await enhanced(ex);
}

async function done(): Promise<void> {
  await page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await ex.elementHandle(), { timeout: 60_000 });
}

async function plainEdit(code: string): Promise<void> {
  await ex.getByRole("button", { name: "Edit" }).click();
  const area = ex.locator("textarea.pg-textarea");
  await area.fill(code);
}

const focused = () => page.evaluate(() => {
  const el = document.activeElement;
  return el === null ? "" : `${el.tagName.toLowerCase()}${el.className ? `.${el.className.split(" ").join(".")}` : ""}:${el.textContent?.trim().slice(0, 20) ?? ""}`;
});

describe("the playground for a reader", () => {
  beforeAll(async () => {
    isolated = await newIsolatedPage(browser, server, { viewport: { width: 600, height: 900 } });
    page = isolated.page;
  });
  afterAll(async () => {
    expect(isolated.foreignRequests).toEqual([]);
    expect(isolated.errors).toEqual([]);
    await isolated.context.close();
  });

  test("Enter on Run, then on Stop, keeps the focus on Run/Stop, never on <body>", async () => {
    await fresh();
    await ex.getByLabel("Speed").selectOption("instant");
    const run = ex.getByRole("button", { name: "Run", exact: true });
    await run.focus();
    // Record where the focus is at every moment of the run, in the page.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { focusSeen: string[] }).focusSeen = seen;
      const note = () => seen.push(document.activeElement?.tagName ?? "none");
      // Where the focus lands once a move is over (a move passes through <body> in between).
      document.addEventListener("focusout", () => setTimeout(note, 0), true);
      document.addEventListener("focusin", note, true);
    });
    await page.keyboard.press("Enter");
    await done();
    expect(await focused()).toMatch(/^button\.pg-button\.pg-run:Run$/);
    // Stop from the keyboard: the focus goes back to Run, next to it.
    await plainEdit('import asyncio, { print } from "asyncio";\nfunction* main() {\n  print("start");\n  yield* asyncio.sleep(30);\n}\nasyncio.run(main());\n');
    await ex.getByLabel("Speed").selectOption("1x");
    await run.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => outputText(ex, "stdout"), { timeout: 60_000 }).toBe("start");
    await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^button\.pg-button:Stop$/);
    await page.keyboard.press("Enter");
    await done();
    expect(await focused()).toMatch(/^button\.pg-button\.pg-run:Run$/);
    const seen = await page.evaluate(() => (window as unknown as { focusSeen: string[] }).focusSeen);
    expect(seen).not.toContain("BODY");
    expect(seen).toContain("BUTTON");
  });

  test("Edit from the Python tab shows the TypeScript tab with the editor, focused", async () => {
    await fresh();
    await ex.getByRole("tab", { name: "Python" }).click();
    expect(await ex.locator('[data-panel="ts"]').isHidden()).toBe(true);
    await ex.getByRole("button", { name: "Edit" }).focus();
    await page.keyboard.press("Enter");
    const area = ex.locator("textarea.pg-textarea");
    await area.waitFor({ state: "visible", timeout: 30_000 });
    expect(await ex.getByRole("tab", { name: "TypeScript" }).getAttribute("aria-selected")).toBe("true");
    await expect.poll(focused, SLOW).toMatch(/^textarea\.pg-textarea/);
  });

  test("edited code: the Python and Output tabs say they are the original's; Reset clears the output and can be undone", async () => {
    await fresh();
    const edit = 'import { print } from "asyncio";\nprint("my edit");\n';
    await plainEdit(edit);
    expect(await ex.getByRole("tab", { name: "Python (original)" }).count()).toBe(1);
    expect(await ex.getByRole("tab", { name: "Output (original)" }).count()).toBe(1);
    expect(await ex.locator('[data-panel="py"] .pg-original-note').textContent()).toMatch(/original example, not of your edit/);
    await ex.getByLabel("Speed").selectOption("instant");
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    await done();
    expect(await outputText(ex, "stdout")).toBe("my edit");

    // Reset from the keyboard: the output of the edit goes, the focus goes to Undo.
    await ex.getByRole("button", { name: "Reset" }).focus();
    await page.keyboard.press("Enter");
    expect(await ex.locator("[role=log] .pg-line").count()).toBe(0);
    expect(await ex.getByRole("tab", { name: "Python", exact: true }).count()).toBe(1);
    expect(await ex.locator('[data-panel="py"] .pg-original-note').isHidden()).toBe(true);
    expect(await focused()).toMatch(/^button\.pg-button:Undo$/);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("asyncio-example:")).length)).toBe(0);

    // Undo: the edit is back (and saved again), labelled as edited.
    await page.keyboard.press("Enter");
    expect(await ex.locator("textarea.pg-textarea").inputValue()).toBe(edit);
    expect(await ex.locator(".pg-badge").isVisible()).toBe(true);
    expect(await ex.getByRole("button", { name: "Undo", exact: true }).isHidden()).toBe(true);
    await expect.poll(() => page.evaluate(() => Object.values(localStorage).join("")), SLOW).toBe(edit);
  });

  test("restored code is highlighted before Edit", async () => {
    await fresh();
    await plainEdit('import asyncio, { print } from "asyncio";\nprint("restored", 1);\n');
    await page.waitForTimeout(300);
    await page.reload();
    ex = example(page, target!.ids[0]!);
    await enhanced(ex);
    const plain = ex.locator("pre.pg-plain");
    await plain.waitFor({ state: "visible" });
    await page.waitForFunction((el) => (el as HTMLElement).querySelector("pre.pg-plain")?.dataset.highlighted === "true", await ex.elementHandle(), SLOW);
    expect(await plain.textContent()).toBe('import asyncio, { print } from "asyncio";\nprint("restored", 1);\n');
    // Keywords and strings get the theme's colours, as in the static block.
    const colours = await plain.locator(".line > span").evaluateAll((spans) => new Set(spans.map((s) => getComputedStyle(s).color)).size);
    expect(colours).toBeGreaterThan(2);
  });

  test("a syntax error is a red problem that leads to its line; nothing runs", async () => {
    await fresh();
    const code = 'import { print } from "asyncio";\nprint("a");\nprint("never" +);\n';
    await plainEdit(code);
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    await done();
    expect(await ex.getByRole("status").textContent()).toBe("Not run: fix the errors below.");
    const problem = ex.locator('[role=log] [data-kind="problem"]');
    expect(await problem.count()).toBe(1);
    // The reader's column (the bundling step's marks on the line are not counted).
    expect(await problem.textContent()).toBe('main.ts:3:16: error: Unexpected ")"');
    expect(await problem.getAttribute("role")).toBe("button");
    // Red like an error, not grey like an aside.
    const [problemColour, stderrColour] = await problem.evaluate((el) => {
      const probe = document.createElement("div");
      probe.className = "pg-line";
      probe.dataset.stream = "stderr";
      el.parentElement!.append(probe);
      const colours = [getComputedStyle(el).color, getComputedStyle(probe).color];
      probe.remove();
      return colours;
    });
    expect(problemColour).toBe(stderrColour);
    expect(await problem.evaluate((el) => getComputedStyle(el).fontStyle)).toBe("normal");
    await problem.press("Enter");
    const caret = await ex.locator("textarea.pg-textarea").evaluate((a) => (a as HTMLTextAreaElement).selectionStart);
    expect(code.slice(0, caret).split("\n").length).toBe(3);
    expect(await outputText(ex, "stdout")).toBe("");
  });

  test("after a runtime error, the failing line is marked in the editor", async () => {
    await fresh();
    const code = [
      'import asyncio, { ValueError } from "asyncio";',
      "function* work() {",
      "  yield* asyncio.sleep(0);",
      '  throw new ValueError("bad");',
      "}",
      "asyncio.run(work());",
      "",
    ].join("\n");
    await plainEdit(code);
    await ex.getByLabel("Speed").selectOption("instant");
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    await done();
    expect(await outputText(ex, "stderr")).toMatch(/ValueError: bad$/);
    // The plain editor lists its markers under the text.
    await expect.poll(() => ex.locator(".pg-editor .pg-problems").textContent(), SLOW).toBe("Line 4, column 1: ValueError: bad");
    // The next run clears it.
    await ex.locator("textarea.pg-textarea").fill('import { print } from "asyncio";\nprint("fine");\n');
    await ex.getByRole("button", { name: "Run", exact: true }).click();
    await done();
    expect(await ex.locator(".pg-editor .pg-problems").isHidden()).toBe(true);
  });
});

describe("life-cycle events", () => {
  test("kept in full only when someone looks: the view open, or check(); else the first 2,000", async () => {
    const iso = await newIsolatedPage(browser, server, { viewport: { width: 600, height: 900 } });
    const p = iso.page;
    await p.goto(server.url + target!.path);
    const ev = example(p, target!.ids[0]!);
    await enhanced(ev);
    await ev.getByRole("button", { name: "Edit" }).click();
    // 1,500 tasks: several events each, far more than 2,000 in all.
    await ev.locator("textarea.pg-textarea").fill(
      [
        'import asyncio, { print } from "asyncio";',
        "function* noop() { yield* asyncio.sleep(0); }",
        "function* main() {",
        "  const tasks = [];",
        "  for (let i = 0; i < 1500; i++) tasks.push(asyncio.create_task(noop()));",
        "  yield* asyncio.gather(...tasks);",
        '  print("done");',
        "}",
        "asyncio.run(main());",
      ].join("\n"),
    );
    await ev.getByLabel("Speed").selectOption("instant");
    const runEnd = () =>
      ev.evaluate(
        (el) =>
          new Promise<number>((resolve) =>
            el.addEventListener("asyncio-run-end", (e) => resolve((e as CustomEvent<{ events: unknown[] }>).detail.events.length), { once: true }),
          ),
      );
    // The view closed: a plain Run keeps the first 2,000 events only.
    let ended = runEnd();
    await ev.getByRole("button", { name: "Run", exact: true }).click();
    expect(await ended).toBe(2000);
    expect(await outputText(ev, "stdout")).toBe("done");
    // Opened afterwards, the view says the run was cut, and how to see all of it.
    await ev.getByRole("button", { name: "Life-cycle" }).click();
    const note = ev.locator(".pg-lifecycle-note");
    await note.waitFor({ state: "visible" });
    expect(await note.textContent()).toMatch(/only its first 2,000 events were kept/);
    // With the view open, a run keeps all of them, and the note goes.
    ended = runEnd();
    await ev.getByRole("button", { name: "Run", exact: true }).click();
    expect(await ended).toBeGreaterThan(6000);
    expect(await note.isHidden()).toBe(true);
    // check() reads them, so it gets them all, even with the view closed.
    await ev.getByRole("button", { name: "Life-cycle" }).click();
    const checked = await ev.evaluate(async (el) => (await (el as unknown as { check(): Promise<{ events: unknown[] }> }).check()).events.length);
    expect(checked).toBeGreaterThan(6000);
    expect(iso.errors).toEqual([]);
    await iso.context.close();
  }, 120_000);
});

describe("a program that hangs", () => {
  test("what it printed before the hang is shown, then the watchdog's message", async () => {
    const hang = await newIsolatedPage(browser, server, { viewport: { width: 600, height: 900 } });
    await hang.page.goto(server.url + target!.path);
    const hex = example(hang.page, target!.ids[0]!);
    await enhanced(hex);
    await hex.getByRole("button", { name: "Edit" }).click();
    await hex.locator("textarea.pg-textarea").fill(
      'import { print } from "asyncio";\nprint("before the loop");\nprint("and this", 2);\nwhile (true) {}\n',
    );
    await hex.getByRole("button", { name: "Run", exact: true }).click();
    await hang.page.waitForFunction((el) => (el as HTMLElement).dataset.state === "done", await hex.elementHandle(), { timeout: 60_000 });
    expect(await outputText(hex, "stdout")).toBe("before the loop\nand this 2");
    expect(await outputText(hex, "info")).toMatch(/no sign of life/);
    expect(hang.errors).toEqual([]);
    await hang.context.close();
  });
});

describe("on a phone", () => {
  test("the plain editor does not mention keyboard shortcuts", async () => {
    const phone = await newIsolatedPage(browser, server, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await phone.page.goto(server.url + target!.path);
    const pex = example(phone.page, target!.ids[0]!);
    await enhanced(pex);
    await pex.getByRole("button", { name: "Edit" }).click();
    const area = pex.locator("textarea.pg-textarea");
    await area.waitFor({ state: "visible", timeout: 30_000 });
    expect(await area.getAttribute("aria-label")).not.toMatch(/Ctrl|Escape/);
    // Through the editor's and the compiler's messages, up to "Ready".
    await expect.poll(() => pex.getByRole("status").textContent(), { timeout: 60_000 }).toMatch(/^Ready/);
    expect(await pex.getByRole("status").textContent()).not.toMatch(/Ctrl|Escape/);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });
});
