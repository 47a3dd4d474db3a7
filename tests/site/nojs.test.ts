/**
 * Without JavaScript the pages are complete: each example shows its TypeScript, and its
 * Python twin and recorded output are one click away (radio tabs + :has()); controls that
 * need JavaScript (search, theme, menu) are not shown; the chapter list stays reachable.
 * With JavaScript the same tabs are ARIA tabs driven by the keyboard.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { newIsolatedPage, type StaticServer } from "../support/browser.ts";
import { useSite } from "../support/use-site.ts";
import { elements, pagePath, pagesWithExamples, parseHtml } from "./site.ts";

let server: StaticServer;
let browser: Browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** The first example of the first page that has one, and what its files say. */
function firstExample() {
  const file = pagesWithExamples()[0];
  const el = elements(parseHtml(file), (e) => e.name === "asyncio-example")[0];
  const id = el.attribs["data-example-id"];
  const dir = process.env.EXAMPLES_DIR ?? "examples";
  const read = (ext: string) => readFileSync(join(dir, `${id}.${ext}`), "utf8");
  const firstLine = (s: string) => s.split("\n").find((l) => l.trim() !== "" && !l.startsWith("#") && !l.startsWith("//"))?.trim() ?? "";
  return { file, id, tsLine: firstLine(read("ts")), pyLine: firstLine(read("py")), outLine: read("out").split("\n")[0].trim(), source: read("ts") };
}

describe("without JavaScript", () => {
  it("an example shows its code, and its Python and output tabs work", async () => {
    expect(pagesWithExamples().length).toBeGreaterThan(0);
    const ex = firstExample();
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(server.origin + pagePath(ex.file));
    const example = p.locator(`asyncio-example[data-example-id="${ex.id}"]`);
    const panel = (name: string) => example.locator(`[data-panel="${name}"]`);
    expect(await panel("ts").isVisible()).toBe(true);
    expect(await panel("ts").innerText()).toContain(ex.tsLine);
    expect(await panel("py").isVisible()).toBe(false);

    await example.getByText("Python", { exact: true }).click();
    expect(await panel("py").isVisible()).toBe(true);
    expect(await panel("ts").isVisible()).toBe(false);
    expect(await panel("py").innerText()).toContain(ex.pyLine);

    await example.getByText("Output", { exact: true }).click();
    expect(await panel("out").isVisible()).toBe(true);
    if (ex.outLine !== "") expect(await panel("out").innerText()).toContain(ex.outLine);

    // The radios are a labelled group that the keyboard can reach.
    expect(await example.getByRole("group", { name: "Show" }).count()).toBe(1);
    expect(await example.getByRole("radio").count()).toBe(3);

    for (const name of ["Search", "Dark theme"]) {
      expect(await p.getByRole("button", { name }).isVisible().catch(() => false), name).toBe(false);
    }
    await noJs.close();
  });

  it("keeps the chapter list on narrow screens", async () => {
    const ex = firstExample();
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const p = await noJs.newPage();
    await p.goto(server.origin + pagePath(ex.file));
    expect(await p.getByRole("navigation", { name: "Chapters", exact: true }).isVisible()).toBe(true);
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= 360)).toBe(true);
    await noJs.close();
  });
});

describe("with JavaScript", () => {
  it("the example carries its exact source and its tabs follow the ARIA tabs pattern", async () => {
    const ex = firstExample();
    const { page, context } = await newIsolatedPage(browser, server);
    await page.goto(server.origin + pagePath(ex.file));
    const example = page.locator(`asyncio-example[data-example-id="${ex.id}"]`);
    expect(await example.getAttribute("data-source")).toBe(ex.source);
    const tabs = example.getByRole("tab");
    expect(await tabs.allInnerTexts()).toEqual(["TypeScript", "Python", "Output"]);
    expect(await example.getByRole("tab", { selected: true }).innerText()).toBe("TypeScript");
    expect(await example.getByRole("tabpanel").count()).toBe(1);

    await example.getByRole("tab", { name: "TypeScript" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await example.getByRole("tab", { selected: true }).innerText()).toBe("Python");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Python");
    expect(await example.getByRole("tabpanel", { name: "Python" }).innerText()).toContain(ex.pyLine);
    await page.keyboard.press("End");
    expect(await example.getByRole("tab", { selected: true }).innerText()).toBe("Output");
    await page.keyboard.press("ArrowRight");
    expect(await example.getByRole("tab", { selected: true }).innerText()).toBe("TypeScript");
    // One tab stop: the unselected tabs are out of the Tab order.
    expect(await tabs.evaluateAll((ts) => ts.map((t) => (t as HTMLElement).tabIndex))).toEqual([0, -1, -1]);
    await context.close();
  });
});
