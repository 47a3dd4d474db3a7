/** Where a run failed, read from its traceback (src/playground/problems.ts). */
import { describe, expect, it } from "vitest";
import { tracebackProblem } from "../../src/playground/problems.ts";

describe("tracebackProblem", () => {
  it("marks the innermost frame in the reader's file, with the exception's line", () => {
    const stderr = [
      "Traceback (most recent call last):",
      '  File "main.ts", line 13, in <module>',
      "    asyncio.run(main());",
      '  File "main.ts", line 10, in main',
      "    yield* asyncio.create_task(work());",
      '  File "main.ts", line 6, in work',
      '    throw new ValueError("bad");',
      "ValueError: bad",
      "",
    ].join("\n");
    expect(tracebackProblem(stderr)).toMatchObject({ line: 6, column: 1, text: "ValueError: bad", severity: "error" });
  });

  it("reads the last traceback when there are several (chained exceptions)", () => {
    const stderr = [
      "Traceback (most recent call last):",
      '  File "main.ts", line 3, in f',
      "    x();",
      "KeyError: 'a'",
      "",
      "During handling of the above exception, another exception occurred:",
      "",
      "Traceback (most recent call last):",
      '  File "main.ts", line 5, in f',
      "    y();",
      "RuntimeError: b",
    ].join("\n");
    expect(tracebackProblem(stderr)).toMatchObject({ line: 5, text: "RuntimeError: b" });
  });

  it("ignores frames in other files (asyncio's own) and finds group members' frames", () => {
    const group = [
      "  + Exception Group Traceback (most recent call last):",
      '  |   File "main.ts", line 20, in <module>',
      "  |     asyncio.run(main());",
      '  |   File "asyncio/runners.py", line 194, in run',
      "  |     return runner.run(main)",
      "  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)",
      "  +-+---------------- 1 ----------------",
      "    | Traceback (most recent call last):",
      '    |   File "main.ts", line 7, in child',
      '    |     throw new ValueError("x");',
      "    | ValueError: x",
      "    +------------------------------------",
    ].join("\n");
    expect(tracebackProblem(group)?.line).toBe(7);
  });

  it("gives nothing for output without a traceback through the reader's file", () => {
    expect(tracebackProblem("")).toBeNull();
    expect(tracebackProblem("just text\n")).toBeNull();
    expect(tracebackProblem('Traceback (most recent call last):\n  File "asyncio/tasks.py", line 3, in x\nValueError: v\n')).toBeNull();
  });
});
