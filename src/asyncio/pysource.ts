/**
 * Where asyncio's own functions are in CPython 3.13.0's source (Lib/asyncio/), for what the
 * runtime prints about them: `sleep() at asyncio/tasks.py:703` in a repr (a function's
 * `co_firstlineno`), and the frames of asyncio's own code in a traceback
 * (`File "asyncio/tasks.py", line 718, in sleep` and its source line). A reader who opens
 * CPython's source lands on these lines. Taken from the 3.13.0 files, not from memory;
 * `tests/asyncio/pysource.test.ts` checks them against the machine's CPython when it has one.
 *
 * This module depends on nothing, so every other module may use it.
 */

/** One frame of asyncio's Python code, as a CPython traceback prints it. */
export interface PyFrame {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly sourceLine: string;
}

function py(file: string, line: number, name: string, sourceLine: string): PyFrame {
  return { file: `asyncio/${file}`, line, name, sourceLine };
}

/** `co_firstlineno` of asyncio's functions that reprs name (`cb=[...]`, `coro=<...>`). */
export const DEFINED_AT = {
  "base_events._run_until_complete_cb": 182,
  "base_events.BaseEventLoop.shutdown_asyncgens": 572,
  "base_events.BaseEventLoop.shutdown_default_executor": 597,
  "futures._set_result_unless_cancelled": 312,
  "tasks.sleep": 703,
  "tasks.wait": 424,
  "tasks._wait": 509,
  "tasks._wait.<locals>._on_completion": 521,
  "tasks.wait_for": 459,
  "tasks._release_waiter": 454,
  "tasks._cancel_and_wait": 553,
  "tasks.gather.<locals>._done_callback": 820,
  "tasks.shield.<locals>._inner_done_callback": 958,
  "tasks.shield.<locals>._outer_done_callback": 975,
  "tasks._AsCompletedIterator.__anext__": 598,
  "tasks._AsCompletedIterator._handle_timeout": 612,
  "tasks._AsCompletedIterator._handle_completion": 618,
  "tasks._AsCompletedIterator._wait_for_one": 626,
  "timeouts.Timeout._on_timeout": 127,
} as const;

/** Lines where a suspended asyncio coroutine stands (`coro=<sleep() running at ...:718>`). */
export const SUSPENDED_AT = {
  /** `await __sleep0()` in sleep(0). */
  "tasks.sleep.zero": 706,
  /** `return await future` in sleep(delay > 0). */
  "tasks.sleep": 718,
} as const;

// ---------------------------------------------------------------- traceback frames

/** The frames CPython adds around an exception that leaves a callback: `Handle._run`. */
export const HANDLE_RUN = py("events.py", 89, "_run", "self._context.run(self._callback, *self._args)");

/** The frames between `<module>` and `main` when main's exception leaves asyncio.run(). */
export const RUN_FRAMES: readonly PyFrame[] = [
  py("runners.py", 194, "run", "return runner.run(main)"),
  py("runners.py", 118, "run", "return self._loop.run_until_complete(task)"),
  py("base_events.py", 721, "run_until_complete", "return future.result()"),
];

/**
 * The frames a KeyboardInterrupt or SystemExit gains as it escapes the loop from a handle
 * (a task's step is one in CPython): `run_until_complete` > `run_forever` > `_run_once` >
 * `Handle._run` (added where the handle ran).
 */
export const LOOP_ESCAPE: readonly PyFrame[] = [
  py("base_events.py", 708, "run_until_complete", "self.run_forever()"),
  py("base_events.py", 679, "run_forever", "self._run_once()"),
  py("base_events.py", 2027, "_run_once", "handle._run()"),
];

/** What escapes asyncio.run()'s shutdown (`_cancel_all_tasks` run from `with Runner(...)`'s exit). */
export const SHUTDOWN_FRAMES: readonly PyFrame[] = [
  py("runners.py", 193, "run", "with Runner(debug=debug, loop_factory=loop_factory) as runner:"),
  py("runners.py", 62, "__exit__", "self.close()"),
  py("runners.py", 70, "close", "_cancel_all_tasks(loop)"),
  py("runners.py", 205, "_cancel_all_tasks", "loop.run_until_complete(tasks.gather(*to_cancel, return_exceptions=True))"),
];

/**
 * What a frame of the runtime's JavaScript stands for in CPython's traceback, by the name the
 * engine gives the frame (`Class.method` or `function`). A runtime function missing here is
 * C code in CPython, or glue of our own: it prints no frame. `"merge"`: the `async with` /
 * `async for` idioms, whose body is a function of its own in JavaScript but part of the
 * enclosing function in Python (see traceback.ts). An entry may depend on whether the frame
 * is where the exception was raised (`raised`) or one it passes through while suspended.
 */
/**
 * What a runtime frame stands for: CPython's frames, "merge" (an `async with` body's frame is
 * the enclosing function's), or a function of whether the exception was raised right there,
 * the exception, and the engine name of the frame it called (the one inside it, "" if none).
 */
export type FrameExpansion = readonly PyFrame[] | "merge" | ((raised: boolean, error: unknown, callee: string) => readonly PyFrame[]);

/** The Python class name of an exception (its `name`, which the runtime's classes set). */
function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

const sleepAwait = [py("tasks.py", 718, "sleep", "return await future")];
const sleepZero = [py("tasks.py", 706, "sleep", "await __sleep0()"), py("tasks.py", 700, "__sleep0", "yield")];
const lockAcquire = [py("locks.py", 110, "acquire", "await fut")];
const semaphoreAcquire = [py("locks.py", 407, "acquire", "await fut")];
const queueGet = (raised: boolean) =>
  raised ? [py("queues.py", 182, "get", "raise QueueShutDown")] : [py("queues.py", 186, "get", "await getter")];
const queuePut = (raised: boolean) =>
  raised ? [py("queues.py", 135, "put", "raise QueueShutDown")] : [py("queues.py", 139, "put", "await putter")];

const entries: [string, FrameExpansion][] = [
  ["async_with", "merge"],
  ["async_for", "merge"],
  // tasks.py
  ["SleepFor.next", sleepAwait],
  ["SleepFor.throw", sleepAwait],
  ["SleepZero.next", sleepZero],
  ["SleepZero.throw", sleepZero],
  [
    "SleepRefused.next",
    (_raised, error) =>
      nameOf(error) === "ValueError"
        ? [py("tasks.py", 710, "sleep", 'raise ValueError("Invalid delay: NaN (not a number)")')]
        : [py("tasks.py", 705, "sleep", "if delay <= 0:")],
  ],
  [
    "wait",
    (raised, error) => {
      if (!raised) return [py("tasks.py", 451, "wait", "return await _wait(fs, timeout, return_when, loop)")];
      const message = error instanceof Error ? error.message : "";
      if (message.startsWith("expect a list")) return [py("tasks.py", 439, "wait", 'raise TypeError(f"expect a list of futures, not {type(fs).__name__}")')];
      if (message.startsWith("Set of")) return [py("tasks.py", 441, "wait", "raise ValueError('Set of Tasks/Futures is empty.')")];
      if (message.startsWith("Invalid return_when")) return [py("tasks.py", 443, "wait", "raise ValueError(f'Invalid return_when value: {return_when}')")];
      if (message.startsWith("Passing coroutines")) return [py("tasks.py", 448, "wait", 'raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")')];
      return [py("tasks.py", 445, "wait", "fs = set(fs)")];
    },
  ],
  ["_wait", [py("tasks.py", 537, "_wait", "await waiter")]],
  // shield's callback, when the outer future is already done (InvalidStateError)
  [
    "_inner_done_callback",
    (_raised, _error, callee) =>
      callee.endsWith("set_exception")
        ? [py("tasks.py", 970, "_inner_done_callback", "outer.set_exception(exc)")]
        : [py("tasks.py", 972, "_inner_done_callback", "outer.set_result(inner.result())")],
  ],
  ["_cancel_and_wait", [py("tasks.py", 565, "_cancel_and_wait", "await waiter")]],
  [
    "_AsCompletedIterator._wait_for_one",
    (raised) =>
      raised
        ? [py("tasks.py", 633, "_wait_for_one", "raise exceptions.TimeoutError")]
        : [py("tasks.py", 630, "_wait_for_one", "f = await self._done.get()"), py("queues.py", 186, "get", "await getter")],
  ],
  ["_AsCompletedIterator.__anext__", [py("tasks.py", 603, "__anext__", "return await self._wait_for_one()")]],
  // runners.py: asyncio.run's checks of its arguments, at the call.
  [
    "checkRunArguments",
    (_raised, error) =>
      nameOf(error) === "ValueError"
        ? [RUN_FRAMES[0], py("runners.py", 89, "run", 'raise ValueError("a coroutine was expected, got {!r}".format(coro))')]
        : [py("runners.py", 190, "run", "raise RuntimeError(")],
  ],
  ["create_task", [py("tasks.py", 410, "create_task", "task = loop.create_task(coro, name=name)")]],
  // base_events.py's create_task: its closed check, the Task it makes (a non-coroutine fails
  // there, in C: no frame below), or the factory's call (the reader's frames follow).
  [
    "BaseEventLoop.create_task",
    (_raised, error) =>
      error instanceof Error && error.message === "Event loop is closed"
        ? [py("base_events.py", 467, "create_task", "self._check_closed()"), py("base_events.py", 552, "_check_closed", "raise RuntimeError('Event loop is closed')")]
        : error instanceof Error && /object has no attribute 'set_name'$/.test(error.message)
          ? [py("base_events.py", 479, "create_task", "task.set_name(name)")]
          : error instanceof Error && error.message.startsWith("a coroutine was expected, got ")
            ? [py("base_events.py", 469, "create_task", "task = tasks.Task(coro, loop=self, name=name, context=context)")]
            : [py("base_events.py", 475, "create_task", "task = self._task_factory(self, coro)")],
  ],
  // timeouts.py
  [
    "wait_for",
    (raised) => (raised ? [py("tasks.py", 504, "wait_for", "raise TimeoutError from exc")] : [py("tasks.py", 507, "wait_for", "return await fut")]),
  ],
  ["Timeout.__aexit__", [py("timeouts.py", 116, "__aexit__", "raise TimeoutError from exc_val")]],
  // locks.py
  ["Event.wait", [py("locks.py", 213, "wait", "await fut")]],
  ["Lock.acquire", lockAcquire],
  ["Lock.__aenter__", [py("locks.py", 14, "__aenter__", "await self.acquire()")]],
  ["Lock.release", [py("locks.py", 142, "release", "raise RuntimeError('Lock is not acquired.')")]],
  ["Semaphore.acquire", semaphoreAcquire],
  ["Semaphore.__aenter__", [py("locks.py", 14, "__aenter__", "await self.acquire()")]],
  ["BoundedSemaphore.acquire", semaphoreAcquire],
  ["BoundedSemaphore.__aenter__", [py("locks.py", 14, "__aenter__", "await self.acquire()")]],
  [
    "Semaphore",
    (_raised, error) =>
      nameOf(error) === "ValueError"
        ? [py("locks.py", 369, "__init__", 'raise ValueError("Semaphore initial value must be >= 0")')]
        : [py("locks.py", 368, "__init__", "if value < 0:")],
  ],
  ["BoundedSemaphore", [py("locks.py", 460, "__init__", "super().__init__(value)")]],
  ["BoundedSemaphore.release", [py("locks.py", 464, "release", "raise ValueError('BoundedSemaphore released too many times')")]],
  // Condition: acquire() and release() are its lock's own
  [
    "Condition.wait",
    (raised, error) =>
      !raised
        ? [py("locks.py", 272, "wait", "await fut")]
        : nameOf(error) === "CancelledError"
          ? [py("locks.py", 291, "wait", "raise err  # Re-raise most recent exception instance.")]
          : [py("locks.py", 264, "wait", "raise RuntimeError('cannot wait on un-acquired lock')")],
  ],
  ["Condition.wait_for", [py("locks.py", 313, "wait_for", "await self.wait()")]],
  ["Condition.notify", [py("locks.py", 330, "notify", "raise RuntimeError('cannot notify on un-acquired lock')")]],
  ["Condition.notify_all", [py("locks.py", 349, "notify_all", "self.notify(len(self._waiters))")]],
  ["Condition.__aenter__", [py("locks.py", 14, "__aenter__", "await self.acquire()")]],
  // Barrier
  [
    "Barrier",
    (_raised, error) =>
      nameOf(error) === "ValueError" ? [py("locks.py", 488, "__init__", "raise ValueError('parties must be > 0')")] : [py("locks.py", 487, "__init__", "if parties < 1:")],
  ],
  ["Barrier.__aenter__", [py("locks.py", 506, "__aenter__", "return await self.wait()")]],
  ["Barrier.wait", [py("locks.py", 527, "wait", "await self._wait()")]],
  [
    "Barrier._block",
    (raised) =>
      raised ? [py("locks.py", 548, "_block", 'raise exceptions.BrokenBarrierError("Barrier aborted")')] : [py("locks.py", 540, "_block", "await self._cond.wait_for(")],
  ],
  [
    "Barrier._wait",
    (raised) =>
      raised
        ? [py("locks.py", 567, "_wait", 'raise exceptions.BrokenBarrierError("Abort or reset of barrier")')]
        : [py("locks.py", 564, "_wait", "await self._cond.wait_for(lambda: self._state is not _BarrierState.FILLING)")],
  ],
  ["Barrier.reset", [py("locks.py", 583, "reset", "async with self._cond:")]],
  ["Barrier.abort", [py("locks.py", 598, "abort", "async with self._cond:")]],
  // taskgroups.py: what leaves __aexit__ (a re-raise, or the group it makes)
  [
    "TaskGroup.__aexit__",
    (_raised, error) =>
      /ExceptionGroup$/.test(nameOf(error))
        ? [py("taskgroups.py", 154, "__aexit__", "raise me from None")]
        : nameOf(error) === "CancelledError"
          ? [py("taskgroups.py", 137, "__aexit__", "raise propagate_cancellation_error")]
          : [py("taskgroups.py", 125, "__aexit__", "raise self._base_error")],
  ],
  // TaskGroup.create_task refusing (entered? finished? shutting down?), else what loop.create_task raised
  [
    "TaskGroup.create_task",
    (raised, error) => {
      const message = error instanceof Error ? error.message : "";
      if (!raised) return [py("taskgroups.py", 173, "create_task", "task = self._loop.create_task(coro, name=name)")];
      if (message.endsWith("has not been entered")) return [py("taskgroups.py", 165, "create_task", 'raise RuntimeError(f"TaskGroup {self!r} has not been entered")')];
      if (message.endsWith("is finished")) return [py("taskgroups.py", 168, "create_task", 'raise RuntimeError(f"TaskGroup {self!r} is finished")')];
      return [py("taskgroups.py", 171, "create_task", 'raise RuntimeError(f"TaskGroup {self!r} is shutting down")')];
    },
  ],
  // queues.py
  ["get", queueGet],
  ["put", queuePut],
  [
    "get_nowait",
    (_raised, error) =>
      nameOf(error) === "QueueShutDown" ? [py("queues.py", 213, "get_nowait", "raise QueueShutDown")] : [py("queues.py", 214, "get_nowait", "raise QueueEmpty")],
  ],
  [
    "put_nowait",
    (_raised, error) =>
      nameOf(error) === "QueueShutDown" ? [py("queues.py", 164, "put_nowait", "raise QueueShutDown")] : [py("queues.py", 166, "put_nowait", "raise QueueFull")],
  ],
  ["join", [py("queues.py", 251, "join", "await self._finished.wait()"), py("locks.py", 213, "wait", "await fut")]],
  ["task_done", [py("queues.py", 237, "task_done", "raise ValueError('task_done() called too many times')")]],
];

// Queue's methods print under the receiver's class name (`LifoQueue.get`).
const QUEUE_METHODS = new Set(["get", "put", "get_nowait", "put_nowait", "join", "task_done"]);
const QUEUE_CLASSES = ["Queue", "PriorityQueue", "LifoQueue"];

const table = new Map<string, FrameExpansion>();
for (const [name, expansion] of entries) {
  if (QUEUE_METHODS.has(name)) for (const cls of QUEUE_CLASSES) table.set(`${cls}.${name}`, expansion);
  else table.set(name, expansion);
}

/** The CPython frames a runtime frame stands for, by its engine name; null if none. */
export function runtimeFrame(name: string): FrameExpansion | null {
  return table.get(name) ?? null;
}

/** Adds entries (for runtime modules written later: taskgroups, ...). */
export function defineRuntimeFrame(name: string, expansion: FrameExpansion): void {
  table.set(name, expansion);
}

/** Every CPython frame the tables can give (for the test that checks them against CPython's source). */
export function knownPyFrames(): PyFrame[] {
  const out: PyFrame[] = [HANDLE_RUN, ...RUN_FRAMES, ...LOOP_ESCAPE, ...SHUTDOWN_FRAMES];
  const probes = ["ValueError", "RuntimeError", "TypeError", "QueueShutDown", "QueueEmpty", "ExceptionGroup", "CancelledError"].map((name) => Object.assign(new Error(), { name }));
  for (const message of ["expect a list", "Set of", "Invalid return_when", "Passing coroutines", "not iterable", "TaskGroup <TaskGroup> has not been entered", "TaskGroup <TaskGroup> is finished"]) probes.push(Object.assign(new Error(message), { name: "ValueError" }));
  for (const expansion of table.values()) {
    if (expansion === "merge") continue;
    if (typeof expansion !== "function") out.push(...expansion);
    else for (const raised of [true, false]) for (const e of probes) for (const callee of ["", "Future.set_exception"]) out.push(...expansion(raised, e, callee));
  }
  return out;
}
