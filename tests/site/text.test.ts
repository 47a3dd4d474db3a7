/**
 * The built pages read right (issue 13): no two words glued together where the source broke
 * a line before a link or code (Astro's HTML compression drops that whitespace: "Go tothe
 * overview", "documentation,Coroutines"), captions without internal example ids, no step
 * label repeated right above a title that says it, and the home page's steps are links.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byTag, distDir, elements, parseHtml, readingPages, text } from "./site.ts";

/** Inline elements glued to the word before them, outside code blocks, as "…word<code>…". */
function glued(file: string): string[] {
  const html = readFileSync(join(distDir, file), "utf8")
    .replace(/<pre\b[\s\S]*?<\/pre>/g, "")
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/g, "");
  return [...html.matchAll(/[\p{L}\p{N},;:](<(?:a|code|strong|em|kbd)\b[^>]*>)/gu)].map(
    (m) => html.slice(Math.max(0, m.index - 30), m.index + m[0].length + 20).replace(/\s+/g, " "),
  );
}

describe("the text of every page", () => {
  it.each(readingPages())("%s has no word glued to the link or code after it", (file) => {
    expect(glued(file)).toEqual([]);
  });

  it("the 404 page and the footer read with their spaces", () => {
    const notFound = text(byTag(parseHtml("404.html"), "main")[0]!);
    expect(notFound).toContain("Go to the overview");
    const footer = text(byTag(parseHtml("index.html"), "footer")[0]!);
    expect(footer).toContain("documentation, Coroutines and Tasks");
  });

  it("example captions show titles, not internal ids", () => {
    for (const file of readingPages()) {
      for (const fig of elements(parseHtml(file), (el) => el.name === "asyncio-example")) {
        const id = fig.attribs["data-example-id"]!;
        for (const caption of byTag(fig, "figcaption", "p").filter((el) => /caption/.test(el.attribs.class ?? ""))) {
          expect(text(caption), `${file}: ${id}`).not.toContain(id);
        }
      }
    }
  });

  it("a chapter's kicker does not repeat the step its title names", () => {
    for (const file of readingPages().filter((f) => /^\d\d-/.test(f))) {
      const doc = parseHtml(file);
      const title = text(byTag(doc, "h1")[0]!);
      const kicker = text(elements(doc, (el) => (el.attribs.class ?? "").includes("chapter-kicker"))[0]!);
      const step = /Step \d+\w*/.exec(title)?.[0];
      if (step) expect(kicker, file).not.toContain(step);
    }
  });

  it("the home page's life-cycle steps are links to their chapters", () => {
    const strip = elements(parseHtml("index.html"), (el) => (el.attribs.class ?? "").includes("lifecycle-strip"))[0]!;
    const items = byTag(strip, "li");
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const li of items) {
      const a = byTag(li, "a")[0];
      expect(a, text(li)).toBeDefined();
      expect(a!.attribs.href).toMatch(/\/\d\d-[\w-]+\/$/);
    }
  });
});
