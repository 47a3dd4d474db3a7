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
 * for the reader's module-level functions of one file, and the object whose setters the
 * file's marked `yield*`s assign to (src/bundle/lines.ts), returned as it is.
 */
export function __register<A extends object>(file: string, entries: ReadonlyArray<readonly [Function, string, number]>, at?: A): A | undefined {
  tracking.readerFile = file;
  for (const [fn, name, line] of entries) {
    if (typeof fn === "function") registerFunction(fn, name, file, line);
    readerFunctionNames.add(name);
  }
  return at;
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

/** Python's repr, installed by format.ts (which depends on this module, not the reverse). */
let reprOf: (value: unknown) => string = (value) => String(value);
export function installCallbackRepr(repr: (value: unknown) => string): void {
  reprOf = repr;
}

/**
 * A callable as CPython's `format_helpers._format_callback` writes it inside `cb=[...]` and
 * `Exception in callback ...`: `name()` and, for functions written in Python, ` at FILE:LINE`.
 * (3.13 hides the arguments unless in debug mode.)
 */
export function formatCallback(fn: unknown): string {
  // Not a function (`call_soon(42)`): `repr(func)` then the arguments' `()`, as CPython writes it.
  if (typeof fn !== "function") return `${reprOf(fn)}()`;
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

// ---------------------------------------------------------------- lines and the trampoline

const TRACKING = Symbol.for("asyncio.tracking");

/**
 * What the reader's marked code tells the runtime (src/bundle/lines.ts), and the state of the
 * tasks' trampoline (tasks.ts). One object with a fixed shape: it is touched at every `yield*`.
 *
 * The trampoline (issue 12): V8 resumes a chain of `yield*` level by level, so a task
 * suspended under 500 nested awaits would pay 500 resumptions per step. Instead, a task keeps
 * its own stack of coroutines. The reader's `yield* coro()` (marked by the bundling step) hands
 * `coro()` to that stack: the generator doing the `yield*` delegates to a small HandOff
 * iterator, which yields a marker up to the task; the task then drives the new coroutine
 * directly, and when it returns (or raises), resumes the one below with its value (or
 * throws into it), which the HandOff returns (or throws) at the reader's `yield*`. A step
 * touches only the innermost generator. Unmarked code (the runtime's own coroutines, code
 * that did not go through the bundling step) delegates as plain JavaScript does; a marker
 * passes through plain delegation untouched, since `yield*` forwards values and resumptions.
 * A reader's generator taken by `for...of` or spread inside a task gets a PlainDriver (below).
 * One case is not covered: a reader's coroutine driven by hand (`coro.next()`) inside a
 * running task, when it awaits another generator, hands the marker to that caller.
 */
export interface Tracking {
  /** The reader's line of the last marked `yield*` run (0: unknown), then the task's own. */
  line: number;
  /** The operand of that `yield*` until `yield*` takes its iterator. */
  armed: unknown;
  /** A task's trampoline is driving a coroutine: a hand-off can be taken. */
  driving: boolean;
  /** The coroutine handed off, until the trampoline takes it. */
  handed: Coro | null;
  /** The line of the `print(...)` call being run (0: none). */
  printLine: number;
  /** The reader's file, as the registration names it (`main.ts`). */
  readerFile: string | null;
  /** Called when an exception is thrown into a coroutine at a hand-off (tracebacks). */
  onThrowInto: ((error: unknown) => void) | null;
  /** Called when an exception leaves a PlainDriver into its plain consumer (tracebacks). */
  onLeaveDriver?: ((error: unknown) => void) | null;
}

// Shared through the realm, as the generator prototype it patches is: one realm may hold two
// copies of the runtime (a test beside a bundle), and they must agree.
export const tracking: Tracking = ((globalThis as { [TRACKING]?: Tracking })[TRACKING] ??= {
  line: 0,
  armed: null,
  driving: false,
  handed: null,
  printLine: 0,
  readerFile: null,
  onThrowInto: null,
  onLeaveDriver: null,
});

/** What a HandOff yields to say "drive `tracking.handed` instead". */
export const HANDED_OFF: unique symbol = Symbol.for("asyncio.handed-off");
const HANDED_OFF_RESULT: IteratorYieldResult<unknown> = Object.freeze({ value: HANDED_OFF, done: false });

/** Called by the setters of the reader's marked `yield*` (see src/bundle/lines.ts). */
export function __arm(value: unknown, line: number): void {
  tracking.line = line;
  tracking.armed = value;
}

/**
 * `yield* delegate(coro)` in the runtime's own coroutines: hands a coroutine that may be the
 * reader's to the task's stack (as a marked `yield*` does), keeping the reader's line.
 */
export function delegate<T>(coro: Coro<T>): Coro<T> {
  tracking.armed = coro;
  return coro;
}

/** The iterator a handed-off `yield*` delegates to. */
class HandOff {
  _coro: Coro | null;
  constructor(coro: Coro) {
    this._coro = coro;
  }
  next(value: unknown): IteratorResult<unknown, unknown> {
    const coro = this._coro;
    if (coro !== null) {
      // First call, right after `yield*` took this iterator: the marker goes up to the task.
      this._coro = null;
      tracking.handed = coro;
      return HANDED_OFF_RESULT;
    }
    // The task resumes the reader's `yield*` with the handed-off coroutine's result.
    return { value, done: true };
  }
  throw(error: unknown): never {
    // The handed-off coroutine raised: it surfaces at the reader's `yield*`, whose frame is
    // on the stack right now (tracebacks note it, as CPython adds a traceback entry).
    if (tracking.onThrowInto !== null) tracking.onThrowInto(error);
    throw error;
  }
  return(value: unknown): IteratorResult<unknown, unknown> {
    this._coro = null;
    return { value, done: true };
  }
  [Symbol.iterator](): this {
    return this;
  }
}

/** The reader's registered generator functions' coroutines (a plain consumer needs a driver). */
function isReaderCoroutine(coro: object): boolean {
  const info = codeOf(coro);
  return info !== undefined && info.file !== "" && info.file === tracking.readerFile;
}

/**
 * A reader's generator taken by a plain consumer (`for...of`, spread, or unmarked `yield*`)
 * while a task runs: its own marked `yield*`s hand off, so it is driven through a small stack
 * of its own, as the task would, and gives its consumer only what plain delegation would.
 */
class PlainDriver {
  _stack: Coro[];
  constructor(coro: Coro) {
    this._stack = [coro];
  }
  /** Named so that tracebacks find it on the JavaScript stack (traceback.ts). */
  __trampoline__(mode: 0 | 1 | 2, value: unknown): IteratorResult<unknown, unknown> {
    const stack = this._stack;
    for (;;) {
      const g = stack[stack.length - 1];
      if (g === undefined) return { value, done: true };
      let r: IteratorResult<unknown, unknown>;
      try {
        r = mode === 0 ? g.next(value) : mode === 1 ? g.throw(value) : g.return(value as never);
      } catch (e) {
        stack.pop();
        if (stack.length === 0) {
          // It goes on through the consumer's frames, plain JavaScript ones (tracebacks note them).
          if (typeof tracking.onLeaveDriver === "function") tracking.onLeaveDriver(e);
          throw e;
        }
        mode = 1;
        value = e;
        continue;
      }
      if (r.done) {
        stack.pop();
        if (stack.length === 0) return r;
        // A return completes the level below as a return; a value resumes it.
        if (mode === 1) mode = 0;
        value = r.value;
        continue;
      }
      if (r.value === HANDED_OFF && tracking.handed !== null) {
        stack.push(tracking.handed);
        tracking.handed = null;
        mode = 0;
        value = undefined;
        continue;
      }
      return r;
    }
  }
  next(value: unknown): IteratorResult<unknown, unknown> {
    return this.__trampoline__(0, value);
  }
  throw(error: unknown): IteratorResult<unknown, unknown> {
    return this.__trampoline__(1, error);
  }
  return(value: unknown): IteratorResult<unknown, unknown> {
    return this.__trampoline__(2, value);
  }
  [Symbol.iterator](): this {
    return this;
  }
}

/**
 * Every generator object's `[Symbol.iterator]`, which `yield*` and `for...of` call: normally
 * the generator itself (as the built-in one); the iterator of a hand-off when the reader's
 * marked `yield*` (or the runtime's `delegate`) just armed it inside a task's step.
 */
function generatorIterator(this: Coro): unknown {
  const t = tracking;
  if (this === t.armed) {
    t.armed = null;
    if (t.driving) return new HandOff(this);
  } else if (t.driving && isReaderCoroutine(this)) {
    return new PlainDriver(this);
  }
  return this;
}

// The first copy of the runtime in a realm installs it.
const INSTALLED = Symbol.for("asyncio.generator-iterator");
{
  const proto = GeneratorPrototype as { [Symbol.iterator]: unknown; [INSTALLED]?: boolean };
  if (!proto[INSTALLED]) {
    Object.defineProperty(proto, Symbol.iterator, { value: generatorIterator, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(proto, INSTALLED, { value: true });
  }
}
