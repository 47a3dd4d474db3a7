/**
 * The running loop and the "current" loop (CPython keeps both in events.py: the thread's
 * running loop and the policy's loop). They sit below futures.ts here so that module
 * dependencies go one way: futures → events → tasks. JavaScript runs one program per
 * thread, so one slot each is enough.
 */
import type { BaseEventLoop } from "./events.ts";
import { RuntimeError } from "./exceptions.ts";

/** The program's clock: virtual (sleeping advances time at once) or the wall clock, sped up. */
export type ClockConfig = { kind: "virtual" } | { kind: "wall"; speed: number };

/** Maps a position in the bundle (1-based line, 0-based column) to the reader's source. */
export type PositionMapper = (
  line: number,
  column: number,
) => { source: string | null; line: number | null; column: number | null; name: string | null; sourceLine?: string | null } | null;

/**
 * Where the program's output goes and how the runtime sees its host; host.ts fills this from
 * `globalThis.__asyncio_host__` (see docs/CONTRACTS.md).
 */
export const io: {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  clock: ClockConfig;
  mapPosition: PositionMapper | null;
  /** The URL of the bundle as stack frames name it; frames elsewhere are not the reader's. */
  bundleUrl: string | null;
  /** Called every few hundred handles the loop runs: a sign of life for a watching host. */
  pulse: (() => void) | null;
} = {
  stdout: () => {},
  stderr: () => {},
  clock: { kind: "virtual" },
  mapPosition: null,
  bundleUrl: null,
  pulse: null,
};

export const loops: {
  /** The loop whose run_forever is on the stack (or, on the wall clock, in progress). */
  running: BaseEventLoop | null;
  /** set_event_loop()'s loop; `undefined` until anything set it (get_event_loop then makes one). */
  current: BaseEventLoop | null | undefined;
  /** events.ts installs the loop constructor here, for get_event_loop()'s implicit loop. */
  factory: (() => BaseEventLoop) | null;
  /** asyncio.run() calls in progress (on the wall clock they outlive the call). */
  activeRuns: number;
  /** Resolved when activeRuns drops to 0. */
  idleWaiters: (() => void)[];
  /** warnings.ts installs the DeprecationWarning of get_event_loop()'s implicit loop here. */
  implicitLoopWarning: (() => void) | null;
} = { running: null, current: undefined, factory: null, activeRuns: 0, idleWaiters: [], implicitLoopWarning: null };

/** A Promise that resolves once no asyncio.run() is in progress. */
export function whenIdle(): Promise<void> {
  if (loops.activeRuns === 0) return Promise.resolve();
  return new Promise((resolve) => loops.idleWaiters.push(resolve));
}

export function runEnded(): void {
  loops.activeRuns -= 1;
  if (loops.activeRuns === 0) {
    const waiters = loops.idleWaiters.splice(0);
    for (const w of waiters) w();
  }
}

/**
 * `asyncio.get_event_loop()`: the running loop; else the current one; in CPython 3.13 an
 * implicit new loop if none was ever set (with a DeprecationWarning), and a RuntimeError once
 * `asyncio.run()` has explicitly set it back to None.
 */
export function getEventLoop(): BaseEventLoop {
  if (loops.running !== null) return loops.running;
  if (loops.current === undefined && loops.factory !== null) {
    loops.implicitLoopWarning?.();
    loops.current = loops.factory();
  }
  if (!loops.current) throw new RuntimeError("There is no current event loop in thread 'MainThread'.");
  return loops.current;
}

/** `asyncio.get_running_loop()`. */
export function getRunningLoop(): BaseEventLoop {
  const loop = loops.running;
  if (loop === null) throw new RuntimeError("no running event loop");
  return loop;
}

/**
 * Reports held back while an exception that left asyncio.run() is on its way to its handler
 * or to the host's report (runners.ts): CPython logs "Task exception was never retrieved"
 * when the task is freed, and a task the escaping traceback still references is freed only
 * after that exception has been printed (or handled). Released by the host's reportError(),
 * by the next asyncio.run(), or one macrotask later (the exception was handled meanwhile).
 */
const held: (() => void)[] = [];

export function holdReport(report: () => void): void {
  held.push(report);
  if (held.length === 1) setTimeout(releaseReports, 0);
}

export function releaseReports(): void {
  for (const report of held.splice(0)) report();
}
