/**
 * Every <Predict> in the chapters is sound (issue 10): it names an example that exists, in
 * its own chapter, and comes right before that example's <Example>; its right answer is the
 * recording (never typed), each distractor differs from it and from the others, as a reader
 * sees them. The same rules (src/site/predict-choices.ts) fail the build; this test says
 * which question is wrong without building.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { chaptersDir, examplesDir } from "../parity/examples.ts";
import { predictChoices, predictProblems, selectLines, stableShuffle, visible } from "../../src/site/predict-choices.ts";
import { findTags } from "./mdx-props.ts";

interface Question {
  chapter: string;
  line: number;
  example: string;
  question: string;
  wrong: string[];
  lines?: string;
  /** The id of the next <Example> after the question's closing tag. */
  next: string | null;
}

function questions(): Question[] {
  const found: Question[] = [];
  for (const file of readdirSync(chaptersDir).filter((f) => f.endsWith(".mdx")).sort()) {
    const chapter = file.replace(/\.mdx$/, "");
    const text = readFileSync(join(chaptersDir, file), "utf8");
    for (const tag of findTags(text, "Predict")) {
      const at = text.split("\n").slice(0, tag.line - 1).join("\n").length;
      const close = text.indexOf("</Predict>", at);
      const next = /<Example\b[^>]*?\bid=["']([^"']+)["']/.exec(text.slice(close === -1 ? at : close));
      const p = tag.props;
      found.push({
        chapter,
        line: tag.line,
        example: String(p.example ?? ""),
        question: String(p.question ?? ""),
        wrong: Array.isArray(p.wrong) ? p.wrong : [],
        lines: typeof p.lines === "string" ? p.lines : undefined,
        next: next?.[1] ?? null,
      });
    }
  }
  return found;
}

const all = questions();

describe("the questions' rules", () => {
  it("the order of the choices is stable and uses every choice once", () => {
    const items = ["a", "b", "c", "d"];
    expect(stableShuffle(items, "seed")).toEqual(stableShuffle(items, "seed"));
    expect([...stableShuffle(items, "seed")].sort()).toEqual(items);
    // Not always the identity: over a few seeds the right answer moves.
    const firsts = new Set(["s1", "s2", "s3", "s4", "s5", "s6"].map((s) => stableShuffle(items, s)[0]));
    expect(firsts.size).toBeGreaterThan(1);
  });

  it("a distractor equal to the recording, as a reader sees it, is refused", () => {
    const spec = { example: "x/y", question: "What?", recorded: "a\nb\n", wrong: ["a  \nb\n\n"] };
    expect(predictProblems(spec).join()).toMatch(/is what CPython printed/);
    expect(() => predictChoices(spec)).toThrow(/is what CPython printed/);
    expect(predictProblems({ ...spec, wrong: ["b\na", "b\na "] }).join()).toMatch(/repeats/);
    expect(predictProblems({ ...spec, wrong: [] }).join()).toMatch(/1 to 3/);
    expect(predictProblems({ ...spec, wrong: ["1", "2", "3", "4"] }).join()).toMatch(/1 to 3/);
  });

  it("lines selects part of the recording; a range past its end is refused", () => {
    expect(selectLines("a\nb\nc\n", "2-3")).toBe("b\nc");
    expect(selectLines("a\nb\nc\n", "1")).toBe("a");
    expect(() => selectLines("a\nb\n", "2-5")).toThrow(/2 line/);
    expect(() => selectLines("a\n", "x")).toThrow(/expected/);
    const { choices, answer } = predictChoices({ example: "x/y", question: "Q", recorded: "a\nb\nc\n", lines: "2-3", wrong: ["c\nb"] });
    expect(choices[answer]).toBe("b\nc");
    expect(visible("x  \n")).toBe("x");
  });
});

describe("every <Predict> in the chapters", () => {
  it("there are questions", () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(all.map((q) => [`${q.chapter}.mdx:${q.line} ${q.example}`, q] as [string, Question]))("%s", (_name, q) => {
    const out = join(examplesDir, `${q.example}.out`);
    expect(existsSync(join(examplesDir, `${q.example}.ts`)), `${q.example} is not an example`).toBe(true);
    expect(existsSync(out), `${q.example} has no recording`).toBe(true);
    expect(q.example.split("/")[0], "the example belongs to another chapter").toBe(q.chapter);
    expect(q.next, "the question must come right before its <Example>").toBe(q.example);
    const recorded = readFileSync(out, "utf8");
    expect(predictProblems({ example: q.example, question: q.question, recorded, wrong: q.wrong, lines: q.lines })).toEqual([]);
    // Each distractor differs from the recording, however the lines are chosen.
    for (const w of q.wrong) expect(visible(w)).not.toBe(selectLines(recorded, q.lines));
  });

  it("no example has two questions about the same lines", () => {
    const keys = all.map((q) => `${q.example} ${q.lines ?? "all"}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
