/**
 * Eager tasks in the Life-cycle view (issue 11's runtime, docs/CONTRACTS.md "Instrumentation for
 * eager tasks"): an eager task goes Created → Running without Scheduled; its first step runs
 * inside its creator's handle (no handle of its own, the creator stays Running), and step mode
 * says so; a renamed task is shown by its new name; the diagram draws the eager path only when
 * asked or when a task of the run took it.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { describeFrame, describePosition, taskName } from "../../src/lifecycle/describe.ts";
import { EAGER_EDGE, renderDiagramSvg } from "../../src/lifecycle/diagram.ts";
import { TimelineLayout, iterationAxis, laneShapes } from "../../src/lifecycle/layout.ts";
import { buildModel, stateLabel, type LifecycleModel } from "../../src/lifecycle/model.ts";
import { locate } from "../../src/lifecycle/position.ts";
import { root } from "./programs.ts";
import { recordFile } from "./record.ts";

let events: LifecycleEvent[] = [];
let model: LifecycleModel;

beforeAll(async () => {
  events = (await recordFile(join(root, "tests/cases/eager-first-step.ts"))).events;
  model = buildModel(events);
}, 60_000);

const path = (id: number): string[] => model.transitions.filter((t) => t.task === id).map((t) => `${stateLabel(t.from)} → ${stateLabel(t.to, t.outcome)}`);

describe("an eager task", () => {
  it("goes from Created to Running without being Scheduled, and its creator stays Running", () => {
    const eagerIds = events.flatMap((e) => (e.type === "step-begin" && e.eager === true ? [e.task] : []));
    expect(eagerIds.length).toBeGreaterThanOrEqual(2);
    expect(model.eager).toBe(true);
    for (const id of eagerIds) expect(path(id)[0]).toBe("Created → Running");
    // 'a' never suspends: done inside create_task(); 'b' suspends, then lives like any task
    expect(path(eagerIds[0]!)).toEqual(["Created → Running", "Running → Done (result)"]);
    expect(path(eagerIds[1]!).slice(0, 3)).toEqual(["Created → Running", "Running → Suspended", "Suspended → Scheduled"]);
    // the creator (Task-1) never left Running while its children ran eagerly
    const main = model.taskOrder[0]!;
    const during = events.findIndex((e) => e.type === "step-begin" && e.eager === true);
    expect(model.snapshotAt(during + 1).tasks.find((t) => t.id === main)!.state).toBe("running");
  });

  it("runs inside its creator's handle: no handle of its own, and step mode says it runs eagerly", () => {
    const begins = events.filter((e) => e.type === "step-begin" || e.type === "callback-run");
    const eagerBegins = begins.filter((e) => e.type === "step-begin" && e.eager === true).length;
    expect(model.allFrames().handleFrames.length).toBe(begins.length - eagerBegins);
    const i = events.findIndex((e) => e.type === "print" && e.text.includes("never_suspends runs in Task-2"));
    const p = locate(model, i + 1);
    expect(p.handle).toEqual({ kind: "step", task: model.taskOrder[0] });
    expect(p.inside).toBe(true);
    expect(describePosition(model, i + 1)).toMatch(/^Iteration 1 · handle 1 of 1 · Task-1 · main\(\)'s step \(running\)$/);
    const text = describeFrame(model, i + 1, true);
    expect(text).toMatch(/Inside it, \S+ · never_suspends\(\) runs its first step eagerly: create_task\(\) started it at once/);
    expect(text).toContain("Created → Running");
    // once that step returned, nothing runs eagerly any more
    const after = events.findIndex((e) => e.type === "print" && e.text.startsWith("a created"));
    expect(describeFrame(model, after + 1, true)).not.toContain("eagerly");
  });

  it("is shown by the name set_name() gave it (3.13.0's create_task renames a factory's task)", () => {
    const renamed = events.filter((e) => e.type === "task-renamed");
    expect(renamed.length).toBeGreaterThan(0);
    for (const r of renamed) if (r.type === "task-renamed") expect(taskName(model, r.task).startsWith(`${r.name} · `)).toBe(true);
  });

  it("draws its lane from its creation straight into Running", () => {
    const layout = new TimelineLayout();
    layout.ingest(model);
    const axis = iterationAxis(layout, 700);
    const id = events.find((e) => e.type === "step-begin" && e.eager === true)!;
    const shapes = laneShapes(layout, model, (id as { task: number }).task, { axis, hatchId: "h", activeKey: null, highlighted: null, showInternals: true });
    const classes = shapes.map((s) => String(s.attrs.class ?? s.tag));
    expect(classes.some((c) => c.startsWith("lc-seg-scheduled"))).toBe(false);
    expect(classes.some((c) => c.startsWith("lc-seg-running"))).toBe(true);
  });
});

describe("the eager path on the diagram", () => {
  it("is drawn when asked, hidden until used in the live view, and absent by default", () => {
    const arrow = `data-from="${EAGER_EDGE.from}" data-to="${EAGER_EDGE.to}"`;
    expect(renderDiagramSvg({ idPrefix: "a" })).not.toContain(arrow);
    const always = renderDiagramSvg({ idPrefix: "b", eager: "always" });
    expect(always).toContain(arrow);
    expect(always).toContain(">eager start</text>");
    expect(always).not.toContain("lc-when-used");
    expect(renderDiagramSvg({ idPrefix: "c", eager: "when-used" })).toContain('class="lc-eager lc-when-used"');
  });
});
