/**
 * TaskGroup (taskgroups.ts) on the virtual clock, against CPython 3.13.0's taskgroups.py: the
 * expected texts come from python3.13 runs of the same programs.
 */
import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture, caught, type Captured } from "./helpers.ts";

let io: Captured;
beforeEach(() => {
  io = capture();
});

function* sleeper(log: string[], name: string, delay: number) {
  try {
    yield* asyncio.sleep(delay);
    log.push(`${name} done`);
    return name;
  } catch (e) {
    if (e instanceof asyncio.CancelledError) log.push(`${name} cancelled`);
    throw e;
  }
}
function* failing(exc: Error, delay: number) {
  yield* asyncio.sleep(delay);
  throw exc;
}
asyncio.__register("taskgroups.test.ts", [
  [sleeper, "sleeper", 14],
  [failing, "failing", 24],
]);

describe("TaskGroup", () => {
  it("waits for every child when the block ends, and shows its state in its repr", async () => {
    const log: string[] = [];
    const reprs: string[] = [];
    const tg = new asyncio.TaskGroup();
    reprs.push(asyncio.repr(tg));
    await asyncio.run(
      (function* () {
        yield* asyncio.async_with(tg, function* (tg) {
          const t = tg.create_task(sleeper(log, "a", 2), { name: "a" });
          tg.create_task(sleeper(log, "b", 1));
          reprs.push(asyncio.repr(tg), asyncio.repr(t));
          log.push("body ends");
        });
        log.push("after the block");
        reprs.push(asyncio.repr(tg));
      })(),
    );
    expect(log).toEqual(["body ends", "b done", "a done", "after the block"]);
    expect(reprs).toEqual([
      "<TaskGroup>",
      "<TaskGroup tasks=2 entered>",
      "<Task pending name='a' coro=<sleeper() running at taskgroups.test.ts:14> cb=[TaskGroup._on_task_done()]>",
      "<TaskGroup entered>",
    ]);
  });

  it("the first failure cancels the siblings and the body; the parent is uncancelled after", async () => {
    const log: string[] = [];
    const out = await asyncio.run(
      (function* () {
        const me = asyncio.current_task()!;
        let group: unknown = null;
        try {
          yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
            tg.create_task(sleeper(log, "slow", 10));
            tg.create_task(failing(new asyncio.ValueError("boom"), 1));
            try {
              yield* asyncio.sleep(100);
            } catch (e) {
              log.push(`body ${e instanceof asyncio.CancelledError ? "cancelled" : "failed"} (cancelling ${me.cancelling()})`);
              throw e;
            }
          });
        } catch (e) {
          group = e;
        }
        return [asyncio.repr(group), me.cancelling(), asyncio.get_running_loop().time()];
      })(),
    );
    expect(log).toEqual(["slow cancelled", "body cancelled (cancelling 1)"]);
    expect(out[0]).toBe("ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('boom')])");
    expect(out[1]).toBe(0);
  });

  it("gathers a BaseException that is not KeyboardInterrupt/SystemExit into a BaseExceptionGroup", async () => {
    class Stop extends asyncio.BaseException {}
    const e = await asyncio
      .run(
        (function* () {
          yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
            tg.create_task(failing(new Stop("s"), 1));
          });
        })(),
      )
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(asyncio.BaseExceptionGroup);
    expect(e).not.toBeInstanceOf(asyncio.ExceptionGroup);
    expect(asyncio.repr(e)).toBe("BaseExceptionGroup('unhandled errors in a TaskGroup', [Stop('s')])");
  });

  it("re-raises KeyboardInterrupt as it is, not in a group", async () => {
    const e = await asyncio
      .run(
        (function* () {
          yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
            tg.create_task(failing(new asyncio.ValueError("v"), 1));
            yield* asyncio.sleep(0);
            throw new asyncio.KeyboardInterrupt("ki");
          });
        })(),
      )
      .catch((err: unknown) => err);
    expect(asyncio.repr(e)).toBe("KeyboardInterrupt('ki')");
  });

  it("a cancellation from outside propagates as CancelledError and cancels the children", async () => {
    const log: string[] = [];
    const out = await asyncio.run(
      (function* () {
        const worker = asyncio.create_task(
          asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
            tg.create_task(sleeper(log, "child", 10));
            yield* asyncio.sleep(10);
          }),
        );
        yield* asyncio.sleep(1);
        worker.cancel("outside");
        const [r] = yield* asyncio.gather(worker, { return_exceptions: true });
        return [asyncio.repr(r), worker.cancelled(), worker.cancelling()];
      })(),
    );
    expect(log).toEqual(["child cancelled"]);
    // gather's outcome for a cancelled task is made from its _cancel_message, which the final
    // Future.cancel() reset to None: CancelledError(''), as in CPython.
    expect(out).toEqual(["CancelledError('')", true, 1]);
  });

  it("an error while being cancelled from outside wins, and the parent is cancelled again", async () => {
    const out = await asyncio.run(
      (function* () {
        const log: string[] = [];
        const worker = asyncio.create_task(
          (function* () {
            const me = asyncio.current_task()!;
            try {
              yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
                tg.create_task(
                  (function* () {
                    try {
                      yield* asyncio.sleep(10);
                    } catch {
                      throw new asyncio.ValueError("cleanup");
                    }
                  })(),
                );
                yield* asyncio.sleep(10);
              });
            } catch (e) {
              log.push(`${asyncio.repr(e)} cancelling=${me.cancelling()}`);
            }
            yield* asyncio.sleep(1);
            log.push("not reached");
          })(),
        );
        yield* asyncio.sleep(1);
        worker.cancel();
        yield* asyncio.gather(worker, { return_exceptions: true });
        return [log, worker.cancelled()];
      })(),
    );
    expect(out).toEqual([["ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('cleanup')]) cancelling=1"], true]);
  });

  it("refuses create_task before entering, after finishing and while shutting down, and closes the coroutine", async () => {
    const msgs = await asyncio.run(
      (function* () {
        const out: string[] = [];
        const tg = new asyncio.TaskGroup();
        const coro = failing(new asyncio.ValueError("never"), 1);
        out.push(asyncio.repr(caught(() => tg.create_task(coro))));
        const reuse = asyncio.create_task(coro);
        yield* asyncio.gather(reuse, { return_exceptions: true });
        out.push(asyncio.repr(reuse.exception()));
        yield* asyncio.async_with(tg, function* () {});
        out.push(asyncio.repr(caught(() => tg.create_task(failing(new asyncio.ValueError("x"), 1)))));
        const tg2 = new asyncio.TaskGroup();
        try {
          yield* asyncio.async_with(tg2, function* (tg2) {
            tg2.create_task(failing(new asyncio.ValueError("first"), 0));
            try {
              yield* asyncio.sleep(5);
            } finally {
              out.push(asyncio.repr(caught(() => tg2.create_task(failing(new asyncio.ValueError("y"), 1)))));
            }
          });
        } catch {
          // the group of "first"
        }
        return out;
      })(),
    );
    expect(msgs).toEqual([
      "RuntimeError('TaskGroup <TaskGroup> has not been entered')",
      "RuntimeError('cannot reuse already awaited coroutine')",
      "RuntimeError('TaskGroup <TaskGroup entered> is finished')",
      "RuntimeError('TaskGroup <TaskGroup errors=1 cancelling> is shutting down')",
    ]);
  });

  it("needs a running loop and a current task to enter", async () => {
    const tg = new asyncio.TaskGroup();
    const enter = tg.__aenter__();
    expect(asyncio.repr(caught(() => enter.next()))).toBe("RuntimeError('no running event loop')");
    const loop = asyncio.new_event_loop();
    const e = await new Promise<unknown>((resolve) => {
      loop.call_soon(() => resolve(caught(() => new asyncio.TaskGroup().__aenter__().next())));
      loop.call_soon(() => loop.stop());
      loop.run_forever();
    });
    loop.close();
    expect(asyncio.repr(e)).toBe("RuntimeError('TaskGroup <TaskGroup> cannot determine the parent task')");
  });

  it("logs a child's error when the parent task is already done, as CPython does", async () => {
    await asyncio.run(
      (function* () {
        const parent = asyncio.create_task(
          (function* () {
            const tg = new asyncio.TaskGroup();
            yield* tg.__aenter__();
            tg.create_task(failing(new asyncio.ValueError("late"), 0.1), { name: "child" });
            return "parent done";
          })(),
          { name: "parent" },
        );
        yield* parent;
        yield* asyncio.sleep(0.5);
      })(),
    );
    expect(io.err.split("\n").slice(0, 2)).toEqual([
      "Task <Task finished name='child' coro=<failing() done, defined at taskgroups.test.ts:24> exception=ValueError('late')> has errored out but its parent task <Task finished name='parent' coro=<<coroutine>() done> result='parent done'> is already completed",
      "task: <Task finished name='child' coro=<failing() done, defined at taskgroups.test.ts:24> exception=ValueError('late')>",
    ]);
    expect(io.err).toContain("ValueError: late\n");
  });

  it("nested groups: the inner group's ExceptionGroup is a member of the outer one", async () => {
    const e = await asyncio
      .run(
        (function* () {
          yield* asyncio.async_with(new asyncio.TaskGroup(), function* (outer) {
            outer.create_task(
              asyncio.async_with(new asyncio.TaskGroup(), function* (inner) {
                inner.create_task(failing(new asyncio.ValueError("a"), 1));
                inner.create_task(failing(new asyncio.TypeError("b"), 1));
              }),
            );
            outer.create_task(failing(new asyncio.KeyError("c"), 5));
          });
        })(),
      )
      .catch((err: unknown) => err);
    expect(asyncio.repr(e)).toBe(
      "ExceptionGroup('unhandled errors in a TaskGroup', [ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('a'), TypeError('b')])])",
    );
  });
});
