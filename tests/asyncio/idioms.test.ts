import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture } from "./helpers.ts";

beforeEach(() => {
  capture();
});

function* ticks(count: number) {
  for (let i = 1; i <= count; i++) {
    yield* asyncio.sleep(0.1);
    yield asyncio.item(i);
  }
}

describe("async_with", () => {
  it("awaits __aenter__, runs the body with its value, awaits __aexit__ with the error", async () => {
    const log: unknown[] = [];
    const cm = {
      *__aenter__() {
        log.push("enter");
        return "value";
      },
      *__aexit__(error: unknown) {
        log.push(`exit ${asyncio.repr(error)}`);
        return error instanceof asyncio.KeyError; // swallow KeyError only
      },
    };
    await asyncio.run(
      (function* () {
        const r = yield* asyncio.async_with(cm, function* (v) {
          log.push(v);
          return 1;
        });
        log.push(r);
        yield* asyncio.async_with(cm, function* () {
          throw new asyncio.KeyError("k");
        });
        try {
          yield* asyncio.async_with(cm, function* () {
            throw new asyncio.ValueError("v");
          });
        } catch (e) {
          log.push(`propagated ${asyncio.repr(e)}`);
        }
      })(),
    );
    expect(log).toEqual([
      "enter", "value", "exit None", 1,
      "enter", "exit KeyError('k')",
      "enter", "exit ValueError('v')", "propagated ValueError('v')",
    ]);
  });

  it("refuses an object without the protocol", async () => {
    const err = await asyncio.run(
      (function* () {
        try {
          yield* asyncio.async_with(42 as unknown as asyncio.Timeout, function* () {});
        } catch (e) {
          return String(e);
        }
        return "";
      })(),
    );
    expect(err).toBe("'int' object does not support the asynchronous context manager protocol");
  });
});

describe("async_for", () => {
  it("iterates an asynchronous generator inside the iterating task, suspended between items", async () => {
    const log: string[] = [];
    function* consume() {
      yield* asyncio.async_for(ticks(3), function* (tick: number) {
        log.push(`tick ${tick} at ${Math.round((asyncio.get_running_loop().time() - t0) * 10)}`);
      });
      return "done";
    }
    let t0 = 0;
    const out = await asyncio.run(
      (function* () {
        t0 = asyncio.get_running_loop().time();
        const t = asyncio.create_task(consume());
        yield* asyncio.sleep(0);
        const between = asyncio.repr(t._fut_waiter);
        return [between, yield* t];
      })(),
    );
    expect(out).toEqual(["<Future pending cb=[Task.task_wakeup()]>", "done"]);
    expect(log).toEqual(["tick 1 at 1", "tick 2 at 2", "tick 3 at 3"]);
  });

  it("stops at BREAK; anext gives the default at the end", async () => {
    const out = await asyncio.run(
      (function* () {
        const seen: number[] = [];
        yield* asyncio.async_for(ticks(5), function* (t: number) {
          seen.push(t);
          if (t === 2) return asyncio.BREAK;
          return undefined;
        });
        const it = asyncio.aiter<number>(ticks(1));
        const first = yield* asyncio.anext(it, null);
        const end = yield* asyncio.anext(it, "end");
        let raised = "";
        try {
          yield* asyncio.anext(it);
        } catch (e) {
          raised = asyncio.repr(e);
        }
        return [seen, first, end, raised];
      })(),
    );
    expect(out).toEqual([[1, 2], 1, "end", "StopAsyncIteration()"]);
  });

  it("a cancel reaches the generator's await", async () => {
    const log: string[] = [];
    function* gen() {
      try {
        yield* asyncio.sleep(10);
        yield asyncio.item(1);
      } finally {
        log.push("generator finally");
      }
    }
    await asyncio.run(
      (function* () {
        const t = asyncio.create_task(asyncio.async_for(gen(), function* () {}));
        yield* asyncio.sleep(0);
        t.cancel();
        yield* asyncio.wait([t]);
        expect(t.cancelled()).toBe(true);
      })(),
    );
    expect(log).toEqual(["generator finally"]);
  });
});
