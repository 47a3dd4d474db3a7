/**
 * The runner's relay (src/playground/runner/relay.ts), driven by hand on a fake clock: it
 * enforces each budget of a run whatever the worker sends, merges what it relays into at
 * most one batch per RELAY_MS, and drops everything once the run is over.
 */
import { describe, expect, test } from "vitest";
import { RunRelay } from "../../src/playground/runner/relay.ts";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import {
  HUNG_AFTER_MS,
  MAX_FORWARDED_EVENTS,
  MAX_FORWARDED_LINES,
  BUSY_GRACE_MS,
  MAX_MESSAGES_PER_SECOND,
  MAX_OUTPUT_CHARS,
  MAX_RELAY_EVENTS,
  RELAY_MS,
  RUN_LIMIT_MS,
  type FromRunner,
} from "../../src/playground/protocol.ts";

function harness() {
  let now = 0;
  const sent: FromRunner[] = [];
  const timers: { at: number; fn: () => void }[] = [];
  const relay = new RunRelay(7, {
    send: (m) => sent.push(structuredClone(m)),
    later: (fn, ms) => timers.push({ at: now + ms, fn }),
    now: () => now,
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= now) t.fn();
      else timers.push(t);
    }
  };
  const items = () => sent.flatMap((m) => (m.type === "batch" ? m.items : []));
  const text = () => items().map((i) => (i.k === "out" || i.k === "err" ? i.t : "")).join("");
  return { relay, sent, advance, items, text };
}

const event = (seq: number): LifecycleEvent => ({ seq, time: 0, iteration: 1, type: "task-woken", task: 1, by: 2 });
const batch = (...items: unknown[]) => ({ type: "batch", items });

describe("budgets", () => {
  test("output past MAX_OUTPUT_CHARS ends the run, after showing what fits", () => {
    const { relay, sent, text } = harness();
    expect(relay.receive(() => batch({ k: "out", t: "x".repeat(MAX_OUTPUT_CHARS - 10) }))).toEqual({ end: "none" });
    expect(relay.receive(() => batch({ k: "out", t: "y".repeat(100) }))).toEqual({ end: "limit", what: "output" });
    expect(text().length).toBe(MAX_OUTPUT_CHARS);
    expect(sent.at(-1)).toEqual({ type: "limit", runId: 7, what: "output" });
    // Whatever arrives afterwards is dropped.
    const count = sent.length;
    expect(relay.receive(() => batch({ k: "out", t: "z" }))).toEqual({ end: "none" });
    expect(relay.receive(() => ({ type: "exit", status: 0 }))).toEqual({ end: "none" });
    expect(sent.length).toBe(count);
  });

  test("lines past MAX_FORWARDED_LINES are counted, not relayed, even in one text", () => {
    const { relay, items, advance } = harness();
    relay.receive(() => batch({ k: "out", t: "a\n".repeat(MAX_FORWARDED_LINES + 500) }));
    relay.receive(() => batch({ k: "out", t: "b\n" }, { k: "drop", n: 10 }));
    advance(RELAY_MS);
    const out = items();
    expect(out.filter((i) => i.k === "out").map((i) => (i.k === "out" ? i.t : "")).join("")).toBe("a\n".repeat(MAX_FORWARDED_LINES));
    expect(out.filter((i) => i.k === "drop").reduce((n, i) => n + (i.k === "drop" ? i.n : 0), 0)).toBe(511);
  });

  test("events past MAX_FORWARDED_EVENTS end the run", () => {
    const { relay } = harness();
    const many = Array.from({ length: 50_000 }, (_, i) => event(i));
    expect(relay.receive(() => batch({ k: "ev", e: many }))).toEqual({ end: "none" });
    expect(relay.receive(() => batch({ k: "ev", e: many }))).toEqual({ end: "none" });
    expect(MAX_FORWARDED_EVENTS).toBe(100_000);
    expect(relay.receive(() => batch({ k: "ev", e: [event(1)] }))).toEqual({ end: "limit", what: "events" });
  });

  test("more than MAX_MESSAGES_PER_SECOND messages in a second end the run; fewer do not", () => {
    const { relay, advance } = harness();
    for (let i = 0; i < MAX_MESSAGES_PER_SECOND; i++) expect(relay.receive(() => ({ type: "beat" })).end).toBe("none");
    advance(1000);
    for (let i = 0; i < MAX_MESSAGES_PER_SECOND; i++) expect(relay.receive(() => ({ type: "beat" })).end).toBe("none");
    expect(relay.receive(() => ({ type: "beat" }))).toEqual({ end: "limit", what: "rate" });
  });

  test("more than MAX_RUN_ITEMS items in a run end it (a flood of counts of lines)", () => {
    const { relay } = harness();
    const drops = Array.from({ length: 4000 }, () => ({ k: "drop", n: 1 }));
    let verdict = relay.receive(() => batch(...drops));
    for (let i = 1; verdict.end === "none" && i < 200; i++) verdict = relay.receive(() => batch(...drops));
    expect(verdict).toEqual({ end: "limit", what: "rate" });
  });

  test("extra fields are refused, not ignored: junk ends the run at the first message", () => {
    for (const junk of [{ type: "beat", pad: "x" }, batch({ k: "out", t: "a", e: [1] }), batch({ k: "ev", e: Object.assign([event(1)], { pad: "x" }) })]) {
      const { relay } = harness();
      expect(relay.receive(() => junk)).toEqual({ end: "limit", what: "protocol" });
    }
  });

  test("after 'busy' the worker may be silent for BUSY_GRACE_MS, not longer", () => {
    const { relay, advance, sent } = harness();
    relay.receive(() => ({ type: "started" }));
    relay.receive(() => ({ type: "busy" }));
    advance(HUNG_AFTER_MS * 2);
    expect(relay.check(false)).toEqual({ end: "none" });
    advance(BUSY_GRACE_MS);
    expect(relay.check(false)).toMatchObject({ end: "hung" });
    expect(sent.at(-1)).toMatchObject({ type: "hung" });
  });

  test("a forged or malformed message ends the run as a protocol breach", () => {
    for (const forged of [{ type: "hung", silentMs: 5 }, batch({ k: "drop", n: 1e308 }), { type: "batch", items: null }, batch({ k: "ev", e: [{ ...event(1), task: "<b>" }] })] as unknown[]) {
      const { relay, sent } = harness();
      expect(relay.receive(() => forged)).toEqual({ end: "limit", what: "protocol" });
      expect(sent).toEqual([{ type: "limit", runId: 7, what: "protocol" }]);
    }
  });

  test("the run limit and silence are the runner's own verdicts", () => {
    const a = harness();
    a.relay.receive(() => ({ type: "started" }));
    a.advance(HUNG_AFTER_MS + 1);
    expect(a.relay.check(false)).toMatchObject({ end: "hung" });
    expect(a.sent.at(-1)).toMatchObject({ type: "hung", runId: 7 });

    const b = harness();
    for (let t = 0; t <= RUN_LIMIT_MS; t += 100) {
      b.advance(100);
      b.relay.receive(() => ({ type: "beat" }));
      const verdict = b.relay.check(false);
      if (verdict.end !== "none") {
        expect(verdict).toEqual({ end: "limit", what: "time" });
        break;
      }
    }
    expect(b.sent.at(-1)).toEqual({ type: "limit", runId: 7, what: "time" });
  });
});

describe("relaying", () => {
  test("batches are merged: at most one message per RELAY_MS, in order, events joined", () => {
    const { relay, sent, advance, items } = harness();
    relay.receive(() => ({ type: "started" }));
    for (let i = 0; i < 100; i++) {
      relay.receive(() => batch({ k: "ev", e: [event(2 * i)] }, { k: "out", t: `${i}\n`, s: 2 * i }, { k: "ev", e: [event(2 * i + 1)] }));
      advance(1);
    }
    advance(RELAY_MS);
    const batches = sent.filter((m) => m.type === "batch");
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(100 / RELAY_MS) + 1);
    const seqs = items().flatMap((i): (number | string)[] => (i.k === "ev" ? i.e.map((e) => e.seq) : i.k === "out" ? [`out${i.s}`] : []));
    expect(seqs.filter((x) => typeof x === "number")).toEqual(Array.from({ length: 200 }, (_, i) => i));
    // Consecutive events share one item.
    for (const m of batches) {
      if (m.type !== "batch") continue;
      for (let i = 1; i < m.items.length; i++) expect(m.items[i]!.k === "ev" && m.items[i - 1]!.k === "ev").toBe(false);
    }
  });

  test("the run's first text goes at once even just after a batch of events; later text waits its turn", () => {
    const { relay, sent, advance } = harness();
    const batchesSent = () => sent.filter((m) => m.type === "batch").length;
    relay.receive(() => batch({ k: "ev", e: [event(1), event(2)] }));
    expect(batchesSent()).toBe(1);
    advance(1);
    // The print a reader waits for: not held back for RELAY_MS behind the events.
    relay.receive(() => batch({ k: "ev", e: [event(3)] }, { k: "out", t: "hello\n", s: 3 }));
    expect(batchesSent()).toBe(2);
    const second = sent.filter((m) => m.type === "batch")[1]!;
    expect(second.type === "batch" && second.items.map((i) => i.k)).toEqual(["ev", "out"]);
    // Only the first text: the next one is gathered as before, and goes RELAY_MS after.
    advance(1);
    relay.receive(() => batch({ k: "out", t: "again\n" }));
    expect(batchesSent()).toBe(2);
    advance(RELAY_MS);
    expect(batchesSent()).toBe(3);
  });

  test("a large gathering of events goes to the page in messages of at most MAX_RELAY_EVENTS events", () => {
    const { relay, sent, advance, items } = harness();
    relay.receive(() => batch({ k: "out", t: "first\n" }));
    const many = Array.from({ length: 2000 }, (_, i) => event(i));
    for (let i = 0; i < 12; i++) relay.receive(() => batch({ k: "ev", e: many }, { k: "out", t: `${i}\n` }));
    advance(RELAY_MS);
    const batches = sent.filter((m) => m.type === "batch");
    for (const m of batches) {
      if (m.type === "batch") expect(m.items.reduce((n, i) => n + (i.k === "ev" ? i.e.length : 0), 0)).toBeLessThanOrEqual(MAX_RELAY_EVENTS);
    }
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(items().reduce((n, i) => n + (i.k === "ev" ? i.e.length : 0), 0)).toBe(24_000);
    expect(items().filter((i) => i.k === "out").map((i) => (i.k === "out" ? i.t : ""))).toEqual(["first\n", ...Array.from({ length: 12 }, (_, i) => `${i}\n`)]);
  });

  test("exit sends what was gathered, then the status; only the first started is told", () => {
    const { relay, sent } = harness();
    relay.receive(() => ({ type: "started" }));
    relay.receive(() => ({ type: "started" }));
    relay.receive(() => batch({ k: "out", t: "a\n" }));
    relay.receive(() => batch({ k: "out", t: "b\n" }));
    expect(relay.receive(() => ({ type: "exit", status: 0 }))).toEqual({ end: "exit" });
    expect(sent.map((m) => m.type)).toEqual(["started", "batch", "batch", "exit"]);
  });
});
