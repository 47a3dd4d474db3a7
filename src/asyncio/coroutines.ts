/**
 * Coroutines (CPython's coroutines.py and format_helpers.py).
 *
 * A coroutine is the generator object that calling a `function*` returns; `yield*` is `await`.
 * A generator object does not know the function that made it, and a function does not know
 * where it was defined, so the bundling step registers the reader's module-level functions
 * (`__register`) and the runtime registers its own. The record sits on the function and on
 * its `.prototype` under one symbol: a generator object's prototype *is* its function's
 * `.prototype`, so `coro[CODE]` finds the record through the prototype chain at no cost.
 */

/** The one coroutine type of the runtime: what a `function*` returns. */
export type Coro<T = unknown> = Generator<unknown, T, unknown>;

/** What CPython keeps in a code object, as far as reprs need it. */
export interface CodeInfo {
  /** `__qualname__`, e.g. `work` or `gather.<locals>._done_callback`. */
  readonly name: string;
  /** `co_filename`: the reader's file (`main.ts`) or a path in asyncio's own source. */
  readonly file: string;
  /** `co_firstlineno`. 0 when unknown. */
  readonly line: number;
  /** Implemented "in C" by CPython: printed bare, `print()`, without a place. */
  readonly builtin: boolean;
}

export const CODE: unique symbol = Symbol.for("asyncio.code");

type WithCode = { [CODE]?: CodeInfo };

/** Records name and place of a function (and of the coroutines a `function*` makes). */
export function registerFunction(fn: Function, name: string, file: string, line: number, builtin = false): void {
  const info: CodeInfo = { name, file, line, builtin };
  define(fn, info);
  const proto: unknown = (fn as { prototype?: unknown }).prototype;
  if (isGeneratorFunction(fn) && proto && typeof proto === "object") define(proto, info);
}

function define(target: object, info: CodeInfo): void {
  Object.defineProperty(target, CODE, { value: info, configurable: true, enumerable: false, writable: true });
}

/** Registers a builtin-like function (CPython prints those as `name()`, no place). */
export function registerBuiltin(fn: Function, name: string): void {
  registerFunction(fn, name, "", 0, true);
}

/**
 * The entry point of the bundling step's injected registration: `[fn, name, line]` triples
 * for the reader's module-level functions of one file.
 */
export function __register(file: string, entries: ReadonlyArray<readonly [Function, string, number]>): void {
  for (const [fn, name, line] of entries) {
    if (typeof fn === "function") registerFunction(fn, name, file, line);
    readerFunctionNames.add(name);
  }
}

/** Names of the reader's registered functions (tracebacks undo esbuild's renaming with them). */
export const readerFunctionNames = new Set<string>();

export function codeOf(x: object): CodeInfo | undefined {
  return (x as WithCode)[CODE];
}

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as Function;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as Function;
const GeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())) as object;
const objectToString = Object.prototype.toString;

export function isGeneratorFunction(fn: unknown): boolean {
  return typeof fn === "function" && fn instanceof GeneratorFunction;
}

export function isAsyncFunction(fn: unknown): boolean {
  return typeof fn === "function" && fn instanceof AsyncFunction;
}

/**
 * Runtime-made coroutine-like objects (the small iterator `sleep(0)` returns) extend this so
 * that `iscoroutine` accepts them and reprs name them.
 */
export abstract class NativeCoroutine<T = unknown> {
  abstract next(value?: unknown): IteratorResult<unknown, T>;
  throw(e: unknown): IteratorResult<unknown, T> {
    throw e;
  }
  abstract return(value: T): IteratorResult<unknown, T>;
  [Symbol.iterator](): this {
    return this;
  }
  /** Typed as the coroutine it stands for (it has the protocol `yield*` and tasks use). */
  asCoro(): Coro<T> {
    return this as unknown as Coro<T>;
  }
  get [Symbol.toStringTag](): string {
    return "Generator";
  }
}

/** `asyncio.iscoroutine`: a generator object (what a `function*` returns) or a runtime coroutine. */
export function iscoroutine(obj: unknown): obj is Coro {
  if (obj === null || typeof obj !== "object") return false;
  if (obj instanceof NativeCoroutine) return true;
  return objectToString.call(obj) === "[object Generator]" && GeneratorPrototype.isPrototypeOf(obj);
}

/** `iscoroutine` for values that reach hot paths: a prototype check, no string building. */
export function isGeneratorObject(obj: unknown): boolean {
  return obj !== null && typeof obj === "object" && GeneratorPrototype.isPrototypeOf(obj);
}

/** The name CPython would show for a coroutine: its function's `__qualname__`. */
export function coroName(coro: object): string {
  const info = codeOf(coro);
  return info ? info.name : "<coroutine>";
}

/** `file:line` of the coroutine's function, when known. */
export function coroDefinedAt(coro: object): string | null {
  const info = codeOf(coro);
  return info && info.file ? `${info.file}:${info.line}` : null;
}

/**
 * A callable as CPython's `format_helpers._format_callback` writes it inside `cb=[...]` and
 * `Exception in callback ...`: `name()` and, for functions written in Python, ` at FILE:LINE`.
 * (3.13 hides the arguments unless in debug mode.)
 */
export function formatCallback(fn: unknown): string {
  if (typeof fn !== "function") return String(fn);
  const info = codeOf(fn);
  if (info) {
    if (info.builtin || !info.file) return `${info.name}()`;
    return `${info.name}() at ${info.file}:${info.line}`;
  }
  // An unregistered function (an arrow function, a nested one): its name, or Python's
  // `<lambda>` for an anonymous one; the place is unknown.
  const name = (fn as { name?: string }).name;
  return `${name ? name.replace(/^bound /, "") : "<lambda>"}()`;
}
