/**
 * The pure helpers behind the practice and site items of issues 10 and 13: stored progress
 * (untrusted), search matching (no backtracked matches), excerpts without HTML parsing, code
 * marks in hints, and the life-cycle step labels.
 */
import { describe, expect, it } from "vitest";
import { parseProgress, summary } from "../../src/site/progress.ts";
import { excerptParts, genuineMatch, queryTerms } from "../../src/site/search-match.ts";
import { codeSpans, plain } from "../../src/site/inline-code.ts";
import { lifecycleSteps, stepKicker } from "../../src/site/steps.ts";

describe("stored progress is untrusted", () => {
  it("keeps well-formed entries only", () => {
    const p = parseProgress(JSON.stringify({ retry: "passed", describe: "tried", "<b>x</b>": "passed", "ok-id": "hacked", n: 1 }));
    expect([...p]).toEqual([["retry", "passed"], ["describe", "tried"]]);
  });

  it("ignores what is not a JSON object, and values that are too long", () => {
    for (const raw of [null, "", "{", "[]", "null", "42", '"passed"', JSON.stringify({ a: "passed" }).padEnd(30_000, " ")]) {
      expect(parseProgress(raw).size, String(raw).slice(0, 20)).toBe(0);
    }
  });

  it("summarises a chapter's exercises", () => {
    const p = new Map([["a", "passed" as const], ["b", "tried" as const]]);
    expect(summary(["a", "b"], p)).toEqual({ text: "1 of 2 exercises passed", state: "tried" });
    expect(summary(["a"], p)).toEqual({ text: "exercise passed", state: "passed" });
    expect(summary(["c"], p).state).toBe("none");
    expect(summary(["b"], p)).toEqual({ text: "exercise tried, not passed yet", state: "tried" });
  });
});

describe("search", () => {
  const content = "An asyncio Task waits at an await; cancel() asks, create_task schedules. x = 1";
  it("a word that is nowhere matches nothing, even when a prefix of it is on the page", () => {
    expect(genuineMatch(content, queryTerms("xyzzy"))).toBe(false);
    expect(genuineMatch(content, queryTerms("orchid"))).toBe(false);
  });

  it("stems, prefixes and names still match", () => {
    expect(genuineMatch(content, queryTerms("awaiting"))).toBe(true);
    expect(genuineMatch(content, queryTerms("cancellation"))).toBe(true);
    expect(genuineMatch(content, queryTerms("crea"))).toBe(true);
    expect(genuineMatch(content, queryTerms("create_task"))).toBe(true);
    expect(genuineMatch(content, queryTerms("Task await"))).toBe(true);
    expect(genuineMatch(content, queryTerms("task xyzzy"))).toBe(false);
    expect(genuineMatch(content, [])).toBe(false);
  });

  it("excerpts become text and marks; other markup is dropped, entities decoded once", () => {
    expect(excerptParts("a <mark>task</mark> &amp; &lt;b&gt; &#39;x&#39;<img src=x onerror=alert(1)>")).toEqual([
      { text: "a ", mark: false },
      { text: "task", mark: true },
      { text: " & <b> 'x'", mark: false },
    ]);
    expect(excerptParts("&amp;lt;")).toEqual([{ text: "&lt;", mark: false }]);
  });
});

describe("code marks in hints", () => {
  it("backticks mark code; an odd one is text", () => {
    expect(codeSpans("call `make()` again")).toEqual([
      { text: "call ", code: false },
      { text: "make()", code: true },
      { text: " again", code: false },
    ]);
    expect(codeSpans("a ` b")).toEqual([{ text: "a ` b", code: false }]);
    expect(plain("use `x` now")).toBe("use x now");
  });
});

describe("life-cycle steps", () => {
  const chapters = [
    { slug: "01-intro" },
    { slug: "03-created", step: "Step 1 · Created" },
    { slug: "04-scheduled", step: "Step 2 · Scheduled" },
    { slug: "05-running", step: "Step 3 · Running" },
    { slug: "06-cancelling", step: "Step 3d · Canceled" },
    { slug: "07-done", step: "Step 4 · Done" },
  ];
  it("one link per step, to the first chapter with it", () => {
    expect(lifecycleSteps(chapters)).toEqual([
      { label: "Created", slug: "03-created" },
      { label: "Scheduled", slug: "04-scheduled" },
      { label: "Running", slug: "05-running" },
      { label: "Done", slug: "07-done" },
    ]);
  });

  it("the kicker does not repeat a step the title names", () => {
    expect(stepKicker("Step 1 · Created", "Step 1: Created")).toBeUndefined();
    expect(stepKicker("Step 3 · Running", "Cancelling")).toBe("Step 3 · Running");
    expect(stepKicker(undefined, "x")).toBeUndefined();
  });
});
