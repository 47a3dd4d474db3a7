/**
 * Python's words for values: `repr`, `str`, `print`, and `reprlib.repr` (used for `result=`
 * in Future/Task reprs).
 *
 * Mapping of JavaScript values to Python's spelling (runtime-api.md §4): null/undefined →
 * `None`, booleans → `True`/`False`, strings quoted as Python quotes them, arrays → lists,
 * plain objects and Maps → dicts, Sets → sets (`set()` when empty), exceptions →
 * `ValueError('bad')`, functions → `<function f at 0x...>`. Numbers print as JavaScript writes
 * them (there is no `5.0`), except the non-finite ones, which take Python's `inf`/`nan`.
 * Objects that define `__repr__`/`__str__` (Futures, Tasks, exceptions, the reader's classes)
 * speak for themselves.
 */
import { BaseException, installFormatters } from "./exceptions.ts";
import { codeOf, installCallbackRepr } from "./coroutines.ts";

type ReprMethod = { __repr__(): string };
type StrMethod = { __str__(): string };

function hasRepr(x: object): x is ReprMethod {
  return typeof (x as Partial<ReprMethod>).__repr__ === "function";
}
function hasStr(x: object): x is StrMethod {
  return typeof (x as Partial<StrMethod>).__str__ === "function";
}

/** Fake but stable addresses, as CPython shows `id()`-based ones (`0x7f...`). */
const addresses = new WeakMap<object, string>();
let nextAddress = 0x7f3a2c001000;
export function addressOf(x: object): string {
  let a = addresses.get(x);
  if (a === undefined) {
    a = "0x" + nextAddress.toString(16);
    nextAddress += 0x50;
    addresses.set(x, a);
  }
  return a;
}

/** Python's repr of a str: single quotes unless the text has `'` and no `"`. */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c < 0xa0) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + quote;
}

function reprNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  return String(n);
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** The objects being formatted right now: `reprlib.recursive_repr`'s guard against cycles. */
const active = new Set<object>();

/** Python's `repr()`. */
export function repr(x: unknown): string {
  switch (typeof x) {
    case "string":
      return reprString(x);
    case "number":
      return reprNumber(x);
    case "boolean":
      return x ? "True" : "False";
    case "undefined":
      return "None";
    case "bigint":
      return x.toString();
    case "symbol":
      return x.toString();
    case "function":
      return reprFunction(x);
    default:
      break;
  }
  if (x === null) return "None";
  const obj = x as object;
  if (active.has(obj)) return Array.isArray(obj) ? "[...]" : hasRepr(obj) ? "..." : "{...}";
  active.add(obj);
  try {
    return reprObject(obj);
  } finally {
    active.delete(obj);
  }
}

function reprFunction(fn: Function): string {
  const info = codeOf(fn);
  if (info?.builtin) return `<built-in function ${info.name}>`;
  const name = info?.name ?? (fn.name || "<lambda>");
  if (/^class\b/.test(Function.prototype.toString.call(fn))) return `<class '${fn.name}'>`;
  return `<function ${name} at ${addressOf(fn)}>`;
}

function reprObject(obj: object): string {
  if (hasRepr(obj)) return obj.__repr__();
  if (Array.isArray(obj)) return "[" + obj.map(repr).join(", ") + "]";
  if (obj instanceof Set) return obj.size === 0 ? "set()" : "{" + [...obj].map(repr).join(", ") + "}";
  if (obj instanceof Map) return "{" + [...obj].map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ") + "}";
  if (obj instanceof Error) return `${obj.name || "Error"}(${obj.message ? reprString(obj.message) : ""})`;
  if (isPlainObject(obj)) {
    return "{" + Object.entries(obj).map(([k, v]) => `${reprString(k)}: ${repr(v)}`).join(", ") + "}";
  }
  if (obj instanceof Date) return `datetime.datetime(${obj.toISOString()})`;
  const ctor = (obj as { constructor?: { name?: string } }).constructor;
  return `<${ctor?.name || "object"} object at ${addressOf(obj)}>`;
}

/** Python's `str()`: strings as they are, exceptions as their message, the rest as repr. */
export function str(x: unknown): string {
  if (typeof x === "string") return x;
  if (x !== null && typeof x === "object") {
    if (x instanceof BaseException) return x.__str__();
    if (hasStr(x)) return x.__str__();
    if (x instanceof Error) return x.message;
  }
  return repr(x);
}

installFormatters(str, repr);
installCallbackRepr(repr);

// ---------------------------------------------------------------- reprlib

/** reprlib.Repr's defaults (CPython 3.13). */
const MAX_LEVEL = 6;
const MAX_LIST = 6;
const MAX_DICT = 4;
const MAX_SET = 6;
const MAX_STRING = 30;
const MAX_LONG = 40;
const MAX_OTHER = 30;

/** reprlib's cut: keep the head and the tail around `...` so the whole fits `max` characters. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const i = Math.max(0, Math.floor((max - 3) / 2));
  const j = Math.max(0, max - 3 - i);
  return s.slice(0, i) + "..." + s.slice(s.length - j);
}

function sortedIfSortable<T>(items: T[], key: (item: T) => unknown): T[] {
  // reprlib sorts set items and dict keys "if possible": all numbers or all strings here.
  const keys = items.map(key);
  if (keys.every((k) => typeof k === "number")) return [...items].sort((a, b) => (key(a) as number) - (key(b) as number));
  if (keys.every((k) => typeof k === "string")) {
    return [...items].sort((a, b) => ((key(a) as string) < (key(b) as string) ? -1 : (key(a) as string) > (key(b) as string) ? 1 : 0));
  }
  return items;
}

function reprlibSeq(items: unknown[], level: number, left: string, right: string, max: number): string {
  if (items.length === 0) return left + right;
  if (level <= 0) return left + "..." + right;
  const shown = items.slice(0, max).map((x) => reprlibRepr(x, level - 1));
  if (items.length > max) shown.push("...");
  return left + shown.join(", ") + right;
}

/** `reprlib.repr(x)`: Python's repr with size limits, used for `result=` in reprs. */
export function reprlibRepr(x: unknown, level: number = MAX_LEVEL): string {
  if (typeof x === "string") {
    let s = reprString(x.slice(0, MAX_STRING));
    if (s.length > MAX_STRING) {
      // CPython: i = max(0, (maxstring-3)//2); j = max(0, maxstring-3-i);
      //          s = repr(x[:i] + x[len(x)-j:]); s = s[:i] + '...' + s[len(s)-j:]
      const i = Math.floor((MAX_STRING - 3) / 2);
      const j = MAX_STRING - 3 - i;
      s = reprString(x.slice(0, i) + x.slice(x.length - j));
      s = s.slice(0, i) + "..." + s.slice(s.length - j);
    }
    return s;
  }
  if (typeof x === "number" || typeof x === "bigint") {
    const s = typeof x === "number" ? reprNumber(x) : x.toString();
    if (Number.isInteger(x) || typeof x === "bigint") {
      return s.length > MAX_LONG ? s.slice(0, 18) + "..." + s.slice(s.length - 19) : s;
    }
    return s;
  }
  if (x === null || typeof x !== "object") return repr(x);
  if (Array.isArray(x)) return reprlibSeq(x, level, "[", "]", MAX_LIST);
  if (x instanceof Set) {
    if (x.size === 0) return "set()";
    return reprlibSeq(sortedIfSortable([...x], (v) => v), level, "{", "}", MAX_SET);
  }
  if (x instanceof Map || (isPlainObject(x) && !hasRepr(x))) {
    const entries: [unknown, unknown][] = x instanceof Map ? [...x] : Object.entries(x);
    if (entries.length === 0) return "{}";
    if (level <= 0) return "{...}";
    const sorted = sortedIfSortable(entries, (e) => e[0]);
    const shown = sorted.slice(0, MAX_DICT).map(([k, v]) => `${reprlibRepr(k, level - 1)}: ${reprlibRepr(v, level - 1)}`);
    if (entries.length > MAX_DICT) shown.push("...");
    return "{" + shown.join(", ") + "}";
  }
  return cut(repr(x), MAX_OTHER);
}
