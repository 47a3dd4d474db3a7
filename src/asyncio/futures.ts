/**
 * asyncio.Future (CPython's futures.py, with the C class's observable texts: `Result is not
 * set.`, `invalid state`, `Task.task_wakeup()` in `cb=[...]`).
 *
 * `yield* fut` is `await fut`: the iterator yields the future itself to the task (with
 * `_asyncio_future_blocking` set, as `Future.__await__` does) unless it is already done, and
 * on resumption returns `result()` or throws. Its `throw` rethrows, so that a CancelledError
 * thrown into the task surfaces at the reader's `yield*`.
 */
import type { BaseEventLoop } from "./events.ts";
import { CancelledError, InvalidStateError, RuntimeError, StopIteration, TypeError, sourceClassName } from "./exceptions.ts";
import { formatCallback } from "./coroutines.ts";
import { repr, reprlibRepr } from "./format.ts";
import { getEventLoop } from "./loopstate.ts";
import { noteReraised, noteThrownIn, restoreTraceback, saveTraceback, type SavedTraceback } from "./traceback.ts";

/** An exception that result() raises again: its traceback grows by the frames of this call (CPython's `raise exc.with_traceback(tb)`). */
function reraised<E>(e: E): E {
  noteReraised(e);
  return e;
}

export type FutureState = "PENDING" | "CANCELLED" | "FINISHED";

/**
 * Something that is woken when a future completes without a closure of its own: a Task
 * (its `task_wakeup`). Stored in the callback list as itself, so the task costs no extra
 * object per await.
 */
export interface Waker {
  /** Queues the wake-up (never runs it synchronously). */
  _scheduleWakeup(fut: Future<unknown>): void;
  /** How `cb=[...]` names it. */
  _wakerName(): string;
}

export type DoneCallback<F = Future<unknown>> = (fut: F) => unknown;

/** A task's wake-up in a callback list (anything else there is a done callback, callable or not). */
function isWaker(cb: unknown): cb is Waker {
  return typeof cb === "object" && cb !== null && typeof (cb as Partial<Waker>)._scheduleWakeup === "function";
}
type CallbackEntry = DoneCallback<never> | Waker;

let nextObjectId = 1;
/** Serial numbers for instrumentation (ObjectId); shared with handles. */
export function newObjectId(): number {
  return nextObjectId++;
}

export class Future<T = unknown> {
  _state: FutureState = "PENDING";
  _result: T | undefined = undefined;
  _exception: Error | null = null;
  /** The exception's traceback when it was set (traceback.ts). */
  _exception_tb: SavedTraceback = null;
  _loop: BaseEventLoop;
  /** One entry is kept unboxed (most futures have exactly one waiter, as in CPython's C code). */
  _callbacks: CallbackEntry | CallbackEntry[] | null = null;
  _cancel_message: unknown = null;
  _cancelled_exc: CancelledError | null = null;
  _log_traceback = false;
  _asyncio_future_blocking = false;
  readonly _id: number = nextObjectId++;

  constructor(options?: { loop?: BaseEventLoop | null }) {
    this._loop = options?.loop ?? getEventLoop();
  }

  /**
   * The class name shown in reprs and in "... exception was never retrieved"
   * (`self.__class__.__name__`): a reader's subclass shows its own name.
   */
  _className(): string {
    return sourceClassName(this.constructor);
  }

  get_loop(): BaseEventLoop {
    return this._loop;
  }

  done(): boolean {
    return this._state !== "PENDING";
  }

  cancelled(): boolean {
    return this._state === "CANCELLED";
  }

  cancel(msg: unknown = null): boolean {
    this._log_traceback = false;
    if (this._state !== "PENDING") return false;
    this._state = "CANCELLED";
    this._cancel_message = msg;
    this._scheduleCallbacks();
    return true;
  }

  /**
   * The CancelledError to raise for a cancelled future: the one the coroutine let escape,
   * handed out once; afterwards a new one from the cancel message (CPython's
   * `_make_cancelled_error`).
   */
  _make_cancelled_error(): CancelledError {
    const exc = this._cancelled_exc;
    if (exc !== null) {
      this._cancelled_exc = null;
      return exc;
    }
    const msg = this._cancel_message;
    return msg === null || msg === undefined ? new CancelledError() : new CancelledError(msg);
  }

  result(): T {
    if (this._state === "CANCELLED") throw reraised(this._make_cancelled_error());
    if (this._state !== "FINISHED") throw new InvalidStateError("Result is not set.");
    this._log_traceback = false;
    if (this._exception !== null) throw reraised(this._takeException());
    return this._result as T;
  }

  /**
   * The stored exception, about to be raised again (C `future_get_result`): it gets back the
   * traceback it had when it was set, the first time only (see restoreTraceback).
   */
  _takeException(): Error {
    const exc = this._exception!;
    restoreTraceback(exc, this._exception_tb);
    this._exception_tb = null;
    return exc;
  }

  exception(): Error | null {
    if (this._state === "CANCELLED") throw reraised(this._make_cancelled_error());
    if (this._state !== "FINISHED") throw new InvalidStateError("Exception is not set.");
    this._log_traceback = false;
    return this._exception;
  }

  /**
   * As CPython's C Future, anything is taken: what cannot be called fails when it is run
   * (`Exception in callback 42()`, TypeError: 'int' object is not callable).
   */
  add_done_callback(fn: DoneCallback<this>): void {
    if (this._state !== "PENDING") {
      this._loop._callSoonCallback(fn as DoneCallback<Future<unknown>>, this);
      return;
    }
    this._addEntry(fn as CallbackEntry);
  }

  /** The task's wake-up, registered without a closure (see Waker). */
  _addWaker(w: Waker): void {
    if (this._state !== "PENDING") {
      w._scheduleWakeup(this);
      return;
    }
    this._addEntry(w);
  }

  _addEntry(entry: CallbackEntry): void {
    const cbs = this._callbacks;
    if (cbs === null) this._callbacks = entry;
    else if (Array.isArray(cbs)) cbs.push(entry);
    else this._callbacks = [cbs, entry];
  }

  /** Is fn among the pending callbacks? */
  _hasCallback(fn: DoneCallback<never> | Waker): boolean {
    const cbs = this._callbacks;
    return cbs === fn || (Array.isArray(cbs) && cbs.includes(fn));
  }

  /** Removes every entry equal to fn; returns how many were removed. */
  remove_done_callback(fn: DoneCallback<this> | Waker): number {
    const cbs = this._callbacks;
    if (cbs === null) return 0;
    if (!Array.isArray(cbs)) {
      if (cbs !== fn) return 0;
      this._callbacks = null;
      return 1;
    }
    const kept = cbs.filter((c) => c !== fn);
    const removed = cbs.length - kept.length;
    this._callbacks = kept.length === 0 ? null : kept.length === 1 ? kept[0] : kept;
    return removed;
  }

  set_result(result: T): void {
    if (this._state !== "PENDING") throw new InvalidStateError("invalid state");
    this._result = result;
    this._state = "FINISHED";
    this._scheduleCallbacks();
  }

  set_exception(exception: Error | (new () => Error)): void {
    if (this._state !== "PENDING") throw new InvalidStateError("invalid state");
    // An exception class is instantiated without arguments; anything else that is not an
    // exception is CPython's TypeError.
    const isClass = typeof exception === "function" && (exception === Error || exception.prototype instanceof Error);
    const value: unknown = isClass ? new (exception as new () => Error)() : exception;
    if (!(value instanceof Error)) throw new TypeError("invalid exception object");
    let exc: Error = value;
    if (exc instanceof StopIteration) {
      // 3.13 stores a RuntimeError in its place rather than refusing the call.
      const replaced = new RuntimeError("StopIteration interacts badly with generators and cannot be raised into a Future");
      (replaced as { cause?: unknown }).cause = exc;
      exc = replaced;
    }
    this._exception = exc;
    this._exception_tb = saveTraceback(exc);
    this._state = "FINISHED";
    this._scheduleCallbacks();
    this._log_traceback = true;
    this._loop._noteException(this);
  }

  /** A Task can stand in the ready queue for its own done callback (tasks.ts); a Future cannot. */
  _queueDoneCallback(_fn: DoneCallback): boolean {
    return false;
  }

  /** Queues every callback in registration order, behind what is already queued. */
  _scheduleCallbacks(): void {
    const cbs = this._callbacks;
    if (cbs === null) return;
    this._callbacks = null;
    const loop = this._loop;
    if (!Array.isArray(cbs)) {
      if (isWaker(cbs)) cbs._scheduleWakeup(this);
      else loop._callSoonCallback(cbs as DoneCallback, this);
      return;
    }
    for (const cb of cbs) {
      if (isWaker(cb)) cb._scheduleWakeup(this);
      else loop._callSoonCallback(cb as DoneCallback, this);
    }
  }

  [Symbol.iterator](): Generator<Future<T>, T, unknown> {
    return new FutureIter(this) as unknown as Generator<Future<T>, T, unknown>;
  }

  /** The parts of the repr after the class name (CPython's `_future_repr_info`). */
  _reprInfo(): string[] {
    const info = [this._state.toLowerCase()];
    if (this._state === "FINISHED") {
      if (this._exception !== null) info.push(`exception=${repr(this._exception)}`);
      else info.push(`result=${reprlibRepr(this._result)}`);
    }
    const cb = this._formatCallbacks();
    if (cb !== null) info.push(cb);
    return info;
  }

  _formatCallbacks(): string | null {
    const cbs = this._callbacks;
    if (cbs === null) return null;
    const list = Array.isArray(cbs) ? cbs : [cbs];
    const name = (c: CallbackEntry) => (isWaker(c) ? c._wakerName() : formatCallback(c));
    if (list.length === 1) return `cb=[${name(list[0])}]`;
    if (list.length === 2) return `cb=[${name(list[0])}, ${name(list[1])}]`;
    return `cb=[${name(list[0])}, <${list.length - 2} more>, ${name(list[list.length - 1])}]`;
  }

  __repr__(): string {
    return `<${this._className()} ${this._reprInfo().join(" ")}>`;
  }

  toString(): string {
    return repr(this);
  }
}

const DONE_NONE: IteratorResult<never, undefined> = Object.freeze({ value: undefined, done: true });

/** `Future.__await__` as an iterator object: yields the future once, then gives its result. */
class FutureIter<T> {
  _fut: Future<T>;
  _yielded = false;
  constructor(fut: Future<T>) {
    this._fut = fut;
  }
  next(): IteratorResult<Future<T>, T> {
    const fut = this._fut;
    if (fut._state === "PENDING") {
      if (this._yielded) throw new RuntimeError("await wasn't used with future");
      this._yielded = true;
      fut._asyncio_future_blocking = true;
      return { value: fut, done: false };
    }
    const r = fut.result();
    return r === undefined ? (DONE_NONE as IteratorResult<Future<T>, T>) : { value: r, done: true };
  }
  throw(e: unknown): never {
    // Thrown into the coroutine suspended here: its traceback starts at this level.
    noteThrownIn(e);
    throw e;
  }
  return(value: T): IteratorResult<Future<T>, T> {
    return { value, done: true };
  }
  [Symbol.iterator](): this {
    return this;
  }
}

/** `asyncio.isfuture`: an object of the Future protocol. */
export function isfuture(obj: unknown): obj is Future<unknown> {
  return obj instanceof Future;
}

/** Sets the result unless the future was cancelled meanwhile (futures._set_result_unless_cancelled). */
export function _set_result_unless_cancelled<T>(fut: Future<T>, result: T): void {
  if (fut.cancelled()) return;
  fut.set_result(result);
}
