/**
 * The runner's spare worker (src/playground/runner/pool.ts): it evaluates the offered runtime
 * ahead of the run, a run that imports that runtime gets it without the text, and a worker
 * never holds two runtimes.
 */
import { describe, expect, test } from "vitest";
import { WorkerPool } from "../../src/playground/runner/pool.ts";
import type { RunRequest, ToWorker } from "../../src/playground/protocol.ts";

class FakeWorker {
  static made: FakeWorker[] = [];
  readonly id = FakeWorker.made.length;
  readonly got: ToWorker[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: ToWorker): void {
    this.got.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function pool() {
  FakeWorker.made = [];
  return new WorkerPool(() => new FakeWorker());
}

const run = (runtime?: string): RunRequest => ({ type: "run", runId: 1, code: "x", map: "", clock: { kind: "virtual" }, ...(runtime === undefined ? {} : { runtime }) });
const RUNTIME = "export const runtime = 1;";

describe("WorkerPool", () => {
  test("the spare evaluates the offered runtime before any run; the run is sent without it", () => {
    const p = pool();
    p.keepSpare();
    p.offerRuntime(RUNTIME);
    // The spare started before the offer knew no runtime: it gave way to one that evaluates it.
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true, false]);
    const spare = FakeWorker.made[1]!;
    expect(spare.got).toEqual([{ type: "prepare", runtime: RUNTIME }]);
    const { worker, message } = p.take(run());
    expect(worker).toBe(spare);
    expect(message).toEqual({ type: "run", runId: 1, code: "x", map: "", clock: { kind: "virtual" } });
    expect("runtime" in message).toBe(false);
  });

  test("a run carrying the same runtime text gets the prepared spare, and the text is not sent again", () => {
    const p = pool();
    p.offerRuntime(RUNTIME);
    const { worker, message } = p.take(run(`export const runtime = ${1};`));
    expect(worker).toBe(FakeWorker.made[0]);
    expect("runtime" in message).toBe(false);
  });

  test("a run carrying another runtime gets a fresh worker with the text; the prepared spare is ended", () => {
    const p = pool();
    p.offerRuntime(RUNTIME);
    const { worker, message } = p.take(run("export const other = 2;"));
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(worker).toBe(FakeWorker.made[1]);
    expect(worker.got).toEqual([]);
    expect(message).toMatchObject({ type: "run", runtime: "export const other = 2;" });
  });

  test("before any offer the spare takes the run with the runtime's text; a program with no runtime import gets nothing else", () => {
    const p = pool();
    p.keepSpare();
    const first = p.take(run(RUNTIME));
    expect(first.worker).toBe(FakeWorker.made[0]);
    expect(first.message).toMatchObject({ runtime: RUNTIME });
    p.keepSpare();
    const second = p.take(run());
    expect(second.worker).toBe(FakeWorker.made[1]);
    expect("runtime" in second.message).toBe(false);
  });

  test("after the offer, a run without the text uses the offered runtime even on a fresh worker", () => {
    const p = pool();
    p.offerRuntime(RUNTIME);
    p.take(run());
    // No spare now (it was used up, the runner has not called keepSpare yet).
    const { worker, message } = p.take(run());
    expect(worker).toBe(FakeWorker.made[1]);
    expect(message).toMatchObject({ runtime: RUNTIME });
  });

  test("the same offer twice changes nothing; a new one replaces the spare", () => {
    const p = pool();
    p.offerRuntime(RUNTIME);
    p.offerRuntime(`${RUNTIME}`);
    expect(FakeWorker.made.length).toBe(1);
    p.offerRuntime("export const v2 = 1;");
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true, false]);
    expect(FakeWorker.made[1]!.got).toEqual([{ type: "prepare", runtime: "export const v2 = 1;" }]);
  });
});
