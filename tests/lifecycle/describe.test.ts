/**
 * The sentences and labels of the Life-cycle view (issue 13), on runs recorded from the real
 * runtime: asyncio's own tasks and callbacks named as such, the main task called by its
 * coroutine, one model of position (iteration · handle · running or done) whatever way the
 * reader got there, the end-of-run line counting the iterations the timeline shows, and step
 * mode tied to the code (the runtime's line fields, interface 1 of HELPERS.md).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { describeFrame, describeMark, describePosition, statusText, countTasks } from "../../src/lifecycle/describe.ts";
import { callbackInfo, isInternalTask, taskLabel } from "../../src/lifecycle/internals.ts";
import { buildModel, type LifecycleModel } from "../../src/lifecycle/model.ts";
import { locate } from "../../src/lifecycle/position.ts";
import { computeStops } from "../../src/lifecycle/stops.ts";
import { linesAt, outputAt } from "../../src/lifecycle/trace.ts";
import { root } from "./programs.ts";
import { recordFile } from "./record.ts";

const runs = new Map<string, LifecycleEvent[]>();
const PROGRAMS = ["01-what-is-a-task/coroutine-object", "01-what-is-a-task/independent", "02-life-cycle/tour", "07-done/done-callbacks"];

beforeAll(async () => {
  await Promise.all(PROGRAMS.map(async (p) => runs.set(p, (await recordFile(join(root, "examples", p + ".ts"))).events)));
}, 120_000);

const model = (p: string): LifecycleModel => buildModel(runs.get(p)!);

describe("asyncio's own tasks and callbacks", () => {
  it("names the main task by its coroutine and asyncio.run()'s shutdown tasks as its cleanup", () => {
    const m = model("01-what-is-a-task/independent");
    const labels = m.taskOrder.map((id) => taskLabel(m.task(id)!));
    expect(labels[0]).toBe("Task-1 · main()");
    expect(labels[1]).toBe("Task-2 · ticker()");
    expect(labels.slice(2)).toEqual(["Task-3 · asyncio.run() cleanup", "Task-4 · asyncio.run() cleanup"]);
    expect(m.taskOrder.map((id) => isInternalTask(m.task(id)!))).toEqual([false, false, true, true]);
    expect(countTasks(m)).toBe("2 tasks of yours and 2 of asyncio's own");
  });

  it("tells asyncio's callbacks from the reader's, and explains each", () => {
    const m = model("07-done/done-callbacks");
    const callbacks = [...new Set(m.marks.filter((x) => x.kind === "callback").map((x) => x.text.replace(/^done callback /, "")))];
    const info = callbacks.map((c) => [callbackInfo(c).name, callbackInfo(c).internal]);
    expect(info).toContainEqual(["report()", false]);
    expect(info).toContainEqual(["_wait.<locals>._on_completion()", true]);
    expect(info).toContainEqual(["_run_until_complete_cb()", true]);
    for (const c of callbacks) expect(callbackInfo(c).gloss.length).toBeGreaterThan(10);
    const mark = m.marks.find((x) => x.kind === "callback" && x.text.includes("_run_until_complete_cb"))!;
    expect(describeMark(m, mark)).toMatch(/^Task-1 · main\(\) · done callback _run_until_complete_cb\(\) runs at iteration \d+ \(\+\d\.\d{3} s\): asyncio\.run\(\) stops the loop/);
  });
});

describe("the end of a run", () => {
  it("counts the loop iterations and the loop time the run went through, even with prints after asyncio.run()", () => {
    const events = runs.get("01-what-is-a-task/coroutine-object")!;
    // the program prints after asyncio.run() returned: outside any loop
    expect(events.at(-1)).toMatchObject({ type: "print", iteration: 0, time: 0 });
    const m = buildModel(events);
    const iterations = events.filter((e) => e.type === "iteration-begin").length;
    expect(iterations).toBeGreaterThan(3);
    const text = statusText(m, m.snapshotAt(m.length), null, true);
    expect(text).toContain(`over ${iterations} loop iterations`);
    expect(text).toMatch(/^Run finished: 1 task of yours and 2 of asyncio's own, \d+ transitions over/);
    expect(describePosition(m, m.length)).toBe("After asyncio.run() returned");
    expect(describePosition(m, 1)).toBe("Before asyncio.run()");
  });
});

describe("one model of position", () => {
  it("names a print's moment by its iteration and handle, and says what ran there, not what ran at the start", () => {
    for (const p of ["01-what-is-a-task/independent", "02-life-cycle/tour"]) {
      const m = model(p);
      const prints = m.marks.filter((x) => x.kind === "print" && x.task !== null);
      expect(prints.length).toBeGreaterThan(3);
      for (const mark of prints) {
        const pos = mark.index + 1;
        const where = describePosition(m, pos);
        expect(where, p).toMatch(new RegExp(`^Iteration ${mark.iteration} · handle \\d+ of \\d+ · \\S+ · \\w+\\(\\)'s step \\(running\\)$`));
        const text = describeFrame(m, pos, true);
        expect(text).toContain(`It has just printed "${mark.text.replace(/\n$/, "")}"`);
        // what changed in this handle only: a task created at iteration 0 is not news here
        if (mark.iteration > 1) expect(text).not.toContain("Created → Scheduled");
      }
    }
  });

  it("names every stop of step mode the same way, and each stop's handle as the loop ran it", () => {
    const m = model("01-what-is-a-task/independent");
    const stops = computeStops(m);
    const seen = new Set<string>();
    for (const pos of stops.handleStops.slice(1)) {
      const p = locate(m, pos);
      const where = describePosition(m, pos);
      if (p.iterationStart < 0) {
        expect(where).toBe("Before the loop's first iteration");
        expect(describeFrame(m, pos, true)).toContain("asyncio.run() wrapped the coroutine in a task (Task-1 · main())");
        continue;
      }
      expect(p.inside).toBe(false);
      expect(p.handleIndex).toBeGreaterThanOrEqual(1);
      expect(p.handleIndex).toBeLessThanOrEqual(p.handles);
      expect(where).toMatch(new RegExp(`^Iteration ${p.iteration} · handle ${p.handleIndex} of ${p.handles} · `));
      expect(where).not.toContain("(running)");
      expect(describeFrame(m, pos, true)).toMatch(/ ran\b/);
      seen.add(where);
    }
    // iteration numbers as the events give them, every one of them reached
    const its = new Set(m.events.filter((e) => e.type === "iteration-begin").map((e) => e.iteration));
    for (const it of its) expect([...seen].some((w) => w.startsWith(`Iteration ${it} ·`)), `iteration ${it}`).toBe(true);
    expect(describeFrame(m, 0, true)).toMatch(/^Nothing has run yet/);
    expect(describeFrame(m, m.length, true)).toMatch(/^End of the run\. /);
  });
});

/** The same events without the line fields (as from a runtime that does not track lines). */
function withoutLines(events: LifecycleEvent[]): LifecycleEvent[] {
  return events.map((e) => {
    if (!("line" in e)) return e;
    const { line: _line, ...rest } = e as LifecycleEvent & { line?: number };
    return rest as LifecycleEvent;
  });
}

describe("step mode tied to the code", () => {
  it("puts the running task on the line being run and the suspended ones on their await, when events carry lines", () => {
    // the runtime gives lines of the reader's main.ts (interface 1): here independent.ts
    const m = model("01-what-is-a-task/independent");
    expect(m.hasLines).toBe(true);
    const prints = m.marks.filter((x) => x.kind === "print");
    const tick2 = prints.find((x) => x.text.includes("tick 2"))!;
    const at = linesAt(m.snapshotAt(tick2.index + 1));
    // Task-2 (ticker) runs its print on line 7; Task-1 (main) waits in its sleep on line 17
    expect(at.get(7)).toEqual([{ task: tick2.task, kind: "running" }]);
    expect(at.get(17)?.map((x) => x.kind)).toEqual(["waiting"]);
    // once ticker's step is over it waits on its own sleep, line 8
    const after = locate(m, tick2.index + 1).handleEnd;
    const later = linesAt(m.snapshotAt(after));
    expect(later.get(8)).toEqual([{ task: tick2.task, kind: "waiting" }]);
    expect(later.has(7)).toBe(false);
    // done tasks are on no line
    expect([...linesAt(m.snapshotAt(m.length)).keys()]).toEqual([]);
  });

  it("shows no line at all when the events carry none", () => {
    const m = buildModel(withoutLines(runs.get("01-what-is-a-task/independent")!));
    expect(m.hasLines).toBe(false);
    for (const s of computeStops(m).stops) expect(linesAt(m.snapshotAt(s)).size).toBe(0);
  });

  it("shows the output printed up to the position, and counts the rest", () => {
    const m = model("01-what-is-a-task/independent");
    const prints = m.marks.filter((x) => x.kind === "print");
    const third = prints[2]!;
    const o = outputAt(m, third.index + 1);
    expect(o.lines.map((l) => l.text)).toEqual(prints.slice(0, 3).map((p) => p.text));
    expect(o.later).toBe(prints.length - 3);
    expect(outputAt(m, third.index).lines.length).toBe(2);
    expect(outputAt(m, m.length, 2)).toMatchObject({ skipped: prints.length - 2, later: 0 });
  });
});
