import { beforeEach, describe, expect, it } from "vitest";
import { print, repr, str } from "../../src/asyncio/index.ts";
import { reprlibRepr } from "../../src/asyncio/format.ts";
import { capture, type Captured } from "./helpers.ts";

let io: Captured;
beforeEach(() => {
  io = capture();
});

describe("repr", () => {
  it("spells None, booleans and numbers as Python does", () => {
    expect(repr(null)).toBe("None");
    expect(repr(undefined)).toBe("None");
    expect(repr(true)).toBe("True");
    expect(repr(false)).toBe("False");
    expect(repr(42)).toBe("42");
    expect(repr(2.5)).toBe("2.5");
    expect(repr(Infinity)).toBe("inf");
    expect(repr(NaN)).toBe("nan");
  });

  it("quotes strings as Python does", () => {
    expect(repr("a")).toBe("'a'");
    expect(repr("it's")).toBe(`"it's"`);
    expect(repr(`it's "q"`)).toBe(`'it\\'s "q"'`);
    expect(repr("a\nb\t\\")).toBe("'a\\nb\\t\\\\'");
    expect(repr("\x01")).toBe("'\\x01'");
  });

  it("writes arrays as lists, objects and Maps as dicts, Sets as sets", () => {
    expect(repr([1, "a", null, [true]])).toBe("[1, 'a', None, [True]]");
    expect(repr({ a: 1, b: "x" })).toBe("{'a': 1, 'b': 'x'}");
    expect(repr(new Map<unknown, unknown>([[1, "one"]]))).toBe("{1: 'one'}");
    expect(repr(new Set([1, 2]))).toBe("{1, 2}");
    expect(repr(new Set())).toBe("set()");
    expect(repr({})).toBe("{}");
  });

  it("guards against cycles like reprlib.recursive_repr", () => {
    const a: unknown[] = [1];
    a.push(a);
    expect(repr(a)).toBe("[1, [...]]");
  });

  it("uses __repr__ and names plain JavaScript errors", () => {
    expect(repr({ __repr__: () => "<Point 1, 2>" })).toBe("<Point 1, 2>");
    expect(repr(new Error("x"))).toBe("Error('x')");
  });
});

describe("str", () => {
  it("leaves strings alone and uses repr inside containers", () => {
    expect(str("a")).toBe("a");
    expect(str(["a"])).toBe("['a']");
    expect(str(null)).toBe("None");
  });
});

describe("reprlib.repr (result= in reprs)", () => {
  it("cuts strings whose repr exceeds 30 characters to 13 + ... + 14", () => {
    expect(reprlibRepr("x".repeat(28))).toBe(`'${"x".repeat(28)}'`);
    expect(reprlibRepr("x".repeat(29))).toBe("'xxxxxxxxxxxx...xxxxxxxxxxxxx'");
    expect(reprlibRepr("x".repeat(100)).length).toBe(30);
  });

  it("shows 6 list items and 4 dict items, sorting dict keys and set items", () => {
    expect(reprlibRepr([0, 1, 2, 3, 4, 5, 6, 7])).toBe("[0, 1, 2, 3, 4, 5, ...]");
    expect(reprlibRepr({ e: 5, d: 4, c: 3, b: 2, a: 1 })).toBe("{'a': 1, 'b': 2, 'c': 3, 'd': 4, ...}");
    expect(reprlibRepr(new Set([3, 1, 2]))).toBe("{1, 2, 3}");
  });

  it("cuts long integers and deep nesting", () => {
    expect(reprlibRepr(10n ** 50n)).toBe("100000000000000000...0000000000000000000");
    expect(reprlibRepr([[[[[[[1]]]]]]])).toBe("[[[[[[[...]]]]]]]");
  });
});

describe("print", () => {
  it("joins with sep and ends with end", () => {
    print("a", 1, null);
    print("x", "y", { sep: "-", end: "!\n" });
    expect(io.out).toBe("a 1 None\nx-y!\n");
  });

  it("treats {} and objects with other keys as values, not options", () => {
    print({});
    print({ sep: "/", other: 1 });
    expect(io.out).toBe("{}\n{'sep': '/', 'other': 1}\n");
  });
});
