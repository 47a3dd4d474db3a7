/**
 * Messages between the page, the sandbox runner (an opaque-origin iframe) and the worker
 * that runs one program. The page talks only to the runner window; the runner owns the
 * workers and relays their messages, adding nothing but the run id it already knows.
 *
 * Everything here is plain data (structured clone); output is text and is rendered as text.
 */
import type { LifecycleEvent } from "../asyncio/instrument.ts";

export type ClockChoice = { kind: "virtual" } | { kind: "wall"; speed: number };

/** One program to run: an ESM bundle and its source map (JSON text with the reader's source). */
export interface RunRequest {
  type: "run";
  runId: number;
  code: string;
  map: string;
  /**
   * The runtime module, when the bundle imports it from RUNTIME_PLACEHOLDER instead of
   * containing it (bundles built in the page, compile-options.ts).
   */
  runtime?: string;
  clock: ClockChoice;
}

export interface StopRequest {
  type: "stop";
  runId: number;
}

export type ToRunner = RunRequest | StopRequest;

/**
 * An item of output, in the order the program produced it. `s` on stdout is the seq of the
 * `print` event that produced the text (absent for text written without print()).
 */
export type OutputItem =
  | { k: "out"; t: string; s?: number }
  | { k: "err"; t: string }
  | { k: "ev"; e: LifecycleEvent[] }
  /** Lines the worker did not forward because the output cap was reached. */
  | { k: "drop"; n: number };

export type FromWorker =
  | { type: "batch"; items: OutputItem[] }
  | { type: "beat" }
  | { type: "started" }
  | { type: "exit"; status: number };

export type FromRunner =
  | { type: "ready" }
  | (FromWorker & { runId: number })
  | { type: "stopped"; runId: number }
  /** The runner ended a program that gave no sign of life for `silentMs`. */
  | { type: "hung"; runId: number; silentMs: number };

/** The import specifier the worker replaces with the runtime module's blob URL. */
export const RUNTIME_PLACEHOLDER = "asyncio-runtime:placeholder";

/** How many output lines the worker forwards before it only counts them. */
export const MAX_FORWARDED_LINES = 1000;
/** How many life-cycle events a run forwards before dropping the rest (memory guard). */
export const MAX_FORWARDED_EVENTS = 100_000;
/** Heartbeat period of the worker; the runner's watchdog waits several periods. */
export const HEARTBEAT_MS = 200;
/**
 * A program that gives no sign of life for this long is stuck in a synchronous loop (it
 * prints nothing, schedules nothing, and never lets its worker's timers run).
 */
export const HUNG_AFTER_MS = 4 * HEARTBEAT_MS;
