/**
 * The host interface's report of an uncaught error (src/asyncio/host.ts): the exit status and
 * what is printed, as CPython's own exit does it (pythonrun.c `_Py_HandleSystemExit`, and the
 * SIGINT death after a KeyboardInterrupt). The end-to-end behaviour through the CLI is in
 * tests/cases/exit-*.
 */
import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { exitStatus, hook, reportError } from "../../src/asyncio/host.ts";
import { capture, type Captured } from "./helpers.ts";

let io: Captured;
beforeEach(() => {
  io = capture();
  hook.signal = null;
});

describe("SystemExit's code", () => {
  it.each([
    ["no argument", [], 0],
    ["None", [null], 0],
    ["an int", [3], 3],
    ["0", [0], 0],
    // The OS keeps the low 8 bits (CPython: `exit(256)` is status 0, `exit(-1)` 255).
    ["256", [256], 0],
    ["-1", [-1], 255],
    ["True (an int in Python)", [true], 1],
    ["a bigint", [2n ** 40n + 7n], 7],
  ] as [string, unknown[], number][])("%s gives status %i and prints nothing", (_what, args, status) => {
    expect(exitStatus(new asyncio.SystemExit(...args))).toBe(status);
    expect(io.err).toBe("");
  });

  it("a string is printed on stderr (str, not repr) and the status is 1", () => {
    expect(exitStatus(new asyncio.SystemExit("bye 'now'"))).toBe(1);
    expect(io.err).toBe("bye 'now'\n");
  });

  it("several arguments: the tuple is printed, status 1", () => {
    expect(exitStatus(new asyncio.SystemExit(1, "a"))).toBe(1);
    expect(io.err).toBe("(1, 'a')\n");
  });

  it("a float is not an int: printed, status 1", () => {
    expect(exitStatus(new asyncio.SystemExit(1.5))).toBe(1);
    expect(io.err).toBe("1.5\n");
  });
});

describe("reportError", () => {
  it("SystemExit: no traceback, the code's status, no signal", () => {
    expect(reportError(new asyncio.SystemExit(4))).toBe(4);
    expect(io.err).toBe("");
    expect(hook.signal).toBe(null);
  });

  it("KeyboardInterrupt: a traceback, status 130 and the SIGINT death for the host", () => {
    expect(reportError(new asyncio.KeyboardInterrupt())).toBe(130);
    expect(io.err).toMatch(/^Traceback \(most recent call last\):\n(.|\n)*KeyboardInterrupt\n$/);
    expect(hook.signal).toBe("SIGINT");
  });

  it("any other exception: a traceback and status 1", () => {
    expect(reportError(new asyncio.ValueError("bad"))).toBe(1);
    expect(io.err).toMatch(/ValueError: bad\n$/);
    expect(hook.signal).toBe(null);
  });
});

describe("reconfigure", () => {
  it("applies the hook's fields filled in after the runtime was evaluated, subscribing onEvent once", async () => {
    // The page's worker evaluates the runtime before it knows its run (issue 12), then fills
    // in the hook and calls reconfigure(), maybe more than once.
    let out = "";
    const seqs: number[] = [];
    let listening = true;
    hook.stdout = (t) => void (out += t);
    hook.onEvent = (e) => {
      if (!listening) return false;
      seqs.push(e.seq);
      return true;
    };
    try {
      hook.reconfigure!();
      hook.reconfigure!();
      await asyncio.run(
        (function* () {
          asyncio.print("hello from the run");
          yield* asyncio.sleep(0);
        })(),
      );
      expect(out).toBe("hello from the run\n");
      expect(seqs.length).toBeGreaterThan(0);
      // Each event reached the subscriber once.
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      listening = false;
      delete hook.stdout;
      delete hook.onEvent;
    }
  });
});
