/**
 * The shape checks at the sandbox's walls (src/playground/validate.ts): what a program could
 * forge is refused, what the runtime emits passes, and the worker's sanitizing makes every
 * honest event pass.
 */
import { describe, expect, test } from "vitest";
import { checkEvent, readRunnerCommand, readRunnerMessage, readWorkerMessage, sanitizeEvent, takeLines } from "../../src/playground/validate.ts";
import { MAX_EVENT_STRING, MAX_OUTPUT_CHARS, MAX_PROGRAM_CHARS } from "../../src/playground/protocol.ts";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { join } from "node:path";
import { programs, root } from "../lifecycle/programs.ts";
import { recordFile } from "../lifecycle/record.ts";

const created = { seq: 1, time: 0, iteration: 0, type: "task-created", task: 1, name: "Task-1", coro: "main", repr: "<Task pending>" };

describe("life-cycle events", () => {
  test("every event the runtime emits passes, as the worker sends it and as the runtime made it", async () => {
    // The life-cycle fixtures and the chapters on scheduling and on the end of a task cover
    // every event type (checked below); every example would take half a minute.
    const chosen = programs().filter((p) => /fixtures|04-scheduled|06-done/.test(p));
    const recordings = await Promise.all(chosen.map(async (p) => [p, await recordFile(join(root, `${p}.ts`))] as const));
    let seen = 0;
    const types = new Set<string>();
    for (const [path, { events }] of recordings) {
      for (const e of events) {
        expect(checkEvent(sanitizeEvent(e)), `${path}: ${JSON.stringify(e)}`).toBeGreaterThanOrEqual(0);
        expect(checkEvent(e), `${path}: ${JSON.stringify(e)}`).toBeGreaterThanOrEqual(0);
        types.add(e.type);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(300);
    for (const t of ["task-created", "step-begin", "step-end", "task-suspended", "task-done", "print", "timer-added"]) expect(types).toContain(t);
  });

  test("an event's text is counted", () => {
    expect(checkEvent(created)).toBe("task-created".length + "Task-1".length + "main".length + "<Task pending>".length);
  });

  test.each([
    ["a string where a task id goes", { ...created, task: "<meta http-equiv=refresh>" }],
    ["a string seq", { ...created, seq: "1" }],
    ["a fractional seq", { ...created, seq: 1.5 }],
    ["an unsafe iteration", { ...created, iteration: 2 ** 60 }],
    ["an infinite time", { ...created, time: Infinity }],
    ["NaN time", { ...created, time: NaN }],
    ["a huge number in an unknown field", { ...created, extra: 1e308 * 10 }],
    ["a nested object", { ...created, repr: { toString: "x" } }],
    ["an array field", { ...created, coro: ["a"] }],
    ["a long string", { ...created, repr: "x".repeat(MAX_EVENT_STRING + 1) }],
    ["an odd type", { ...created, type: "<b>" }],
    ["no type", { seq: 1, time: 0, iteration: 0 }],
    ["null", null],
    ["an array", [created]],
    ["too many fields", Object.fromEntries([...Object.entries(created), ...Array.from({ length: 20 }, (_, i) => [`f${i}`, i])])],
  ])("refuses %s", (_, event) => {
    expect(checkEvent(event)).toBe(-1);
  });

  test("null ids pass where the runtime uses them (a print outside a task)", () => {
    expect(checkEvent({ seq: 3, time: 0.5, iteration: 2, type: "print", text: "hi\n", task: null, line: 4 })).toBeGreaterThan(0);
  });

  test("sanitizing shortens long strings and drops what is not a primitive", () => {
    const long = { ...created, repr: "r".repeat(5000), extra: { a: 1 } } as unknown as LifecycleEvent;
    const clean = sanitizeEvent(long) as unknown as Record<string, unknown>;
    expect((clean.repr as string).length).toBe(MAX_EVENT_STRING);
    expect(clean.repr).toMatch(/…$/);
    expect("extra" in clean).toBe(false);
    expect(checkEvent(clean)).toBeGreaterThan(0);
  });
});

describe("worker messages (read by the runner)", () => {
  test("accepts the protocol's messages", () => {
    expect(readWorkerMessage({ type: "beat" })).toEqual({ type: "beat" });
    expect(readWorkerMessage({ type: "exit", status: 1 })).toEqual({ type: "exit", status: 1 });
    const m = readWorkerMessage({ type: "batch", items: [{ k: "out", t: "a\n", s: 3 }, { k: "ev", e: [created] }, { k: "drop", n: 5 }] });
    expect(m).toMatchObject({ type: "batch", batch: { events: 1 } });
  });

  test.each([
    ["items: null", { type: "batch", items: null }],
    ["a drop count of 1e308", { type: "batch", items: [{ k: "drop", n: 1e308 }] }],
    ["a negative drop count", { type: "batch", items: [{ k: "drop", n: -1 }] }],
    ["text that is not a string", { type: "batch", items: [{ k: "out", t: 42 }] }],
    ["a string seq on text", { type: "batch", items: [{ k: "out", t: "x", s: "<b>" }] }],
    ["an unknown item", { type: "batch", items: [{ k: "html", t: "<b>" }] }],
    ["text over the whole budget", { type: "batch", items: [{ k: "out", t: "x".repeat(MAX_OUTPUT_CHARS + 2) }] }],
    ["a forged hung", { type: "hung", silentMs: 1 }],
    ["a forged stopped", { type: "stopped" }],
    ["a status that is not one", { type: "exit", status: 1e308 }],
    ["a string", "batch"],
    ["undefined", undefined],
  ])("refuses %s", (_, message) => {
    expect(readWorkerMessage(message)).toBeNull();
  });
});

describe("runner messages (read by the page)", () => {
  test("accepts the protocol's messages, and nothing with fields of its own", () => {
    expect(readRunnerMessage({ type: "hung", runId: 2, silentMs: 900 })).toEqual({ type: "hung", runId: 2, silentMs: 900 });
    expect(readRunnerMessage({ type: "hung", runId: 2, silentMs: 900, extra: "<b>" })).toBeNull();
    expect(readRunnerMessage({ type: "limit", runId: 2, what: "output" })).toEqual({ type: "limit", runId: 2, what: "output" });
    expect(readRunnerMessage({ type: "ready" })).toEqual({ type: "ready" });
  });

  test.each([
    ["a NaN silence", { type: "hung", runId: 1, silentMs: NaN }],
    ["a 1e308 silence", { type: "hung", runId: 1, silentMs: 1e308 }],
    ["an unknown limit", { type: "limit", runId: 1, what: "<b>" }],
    ["a string run id", { type: "batch", runId: "1", items: [] }],
    ["items: null", { type: "batch", runId: 1, items: null }],
    ["drop 1e308", { type: "batch", runId: 1, items: [{ k: "drop", n: 1e308 }] }],
  ])("refuses %s", (_, message) => {
    expect(readRunnerMessage(message)).toBeNull();
  });
});

test("runner commands: a run needs its code, map and a clock", () => {
  expect(readRunnerCommand({ type: "run", runId: 1, code: "x", map: "", clock: { kind: "virtual" } })).toEqual({
    type: "run", runId: 1, code: "x", map: "", clock: { kind: "virtual" },
  });
  expect(readRunnerCommand({ type: "run", runId: 1, code: "x", map: "", clock: { kind: "wall", speed: Infinity } })).toBeNull();
  expect(readRunnerCommand({ type: "stop", runId: -1 })).toEqual({ type: "stop", runId: -1 });
});

test("runner commands: the runtime offer is text of bounded length, and nothing else is kept", () => {
  expect(readRunnerCommand({ type: "runtime", text: "export {};", extra: "dropped" })).toEqual({ type: "runtime", text: "export {};" });
  expect(readRunnerCommand({ type: "runtime", text: 42 })).toBeNull();
  expect(readRunnerCommand({ type: "runtime" })).toBeNull();
  expect(readRunnerCommand({ type: "runtime", text: "x".repeat(MAX_PROGRAM_CHARS + 1) })).toBeNull();
});

test("takeLines keeps whole lines up to the cap and counts the rest", () => {
  expect(takeLines("a\nb\nc\n", 2)).toEqual({ keep: "a\nb\n", dropped: 1 });
  expect(takeLines("a\nb", 5)).toEqual({ keep: "a\nb", dropped: 0 });
  expect(takeLines("a\nb\n", 0)).toEqual({ keep: "", dropped: 2 });
});
