/**
 * Synchronisation primitives (CPython 3.13's locks.py): Event, Lock, Condition, Semaphore,
 * BoundedSemaphore, Barrier. Waiters are futures of the running loop, woken in FIFO order.
 * `async with lock:` is written `yield* asyncio.async_with(lock, function* () { ... })` (see
 * idioms.ts). The code follows CPython's line for line, coroutine for coroutine: which waiter
 * runs first, and the frames of a traceback, are visible to a program.
 */
import { AttributeError, BrokenBarrierError, CancelledError, RuntimeError, ValueError, truth } from "./exceptions.ts";
import type { Coro } from "./coroutines.ts";
import { addressOf } from "./format.ts";
import type { Future } from "./futures.ts";
import { getRunningLoop } from "./loopstate.ts";
import type { AsyncContextManager } from "./idioms.ts";
import { compare, lt, typeName } from "./operator.ts";
import { noteRaise } from "./traceback.ts";

/**
 * `object.__repr__` of a primitive, `<asyncio.locks.Lock object at 0x...>`, which the reprs
 * below extend: a reader's subclass is `__main__.Name`. (A bundler may rename the JavaScript
 * class: the Python name is the class's own `__name__`.)
 */
function objectRepr(x: object): string {
  const cls = x.constructor as { __name__?: string; name: string };
  const own = Object.hasOwn(cls, "__name__");
  return `${own ? "asyncio.locks" : "__main__"}.${own ? cls.__name__ : cls.name} object at ${addressOf(x)}`;
}

function removeWaiter(waiters: Future<boolean>[], fut: Future<boolean>): void {
  const i = waiters.indexOf(fut);
  if (i >= 0) waiters.splice(i, 1);
}

/** `_ContextManagerMixin`: `async with lock:` acquires it and releases it. */
interface LockLike {
  locked(): boolean;
  acquire(): Coro<true>;
  release(): void;
}

export class Event {
  static readonly __name__: string = "Event";
  _waiters: Future<boolean>[] = [];
  _value = false;

  is_set(): boolean {
    return this._value;
  }

  /** Wakes every waiter; later wait() calls return at once until clear(). */
  set(): void {
    if (this._value) return;
    this._value = true;
    for (const fut of this._waiters) if (!fut.done()) fut.set_result(true);
  }

  clear(): void {
    this._value = false;
  }

  *wait(): Coro<true> {
    if (this._value) return true;
    const fut = getRunningLoop().create_future<boolean>();
    this._waiters.push(fut);
    try {
      yield* fut;
      return true;
    } finally {
      removeWaiter(this._waiters, fut);
    }
  }

  __repr__(): string {
    const extra = this._value ? "set" : "unset";
    return `<${objectRepr(this)} [${extra}${this._waiters.length ? `, waiters:${this._waiters.length}` : ""}]>`;
  }
}

export class Lock implements AsyncContextManager<null>, LockLike {
  static readonly __name__: string = "Lock";
  _waiters: Future<boolean>[] | null = null;
  _locked = false;

  locked(): boolean {
    return this._locked;
  }

  *acquire(): Coro<true> {
    // Fast path: free and nobody queued (CPython also checks that all waiters are cancelled).
    if (!this._locked && (this._waiters === null || this._waiters.every((w) => w.cancelled()))) {
      this._locked = true;
      return true;
    }
    if (this._waiters === null) this._waiters = [];
    const fut = getRunningLoop().create_future<boolean>();
    this._waiters.push(fut);
    try {
      try {
        yield* fut;
      } finally {
        removeWaiter(this._waiters, fut);
      }
    } catch (e) {
      // Cancelled after being handed the lock: pass it on to the next waiter.
      if (e instanceof CancelledError && !this._locked) this._wake_up_first();
      throw e;
    }
    this._locked = true;
    return true;
  }

  release(): void {
    if (!this._locked) throw new RuntimeError("Lock is not acquired.");
    this._locked = false;
    this._wake_up_first();
  }

  _wake_up_first(): void {
    if (!this._waiters || this._waiters.length === 0) return;
    const fut = this._waiters[0];
    if (!fut.done()) fut.set_result(true);
  }

  *__aenter__(): Coro<null> {
    yield* this.acquire();
    return null;
  }

  *__aexit__(_error?: unknown): Coro<null> {
    this.release();
    return null;
  }

  __repr__(): string {
    const extra = this._locked ? "locked" : "unlocked";
    const n = this._waiters?.length ?? 0;
    return `<${objectRepr(this)} [${extra}${n ? `, waiters:${n}` : ""}]>`;
  }
}

/**
 * `asyncio.Condition(lock=None)`: a lock (its own, or the one given) with a list of waiters.
 * wait() releases the lock, waits for notify(), and takes the lock again before it returns,
 * even when cancelled.
 */
export class Condition implements AsyncContextManager<null>, LockLike {
  static readonly __name__: string = "Condition";
  _lock: LockLike;
  _waiters: Future<boolean>[] = [];

  constructor(lock: LockLike | null = null) {
    const l = lock ?? new Lock();
    // CPython takes the lock's bound methods here: `self.locked = lock.locked`, ...
    for (const name of ["locked", "acquire", "release"] as const) {
      if (typeof (l as unknown as Record<string, unknown>)[name] === "undefined") {
        throw new AttributeError(`'${typeName(l)}' object has no attribute '${name}'`);
      }
    }
    this._lock = l;
  }

  // The lock's own locked(), acquire() and release() (CPython exports the bound methods).
  locked(): boolean {
    return this._lock.locked();
  }

  acquire(): Coro<true> {
    return this._lock.acquire();
  }

  release(): void {
    this._lock.release();
  }

  /** Waits until notified; the lock must be held, and is held again on return. */
  *wait(): Coro<true> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    const fut = getRunningLoop().create_future<boolean>();
    this.release();
    try {
      try {
        this._waiters.push(fut);
        try {
          yield* fut;
          return true;
        } finally {
          removeWaiter(this._waiters, fut);
        }
      } finally {
        // Must re-acquire the lock even if wait is cancelled. Only CancelledError is caught
        // here, so that other (fatal) errors do not make us spin.
        let err: CancelledError | null = null;
        for (;;) {
          try {
            yield* this.acquire();
            break;
          } catch (e) {
            if (!(e instanceof CancelledError)) throw e;
            err = e;
          }
        }
        if (err !== null) {
          // `raise err`: re-raise the most recent CancelledError.
          noteRaise(err);
          throw err;
        }
      }
    } catch (e) {
      // The error may have come after this task was notified: notify another one instead.
      this._notify(1);
      throw e;
    }
  }

  /** Waits until `predicate()` is true (Python's truth) and gives its result. */
  *wait_for<R>(predicate: () => R): Coro<R> {
    let result = predicate();
    while (!truth(result)) {
      yield* this.wait();
      result = predicate();
    }
    return result;
  }

  /** Wakes up to n waiting tasks; the lock must be held. */
  notify(n: number = 1): void {
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    this._notify(n);
  }

  _notify(n: number): void {
    let idx = 0;
    for (const fut of this._waiters) {
      if (compare(">=", idx, n)) break;
      if (!fut.done()) {
        idx += 1;
        fut.set_result(false);
      }
    }
  }

  notify_all(): void {
    this.notify(this._waiters.length);
  }

  *__aenter__(): Coro<null> {
    yield* this.acquire();
    return null;
  }

  *__aexit__(_error?: unknown): Coro<null> {
    this.release();
    return null;
  }

  __repr__(): string {
    const extra = this.locked() ? "locked" : "unlocked";
    const n = this._waiters.length;
    return `<${objectRepr(this)} [${extra}${n ? `, waiters:${n}` : ""}]>`;
  }
}

/** CPython 3.13's Semaphore: FIFO, the count handed to a waiter when it is woken. */
export class Semaphore implements AsyncContextManager<null>, LockLike {
  static readonly __name__: string = "Semaphore";
  _value: number;
  _waiters: Future<boolean>[] | null = null;

  constructor(value: number = 1) {
    // `if value < 0:`, with Python's comparison (a value that is not a number is a TypeError).
    if (lt(value, 0)) throw new ValueError("Semaphore initial value must be >= 0");
    this._value = value;
  }

  locked(): boolean {
    return this._value === 0 || (this._waiters ?? []).some((w) => !w.cancelled());
  }

  *acquire(): Coro<true> {
    if (!this.locked()) {
      this._value -= 1;
      return true;
    }
    if (this._waiters === null) this._waiters = [];
    const fut = getRunningLoop().create_future<boolean>();
    this._waiters.push(fut);
    try {
      try {
        yield* fut;
      } finally {
        removeWaiter(this._waiters, fut);
      }
    } catch (e) {
      // Woken (the count was handed to us) but cancelled before we could take it: give it back.
      if (e instanceof CancelledError && fut.done() && !fut.cancelled()) this._value += 1;
      throw e;
    } finally {
      // New waiters may have arrived but had to wait (FIFO): wake as many as allowed.
      while (this._value > 0) if (!this._wake_up_next()) break;
    }
    return true;
  }

  release(): void {
    this._value += 1;
    this._wake_up_next();
  }

  _wake_up_next(): boolean {
    if (!this._waiters) return false;
    for (const fut of this._waiters) {
      if (!fut.done()) {
        this._value -= 1;
        fut.set_result(true);
        return true;
      }
    }
    return false;
  }

  *__aenter__(): Coro<null> {
    yield* this.acquire();
    return null;
  }

  *__aexit__(_error?: unknown): Coro<null> {
    this.release();
    return null;
  }

  __repr__(): string {
    const extra = this.locked() ? "locked" : `unlocked, value:${this._value}`;
    const n = this._waiters?.length ?? 0;
    return `<${objectRepr(this)} [${extra}${n ? `, waiters:${n}` : ""}]>`;
  }
}

/** A Semaphore whose release() past the initial value is a ValueError. */
export class BoundedSemaphore extends Semaphore {
  static override readonly __name__: string = "BoundedSemaphore";
  _bound_value: number;

  constructor(value: number = 1) {
    super(value);
    this._bound_value = value;
  }

  override release(): void {
    if (this._value >= this._bound_value) throw new ValueError("BoundedSemaphore released too many times");
    super.release();
  }
}

/** `_BarrierState`'s values, as its repr shows them. */
type BarrierState = "filling" | "draining" | "resetting" | "broken";

/**
 * `asyncio.Barrier(parties)`: tasks wait() until `parties` of them are waiting, then all go on
 * at once, each with its index (0 to parties-1); reset() and abort() break the waiters out
 * with BrokenBarrierError.
 */
export class Barrier implements AsyncContextManager<number> {
  static readonly __name__: string = "Barrier";
  _cond: Condition;
  _parties: number;
  _state: BarrierState = "filling";
  _count = 0;

  constructor(parties: number) {
    if (lt(parties, 1)) throw new ValueError("parties must be > 0");
    this._cond = new Condition();
    this._parties = parties;
  }

  *__aenter__(): Coro<number> {
    // Wait until the barrier fills; give the index of this task.
    return yield* this.wait();
  }

  *__aexit__(_error?: unknown): Coro<null> {
    return null;
  }

  /** Waits until `parties` tasks wait; gives this task's index, from 0 to parties-1. */
  *wait(): Coro<number> {
    yield* this._cond.__aenter__();
    let error: unknown = null;
    try {
      yield* this._block(); // Block while the barrier drains or resets.
      try {
        const index = this._count;
        this._count += 1;
        if (index + 1 === this._parties) yield* this._release();
        else yield* this._wait();
        return index;
      } finally {
        this._count -= 1;
        // Wake up any tasks waiting for the barrier to drain.
        this._exit();
      }
    } catch (e) {
      error = e;
      throw e;
    } finally {
      yield* this._cond.__aexit__(error);
    }
  }

  /** Blocks while the barrier drains or resets; BrokenBarrierError if it is broken. */
  *_block(): Coro<void> {
    yield* this._cond.wait_for(() => this._state !== "draining" && this._state !== "resetting");
    if (this._state === "broken") throw new BrokenBarrierError("Barrier aborted");
  }

  /** The last task in: the barrier drains, every waiter is woken. */
  *_release(): Coro<void> {
    this._state = "draining";
    this._cond.notify_all();
  }

  /** Waits in the barrier until released; BrokenBarrierError if it is reset or broken meanwhile. */
  *_wait(): Coro<void> {
    yield* this._cond.wait_for(() => this._state !== "filling");
    if (this._state === "broken" || this._state === "resetting") throw new BrokenBarrierError("Abort or reset of barrier");
  }

  /** The last task out of a draining or resetting barrier fills it again. */
  _exit(): void {
    if (this._count === 0) {
      if (this._state === "resetting" || this._state === "draining") this._state = "filling";
      this._cond.notify_all();
    }
  }

  /** Back to the initial state; the tasks waiting get BrokenBarrierError. */
  *reset(): Coro<void> {
    yield* this._cond.__aenter__();
    try {
      if (this._count > 0) {
        if (this._state !== "resetting") this._state = "resetting";
      } else {
        this._state = "filling";
      }
      this._cond.notify_all();
    } finally {
      yield* this._cond.__aexit__(null);
    }
  }

  /** Breaks the barrier: waiting tasks, and tasks that wait later, get BrokenBarrierError. */
  *abort(): Coro<void> {
    yield* this._cond.__aenter__();
    try {
      this._state = "broken";
      this._cond.notify_all();
    } finally {
      yield* this._cond.__aexit__(null);
    }
  }

  /** The number of tasks needed to pass the barrier. */
  get parties(): number {
    return this._parties;
  }

  /** The number of tasks waiting while the barrier fills (0 while it drains). */
  get n_waiting(): number {
    return this._state === "filling" ? this._count : 0;
  }

  /** Whether the barrier is broken (aborted). */
  get broken(): boolean {
    return this._state === "broken";
  }

  __repr__(): string {
    let extra: string = this._state;
    if (!this.broken) extra += `, waiters:${this.n_waiting}/${this.parties}`;
    return `<${objectRepr(this)} [${extra}]>`;
  }
}
