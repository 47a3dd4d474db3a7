/**
 * The event loop (CPython's events.py and base_events.py): Handle and TimerHandle, a FIFO
 * ready queue and a timer heap, `_run_once` exactly as CPython runs it, and two clocks.
 *
 * One iteration: drop cancelled timers from the heap top; if nothing is ready, wait for the
 * earliest timer (the virtual clock jumps to it at once; the wall clock really waits); move
 * every due timer to the END of the ready queue, earliest first; then run exactly the handles
 * present now. Handles queued meanwhile wait for the next iteration.
 *
 * A task is its own ready-queue entry (it has `_run()`), so a step costs no Handle object.
 */
import { AttributeError, Deadlock, KeyboardInterrupt, RuntimeError, SystemExit, TypeError } from "./exceptions.ts";
import { codeOf, formatCallback, registerFunction, type Coro } from "./coroutines.ts";
import { repr } from "./format.ts";
import { Future, newObjectId, type DoneCallback } from "./futures.ts";
import { emit, listener } from "./instrument.ts";
import { io, loops } from "./loopstate.ts";
import { formatException, noteLeft, prependFrames, restoreTraceback, wasRaised } from "./traceback.ts";
import { DEFINED_AT, HANDLE_RUN, LOOP_ESCAPE, RUN_FRAMES } from "./pysource.ts";
import { heapify, heappop, heappush } from "./heapq.ts";
import { typeName } from "./operator.ts";
import type { Task, TaskFactory } from "./tasks.ts";

/** What the ready queue holds: a Handle, or a Task whose next step is due. */
export interface ReadyEntry {
  _run(): void;
}

export class Handle implements ReadyEntry {
  /** null once cancelled (CPython drops them). */
  _callback: Function | null;
  _args: unknown[] | null;
  _loop: BaseEventLoop;
  _cancelled = false;
  /** Has run (a later cancel() changes nothing a reader could see: no event for it). */
  _ran = false;
  readonly _id: number = newObjectId();

  constructor(callback: Function, args: unknown[], loop: BaseEventLoop) {
    this._callback = callback;
    this._args = args;
    this._loop = loop;
  }

  /**
   * As CPython: the handle forgets its callback (`<Handle cancelled>`). The view hears of it
   * only if the callback has not run yet (afterwards a cancel changes nothing a reader sees).
   */
  cancel(): void {
    if (this._cancelled) return;
    if (!this._ran && listener !== null) emit({ type: "handle-cancelled", handle: this._id }, this._loop._time(), this._loop._iteration);
    this._cancelled = true;
    this._callback = null;
    this._args = null;
  }

  cancelled(): boolean {
    return this._cancelled;
  }

  get_context(): null {
    return null;
  }

  _run(): void {
    if (this._cancelled) return;
    this._ran = true;
    const loop = this._loop;
    if (listener !== null) emit({ type: "callback-run", handle: this._id, callback: formatCallback(this._callback) }, loop._time(), loop._iteration);
    const callback = this._callback!;
    try {
      if (typeof callback !== "function") throw new TypeError(`'${typeName(callback)}' object is not callable`);
      callback(...this._args!);
    } catch (e) {
      if (e instanceof Deadlock) throw e;
      // CPython's traceback starts in Handle._run (events.py), then the callback's frames.
      noteLeft(e, codeOf(callback));
      prependFrames(e, [HANDLE_RUN]);
      if (e instanceof KeyboardInterrupt || e instanceof SystemExit) throw e;
      loop.call_exception_handler({ message: `Exception in callback ${formatCallback(callback)}`, exception: e, handle: this });
    }
  }

  _reprInfo(): string[] {
    const info = [this.constructor === Handle ? "Handle" : "TimerHandle"];
    if (this._cancelled) info.push("cancelled");
    if (this._callback !== null) info.push(formatCallback(this._callback));
    return info;
  }

  __repr__(): string {
    return `<${this._reprInfo().join(" ")}>`;
  }

  toString(): string {
    return this.__repr__();
  }
}

export class TimerHandle extends Handle {
  _when: number;
  /**
   * A deadline computed from the clock (`call_later`, `sleep`, `timeout(delay)`), rather than
   * a number the program gave (`call_at`). See timerLess.
   */
  _clock = false;
  /** The clock read the deadline comes from: its own, or the program's last loop.time(). */
  _read = 0;
  _scheduled = true;

  constructor(when: number, callback: Function, args: unknown[], loop: BaseEventLoop) {
    super(callback, args, loop);
    this._when = when;
  }

  when(): number {
    return this._when;
  }

  override cancel(): void {
    if (!this._cancelled) this._loop._timerCancelled(this);
    super.cancel();
  }

  override _reprInfo(): string[] {
    const info = super._reprInfo();
    info.splice(this._cancelled ? 2 : 1, 0, `when=${this._when}`);
    return info;
  }
}

/**
 * The timer heap's `<` (CPython's `TimerHandle.__lt__` compares `_when` only). Timers given the
 * very same deadline by the program (`call_at(t)` twice) are equal, and leave the heap in
 * heapq's order, as in CPython. Deadlines computed from the clock are never equal in CPython,
 * whose clock moves between two reads: on the virtual clock, two of them due at the same
 * moment keep the order they were scheduled in (runtime-api.md section 5), and one given by the
 * program at the same moment goes where its loop.time() read went among the clock's reads.
 */
let clockReads = 0;

function timerLess(a: TimerHandle, b: TimerHandle): boolean {
  if (a._when !== b._when) return a._when < b._when;
  if (!a._clock && !b._clock) return false;
  return a._read < b._read;
}

/** The loop's `_scheduled`: a heap (heapq.ts, CPython's algorithm) of timers. */
class TimerHeap {
  items: TimerHandle[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimerHandle | undefined {
    return this.items[0];
  }

  push(t: TimerHandle): void {
    heappush(this.items, t, timerLess);
  }

  pop(): TimerHandle | undefined {
    return heappop(this.items, timerLess);
  }

  /** `_run_once`'s rebuild: the live timers, in heap order, then `heapq.heapify`. */
  compact(): void {
    const live: TimerHandle[] = [];
    for (const t of this.items) {
      if (t._cancelled) t._scheduled = false;
      else live.push(t);
    }
    heapify(live, timerLess);
    this.items = live;
  }
}

/**
 * The ready queue: an array used as a buffer with its own length, so that its capacity
 * survives the iterations (a busy loop moves 100,000 entries through it every iteration).
 */
class ReadyQueue {
  items: (ReadyEntry | undefined)[] = [];
  length = 0;

  push(entry: ReadyEntry): void {
    this.items[this.length++] = entry;
  }

  clear(): void {
    this.items.fill(undefined, 0, this.length);
    this.length = 0;
  }
}

/** base_events.py: rebuild the heap past this many timers when more than this fraction is cancelled. */
const MIN_SCHEDULED_TIMER_HANDLES = 100;
const MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;

/** Python's `a + b` for the deadline `self.time() + delay` (a delay that is not a number is its TypeError). */
function add(time: number, delay: unknown): number {
  if (typeof delay === "number") return time + delay;
  if (typeof delay === "boolean") return time + Number(delay);
  throw new TypeError(`unsupported operand type(s) for +: 'float' and '${typeName(delay)}'`);
}

/** Smallest time step: a timer is due when `when < now + resolution` (CPython: clock resolution). */
const CLOCK_RESOLUTION = 1e-9;
/** The virtual clock starts at an arbitrary value: only differences mean anything. */
const VIRTUAL_EPOCH = 100;
/** On the wall clock, hand control back to the host after this long without a pause (ms). */
const WALL_SLICE_MS = 8;

const perfNow: () => number =
  typeof performance !== "undefined" && typeof performance.now === "function" ? () => performance.now() : () => Date.now();

/**
 * Yields to the host's event loop (a macrotask), so output streams and the page stays
 * responsive. A zero wait uses setImmediate (Node) or a MessageChannel (browsers and workers,
 * where nested setTimeout(0) is clamped to 4 ms); a real wait uses setTimeout.
 */
type Immediate = (cb: () => void) => unknown;
let immediate: Immediate | null = null;
function zeroDelay(): Immediate {
  if (immediate !== null) return immediate;
  const g = globalThis as { setImmediate?: Immediate; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === "function") {
    const si = g.setImmediate;
    immediate = (cb) => si(cb);
  } else if (typeof g.MessageChannel === "function") {
    const channel = new g.MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    immediate = (cb) => {
      queue.push(cb);
      channel.port2.postMessage(null);
    };
  } else {
    immediate = (cb) => setTimeout(cb, 0);
  }
  return immediate;
}

/**
 * Blocks the thread for `ms` (a synchronous run_forever waiting for a timer on the wall
 * clock): with `Atomics.wait` where the engine allows it (Node; a cross-origin-isolated
 * worker), else by spinning on the clock (a page's worker, which has no other way to wait
 * synchronously). Either way in slices, each followed by the host's pulse, so that a host
 * watching for a hung program sees this one alive; printed text still streams (the host's
 * stdout is called as the program prints).
 */
const BLOCK_SLICE_MS = 50;
let waitCell: Int32Array | null | undefined;

function blockFor(ms: number): void {
  if (waitCell === undefined) {
    waitCell = typeof SharedArrayBuffer === "function" && typeof Atomics === "object" ? new Int32Array(new SharedArrayBuffer(4)) : null;
  }
  const end = perfNow() + ms;
  for (let left = ms; left > 0; left = end - perfNow()) {
    const slice = Math.min(left, BLOCK_SLICE_MS);
    let waited = false;
    if (waitCell !== null) {
      try {
        Atomics.wait(waitCell, 0, 0, slice);
        waited = true;
      } catch {
        waitCell = null; // a thread that may not block this way (a browser's main thread)
      }
    }
    if (!waited) {
      const until = perfNow() + slice;
      while (perfNow() < until) {
        // spin: nothing else can wait synchronously here
      }
    }
    io.pulse?.();
  }
}

function yieldToHost(ms = 0): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0) zeroDelay()(resolve);
    else setTimeout(resolve, ms);
  });
}

/** The keys of an exception-handler context, as CPython's dict has them. */
export interface ExceptionContext {
  message: string;
  exception?: unknown;
  future?: Future<unknown>;
  task?: Future<unknown>;
  handle?: Handle;
  [key: string]: unknown;
}

/** How tasks.ts plugs Task creation into the loop (tasks.ts depends on this module, not the reverse). */
export const taskHooks: {
  create: ((loop: BaseEventLoop, coro: Coro, name: unknown) => Task<unknown>) | null;
  ensureFuture: ((x: unknown, loop: BaseEventLoop) => Future<unknown>) | null;
  pendingTasks: ((loop: BaseEventLoop) => Task<unknown>[]) | null;
} = { create: null, ensureFuture: null, pendingTasks: null };

export class BaseEventLoop {
  _ready = new ReadyQueue();
  _spare = new ReadyQueue();
  _timers = new TimerHeap();
  _cancelledTimers = 0;
  _stopping = false;
  _closed = false;
  _running = false;
  _debug = false;
  /** The task whose step is running (CPython's `_current_tasks[loop]`). */
  _current_task: Task<unknown> | null = null;
  /**
   * Not-done tasks of this loop, in creation order (CPython: a weak set of all tasks), as a
   * list threaded through the tasks themselves: no hash table entry per task.
   */
  _firstTask: Task<unknown> | null = null;
  _lastTask: Task<unknown> | null = null;
  /**
   * asyncio.run() reports the never-retrieved exceptions once its own exception (if any) has
   * left it, as CPython's garbage collector does later still: their tracebacks are then whole.
   */
  _deferReports = false;
  /** Futures that finished with an exception, in that order, for "exception was never retrieved". */
  _unretrieved: Future<unknown>[] = [];
  /** Loop iterations run so far (instrumentation). */
  _iteration = 0;
  readonly _id: number = newObjectId();

  readonly _wall: boolean;
  readonly _speed: number;
  _now = VIRTUAL_EPOCH;
  readonly _wallStart: number;
  _exceptionHandler: ((loop: BaseEventLoop, context: ExceptionContext) => void) | null = null;
  /** What create_task() uses to make a task (`set_task_factory`), or null for `Task`. */
  _task_factory: TaskFactory | null = null;

  constructor() {
    const clock = io.clock;
    this._wall = clock.kind === "wall";
    this._speed = clock.kind === "wall" && clock.speed > 0 ? clock.speed : 1;
    this._wallStart = perfNow();
  }

  // ------------------------------------------------------------ clock

  /**
   * `loop.time()`, as the program reads it. Each read is noted: a deadline the program makes
   * from it and gives to call_at() comes after the clock's reads before it and before those
   * after it, as on CPython's moving clock (see timerLess).
   */
  time(): number {
    this._lastProgramRead = ++clockReads;
    return this._time();
  }

  /** The clock as the runtime reads it (no note: see time()). */
  _time(): number {
    if (!this._wall) return this._now;
    return VIRTUAL_EPOCH + ((perfNow() - this._wallStart) / 1000) * this._speed;
  }

  /** The count of clock reads at the program's last loop.time(). */
  _lastProgramRead = 0;

  /** A read of the clock that a deadline is computed from: its number, in the reads' order. */
  _readClock(): number {
    return ++clockReads;
  }

  // ------------------------------------------------------------ scheduling

  _checkClosed(): void {
    if (this._closed) throw new RuntimeError("Event loop is closed");
  }

  call_soon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    this._checkClosed();
    return this._callSoon(callback, args, null);
  }

  _callSoon(callback: Function, args: unknown[], future: Future<unknown> | null): Handle {
    const h = new Handle(callback, args, this);
    this._ready.push(h);
    if (listener !== null) {
      emit({ type: "callback-queued", handle: h._id, callback: formatCallback(callback), future: future === null ? null : future._id }, this._time(), this._iteration);
    }
    return h;
  }

  /** A done callback of `fut`, queued with call_soon(fn, fut) (a done task queues itself if it can). */
  _callSoonCallback(fn: DoneCallback, fut: Future<unknown>): void {
    // A Handle for what is not a function: it fails as CPython's does when run.
    if (typeof fn !== "function" || !fut._queueDoneCallback(fn)) this._callSoon(fn, [fut], fut);
  }

  /** Appends a ready entry (a task's step) without a Handle. */
  _pushReady(entry: ReadyEntry): void {
    this._ready.push(entry);
  }

  call_later<A extends unknown[]>(delay: number, callback: (...args: A) => unknown, ...args: A): TimerHandle {
    if (delay === null || delay === undefined) throw new TypeError("delay must not be None");
    return this._callAt(add(this._time(), delay), callback, args, true);
  }

  call_at<A extends unknown[]>(when: number, callback: (...args: A) => unknown, ...args: A): TimerHandle {
    return this._callAt(when, callback, args, false);
  }

  /**
   * call_at, saying whether the deadline was computed from the clock (see timerLess), and at
   * which read of it (`read`: the one made by the caller; else a read now).
   */
  _callAt(when: number, callback: Function, args: unknown[], clock: boolean, read?: number): TimerHandle {
    if (when === null || when === undefined) throw new TypeError("when cannot be None");
    this._checkClosed();
    const t = new TimerHandle(when, callback, args, this);
    t._clock = clock;
    t._read = !clock ? this._lastProgramRead : (read ?? this._readClock());
    this._timers.push(t);
    if (listener !== null) emit({ type: "timer-added", handle: t._id, when, callback: formatCallback(callback) }, this._time(), this._iteration);
    return t;
  }

  _timerCancelled(t: TimerHandle): void {
    if (t._scheduled) this._cancelledTimers++;
  }

  create_future<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  create_task<T>(coro: Coro<T>, options?: { name?: unknown; context?: unknown }): Task<T> {
    this._checkClosed();
    const factory = this._task_factory;
    if (factory === null) return taskHooks.create!(this, coro, options?.name ?? null) as Task<T>;
    // CPython 3.13.0 calls the factory without the name, then `task.set_name(name)` even when
    // name is None: the task runs its eager first step as `Task-N` and is then named 'None'.
    // Later 3.13 releases hand name= to the factory; 3.13.0 is the reference.
    const task = factory(this, coro);
    const setName = (task as { set_name?: unknown }).set_name;
    if (typeof setName !== "function") {
      throw new AttributeError(`'${(task as { _className?: () => string })._className?.() ?? "object"}' object has no attribute 'set_name'`);
    }
    task.set_name(options?.name ?? null);
    // An eager task that failed in its first step, run inside this call: in CPython its
    // traceback's frame links back (f_back) to this method's frame, whose `task` local holds
    // it, so it lives in a reference cycle until the garbage collector runs.
    if (task.done() && !task.cancelled() && task._exception !== null) heldInCycle.add(task);
    return task;
  }

  /** `loop.set_task_factory(factory)`: `factory(loop, coro)` makes create_task()'s tasks; null restores Task. */
  set_task_factory(factory: TaskFactory | null): void {
    if (factory !== null && factory !== undefined && typeof factory !== "function") throw new TypeError("task factory must be a callable or None");
    this._task_factory = factory ?? null;
  }

  /** The factory set with set_task_factory(), or null for the default. */
  get_task_factory(): TaskFactory | null {
    return this._task_factory;
  }

  // ------------------------------------------------------------ state

  is_running(): boolean {
    return this._running;
  }

  is_closed(): boolean {
    return this._closed;
  }

  get_debug(): boolean {
    return this._debug;
  }

  set_debug(enabled: boolean): void {
    this._debug = Boolean(enabled);
  }

  stop(): void {
    this._stopping = true;
  }

  close(): void {
    if (this._running) throw new RuntimeError("Cannot close a running event loop");
    if (this._closed) return;
    this._closed = true;
    this._ready.clear();
    this._timers = new TimerHeap();
    if (!this._deferReports) this._reportUnretrieved();
  }

  /** A future finished with an exception: remember it for the report at close. */
  _noteException(fut: Future<unknown>): void {
    this._unretrieved.push(fut);
  }

  /**
   * "Task exception was never retrieved": CPython logs it when the object is freed; here at
   * the latest when the loop closes, in the order the exceptions were set (runtime-api.md §4).
   */
  _reportUnretrieved(): void {
    const list = this._unretrieved;
    this._unretrieved = [];
    for (const fut of list) {
      if (!fut._log_traceback) continue;
      fut._log_traceback = false;
      // CPython reports it when the future is freed, for a task nobody keeps right after it
      // finished: with the traceback its exception had then, not the one a later re-raise
      // elsewhere gave it. The future's copy from set_exception() is that one. (Except for a
      // KeyboardInterrupt or SystemExit that escaped the loop: its task lives as long as that
      // propagation, which the traceback shows.)
      // A task held in a reference cycle (heldInCycle) is freed by the garbage collector, later:
      // its report shows the traceback its exception has by then.
      const exc = fut._exception;
      if (fut._exception_tb !== null && !(exc !== null && raisedByResult.has(exc)) && !heldInCycle.has(fut)) restoreTraceback(exc, fut._exception_tb);
      this.call_exception_handler({
        // CPython: f'{self.__class__.__name__} exception was never retrieved'.
        message: `${fut._className()} exception was never retrieved`,
        exception: fut._exception,
        future: fut,
      });
    }
  }

  // ------------------------------------------------------------ errors

  set_exception_handler(handler: ((loop: BaseEventLoop, context: ExceptionContext) => void) | null): void {
    this._exceptionHandler = handler;
  }

  call_exception_handler(context: ExceptionContext): void {
    if (this._exceptionHandler !== null) {
      try {
        this._exceptionHandler(this, context);
        return;
      } catch (e) {
        if (e instanceof KeyboardInterrupt || e instanceof SystemExit) throw e;
        this.default_exception_handler({ message: "Unhandled error in exception handler", exception: e, context });
        return;
      }
    }
    this.default_exception_handler(context);
  }

  /** CPython's text: the message, `key: repr(value)` for the other keys sorted, the traceback. */
  default_exception_handler(context: ExceptionContext): void {
    let text = context.message || "Unhandled exception in event loop";
    for (const key of Object.keys(context).sort()) {
      if (key === "message" || key === "exception") continue;
      text += `\n${key}: ${repr(context[key])}`;
    }
    text += "\n";
    const exc = context.exception;
    if (exc !== undefined && exc !== null) text += formatException(exc, io.mapPosition, wasRaised(exc));
    io.stderr(text);
  }

  // ------------------------------------------------------------ running

  _checkRunning(): void {
    if (this._running) throw new RuntimeError("This event loop is already running");
    if (loops.running !== null) throw new RuntimeError("Cannot run the event loop while another loop is running");
  }

  _enterRun(): void {
    this._checkClosed();
    this._checkRunning();
    this._running = true;
    this._stopping = false;
    loops.running = this;
  }

  _leaveRun(): void {
    this._stopping = false;
    this._running = false;
    loops.running = null;
  }

  /**
   * Runs until stop(), synchronously, as CPython does. On the wall clock it waits for each
   * timer by blocking the thread (blockFor): the order is the loop's own and the pacing real,
   * but the host gets no turn meanwhile (docs/CONTRACTS.md, "run_until_complete on the wall
   * clock"); asyncio.run() waits without blocking (_runForeverAsync).
   */
  run_forever(): void {
    this._enterRun();
    try {
      for (;;) {
        if (this._wall) {
          const wait = this._timeToWait();
          if (wait > 0) blockFor((wait * 1000) / this._speed);
        }
        this._runOnce();
        if (this._stopping) break;
      }
    } catch (e) {
      escapedRunForever(e);
      throw e;
    } finally {
      this._leaveRun();
    }
  }

  /** Runs until stop() on the wall clock, waiting for timers and yielding to the host. */
  async _runForeverAsync(): Promise<void> {
    this._enterRun();
    try {
      let sliceStart = perfNow();
      for (;;) {
        const wait = this._timeToWait();
        if (wait > 0) {
          await yieldToHost((wait * 1000) / this._speed);
          sliceStart = perfNow();
        }
        try {
          this._runOnce();
        } catch (e) {
          escapedRunForever(e);
          throw e;
        }
        if (this._stopping) break;
        if (perfNow() - sliceStart > WALL_SLICE_MS) {
          await yieldToHost();
          sliceStart = perfNow();
        }
      }
    } finally {
      this._leaveRun();
    }
  }

  /** Seconds until the earliest timer when nothing is ready; 0 when something is. */
  _timeToWait(): number {
    // The iteration's first part (dropping cancelled timers) runs here, before the wait.
    this._dropCancelledTimers();
    this._timersDropped = true;
    if (this._ready.length > 0 || this._stopping) return 0;
    const top = this._timers.peek();
    if (top === undefined) this._deadlock();
    return Math.max(0, top!._when - this._time());
  }

  /** Set by _timeToWait: this iteration has dropped its cancelled timers already. */
  _timersDropped = false;

  /**
   * `_run_once`'s first part, as CPython 3.13: with more than 100 timers of which more than
   * half are cancelled, rebuild the heap without them (heapify); else pop the cancelled ones
   * at its head. (The count of cancelled timers is CPython's too: one popped as due is not
   * taken off it, so the rebuild comes when it comes in CPython.)
   */
  _dropCancelledTimers(): void {
    const heap = this._timers;
    const count = heap.size;
    if (count > MIN_SCHEDULED_TIMER_HANDLES && this._cancelledTimers / count > MIN_CANCELLED_TIMER_HANDLES_FRACTION) {
      heap.compact();
      this._cancelledTimers = 0;
      return;
    }
    for (let top = heap.peek(); top !== undefined && top._cancelled; top = heap.peek()) {
      this._cancelledTimers--;
      heap.pop();
      top._scheduled = false;
    }
  }

  /** One iteration of the loop (CPython's `_run_once`). */
  _runOnce(): void {
    const ready = this._ready;
    if (this._timersDropped) this._timersDropped = false;
    else this._dropCancelledTimers();
    const heap = this._timers;
    if (ready.length === 0 && !this._stopping) {
      const top = heap.peek();
      if (top === undefined) this._deadlock();
      // The virtual clock jumps to the earliest timer; the wall clock has already waited.
      else if (!this._wall && top._when > this._now) this._now = top._when;
    }
    if (heap.size > 0) {
      const end = this._time() + CLOCK_RESOLUTION;
      for (let top = heap.peek(); top !== undefined && top._when < end; top = heap.peek()) {
        heap.pop();
        top._scheduled = false;
        // CPython moves it to the ready queue, where a cancelled one is skipped.
        if (top._cancelled) continue;
        ready.push(top);
        if (listener !== null) emit({ type: "timer-fired", handle: top._id }, this._time(), this._iteration + 1);
      }
    }
    this._iteration++;
    if (listener !== null) emit({ type: "iteration-begin", ready: ready.length, timers: heap.size }, this._time(), this._iteration);
    // Swap the queues: what is queued while these run lands in the other one (next iteration).
    this._ready = this._spare;
    this._spare = ready;
    const items = ready.items;
    const n = ready.length;
    let i = 0;
    let entry: ReadyEntry | undefined;
    try {
      for (; i < n; i++) {
        entry = items[i]!;
        items[i] = undefined;
        entry._run();
        if ((i & 511) === 511 && io.pulse !== null) io.pulse();
      }
    } catch (e) {
      // KeyboardInterrupt/SystemExit leaving through CPython's `handle._run()` (a task's step
      // runs in a Handle there; a Handle adds its own frame).
      if (e instanceof KeyboardInterrupt || e instanceof SystemExit) {
        if (!(entry instanceof Handle)) prependFrames(e, [HANDLE_RUN]);
        prependFrames(e, [LOOP_ESCAPE[2]]);
      }
      // Something escaped the loop (KeyboardInterrupt, SystemExit, a deadlock in a nested
      // run): keep what was not run at the front of the queue, as CPython's deque does.
      const rest = items.slice(i + 1, n) as ReadyEntry[];
      ready.clear();
      const later = this._ready.items.slice(0, this._ready.length) as ReadyEntry[];
      this._ready.clear();
      for (const entry of rest.concat(later)) this._ready.push(entry);
      throw e;
    }
    ready.length = 0;
  }

  /**
   * Nothing is ready and no timer is pending: CPython would wait forever. Report the tasks
   * still waiting on standard error and stop the program (runtime-api.md §5).
   */
  _deadlock(): never {
    const pending = taskHooks.pendingTasks ? taskHooks.pendingTasks(this) : [];
    let text =
      "Deadlock: the event loop has nothing ready and no timer pending, so CPython would wait forever.\n" +
      (pending.length === 0 ? "No task is waiting.\n" : "Tasks still waiting:\n");
    for (const t of pending) text += `  ${repr(t)}\n`;
    io.stderr(text);
    throw new Deadlock("the event loop has nothing to run");
  }

  run_until_complete<T>(future: Future<T> | Coro<T>): T {
    // Where it is called from: the outer frames of a traceback of what the future raises.
    const callSite = io.mapPosition !== null ? new Error() : null;
    try {
      return this._runUntilComplete(future);
    } catch (e) {
      if (callSite !== null && raisedByResult.has(e as object)) prependFrames(e, callSite);
      throw e;
    }
  }

  /** run_until_complete without its caller's frames (asyncio.run adds its own). */
  _runUntilComplete<T>(future: Future<T> | Coro<T>): T {
    const [fut, isNewTask] = this._beginRunUntilComplete(future);
    try {
      this.run_forever();
    } catch (e) {
      this._runUntilCompleteFailed(fut, isNewTask);
      throw e;
    } finally {
      fut.remove_done_callback(_run_until_complete_cb);
    }
    return this._runUntilCompleteResult(fut);
  }

  /** run_until_complete for the wall clock: the same steps around the asynchronous run_forever. */
  async _runUntilCompleteAsync<T>(future: Future<T> | Coro<T>): Promise<T> {
    const [fut, isNewTask] = this._beginRunUntilComplete(future);
    try {
      await this._runForeverAsync();
    } catch (e) {
      this._runUntilCompleteFailed(fut, isNewTask);
      throw e;
    } finally {
      fut.remove_done_callback(_run_until_complete_cb);
    }
    return this._runUntilCompleteResult(fut);
  }

  _beginRunUntilComplete<T>(future: Future<T> | Coro<T>): [Future<T>, boolean] {
    this._checkClosed();
    this._checkRunning();
    const fut = taskHooks.ensureFuture!(future, this) as Future<T>;
    fut.add_done_callback(_run_until_complete_cb);
    return [fut, fut !== future];
  }

  /** The future may have finished with the same error: mark it retrieved, as CPython does. */
  _runUntilCompleteFailed(fut: Future<unknown>, isNewTask: boolean): void {
    if (isNewTask && fut.done() && !fut.cancelled()) fut.exception();
  }

  _runUntilCompleteResult<T>(fut: Future<T>): T {
    if (!fut.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    if (fut._state === "FINISHED" && fut._exception === null) return fut._result as T;
    // `return future.result()` raises: this frame goes on top of the traceback (not through
    // result(), whose own re-raise would add the runtime's frames).
    fut._log_traceback = false;
    const e = fut._state === "CANCELLED" ? fut._make_cancelled_error() : fut._takeException();
    prependFrames(e, [RUN_FRAMES[2]]);
    if (e !== null && typeof e === "object") raisedByResult.add(e);
    throw e;
  }

  /** CPython's coroutine method; nothing to finalise here (no async generators are tracked). */
  *shutdown_asyncgens(): Generator<never, void, unknown> {}

  /** CPython's coroutine method; there is no thread-pool executor in this runtime. */
  *shutdown_default_executor(): Generator<never, void, unknown> {}

  __repr__(): string {
    return `<_UnixSelectorEventLoop running=${this._running ? "True" : "False"} closed=${this._closed ? "True" : "False"} debug=${this._debug ? "True" : "False"}>`;
  }

  toString(): string {
    return this.__repr__();
  }
}

/**
 * Exceptions that left run_until_complete with its frames on their traceback: raised by its
 * `return future.result()`, or KeyboardInterrupt/SystemExit escaping the loop (the frames
 * above are its caller's: asyncio.run's, or the reader's).
 */
export const raisedByResult = new WeakSet<object>();

/** Tasks CPython keeps in a reference cycle (see create_task): reported when collected. */
const heldInCycle = new WeakSet<object>();

/** KeyboardInterrupt/SystemExit out of run_forever: `run_until_complete` > `run_forever` frames. */
function escapedRunForever(e: unknown): void {
  if (!(e instanceof KeyboardInterrupt || e instanceof SystemExit)) return;
  prependFrames(e, [LOOP_ESCAPE[0], LOOP_ESCAPE[1]]);
  raisedByResult.add(e);
}

/** The main future's done callback that stops the loop (base_events._run_until_complete_cb). */
function _run_until_complete_cb(fut: Future<unknown>): void {
  if (!fut.cancelled()) {
    const exc = fut.exception();
    // KeyboardInterrupt/SystemExit are re-raised by the loop itself; don't stop it here.
    if (exc instanceof KeyboardInterrupt || exc instanceof SystemExit) return;
  }
  fut.get_loop().stop();
}
registerFunction(_run_until_complete_cb, "_run_until_complete_cb", "asyncio/base_events.py", DEFINED_AT["base_events._run_until_complete_cb"]);
registerFunction(BaseEventLoop.prototype.shutdown_asyncgens, "BaseEventLoop.shutdown_asyncgens", "asyncio/base_events.py", DEFINED_AT["base_events.BaseEventLoop.shutdown_asyncgens"]);
registerFunction(BaseEventLoop.prototype.shutdown_default_executor, "BaseEventLoop.shutdown_default_executor", "asyncio/base_events.py", DEFINED_AT["base_events.BaseEventLoop.shutdown_default_executor"]);

loops.factory = () => new BaseEventLoop();

export function new_event_loop(): BaseEventLoop {
  return new BaseEventLoop();
}

export function set_event_loop(loop: BaseEventLoop | null): void {
  loops.current = loop;
}

export { getEventLoop as get_event_loop, getRunningLoop as get_running_loop } from "./loopstate.ts";
