import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture, type Captured } from "./helpers.ts";

let io: Captured;
beforeEach(() => {
  io = capture();
});

function* work(log: string[], fut: asyncio.Future<number>) {
  log.push("body starts");
  const v = yield* fut;
  log.push(`resumed with ${v}`);
  return v * 2;
}
function* sleeper(d: number) {
  yield* asyncio.sleep(d);
  return d;
}
function* noop() {}
asyncio.__register("tasks.test.ts", [
  [work, "work", 10],
  [sleeper, "sleeper", 16],
  [noop, "noop", 20],
]);

/** Runs main on a fresh loop and gives its result. */
function run<T>(main: () => asyncio.Coro<T>): Promise<T> {
  return asyncio.run(main());
}

describe("Task life-cycle", () => {
  it("runs no line of the body before the loop reaches its first step", async () => {
    const log: string[] = [];
    await run(function* () {
      const fut = asyncio.get_running_loop().create_future<number>();
      const t = asyncio.create_task(work(log, fut));
      expect(log).toEqual([]);
      expect(t._state).toBe("PENDING");
      yield* asyncio.sleep(0);
      expect(log).toEqual(["body starts"]);
      expect(t._fut_waiter).toBe(fut);
      fut.set_result(21);
      expect(log).toEqual(["body starts"]); // the wake-up is only queued
      yield* asyncio.sleep(0);
      expect(t.result()).toBe(42);
      expect(t._fut_waiter).toBeNull();
    });
  });

  it("names tasks Task-N from one counter; a given name takes no number (3.13)", async () => {
    const names = await run(function* () {
      const a = asyncio.create_task(noop());
      const b = asyncio.create_task(noop(), { name: "custom" });
      const c = asyncio.create_task(noop());
      const d = asyncio.create_task(noop(), { name: 12345 });
      yield* asyncio.gather(a, b, c, d);
      return [a, b, c, d].map((t) => t.get_name());
    });
    const n = Number(names[0].slice(5));
    expect(names).toEqual([`Task-${n}`, "custom", `Task-${n + 1}`, "12345"]);
  });

  it("shows each state in its repr", async () => {
    await run(function* () {
      const s = asyncio.create_task(sleeper(10));
      const name = s.get_name();
      expect(asyncio.repr(s)).toBe(`<Task pending name='${name}' coro=<sleeper() running at tasks.test.ts:16>>`);
      yield* asyncio.sleep(0);
      expect(asyncio.repr(s)).toBe(
        `<Task pending name='${name}' coro=<sleeper() running at tasks.test.ts:16> wait_for=<Future pending cb=[Task.task_wakeup()]>>`,
      );
      s.cancel();
      expect(asyncio.repr(s)).toMatch(/^<Task cancelling .* wait_for=<Future cancelled>>$/);
      yield* asyncio.sleep(0);
      expect(asyncio.repr(s)).toBe(`<Task cancelled name='${name}' coro=<sleeper() done, defined at tasks.test.ts:16>>`);
    });
  });
});

describe("cancellation", () => {
  it("before the first step: the body never runs, the message reaches the awaiter once", async () => {
    const log: string[] = [];
    await run(function* () {
      const t = asyncio.create_task(work(log, asyncio.get_running_loop().create_future()));
      expect(t.cancel("early")).toBe(true);
      expect(t.cancelled()).toBe(false);
      expect(t.cancelling()).toBe(1);
      let args: unknown[] = [];
      try {
        yield* t;
      } catch (e) {
        args = (e as asyncio.CancelledError).args;
      }
      expect(args).toEqual(["early"]);
      expect(log).toEqual([]);
      expect(() => t.result()).toThrow(asyncio.CancelledError);
      try {
        t.result();
      } catch (e) {
        expect((e as asyncio.CancelledError).args).toEqual([]); // later retrievals: a bare CancelledError
      }
      expect(t.cancel()).toBe(false);
    });
  });

  it("while suspended: forwarded to the awaited future, thrown in at the yield*", async () => {
    const seen: string[] = [];
    function* victim() {
      try {
        yield* asyncio.sleep(100);
      } catch (e) {
        seen.push(`caught ${asyncio.repr(e)}`);
        throw e;
      } finally {
        seen.push("finally");
      }
    }
    await run(function* () {
      const t = asyncio.create_task(victim());
      yield* asyncio.sleep(0);
      const waiter = t._fut_waiter!;
      t.cancel("stop");
      expect(waiter.cancelled()).toBe(true);
      yield* asyncio.sleep(0);
      expect(t.cancelled()).toBe(true);
    });
    expect(seen).toEqual(["caught CancelledError('stop')", "finally"]);
  });

  it("a swallowed cancel lets the task finish; uncancel() to 0 withdraws a pending cancel (3.13)", async () => {
    function* swallow() {
      try {
        yield* asyncio.sleep(10);
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
      }
      return "carried on";
    }
    const out = await run(function* () {
      const t = asyncio.create_task(swallow());
      yield* asyncio.sleep(0);
      t.cancel();
      const r = yield* t;
      const u = asyncio.create_task(noop());
      u.cancel();
      expect(u.uncancel()).toBe(0);
      yield* u;
      return [r, t.cancelling(), t.cancelled(), u.cancelled()];
    });
    expect(out).toEqual(["carried on", 1, false, false]);
  });

  it("a task that cancels itself and returns without awaiting ends cancelled", async () => {
    function* selfCancel() {
      asyncio.current_task()!.cancel("by myself");
      return "discarded";
    }
    const out = await run(function* () {
      const t = asyncio.create_task(selfCancel());
      try {
        yield* t;
      } catch (e) {
        return asyncio.repr(e);
      }
      return "not cancelled";
    });
    expect(out).toBe("CancelledError('by myself')");
  });
});

describe("what a step does with a yielded value", () => {
  it("throws RuntimeErrors back in for bad yields and for awaiting itself", async () => {
    function* yields(v: unknown) {
      try {
        yield v;
        return "no error";
      } catch (e) {
        return String(e);
      }
    }
    function* selfAwait() {
      yield* asyncio.current_task()!;
    }
    const out = await run(function* () {
      const a = yield* asyncio.create_task(yields(42));
      const fut = asyncio.get_running_loop().create_future();
      const b = yield* asyncio.create_task(yields(fut));
      const t = asyncio.create_task(selfAwait(), { name: "selfish" });
      let c = "";
      try {
        yield* t;
      } catch (e) {
        c = String(e);
      }
      return [a, b, c];
    });
    expect(out[0]).toBe("Task got bad yield: 42");
    expect(out[1]).toMatch(/^yield was used instead of yield from in task <Task pending .*> with <Future pending>$/);
    expect(out[2]).toMatch(/^Task cannot await on itself: <Task pending name='selfish'/);
  });

  it("refuses to reuse a coroutine a task already finished", async () => {
    const out = await run(function* () {
      const coro = noop();
      yield* asyncio.create_task(coro);
      const again = asyncio.create_task(coro);
      const r = asyncio.repr(again);
      try {
        yield* again;
      } catch (e) {
        return [r, String(e)];
      }
      return [r, "no error"];
    });
    expect(out[0]).toMatch(/coro=<noop\(\) done, defined at tasks.test.ts:20>/);
    expect(out[1]).toBe("cannot reuse already awaited coroutine");
  });
});

describe("misuse", () => {
  it("create_task without a running loop is RuntimeError('no running event loop')", () => {
    expect(() => asyncio.create_task(noop())).toThrow(asyncio.RuntimeError);
    expect(() => asyncio.create_task(noop())).toThrow("no running event loop");
  });

  it("a Promise or an async function is a TypeError that says what to write; a function gets CPython's exact text", async () => {
    async function notACoroutine() {}
    const messages = await run(function* () {
      const out: string[] = [];
      for (const x of [notACoroutine(), notACoroutine, noop, () => 1]) {
        try {
          asyncio.create_task(x as unknown as asyncio.Coro);
        } catch (e) {
          expect(e).toBeInstanceOf(asyncio.TypeError);
          out.push(String(e));
        }
      }
      return out;
    });
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatch(/^a coroutine was expected, got <Promise object at 0x[0-9a-f]+> .*`function\*`.*`yield\*`/);
    expect(messages[1]).toMatch(/async function.*`function\*`/);
    // CPython 3.13: `asyncio.create_task(greet)` says exactly this, nothing more.
    expect(messages[2]).toMatch(/^a coroutine was expected, got <function noop at 0x[0-9a-f]+>$/);
    expect(messages[3]).toMatch(/^a coroutine was expected, got <function <lambda> at 0x[0-9a-f]+>$/);
  });

  it("run() of a non-coroutine raises ValueError at the call", () => {
    let raised: unknown = null;
    try {
      asyncio.run(42 as unknown as asyncio.Coro);
    } catch (e) {
      raised = e;
    }
    expect(raised).toBeInstanceOf(Error);
    expect((raised as Error).name).toBe("ValueError");
    expect((raised as Error).message).toBe("a coroutine was expected, got 42");
  });
});

describe("gather", () => {
  it("gives results in argument order and runs a duplicate once", async () => {
    const out = await run(function* () {
      const t = asyncio.create_task(sleeper(1));
      return yield* asyncio.gather(sleeper(3), t, sleeper(2), t);
    });
    expect(out).toEqual([3, 1, 2, 1]);
  });

  it("runs a repeated coroutine once and counts a repeated done future once", async () => {
    const out = await run(function* () {
      const before = asyncio.all_tasks().size;
      const coro = sleeper(2);
      const g = asyncio.gather(coro, coro);
      const created = asyncio.all_tasks().size - before;
      const done = asyncio.get_running_loop().create_future<string>();
      done.set_result("d");
      return [created, yield* g, yield* asyncio.gather(done, done)];
    });
    expect(out).toEqual([1, [2, 2], ["d", "d"]]);
  });

  it("return_exceptions puts errors (and CancelledError('') for a cancelled child) in the list", async () => {
    function* fails() {
      throw new asyncio.ValueError("x");
    }
    const out = await run(function* () {
      const c = asyncio.create_task(sleeper(5));
      const g = asyncio.gather(fails(), c, sleeper(1), { return_exceptions: true });
      yield* asyncio.sleep(0);
      c.cancel();
      return (yield* g).map((x) => asyncio.repr(x));
    });
    expect(out).toEqual(["ValueError('x')", "CancelledError('')", "1"]);
  });

  it("propagates the first error without cancelling the other children", async () => {
    function* fails() {
      yield* asyncio.sleep(0);
      throw new asyncio.KeyError("k");
    }
    const out = await run(function* () {
      const slow = asyncio.create_task(sleeper(1));
      try {
        yield* asyncio.gather(fails(), slow);
      } catch (e) {
        return [asyncio.repr(e), slow.done(), yield* slow];
      }
      return [];
    });
    expect(out).toEqual(["KeyError('k')", false, 1]);
  });

  it("cancelling the outer future cancels the children; the outer ends with an exception", async () => {
    const out = await run(function* () {
      const a = asyncio.create_task(sleeper(5));
      const g = asyncio.gather(a);
      yield* asyncio.sleep(0);
      expect(g.cancel()).toBe(true);
      try {
        yield* g;
      } catch (e) {
        return [e instanceof asyncio.CancelledError, a.cancelled(), g.cancelled(), asyncio.repr(g).slice(0, 26)];
      }
      return [];
    });
    expect(out).toEqual([true, true, false, "<_GatheringFuture finished"]);
  });

  it("gather() of nothing is a finished future of []", async () => {
    const out = await run(function* () {
      const g = asyncio.gather();
      return [asyncio.repr(g), yield* g];
    });
    expect(out).toEqual(["<Future finished result=[]>", []]);
  });
});

describe("shield, wait, as_completed", () => {
  it("shield: cancelling the outer future leaves the inner work running", async () => {
    const out = await run(function* () {
      const inner = asyncio.create_task(sleeper(1));
      const outer = asyncio.shield(inner);
      yield* asyncio.sleep(0);
      outer.cancel();
      const r = yield* inner;
      return [outer.cancelled(), r];
    });
    expect(out).toEqual([true, 1]);
  });

  it("wait: FIRST_COMPLETED and timeout give [done, pending] and cancel nothing", async () => {
    const out = await run(function* () {
      const a = asyncio.create_task(sleeper(1));
      const b = asyncio.create_task(sleeper(10));
      const [done, pending] = yield* asyncio.wait([a, b], { return_when: asyncio.FIRST_COMPLETED });
      const [done2, pending2] = yield* asyncio.wait([b], { timeout: 1 });
      b.cancel();
      return [[...done].includes(a), [...pending].includes(b), done2.size, pending2.size];
    });
    expect(out).toEqual([true, true, 0, 1]);
  });

  it("wait refuses an empty set and coroutines", async () => {
    const out = await run(function* () {
      const msgs: string[] = [];
      for (const arg of [[], [noop()]]) {
        try {
          yield* asyncio.wait(arg as unknown as asyncio.Future[]);
        } catch (e) {
          msgs.push(String(e));
        }
      }
      return msgs;
    });
    expect(out).toEqual(["Set of Tasks/Futures is empty.", "Passing coroutines is forbidden, use tasks explicitly."]);
  });

  it("as_completed gives results in completion order", async () => {
    const out = await run(function* () {
      const results: number[] = [];
      for (const next of asyncio.as_completed([sleeper(3), sleeper(1), sleeper(2)])) results.push(yield* next);
      return results;
    });
    expect(out).toEqual([1, 2, 3]);
  });
});

describe("as_completed (3.13)", () => {
  it("raises TimeoutError for every awaitable still pending at the timeout", async () => {
    const out = await run(function* () {
      const seen: string[] = [];
      for (const next of asyncio.as_completed([sleeper(1), sleeper(5), sleeper(6)], { timeout: 2 })) {
        try {
          seen.push(String(yield* next));
        } catch (e) {
          seen.push(asyncio.repr(e));
        }
      }
      return seen;
    });
    expect(out).toEqual(["1", "TimeoutError()", "TimeoutError()"]);
  });

  it("with async_for gives the finished futures themselves", async () => {
    const out = await run(function* () {
      const a = asyncio.create_task(sleeper(2));
      const b = asyncio.create_task(sleeper(1));
      const order: asyncio.Future[] = [];
      yield* asyncio.async_for(asyncio.as_completed([a, b]), function* (f: asyncio.Future) {
        order.push(f);
      });
      return [order[0] === b, order[1] === a];
    });
    expect(out).toEqual([true, true]);
  });
});

describe("current_task, all_tasks, ensure_future", () => {
  it("current_task is the stepping task, None in a plain callback", async () => {
    const out = await run(function* () {
      const me = asyncio.current_task();
      let inCallback: unknown = "unset";
      asyncio.get_running_loop().call_soon(() => {
        inCallback = asyncio.current_task();
      });
      const child = asyncio.create_task(noop());
      const all = asyncio.all_tasks();
      yield* asyncio.sleep(0);
      return [me instanceof asyncio.Task, inCallback, all.has(me!), all.has(child), asyncio.all_tasks().has(child)];
    });
    expect(out).toEqual([true, null, true, true, false]);
  });

  it("ensure_future returns futures as they are and wraps coroutines", async () => {
    await run(function* () {
      const loop = asyncio.get_running_loop();
      const f = loop.create_future();
      expect(asyncio.ensure_future(f)).toBe(f);
      const t = asyncio.ensure_future(noop());
      expect(t).toBeInstanceOf(asyncio.Task);
      expect(() => asyncio.ensure_future(42 as unknown as asyncio.Coro)).toThrow("An asyncio.Future, a coroutine or an awaitable is required");
      f.cancel();
      yield* t;
    });
  });
});

describe("Task exception was never retrieved", () => {
  it("is logged at loop close in the order the exceptions were set", async () => {
    function* bad(n: number) {
      throw new asyncio.ValueError(`boom ${n}`);
    }
    asyncio.__register("tasks.test.ts", [[bad, "bad", 1]]);
    await run(function* () {
      asyncio.create_task(bad(1));
      asyncio.create_task(bad(2));
      const retrieved = asyncio.create_task(bad(3));
      yield* asyncio.sleep(0);
      retrieved.exception();
    });
    const lines = io.err.split("\n").filter((l) => l && !l.startsWith(" "));
    expect(lines.filter((l) => l.startsWith("ValueError"))).toEqual(["ValueError: boom 1", "ValueError: boom 2"]);
    expect(lines[0]).toBe("Task exception was never retrieved");
    expect(lines[1]).toMatch(/^future: <Task finished name='Task-\d+' coro=<bad\(\) done, defined at tasks.test.ts:1> exception=ValueError\('boom 1'\)>$/);
  });
});
