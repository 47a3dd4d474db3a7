/**
 * asyncio's DeprecationWarning (src/asyncio/warnings.ts): get_event_loop() and
 * ensure_future() with no running loop and none ever set make a loop after warning once, as
 * CPython 3.13 does; with a loop set, or none (set_event_loop(None)), there is no warning.
 * The text with the reader's file and line, through the CLI's source map, is checked by
 * tests/cases/warn-*.
 */
import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { loops } from "../../src/asyncio/loopstate.ts";
import { capture, type Captured } from "./helpers.ts";

let io: Captured;
beforeEach(() => {
  io = capture();
  loops.current = undefined;
});

const WARNING = "sys:1: DeprecationWarning: There is no current event loop\n";

describe("the implicit loop's DeprecationWarning", () => {
  it("get_event_loop() warns (no source map: CPython's `sys:1`), then returns that loop silently", () => {
    const loop = asyncio.get_event_loop();
    expect(io.err).toBe(WARNING);
    io.clear();
    expect(asyncio.get_event_loop()).toBe(loop);
    expect(io.err).toBe("");
    loop.close();
  });

  it("ensure_future(coro) warns and returns a pending task of the new loop", () => {
    io.clear();
    function* greet() {}
    const task = asyncio.ensure_future(greet());
    // Without a map every warning is at `sys:1`, shown by the test above already: once per
    // place (the "default" action), so nothing now.
    expect(io.err).toBe("");
    expect(task.done()).toBe(false);
    expect(task.get_loop()).toBe(asyncio.get_event_loop());
    task.get_loop().run_until_complete(task);
    expect(task.done()).toBe(true);
    task.get_loop().close();
  });

  it("no warning once a loop is set, and a RuntimeError after set_event_loop(None)", () => {
    const loop = asyncio.new_event_loop();
    asyncio.set_event_loop(loop);
    expect(asyncio.get_event_loop()).toBe(loop);
    asyncio.set_event_loop(null);
    expect(() => asyncio.get_event_loop()).toThrow("There is no current event loop in thread 'MainThread'.");
    expect(io.err).toBe("");
    loop.close();
  });
});
