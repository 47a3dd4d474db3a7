/**
 * The instrumentation contract: from the event stream alone a subscriber rebuilds every task's
 * state at every loop iteration, and that state is the runtime's own.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { subscribe, type LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { configureHost } from "../../src/asyncio/host.ts";

type State = "created" | "scheduled" | "running" | "suspended" | "done:result" | "done:exception" | "done:cancelled";

/** A subscriber's reconstruction, from events only. */
function reduce(states: Map<number, State>, e: LifecycleEvent): void {
  switch (e.type) {
    case "task-created":
      states.set(e.task, "created");
      break;
    case "step-scheduled":
      states.set(e.task, "scheduled");
      break;
    case "step-begin":
      states.set(e.task, "running");
      break;
    case "task-suspended":
      states.set(e.task, "suspended");
      break;
    case "task-done":
      states.set(e.task, `done:${e.outcome}`);
      break;
    default:
      break;
  }
}

/** The runtime's own view of a task, between two handles. */
function actual(t: asyncio.Task): State {
  if (t.done()) return t.cancelled() ? "done:cancelled" : t.exception() !== null ? "done:exception" : "done:result";
  if (t._fut_waiter !== null && !t._fut_waiter.done()) return "suspended";
  return "scheduled";
}

const tasks: asyncio.Task[] = [];
let events: LifecycleEvent[] = [];
let unsubscribe: (() => void) | null = null;
let writes: string[] = [];

beforeEach(() => {
  tasks.length = 0;
  events = [];
  writes = [];
  configureHost({
    clock: { kind: "virtual" },
    stdout: (t) => {
      writes.push(`stdout ${t}`);
    },
    stderr: () => {},
  });
});
afterEach(() => {
  unsubscribe?.();
  unsubscribe = null;
});

function* child(n: number) {
  for (let i = 0; i < n; i++) yield* asyncio.sleep(i === 0 ? 0 : 0.5);
  if (n === 2) throw new asyncio.ValueError("child 2");
  return n;
}
function* main() {
  for (let n = 1; n <= 4; n++) tasks.push(asyncio.create_task(child(n)));
  const f = asyncio.get_running_loop().create_future();
  tasks.push(asyncio.create_task((function* () { yield* f; })()));
  yield* asyncio.sleep(0);
  tasks[3].cancel("enough");
  asyncio.get_running_loop().call_later(0.7, () => f.set_result(null));
  asyncio.get_running_loop().call_later(9, () => {}).cancel(); // a timer cancelled before it fires
  asyncio.print("main waits");
  yield* asyncio.gather(...tasks, { return_exceptions: true });
}

describe("life-cycle events", () => {
  it("let a subscriber rebuild every task's state at every iteration", async () => {
    const states = new Map<number, State>();
    let checkedIterations = 0;
    unsubscribe = subscribe((e) => {
      events.push(e);
      reduce(states, e);
      if (e.type === "iteration-begin") {
        for (const t of tasks) expect(states.get(t._id), `task ${t.get_name()} at iteration ${e.iteration}`).toBe(actual(t));
        checkedIterations++;
      }
    });
    await asyncio.run(main());
    for (const t of tasks) expect(states.get(t._id)).toBe(actual(t));
    expect(checkedIterations).toBeGreaterThan(5);
    expect(new Set(tasks.map((t) => states.get(t._id)))).toEqual(new Set(["done:result", "done:exception", "done:cancelled"]));
  });

  it("stamp increasing sequence numbers, non-decreasing time and iteration", async () => {
    unsubscribe = subscribe((e) => events.push(e));
    await asyncio.run(main());
    for (let i = 1; i < events.length; i++) {
      expect(events[i].seq).toBe(events[i - 1].seq + 1);
      expect(events[i].time).toBeGreaterThanOrEqual(events[i - 1].time);
      expect(events[i].iteration).toBeGreaterThanOrEqual(events[i - 1].iteration);
    }
    const types = new Set(events.map((e) => e.type));
    for (const t of ["iteration-begin", "task-created", "step-scheduled", "step-begin", "step-end", "task-suspended", "task-woken",
      "cancel-requested", "task-done", "callback-queued", "callback-run", "timer-added", "timer-fired", "handle-cancelled", "print"]) {
      expect(types, t).toContain(t);
    }
  });

  it("report a cancel before the first step as a step whose body never ran", async () => {
    unsubscribe = subscribe((e) => events.push(e));
    let id = -1;
    await asyncio.run(
      (function* () {
        const t = asyncio.create_task(child(1));
        id = t._id;
        t.cancel();
        yield* asyncio.wait([t]);
      })(),
    );
    const mine = events.filter((e) => "task" in e && e.task === id).map((e) => e.type);
    expect(mine).toEqual(["task-created", "step-scheduled", "cancel-requested", "step-begin", "step-end", "task-done"]);
    const begin = events.find((e) => e.type === "step-begin" && e.task === id);
    const end = events.find((e) => e.type === "step-end" && e.task === id);
    expect(begin).toMatchObject({ firstStep: true, throwing: "CancelledError" });
    expect(end).toMatchObject({ outcome: "done", bodyRan: false });
  });

  it("emit print just before the text is written, tagged with the printing task", async () => {
    unsubscribe = subscribe((e) => {
      if (e.type === "print") writes.push(`event ${e.text}`);
    });
    let mainId = -1;
    await asyncio.run(
      (function* () {
        mainId = asyncio.current_task()!._id;
        asyncio.print("one");
        asyncio.print("two", { end: "" });
      })(),
    );
    expect(writes).toEqual(["event one\n", "stdout one\n", "event two", "stdout two"]);
    events.length = 0;
    unsubscribe();
    unsubscribe = subscribe((e) => events.push(e));
    await asyncio.run(
      (function* () {
        asyncio.print("tagged");
      })(),
    );
    const p = events.find((e) => e.type === "print");
    expect(p && p.type === "print" && p.task).toBeGreaterThan(mainId);
  });

  it("say handle-cancelled only for a handle whose callback has not run (a sleep's own cleanup says nothing)", async () => {
    unsubscribe = subscribe((e) => events.push(e));
    await asyncio.run(
      (function* () {
        yield* asyncio.sleep(1); // the timer fires, then sleep() cancels its handle: no event
        const loop = asyncio.get_running_loop();
        const h = loop.call_later(5, () => {});
        h.cancel(); // before it ran: one event
        h.cancel(); // twice: none
        const ran = loop.call_soon(() => {});
        yield* asyncio.sleep(0);
        ran.cancel(); // after it ran: none
      })(),
    );
    const cancelled = events.filter((e) => e.type === "handle-cancelled").map((e) => (e as { handle: number }).handle);
    const ran = new Set(events.filter((e) => e.type === "callback-run" || e.type === "timer-fired").map((e) => (e as { handle: number }).handle));
    expect(cancelled.length).toBe(1);
    expect(ran.has(cancelled[0])).toBe(false);
  });

  it("stop arriving after unsubscribing", async () => {
    unsubscribe = subscribe((e) => events.push(e));
    unsubscribe();
    unsubscribe = null;
    await asyncio.run(main());
    expect(events).toEqual([]);
  });
});

describe("a subscriber that has seen enough", () => {
  it("unsubscribes by returning false, and the runtime stops emitting to it", async () => {
    const asyncio = await import("../../src/asyncio/index.ts");
    let seen = 0;
    const off = subscribe(() => ++seen < 5);
    function* work() {
      for (let i = 0; i < 10; i++) yield* asyncio.sleep(0);
    }
    try {
      await asyncio.run(work());
    } finally {
      off();
    }
    expect(seen).toBe(5);
  });

  it("the host's pulse is called while the loop runs many handles", async () => {
    const asyncio = await import("../../src/asyncio/index.ts");
    let pulses = 0;
    configureHost({ clock: { kind: "virtual" }, stdout: () => {}, stderr: () => {}, pulse: () => void pulses++ });
    function* work() {
      yield* asyncio.sleep(0);
    }
    function* main() {
      const tasks = [];
      for (let i = 0; i < 2000; i++) tasks.push(asyncio.create_task(work()));
      yield* asyncio.gather(...tasks);
    }
    try {
      await asyncio.run(main());
    } finally {
      configureHost({ clock: { kind: "virtual" }, stdout: () => {}, stderr: () => {} });
    }
    // 2,000 tasks of two steps each, and their callbacks: one pulse per 512 handles of an iteration.
    expect(pulses).toBeGreaterThanOrEqual(6);
  });
});
