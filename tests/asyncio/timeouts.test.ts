import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture } from "./helpers.ts";

beforeEach(() => {
  capture();
});

function* slow(log: string[]) {
  try {
    yield* asyncio.sleep(10);
    return "finished";
  } catch (e) {
    log.push(`slow got ${asyncio.repr(e)}`);
    throw e;
  }
}

describe("asyncio.timeout", () => {
  it("turns the expiry's CancelledError into TimeoutError and restores cancelling()", async () => {
    const log: string[] = [];
    const out = await asyncio.run(
      (function* () {
        const cm = asyncio.timeout(1);
        try {
          yield* asyncio.async_with(cm, function* () {
            yield* slow(log);
          });
        } catch (e) {
          return [asyncio.repr(e), cm.expired(), asyncio.current_task()!.cancelling(), asyncio.get_running_loop().time()];
        }
        return [];
      })(),
    );
    expect(out.slice(0, 3)).toEqual(["TimeoutError()", true, 0]);
    expect(log).toEqual(["slow got CancelledError()"]);
  });

  it("does nothing when the body finishes in time", async () => {
    const out = await asyncio.run(
      (function* () {
        const cm = asyncio.timeout(20);
        const r = yield* asyncio.async_with(cm, function* () {
          return yield* slow([]);
        });
        return [r, cm.expired()];
      })(),
    );
    expect(out).toEqual(["finished", false]);
  });
});

describe("wait_for", () => {
  it("runs a coroutine in the caller's task (3.12+) and raises TimeoutError on expiry", async () => {
    function* who() {
      return asyncio.current_task()!.get_name();
    }
    const log: string[] = [];
    const out = await asyncio.run(
      (function* () {
        const me = asyncio.current_task()!.get_name();
        const inner = yield* asyncio.wait_for(who(), 1);
        let timedOut = "";
        try {
          yield* asyncio.wait_for(slow(log), 0.5);
        } catch (e) {
          timedOut = asyncio.repr(e);
        }
        return [me === inner, timedOut];
      })(),
    );
    expect(out).toEqual([true, "TimeoutError()"]);
    expect(log).toEqual(["slow got CancelledError()"]);
  });

  it("with timeout <= 0 cancels a pending task and waits for it", async () => {
    const log: string[] = [];
    const out = await asyncio.run(
      (function* () {
        const t = asyncio.create_task(slow(log));
        yield* asyncio.sleep(0);
        try {
          yield* asyncio.wait_for(t, 0);
        } catch (e) {
          return [asyncio.repr(e), t.cancelled()];
        }
        return [];
      })(),
    );
    expect(out).toEqual(["TimeoutError()", true]);
  });
});
