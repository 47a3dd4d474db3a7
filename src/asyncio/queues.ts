/**
 * asyncio.Queue (CPython's queues.py): FIFO with an optional maxsize; put/get wait when full /
 * empty; task_done/join count unfinished items. Waiters are woken one at a time, in order.
 */
import { QueueEmpty, QueueFull, ValueError } from "./exceptions.ts";
import type { Coro } from "./coroutines.ts";
import { addressOf, repr } from "./format.ts";
import type { Future } from "./futures.ts";
import { getRunningLoop } from "./loopstate.ts";
import { Event } from "./locks.ts";

export class Queue<T = unknown> {
  readonly maxsize: number;
  _queue: T[] = [];
  _getters: Future<null>[] = [];
  _putters: Future<null>[] = [];
  _unfinished_tasks = 0;
  _finished = new Event();

  constructor(maxsize = 0) {
    this.maxsize = maxsize;
    this._finished.set();
  }

  _wakeup_next(waiters: Future<null>[]): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift()!;
      if (!waiter.done()) {
        waiter.set_result(null);
        break;
      }
    }
  }

  qsize(): number {
    return this._queue.length;
  }

  empty(): boolean {
    return this._queue.length === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this._queue.length >= this.maxsize;
  }

  *put(item: T): Coro<void> {
    while (this.full()) {
      const putter = getRunningLoop().create_future<null>();
      this._putters.push(putter);
      try {
        yield* putter;
      } catch (e) {
        putter.cancel(); // just in case putter is not done yet
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
    if (this.full()) throw new QueueFull();
    this._queue.push(item);
    this._unfinished_tasks += 1;
    this._finished.clear();
    this._wakeup_next(this._getters);
  }

  *get(): Coro<T> {
    while (this.empty()) {
      const getter = getRunningLoop().create_future<null>();
      this._getters.push(getter);
      try {
        yield* getter;
      } catch (e) {
        getter.cancel();
        const i = this._getters.indexOf(getter);
        if (i >= 0) this._getters.splice(i, 1);
        if (!this.empty() && !getter.cancelled()) this._wakeup_next(this._getters);
        throw e;
      }
    }
    return this.get_nowait();
  }

  get_nowait(): T {
    if (this.empty()) throw new QueueEmpty();
    const item = this._queue.shift() as T;
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

  _format(): string {
    let result = `maxsize=${repr(this.maxsize)}`;
    if (this._queue.length > 0) result += ` _queue=${repr(this._queue)}`;
    if (this._getters.length > 0) result += ` _getters[${this._getters.length}]`;
    if (this._putters.length > 0) result += ` _putters[${this._putters.length}]`;
    if (this._unfinished_tasks) result += ` tasks=${this._unfinished_tasks}`;
    return result;
  }

  __repr__(): string {
    return `<Queue at ${addressOf(this)} ${this._format()}>`;
  }

  __str__(): string {
    return `<Queue ${this._format()}>`;
  }
}
