import { describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { exceptionLine, formatException, parseStack, userFrames } from "../../src/asyncio/traceback.ts";
import type { PositionMapper } from "../../src/asyncio/loopstate.ts";

const V8_STACK = `ValueError: bad
    at inner (file:///tmp/x/main.mjs:40:11)
    at inner.next (<anonymous>)
    at Task._stepRun (file:///tmp/x/main.mjs:900:20)
    at work (file:///tmp/x/main.mjs:45:20)
    at async ModuleJob.run (node:internal/modules/esm/module_job:271:25)
    at file:///tmp/x/main.mjs:60:1`;

const GECKO_STACK = `inner@blob:https://site/abc:40:11
work@blob:https://site/abc:45:20
@blob:https://site/abc:60:1`;

/** A fake source map: bundle lines 40/45/60 are the reader's, 900 is the runtime's. */
const mapper: PositionMapper = (line) => {
  const table: Record<number, [string, number, string]> = {
    40: ["main.ts", 5, 'throw new ValueError("bad");'],
    45: ["main.ts", 10, "const v = yield* inner(2);"],
    60: ["main.ts", 20, "await asyncio.run(main());"],
    900: ["../src/asyncio/tasks.ts", 300, "r = coro.next()"],
  };
  const hit = table[line];
  return hit ? { source: hit[0], line: hit[1], column: 0, name: null, sourceLine: hit[2] } : null;
};

function errorWithStack(stack: string): Error {
  const e = new asyncio.ValueError("bad");
  Object.defineProperty(e, "stack", { value: stack });
  return e;
}

describe("parseStack", () => {
  it("reads V8 and SpiderMonkey/JavaScriptCore frames", () => {
    expect(parseStack(V8_STACK).map((f) => [f.name, f.line])).toEqual([
      ["inner", 40],
      ["Task._stepRun", 900],
      ["work", 45],
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

describe("formatException", () => {
  it("keeps the reader's frames, most recent call last, and drops the runtime's and the engine's", () => {
    const e = errorWithStack(V8_STACK);
    expect(userFrames(e, mapper).map((f) => `${f.name}@${f.line}`)).toEqual(["<module>@20", "work@10", "inner@5"]);
    expect(formatException(e, mapper)).toBe(
      "Traceback (most recent call last):\n" +
        '  File "main.ts", line 20, in <module>\n' +
        "    await asyncio.run(main());\n" +
        '  File "main.ts", line 10, in work\n' +
        "    const v = yield* inner(2);\n" +
        '  File "main.ts", line 5, in inner\n' +
        '    throw new ValueError("bad");\n' +
        "ValueError: bad\n",
    );
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
