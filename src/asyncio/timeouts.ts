/**
 * `asyncio.timeout` / `timeout_at` (CPython's timeouts.py) and `wait_for` (built on them since
 * 3.12: the awaited coroutine runs in the caller's task, no new Task). Used with the
 * `async with` idiom of idioms.ts:
 *
 *     // async with asyncio.timeout(1) as cm:          Python
 *     //     await work()
 *     yield* asyncio.async_with(asyncio.timeout(1), function* (cm) {
 *       yield* work();
 *     });
 */
import { CancelledError, RuntimeError, TimeoutError, TypeError } from "./exceptions.ts";
import { iscoroutine, registerFunction, type Coro } from "./coroutines.ts";
import { async_with, type AsyncContextManager } from "./idioms.ts";
import { repr } from "./format.ts";
import { isfuture, type Future } from "./futures.ts";
import type { Handle } from "./events.ts";
import { getRunningLoop } from "./loopstate.ts";
import { DEFINED_AT } from "./pysource.ts";
import { compare, typeName } from "./operator.ts";
import { noteCaughtByWith } from "./traceback.ts";
import { _cancel_and_wait, current_task, ensure_future, type Task } from "./tasks.ts";

type TimeoutState = "created" | "active" | "expiring" | "expired" | "finished";

/** CPython's `asyncio.Timeout`. */
export class Timeout implements AsyncContextManager<Timeout> {
  _state: TimeoutState = "created";
  _timeout_handler: Handle | null = null;
  _task: Task<unknown> | null = null;
  _when: number | null;
  _cancelling = 0;
  /** The deadline was computed from the clock by timeout(delay) (see events.ts timerLess). */
  _clock = false;
  /** Which read of the clock that was. */
  _read = 0;

  constructor(when: number | null) {
    this._when = when;
  }

  when(): number | null {
    return this._when;
  }

  /** Moves the deadline (null: none); only while the block runs. */
  reschedule(when: number | null): void {
    this._clock = false;
    this._reschedule(when);
  }

  _reschedule(when: number | null): void {
    if (this._state !== "active") {
      if (this._state === "created") throw new RuntimeError("Timeout has not been entered");
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    this._when = when;
    if (this._timeout_handler !== null) this._timeout_handler.cancel();
    if (when === null || when === undefined) {
      this._timeout_handler = null;
    } else {
      const loop = getRunningLoop();
      const onTimeout = (): void => this._on_timeout();
      registerFunction(onTimeout, "Timeout._on_timeout", "asyncio/timeouts.py", DEFINED_AT["timeouts.Timeout._on_timeout"]);
      // `if when <= loop.time():` (loop.time() is a float: a `when` that is not a number fails there)
      if (typeof when !== "number") throw new TypeError(`'<=' not supported between instances of '${typeName(when)}' and 'float'`);
      this._timeout_handler = when <= loop._time() ? loop.call_soon(onTimeout) : loop._callAt(when, onTimeout, [], this._clock, this._read);
    }
  }

  expired(): boolean {
    return this._state === "expiring" || this._state === "expired";
  }

  *__aenter__(): Coro<Timeout> {
    if (this._state !== "created") throw new RuntimeError("Timeout has already been entered");
    const task = current_task();
    if (task === null) throw new RuntimeError("Timeout should be used inside a task");
    this._state = "active";
    this._task = task;
    this._cancelling = task.cancelling();
    this._reschedule(this._when);
    return this;
  }

  *__aexit__(error: unknown): Coro<null> {
    if (this._timeout_handler !== null) {
      this._timeout_handler.cancel();
      this._timeout_handler = null;
    }
    if (this._state === "expiring") {
      this._state = "expired";
      // No newer cancel request than ours: the CancelledError is the timeout's, turn it into TimeoutError.
      if (this._task!.uncancel() <= this._cancelling && error instanceof CancelledError) {
        // `raise TimeoutError from exc_val`: the cause's traceback ends at the frame of the
        // `async with` that caught it (traceback.ts noteCaughtByWith).
        noteCaughtByWith(error, this._task);
        const timeoutError = new TimeoutError();
        (timeoutError as { cause?: unknown }).cause = error;
        throw timeoutError;
      }
    } else if (this._state === "active") {
      this._state = "finished";
    }
    return null;
  }

  _on_timeout(): void {
    this._task!.cancel();
    this._state = "expiring";
    this._timeout_handler = null;
  }

  /** `<Timeout [active] when=123.457>`: the state, then (while active) `when` rounded to 3 digits. */
  __repr__(): string {
    let info = "";
    if (this._state === "active") info = ` when=${this._when === null || this._when === undefined ? "None" : repr(round(this._when, 3))}`;
    return `<Timeout [${this._state}]${info}>`;
  }
}

/**
 * Python's `round(x, ndigits)` for a float: the decimal nearest to the exact binary value, a
 * tie going to the even digit (JavaScript's toFixed sends a tie away from zero).
 */
export function round(x: number, ndigits: number): number {
  if (typeof x !== "number" || !Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const scale = 10 ** ndigits;
  const scaled = x * scale;
  // An exact tie, d.ddd5: x * 2 * scale is an odd integer, and exactly so (a dyadic rational).
  const twice = x * 2 * scale;
  if (Number.isInteger(twice) && Math.abs(twice % 2) === 1 && twice / (2 * scale) === x) {
    const low = Math.floor(scaled);
    return (low % 2 === 0 ? low : low + 1) / scale;
  }
  return Number(x.toFixed(ndigits));
}

/** `asyncio.timeout(delay)`: null means no limit. Use with `async_with`. */
export function timeout(delay: number | null): Timeout {
  const loop = getRunningLoop();
  const t = new Timeout(delay !== null && delay !== undefined ? add(loop._time(), delay) : null);
  t._clock = true;
  t._read = loop._readClock();
  return t;
}

/** Python's `loop.time() + delay` (a delay that is not a number is its TypeError). */
function add(time: number, delay: unknown): number {
  if (typeof delay === "number" || typeof delay === "boolean") return time + Number(delay);
  throw new TypeError(`unsupported operand type(s) for +: 'float' and '${typeName(delay)}'`);
}

/** `asyncio.timeout_at(when)`, `when` in loop.time() units. */
export function timeout_at(when: number | null): Timeout {
  return new Timeout(when);
}

/**
 * `asyncio.wait_for(aw, timeout)` (3.12+): awaits aw in the caller's task under a timeout; on
 * expiry the inner work is cancelled, waited for, and TimeoutError raised.
 */
export function* wait_for<T>(fut: Coro<T> | Future<T>, timeoutSeconds: number | null): Coro<T> {
  // `if timeout is not None and timeout <= 0:`, with Python's comparison.
  if (timeoutSeconds !== null && timeoutSeconds !== undefined && compare("<=", timeoutSeconds, 0)) {
    const f = ensure_future(fut);
    if (f.done()) return f.result();
    yield* _cancel_and_wait(f);
    try {
      return f.result();
    } catch (e) {
      if (e instanceof CancelledError) {
        const timeoutError = new TimeoutError();
        (timeoutError as { cause?: unknown }).cause = e;
        throw timeoutError;
      }
      throw e;
    }
  }
  const result = yield* async_with(timeout(timeoutSeconds ?? null), function* () {
    // `return await fut`: only a coroutine or a future can be awaited.
    if (!iscoroutine(fut) && !isfuture(fut)) throw new TypeError(`object ${typeName(fut)} can't be used in 'await' expression`);
    return yield* fut;
  });
  return result as T;
}
registerFunction(wait_for, "wait_for", "asyncio/tasks.py", DEFINED_AT["tasks.wait_for"]);
