/**
 * Eager tasks and task factories (tasks.ts creation path, events.ts factory) on the virtual
 * clock, against CPython 3.13.0 (Task.__eager_start, BaseEventLoop.create_task/set_task_factory).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { capture, caught } from "./helpers.ts";
import { buildModel } from "../../src/lifecycle/model.ts";

beforeEach(() => {
  capture();
});

let events: LifecycleEvent[] = [];
let unsubscribe: (() => void) | null = null;
function record(): void {
  events = [];
  unsubscribe = asyncio.subscribe((e) => void events.push(e));
}
afterEach(() => {
  unsubscribe?.();
  unsubscribe = null;
});

function* returns(log: string[], x: number) {
  log.push(`runs in ${asyncio.current_task()?.get_name() ?? "no task"}`);
  return x;
}
function* suspends(log: string[], x: number) {
  log.push(`starts in ${asyncio.current_task()?.get_name()}`);
  yield* asyncio.sleep(1);
  log.push(`resumes in ${asyncio.current_task()?.get_name()}`);
  return x;
}
asyncio.__register("eager-tasks.test.ts", [
  [returns, "returns", 26],
  [suspends, "suspends", 30],
]);

describe("eager tasks", () => {
  it("a coroutine that never suspends: done when create_task returns, never scheduled", async () => {
    const log: string[] = [];
    record();
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        loop.set_task_factory(asyncio.eager_task_factory);
        const me = asyncio.current_task();
        const t = asyncio.create_task(returns(log, 7));
        return { done: t.done(), result: t.result(), coro: t.get_coro(), repr: asyncio.repr(t), after: asyncio.current_task() === me, id: t._id };
      })(),
    );
    // the step ran under the default name; create_task named it 'None' afterwards (3.13.0)
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^runs in Task-\d+$/);
    expect(out.done).toBe(true);
    expect(out.result).toBe(7);
    expect(out.coro).toBeNull();
    expect(out.repr).toBe("<Task finished name='None' result=7>");
    expect(out.after).toBe(true);
    const mine = events.filter((e) => "task" in e && e.task === out.id).map((e) => e.type + ("eager" in e ? "(eager)" : ""));
    expect(mine).toEqual(["task-created", "step-begin(eager)", "step-end", "task-done", "task-renamed"]);
  });

  it("a coroutine that suspends: the first step inside create_task, the rest scheduled as usual", async () => {
    const log: string[] = [];
    record();
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        const t = new asyncio.Task(suspends(log, 3), { loop, eager_start: true, name: "e" });
        log.push(`created, current ${asyncio.current_task()?.get_name()}`);
        const pending = asyncio.all_tasks().has(t);
        return { r: yield* t, pending, id: t._id };
      })(),
    );
    expect(log[0]).toBe("starts in e");
    expect(log[1]).toMatch(/^created, current Task-\d+$/);
    expect(log[2]).toBe("resumes in e");
    expect(out.r).toBe(3);
    expect(out.pending).toBe(true);
    const mine = events.filter((e) => "task" in e && e.task === out.id && (e.type === "step-begin" || e.type === "step-scheduled"));
    expect(mine.map((e) => (e.type === "step-begin" ? `begin${e.eager ? " eager" : ""}` : `scheduled ${e.type === "step-scheduled" ? e.reason : ""}`))).toEqual([
      "begin eager",
      "scheduled wakeup",
      "begin",
    ]);
  });

  it("current_task() is the eager task during its step, also nested, and in a plain callback", async () => {
    const seen: (string | null)[] = [];
    await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        function* inner() {
          seen.push(asyncio.current_task()?.get_name() ?? null);
        }
        function* outer() {
          seen.push(asyncio.current_task()?.get_name() ?? null);
          new asyncio.Task(inner(), { loop, eager_start: true, name: "inner" });
          seen.push(asyncio.current_task()?.get_name() ?? null);
        }
        new asyncio.Task(outer(), { loop, eager_start: true, name: "outer" });
        seen.push(asyncio.current_task()?.get_name() ?? null);
        const fut = loop.create_future();
        loop.call_soon(() => {
          new asyncio.Task(inner(), { loop, eager_start: true, name: "from a callback" });
          seen.push(asyncio.current_task()?.get_name() ?? "no task");
          fut.set_result(null);
        });
        yield* fut;
      })(),
    );
    expect(seen.slice(0, 3)).toEqual(["outer", "inner", "outer"]);
    expect(seen[3]).toMatch(/^Task-\d+$/);
    expect(seen.slice(4)).toEqual(["from a callback", "no task"]);
  });

  it("is an ordinary scheduled task when the loop is not running", () => {
    const loop = asyncio.new_event_loop();
    const log: string[] = [];
    const t = new asyncio.Task(returns(log, 1), { loop, eager_start: true });
    expect(log).toEqual([]);
    expect(t.done()).toBe(false);
    expect(loop.run_until_complete(t)).toBe(1);
    loop.close();
  });

  it("without loop= fails as CPython 3.13.0's C Task does, using up a number, not registered", async () => {
    const out = await asyncio.run(
      (function* () {
        const before = asyncio.create_task(returns([], 0));
        const e = caught(() => new asyncio.Task(returns([], 1), { eager_start: true }));
        const after = asyncio.create_task(returns([], 2));
        const n = (t: asyncio.Task<unknown>) => Number(t.get_name().slice(5));
        return [asyncio.repr(e), n(after) - n(before), asyncio.all_tasks().size];
      })(),
    );
    expect(out).toEqual(["AttributeError(\"'NoneType' object has no attribute 'is_running'\")", 2, 3]);
  });

  it("KeyboardInterrupt in an eager step leaves create_task, and the creator is current again", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        const me = asyncio.current_task();
        function* ki() {
          throw new asyncio.KeyboardInterrupt();
        }
        const e = caught(() => new asyncio.Task(ki(), { loop, eager_start: true }));
        return [asyncio.repr(e), asyncio.current_task() === me];
      })(),
    );
    expect(out).toEqual(["KeyboardInterrupt()", true]);
  });
});

describe("task factories", () => {
  it("set_task_factory validates; get_task_factory gives it back; null restores Task", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        expect(loop.get_task_factory()).toBeNull();
        expect(asyncio.repr(caught(() => loop.set_task_factory(1 as unknown as asyncio.TaskFactory)))).toBe("TypeError('task factory must be a callable or None')");
        loop.set_task_factory(asyncio.eager_task_factory);
        expect(loop.get_task_factory()).toBe(asyncio.eager_task_factory);
        loop.set_task_factory(null);
        expect(loop.get_task_factory()).toBeNull();
        expect(asyncio.repr(asyncio.eager_task_factory)).toMatch(/^<function create_eager_task_factory\.<locals>\.factory at 0x[0-9a-f]+>$/);
      })(),
    );
  });

  it("3.13.0 names: the factory gets no name, create_task then sets it, to 'None' if none was given", async () => {
    const calls: unknown[][] = [];
    const names = await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        const factory: asyncio.TaskFactory = (l, coro, ...rest) => {
          calls.push([l === loop, ...rest]);
          return new asyncio.Task(coro, { loop: l });
        };
        loop.set_task_factory(factory);
        const a = asyncio.create_task(returns([], 1));
        const b = asyncio.create_task(returns([], 2), { name: "given" });
        const c = loop.create_task(returns([], 3), { name: 42 });
        yield* asyncio.gather(a, b, c);
        return [a, b, c].map((t) => t.get_name());
      })(),
    );
    expect(names).toEqual(["None", "given", "42"]);
    // (loop, coro) and nothing else, for the three tasks and run()'s two shutdown tasks
    expect(calls).toEqual([[true], [true], [true], [true], [true]]);
  });

  it("a factory that returns something without set_name fails as CPython does", async () => {
    const e = await asyncio
      .run(
        (function* () {
          const loop = asyncio.get_running_loop();
          loop.set_task_factory((() => loop.create_future()) as unknown as asyncio.TaskFactory);
          asyncio.create_task(returns([], 1));
        })(),
      )
      .catch((err: unknown) => err);
    expect(asyncio.repr(e)).toBe("AttributeError(\"'Future' object has no attribute 'set_name'\")");
  });

  it("create_eager_task_factory makes tasks of the given class; asyncio.run's shutdown tasks go through the factory", async () => {
    class MyTask<T = unknown> extends asyncio.Task<T> {}
    const made: string[] = [];
    await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        const eager = asyncio.create_eager_task_factory(MyTask);
        loop.set_task_factory((l, coro, options) => {
          const t = eager(l, coro, options);
          made.push(`${asyncio.repr(t).split(" ")[0]} ${t.done() ? "done" : "pending"} running=${l.is_running()}`);
          return t;
        });
        asyncio.create_task(returns([], 1));
      })(),
    );
    // main's task, then shutdown_asyncgens() and shutdown_default_executor() (loop not running: not eager)
    expect(made).toEqual(["<MyTask done running=true", "<MyTask pending running=false", "<MyTask pending running=false"]);
  });
});

describe("what the life-cycle view makes of an eager task's events", () => {
  it("Created → Running, never Scheduled; the creator stays Running around it", async () => {
    record();
    const ids = await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        loop.set_task_factory(asyncio.eager_task_factory);
        const quick = asyncio.create_task(returns([], 1));
        const slow = asyncio.create_task(suspends([], 2));
        yield* slow;
        return { quick: quick._id, slow: slow._id, main: asyncio.current_task()!._id };
      })(),
    );
    const model = buildModel(events);
    expect(model.rejected).toBe(0);
    const path = (id: number) => model.transitions.filter((t) => t.task === id).map((t) => `${t.from}>${t.to}`);
    expect(path(ids.quick)).toEqual(["created>running", "running>done"]);
    expect(path(ids.slow)).toEqual(["created>running", "running>suspended", "suspended>scheduled", "scheduled>running", "running>done"]);
    // main went Running before the eager steps and only stopped running when it awaited slow
    expect(path(ids.main).slice(0, 3)).toEqual(["created>scheduled", "scheduled>running", "running>suspended"]);
  });
});
