/**
 * Python's `<` and `==` (CPython's operator module) for the values a program hands to the
 * runtime: what a PriorityQueue compares its items with. Arrays compare as Python compares
 * tuples and lists: element by element, the first unequal pair decides, else the shorter is
 * less. Numbers and booleans compare with each other, strings by code point, sets by
 * inclusion; an object may define `__lt__(other)` / `__gt__(other)` / `__eq__(other)`.
 * Anything else is CPython's TypeError: `'<' not supported between instances of 'str' and
 * 'int'`.
 */
import { BaseException, TypeError, pyClassName, truth } from "./exceptions.ts";

/** `type(x).__name__` as CPython's comparison errors write it. */
export function typeName(x: unknown): string {
  switch (typeof x) {
    case "number":
      return Number.isInteger(x) ? "int" : "float";
    case "bigint":
      return "int";
    case "string":
      return "str";
    case "boolean":
      return "bool";
    case "undefined":
      return "NoneType";
    case "function":
      return "function";
    case "symbol":
      return "symbol";
    default:
      break;
  }
  if (x === null) return "NoneType";
  if (Array.isArray(x)) return "list";
  if (x instanceof Set) return "set";
  if (x instanceof Map) return "dict";
  if (x instanceof BaseException || x instanceof Error) return pyClassName(x);
  const proto = Object.getPrototypeOf(x);
  if (proto === Object.prototype || proto === null) return "dict";
  // The runtime's Future and Task are C types in CPython (`_asyncio.Future`).
  const named = x as { _className?: () => string; constructor?: { name?: string } };
  if (typeof named._className === "function" && (named._className() === "Future" || named._className() === "Task")) return `_asyncio.${named._className()}`;
  return named.constructor?.name || "object";
}

function isNumeric(x: unknown): x is number | boolean | bigint {
  return typeof x === "number" || typeof x === "boolean" || typeof x === "bigint";
}

/** Numbers, booleans and ints of any size as one comparable kind. */
function numeric(x: number | boolean | bigint): number | bigint {
  return typeof x === "boolean" ? (x ? 1 : 0) : x;
}

/** Python's `a == b` (never raises). */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  if (isNumeric(a) && isNumeric(b)) return numeric(a) == numeric(b);
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const custom = (a as { __eq__?: unknown }).__eq__;
  if (typeof custom === "function") return truth(custom.call(a, b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => eq(x, b[i]));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  const da = dictEntries(a);
  const db = dictEntries(b);
  if (da !== null && db !== null) {
    if (da.length !== db.length) return false;
    const other = new Map(db);
    return da.every(([k, v]) => other.has(k) && eq(v, other.get(k)));
  }
  return false;
}

/** A dict's entries (a Map or a plain object), or null for anything else. */
function dictEntries(x: object): [unknown, unknown][] | null {
  if (x instanceof Map) return [...x];
  const proto = Object.getPrototypeOf(x);
  if (proto === Object.prototype || proto === null) return Object.entries(x);
  return null;
}

/** Strings by code point, as Python compares them (UTF-16 units differ past the BMP). */
function strLess(a: string, b: string): boolean {
  if (!/[\ud800-\udfff]/.test(a) && !/[\ud800-\udfff]/.test(b)) return a < b;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i].codePointAt(0)! < y[i].codePointAt(0)!;
  }
  return x.length < y.length;
}

type Op = "<" | "<=" | ">" | ">=";

/** The operator a reflected comparison tries (`a < b` is also `b > a`). */
const REFLECTED: Record<Op, Op> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };
const DUNDER: Record<Op, string> = { "<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__" };

function ordered(op: Op, a: number | bigint | string, b: number | bigint | string): boolean {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    default:
      return a >= b;
  }
}

/**
 * Python's `a OP b` for the ordering operators: a boolean, or CPython's TypeError when the two
 * do not compare (`'<' not supported between instances of 'str' and 'int'`).
 */
export function compare(op: Op, a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return ordered(op, numeric(a), numeric(b));
  if (typeof a === "string" && typeof b === "string") {
    if (op === "<") return strLess(a, b);
    if (op === ">") return strLess(b, a);
    if (op === "<=") return a === b || strLess(a, b);
    return a === b || strLess(b, a);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    // Sequences: the first unequal pair decides; else the lengths.
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (!eq(a[i], b[i])) return compare(op, a[i], b[i]);
    return ordered(op, a.length, b.length);
  }
  if (a instanceof Set && b instanceof Set) {
    const subset = (x: Set<unknown>, y: Set<unknown>) => [...x].every((v) => y.has(v));
    if (op === "<") return a.size < b.size && subset(a, b);
    if (op === "<=") return subset(a, b);
    if (op === ">") return b.size < a.size && subset(b, a);
    return subset(b, a);
  }
  const own = a !== null && typeof a === "object" ? (a as Record<string, unknown>)[DUNDER[op]] : undefined;
  if (typeof own === "function") return truth(own.call(a, b));
  const reflected = b !== null && typeof b === "object" ? (b as Record<string, unknown>)[DUNDER[REFLECTED[op]]] : undefined;
  if (typeof reflected === "function") return truth(reflected.call(b, a));
  throw new TypeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Python's `a < b` (what heapq compares with). */
export function lt(a: unknown, b: unknown): boolean {
  return compare("<", a, b);
}

/** Python's `iter(x)` for the values a program hands to the runtime: TypeError if x is not iterable. */
export function iterable<T = unknown>(x: unknown): Iterable<T> {
  if (x !== null && x !== undefined && typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function") return x as Iterable<T>;
  if (x !== null && typeof x === "object" && dictEntries(x) !== null) return Object.keys(x) as Iterable<T>;
  throw new TypeError(`'${typeName(x)}' object is not iterable`);
}
