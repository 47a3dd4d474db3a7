/**
 * The life-cycle diagram's SVG (shared by the overview chapter and the live view): accessible
 * name and description, the seed's nine stops with their numbers, states told apart from
 * points of transition by shape and by words (never by colour alone), links, and arrows for
 * every transition the model can produce.
 */
import { describe, expect, it } from "vitest";
import { EDGES, NODES, renderDiagramSvg, type NodeId } from "../../src/lifecycle/diagram.ts";

const svg = renderDiagramSvg({ idPrefix: "t", links: { created: "/base/03-created/", "cancelled-scheduled": "../04-scheduled/#2a" } });

describe("the life-cycle diagram", () => {
  it("is named by its title and described by its desc; a group when it holds links, else an image", () => {
    expect(svg).toMatch(/^<svg [^>]*role="group" aria-labelledby="t-title" aria-describedby="t-desc"/);
    expect(renderDiagramSvg({ idPrefix: "u" })).toMatch(/^<svg [^>]*role="img" aria-labelledby="u-title" aria-describedby="u-desc"/);
    expect(svg).toContain('<title id="t-title">The life-cycle of an asyncio Task</title>');
    expect(svg).toMatch(/<desc id="t-desc">[^<]*Cancel[^<]*without ever running/);
    // one spelling, Python's, and why, said once
    expect(svg).not.toMatch(/Canceled/);
    expect(svg).toContain("spelled as Python spells it");
  });

  it("has the seed's stops, numbered and labelled, states as boxes and points as dashed ellipses", () => {
    const expected: [string, string, "state" | "point"][] = [
      ["1", "Created", "state"],
      ["2", "Scheduled", "state"],
      ["2a", "Cancelled", "point"],
      ["3", "Running", "state"],
      ["3a", "Suspended", "point"],
      ["3b", "Result", "point"],
      ["3c", "Exception", "point"],
      ["3d", "Cancelled", "point"],
      ["4", "Done", "state"],
    ];
    const byNumber = (a: string[], b: string[]): number => a[0]!.localeCompare(b[0]!);
    expect(NODES.map((n) => [n.number, n.label, n.kind]).sort(byNumber)).toEqual(expected.sort(byNumber));
    for (const n of NODES) {
      const block = new RegExp(`class="lc-node lc-${n.kind}" data-node="${n.id}"[^>]*aria-label="${n.number} ${n.label} \\((state|point of transition)\\): [^"]+"`);
      expect(svg).toMatch(block);
      const inner = svg.slice(svg.indexOf(`data-node="${n.id}"`));
      // the shape itself says which kind it is
      expect(inner.slice(0, inner.indexOf("</text>"))).toContain(n.kind === "state" ? "<rect" : "<ellipse");
    }
    // and the legend says it in words
    expect(svg).toContain(">state</text>");
    expect(svg).toContain(">point of transition</text>");
  });

  it("links the stops given hrefs, and only those", () => {
    expect(svg).toContain('<a class="lc-node lc-state" data-node="created" href="/base/03-created/"');
    expect(svg).toContain('<a class="lc-node lc-point" data-node="cancelled-scheduled" href="../04-scheduled/#2a"');
    expect((svg.match(/<a /g) ?? []).length).toBe(2);
  });

  it("draws an arrow for every move a task can make", () => {
    const has = (from: NodeId, to: NodeId): boolean => EDGES.some((e) => e.from === from && e.to === to);
    expect(has("created", "scheduled")).toBe(true);
    expect(has("scheduled", "running")).toBe(true);
    expect(has("running", "scheduled")).toBe(true); // a bare yield
    expect(has("running", "suspended")).toBe(true);
    expect(has("suspended", "scheduled")).toBe(true); // the wake-up is queued, not run at once
    expect(has("scheduled", "cancelled-scheduled") && has("cancelled-scheduled", "done")).toBe(true);
    for (const p of ["result", "exception", "cancelled-running"] as const) expect(has("running", p) && has(p, "done")).toBe(true);
    expect((svg.match(/class="lc-edge" /g) ?? []).length).toBe(EDGES.length);
    expect(svg).toContain('marker-end="url(#t-arrow)"');
  });

  it("takes its colours from the page (currentColor), not from fixed fills", () => {
    expect(svg).not.toMatch(/fill="#|stroke="#|style="/);
  });
});
