import { describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { compare, eq, lt, typeName } from "../../src/asyncio/operator.ts";
import { heapify, heappop, heappush } from "../../src/asyncio/heapq.ts";

describe("Python's comparisons (operator.ts)", () => {
  it("numbers and booleans compare with each other; strings by code point", () => {
    expect(lt(1, 2)).toBe(true);
    expect(lt(true, 2)).toBe(true);
    expect(lt(2n, 3)).toBe(true);
    expect(eq(1, true)).toBe(true);
    expect(eq(Number.NaN, Number.NaN)).toBe(false);
    // U+FF5E is above a surrogate pair's first unit in UTF-16, below it as a code point
    expect(lt("\uff5e", "\u{1f600}")).toBe(true);
    expect("\uff5e" < "\u{1f600}").toBe(false);
  });

  it("arrays compare as tuples: the first unequal pair decides, else the lengths", () => {
    expect(lt([1, "b"], [1, "c"])).toBe(true);
    expect(lt([1, "z"], [2, "a"])).toBe(true);
    expect(lt([2, "a"], [2, "a", 0])).toBe(true);
    expect(lt([2, "a", 0], [2, "a"])).toBe(false);
    // equal first elements are compared with ==, so the dicts after them are never ordered
    expect(lt([1, {}], [2, {}])).toBe(true);
    expect(eq([1, { a: [1] }], [1, { a: [1] }])).toBe(true);
  });

  it("raises CPython's TypeError for values that do not compare, naming the types in order", () => {
    expect(() => lt("a", 1)).toThrow(new asyncio.TypeError("'<' not supported between instances of 'str' and 'int'"));
    expect(() => lt([1, {}], [1, []])).toThrow("'<' not supported between instances of 'dict' and 'list'");
    expect(() => compare(">=", 0, null)).toThrow("'>=' not supported between instances of 'int' and 'NoneType'");
    try {
      lt(1.5, "x");
    } catch (e) {
      expect(e).toBeInstanceOf(asyncio.TypeError);
    }
    expect(typeName(1.5)).toBe("float");
    expect(typeName(new asyncio.ValueError())).toBe("ValueError");
  });

  it("uses __lt__ and the reflected __gt__ of the reader's objects", () => {
    class Job {
      constructor(readonly p: number) {}
      __lt__(other: Job) {
        return this.p < other.p;
      }
    }
    expect(lt(new Job(1), new Job(2))).toBe(true);
    expect(lt(new Job(3), new Job(2))).toBe(false);
    class Late {
      __gt__(_other: unknown) {
        return true;
      }
    }
    expect(lt(1, new Late())).toBe(true);
  });
});

describe("heapq (heapq.ts), swap for swap as CPython's C heap", () => {
  const less = (a: number, b: number) => a < b;

  it("pops equal keys in heapq's order, not in insertion order", () => {
    // Six items with one key, told apart by their index: heapq hands them out 0 2 5 4 1 3
    // (runtime-api.md section 5), since only the keys are compared.
    const heap: [number, number][] = [];
    const byKey = (a: [number, number], b: [number, number]) => a[0] < b[0];
    for (let i = 0; i < 6; i++) heappush(heap, [7, i], byKey);
    const order: number[] = [];
    while (heap.length > 0) order.push(heappop(heap, byKey)![1]);
    expect(order).toEqual([0, 2, 5, 4, 1, 3]);
  });

  it("sorts, and heapify() builds a heap", () => {
    const heap = [5, 3, 8, 1, 9, 2];
    heapify(heap, less);
    expect(heap[0]).toBe(1);
    const out: number[] = [];
    while (heap.length) out.push(heappop(heap, less)!);
    expect(out).toEqual([1, 2, 3, 5, 8, 9]);
    expect(heappop([], less)).toBeUndefined();
  });

  it("leaves the new item in the heap when a comparison raises (as C's heappush does)", () => {
    const heap: unknown[] = [1];
    expect(() => heappush(heap, "a", lt)).toThrow(asyncio.TypeError);
    expect(heap).toEqual([1, "a"]);
  });
});
