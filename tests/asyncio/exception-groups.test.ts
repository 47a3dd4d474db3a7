/**
 * Exception groups (exceptions.ts) and their tracebacks (traceback.ts), against what CPython
 * 3.13.0 does: the expected texts below were taken from `python3.13` runs of the same
 * constructions (Objects/exceptions.c, Lib/traceback.py).
 */
import { describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { truth } from "../../src/asyncio/exceptions.ts";
import { formatException, markRaised } from "../../src/asyncio/traceback.ts";
import type { PositionMapper } from "../../src/asyncio/loopstate.ts";

const { BaseExceptionGroup, ExceptionGroup, ValueError, TypeError, KeyError, KeyboardInterrupt, CancelledError, repr, str } = asyncio;

function sample() {
  return new ExceptionGroup("many", [new ValueError(1), new TypeError(2), new ExceptionGroup("inner", [new ValueError(3), new KeyError(4)])]);
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

describe("BaseExceptionGroup and ExceptionGroup", () => {
  it("str counts the members, repr writes the list as given, exceptions is a tuple", () => {
    const eg = new ExceptionGroup("x", [new ValueError(1)]);
    expect(str(eg)).toBe("x (1 sub-exception)");
    expect(str(sample())).toBe("many (3 sub-exceptions)");
    expect(repr(eg)).toBe("ExceptionGroup('x', [ValueError(1)])");
    expect(repr(eg.exceptions)).toBe("(ValueError(1),)");
    expect(eg.message).toBe("x");
    expect(Object.isFrozen(eg.exceptions)).toBe(true);
    expect(Array.isArray(eg.exceptions)).toBe(true);
    // map() of the tuple is a plain list again
    expect(repr(eg.exceptions.map((e) => e.args[0]))).toBe("[1]");
  });

  it("the repr shows the caller's list as it is now, as CPython 3.13.0 does (args keep the list)", () => {
    const list: asyncio.Exception[] = [new ValueError(2)];
    const eg = new ExceptionGroup("y", list);
    list.push(new KeyError(3));
    expect(repr(eg)).toBe("ExceptionGroup('y', [ValueError(2), KeyError(3)])");
    expect(eg.exceptions.length).toBe(1);
  });

  it("ExceptionGroup is an Exception; BaseExceptionGroup of Exceptions becomes one", () => {
    const eg = new ExceptionGroup("x", [new ValueError(1)]);
    expect(eg).toBeInstanceOf(asyncio.Exception);
    expect(eg).toBeInstanceOf(BaseExceptionGroup);
    expect(eg).not.toBeInstanceOf(ValueError);
    expect(new ValueError()).toBeInstanceOf(asyncio.Exception);
    expect(new CancelledError()).not.toBeInstanceOf(asyncio.Exception);
    const auto = new BaseExceptionGroup("auto", [new ValueError("v")]);
    expect(auto).toBeInstanceOf(ExceptionGroup);
    expect(repr(auto)).toBe("ExceptionGroup('auto', [ValueError('v')])");
    const mixed = new BaseExceptionGroup("mixed", [new ValueError("v"), new KeyboardInterrupt()]);
    expect(mixed).not.toBeInstanceOf(ExceptionGroup);
    expect(mixed).not.toBeInstanceOf(asyncio.Exception);
    expect(repr(mixed)).toBe("BaseExceptionGroup('mixed', [ValueError('v'), KeyboardInterrupt()])");
    expect(ExceptionGroup.name).toBe("ExceptionGroup");
  });

  it("validates its arguments with CPython's words", () => {
    const New = ExceptionGroup as unknown as new (...args: unknown[]) => unknown;
    const cases: [() => unknown, string][] = [
      [() => new New("x"), "TypeError('BaseExceptionGroup.__new__() takes exactly 2 arguments (1 given)')"],
      [() => new New("x", [new ValueError()], 3), "TypeError('BaseExceptionGroup.__new__() takes exactly 2 arguments (3 given)')"],
      [() => new New(1, [new ValueError()]), "TypeError('BaseExceptionGroup.__new__() argument 1 must be str, not int')"],
      [() => new New(null, [new ValueError()]), "TypeError('BaseExceptionGroup.__new__() argument 1 must be str, not NoneType')"],
      [() => new New("x", new ValueError()), "TypeError('second argument (exceptions) must be a sequence')"],
      [() => new New("x", new Set([new ValueError()])), "TypeError('second argument (exceptions) must be a sequence')"],
      [() => new New("x", []), "ValueError('second argument (exceptions) must be a non-empty sequence')"],
      [() => new New("x", [new ValueError(), 1]), "ValueError('Item 1 of second argument (exceptions) is not an exception')"],
      [() => new New("x", "ab"), "ValueError('Item 0 of second argument (exceptions) is not an exception')"],
      [() => new New("x", [new KeyboardInterrupt()]), "TypeError('Cannot nest BaseExceptions in an ExceptionGroup')"],
    ];
    for (const [make, want] of cases) expect(repr(thrown(make))).toBe(want);
    class Mine extends ExceptionGroup {}
    expect(repr(thrown(() => new Mine("m", [new KeyboardInterrupt() as asyncio.Exception])))).toBe("TypeError(\"Cannot nest BaseExceptions in 'Mine'\")");
    expect(thrown(() => new Mine("m", [new KeyboardInterrupt() as asyncio.Exception]))).toBeInstanceOf(TypeError);
  });

  it("split and subgroup keep the structure around what matches", () => {
    const eg = sample();
    expect(repr(eg.split(ValueError))).toBe(
      "(ExceptionGroup('many', [ValueError(1), ExceptionGroup('inner', [ValueError(3)])]), ExceptionGroup('many', [TypeError(2), ExceptionGroup('inner', [KeyError(4)])]))",
    );
    expect(repr(eg.split([KeyError, TypeError]))).toBe(
      "(ExceptionGroup('many', [TypeError(2), ExceptionGroup('inner', [KeyError(4)])]), ExceptionGroup('many', [ValueError(1), ExceptionGroup('inner', [ValueError(3)])]))",
    );
    const [all, none] = eg.split(asyncio.Exception);
    expect(all).toBe(eg);
    expect(none).toBeNull();
    expect(eg.subgroup(KeyboardInterrupt)).toBeNull();
    expect(repr(eg.subgroup((e) => e instanceof ValueError && (e.args[0] as number) > 1))).toBe("ExceptionGroup('many', [ExceptionGroup('inner', [ValueError(3)])])");
    expect(eg.subgroup((e) => e === eg)).toBe(eg);
    // a partial match makes new groups even when every member matched
    const only = new ExceptionGroup("v", [new ValueError(1)]);
    expect(only.subgroup(ValueError)).not.toBe(only);
    expect(repr(only.subgroup(ValueError))).toBe("ExceptionGroup('v', [ValueError(1)])");
  });

  it("tests a predicate's result with Python's truth rules", () => {
    const eg = sample();
    for (const falsy of [0, "", null, undefined, [], new Map(), new Set(), {}, false]) expect(eg.subgroup(() => falsy)).toBeNull();
    for (const truthy of [1, "a", [0], { a: 1 }, Number.NaN, new Set([0])]) expect(eg.subgroup(() => truthy)).toBe(eg);
    expect(truth({ __len__: () => 0 })).toBe(false);
    expect(truth({ __bool__: () => true, __len__: () => 0 })).toBe(true);
  });

  it("refuses a matcher that is neither a class, a tuple of classes nor a callable", () => {
    const eg = sample();
    const message = "TypeError('expected an exception type, a tuple of exception types, or a callable (other than a class)')";
    expect(repr(thrown(() => eg.split(3 as unknown as typeof ValueError)))).toBe(message);
    expect(repr(thrown(() => eg.subgroup([ValueError, 3] as unknown as (typeof ValueError)[])))).toBe(message);
    class NotAnException {}
    expect(repr(thrown(() => eg.subgroup(NotAnException as unknown as typeof ValueError)))).toBe(message);
  });

  it("derive makes a group of the same message; split uses a subclass's derive and copies cause and traceback", () => {
    class MyGroup extends ExceptionGroup {
      override derive(excs: asyncio.Exception[]): MyGroup {
        return new MyGroup(this.message + "+", excs);
      }
    }
    const mine = new MyGroup("mine", [new ValueError(1), new TypeError(2)]);
    const cause = new KeyError("why");
    (mine as { cause?: unknown }).cause = cause;
    markRaised(mine);
    const [m, r] = mine.split(ValueError);
    expect(repr([m, r])).toBe("[MyGroup('mine+', [ValueError(1)]), MyGroup('mine+', [TypeError(2)])]");
    expect((m as { cause?: unknown }).cause).toBe(cause);
    expect(m!.stack).toBe(mine.stack);
    expect(repr(sample().derive([new KeyError("d")]))).toBe("ExceptionGroup('many', [KeyError('d')])");
    class Broken extends ExceptionGroup {
      override derive(): asyncio.ExceptionGroup {
        return 42 as unknown as asyncio.ExceptionGroup;
      }
    }
    expect(repr(thrown(() => new Broken("b", [new ValueError(1), new TypeError(2)]).split(ValueError)))).toBe(
      "TypeError('derive must return an instance of BaseExceptionGroup')",
    );
  });
});

describe("except_star", () => {
  it("splits a group, and chains clause after clause on the rest", () => {
    const eg = sample();
    const [v, rest1] = asyncio.except_star(eg, ValueError);
    const [t, rest2] = rest1 ? asyncio.except_star(rest1, TypeError) : [null, null];
    const [k, rest3] = rest2 ? asyncio.except_star(rest2, KeyError) : [null, null];
    expect(repr(v)).toBe("ExceptionGroup('many', [ValueError(1), ExceptionGroup('inner', [ValueError(3)])])");
    expect(repr(t)).toBe("ExceptionGroup('many', [TypeError(2)])");
    expect(repr(k)).toBe("ExceptionGroup('many', [ExceptionGroup('inner', [KeyError(4)])])");
    expect(rest3).toBeNull();
    const [all, none] = asyncio.except_star(eg, asyncio.Exception);
    expect(all).toBe(eg);
    expect(none).toBeNull();
  });

  it("wraps a bare exception that matches as ExceptionGroup('', (e,)), and passes one that does not", () => {
    const bare = new ValueError("bare");
    const [m, r] = asyncio.except_star(bare, ValueError);
    expect(repr(m)).toBe("ExceptionGroup('', (ValueError('bare'),))");
    expect(m!.exceptions[0]).toBe(bare);
    expect(r).toBeNull();
    const [m2, r2] = asyncio.except_star(bare, TypeError);
    expect(m2).toBeNull();
    expect(r2).toBe(bare);
    const [c] = asyncio.except_star(new CancelledError(), CancelledError);
    expect(repr(c)).toBe("BaseExceptionGroup('', (CancelledError(),))");
    // a bare exception wrapped, then matched by a later clause
    const [none, rest] = asyncio.except_star(new KeyError("k"), ValueError);
    expect(none).toBeNull();
    expect(repr(asyncio.except_star(rest, KeyError)[0])).toBe("ExceptionGroup('', (KeyError('k'),))");
  });

  it("refuses what except* refuses, before matching", () => {
    expect(repr(thrown(() => asyncio.except_star(new ValueError(), ExceptionGroup)))).toBe(
      "TypeError('catching ExceptionGroup with except* is not allowed. Use except instead.')",
    );
    expect(repr(thrown(() => asyncio.except_star(new ValueError(), [ValueError, BaseExceptionGroup])))).toBe(
      "TypeError('catching ExceptionGroup with except* is not allowed. Use except instead.')",
    );
    class NotAnException {}
    expect(repr(thrown(() => asyncio.except_star(new ValueError(), NotAnException as unknown as typeof ValueError)))).toBe(
      "TypeError('catching classes that do not inherit from BaseException is not allowed')",
    );
    expect(repr(thrown(() => asyncio.except_star(new ValueError(), 3 as unknown as typeof ValueError)))).toBe(
      "TypeError('catching classes that do not inherit from BaseException is not allowed')",
    );
  });
});

// ---------------------------------------------------------------- tracebacks

/** One frame per error, from a fake stack through a fake source map. */
const mapper: PositionMapper = (line) => ({ source: "main.ts", line, column: 0, name: null, sourceLine: `line ${line}` });
function raisedAt<E extends Error>(e: E, line: number, name = "work"): E {
  Object.defineProperty(e, "stack", { value: `${e.name}\n    at ${name} (file:///main.js:${line}:1)` });
  markRaised(e);
  return e;
}

describe("group tracebacks (Lib/traceback.py)", () => {
  it("frames every member, numbered, and closes once", () => {
    const eg = raisedAt(new ExceptionGroup("unhandled errors in a TaskGroup", [raisedAt(new ValueError("a"), 5, "bad"), raisedAt(new ValueError("b"), 5, "bad")]), 9, "main");
    expect(formatException(eg, mapper)).toBe(
      [
        "  + Exception Group Traceback (most recent call last):",
        '  |   File "main.ts", line 9, in main',
        "  |     line 9",
        "  | ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)",
        "  +-+---------------- 1 ----------------",
        "    | Traceback (most recent call last):",
        '    |   File "main.ts", line 5, in bad',
        "    |     line 5",
        "    | ValueError: a",
        "    +---------------- 2 ----------------",
        "    | Traceback (most recent call last):",
        '    |   File "main.ts", line 5, in bad',
        "    |     line 5",
        "    | ValueError: b",
        "    +------------------------------------",
        "",
      ].join("\n"),
    );
  });

  it("a group never raised has no header; nested groups get their own frame; members never raised show their line only", () => {
    const eg = new ExceptionGroup("never raised", [new ValueError(1), new ExceptionGroup("nested", [new TypeError(2)])]);
    expect(formatException(eg, mapper, false)).toBe(
      [
        "  | ExceptionGroup: never raised (2 sub-exceptions)",
        "  +-+---------------- 1 ----------------",
        "    | ValueError: 1",
        "    +---------------- 2 ----------------",
        "    | ExceptionGroup: nested (1 sub-exception)",
        "    +-+---------------- 1 ----------------",
        "      | TypeError: 2",
        "      +------------------------------------",
        "",
      ].join("\n"),
    );
  });

  it("a nested group that was raised has its own 'Exception Group Traceback' with the | margin", () => {
    const inner = raisedAt(new ExceptionGroup("inner", [raisedAt(new KeyError("k"), 3, "leaf")]), 6, "child");
    const outer = raisedAt(new ExceptionGroup("outer", [inner]), 9, "main");
    expect(formatException(outer, mapper)).toBe(
      [
        "  + Exception Group Traceback (most recent call last):",
        '  |   File "main.ts", line 9, in main',
        "  |     line 9",
        "  | ExceptionGroup: outer (1 sub-exception)",
        "  +-+---------------- 1 ----------------",
        "    | Exception Group Traceback (most recent call last):",
        '    |   File "main.ts", line 6, in child',
        "    |     line 6",
        "    | ExceptionGroup: inner (1 sub-exception)",
        "    +-+---------------- 1 ----------------",
        "      | Traceback (most recent call last):",
        '      |   File "main.ts", line 3, in leaf',
        "      |     line 3",
        "      | KeyError: 'k'",
        "      +------------------------------------",
        "",
      ].join("\n"),
    );
  });

  it("prints a member's cause inside its frame, blank lines included", () => {
    const member = raisedAt(new ValueError("outer"), 7, "bad");
    (member as { cause?: unknown }).cause = raisedAt(new KeyError("inner"), 5, "bad");
    const eg = new ExceptionGroup("x", [member]);
    expect(formatException(eg, mapper, false)).toBe(
      [
        "  | ExceptionGroup: x (1 sub-exception)",
        "  +-+---------------- 1 ----------------",
        "    | Traceback (most recent call last):",
        '    |   File "main.ts", line 5, in bad',
        "    |     line 5",
        "    | KeyError: 'inner'",
        "    | ",
        "    | The above exception was the direct cause of the following exception:",
        "    | ",
        "    | Traceback (most recent call last):",
        '    |   File "main.ts", line 7, in bad',
        "    |     line 7",
        "    | ValueError: outer",
        "    +------------------------------------",
        "",
      ].join("\n"),
    );
  });

  it("cuts a group past 15 members and past depth 10, as CPython's defaults do", () => {
    const wide = new ExceptionGroup("x", Array.from({ length: 18 }, (_, i) => new ValueError(i)));
    const text = formatException(wide, mapper, false);
    expect(text).toContain("    +---------------- 15 ----------------\n    | ValueError: 14\n");
    expect(text.endsWith("    +---------------- ... ----------------\n    | and 3 more exceptions\n    +------------------------------------\n")).toBe(true);
    const sixteen = formatException(new ExceptionGroup("x", Array.from({ length: 16 }, (_, i) => new ValueError(i))), mapper, false);
    expect(sixteen).toContain("    | and 1 more exception\n");
    let deep: asyncio.ExceptionGroup = new ExceptionGroup("d0", [new ValueError(0)]);
    for (let i = 1; i < 13; i++) deep = new ExceptionGroup(`d${i}`, [deep]);
    const lines = formatException(deep, mapper, false).split("\n");
    expect(lines.slice(-4)).toEqual([
      "                    +-+---------------- 1 ----------------",
      "                      | ... (max_group_depth is 10)",
      "                      +------------------------------------",
      "",
    ]);
    expect(lines[0]).toBe("  | ExceptionGroup: d12 (1 sub-exception)");
  });

  it("prints a group at the end of a cause chain, unframed before it", () => {
    const eg = raisedAt(new ExceptionGroup("g", [new ValueError(1)]), 9, "main");
    const top = raisedAt(new asyncio.RuntimeError("after"), 12, "main");
    (top as { cause?: unknown }).cause = eg;
    expect(formatException(top, mapper)).toBe(
      [
        "  + Exception Group Traceback (most recent call last):",
        '  |   File "main.ts", line 9, in main',
        "  |     line 9",
        "  | ExceptionGroup: g (1 sub-exception)",
        "  +-+---------------- 1 ----------------",
        "    | ValueError: 1",
        "    +------------------------------------",
        "",
        "The above exception was the direct cause of the following exception:",
        "",
        "Traceback (most recent call last):",
        '  File "main.ts", line 12, in main',
        "    line 12",
        "RuntimeError: after",
        "",
      ].join("\n"),
    );
  });
});
