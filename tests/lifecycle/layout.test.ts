/**
 * The timeline's layout (layout.ts): on the time axis sleeps of 0.5, 1 and 2 s are as long as
 * they are (on the iteration axis they look alike); print marks are big enough to point at;
 * asyncio's own callbacks leave the lanes unless asked for; hostile text in a task's name or a
 * printed line only ever becomes text (a <title>), never an element.
 */
import { describe, expect, it } from "vitest";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { toMarkup, type VNode } from "../../src/lifecycle/dom.ts";
import { PRINT_W, TimelineLayout, iterationAxis, laneItems, laneShapes, niceStep, rulerShapes, timeAxis, type Axis } from "../../src/lifecycle/layout.ts";
import { buildModel, type LifecycleModel } from "../../src/lifecycle/model.ts";
import { sleeper, syntheticRun } from "./synthetic.ts";

function laid(events: LifecycleEvent[]): { model: LifecycleModel; layout: TimelineLayout } {
  const model = buildModel(events);
  const layout = new TimelineLayout();
  layout.ingest(model);
  return { model, layout };
}

/** Widths of the Suspended stretches of a lane, in px, on an axis. */
function suspendedWidths(model: LifecycleModel, layout: TimelineLayout, axis: Axis, task: number): number[] {
  const shapes = laneShapes(layout, model, task, { axis, hatchId: "h", activeKey: null, highlighted: null, showInternals: true });
  return shapes
    .filter((s) => s.tag === "g" && s.children.some((c) => typeof c !== "string" && c.tag === "line"))
    .map((g) => {
      const line = g.children.find((c): c is VNode => typeof c !== "string" && c.tag === "line")!;
      return Number(line.attrs.x2) - Number(line.attrs.x1);
    });
}

describe("the timeline's axes", () => {
  it("on the time axis, sleeps of 0.5, 1 and 2 s are 1 : 2 : 4 long; on the iteration axis they look alike", () => {
    const { model, layout } = laid(sleeper([0.5, 1, 2], () => 0));
    const task = model.taskOrder[0]!;
    const byTime = suspendedWidths(model, layout, timeAxis(layout, model, 700), task);
    expect(byTime.length).toBe(3);
    expect(byTime[1]! / byTime[0]!).toBeCloseTo(2, 5);
    expect(byTime[2]! / byTime[0]!).toBeCloseTo(4, 5);
    const byIteration = suspendedWidths(model, layout, iterationAxis(layout, 700), task);
    expect(new Set(byIteration.map((w) => Math.round(w))).size).toBe(1);
  });

  it("labels the time axis in tidy steps, a bounded number of them, and says when there is no time to spread", () => {
    const { model, layout } = laid(sleeper([0.5, 1, 2], () => 0));
    const axis = timeAxis(layout, model, 700);
    const labels = rulerShapes(layout, model, axis)
      .filter((s) => s.tag === "text")
      .map((s) => s.children[0]);
    expect(labels.slice(0, 3)).toEqual(["0.0 s", "0.5 s", "1.0 s"]);
    expect(labels.length).toBeLessThan(20);
    expect([niceStep(0.13), niceStep(0.3), niceStep(0.7), niceStep(3)]).toEqual([0.2, 0.5, 1, 5]);
    const flat = laid(syntheticRun(3, { cancelEvery: 0 }).map((e) => ({ ...e, time: 5000 })));
    const fa = timeAxis(flat.layout, flat.model, 700);
    expect(fa.flat).toBe(true);
    expect(rulerShapes(flat.layout, flat.model, fa).map((s) => s.children[0])).toEqual(["all at +0.000 s"]);
  });

  it("draws print marks wide enough to point at, set apart when they share a place", () => {
    const { model, layout } = laid(syntheticRun(4, { cancelEvery: 0 }));
    const axis = iterationAxis(layout, 700);
    const main = model.taskOrder[0]!;
    const prints = laneShapes(layout, model, main, { axis, hatchId: "h", activeKey: null, highlighted: null, showInternals: false }).filter((s) =>
      String(s.attrs.class).startsWith("lc-mark-print"),
    );
    expect(prints.length).toBe(1);
    expect(Number(prints[0]!.attrs.width)).toBe(PRINT_W);
    expect(PRINT_W).toBeGreaterThan(9);
  });
});

describe("asyncio's internals on the lanes", () => {
  it("leaves asyncio's own done callbacks and loop callbacks out unless asked, and keeps the reader's and the timers", () => {
    const events = syntheticRun(6, { cancelEvery: 0 });
    const { model, layout } = laid(events);
    const axis = iterationAxis(layout, 700);
    // the loop's lane: timers stay (a sleep ending), gather's callbacks are asyncio's own
    const hidden = laneItems(layout, model, axis, null, false);
    const shown = laneItems(layout, model, axis, null, true);
    expect(shown.length).toBeGreaterThan(hidden.length);
    expect(hidden.every((i) => i.describe().includes("a timer's callback"))).toBe(true);
    expect(hidden.length).toBeGreaterThan(0);
  });
});

describe("hostile text", () => {
  it("stays text: a task named like markup and a printed tag end up in <title> text only", () => {
    const evil = `<img src=x onerror=alert(1)>"><meta http-equiv="refresh" content="0;url=https://evil.example/">`;
    const events = syntheticRun(2, { cancelEvery: 0 }).map((e) =>
      e.type === "task-created" ? { ...e, name: evil } : e.type === "print" ? { ...e, text: evil + "\n" } : e,
    );
    const { model, layout } = laid(events);
    const axis = timeAxis(layout, model, 700);
    for (const lane of [null, ...model.taskOrder]) {
      const markup = toMarkup({ tag: "svg", attrs: {}, children: laneShapes(layout, model, lane, { axis, hatchId: "h", activeKey: null, highlighted: null, showInternals: true }) });
      expect(markup).not.toMatch(/<img|<meta/);
    }
    expect(laneItems(layout, model, axis, model.taskOrder[1]!, true).some((i) => i.describe().includes(evil))).toBe(true);
  });
});
