/**
 * The host interface (docs/CONTRACTS.md): the runtime is bundled into each program, and the
 * program's host (the CLI, the page's worker, tests) talks to that one copy through a global
 * hook read when this module is first evaluated:
 *
 *     globalThis.__asyncio_host__ = {
 *       clock: { kind: "virtual" } | { kind: "wall", speed: 1 },
 *       stdout(text), stderr(text),            // called as the program writes (no buffering)
 *       onEvent?(event),                       // instrumentation subscriber
 *       exit?(status),                         // called by finish() once the program is over
 *       mapPosition?(line, column),            // bundle position → reader's source (tracebacks)
 *       bundleUrl?: string,                    // stack frames of other URLs are not the reader's
 *       pulse?(),                              // called every few hundred handles: alive
 *     };
 *
 * Filled in by the runtime, for the host to call:
 *   runtime        the module object (everything `import * as asyncio` gives)
 *   reportError(e) prints what CPython prints for an uncaught exception and returns the exit
 *                  status: a traceback and 1; nothing for a deadlock (already reported);
 *                  for SystemExit what Python's exit does with its code (exitStatus below);
 *                  for KeyboardInterrupt a traceback, and status 130 with signal "SIGINT"
 *   signal         "SIGINT" once an uncaught KeyboardInterrupt was reported, else null:
 *                  CPython then ends by SIGINT (a shell sees 130), and so should a host that can
 *   finish(error?) once the program's module has been evaluated (pass the import's error, if
 *                  any): waits until no asyncio.run() is in progress and pending rejections
 *                  have been reported, calls exit(status) and resolves to the status
 *   subscribe(fn)  adds an instrumentation subscriber, returns the function that removes it
 *   reconfigure()  applies the hook's fields again: a host that evaluates the runtime before
 *                  it knows the program it will run (the page's worker, kept warm with the
 *                  runtime evaluated, issue 12) fills them in later and then calls this
 *
 * Without a hook: the virtual clock, standard output/error of Node if present (else of a
 * worker, posted as `{ stream, text }`).
 */
import { Deadlock, KeyboardInterrupt, SystemExit } from "./exceptions.ts";
import { str } from "./format.ts";
import { subscribe, type LifecycleListener } from "./instrument.ts";
import { io, releaseReports, whenIdle, type ClockConfig, type PositionMapper } from "./loopstate.ts";
import { formatException } from "./traceback.ts";

export interface AsyncioHost {
  clock?: ClockConfig;
  stdout?(text: string): void;
  stderr?(text: string): void;
  onEvent?: LifecycleListener;
  exit?(status: number): void;
  mapPosition?: PositionMapper | null;
  bundleUrl?: string | null;
  /**
   * Called every few hundred handles the loop runs (tasks' steps, callbacks): a program busy
   * on the virtual clock never gives its host's timers a turn, so this is its sign of life.
   */
  pulse?(): void;
  // filled in by the runtime
  runtime?: unknown;
  reportError?(error: unknown): number;
  finish?(error?: unknown): Promise<number>;
  signal?: "SIGINT" | null;
  subscribe?(fn: LifecycleListener): () => void;
  reconfigure?(): void;
}

type NodeStream = { write(text: string): unknown };
type NodeLike = { process?: { stdout?: NodeStream; stderr?: NodeStream } };
type WorkerLike = { postMessage?: (message: unknown) => void };

function defaultSink(stream: "stdout" | "stderr"): (text: string) => void {
  const g = globalThis as NodeLike & WorkerLike;
  const s = g.process?.[stream];
  if (s && typeof s.write === "function") return (text) => void s.write(text);
  if (typeof g.postMessage === "function") return (text) => g.postMessage!({ stream, text });
  return () => {};
}

const hook: AsyncioHost = ((globalThis as { __asyncio_host__?: AsyncioHost }).__asyncio_host__ ??= {});

/** The exit status so far: 1 once an uncaught error was reported. */
let status = 0;

/** Applies a host description (the global hook, or a test's) to the runtime. */
export function configureHost(h: AsyncioHost): void {
  io.stdout = h.stdout ? h.stdout.bind(h) : defaultSink("stdout");
  io.stderr = h.stderr ? h.stderr.bind(h) : defaultSink("stderr");
  io.clock = h.clock ?? { kind: "virtual" };
  io.mapPosition = h.mapPosition ?? null;
  io.bundleUrl = h.bundleUrl ?? null;
  io.pulse = h.pulse ? h.pulse.bind(h) : null;
}

/**
 * What Python does with an uncaught `SystemExit` (pythonrun.c, `_Py_HandleSystemExit`): its
 * `code` (the single argument; None without one; the args tuple with several) is the status
 * when it is None (0) or an int (the OS keeps its low 8 bits: `SystemExit(256)` is 0,
 * `SystemExit(-1)` 255); anything else is printed to stderr with `str()` and the status is 1.
 */
export function exitStatus(exc: SystemExit): number {
  const args = exc.args;
  const code = args.length === 0 ? null : args.length === 1 ? args[0] : args;
  if (code === null || code === undefined) return 0;
  if (typeof code === "boolean") return Number(code);
  if (typeof code === "number" && Number.isInteger(code)) return code & 0xff;
  if (typeof code === "bigint") return Number(BigInt.asUintN(8, code));
  io.stderr(`${Array.isArray(code) ? exc.__str__() : str(code)}\n`);
  return 1;
}

/** CPython's status for an uncaught KeyboardInterrupt: it kills itself with SIGINT (128 + 2). */
const SIGINT_STATUS = 130;

/** Prints the report of an uncaught error (CPython's traceback) and returns the exit status. */
export function reportError(error: unknown): number {
  try {
    if (error instanceof SystemExit) {
      status = exitStatus(error);
      return status;
    }
    if (!(error instanceof Deadlock)) io.stderr(formatException(error));
    if (error instanceof KeyboardInterrupt) {
      hook.signal = "SIGINT";
      status = SIGINT_STATUS;
      return status;
    }
    status = 1;
    return 1;
  } finally {
    // Reports held back behind this exception (loopstate.ts holdReport) come after it.
    releaseReports();
  }
}

/** See the module comment. */
export async function finish(...error: unknown[]): Promise<number> {
  if (error.length > 0) reportError(error[0]);
  await whenIdle();
  // One macrotask: rejections nobody handled are reported (by the host) before the end.
  await new Promise((resolve) => setTimeout(resolve, 0));
  hook.exit?.(status);
  return status;
}

/** The hook's subscriber already subscribed, so that reconfigure() adds each one once. */
let subscribed: LifecycleListener | undefined;

function applyHook(): void {
  configureHost(hook);
  if (hook.onEvent && hook.onEvent !== subscribed) {
    subscribed = hook.onEvent;
    subscribe(hook.onEvent);
  }
}

applyHook();
hook.reconfigure = applyHook;
hook.reportError = reportError;
hook.finish = finish;
hook.signal = null;
hook.subscribe = subscribe;

export { hook };
