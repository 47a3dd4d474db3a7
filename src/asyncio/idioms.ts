/**
 * `async with` and `async for`, which have no JavaScript counterpart for generator-based
 * coroutines, written as calls that do what Python's statements do.
 *
 * async with (the context manager has `__aenter__()` / `__aexit__(error)` coroutines:
 * `asyncio.timeout()`, `Lock`, `Semaphore`, or the reader's own object):
 *
 *     # Python                                   // TypeScript
 *     async with lock:                           yield* asyncio.async_with(lock, function* () {
 *         await work()                             yield* work();
 *                                                });
 *     async with asyncio.timeout(1) as cm:       yield* asyncio.async_with(asyncio.timeout(1), function* (cm) { ... });
 *
 * `__aenter__()` is awaited, the body runs with its value, `__aexit__(error)` is awaited with
 * the error that left the body (or null); a truthy result swallows that error, as in Python.
 *
 * async for, over an asynchronous generator: a `function*` that awaits with `yield*` and hands
 * out each item with `yield asyncio.item(value)` (Python's `yield value`):
 *
 *     async def ticks(n):                        function* ticks(n: number) {
 *         for i in range(n):                       for (let i = 0; i < n; i++) {
 *             await asyncio.sleep(0.1)                 yield* asyncio.sleep(0.1);
 *             yield i                                  yield asyncio.item(i);
 *                                                  }
 *                                                }
 *     async for t in ticks(3):                   yield* asyncio.async_for(ticks(3), function* (t: number) {
 *         print(t)                                 print(t);
 *                                                });
 *
 * As in Python, the generator's body runs inside `__anext__()`, i.e. in the iterating task,
 * which is suspended there between one item and the next. The body may `return asyncio.BREAK`
 * for Python's `break`. Objects with `__aiter__()` / `__anext__()` (raising
 * StopAsyncIteration) work too, and `aiter()` / `anext()` are Python's builtins.
 */
import { StopAsyncIteration, TypeError } from "./exceptions.ts";
import { NativeCoroutine, CODE, isGeneratorObject, registerFunction, type CodeInfo, type Coro } from "./coroutines.ts";
import { repr } from "./format.ts";

/** An asynchronous context manager: what `async with` accepts. */
export interface AsyncContextManager<V = unknown> {
  __aenter__(): Coro<V>;
  __aexit__(error: unknown): Coro<unknown>;
}

/** `async with cm as value: body`; see the module comment. */
export function* async_with<V, R>(cm: AsyncContextManager<V>, body: (value: V) => Coro<R>): Coro<R | undefined> {
  if (cm === null || typeof cm !== "object" || typeof cm.__aenter__ !== "function" || typeof cm.__aexit__ !== "function") {
    throw new TypeError(`'${typeName(cm)}' object does not support the asynchronous context manager protocol`);
  }
  const value = yield* cm.__aenter__();
  let result: R;
  try {
    result = yield* body(value);
  } catch (e) {
    if (yield* cm.__aexit__(e)) return undefined;
    throw e;
  }
  yield* cm.__aexit__(null);
  return result;
}

function typeName(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  if (typeof x === "object") return (x as { constructor?: { name?: string } }).constructor?.name ?? "object";
  return typeof x === "number" ? "int" : typeof x === "string" ? "str" : typeof x;
}

/** What an asynchronous generator hands out: `yield asyncio.item(value)` is Python's `yield value`. */
export class AsyncItem<T> {
  readonly value: T;
  constructor(value: T) {
    this.value = value;
  }
  __repr__(): string {
    return `<item ${repr(this.value)}>`;
  }
}

export function item<T>(value: T): AsyncItem<T> {
  return new AsyncItem(value);
}

/** Returned by an `async_for` body to leave the loop, as `break` does. */
export const BREAK: unique symbol = Symbol("asyncio.BREAK");

/** The asynchronous iterator protocol. */
export interface AsyncIteratorLike<T> {
  __anext__(): Coro<T>;
}
export interface AsyncIterableLike<T> {
  __aiter__(): AsyncIteratorLike<T>;
}

/**
 * One `__anext__()` of an asynchronous generator: drives the generator inside the awaiting
 * task, passing its awaits through, until it yields an item (the result) or returns
 * (StopAsyncIteration).
 */
class ANext<T> extends NativeCoroutine<T> {
  _gen: Generator<unknown, unknown, unknown>;
  constructor(gen: Generator<unknown, unknown, unknown>) {
    super();
    this._gen = gen;
  }
  _handle(r: IteratorResult<unknown, unknown>): IteratorResult<unknown, T> {
    if (r.done) throw new StopAsyncIteration();
    if (r.value instanceof AsyncItem) return { value: r.value.value as T, done: true };
    return r as IteratorResult<unknown, T>;
  }
  next(value?: unknown): IteratorResult<unknown, T> {
    return this._handle(this._gen.next(value));
  }
  override throw(e: unknown): IteratorResult<unknown, T> {
    return this._handle(this._gen.throw(e));
  }
  return(value: T): IteratorResult<unknown, T> {
    this._gen.return(undefined);
    return { value, done: true };
  }
}
const ANEXT_INFO: CodeInfo = { name: "anext", file: "", line: 0, builtin: true };
Object.defineProperty(ANext.prototype, CODE, { value: ANEXT_INFO });

/** An asynchronous generator object around a `function*` that yields `item(...)`s. */
export class AsyncGenerator<T> implements AsyncIterableLike<T>, AsyncIteratorLike<T> {
  _gen: Generator<unknown, unknown, unknown>;
  constructor(gen: Generator<unknown, unknown, unknown>) {
    this._gen = gen;
  }
  __aiter__(): this {
    return this;
  }
  __anext__(): Coro<T> {
    return new ANext<T>(this._gen).asCoro();
  }
  /** Closes the generator (its `finally` blocks run). */
  *aclose(): Coro<void> {
    this._gen.return(undefined);
  }
  __repr__(): string {
    return `<async_generator object>`;
  }
}

/** Python's `aiter(x)`: a generator object is taken as an asynchronous generator. */
export function aiter<T>(x: AsyncIterableLike<T> | Generator<unknown, unknown, unknown>): AsyncIteratorLike<T> {
  if (isGeneratorObject(x)) return new AsyncGenerator<T>(x as Generator<unknown, unknown, unknown>);
  if (x !== null && typeof x === "object" && typeof (x as AsyncIterableLike<T>).__aiter__ === "function") {
    return (x as AsyncIterableLike<T>).__aiter__();
  }
  throw new TypeError(`'${typeName(x)}' object is not an async iterable`);
}

/** Python's `anext(it[, default])`: the next item; at the end the default, or StopAsyncIteration. */
export function* anext<T, D = never>(it: AsyncIteratorLike<T>, ...dflt: [D] | []): Coro<T | D> {
  try {
    return yield* it.__anext__();
  } catch (e) {
    if (e instanceof StopAsyncIteration && dflt.length > 0) return dflt[0] as D;
    throw e;
  }
}

/** `async for x in aiterable: body(x)`; see the module comment. */
export function* async_for<T>(
  aiterable: AsyncIterableLike<T> | Generator<unknown, unknown, unknown>,
  body: (value: T) => Coro<unknown>,
): Coro<void> {
  const it = aiter<T>(aiterable);
  for (;;) {
    let value: T;
    try {
      value = yield* it.__anext__();
    } catch (e) {
      if (e instanceof StopAsyncIteration) return;
      throw e;
    }
    if ((yield* body(value)) === BREAK) return;
  }
}

registerFunction(async_with, "async_with", "asyncio/idioms.py", 1);
registerFunction(async_for, "async_for", "asyncio/idioms.py", 1);
