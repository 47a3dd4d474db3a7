/**
 * The life-cycle model, built from event streams recorded from the real runtime, against what
 * CPython 3.13 does for the same programs (golden traces in cpython/, checked against a fresh
 * trace when CPython is available), and against itself (stepping, batching, checkpoints).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { CHECKPOINT_EVENTS, LifecycleModel, buildModel, stateLabel, type Snapshot } from "../../src/lifecycle/model.ts";
import { goldenPath, programs, root } from "./programs.ts";
import { havePython, recordFile, recordSource, traceCPython, type CPythonTransition, type Recording } from "./record.ts";
import { syntheticRun } from "./synthetic.ts";

const recordings = new Map<string, Recording>();
const traces = new Map<string, { status: number; transitions: CPythonTransition[] }>();
let python = false;

beforeAll(async () => {
  python = await havePython();
  const list = programs();
  // two at a time: each recording is a child process (a fresh runtime); CPython traces the
  // twin live when it is installed, else the golden trace recorded by update-cpython.ts is used
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const p = list[next++]!;
      recordings.set(p, await recordFile(join(root, p + ".ts")));
      if (python) traces.set(p, await traceCPython(join(root, p + ".py")));
    }
  };
  await Promise.all([worker(), worker()]);
}, 300_000);

function golden(p: string): { status: number; transitions: CPythonTransition[] } {
  const live = traces.get(p);
  if (live) return live;
  if (!existsSync(goldenPath(p))) throw new Error(`no CPython trace for ${p}: run node tests/lifecycle/update-cpython.ts`);
  return JSON.parse(readFileSync(goldenPath(p), "utf8")) as { status: number; transitions: CPythonTransition[] };
}

function modelTransitions(events: LifecycleEvent[]): CPythonTransition[] {
  return buildModel(events).transitions.map((t) => ({
    task: t.taskName,
    from: t.from,
    to: t.to,
    outcome: t.outcome,
    iteration: t.iteration,
  }));
}

/**
 * The order in which asyncio.run's shutdown cancels the tasks left over is the iteration order
 * of a set, which CPython does not make predictable (asyncio-semantics.md §1.4): once the main
 * task is done, transitions of one iteration are compared in task order; everything before is
 * compared exactly as it happened.
 */
function canonical(ts: CPythonTransition[]): CPythonTransition[] {
  const mainDone = ts.findIndex((t) => t.task === ts[0]?.task && t.to === "done");
  if (mainDone < 0) return ts;
  const head = ts.slice(0, mainDone + 1);
  const tail = ts.slice(mainDone + 1).map((t, i) => ({ t, i }));
  tail.sort((a, b) => a.t.iteration - b.t.iteration || a.t.task.localeCompare(b.t.task) || a.i - b.i);
  return [...head, ...tail.map((x) => x.t)];
}

describe("the model's transitions are those CPython goes through", () => {
  it("covers the chosen programs", () => {
    expect(programs().length).toBeGreaterThanOrEqual(20);
    expect(recordings.size).toBe(programs().length);
  });

  for (const p of programs()) {
    it(p, () => {
      const rec = recordings.get(p)!;
      expect(rec.events.length).toBeGreaterThan(0);
      // every event the runtime emits passes the page's check (validate.ts)
      expect(buildModel(rec.events).rejected).toBe(0);
      // same tasks, same states, same order, same loop iteration
      expect(canonical(modelTransitions(rec.events))).toEqual(canonical(golden(p).transitions));
    });
  }

  it("the golden traces of the fixtures are what CPython 3.13 does today", (ctx) => {
    if (!python) {
      // the comparisons above ran against the golden traces
      ctx.skip();
      return;
    }
    // Every stored trace, the examples' too: they are what the comparisons use on a machine
    // without CPython, so a stale one would pass there unseen.
    let checked = 0;
    for (const p of programs()) {
      if (!existsSync(goldenPath(p))) continue;
      const stored = JSON.parse(readFileSync(goldenPath(p), "utf8")) as { status: number; transitions: CPythonTransition[] };
      const live = traces.get(p)!;
      expect({ p, status: stored.status, transitions: canonical(stored.transitions) }).toEqual({ p, status: live.status, transitions: canonical(live.transitions) });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(programs().filter((x) => x.startsWith("tests/")).length);
  });
});

describe("a task cancelled while scheduled", () => {
  for (const p of ["examples/04-scheduled/cancel-before-start"]) {
    it(`goes from Scheduled to Done (cancelled) without ever Running: ${p}`, () => {
      const model = buildModel(recordings.get(p)!.events);
      const cancelled = model.currentTasks().filter((t) => t.state === "done" && t.outcome === "cancelled");
      expect(cancelled.length).toBeGreaterThan(0);
      const neverRan = cancelled.filter((t) => !model.transitions.some((x) => x.task === t.id && x.to === "running"));
      expect(neverRan.length).toBeGreaterThan(0);
      for (const t of neverRan) {
        const path = model.transitions.filter((x) => x.task === t.id).map((x) => `${stateLabel(x.from)} → ${stateLabel(x.to, x.outcome)}`);
        expect(path).toEqual(["Created → Scheduled", "Scheduled → Done (cancelled)"]);
      }
    });
  }

  it("a task cancelled while suspended runs again to meet its CancelledError (07)", () => {
    const model = buildModel(recordings.get("tests/lifecycle/fixtures/07-cancel-suspended")!.events);
    const t2 = model.currentTasks().find((t) => t.name === "Task-2")!;
    const path = model.transitions.filter((x) => x.task === t2.id).map((x) => `${stateLabel(x.from)} → ${stateLabel(x.to, x.outcome)}`);
    expect(path).toEqual([
      "Created → Scheduled",
      "Scheduled → Running",
      "Running → Suspended",
      "Suspended → Scheduled",
      "Scheduled → Running",
      "Running → Done (cancelled)",
    ]);
  });
});

describe("the states at each point equal those CPython prints (01-lifecycle-states)", () => {
  it("matches every `_state=... fut_waiter=...` line of CPython's output", () => {
    const p = "tests/lifecycle/fixtures/01-lifecycle-states";
    const rec = recordings.get(p)!;
    const model = buildModel(rec.events);
    const cpython = readFileSync(join(root, p + ".out"), "utf8").split("\n").filter((l) => l.includes("_state="));
    const prints = rec.events.map((e, i) => ({ e, i })).filter((x) => x.e.type === "print" && x.e.text.includes("_state="));
    expect(prints.map((x) => (x.e.type === "print" ? x.e.text.trimEnd() : ""))).toEqual(cpython);
    // the task shown by the first four lines is Task-2, by the last two Task-3
    const expected = cpython.map((line, k) => {
      const state = /_state=(\w+)/.exec(line)![1];
      const waiter = /fut_waiter=(.*)$/.exec(line)![1]!;
      const task = k < 4 ? "Task-2" : "Task-3";
      // CPython: PENDING with a not-done waiter = suspended; PENDING with none or a done one =
      // scheduled (its step or wake-up is queued); FINISHED / CANCELLED = done
      const s =
        state === "FINISHED"
          ? "Done (result)"
          : state === "CANCELLED"
            ? "Done (cancelled)"
            : waiter.startsWith("<Future pending")
              ? "Suspended"
              : "Scheduled";
      return `${task}: ${s}`;
    });
    const seen = prints.map(({ i }, k) => {
      const snap = model.snapshotAt(i + 1);
      const name = k < 4 ? "Task-2" : "Task-3";
      const t = snap.tasks.find((x) => x.name === name)!;
      return `${name}: ${stateLabel(t.state, t.outcome)}`;
    });
    expect(seen).toEqual(expected);
  });
});

describe("the ready queue and timers rebuilt by the model", () => {
  it("hold exactly as many handles as the runtime reports at each iteration, for every program", () => {
    let iterations = 0;
    for (const [p, rec] of recordings) {
      const model = buildModel(rec.events);
      rec.events.forEach((e, i) => {
        if (e.type !== "iteration-begin") return;
        iterations++;
        const snap = model.snapshotAt(i + 1);
        expect({ p, iteration: e.iteration, ready: snap.ready.length }).toEqual({ p, iteration: e.iteration, ready: e.ready });
        // the runtime's heap, like CPython's, keeps cancelled timers until they reach its top;
        // the model drops them at once (a cancelled sleep's timer will never fire)
        expect(snap.timers.length).toBeLessThanOrEqual(e.timers);
      });
    }
    expect(iterations).toBeGreaterThan(100);
  });

  it("shows a sleeping task's timer until it fires (01-what-is-a-task/independent)", () => {
    const rec = recordings.get("examples/01-what-is-a-task/independent")!;
    const model = buildModel(rec.events);
    const added = rec.events.findIndex((e) => e.type === "timer-added");
    const fired = rec.events.findIndex((e) => e.type === "timer-fired");
    expect(added).toBeGreaterThanOrEqual(0);
    expect(fired).toBeGreaterThan(added);
    const handle = (rec.events[fired] as { handle: number }).handle;
    expect(model.snapshotAt(fired).timers.map((t) => t.handle)).toContain(handle);
    expect(model.snapshotAt(fired + 1).timers.map((t) => t.handle)).not.toContain(handle);
    // a fired timer waits at the end of the ready queue until its callback runs
    const last = model.snapshotAt(fired + 1).ready.at(-1);
    expect(last?.kind === "timer" && last.handle).toBe(handle);
  });

  it("drops the timer of a cancelled sleep (04-scheduled/scheduled-vs-suspended)", () => {
    const rec = recordings.get("examples/04-scheduled/scheduled-vs-suspended")!;
    const model = buildModel(rec.events);
    const added = rec.events.findIndex((e) => e.type === "timer-added");
    const cancelled = rec.events.findIndex((e) => e.type === "handle-cancelled");
    expect(cancelled).toBeGreaterThan(added);
    expect(model.snapshotAt(cancelled).timers.length).toBe(1);
    expect(model.snapshotAt(cancelled + 1).timers.length).toBe(0);
  });
});

function walk(model: LifecycleModel, kind: "handle" | "iteration"): number[] {
  const all = model.allFrames();
  const stops = new Set<number>([0, model.length]);
  for (const i of kind === "handle" ? all.handleFrames : all.iterationFrames) stops.add(all.frames[i]!.end);
  return [...stops].sort((a, b) => a - b);
}

describe("step mode", () => {
  it("stepping forward then back shows the same frames, by handle and by iteration", () => {
    for (const p of ["examples/02-life-cycle/tour", "tests/lifecycle/fixtures/07-cancel-suspended", "examples/07-done/done-callbacks"]) {
      const model = buildModel(recordings.get(p)!.events);
      for (const kind of ["handle", "iteration"] as const) {
        const stops = walk(model, kind);
        expect(stops.length).toBeGreaterThan(3);
        const forward: Snapshot[] = stops.map((s) => model.snapshotAt(s));
        const back: Snapshot[] = stops.slice().reverse().map((s) => model.snapshotAt(s)).reverse();
        expect(back).toEqual(forward);
        // and each frame differs from the next: stepping shows something happen
        for (let i = 1; i < forward.length; i++) expect(forward[i]).not.toEqual(forward[i - 1]);
      }
    }
  });

  it("has one handle frame per handle the loop ran and one frame per iteration", () => {
    const rec = recordings.get("examples/02-life-cycle/tour")!;
    const model = buildModel(rec.events);
    const all = model.allFrames();
    const iterations = rec.events.filter((e) => e.type === "iteration-begin").length;
    // each iteration-begin closes the previous iteration; the events before the first one form a frame
    expect(all.iterationFrames.length).toBe(iterations + 1);
    const handles = rec.events.filter((e) => e.type === "callback-run" || e.type === "step-begin").length;
    expect(all.handleFrames.length).toBe(handles);
    for (const i of all.handleFrames) expect(all.frames[i]!.handle).not.toBeNull();
  });

  it("replays from checkpoints exactly as from the start (a 1,000-task run)", () => {
    const events = syntheticRun(1000);
    expect(events.length).toBeGreaterThan(3 * 4096);
    const model = buildModel(events);
    for (const at of [1, 4095, 4096, 4097, 9000, events.length - 1]) {
      const fresh = buildModel(events.slice(0, at)).snapshotAt(at);
      expect(model.snapshotAt(at)).toEqual(fresh);
    }
  });

  it("spaces its checkpoints by what a copy costs, so many tasks are not copied every 4,096 events, and still replays exactly (issue 12)", () => {
    const events = syntheticRun(12_000);
    const model = buildModel(events);
    const ends = model.checkpointEnds;
    expect(ends.length).toBeGreaterThan(1);
    const gaps = ends.map((end, i) => end - (ends[i - 1] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(CHECKPOINT_EVENTS);
    // one copy of every task per CHECKPOINT_EVENTS made 100,000 events of 50,000 tasks cost
    // ~2 s: with 12,000 tasks alive, a copy is worth far more events than that
    expect(Math.max(...gaps)).toBeGreaterThan(1.5 * CHECKPOINT_EVENTS);
    for (const at of [ends[1]! - 1, ends[1]!, ends[1]! + 1, events.length - 1]) {
      expect(model.snapshotAt(at)).toEqual(buildModel(events.slice(0, at)).snapshotAt(at));
    }
  });

  it("is the same whether events arrive at once or in batches", () => {
    const events = recordings.get("tests/lifecycle/fixtures/07-cancel-suspended")!.events;
    const whole = buildModel(events);
    for (const batch of [1, 3, 17]) {
      const m = new LifecycleModel();
      for (let i = 0; i < events.length; i += batch) m.push(events.slice(i, i + batch));
      expect(m.transitions).toEqual(whole.transitions);
      expect(m.allFrames()).toEqual(whole.allFrames());
      expect([...m.segments]).toEqual([...whole.segments]);
      expect(m.marks).toEqual(whole.marks);
    }
  });

  it("is the same when a batch is taken in slices (push's from/to, as the view does with large batches)", () => {
    const events = recordings.get("tests/lifecycle/fixtures/07-cancel-suspended")!.events;
    const whole = buildModel(events);
    for (const slice of [1, 5]) {
      const m = new LifecycleModel();
      for (let i = 0; i < events.length; i += slice) m.push(events, i, i + slice);
      expect(m.length).toBe(events.length);
      expect(m.transitions).toEqual(whole.transitions);
      expect(m.allFrames()).toEqual(whole.allFrames());
      expect(m.marks).toEqual(whole.marks);
    }
    // a range past the end takes what there is; an empty one takes nothing
    const m = new LifecycleModel();
    m.push(events, 0, 0);
    expect(m.length).toBe(0);
    m.push(events, 0, events.length + 10);
    expect(m.transitions).toEqual(whole.transitions);
  });
});

describe("marks", () => {
  it("record prints (with their seq, on the printing task's lane), cancel requests and done callbacks", () => {
    const rec = recordings.get("examples/07-done/done-callbacks")!;
    const model = buildModel(rec.events);
    const prints = rec.events.filter((e) => e.type === "print");
    expect(model.marks.filter((m) => m.kind === "print").map((m) => m.seq)).toEqual(prints.map((e) => e.seq));
    for (const e of prints) expect(model.printEventIndex(e.seq)).toBe(rec.events.indexOf(e));
    expect(model.marks.some((m) => m.kind === "callback" && m.task !== null)).toBe(true);
    const cancel = buildModel(recordings.get("examples/04-scheduled/cancel-before-start")!.events);
    expect(cancel.marks.some((m) => m.kind === "cancel")).toBe(true);
  });
});

describe("times", () => {
  it("are the loop's, from the start of the run, even when the program printed before asyncio.run()", async () => {
    const rec = await recordSource(`import asyncio, { print } from "asyncio";
print("before the loop");
function* main() {
  yield* asyncio.sleep(1.5);
  print("after 1.5 s");
}
asyncio.run(main());
`);
    expect(rec.stdout).toBe("before the loop\nafter 1.5 s\n");
    const model = buildModel(rec.events);
    const times = model.transitions.map((t) => model.relativeTime(t.time));
    expect(times[0]).toBe(0);
    expect(Math.max(...times)).toBeCloseTo(1.5, 6);
    const prints = model.marks.filter((m) => m.kind === "print").map((m) => model.relativeTime(m.time));
    expect(prints[0]).toBe(0);
    expect(prints[1]).toBeCloseTo(1.5, 6);
  });
});
