import { describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { pyQualifiedName } from "../../src/asyncio/exceptions.ts";

describe("exception hierarchy", () => {
  it("CancelledError is a BaseException but not an Exception (Python 3.8+)", () => {
    const e = new asyncio.CancelledError();
    expect(e).toBeInstanceOf(asyncio.BaseException);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(asyncio.Exception);
  });

  it("keeps Python's subclass relations", () => {
    expect(new asyncio.KeyError("k")).toBeInstanceOf(asyncio.LookupError);
    expect(new asyncio.InvalidStateError()).toBeInstanceOf(asyncio.Exception);
    expect(new asyncio.TimeoutError()).toBeInstanceOf(asyncio.OSError);
    expect(new asyncio.QueueEmpty()).toBeInstanceOf(asyncio.Exception);
  });
});

describe("str and repr of exceptions", () => {
  it("str is the message, repr the constructor call", () => {
    const e = new asyncio.ValueError("bad");
    expect(String(e)).toBe("bad");
    expect(`${e}`).toBe("bad");
    expect(asyncio.repr(e)).toBe("ValueError('bad')");
    expect(e.args).toEqual(["bad"]);
  });

  it("no argument gives an empty str; several give the tuple", () => {
    expect(asyncio.str(new asyncio.CancelledError())).toBe("");
    expect(asyncio.repr(new asyncio.CancelledError())).toBe("CancelledError()");
    expect(asyncio.str(new asyncio.RuntimeError("a", 1))).toBe("('a', 1)");
  });

  it("KeyError's str is the key's repr", () => {
    expect(asyncio.str(new asyncio.KeyError("missing"))).toBe("'missing'");
    expect(asyncio.repr(new asyncio.KeyError("missing"))).toBe("KeyError('missing')");
  });

  it("a reader's subclass is named after its class", () => {
    class MyError extends asyncio.Exception {}
    const e = new MyError("x");
    expect(asyncio.repr(e)).toBe("MyError('x')");
    expect(pyQualifiedName(e)).toBe("MyError");
    expect(e.name).toBe("MyError");
  });

  it("asyncio's own classes carry their module in tracebacks, builtins do not", () => {
    expect(pyQualifiedName(new asyncio.CancelledError("bye"))).toBe("asyncio.exceptions.CancelledError");
    expect(pyQualifiedName(new asyncio.TimeoutError())).toBe("TimeoutError");
    expect(pyQualifiedName(new asyncio.ValueError())).toBe("ValueError");
    expect(pyQualifiedName(new Error("js"))).toBe("Error");
  });
});
