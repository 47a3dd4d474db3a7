/**
 * `asyncio.TaskGroup` (CPython 3.13.0's Lib/asyncio/taskgroups.py, line for line):
 *
 *     yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {   // async with TaskGroup() as tg:
 *       tg.create_task(work(1));                                           //     tg.create_task(work(1))
 *     });
 *
 * Leaving the block waits for every child. The first child that fails (with anything but
 * CancelledError) cancels the other children and the body (the parent task is cancelled, and
 * uncancelled again on the way out); the errors come out together as
 * `ExceptionGroup('unhandled errors in a TaskGroup', [...])`, a `BaseExceptionGroup` when one
 * is not an `Exception`. KeyboardInterrupt and SystemExit are re-raised as they are. A
 * cancellation of the parent from outside propagates as CancelledError, not as a group.
 */
import { BaseException, BaseExceptionGroup, CancelledError, KeyboardInterrupt, RuntimeError, SystemExit, type ChainFields } from "./exceptions.ts";
import { registerBuiltin, registerFunction, type Coro } from "./coroutines.ts";
import { repr, str } from "./format.ts";
import type { Future } from "./futures.ts";
import type { BaseEventLoop } from "./events.ts";
import { getRunningLoop } from "./loopstate.ts";
import { markRaised, noteCaughtByWith, noteRaise } from "./traceback.ts";
import { _close_coroutine, current_task, type Task } from "./tasks.ts";

/** `_is_base_error`: what a TaskGroup re-raises as it is rather than in a group. */
function isBaseError(exc: unknown): exc is Error {
  return exc instanceof SystemExit || exc instanceof KeyboardInterrupt;
}

export class TaskGroup {
  _entered = false;
  _exiting = false;
  _aborting = false;
  _loop: BaseEventLoop | null = null;
  _parent_task: Task<unknown> | null = null;
  _parent_cancel_requested = false;
  _tasks = new Set<Task<unknown>>();
  /** Set to null once the group has been raised (CPython drops its reference to the list). */
  _errors: Error[] | null = [];
  _base_error: Error | null = null;
  _on_completed_fut: Future<unknown> | null = null;
  /**
   * The bound method `self._on_task_done`, made once per group: it is the children's done
   * callback, shown as `cb=[TaskGroup._on_task_done()]` (a bound method has no source place).
   */
  readonly _on_task_done: (task: Task<unknown>) => void;

  constructor() {
    const onTaskDone = (task: Task<unknown>): void => this._onTaskDone(task);
    registerBuiltin(onTaskDone, "TaskGroup._on_task_done");
    this._on_task_done = onTaskDone;
  }

  /** `<TaskGroup tasks=2 errors=1 cancelling>`, `<TaskGroup entered>`, `<TaskGroup>`. */
  __repr__(): string {
    const info = [""];
    if (this._tasks.size > 0) info.push(`tasks=${this._tasks.size}`);
    if (this._errors !== null && this._errors.length > 0) info.push(`errors=${this._errors.length}`);
    if (this._aborting) info.push("cancelling");
    else if (this._entered) info.push("entered");
    return `<TaskGroup${info.join(" ")}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  /** `async with tg:` entering: finds the parent task (the one running the block). */
  *__aenter__(): Coro<TaskGroup> {
    if (this._entered) throw new RuntimeError(`TaskGroup ${repr(this)} has already been entered`);
    if (this._loop === null) this._loop = getRunningLoop();
    this._parent_task = current_task(this._loop);
    if (this._parent_task === null) throw new RuntimeError(`TaskGroup ${repr(this)} cannot determine the parent task`);
    this._entered = true;
    return this;
  }

  /** `async with tg:` leaving, with the error that left the body (null if none): waits for the children. */
  *__aexit__(exc: unknown): Coro<unknown> {
    this._exiting = true;
    const loop = this._loop!;
    const parent = this._parent_task!;
    const raised = exc !== null && exc !== undefined;
    // It reached __aexit__ by being raised in the body: its report has a traceback.
    if (raised) {
      markRaised(exc);
      noteCaughtByWith(exc, parent);
    }
    if (raised && isBaseError(exc) && this._base_error === null) this._base_error = exc;
    let propagateCancellationError: unknown = raised && exc instanceof CancelledError ? exc : null;
    // Our parent task is being cancelled, or the body raised: cancel the children.
    if (raised && !this._aborting) this._abort();

    // A loop, because _on_completed_fut can be cancelled several times if the parent task
    // is cancelled repeatedly (or once while our own cancellation is in progress).
    while (this._tasks.size > 0) {
      if (this._on_completed_fut === null) this._on_completed_fut = loop.create_future();
      try {
        yield* this._on_completed_fut;
      } catch (ex) {
        if (!(ex instanceof CancelledError)) throw ex;
        if (!this._aborting) {
          // The parent is cancelled from outside while the children still run.
          propagateCancellationError = ex;
          this._abort();
        }
      }
      this._on_completed_fut = null;
    }

    // `raise self._base_error`: a re-raise, whose traceback grows by this frame (traceback.ts)
    if (this._base_error !== null) {
      noteRaise(this._base_error);
      throw this._base_error;
    }

    // If we cancelled the parent, we must uncancel it; with no other cancellation pending,
    // CancelledError does not propagate.
    if (this._parent_cancel_requested && parent.uncancel() === 0) propagateCancellationError = null;

    // CancelledError propagates unless there are other errors: those have priority.
    const errors = this._errors!;
    if (propagateCancellationError !== null && errors.length === 0) {
      noteRaise(propagateCancellationError);
      throw propagateCancellationError;
    }

    if (raised && !(exc instanceof CancelledError)) errors.push(exc as Error);

    if (errors.length > 0) {
      // The parent being cancelled from outside: uncancel and re-cancel it, which keeps its
      // count of cancel requests stable.
      if (parent.cancelling()) {
        parent.uncancel();
        parent.cancel();
      }
      try {
        const me = new BaseExceptionGroup("unhandled errors in a TaskGroup", errors as unknown as BaseException[]);
        // `raise me from None`
        const chain = me as ChainFields;
        chain.cause = null;
        chain.__suppress_context__ = true;
        throw me;
      } finally {
        this._errors = null;
      }
    }
    return null;
  }

  /**
   * `tg.create_task(coro, *, name=None, context=None)`: a task of the group, made by the
   * loop's create_task (so through its task factory).
   */
  create_task<T>(coro: Coro<T>, options?: { name?: unknown; context?: unknown }): Task<T> {
    if (!this._entered) {
      _close_coroutine(coro);
      throw new RuntimeError(`TaskGroup ${repr(this)} has not been entered`);
    }
    if (this._exiting && this._tasks.size === 0) {
      _close_coroutine(coro);
      throw new RuntimeError(`TaskGroup ${repr(this)} is finished`);
    }
    if (this._aborting) {
      _close_coroutine(coro);
      throw new RuntimeError(`TaskGroup ${repr(this)} is shutting down`);
    }
    const task = this._loop!.create_task(coro, { name: options?.name ?? null });
    // CPython 3.13.0: a task already done (an eager task that finished in its first step)
    // gets _on_task_done at once and no done callback. 3.13.2 removed this shortcut
    // (gh-128550: an eager child's failure then cancelled the parent too early); we follow
    // 3.13.0, the reference.
    if (task.done()) this._on_task_done(task as Task<unknown>);
    else {
      this._tasks.add(task as Task<unknown>);
      task.add_done_callback(this._on_task_done as (t: Task<T>) => void);
    }
    return task;
  }

  _abort(): void {
    this._aborting = true;
    for (const t of this._tasks) if (!t.done()) t.cancel();
  }

  _onTaskDone(task: Task<unknown>): void {
    this._tasks.delete(task);
    const fut = this._on_completed_fut;
    if (fut !== null && this._tasks.size === 0 && !fut.done()) fut.set_result(true);
    if (task.cancelled()) return;
    const exc = task.exception();
    if (exc === null) return;
    this._errors!.push(exc);
    if (isBaseError(exc) && this._base_error === null) this._base_error = exc;
    const parent = this._parent_task!;
    if (parent.done()) {
      // "Not sure if this case is possible, but we want to handle it anyways." (CPython)
      this._loop!.call_exception_handler({
        message: `Task ${repr(task)} has errored out but its parent task ${str(parent)} is already completed`,
        exception: exc,
        task,
      });
      return;
    }
    if (!this._aborting && !this._parent_cancel_requested) {
      // Cancel the parent to interrupt what the block is awaiting; __aexit__ uncancels it.
      this._abort();
      this._parent_cancel_requested = true;
      parent.cancel();
    }
  }
}

registerFunction(TaskGroup.prototype.__aenter__, "TaskGroup.__aenter__", "asyncio/taskgroups.py", 54);
registerFunction(TaskGroup.prototype.__aexit__, "TaskGroup.__aexit__", "asyncio/taskgroups.py", 68);
