/**
 * asyncio.Task and the functions of CPython's tasks.py: create_task, ensure_future,
 * current_task, all_tasks, sleep, gather, shield, wait, as_completed.
 *
 * A Task drives a coroutine (a generator object) one step at a time: `next()` is
 * `coro.send(None)`, `throw(exc)` is `coro.throw(exc)`. What the coroutine yields decides
 * what happens next, exactly as in CPython's `Task.__step` (asyncio-semantics.md §3.3).
 */
import {
  AttributeError,
  CancelledError,
  Deadlock,
  StopAsyncIteration,
  InvalidStateError,
  KeyboardInterrupt,
  RuntimeError,
  SystemExit,
  TimeoutError,
  TypeError,
  ValueError,
  sourceClassName,
  truth,
} from "./exceptions.ts";
import {
  CODE,
  HANDED_OFF,
  NativeCoroutine,
  formatCallback,
  coroName,
  codeOf,
  isAsyncFunction,
  isGeneratorObject,
  iscoroutine,
  registerBuiltin,
  registerFunction,
  tracking,
  type CodeInfo,
  type Coro,
} from "./coroutines.ts";
import { repr, reprString, str } from "./format.ts";
import { Future, _set_result_unless_cancelled, isfuture, type Waker } from "./futures.ts";
import { BaseEventLoop, Handle, taskHooks, type ReadyEntry, type TimerHandle } from "./events.ts";
import { emit, listener, type LifecycleEventBody } from "./instrument.ts";
import { getEventLoop, getRunningLoop, io, loops } from "./loopstate.ts";
import { noteLeft, noteRaisedInUnstarted, noteThrownIn, parseStack, prependFrames } from "./traceback.ts";
import { DEFINED_AT, HANDLE_RUN, SUSPENDED_AT } from "./pysource.ts";
import { compare, iterable, typeName } from "./operator.ts";

/** The process-wide `Task-N` counter (one per program, as one per CPython process). */
let taskCounter = 0;

// What the runtime knows of a coroutine's frame (JavaScript exposes none).
const CORO_CREATED = 0;
const CORO_SUSPENDED = 1;
const CORO_RUNNING = 2;
const CORO_CLOSED = 3;
type CoroState = typeof CORO_CREATED | typeof CORO_SUSPENDED | typeof CORO_RUNNING | typeof CORO_CLOSED;

/**
 * Marks a coroutine that a task drove to its end, so that a second task made from it shows
 * `done, defined at` and fails with "cannot reuse already awaited coroutine" (a finished
 * generator would silently return instead).
 */
const FINISHED_CORO: unique symbol = Symbol("asyncio.finished");
type MaybeFinished = { [FINISHED_CORO]?: true };

/**
 * What `_coro` holds once an eager task finished in its first step: CPython clears the
 * reference then (`self._coro = None`), so `get_coro()` gives None and the repr has no
 * `coro=<...>`.
 */
const RELEASED_CORO = Object.freeze({ released: true });

/** The task whose eager first step is running (its `step-begin` says so), or null. */
let eagerStepTask: Task<unknown> | null = null;

/**
 * A hint appended to CPython's TypeError when a JavaScript idiom with no Python counterpart
 * was used by mistake (a Promise, an async function). A function passed where a coroutine
 * was expected (`create_task(greet)`) has a Python twin, whose message is CPython's exact
 * text: nothing is added to it (issue 10).
 */
export function misuseHint(x: unknown): string {
  if (x !== null && typeof x === "object" && typeof (x as { then?: unknown }).then === "function") {
    return " (a Promise cannot be driven by the runtime: write `function*` instead of `async function`, and `yield*` instead of `await`)";
  }
  if (isAsyncFunction(x)) {
    return " (an async function cannot be driven by the runtime: write `function*` instead of `async function`, and `yield*` instead of `await`)";
  }
  return "";
}

function coroutineExpected(x: unknown): TypeError {
  return new TypeError(`a coroutine was expected, got ${repr(x)}` + misuseHint(x));
}

export class Task<T = unknown> extends Future<T> implements ReadyEntry, Waker {
  _coro: Coro<T>;
  /** The name, or the number N while it is the default `Task-N` (the string is made on demand, as CPython 3.13 does). */
  _name: string | number;
  _must_cancel = false;
  _fut_waiter: Future<unknown> | null = null;
  _num_cancels_requested = 0;
  _coroState: CoroState = CORO_CREATED;
  /** True while this task sits in the ready queue as its own entry. */
  _queued = false;
  /**
   * What the queued entry does (one field, to keep 100,000 tasks small): a Future → its wake-up
   * (`task_wakeup(fut)`); a function, once the task is done → that done callback (the task
   * stands in the ready queue instead of a Handle); anything else → a step that throws it in
   * (undefined: a step that sends None).
   */
  _pending: unknown = undefined;
  /**
   * The trampoline's stack (see coroutines.ts `tracking`): the coroutines handed off above
   * `_coro`, innermost last; null until the first hand-off.
   */
  _stack: Coro[] | null = null;
  /** For each entry of `_stack`, the reader's line in the level below where it handed off. */
  _handLines: number[] | null = null;
  /**
   * The reader's line where the task's innermost reader code is suspended (0: unknown); before
   * the first step, the line of the coroutine function's declaration. Tracked by the bundling
   * step's marks (src/bundle/lines.ts), never by capturing a stack.
   */
  _line = 0;
  /** Neighbours in the loop's list of not-done tasks (see BaseEventLoop._firstTask). */
  _prevTask: Task<unknown> | null = null;
  _nextTask: Task<unknown> | null = null;

  /**
   * `asyncio.Task(coro, *, loop=None, name=None, context=None, eager_start=False)`. With
   * `eager_start` and a running loop, the first step runs here, before the constructor returns
   * (Task.__eager_start): the task is never scheduled for it.
   */
  constructor(coro: Coro<T>, options?: { loop?: BaseEventLoop | null; name?: unknown; context?: unknown; eager_start?: unknown }) {
    super({ loop: options?.loop ?? null });
    if (!iscoroutine(coro)) throw coroutineExpected(coro);
    const name = options?.name;
    this._name = name === null || name === undefined ? ++taskCounter : str(name);
    this._coro = coro;
    if ((coro as MaybeFinished)[FINISHED_CORO]) this._coroState = CORO_CLOSED;
    const code = codeOf(coro);
    if (code !== undefined && code.file !== "" && code.file === tracking.readerFile) this._line = code.line;
    const loop = this._loop;
    let eager = false;
    if (truth(options?.eager_start)) {
      // CPython 3.13.0's C Task asks the `loop` *argument* whether it runs, not the task's
      // loop: without `loop=` the call fails, the task neither scheduled nor registered (its
      // number is used up). Followed here as the reference does it.
      const given = options?.loop;
      if (given === null || given === undefined) throw new AttributeError("'NoneType' object has no attribute 'is_running'");
      eager = given.is_running();
    }
    const last = loop._lastTask;
    this._prevTask = last;
    if (last === null) loop._firstTask = this as Task<unknown>;
    else last._nextTask = this as Task<unknown>;
    loop._lastTask = this as Task<unknown>;
    if (listener !== null) {
      emit({ type: "task-created", task: this._id, name: this.get_name(), coro: coroName(coro), repr: repr(this) }, loop._time(), loop._iteration);
    }
    if (eager) this._eagerStart();
    else this._queueStep(undefined, "created");
  }

  /**
   * `Task.__eager_start` (3.12+): the first step runs at once, with this task as
   * `current_task()` (swapped in, not entered: the creating task is running), and the
   * creator's current task restored after. A task done after it drops its coroutine.
   */
  _eagerStart(): void {
    const loop = this._loop;
    const prev = loop._current_task;
    loop._current_task = this as Task<unknown>;
    const prevEager = eagerStepTask;
    eagerStepTask = this as Task<unknown>;
    try {
      // task_step_impl, without _enter_task/_leave_task
      let exc: unknown = undefined;
      if (this._must_cancel) {
        exc = this._make_cancelled_error();
        this._must_cancel = false;
      }
      this._fut_waiter = null;
      this._stepRun(exc);
    } finally {
      eagerStepTask = prevEager;
      loop._current_task = prev;
      if (this._state !== "PENDING") this._coro = RELEASED_CORO as unknown as Coro<T>;
    }
  }

  override _className(): string {
    return sourceClassName(this.constructor);
  }

  // ------------------------------------------------------------ public API

  get_name(): string {
    const name = this._name;
    return typeof name === "string" ? name : (this._name = `Task-${name}`);
  }

  set_name(value: unknown): void {
    this._name = str(value);
    if (listener !== null) emit({ type: "task-renamed", task: this._id, name: this._name }, this._loop._time(), this._loop._iteration);
  }

  get_coro(): Coro<T> | null {
    const coro = this._coro;
    return (coro as unknown) === RELEASED_CORO ? null : coro;
  }

  get_context(): null {
    return null;
  }

  /** Frames of a suspended coroutine are not visible in JavaScript: an empty list. */
  get_stack(): unknown[] {
    return [];
  }

  cancelling(): number {
    return this._num_cancels_requested;
  }

  uncancel(): number {
    if (this._num_cancels_requested > 0) {
      this._num_cancels_requested -= 1;
      // 3.13: reaching 0 also withdraws a cancel that has not been delivered yet.
      if (this._num_cancels_requested === 0) this._must_cancel = false;
    }
    return this._num_cancels_requested;
  }

  override cancel(msg: unknown = null): boolean {
    this._log_traceback = false;
    if (this._state !== "PENDING") return false;
    this._num_cancels_requested += 1;
    if (listener !== null) {
      emit({ type: "cancel-requested", task: this._id, msg: msg === null || msg === undefined ? null : str(msg), cancelling: this._num_cancels_requested }, this._loop._time(), this._loop._iteration);
    }
    // Forwarded to what the task awaits; the first message wins in that case.
    if (this._fut_waiter !== null && this._fut_waiter.cancel(msg)) return true;
    this._must_cancel = true;
    this._cancel_message = msg;
    return true;
  }

  override set_result(_result: T): never {
    throw new RuntimeError("Task does not support set_result operation");
  }

  override set_exception(_exception: Error | (new () => Error)): never {
    throw new RuntimeError("Task does not support set_exception operation");
  }

  // ------------------------------------------------------------ scheduling

  /** Queues a step (call_soon(self.__step)): the task itself is the ready-queue entry. */
  _queueStep(exc: unknown, reason: "created" | "yield" | "wakeup"): void {
    const loop = this._loop;
    if (this._queued) {
      // Already queued (a rare double schedule): fall back to a Handle, as CPython would; the
      // instrumentation sees it as that Handle (callback-queued `Task.task_step()`).
      loop._callSoon(taskStep, [this, exc], null);
      return;
    }
    this._queued = true;
    this._pending = exc;
    loop._pushReady(this);
    if (listener !== null) emit({ type: "step-scheduled", task: this._id, reason }, loop._time(), loop._iteration);
  }

  /** Waker: the awaited future is done; queue `task_wakeup(fut)`. */
  _scheduleWakeup(fut: Future<unknown>): void {
    const loop = this._loop;
    if (this._queued) {
      loop._callSoon(taskWakeup, [this, fut], fut);
      return;
    }
    this._queued = true;
    this._pending = fut;
    loop._pushReady(this);
    if (listener !== null) emit({ type: "step-scheduled", task: this._id, reason: "wakeup" }, loop._time(), loop._iteration);
  }

  _wakerName(): string {
    return "Task.task_wakeup()";
  }

  /** Run as a ready-queue entry. */
  _run(): void {
    this._queued = false;
    const pending = this._pending;
    this._pending = undefined;
    if (pending instanceof Future) this._wakeup(pending);
    else if (typeof pending === "function" && this._state !== "PENDING") this._runDoneCallback(pending as (fut: Future<unknown>) => unknown);
    else this._step(pending);
  }

  /** Queues one done callback with the task itself as the ready entry; false if it is busy. */
  override _queueDoneCallback(fn: (fut: Future<unknown>) => unknown): boolean {
    if (this._queued) return false;
    this._queued = true;
    this._pending = fn;
    const loop = this._loop;
    loop._pushReady(this);
    if (listener !== null) {
      // The task's id stands for the Handle CPython would have made (ids are one sequence).
      emit({ type: "callback-queued", handle: this._id, callback: formatCallback(fn), future: this._id }, loop._time(), loop._iteration);
    }
    return true;
  }

  _runDoneCallback(fn: (fut: Future<unknown>) => unknown): void {
    const loop = this._loop;
    if (listener !== null) emit({ type: "callback-run", handle: this._id, callback: formatCallback(fn) }, loop._time(), loop._iteration);
    try {
      fn(this as Future<unknown>);
    } catch (e) {
      if (e instanceof KeyboardInterrupt || e instanceof SystemExit || e instanceof Deadlock) throw e;
      noteLeft(e, codeOf(fn));
      prependFrames(e, [HANDLE_RUN]);
      // What CPython logs for the Handle it would have run.
      const handle = new Handle(fn, [this], loop);
      loop.call_exception_handler({ message: `Exception in callback ${formatCallback(fn)}`, exception: e, handle });
    }
  }

  /** `task_wakeup`: re-enter the coroutine, throwing what the future raised, if anything. */
  _wakeup(fut: Future<unknown>): void {
    if (listener !== null) emit({ type: "task-woken", task: this._id, by: fut._id }, this._loop._time(), this._loop._iteration);
    if (fut._state === "FINISHED" && fut._exception === null) {
      this._step(undefined);
      return;
    }
    // CPython: `future.result()` raises, and the exception is thrown into the coroutine. Taken
    // without result() here, which would count this as a re-raise in the runtime's own frames.
    let exc: unknown;
    if (fut._state === "CANCELLED") exc = fut._make_cancelled_error();
    else {
      fut._log_traceback = false;
      exc = fut._takeException();
    }
    this._step(exc);
  }

  /** `Task.__step(exc)`: one step of the coroutine (asyncio-semantics.md §3.3). */
  _step(exc: unknown): void {
    if (this._state !== "PENDING") {
      throw new InvalidStateError(`_step(): already done: ${repr(this)}, ${repr(exc ?? null)}`);
    }
    if (this._must_cancel) {
      if (!(exc instanceof CancelledError)) exc = this._make_cancelled_error();
      this._must_cancel = false;
    }
    this._fut_waiter = null;
    const loop = this._loop;
    if (loop._current_task !== null) {
      throw new RuntimeError(`Cannot enter into task ${repr(this)} while another task ${repr(loop._current_task)} is being executed.`);
    }
    loop._current_task = this as Task<unknown>;
    try {
      this._stepRun(exc);
    } finally {
      loop._current_task = null;
    }
  }

  _stepRun(exc: unknown): void {
    const coro = this._coro;
    const firstStep = this._coroState === CORO_CREATED;
    const loop = this._loop;
    if (listener !== null) {
      const body: LifecycleEventBody = { type: "step-begin", task: this._id, throwing: exc instanceof CancelledError ? "CancelledError" : null, firstStep };
      if (this._line > 0) body.line = this._line;
      // An eager first step runs inside another step (or callback), never scheduled.
      if (eagerStepTask === this) body.eager = true;
      emit(body, loop._time(), loop._iteration);
    }
    let r: IteratorResult<unknown, T>;
    const t = tracking;
    // Saved and restored: a step may run inside another task's (an eager task's first step).
    const driving = t.driving;
    const outerLine = t.line;
    t.driving = true;
    t.line = this._line;
    try {
      if (this._coroState === CORO_CLOSED) throw new RuntimeError("cannot reuse already awaited coroutine");
      this._coroState = CORO_RUNNING;
      r = this.__trampoline__(exc);
    } catch (e) {
      // Thrown into a coroutine that never started: CPython raises it in the coroutine's frame,
      // at its `def` line.
      if (firstStep && e === exc) noteRaisedInUnstarted(e, codeOf(coro));
      noteLeft(e, codeOf(coro));
      this._coroState = CORO_CLOSED;
      (coro as MaybeFinished)[FINISHED_CORO] = true;
      // The body ran unless the error was thrown into a coroutine that had not started.
      const bodyRan = !(firstStep && e === exc);
      t.driving = driving;
      t.line = outerLine;
      if (e instanceof CancelledError) {
        this._cancelled_exc = e;
        Future.prototype.cancel.call(this);
        this._finished("cancelled", bodyRan);
      } else {
        Future.prototype.set_exception.call(this, e as Error);
        this._finished("exception", bodyRan);
        if (e instanceof KeyboardInterrupt || e instanceof SystemExit) throw e;
      }
      return;
    }
    t.driving = driving;
    const line = t.line;
    t.line = outerLine;
    if (r.done) {
      this._coroState = CORO_CLOSED;
      (coro as MaybeFinished)[FINISHED_CORO] = true;
      if (this._must_cancel) {
        // The task cancelled itself and returned without awaiting: it still ends cancelled.
        this._must_cancel = false;
        Future.prototype.cancel.call(this, this._cancel_message);
        this._finished("cancelled", true);
      } else {
        Future.prototype.set_result.call(this, r.value);
        this._finished("result", true);
      }
      return;
    }
    this._coroState = CORO_SUSPENDED;
    this._line = line;
    const y = r.value;
    if (y === undefined || y === null) {
      // A bare yield (what sleep(0) does): go to the back of the queue once.
      if (listener !== null) this._emitStepEnd("yielded");
      this._queueStep(undefined, "yield");
      return;
    }
    if (y instanceof Future) {
      if (y._loop !== loop) {
        this._yieldedBadly(new RuntimeError(`Task ${repr(this)} got Future ${repr(y)} attached to a different loop`));
      } else if (y._asyncio_future_blocking) {
        if (y === this) {
          this._yieldedBadly(new RuntimeError(`Task cannot await on itself: ${repr(this)}`));
        } else {
          y._asyncio_future_blocking = false;
          y._addWaker(this);
          this._fut_waiter = y;
          if (listener !== null) {
            this._emitStepEnd("suspended");
            const body: LifecycleEventBody = { type: "task-suspended", task: this._id, on: y._id, onRepr: repr(y), repr: repr(this) };
            if (this._line > 0) body.line = this._line;
            emit(body, loop._time(), loop._iteration);
          }
          if (this._must_cancel && y.cancel(this._cancel_message)) this._must_cancel = false;
        }
      } else {
        this._yieldedBadly(new RuntimeError(`yield was used instead of yield from in task ${repr(this)} with ${repr(y)}`));
      }
    } else if (isGeneratorObject(y)) {
      this._yieldedBadly(new RuntimeError(`yield was used instead of yield from for generator in task ${repr(this)} with ${repr(y)}`));
    } else {
      this._yieldedBadly(new RuntimeError(`Task got bad yield: ${repr(y)}` + misuseHint(y)));
    }
  }

  /**
   * The trampoline: resumes the innermost coroutine of the task's stack (sending None, or
   * throwing exc), takes hand-offs (pushes the coroutine handed off and starts it), and
   * passes a coroutine's return value or exception to the one below, until the innermost
   * coroutine suspends (its yield is returned) or `_coro` itself returns or raises. Its name
   * is how tracebacks find it on the JavaScript stack (traceback.ts).
   */
  __trampoline__(exc: unknown): IteratorResult<unknown, T> {
    const t = tracking;
    let stack = this._stack;
    let g: Coro = stack === null || stack.length === 0 ? this._coro : stack[stack.length - 1]!;
    let throwing = exc !== undefined;
    let value = exc;
    for (;;) {
      let r: IteratorResult<unknown, unknown>;
      try {
        r = throwing ? g.throw(value) : g.next(value);
      } catch (e) {
        if (stack === null || stack.length === 0) throw e;
        stack.pop();
        t.line = this._handLines!.pop()!;
        g = stack.length === 0 ? this._coro : stack[stack.length - 1]!;
        throwing = true;
        value = e;
        continue;
      }
      if (r.done) {
        if (stack === null || stack.length === 0) return r as IteratorResult<unknown, T>;
        stack.pop();
        t.line = this._handLines!.pop()!;
        g = stack.length === 0 ? this._coro : stack[stack.length - 1]!;
        throwing = false;
        value = r.value;
        continue;
      }
      if (r.value === HANDED_OFF && t.handed !== null) {
        if (stack === null) {
          stack = this._stack = [];
          this._handLines = [];
        }
        g = t.handed;
        t.handed = null;
        stack.push(g);
        this._handLines!.push(t.line);
        throwing = false;
        value = undefined;
        continue;
      }
      return r as IteratorResult<unknown, T>;
    }
  }

  _emitStepEnd(outcome: "suspended" | "yielded"): void {
    const body: LifecycleEventBody = { type: "step-end", task: this._id, outcome, bodyRan: true };
    if (this._line > 0) body.line = this._line;
    emit(body, this._loop._time(), this._loop._iteration);
  }

  /** The coroutine yielded something a task cannot wait on: the error is thrown in next step. */
  _yieldedBadly(err: RuntimeError): void {
    if (listener !== null) this._emitStepEnd("yielded");
    this._queueStep(err, "yield");
  }

  _finished(outcome: "result" | "exception" | "cancelled", bodyRan: boolean): void {
    const loop = this._loop;
    const prev = this._prevTask;
    const next = this._nextTask;
    if (prev === null) loop._firstTask = next;
    else prev._nextTask = next;
    if (next === null) loop._lastTask = prev;
    else next._prevTask = prev;
    this._prevTask = this._nextTask = null;
    if (listener !== null) {
      const detail =
        outcome === "result" ? repr(this._result) : outcome === "exception" ? repr(this._exception) : str(this._cancelled_exc ?? this._cancel_message ?? "");
      emit({ type: "step-end", task: this._id, outcome: "done", bodyRan }, loop._time(), loop._iteration);
      emit({ type: "task-done", task: this._id, outcome, detail, repr: repr(this) }, loop._time(), loop._iteration);
    }
  }

  // ------------------------------------------------------------ repr

  /** `coroutines._format_coroutine`: `work() running at main.ts:7` or `work() done, defined at main.ts:4`. */
  _formatCoro(): string {
    const info: CodeInfo | undefined = codeOf(this._coro);
    const name = info ? info.name : "<coroutine>";
    const place = info && info.file ? `${info.file}:${info.line}` : null;
    if (this._coroState === CORO_CLOSED) return place ? `${name}() done, defined at ${place}` : `${name}() done`;
    if (place === null) return `${name}() running`;
    // asyncio's own coroutines (sleep) know the line of CPython's source they stand at.
    const pyLine = (this._coro as { _pyLine?: () => number })._pyLine;
    if (typeof pyLine === "function") return `${name}() running at ${info!.file}:${pyLine.call(this._coro)}`;
    return `${name}() running at ${info!.file}:${this._outerLine() || info!.line}`;
  }

  /**
   * The line CPython shows for the task's own coroutine (`cr_frame.f_lineno`): where it
   * handed off to the coroutines above it, or where it is suspended; from inside its own
   * step, the line running now (the `print(...)` printing this repr, else, with a source
   * map, the frame's position). 0 when unknown (the `def` line is shown then).
   */
  _outerLine(): number {
    if (codeOf(this._coro)?.file !== tracking.readerFile) return 0;
    const stack = this._stack;
    if (stack !== null && stack.length > 0) return this._handLines![0]!;
    if (this._coroState !== CORO_RUNNING) return this._line;
    if (tracking.printLine > 0) return tracking.printLine;
    return currentLine() ?? tracking.line;
  }

  override _reprInfo(): string[] {
    const info = super._reprInfo();
    if (this._state === "PENDING" && this._num_cancels_requested > 0) info[0] = "cancelling";
    // An eager task that finished in its first step has no coroutine left to show.
    if ((this._coro as unknown) === RELEASED_CORO) info.splice(1, 0, `name=${reprString(this.get_name())}`);
    else info.splice(1, 0, `name=${reprString(this.get_name())}`, `coro=<${this._formatCoro()}>`);
    if (this._fut_waiter !== null) info.splice(3, 0, `wait_for=${repr(this._fut_waiter)}`);
    return info;
  }
}

/**
 * The reader's line in the running task's own coroutine, from a stack captured now (only a
 * repr of the running task asks, outside print): with an empty trampoline stack that
 * coroutine's frame is the one the trampoline called.
 */
function currentLine(): number | null {
  const mapper = io.mapPosition;
  if (mapper === null) return null;
  const site = new Error();
  if (typeof site.stack !== "string") return null;
  const frames = parseStack(site.stack);
  const step = frames.findIndex((f) => /(^|\.)__trampoline__$/.test(f.name));
  if (step <= 0) return null;
  const f = frames[step - 1];
  // A frame of the runtime's own module (the page's, the CLI's): not the reader's code.
  if (io.bundleUrl !== null && f.url !== io.bundleUrl) return null;
  const pos = mapper(f.line, f.column - 1);
  if (!pos || pos.line === null || pos.source === null || /(^|[/:])asyncio[/:]/.test(pos.source)) return null;
  return pos.line;
}

/** A step queued through a Handle (when the task is already in the queue). */
function taskStep(task: Task<unknown>, exc: unknown): void {
  task._step(exc);
}
function taskWakeup(task: Task<unknown>, fut: Future<unknown>): void {
  task._wakeup(fut);
}
registerBuiltin(taskStep, "Task.task_step");
registerBuiltin(taskWakeup, "Task.task_wakeup");

taskHooks.create = (loop, coro, name) => new Task(coro, { loop, name });

// ---------------------------------------------------------------- eager tasks (3.12+)

/** `factory(loop, coro, **kwargs)`, what `loop.set_task_factory()` takes. */
export type TaskFactory = <T>(loop: BaseEventLoop, coro: Coro<T>, options?: { name?: unknown; context?: unknown }) => Task<T>;

/**
 * `asyncio.create_eager_task_factory(custom_task_constructor)`: a task factory whose tasks
 * start eagerly (`custom_task_constructor(coro, loop=loop, name=name, context=context,
 * eager_start=True)`).
 */
export function create_eager_task_factory(custom_task_constructor: typeof Task): TaskFactory {
  const factory = <T>(loop: BaseEventLoop, coro: Coro<T>, options?: { name?: unknown; context?: unknown }): Task<T> =>
    new custom_task_constructor<T>(coro, { loop, name: options?.name ?? null, context: options?.context ?? null, eager_start: true });
  registerFunction(factory, "create_eager_task_factory.<locals>.factory", "asyncio/tasks.py", 1026);
  return factory;
}

/** `asyncio.eager_task_factory`: `loop.set_task_factory(asyncio.eager_task_factory)` makes every new task eager. */
export const eager_task_factory: TaskFactory = create_eager_task_factory(Task);
taskHooks.ensureFuture = (x, loop) => ensure_future(x as Coro, { loop });
/** The loop's not-done tasks, in creation order. */
function pendingTasks(loop: BaseEventLoop): Task<unknown>[] {
  const out: Task<unknown>[] = [];
  for (let t = loop._firstTask; t !== null; t = t._nextTask) out.push(t);
  return out;
}
taskHooks.pendingTasks = pendingTasks;

// ---------------------------------------------------------------- creating and finding tasks

/**
 * `coro.close()` on a coroutine that will not run (TaskGroup.create_task refusing it): like
 * CPython's closed coroutine, a task made from it later fails with "cannot reuse already
 * awaited coroutine".
 */
export function _close_coroutine(coro: unknown): void {
  if (!iscoroutine(coro)) return;
  (coro as MaybeFinished)[FINISHED_CORO] = true;
  coro.return(undefined);
}

/** `asyncio.create_task(coro, *, name=None)`: needs a running loop. */
export function create_task<T>(coro: Coro<T>, options?: { name?: unknown }): Task<T> {
  const loop = getRunningLoop();
  return loop.create_task(coro, options);
}

/** A Future or Task comes back as it is; a coroutine is wrapped in a new Task. */
export function ensure_future<F extends Future<unknown>>(coro_or_future: F, options?: { loop?: BaseEventLoop | null }): F;
export function ensure_future<T>(coro_or_future: Coro<T>, options?: { loop?: BaseEventLoop | null }): Task<T>;
export function ensure_future<T>(coro_or_future: Coro<T> | Future<T>, options?: { loop?: BaseEventLoop | null }): Future<T>;
export function ensure_future<T>(coro_or_future: Coro<T> | Future<T>, options?: { loop?: BaseEventLoop | null }): Future<T> {
  const loop = options?.loop ?? null;
  if (isfuture(coro_or_future)) {
    if (loop !== null && loop !== coro_or_future._loop) {
      throw new ValueError("The future belongs to a different loop than the one specified as the loop argument");
    }
    return coro_or_future as Future<T>;
  }
  if (iscoroutine(coro_or_future)) return (loop ?? getEventLoop()).create_task(coro_or_future as Coro<T>);
  throw new TypeError("An asyncio.Future, a coroutine or an awaitable is required" + misuseHint(coro_or_future));
}

/** The task whose step is running, or null (in a plain callback). */
export function current_task(loop?: BaseEventLoop | null): Task<unknown> | null {
  const l = loop ?? getRunningLoop();
  // CPython looks the loop up in a dict: anything that is not a loop has no current task.
  return l instanceof BaseEventLoop ? l._current_task : null;
}

/** The loop's tasks that are not done. */
export function all_tasks(loop?: BaseEventLoop | null): Set<Task<unknown>> {
  const l = loop ?? getRunningLoop();
  // CPython keeps the tasks whose loop `is loop`: none for what is not a loop.
  return new Set(l instanceof BaseEventLoop ? pendingTasks(l) : []);
}

// ---------------------------------------------------------------- sleep

const YIELD_NONE: IteratorResult<undefined, never> = Object.freeze({ value: undefined, done: false });
const RETURN_NONE: IteratorResult<never, undefined> = Object.freeze({ value: undefined, done: true });

/**
 * `sleep(0)`: one bare yield, as a small iterator object rather than a generator (it is the
 * hottest path of a busy program).
 */
class SleepZero<R> extends NativeCoroutine<R> {
  _result: R;
  _state = 0;
  constructor(result: R) {
    super();
    this._result = result;
  }
  next(): IteratorResult<unknown, R> {
    if (this._state === 0) {
      this._state = 1;
      return YIELD_NONE;
    }
    if (this._state === 2) return RETURN_NONE as IteratorResult<unknown, R>;
    this._state = 2;
    const r = this._result;
    return r === undefined ? (RETURN_NONE as IteratorResult<unknown, R>) : { value: r, done: true };
  }
  override throw(e: unknown): never {
    this._state = 2;
    noteThrownIn(e);
    throw e;
  }
  return(value: R): IteratorResult<unknown, R> {
    this._state = 2;
    return { value, done: true };
  }
  /** CPython's line: the `def` before the first step, then `await __sleep0()`. */
  _pyLine(): number {
    return this._state === 0 ? DEFINED_AT["tasks.sleep"] : SUSPENDED_AT["tasks.sleep.zero"];
  }
}

/**
 * `sleep(delay > 0)`: a future completed by `call_later`, awaited; the timer is cancelled on the
 * way out whatever happens (CPython's `try: return await future finally: h.cancel()`). Written
 * as a small iterator object for the same reason as SleepZero.
 */
class SleepFor<R> extends NativeCoroutine<R> {
  _delay: number;
  _result: R;
  _fut: Future<R> | null = null;
  _handle: TimerHandle | null = null;
  constructor(delay: number, result: R) {
    super();
    this._delay = delay;
    this._result = result;
  }
  next(): IteratorResult<unknown, R> {
    const fut = this._fut;
    if (fut === null) {
      const loop = getRunningLoop();
      const f = loop.create_future<R>();
      this._fut = f;
      this._handle = loop.call_later(this._delay, _set_result_unless_cancelled, f, this._result);
      f._asyncio_future_blocking = true;
      return { value: f, done: false };
    }
    this._close();
    const r = fut.result();
    return r === undefined ? (RETURN_NONE as IteratorResult<unknown, R>) : { value: r, done: true };
  }
  override throw(e: unknown): never {
    this._close();
    noteThrownIn(e);
    throw e;
  }
  return(value: R): IteratorResult<unknown, R> {
    this._close();
    return { value, done: true };
  }
  /** CPython's line: the `def` before the first step, then `return await future`. */
  _pyLine(): number {
    return this._fut === null ? DEFINED_AT["tasks.sleep"] : SUSPENDED_AT["tasks.sleep"];
  }
  _close(): void {
    const h = this._handle;
    if (h !== null) {
      this._handle = null;
      h.cancel();
    }
  }
}


registerFunction(_set_result_unless_cancelled, "_set_result_unless_cancelled", "asyncio/futures.py", DEFINED_AT["futures._set_result_unless_cancelled"]);

/**
 * `sleep(delay)` with a delay CPython's coroutine refuses: `if delay <= 0:` raises TypeError
 * for what does not compare with 0, `math.isnan(delay)` ValueError. As in CPython, it raises
 * when awaited (the coroutine's first step), not when sleep() is called.
 */
class SleepRefused extends NativeCoroutine<never> {
  _delay: unknown;
  constructor(delay: unknown) {
    super();
    this._delay = delay;
  }
  next(): never {
    const delay = this._delay;
    if (typeof delay === "number" && Number.isNaN(delay)) throw new ValueError("Invalid delay: NaN (not a number)");
    compare("<=", delay, 0);
    throw new ValueError("Invalid delay"); // not reached: compare() raised
  }
  return(value: never): IteratorResult<unknown, never> {
    return { value, done: true };
  }
  /** Never started: CPython shows the `def` line. */
  _pyLine(): number {
    return DEFINED_AT["tasks.sleep"];
  }
}

/** `asyncio.sleep(delay, result=None)`: delay <= 0 yields once; otherwise waits on a timer. */
export function sleep(delay: number): Coro<void>;
export function sleep<R>(delay: number, result: R): Coro<R>;
export function sleep<R>(delay: number, result?: R): Coro<R | undefined> {
  if ((typeof delay !== "number" && typeof delay !== "boolean") || Number.isNaN(delay)) return new SleepRefused(delay).asCoro();
  if (delay <= 0) return new SleepZero(result).asCoro();
  return new SleepFor(Number(delay), result).asCoro();
}

const SLEEP_INFO: CodeInfo = { name: "sleep", file: "asyncio/tasks.py", line: DEFINED_AT["tasks.sleep"], builtin: false };
Object.defineProperty(SleepZero.prototype, CODE, { value: SLEEP_INFO });
Object.defineProperty(SleepFor.prototype, CODE, { value: SLEEP_INFO });
Object.defineProperty(SleepRefused.prototype, CODE, { value: SLEEP_INFO });

// ---------------------------------------------------------------- gather

/** The Future that gather() returns: cancelling it cancels the children. */
export class _GatheringFuture<T = unknown> extends Future<T> {
  _children: Future<unknown>[];
  _cancel_requested = false;

  constructor(children: Future<unknown>[], loop: BaseEventLoop) {
    super({ loop });
    this._children = children;
  }

  override _className(): string {
    return "_GatheringFuture";
  }

  override cancel(msg: unknown = null): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const child of this._children) if (child.cancel(msg)) ret = true;
    // The outer future ends with a CancelledError *exception* once the children are done.
    if (ret) this._cancel_requested = true;
    return ret;
  }
}

function isOptions(x: unknown, keys: readonly string[]): x is Record<string, unknown> {
  if (x === null || typeof x !== "object" || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return false;
  const own = Object.keys(x);
  return own.length > 0 && own.every((k) => keys.includes(k));
}

/** `asyncio.gather(*aws, return_exceptions=False)`; options go last: `{ return_exceptions: true }`. */
export function gather(...args: unknown[]): Future<unknown[]> {
  let returnExceptions = false;
  if (args.length > 0 && isOptions(args[args.length - 1], ["return_exceptions"])) {
    returnExceptions = truth((args.pop() as { return_exceptions?: unknown }).return_exceptions);
  }
  if (args.length === 0) {
    const outer = getEventLoop().create_future<unknown[]>();
    outer.set_result([]);
    return outer;
  }
  const children: Future<unknown>[] = [];
  const doneFuts: Future<unknown>[] = [];
  let loop: BaseEventLoop | null = null;
  let outer: _GatheringFuture<unknown[]> | null = null;
  let nfuts = 0;
  let nfinished = 0;

  const _done_callback = (fut: Future<unknown>): void => {
    nfinished += 1;
    if (outer === null || outer.done()) {
      if (!fut.cancelled()) fut.exception(); // mark the exception retrieved
      return;
    }
    if (!returnExceptions) {
      if (fut.cancelled()) {
        outer.set_exception(fut._make_cancelled_error());
        return;
      }
      const exc = fut.exception();
      if (exc !== null) {
        outer.set_exception(exc);
        return;
      }
    }
    if (nfinished === nfuts) {
      const results: unknown[] = new Array(children.length);
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (child._state === "CANCELLED") {
          // CPython: CancelledError('' if fut._cancel_message is None else fut._cancel_message)
          const m = child._cancel_message;
          results[i] = new CancelledError(m === null || m === undefined ? "" : m);
        } else {
          const exc = child.exception();
          results[i] = exc !== null ? exc : child._result;
        }
      }
      // CPython's `for fut in children:` above rebinds `fut`, so the error is made from the
      // *last* child, not the one that just finished: usually a bare CancelledError().
      if (outer._cancel_requested) outer.set_exception(children[children.length - 1]._make_cancelled_error());
      else outer.set_result(results);
    }
  };
  registerFunction(_done_callback, "gather.<locals>._done_callback", "asyncio/tasks.py", DEFINED_AT["tasks.gather.<locals>._done_callback"]);

  // Each distinct argument is run once (CPython keys a dict by argument). A pending future
  // seen before already carries this gather's callback, and a done one is in doneFuts, so
  // only coroutines need a map: no hash entry per child in the common case.
  let coroToFut: Map<unknown, Future<unknown>> | null = null;
  let doneSeen: Set<Future<unknown>> | null = null;
  for (const arg of args) {
    let fut: Future<unknown> | undefined;
    if (isfuture(arg)) {
      fut = ensure_future(arg, { loop });
      const seen = fut.done() ? (doneSeen?.has(fut) ?? false) : fut._hasCallback(_done_callback);
      if (!seen) {
        if (loop === null) loop = fut._loop;
        nfuts += 1;
        if (fut.done()) {
          doneFuts.push(fut);
          (doneSeen ??= new Set()).add(fut);
        } else fut.add_done_callback(_done_callback);
      }
    } else {
      fut = coroToFut?.get(arg);
      if (fut === undefined) {
        fut = ensure_future(arg as Coro, { loop });
        if (loop === null) loop = fut._loop;
        nfuts += 1;
        (coroToFut ??= new Map()).set(arg, fut);
        // An eager task may be done already (its coroutine never suspended).
        if (fut.done()) doneFuts.push(fut);
        else fut.add_done_callback(_done_callback);
      }
    }
    children.push(fut);
  }
  outer = new _GatheringFuture<unknown[]>(children, loop!);
  // 3.12+: children that were already done are accounted for at once.
  for (const fut of doneFuts) _done_callback(fut);
  return outer;
}

// ---------------------------------------------------------------- shield

/** `asyncio.shield(aw)`: cancelling the outer future does not cancel the inner work. */
export function shield<T>(arg: Coro<T> | Future<T>): Future<T> {
  const inner = ensure_future(arg);
  if (inner.done()) return inner;
  const loop = inner._loop;
  const outer = loop.create_future<T>();
  const _inner_done_callback = (inner: Future<T>): void => {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception(); // mark retrieved
      return;
    }
    if (inner.cancelled()) outer.cancel();
    else {
      const exc = inner.exception();
      if (exc !== null) outer.set_exception(exc);
      else outer.set_result(inner._result as T);
    }
  };
  const _outer_done_callback = (): void => {
    if (!inner.done()) inner.remove_done_callback(_inner_done_callback);
  };
  registerFunction(_inner_done_callback, "shield.<locals>._inner_done_callback", "asyncio/tasks.py", DEFINED_AT["tasks.shield.<locals>._inner_done_callback"]);
  registerFunction(_outer_done_callback, "shield.<locals>._outer_done_callback", "asyncio/tasks.py", DEFINED_AT["tasks.shield.<locals>._outer_done_callback"]);
  inner.add_done_callback(_inner_done_callback);
  outer.add_done_callback(_outer_done_callback);
  return outer;
}

// ---------------------------------------------------------------- wait

export const FIRST_COMPLETED = "FIRST_COMPLETED";
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
export const ALL_COMPLETED = "ALL_COMPLETED";
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

function _release_waiter(waiter: Future<unknown>): void {
  if (!waiter.done()) waiter.set_result(null);
}
registerFunction(_release_waiter, "_release_waiter", "asyncio/tasks.py", DEFINED_AT["tasks._release_waiter"]);

/** `asyncio.wait(fs, *, timeout=None, return_when=ALL_COMPLETED)` → `[done, pending]`. */
export function* wait<F extends Future<unknown>>(
  fs: Iterable<F>,
  options?: { timeout?: number | null; return_when?: ReturnWhen },
): Coro<[Set<F>, Set<F>]> {
  if (isfuture(fs) || iscoroutine(fs)) throw new TypeError(`expect a list of futures, not ${isfuture(fs) ? fs._className() : "coroutine"}`);
  // CPython's order: `if not fs`, the return_when check, then `set(fs)`.
  if (!truth(fs)) throw new ValueError("Set of Tasks/Futures is empty.");
  const returnWhen = options?.return_when ?? ALL_COMPLETED;
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new ValueError(`Invalid return_when value: ${str(returnWhen)}`);
  }
  const set = new Set(iterable<F>(fs));
  if (set.size === 0) throw new ValueError("Set of Tasks/Futures is empty.");
  for (const f of set) if (iscoroutine(f)) throw new TypeError("Passing coroutines is forbidden, use tasks explicitly.");
  const loop = getRunningLoop();
  return yield* _wait(set, options?.timeout ?? null, returnWhen, loop);
}

function* _wait<F extends Future<unknown>>(fs: Set<F>, timeout: number | null, returnWhen: ReturnWhen, loop: BaseEventLoop): Coro<[Set<F>, Set<F>]> {
  const waiter = loop.create_future();
  const timeoutHandle = timeout !== null ? loop.call_later(timeout, _release_waiter, waiter) : null;
  let counter = fs.size;
  const _on_completion = (f: Future<unknown>): void => {
    counter -= 1;
    if (counter <= 0 || returnWhen === FIRST_COMPLETED || (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)) {
      if (timeoutHandle !== null) timeoutHandle.cancel();
      if (!waiter.done()) waiter.set_result(null);
    }
  };
  registerFunction(_on_completion, "_wait.<locals>._on_completion", "asyncio/tasks.py", DEFINED_AT["tasks._wait.<locals>._on_completion"]);
  for (const f of fs) f.add_done_callback(_on_completion);
  try {
    yield* waiter;
  } finally {
    if (timeoutHandle !== null) timeoutHandle.cancel();
    for (const f of fs) f.remove_done_callback(_on_completion);
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const f of fs) (f.done() ? done : pending).add(f);
  return [done, pending];
}
registerFunction(wait, "wait", "asyncio/tasks.py", DEFINED_AT["tasks.wait"]);
registerFunction(_wait, "_wait", "asyncio/tasks.py", DEFINED_AT["tasks._wait"]);

/** Cancels fut and waits until it has really finished (tasks._cancel_and_wait). */
export function* _cancel_and_wait(fut: Future<unknown>): Coro<void> {
  const loop = fut._loop;
  const waiter = loop.create_future();
  const cb = (): void => _release_waiter(waiter);
  // CPython 3.13 writes a functools.partial callback as the wrapped function's name with its
  // arguments hidden, `_release_waiter()`, then `()` and the place: `_release_waiter()() at ...`.
  registerFunction(cb, "_release_waiter()", "asyncio/tasks.py", DEFINED_AT["tasks._release_waiter"]);
  fut.add_done_callback(cb);
  try {
    fut.cancel();
    yield* waiter;
  } finally {
    fut.remove_done_callback(cb);
  }
}

// ---------------------------------------------------------------- as_completed

/**
 * `asyncio.as_completed(fs, *, timeout=None)` (3.13's `_AsCompletedIterator`). With a plain
 * `for...of`, each item is a coroutine giving the result of the next awaitable to finish
 * (`r = yield* item`); with `async_for` it gives the finished futures themselves, as
 * `async for t in as_completed(...)` does since 3.13. Past the timeout, TimeoutError.
 */
export class _AsCompletedIterator<T> {
  _done: (Future<T> | null)[] = [];
  _getters: Future<unknown>[] = [];
  _todo = new Set<Future<T>>();
  _todoLeft: number;
  _timeoutHandle: TimerHandle | null = null;
  _loop: BaseEventLoop;

  constructor(aws: Iterable<Coro<T> | Future<T>>, timeout: number | null) {
    const loop = getEventLoop();
    this._loop = loop;
    const onCompletion = (f: Future<T>): void => this._handle_completion(f);
    registerFunction(onCompletion, "_AsCompletedIterator._handle_completion", "asyncio/tasks.py", DEFINED_AT["tasks._AsCompletedIterator._handle_completion"]);
    for (const aw of new Set(aws)) this._todo.add(ensure_future(aw, { loop }));
    for (const f of this._todo) f.add_done_callback(onCompletion);
    this._onCompletion = onCompletion;
    if (this._todo.size > 0 && timeout !== null) {
      const onTimeout = (): void => this._handle_timeout();
      registerFunction(onTimeout, "_AsCompletedIterator._handle_timeout", "asyncio/tasks.py", DEFINED_AT["tasks._AsCompletedIterator._handle_timeout"]);
      this._timeoutHandle = loop.call_later(timeout, onTimeout);
    }
    this._todoLeft = this._todo.size;
  }

  _onCompletion: (f: Future<T>) => void;

  _put(f: Future<T> | null): void {
    this._done.push(f);
    while (this._getters.length > 0) {
      const g = this._getters.shift()!;
      if (!g.done()) {
        g.set_result(null);
        break;
      }
    }
  }

  _handle_timeout(): void {
    for (const f of this._todo) {
      f.remove_done_callback(this._onCompletion);
      this._put(null); // one sentinel per future still pending
    }
    this._todo.clear();
  }

  _handle_completion(f: Future<T>): void {
    if (this._todo.size === 0) return; // the timeout came first
    this._todo.delete(f);
    this._put(f);
    if (this._todo.size === 0 && this._timeoutHandle !== null) this._timeoutHandle.cancel();
  }

  *_wait_for_one(resolve: boolean): Coro<T | Future<T>> {
    while (this._done.length === 0) {
      const getter = this._loop.create_future();
      this._getters.push(getter);
      try {
        yield* getter;
      } catch (e) {
        getter.cancel();
        const i = this._getters.indexOf(getter);
        if (i >= 0) this._getters.splice(i, 1);
        throw e;
      }
    }
    const f = this._done.shift()!;
    if (f === null) throw new TimeoutError();
    return resolve ? f.result() : f;
  }

  *[Symbol.iterator](): Generator<Coro<T>, void, unknown> {
    while (this._todoLeft > 0) {
      this._todoLeft -= 1;
      yield this._wait_for_one(true) as Coro<T>;
    }
  }

  __aiter__(): this {
    return this;
  }

  *__anext__(): Coro<Future<T>> {
    if (this._todoLeft === 0) throw new StopAsyncIteration();
    this._todoLeft -= 1;
    return (yield* this._wait_for_one(false)) as Future<T>;
  }
}
registerFunction(_AsCompletedIterator.prototype._wait_for_one, "_AsCompletedIterator._wait_for_one", "asyncio/tasks.py", DEFINED_AT["tasks._AsCompletedIterator._wait_for_one"]);
registerFunction(_AsCompletedIterator.prototype.__anext__, "_AsCompletedIterator.__anext__", "asyncio/tasks.py", DEFINED_AT["tasks._AsCompletedIterator.__anext__"]);

export function as_completed<T>(fs: Iterable<Coro<T> | Future<T>>, options?: { timeout?: number | null }): _AsCompletedIterator<T> {
  if (isfuture(fs) || iscoroutine(fs)) throw new TypeError(`expect an iterable of futures, not ${isfuture(fs) ? fs._className() : "coroutine"}`);
  return new _AsCompletedIterator<T>(iterable<Coro<T> | Future<T>>(fs), options?.timeout ?? null);
}

export { isfuture, iscoroutine, loops };
