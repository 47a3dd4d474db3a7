import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture, type Captured } from "./helpers.ts";

let io: Captured;
beforeEach(() => {
  io = capture();
});

function* name() {
  return asyncio.current_task()!.get_name();
}

describe("asyncio.run", () => {
  it("returns a Promise of main's result; on the virtual clock the run is over when it returns", async () => {
    const log: string[] = [];
    const p = asyncio.run(
      (function* () {
        log.push("main ran");
        return 7;
      })(),
    );
    log.push("after run()");
    expect(log).toEqual(["main ran", "after run()"]);
    expect(await p).toBe(7);
  });

  it("uses two Task-N numbers for its shutdown tasks", async () => {
    const first = await asyncio.run(name());
    const second = await asyncio.run(name());
    expect(Number(second.slice(5)) - Number(first.slice(5))).toBe(3);
  });

  it("runs one more iteration after main returns, then cancels what is left", async () => {
    const log: string[] = [];
    function* child(label: string) {
      log.push(`${label} started`);
      try {
        yield* asyncio.sleep(0);
        log.push(`${label} after sleep(0)`);
        yield* asyncio.sleep(0);
        log.push(`${label} after 2nd sleep(0)`);
      } catch (e) {
        log.push(`${label} ${asyncio.repr(e)}`);
        throw e;
      }
    }
    await asyncio.run(
      (function* () {
        asyncio.create_task(child("early"));
        yield* asyncio.sleep(0);
        asyncio.create_task(child("late"));
        log.push("main returning");
      })(),
    );
    expect(log).toEqual([
      "early started",
      "main returning",
      "early after sleep(0)",
      "late started",
      "early CancelledError()",
      "late CancelledError()",
    ]);
  });

  it("logs a leftover task that fails instead of being cancelled", async () => {
    function* ignores() {
      try {
        yield* asyncio.sleep(3600);
      } catch {
        throw new asyncio.RuntimeError("late failure");
      }
    }
    await asyncio.run(
      (function* () {
        asyncio.create_task(ignores());
        yield* asyncio.sleep(0);
      })(),
    );
    const lines = io.err.split("\n").filter((l) => l && !l.startsWith(" "));
    expect(lines[0]).toBe("unhandled exception during asyncio.run() shutdown");
    expect(lines[1]).toMatch(/^task: <Task finished name='Task-\d+' coro=<.*> exception=RuntimeError\('late failure'\)>$/);
    expect(lines.at(-1)).toBe("RuntimeError: late failure");
  });

  it("rejects with main's exception, or CancelledError when main ends cancelled", async () => {
    await expect(
      asyncio.run(
        (function* () {
          throw new asyncio.ValueError("main failed");
        })(),
      ),
    ).rejects.toThrow(asyncio.ValueError);
    await expect(
      asyncio.run(
        (function* () {
          asyncio.current_task()!.cancel();
          yield* asyncio.sleep(0);
        })(),
      ),
    ).rejects.toBeInstanceOf(asyncio.CancelledError);
    expect(io.err).toBe(""); // the main task's exception is retrieved: nothing logged
  });

  it("refuses to run inside a running loop", async () => {
    const msg = await asyncio.run(
      (function* () {
        const inner = name();
        try {
          void asyncio.run(inner);
        } catch (e) {
          inner.return("");
          return String(e);
        }
        return "no error";
      })(),
    );
    expect(msg).toBe("asyncio.run() cannot be called from a running event loop");
  });
});

describe("asyncio.run on the wall clock", () => {
  it("lets the host run between iterations and honours the speed", async () => {
    capture();
    const { configureHost } = await import("../../src/asyncio/host.ts");
    let out = "";
    configureHost({ clock: { kind: "wall", speed: 10 }, stdout: (t) => (out += t), stderr: () => {} });
    let hostTicks = 0;
    const interval = setInterval(() => hostTicks++, 5);
    const started = performance.now();
    const elapsedVirtual = await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        const t0 = loop.time();
        yield* asyncio.sleep(1); // 1 s of loop time is 0.1 s of real time at speed 10
        asyncio.print("woke");
        return loop.time() - t0;
      })(),
    );
    clearInterval(interval);
    const real = performance.now() - started;
    expect(out).toBe("woke\n");
    expect(elapsedVirtual).toBeGreaterThanOrEqual(1);
    expect(real).toBeGreaterThanOrEqual(90);
    expect(hostTicks).toBeGreaterThan(0);
  });
});

describe("loop.run_until_complete on the wall clock (issue 10)", () => {
  it("runs synchronously, waits for the timers in real time at the speed, and pulses while it waits", async () => {
    capture();
    const { configureHost } = await import("../../src/asyncio/host.ts");
    let out = "";
    let pulses = 0;
    configureHost({ clock: { kind: "wall", speed: 10 }, stdout: (t) => (out += t), stderr: () => {}, pulse: () => pulses++ });
    try {
      function* greet(name: string, delay: number) {
        yield* asyncio.sleep(delay);
        asyncio.print("hello", name);
        return name;
      }
      const loop = asyncio.new_event_loop();
      // Made on an open loop that is not running: they wait in its queue until it runs.
      const slow = loop.create_task(greet("slow", 2));
      const quick = loop.create_task(greet("quick", 1));
      const t0 = loop.time();
      const started = performance.now();
      const result = loop.run_until_complete(asyncio.gather(slow, quick));
      const real = performance.now() - started;
      const elapsed = loop.time() - t0;
      loop.close();
      expect(result).toEqual(["slow", "quick"]);
      expect(out).toBe("hello quick\nhello slow\n");
      // 2 s of loop time is 0.2 s of real time at speed 10, waited for, not skipped.
      expect(elapsed).toBeGreaterThanOrEqual(2);
      expect(real).toBeGreaterThanOrEqual(190);
      // Blocking in slices of at most 50 ms, each followed by the host's pulse.
      expect(pulses).toBeGreaterThanOrEqual(3);
    } finally {
      configureHost({ clock: { kind: "virtual" } });
    }
  });
});
