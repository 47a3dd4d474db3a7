/**
 * `asyncio.run` (CPython's runners.py, `asyncio.Runner`): a new loop, the main task (it takes
 * the next `Task-N`), run until it is done, then the shutdown: cancel what is left and gather
 * it, run `shutdown_asyncgens()` and `shutdown_default_executor()` (each a Task, so each uses
 * up a `Task-N` number), unset the current loop and close it.
 *
 * It returns a Promise, because a page cannot block while the loop runs on the wall clock. On
 * the virtual clock the whole run happens inside the call, so statements after
 * `asyncio.run(main())` run after the loop, as in Python.
 */
import { Deadlock, RuntimeError, ValueError } from "./exceptions.ts";
import { iscoroutine, type Coro } from "./coroutines.ts";
import { repr } from "./format.ts";
import { BaseEventLoop, new_event_loop, raisedByResult, set_event_loop } from "./events.ts";
import { holdReport, io, loops, releaseReports, runEnded } from "./loopstate.ts";
import { RUN_FRAMES, SHUTDOWN_FRAMES } from "./pysource.ts";
import { prependFrames } from "./traceback.ts";
import { all_tasks, gather, misuseHint, type Task } from "./tasks.ts";

function checkRunArguments(main: unknown): void {
  if (loops.running !== null || (loops.activeRuns > 0 && loops.current)) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  if (!iscoroutine(main)) throw new ValueError(`a coroutine was expected, got ${repr(main)}` + misuseHint(main));
}

/**
 * What main raised leaves asyncio.run() with CPython's frames on top of main's: the reader's
 * call of asyncio.run (captured at the call, since on the wall clock the exception arrives
 * later), runners.py's `run` and `Runner.run`, and base_events.py's `run_until_complete`
 * (added by the loop).
 */
function withRunFrames(e: unknown, callSite: Error | null): unknown {
  if (callSite !== null && escaped(e)) prependFrames(e, callSite);
  return e;
}

/** Did e leave through run_until_complete (main's result, or KeyboardInterrupt/SystemExit)? */
function escaped(e: unknown): boolean {
  return e !== null && typeof e === "object" && raisedByResult.has(e);
}

/** Main's run: `return runner.run(main)` > `return self._loop.run_until_complete(task)`. */
function throughRunner(e: unknown): void {
  if (escaped(e)) prependFrames(e, [RUN_FRAMES[0], RUN_FRAMES[1]]);
}

/** The shutdown's run: `with Runner(...)` > `__exit__` > `close` > `_cancel_all_tasks`. */
function throughShutdown(e: unknown): void {
  if (escaped(e)) prependFrames(e, SHUTDOWN_FRAMES);
}

/** `asyncio.run(main, *, debug=None)`: a Promise of main's result (see the module comment). */
export function run<T>(main: Coro<T>, options?: { debug?: boolean | null }): Promise<T> {
  checkRunArguments(main);
  // An earlier run's exception was handled by now: its held reports come first.
  releaseReports();
  const callSite = io.mapPosition !== null ? new Error() : null;
  const loop = new_event_loop();
  set_event_loop(loop);
  if (options?.debug) loop.set_debug(true);
  loops.activeRuns += 1;
  loop._deferReports = true;
  // The never-retrieved reports: at the end of a run that returned; after the report of the
  // exception of one that raised (holdReport), as CPython frees those tasks after it.
  if (!loop._wall) {
    try {
      const result = runSync(loop, main);
      loop._reportUnretrieved();
      return Promise.resolve(result);
    } catch (e) {
      holdReport(() => loop._reportUnretrieved());
      return Promise.reject(withRunFrames(e, callSite));
    } finally {
      runEnded();
    }
  }
  return runAsync(loop, main).then(
    (result) => {
      loop._reportUnretrieved();
      runEnded();
      return result;
    },
    (e: unknown) => {
      holdReport(() => loop._reportUnretrieved());
      runEnded();
      return Promise.reject(withRunFrames(e, callSite));
    },
  );
}

function runSync<T>(loop: BaseEventLoop, main: Coro<T>): T {
  let deadlocked = false;
  try {
    const task = loop.create_task(main);
    return loop._runUntilComplete(task);
  } catch (e) {
    deadlocked = e instanceof Deadlock;
    throughRunner(e);
    throw e;
  } finally {
    try {
      // After a deadlock nothing could ever finish: skip the shutdown, just close.
      if (!deadlocked) {
        cancelAllTasks(loop);
        loop.run_until_complete(loop.shutdown_asyncgens());
        loop.run_until_complete(loop.shutdown_default_executor());
      }
    } finally {
      set_event_loop(null);
      loop.close();
    }
  }
}

async function runAsync<T>(loop: BaseEventLoop, main: Coro<T>): Promise<T> {
  let deadlocked = false;
  try {
    const task = loop.create_task(main);
    return await loop._runUntilCompleteAsync(task);
  } catch (e) {
    deadlocked = e instanceof Deadlock;
    throughRunner(e);
    throw e;
  } finally {
    try {
      if (!deadlocked) {
        const toCancel = cancelAll(loop);
        if (toCancel.length > 0) {
          try {
            await loop._runUntilCompleteAsync(gather(...toCancel, { return_exceptions: true }));
          } catch (e) {
            throughShutdown(e);
            throw e;
          }
          reportShutdownErrors(loop, toCancel);
        }
        await loop._runUntilCompleteAsync(loop.shutdown_asyncgens());
        await loop._runUntilCompleteAsync(loop.shutdown_default_executor());
      }
    } finally {
      set_event_loop(null);
      loop.close();
    }
  }
}

function cancelAll(loop: BaseEventLoop): Task<unknown>[] {
  const toCancel = [...all_tasks(loop)];
  for (const task of toCancel) task.cancel();
  return toCancel;
}

function reportShutdownErrors(loop: BaseEventLoop, tasks: Task<unknown>[]): void {
  for (const task of tasks) {
    if (task.cancelled()) continue;
    const exc = task.exception();
    if (exc !== null) {
      loop.call_exception_handler({ message: "unhandled exception during asyncio.run() shutdown", exception: exc, task });
    }
  }
}

/** runners._cancel_all_tasks. */
function cancelAllTasks(loop: BaseEventLoop): void {
  const toCancel = cancelAll(loop);
  if (toCancel.length === 0) return;
  try {
    loop._runUntilComplete(gather(...toCancel, { return_exceptions: true }));
  } catch (e) {
    throughShutdown(e);
    throw e;
  }
  reportShutdownErrors(loop, toCancel);
}

