/**
 * asyncio's queues (CPython 3.13's queues.py): Queue (FIFO), PriorityQueue (lowest first, a
 * heap compared as Python compares the items) and LifoQueue (last in, first out), with an
 * optional maxsize; put/get wait when full / empty; task_done/join count unfinished items;
 * shutdown(immediate) (3.13) makes put raise QueueShutDown, and get too once the queue is
 * empty (at once when immediate). Waiters are woken one at a time, in order. The code follows
 * CPython's line for line (the overridable `_init`/`_get`/`_put`, the `while` loops that
 * re-check after a wake-up), since which waiter gets an item is visible to a program.
 */
import { QueueEmpty, QueueFull, QueueShutDown, TypeError, ValueError } from "./exceptions.ts";
import type { Coro } from "./coroutines.ts";
import { addressOf, repr } from "./format.ts";
import type { Future } from "./futures.ts";
import { heappop, heappush } from "./heapq.ts";
import { getRunningLoop } from "./loopstate.ts";
import { Event } from "./locks.ts";
import { lt, typeName } from "./operator.ts";

export class Queue<T = unknown> {
  _maxsize: number;
  _queue: T[] = [];
  /** Futures of the tasks waiting in get() / put(), first in first served. */
  _getters: Future<null>[] = [];
  _putters: Future<null>[] = [];
  _unfinished_tasks = 0;
  _finished = new Event();
  _is_shutdown = false;

  constructor(maxsize: number = 0) {
    this._maxsize = maxsize;
    this._finished.set();
    this._init(maxsize);
  }

  // These three are overridable in subclasses (as in CPython).

  _init(_maxsize: number): void {
    this._queue = [];
  }

  _get(): T {
    return this._queue.shift() as T;
  }

  _put(item: T): void {
    this._queue.push(item);
  }

  /** Wakes the next waiter that is not cancelled (it re-checks the queue when it runs). */
  _wakeup_next(waiters: Future<null>[]): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift()!;
      if (!waiter.done()) {
        waiter.set_result(null);
        break;
      }
    }
  }

  /** Number of items allowed in the queue (0: no limit). */
  get maxsize(): number {
    return this._maxsize;
  }

  qsize(): number {
    return this._queue.length;
  }

  empty(): boolean {
    return this._queue.length === 0;
  }

  full(): boolean {
    const maxsize: unknown = this._maxsize;
    // CPython compares `self._maxsize <= 0`: a maxsize that is not a number fails there.
    if (typeof maxsize !== "number" && typeof maxsize !== "boolean") {
      throw new TypeError(`'<=' not supported between instances of '${typeName(maxsize)}' and 'int'`);
    }
    if (Number(maxsize) <= 0) return false;
    return this.qsize() >= Number(maxsize);
  }

  *put(item: T): Coro<void> {
    while (this.full()) {
      if (this._is_shutdown) throw new QueueShutDown();
      const putter = getRunningLoop().create_future<null>();
      this._putters.push(putter);
      try {
        yield* putter;
      } catch (e) {
        putter.cancel(); // just in case putter is not done yet
        // Not there any more if get_nowait() or shutdown() took it out.
        const i = this._putters.indexOf(putter);
        if (i >= 0) this._putters.splice(i, 1);
        // We were woken up by get_nowait(), but can't take the call: wake the next one.
        if (!this.full() && !putter.cancelled()) this._wakeup_next(this._putters);
        throw e;
      }
    }
    this.put_nowait(item);
  }

  put_nowait(item: T): void {
    if (this._is_shutdown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this._put(item);
    this._unfinished_tasks += 1;
    this._finished.clear();
    this._wakeup_next(this._getters);
  }

  *get(): Coro<T> {
    while (this.empty()) {
      if (this._is_shutdown && this.empty()) throw new QueueShutDown();
      const getter = getRunningLoop().create_future<null>();
      this._getters.push(getter);
      try {
        yield* getter;
      } catch (e) {
        getter.cancel();
        const i = this._getters.indexOf(getter);
        if (i >= 0) this._getters.splice(i, 1);
        // We were woken up by put_nowait(), but can't take the call: wake the next one.
        if (!this.empty() && !getter.cancelled()) this._wakeup_next(this._getters);
        throw e;
      }
    }
    return this.get_nowait();
  }

  get_nowait(): T {
    if (this.empty()) {
      if (this._is_shutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    const item = this._get();
    this._wakeup_next(this._putters);
    return item;
  }

  task_done(): void {
    if (this._unfinished_tasks <= 0) throw new ValueError("task_done() called too many times");
    this._unfinished_tasks -= 1;
    if (this._unfinished_tasks === 0) this._finished.set();
  }

  *join(): Coro<void> {
    if (this._unfinished_tasks > 0) yield* this._finished.wait();
  }

  /**
   * `shutdown(immediate=False)` (3.13): put() raises QueueShutDown from now on, get() too once
   * the queue is empty; with immediate the queue is emptied now (each item counts as done,
   * which may release join()). Every waiting put() and get() is woken to see it.
   */
  shutdown(immediate: boolean = false): void {
    this._is_shutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this._get();
        if (this._unfinished_tasks > 0) this._unfinished_tasks -= 1;
      }
      if (this._unfinished_tasks === 0) this._finished.set();
    }
    // All getters need to re-check queue-empty to raise QueueShutDown.
    while (this._getters.length > 0) {
      const getter = this._getters.shift()!;
      if (!getter.done()) getter.set_result(null);
    }
    while (this._putters.length > 0) {
      const putter = this._putters.shift()!;
      if (!putter.done()) putter.set_result(null);
    }
  }

  _format(): string {
    let result = `maxsize=${repr(this._maxsize)}`;
    if (this._queue.length > 0) result += ` _queue=${repr(this._queue)}`;
    if (this._getters.length > 0) result += ` _getters[${this._getters.length}]`;
    if (this._putters.length > 0) result += ` _putters[${this._putters.length}]`;
    if (this._unfinished_tasks) result += ` tasks=${this._unfinished_tasks}`;
    if (this._is_shutdown) result += " shutdown";
    return result;
  }

  /** The class's Python name (a bundler may rename the JavaScript class). */
  static readonly __name__: string = "Queue";

  /** `type(self).__name__`: the class's own name, a reader's subclass's too. */
  _typeName(): string {
    const cls = this.constructor as { __name__?: string; name: string };
    return Object.hasOwn(cls, "__name__") ? cls.__name__! : cls.name;
  }

  __repr__(): string {
    return `<${this._typeName()} at ${addressOf(this)} ${this._format()}>`;
  }

  __str__(): string {
    return `<${this._typeName()} ${this._format()}>`;
  }
}

/**
 * Retrieves the lowest item first: the items form a heap (heapq), compared as Python compares
 * them; an entry is usually an array `[priority, data]`, compared as a tuple. Items that do not
 * compare raise CPython's TypeError in put (the item stays in the queue, as in CPython).
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  static override readonly __name__: string = "PriorityQueue";

  override _init(_maxsize: number): void {
    this._queue = [];
  }

  override _put(item: T): void {
    heappush(this._queue, item, lt);
  }

  override _get(): T {
    return heappop(this._queue, lt) as T;
  }
}

/** Retrieves the most recently added item first. */
export class LifoQueue<T = unknown> extends Queue<T> {
  static override readonly __name__: string = "LifoQueue";

  override _init(_maxsize: number): void {
    this._queue = [];
  }

  override _put(item: T): void {
    this._queue.push(item);
  }

  override _get(): T {
    return this._queue.pop() as T;
  }
}
