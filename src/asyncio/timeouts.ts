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
import { CancelledError, RuntimeError, TimeoutError } from "./exceptions.ts";
import { registerFunction, type Coro } from "./coroutines.ts";
import { async_with, type AsyncContextManager } from "./idioms.ts";
import { repr } from "./format.ts";
import type { Future } from "./futures.ts";
import type { Handle } from "./events.ts";
import { getRunningLoop } from "./loopstate.ts";
import { DEFINED_AT } from "./pysource.ts";
import { _cancel_and_wait, current_task, ensure_future, type Task } from "./tasks.ts";

type TimeoutState = "created" | "active" | "expiring" | "expired" | "finished";

/** CPython's `asyncio.Timeout`. */
export class Timeout implements AsyncContextManager<Timeout> {
  _state: TimeoutState = "created";
  _timeout_handler: Handle | null = null;
  _task: Task<unknown> | null = null;
  _when: number | null;
  _cancelling = 0;

  constructor(when: number | null) {
    this._when = when;
  }

  when(): number | null {
    return this._when;
  }

  reschedule(when: number | null): void {
    if (this._state !== "active") {
      if (this._state === "created") throw new RuntimeError("Timeout has not been entered");
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    this._when = when;
    if (this._timeout_handler !== null) this._timeout_handler.cancel();
    if (when === null) {
      this._timeout_handler = null;
    } else {
      const loop = getRunningLoop();
      const onTimeout = (): void => this._on_timeout();
      registerFunction(onTimeout, "Timeout._on_timeout", "asyncio/timeouts.py", DEFINED_AT["timeouts.Timeout._on_timeout"]);
      this._timeout_handler = when <= loop.time() ? loop.call_soon(onTimeout) : loop.call_at(when, onTimeout);
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
    this.reschedule(this._when);
    return this;
  }

  *__aexit__(error: unknown): Coro<boolean> {
    if (this._timeout_handler !== null) {
      this._timeout_handler.cancel();
      this._timeout_handler = null;
    }
    if (this._state === "expiring") {
      this._state = "expired";
      // No newer cancel request than ours: the CancelledError is the timeout's, turn it into TimeoutError.
      if (this._task!.uncancel() <= this._cancelling && error instanceof CancelledError) {
        const timeoutError = new TimeoutError();
        (timeoutError as { cause?: unknown }).cause = error;
        throw timeoutError;
      }
    } else if (this._state === "active") {
      this._state = "finished";
    }
    return false;
  }

  _on_timeout(): void {
    this._task!.cancel();
    this._state = "expiring";
    this._timeout_handler = null;
  }

  __repr__(): string {
    const info: string[] = [this._state];
    if (this._state === "active") info.push(`when=${this._when === null ? "None" : repr(this._when)}`);
    return `<Timeout [${info.join(" ")}]>`;
  }
}

/** `asyncio.timeout(delay)`: null means no limit. Use with `async_with`. */
export function timeout(delay: number | null): Timeout {
  const loop = getRunningLoop();
  return new Timeout(delay !== null && delay !== undefined ? loop.time() + delay : null);
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
  if (timeoutSeconds !== null && timeoutSeconds !== undefined && timeoutSeconds <= 0) {
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
    return yield* fut;
  });
  return result as T;
}
registerFunction(wait_for, "wait_for", "asyncio/tasks.py", DEFINED_AT["tasks.wait_for"]);
