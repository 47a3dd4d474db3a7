/**
 * The page's check of life-cycle events (issue 9): `parseEvent` accepts exactly the shapes of
 * instrument.ts and copies only their fields; `LifecycleModel.push` ignores (and counts)
 * everything else, so that a forged batch from the sandbox can neither reach the DOM as
 * markup nor make the view do unbounded work.
 */
import { describe, expect, it } from "vitest";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { LifecycleModel, MAX_EVENTS, buildModel } from "../../src/lifecycle/model.ts";
import { MAX_LABEL, MAX_PRINT, lineOf, parseEvent } from "../../src/lifecycle/validate.ts";
import { syntheticRun } from "./synthetic.ts";

const base = { seq: 7, time: 100.5, iteration: 3 };

/** One well-formed event of every type. */
const good: LifecycleEvent[] = [
  { ...base, type: "iteration-begin", ready: 2, timers: 1 },
  { ...base, type: "task-created", task: 2, name: "Task-1", coro: "main", repr: "<Task pending name='Task-1'>" },
  { ...base, type: "step-scheduled", task: 2, reason: "created" },
  { ...base, type: "step-begin", task: 2, throwing: null, firstStep: true },
  { ...base, type: "step-begin", task: 2, throwing: "CancelledError", firstStep: false },
  { ...base, type: "step-end", task: 2, outcome: "suspended", bodyRan: true },
  { ...base, type: "task-suspended", task: 2, on: 4, onRepr: "<Future pending>" },
  { ...base, type: "task-suspended", task: 2, on: 4, onRepr: "<Future pending>", repr: "<Task pending>" },
  { ...base, type: "task-woken", task: 2, by: 4 },
  { ...base, type: "cancel-requested", task: 2, msg: null, cancelling: 1 },
  { ...base, type: "cancel-requested", task: 2, msg: "stop", cancelling: 2 },
  { ...base, type: "task-done", task: 2, outcome: "result", detail: "None", repr: "<Task finished>" },
  { ...base, type: "callback-queued", handle: 9, callback: "cb()", future: 2 },
  { ...base, type: "callback-queued", handle: 9, callback: "cb()", future: null },
  { ...base, type: "callback-run", handle: 9, callback: "cb()" },
  { ...base, type: "timer-added", handle: 9, when: 100.7, callback: "cb()" },
  { ...base, type: "timer-fired", handle: 9 },
  { ...base, type: "handle-cancelled", handle: 9 },
  { ...base, type: "print", text: "hello\n", task: 2 },
  { ...base, type: "print", text: "before the loop\n", task: null },
];

describe("parseEvent", () => {
  it("accepts every event type of the contract, as an equal copy", () => {
    for (const e of good) {
      const p = parseEvent(e);
      expect(p).toEqual(e);
      expect(p).not.toBe(e);
    }
  });

  it("accepts every event of a synthetic 200-task run", () => {
    const events = syntheticRun(200);
    expect(events.filter((e) => parseEvent(e) === null)).toEqual([]);
  });

  it("keeps none of the fields the contract does not name", () => {
    const p = parseEvent({ ...good[1], html: "<img src=x>", extra: new Array(1000).fill(0) }) as unknown as Record<string, unknown>;
    expect(Object.keys(p).sort()).toEqual(["coro", "iteration", "name", "repr", "seq", "task", "time", "type"]);
  });

  it("refuses strings, fractions, negatives, unsafe integers and non-finite numbers in numeric fields", () => {
    const bad: unknown[] = [
      "<img src=x onerror=alert(1)>",
      "3",
      1.5,
      -1,
      2 ** 53,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      undefined,
      {},
      [3],
      true,
    ];
    const created = good[1]!;
    for (const v of bad) {
      expect(parseEvent({ ...created, seq: v }), `seq ${String(v)}`).toBeNull();
      expect(parseEvent({ ...created, iteration: v }), `iteration ${String(v)}`).toBeNull();
      expect(parseEvent({ ...created, task: v }), `task ${String(v)}`).toBeNull();
      expect(parseEvent({ ...good[0], ready: v }), `ready ${String(v)}`).toBeNull();
      expect(parseEvent({ ...good[12], handle: v }), `handle ${String(v)}`).toBeNull();
      expect(parseEvent({ ...good[8], by: v }), `by ${String(v)}`).toBeNull();
      expect(parseEvent({ ...good[9], cancelling: v }), `cancelling ${String(v)}`).toBeNull();
    }
    // times may be fractions and negative, never strings or non-finite
    expect(parseEvent({ ...created, time: -2.5 })).not.toBeNull();
    for (const v of ["1", Number.NaN, Number.POSITIVE_INFINITY, null]) {
      expect(parseEvent({ ...created, time: v })).toBeNull();
      expect(parseEvent({ ...good[15], when: v })).toBeNull();
    }
  });

  it("refuses unknown types, values outside an enumeration, and missing or mistyped fields", () => {
    expect(parseEvent({ ...base, type: "task-exploded", task: 2 })).toBeNull();
    expect(parseEvent({ ...good[2], reason: "because" })).toBeNull();
    expect(parseEvent({ ...good[3], throwing: "ValueError" })).toBeNull();
    expect(parseEvent({ ...good[3], firstStep: "yes" })).toBeNull();
    expect(parseEvent({ ...good[5], outcome: "exploded" })).toBeNull();
    expect(parseEvent({ ...good[5], bodyRan: 1 })).toBeNull();
    expect(parseEvent({ ...good[11], outcome: "<b>result</b>" })).toBeNull();
    expect(parseEvent({ ...good[1], name: 42 })).toBeNull();
    expect(parseEvent({ ...good[7], repr: 42 })).toBeNull();
    expect(parseEvent({ ...good[9], msg: 42 })).toBeNull();
    expect(parseEvent({ ...good[12], future: "2" })).toBeNull();
    expect(parseEvent({ ...good[18], task: "2" })).toBeNull();
    expect(parseEvent({ ...good[18], text: ["a"] })).toBeNull();
    const { name: _name, ...noName } = good[1] as { name: string };
    expect(parseEvent(noName)).toBeNull();
    for (const v of [null, undefined, 42, "event", [good[0]], () => good[0]]) expect(parseEvent(v)).toBeNull();
  });

  it("cuts long strings to a bound", () => {
    const long = "x".repeat(MAX_LABEL * 3);
    const p = parseEvent({ ...good[1], name: long, repr: long }) as { name: string; repr: string };
    expect(p.name.length).toBe(MAX_LABEL);
    expect(p.name.endsWith("…")).toBe(true);
    expect(p.repr.length).toBe(MAX_LABEL);
    const printed = parseEvent({ ...good[18], text: "y".repeat(MAX_PRINT * 2) }) as { text: string };
    expect(printed.text.length).toBe(MAX_PRINT);
  });

  it("takes the optional line fields when they are line numbers, and refuses the event when they are not", () => {
    const withLines = [
      { ...good[3], line: 5 },
      { ...good[5], line: 7 },
      { ...good[6], line: 7 },
      { ...good[18], line: 12 },
    ];
    for (const e of withLines) {
      const p = parseEvent(e);
      expect(p).toEqual(e);
      expect(lineOf(p!)).toBe(e.line);
    }
    expect(lineOf(parseEvent(good[3])!)).toBeNull();
    for (const v of [0, -3, 1.5, "5", Number.NaN, 1e12, null]) expect(parseEvent({ ...good[3], line: v }), String(v)).toBeNull();
    // events without a line field in the contract do not keep one
    expect(lineOf(parseEvent({ ...good[8], line: 3 })!)).toBeNull();
  });

  it("never throws, even on a getter that throws or a proxy", () => {
    const trap = Object.defineProperty({ ...good[1] }, "name", {
      get() {
        throw new Error("gotcha");
      },
      enumerable: true,
    });
    expect(parseEvent(trap)).toBeNull();
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error("gotcha");
        },
      },
    );
    expect(parseEvent(proxy)).toBeNull();
  });
});

describe("LifecycleModel.push", () => {
  it("ignores events of the wrong shape, counts them, and works on the rest as if they were not there", () => {
    const events = syntheticRun(20);
    const forged: unknown[] = [
      { ...events[0], seq: "<meta http-equiv=refresh content='0;url=https://evil.example/'>" },
      { ...events[1], task: "<img src=x>" },
      { ...events[2], iteration: "<style>*{display:none}</style>" },
      "not an event",
      null,
    ];
    const mixed: unknown[] = [];
    events.forEach((e, i) => {
      mixed.push(e);
      if (i < forged.length) mixed.push(forged[i]);
    });
    const m = new LifecycleModel();
    m.push(mixed);
    expect(m.rejected).toBe(forged.length);
    const clean = buildModel(events);
    expect(m.length).toBe(clean.length);
    expect(m.transitions).toEqual(clean.transitions);
    expect(m.marks).toEqual(clean.marks);
    for (const e of m.events) for (const k of ["seq", "iteration", "time"] as const) expect(typeof e[k]).toBe("number");
  });

  it("rejects a batch that is not an array, whole", () => {
    const m = new LifecycleModel();
    m.push("<img src=x>" as unknown as unknown[]);
    m.push({ length: 3 } as unknown as unknown[]);
    expect(m.rejected).toBe(2);
    expect(m.length).toBe(0);
  });

  it("keeps at most MAX_EVENTS events and counts the rest", () => {
    const m = new LifecycleModel();
    const one = { seq: 1, time: 0, iteration: 0, type: "print", text: "x\n", task: null };
    const batch = new Array(10_000).fill(one);
    for (let n = 0; n < MAX_EVENTS + 20_000; n += batch.length) m.push(batch);
    expect(m.length).toBe(MAX_EVENTS);
    expect(m.dropped).toBe(Math.ceil((MAX_EVENTS + 20_000) / batch.length) * batch.length - MAX_EVENTS);
    expect(m.rejected).toBe(0);
  });
});
