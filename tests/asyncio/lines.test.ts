/**
 * Lines tracked by the bundling step's marks (issue 12): the life-cycle events' `line` fields
 * (docs/CONTRACTS.md, interface 1 of the helpers' guide) and the `running at` of reprs, for a
 * program run as the command line runs it (tests/lifecycle/record-cli.ts).
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";

const root = resolve(import.meta.dirname, "../..");

function record(source: string): { events: LifecycleEvent[]; stdout: string; stderr: string; status: number } {
  const r = spawnSync(process.execPath, [resolve(root, "tests/lifecycle/record-cli.ts"), "-"], { cwd: root, input: source, encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as ReturnType<typeof record>;
}

const PROGRAM = `import asyncio, { print, repr } from "asyncio";

function* inner() {
  yield* asyncio.sleep(0);
  print("in inner");
  return 1;
}

function* main() {
  const fut = asyncio.get_running_loop().create_future();
  asyncio.get_running_loop().call_soon(() => fut.set_result(2));
  yield* fut;
  const x = yield* inner();
  print("x", x);
  const t = asyncio.create_task(nested());
  yield* asyncio.sleep(0);
  print(repr(t));
  yield* t;
}

function* nested() {
  const f = asyncio.get_running_loop().create_future();
  asyncio.get_running_loop().call_later(1, () => f.set_result(0));
  yield* middle(f);
}

function* middle(f: asyncio.Future) {
  return yield* f;
}

asyncio.run(main());
`;

describe("line fields of life-cycle events", () => {
  const { events, stdout, stderr } = record(PROGRAM);
  const ofTask = (id: number) => events.filter((e) => "task" in e && e.task === id);
  const created = (name: string) => {
    const e = events.find((x) => x.type === "task-created" && x.name === name);
    if (e?.type !== "task-created") throw new Error(`no task ${name}`);
    return e;
  };
  const main = created("Task-1");
  const child = created("Task-2");

  it("runs as it should", () => {
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^in inner\nx 1\n<Task pending name='Task-2' coro=<nested\(\) running at main.ts:24> wait_for=<Future pending cb=\[Task.task_wakeup\(\)\]>>\n$/);
  });

  it("step-begin: the line the task resumes at; the declaration's line for a first step", () => {
    const begins = ofTask(main.task).filter((e) => e.type === "step-begin");
    expect(begins.map((e) => (e.type === "step-begin" ? [e.firstStep, e.line] : null))).toEqual([
      [true, 9],
      [false, 12],
      [false, 4],
      [false, 16],
      [false, 18],
    ]);
  });

  it("step-end and task-suspended: where it stopped (the innermost line of the reader's), none when done", () => {
    const ends = ofTask(main.task).filter((e) => e.type === "step-end" || e.type === "task-suspended");
    expect(ends.map((e) => `${e.type}${e.type === "step-end" ? `:${e.outcome}` : ""}@${"line" in e ? e.line : "-"}`)).toEqual([
      "step-end:suspended@12",
      "task-suspended@12",
      "step-end:yielded@4",
      "step-end:yielded@16",
      "step-end:suspended@18",
      "task-suspended@18",
      "step-end:done@-",
    ]);
    const nestedEnds = ofTask(child.task).filter((e) => e.type === "task-suspended");
    // Suspended two levels down, in middle(): the innermost line is middle's.
    expect(nestedEnds.map((e) => (e.type === "task-suspended" ? [e.line, /running at main.ts:(\d+)/.exec(e.repr ?? "")?.[1]] : null))).toEqual([[28, "24"]]);
  });

  it("print: the line of the call", () => {
    const prints = events.filter((e) => e.type === "print");
    expect(prints.map((e) => (e.type === "print" ? [e.text, e.line] : null))).toEqual([
      ["in inner\n", 5],
      ["x 1\n", 14],
      [expect.stringMatching(/^<Task pending/), 17],
    ]);
  });
});

describe("a program the bundling step did not mark", () => {
  it("has events without lines", async () => {
    const asyncio = await import("../../src/asyncio/index.ts");
    const { subscribe } = await import("../../src/asyncio/instrument.ts");
    const got: LifecycleEvent[] = [];
    const off = subscribe((e) => void got.push(e));
    function* work() {
      yield* asyncio.sleep(0);
    }
    try {
      await asyncio.run(work());
    } finally {
      off();
    }
    expect(got.some((e) => e.type === "step-end")).toBe(true);
    expect(got.filter((e) => "line" in e)).toEqual([]);
  });
});
