/**
 * Synchronisation primitives (CPython's locks.py): Event, Lock, Semaphore.
 * Waiters are futures of the running loop, woken in FIFO order. `async with lock:` is written
 * `yield* asyncio.async_with(lock, function* () { ... })` (see idioms.ts).
 */
import { CancelledError, RuntimeError, ValueError } from "./exceptions.ts";
import type { Coro } from "./coroutines.ts";
import { addressOf } from "./format.ts";
import type { Future } from "./futures.ts";
import { getRunningLoop } from "./loopstate.ts";
import type { AsyncContextManager } from "./idioms.ts";

export class Event {
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
      const i = this._waiters.indexOf(fut);
      if (i >= 0) this._waiters.splice(i, 1);
    }
  }

  __repr__(): string {
    const extra = this._value ? "set" : "unset";
    return `<asyncio.locks.Event object at ${addressOf(this)} [${extra}${this._waiters.length ? `, waiters:${this._waiters.length}` : ""}]>`;
  }
}

export class Lock implements AsyncContextManager<null> {
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
        const i = this._waiters.indexOf(fut);
        if (i >= 0) this._waiters.splice(i, 1);
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

  *__aexit__(): Coro<boolean> {
    this.release();
    return false;
  }

  __repr__(): string {
    const extra = this._locked ? "locked" : "unlocked";
    const n = this._waiters?.length ?? 0;
    return `<asyncio.locks.Lock object at ${addressOf(this)} [${extra}${n ? `, waiters:${n}` : ""}]>`;
  }
}

/** CPython 3.13's Semaphore: FIFO, the count handed to a waiter when it is woken. */
export class Semaphore implements AsyncContextManager<null> {
  _value: number;
  _waiters: Future<boolean>[] | null = null;

  constructor(value = 1) {
    if (value < 0) throw new ValueError("Semaphore initial value must be >= 0");
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
        const i = this._waiters.indexOf(fut);
        if (i >= 0) this._waiters.splice(i, 1);
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

  *__aexit__(): Coro<boolean> {
    this.release();
    return false;
  }

  __repr__(): string {
    const extra = this.locked() ? "locked" : `unlocked, value:${this._value}`;
    const n = this._waiters?.length ?? 0;
    return `<asyncio.locks.Semaphore object at ${addressOf(this)} [${extra}${n ? `, waiters:${n}` : ""}]>`;
  }
}
