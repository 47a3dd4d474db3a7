import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture, type Captured } from "./helpers.ts";

let io: Captured;
beforeEach(() => {
  io = capture();
});

function on_done(_f: asyncio.Future) {}
function other(_f: asyncio.Future) {}
asyncio.__register("futures.test.ts", [
  [on_done, "on_done", 9],
  [other, "other", 10],
]);

describe("Future states and results", () => {
  it("raises CPython's texts while pending and when set twice", () => {
    const loop = asyncio.new_event_loop();
    const f = loop.create_future<number>();
    expect(f._state).toBe("PENDING");
    expect(() => f.result()).toThrow("Result is not set.");
    expect(() => f.exception()).toThrow("Exception is not set.");
    f.set_result(1);
    expect(f._state).toBe("FINISHED");
    expect(f.result()).toBe(1);
    expect(() => f.set_result(2)).toThrow(asyncio.InvalidStateError);
    expect(() => f.set_exception(new asyncio.ValueError())).toThrow("invalid state");
    loop.close();
  });

  it("raises the same stored exception object every time", () => {
    const loop = asyncio.new_event_loop();
    const f = loop.create_future();
    const e = new asyncio.ValueError("x");
    f.set_exception(e);
    expect(f.exception()).toBe(e);
    expect(() => f.result()).toThrow(e);
    loop.close();
    expect(io.err).toBe(""); // retrieved: no "never retrieved" report
  });

  it("instantiates an exception class, and stores StopIteration as a RuntimeError (3.13)", () => {
    const loop = asyncio.new_event_loop();
    const f = loop.create_future();
    f.set_exception(asyncio.ValueError);
    expect(f.exception()).toBeInstanceOf(asyncio.ValueError);
    const g = loop.create_future();
    g.set_exception(new asyncio.StopIteration());
    expect(asyncio.repr(g.exception())).toBe(
      "RuntimeError('StopIteration interacts badly with generators and cannot be raised into a Future')",
    );
    loop.close();
  });

  it("cancel() gives a new CancelledError with the message on every retrieval", () => {
    const loop = asyncio.new_event_loop();
    const f = loop.create_future();
    expect(f.cancel("why")).toBe(true);
    expect(f.cancel()).toBe(false);
    expect(f.cancelled()).toBe(true);
    let first: unknown;
    let second: unknown;
    try {
      f.result();
    } catch (e) {
      first = e;
    }
    try {
      f.exception();
    } catch (e) {
      second = e;
    }
    expect(first).toBeInstanceOf(asyncio.CancelledError);
    expect((first as asyncio.CancelledError).args).toEqual(["why"]);
    expect(second).not.toBe(first);
    loop.close();
  });

  it("reports an exception nobody retrieved when the loop closes", () => {
    const loop = asyncio.new_event_loop();
    loop.create_future().set_exception(new asyncio.ValueError("lost"));
    loop.close();
    // Never raised, so no traceback (CPython: the exception has no __traceback__).
    expect(io.err).toBe("Future exception was never retrieved\nfuture: <Future finished exception=ValueError('lost')>\nValueError: lost\n");
  });
});

describe("done callbacks", () => {
  it("are queued in registration order, never called synchronously", async () => {
    const order: string[] = [];
    function* main() {
      const loop = asyncio.get_running_loop();
      const f = loop.create_future();
      f.add_done_callback(() => order.push("first"));
      f.add_done_callback(() => order.push("second"));
      f.set_result(null);
      order.push("after set_result");
      f.add_done_callback(() => order.push("added when done"));
      order.push("after add");
      yield* asyncio.sleep(0);
    }
    await asyncio.run(main());
    expect(order).toEqual(["after set_result", "after add", "first", "second", "added when done"]);
  });

  it("remove_done_callback removes every entry and returns the count", () => {
    const loop = asyncio.new_event_loop();
    const f = loop.create_future();
    f.add_done_callback(on_done);
    f.add_done_callback(other);
    f.add_done_callback(on_done);
    expect(f.remove_done_callback(on_done)).toBe(2);
    expect(f.remove_done_callback(on_done)).toBe(0);
    expect(asyncio.repr(f)).toBe("<Future pending cb=[other() at futures.test.ts:10]>");
    loop.close();
  });

  it("repr lists one, two, or first + count + last callbacks", () => {
    const loop = asyncio.new_event_loop();
    const f = loop.create_future();
    f.add_done_callback(on_done);
    f.add_done_callback(other);
    expect(asyncio.repr(f)).toBe("<Future pending cb=[on_done() at futures.test.ts:9, other() at futures.test.ts:10]>");
    f.add_done_callback(asyncio.print);
    f.add_done_callback(other);
    expect(asyncio.repr(f)).toBe("<Future pending cb=[on_done() at futures.test.ts:9, <2 more>, other() at futures.test.ts:10]>");
    f.cancel();
    expect(asyncio.repr(f)).toBe("<Future cancelled>");
    loop.close();
  });
});

describe("awaiting a future", () => {
  it("a done future gives its result without suspending", async () => {
    const seen: string[] = [];
    function* main() {
      const loop = asyncio.get_running_loop();
      const f = loop.create_future<string>();
      f.set_result("ready");
      loop.call_soon(() => seen.push("callback"));
      seen.push(yield* f);
      seen.push("after await");
      yield* asyncio.sleep(0);
    }
    await asyncio.run(main());
    expect(seen).toEqual(["ready", "after await", "callback"]);
  });

  it("throws the future's exception at the yield*", async () => {
    function* main() {
      const f = asyncio.get_running_loop().create_future();
      asyncio.get_running_loop().call_soon(() => f.set_exception(new asyncio.KeyError("k")));
      try {
        yield* f;
        return "no error";
      } catch (e) {
        return asyncio.repr(e);
      }
    }
    expect(await asyncio.run(main())).toBe("KeyError('k')");
  });
});
