import { describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { exceptionLine, formatException, parseStack, userFrames } from "../../src/asyncio/traceback.ts";
import type { PositionMapper } from "../../src/asyncio/loopstate.ts";

// A task's step raised in `inner`, called by `work`, the task's coroutine. Below the step:
// the loop, asyncio.run and the module's top level, none of which CPython prints (its task
// steps are C code).
const V8_STACK = `ValueError: bad
    at inner (file:///tmp/x/main.mjs:40:11)
    at inner.next (<anonymous>)
    at work (file:///tmp/x/main.mjs:45:20)
    at work.next (<anonymous>)
    at Task._stepRun (file:///tmp/x/main.mjs:900:20)
    at Task._step (file:///tmp/x/main.mjs:901:12)
    at Task._run (file:///tmp/x/main.mjs:902:15)
    at BaseEventLoop._runOnce (file:///tmp/x/main.mjs:903:15)
    at Object.run (file:///tmp/x/main.mjs:904:30)
    at async ModuleJob.run (node:internal/modules/esm/module_job:271:25)
    at file:///tmp/x/main.mjs:60:1`;

const GECKO_STACK = `inner@blob:https://site/abc:40:11
work@blob:https://site/abc:45:20
@blob:https://site/abc:60:1`;

/** A fake source map: bundle lines 40-60 are the reader's, 900 and up the runtime's. */
const mapper: PositionMapper = (line) => {
  const table: Record<number, [string, number, string]> = {
    40: ["main.ts", 5, 'throw new ValueError("bad");'],
    45: ["main.ts", 10, "const v = yield* inner(2);"],
    50: ["main.ts", 14, "yield* asyncio.async_with(asyncio.timeout(1), function* () {"],
    51: ["main.ts", 15, "yield* asyncio.sleep(10);"],
    60: ["main.ts", 20, "await asyncio.run(main());"],
    61: ["main.ts", 21, "f();"],
  };
  const hit = table[line];
  if (hit) return { source: hit[0], line: hit[1], column: 0, name: null, sourceLine: hit[2] };
  if (line >= 900) return { source: "../src/asyncio/tasks.ts", line: line - 600, column: 0, name: null, sourceLine: "" };
  return null;
};

function errorWithStack(stack: string): Error {
  const e = new asyncio.ValueError("bad");
  Object.defineProperty(e, "stack", { value: stack });
  return e;
}

const names = (e: unknown) => userFrames(e, mapper).map((f) => `${f.file}:${f.name}@${f.line}`);

describe("parseStack", () => {
  it("reads V8 and SpiderMonkey/JavaScriptCore frames", () => {
    expect(parseStack(V8_STACK).map((f) => [f.name, f.line])).toEqual([
      ["inner", 40],
      ["work", 45],
      ["Task._stepRun", 900],
      ["Task._step", 901],
      ["Task._run", 902],
      ["BaseEventLoop._runOnce", 903],
      ["Object.run", 904],
      ["ModuleJob.run", 271],
      ["", 60],
    ]);
    expect(parseStack(GECKO_STACK).map((f) => [f.name, f.url, f.line, f.column])).toEqual([
      ["inner", "blob:https://site/abc", 40, 11],
      ["work", "blob:https://site/abc", 45, 20],
      ["", "blob:https://site/abc", 60, 1],
    ]);
  });
});

describe("the frames of a traceback", () => {
  it("a task's exception has the frames of its coroutine only, as CPython prints it", () => {
    // CPython: `File "main.py", line 10, in work` then `line 5, in inner`; no <module>.
    expect(names(errorWithStack(V8_STACK))).toEqual(["main.ts:work@10", "main.ts:inner@5"]);
  });

  it("an exception raised at the top level keeps the reader's frames down from <module>", () => {
    const e = errorWithStack(`ValueError: bad
    at inner (file:///tmp/x/main.mjs:40:11)
    at f (file:///tmp/x/main.mjs:61:3)
    at file:///tmp/x/main.mjs:60:1`);
    expect(names(e)).toEqual(["main.ts:<module>@20", "main.ts:f@21", "main.ts:inner@5"]);
  });

  it("a callback's exception stops at the Handle that ran it", () => {
    const e = errorWithStack(`RuntimeError: cb
    at _Handle.inner [as _callback] (file:///tmp/x/main.mjs:40:11)
    at TimerHandle._run (file:///tmp/x/main.mjs:910:20)
    at BaseEventLoop._runOnce (file:///tmp/x/main.mjs:903:15)
    at file:///tmp/x/main.mjs:60:1`);
    // the method-call spelling `_Handle.inner [as _callback]` is the reader's `inner`
    expect(names(e)).toEqual(["main.ts:inner@5"]);
  });

  it("asyncio's own code appears as CPython's frames, the runtime's glue not at all", () => {
    const e = errorWithStack(`CancelledError
    at SleepFor.throw (file:///tmp/x/main.mjs:920:5)
    at FutureIter.throw (file:///tmp/x/main.mjs:921:5)
    at work (file:///tmp/x/main.mjs:45:20)
    at Task._stepRun (file:///tmp/x/main.mjs:900:20)`);
    expect(names(e)).toEqual(["main.ts:work@10", "asyncio/tasks.py:sleep@718"]);
    expect(userFrames(e, mapper)[1].sourceLine).toBe("return await future");
  });

  it("the body of async_with is the enclosing function's own code, as `async with` is in Python", () => {
    const e = errorWithStack(`CancelledError
    at SleepFor.throw (file:///tmp/x/main.mjs:920:5)
    at file:///tmp/x/main.mjs:51:20
    at Object.async_with (file:///tmp/x/main.mjs:930:21)
    at work (file:///tmp/x/main.mjs:50:26)
    at Task._stepRun (file:///tmp/x/main.mjs:900:20)`);
    expect(names(e)).toEqual(["main.ts:work@15", "asyncio/tasks.py:sleep@718"]);
  });

  it("an exception raised in __aexit__ shows the `async with` line and asyncio's frame", () => {
    const e = errorWithStack(`TimeoutError
    at Timeout.__aexit__ (file:///tmp/x/main.mjs:940:13)
    at Object.async_with (file:///tmp/x/main.mjs:930:21)
    at work (file:///tmp/x/main.mjs:50:26)
    at Task._stepRun (file:///tmp/x/main.mjs:900:20)`);
    expect(names(e)).toEqual(["main.ts:work@14", "asyncio/timeouts.py:__aexit__@116"]);
  });
});

describe("formatException", () => {
  it("prints File lines with the source, then the exception line", () => {
    expect(formatException(errorWithStack(V8_STACK), mapper)).toBe(
      "Traceback (most recent call last):\n" +
        '  File "main.ts", line 10, in work\n' +
        "    const v = yield* inner(2);\n" +
        '  File "main.ts", line 5, in inner\n' +
        '    throw new ValueError("bad");\n' +
        "ValueError: bad\n",
    );
  });

  it("prints a cause only from the frame that caught it (raise ... from)", () => {
    // The CancelledError entered `work` inside the `async with` body (line 15) and was caught
    // by the Timeout there; TimeoutError was raised from __aexit__, in the same frame.
    const cause = new asyncio.CancelledError();
    Object.defineProperty(cause, "stack", {
      value: `CancelledError
    at SleepFor.throw (file:///tmp/x/main.mjs:920:5)
    at file:///tmp/x/main.mjs:51:20
    at Object.async_with (file:///tmp/x/main.mjs:930:21)
    at work (file:///tmp/x/main.mjs:50:26)
    at outer (file:///tmp/x/main.mjs:45:20)
    at Task._stepRun (file:///tmp/x/main.mjs:900:20)`,
    });
    const effect = new asyncio.TimeoutError();
    Object.defineProperty(effect, "stack", {
      value: `TimeoutError
    at Timeout.__aexit__ (file:///tmp/x/main.mjs:940:13)
    at Object.async_with (file:///tmp/x/main.mjs:930:21)
    at work (file:///tmp/x/main.mjs:50:26)
    at outer (file:///tmp/x/main.mjs:45:20)
    at Task._stepRun (file:///tmp/x/main.mjs:900:20)`,
    });
    (effect as { cause?: unknown }).cause = cause;
    const text = formatException(effect, mapper);
    const frames = text.split("\n").filter((l) => l.startsWith("  File"));
    expect(frames).toEqual([
      // the cause: from `work` (the catcher), not from `outer`
      '  File "main.ts", line 15, in work',
      '  File "asyncio/tasks.py", line 718, in sleep',
      // the effect: the whole way
      '  File "main.ts", line 10, in outer',
      '  File "main.ts", line 14, in work',
      '  File "asyncio/timeouts.py", line 116, in __aexit__',
    ]);
    expect(text).toContain("\nThe above exception was the direct cause of the following exception:\n\n");
  });

  it("without a source map prints the header and the exception line", () => {
    expect(formatException(errorWithStack(V8_STACK), null)).toBe("Traceback (most recent call last):\nValueError: bad\n");
  });
});

describe("exceptionLine", () => {
  it("writes CPython's last line", () => {
    expect(exceptionLine(new asyncio.ValueError("bad"))).toBe("ValueError: bad");
    expect(exceptionLine(new asyncio.CancelledError("bye"))).toBe("asyncio.exceptions.CancelledError: bye");
    expect(exceptionLine(new asyncio.CancelledError())).toBe("asyncio.exceptions.CancelledError");
    expect(exceptionLine(new asyncio.KeyError("k"))).toBe("KeyError: 'k'");
    expect(exceptionLine(new TypeError("x is not a function"))).toBe("TypeError: x is not a function");
  });
});
