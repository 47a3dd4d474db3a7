/**
 * clock.ts, through the model: on the wall clock a `sleep(0.5)` shows as +0.500 s however late
 * its timer fired (within bounds), an iteration with nothing ready (a wake-up a hair before a
 * deadline) is dropped and the next ones numbered as CPython numbers them, prints outside the
 * loop do not send the run's clock back to zero, and a second asyncio.run() continues the time.
 */
import { describe, expect, it } from "vitest";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { buildModel, formatTime } from "../../src/lifecycle/model.ts";
import { STEP_JITTER, TIMER_LATENESS } from "../../src/lifecycle/clock.ts";
import { sleeper } from "./synthetic.ts";

function printTimes(events: LifecycleEvent[]): string[] {
  const m = buildModel(events);
  return m.marks.filter((x) => x.kind === "print").map((x) => formatTime(m.relativeTime(x.time)));
}

describe("the run's clock as shown", () => {
  it("shows sleeps of 0.5, 1 and 2 s at their deadlines, on the virtual clock and on a jittery wall clock alike", () => {
    const exact = printTimes(sleeper([0.5, 1, 2], () => 0));
    expect(exact).toEqual(["0.000", "0.500", "1.500", "3.500"]);
    const jittery = printTimes(sleeper([0.5, 1, 2], (k) => [0.005, 0.012, 0.0031][k]!));
    expect(jittery).toEqual(exact);
  });

  it("shows a real delay as it happened (a timer much later than its deadline)", () => {
    const late = TIMER_LATENESS + 0.75;
    expect(printTimes(sleeper([0.5, 1], (k) => (k === 0 ? late : 0)))).toEqual(["0.000", formatTime(0.5 + late), formatTime(1.5 + late)]);
  });

  it("keeps small advances of the clock from showing, but not large ones", () => {
    const base = sleeper([0.5], () => 0);
    const shifted = base.map((e, i) => (i >= base.length - 3 ? { ...e, time: e.time + STEP_JITTER / 2 } : e));
    expect(printTimes(shifted).at(-1)).toBe("0.500");
    const blocked = base.map((e, i) => (i >= base.length - 3 ? { ...e, time: e.time + 1 } : e));
    expect(printTimes(blocked).at(-1)).toBe("1.500");
  });

  it("drops iterations in which nothing was ready, and numbers the next ones as CPython does", () => {
    const clean = buildModel(sleeper([0.5, 1], () => 0.002));
    const woke = buildModel(sleeper([0.5, 1], () => 0.002, { emptyBefore: [0, 1] }));
    expect(woke.clock.emptyIterations).toBe(2);
    expect(woke.iterations).toBe(clean.iterations);
    expect(woke.transitions.map((t) => [t.taskName, t.from, t.to, t.iteration])).toEqual(clean.transitions.map((t) => [t.taskName, t.from, t.to, t.iteration]));
  });

  it("places prints outside the loop where the run stands, and keeps its iterations and time", () => {
    const run = sleeper([0.5], () => 0);
    const before: LifecycleEvent = { type: "print", text: "before\n", task: null, seq: 0, time: 0, iteration: 0 };
    const after: LifecycleEvent = { type: "print", text: "after\n", task: null, seq: 999, time: 0, iteration: 0 };
    const m = buildModel([before, ...run, after]);
    expect(m.iterations).toBe(3);
    const snap = m.snapshotAt(m.length);
    expect(snap.iteration).toBe(3);
    expect(formatTime(m.relativeTime(snap.time))).toBe("0.500");
    expect(m.outsideLoop(0)).toBe(true);
    expect(m.outsideLoop(m.length - 1)).toBe(true);
    expect(m.outsideLoop(1)).toBe(false);
    const prints = m.marks.filter((x) => x.kind === "print").map((x) => [x.text.trim(), formatTime(m.relativeTime(x.time)), x.iteration]);
    expect(prints).toEqual([
      ["before", "0.000", 0],
      ["sleeping 0.5", "0.000", 1],
      ["done", "0.500", 3],
      ["after", "0.500", 3],
    ]);
  });

  it("continues the time across a second asyncio.run(), whose loop starts its clock again", () => {
    const first = sleeper([0.5], () => 0);
    const second = sleeper([1], () => 0).map((e) => ({ ...e, seq: e.seq + 1000 }));
    const m = buildModel([...first, ...second]);
    expect(m.loops).toBe(2);
    expect(m.clock.loopOf(first.length - 1)).toBe(0);
    expect(m.clock.loopOf(first.length)).toBe(1);
    expect(m.iterations).toBe(6);
    expect(printTimes([...first, ...second])).toEqual(["0.000", "0.500", "0.500", "1.500"]);
    const times = m.events.map((e) => e.time);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
  });
});
