import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture, type Captured } from "./helpers.ts";

let io: Captured;
beforeEach(() => {
  io = capture();
});

function broken() {
  throw new asyncio.RuntimeError("cb failed");
}
asyncio.__register("events.test.ts", [[broken, "broken", 10]]);

describe("the loop iteration", () => {
  it("runs the ready queue FIFO, and handles queued meanwhile in the next iteration", async () => {
    const order: string[] = [];
    function* main() {
      const loop = asyncio.get_running_loop();
      const chain = (n: number) => {
        order.push(`chain ${n}`);
        if (n < 3) loop.call_soon(chain, n + 1);
      };
      loop.call_soon(chain, 1);
      for (let i = 0; i < 3; i++) {
        yield* asyncio.sleep(0);
        order.push(`main ${i}`);
      }
    }
    await asyncio.run(main());
    expect(order).toEqual(["chain 1", "main 0", "chain 2", "main 1", "chain 3", "main 2"]);
  });

  it("appends due timers after the handles that were ready (case 29)", async () => {
    const order: string[] = [];
    function* main() {
      const loop = asyncio.get_running_loop();
      loop.call_later(0, () => order.push("timer"));
      loop.call_soon(() => order.push("soon"));
      yield* asyncio.sleep(0);
      order.push("main 1");
      yield* asyncio.sleep(0);
      order.push("main 2");
    }
    await asyncio.run(main());
    expect(order).toEqual(["soon", "main 1", "timer", "main 2"]);
  });

  it("runs timers due at the same moment in scheduling order; the virtual clock jumps", async () => {
    const order: string[] = [];
    function* main() {
      const loop = asyncio.get_running_loop();
      const t0 = loop.time();
      for (const name of ["a", "b", "c"]) loop.call_later(5, () => order.push(`${name}@${loop.time() - t0}`));
      loop.call_at(t0 + 1, () => order.push(`early@${loop.time() - t0}`));
      yield* asyncio.sleep(60);
      return loop.time() - t0;
    }
    expect(await asyncio.run(main())).toBe(60);
    expect(order).toEqual(["early@1", "a@5", "b@5", "c@5"]);
  });

  it("skips a cancelled handle and a cancelled timer", async () => {
    const order: string[] = [];
    function* main() {
      const loop = asyncio.get_running_loop();
      const h = loop.call_soon(() => order.push("h"));
      const t = loop.call_later(1, () => order.push("t"));
      h.cancel();
      t.cancel();
      expect(t.cancelled()).toBe(true);
      yield* asyncio.sleep(2);
    }
    await asyncio.run(main());
    expect(order).toEqual([]);
  });

  it("logs a callback's exception and keeps going", async () => {
    function* main() {
      const loop = asyncio.get_running_loop();
      loop.call_soon(broken);
      yield* asyncio.sleep(0);
      return "still running";
    }
    expect(await asyncio.run(main())).toBe("still running");
    expect(io.err.split("\n").filter((l) => l && !l.startsWith(" "))).toEqual([
      "Exception in callback broken() at events.test.ts:10",
      "handle: <Handle broken() at events.test.ts:10>",
      "Traceback (most recent call last):",
      "RuntimeError: cb failed",
    ]);
  });
});

describe("loop state", () => {
  it("is running inside run() and closed after it; get_event_loop then raises", async () => {
    let seen: [boolean, boolean] | null = null;
    function* main() {
      const loop = asyncio.get_running_loop();
      seen = [loop.is_running(), loop.is_closed()];
      return loop;
    }
    const loop = await asyncio.run(main());
    expect(seen).toEqual([true, false]);
    expect(loop.is_running()).toBe(false);
    expect(loop.is_closed()).toBe(true);
    expect(() => asyncio.get_event_loop()).toThrow("There is no current event loop in thread 'MainThread'.");
    expect(() => asyncio.get_running_loop()).toThrow("no running event loop");
  });

  it("refuses to schedule on a closed loop", () => {
    const loop = asyncio.new_event_loop();
    loop.close();
    expect(() => loop.call_soon(() => {})).toThrow("Event loop is closed");
  });
});

describe("deadlock on the virtual clock", () => {
  it("is reported with the waiting tasks, and run() rejects", async () => {
    function* stuck() {
      yield* asyncio.get_running_loop().create_future();
    }
    let error: unknown = null;
    try {
      await asyncio.run(stuck());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(asyncio.BaseException);
    expect(io.err).toMatch(/^Deadlock: the event loop has nothing ready and no timer pending/);
    expect(io.err).toMatch(/Tasks still waiting:\n {2}<Task pending name='Task-\d+' coro=<.*> wait_for=<Future pending cb=\[Task\.task_wakeup\(\)\]>/);
  });
});
