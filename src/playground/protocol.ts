/**
 * Messages between the page, the sandbox runner (an opaque-origin iframe) and the worker
 * that runs one program. The page talks only to the runner window; the runner owns the
 * workers and relays what they say.
 *
 * Trust: the worker runs the reader's program in its own global scope, so anything that
 * comes out of it may be forged (`globalThis.postMessage(...)` is one call away). The runner
 * is the trust boundary: it accepts only the shapes below (validate.ts), enforces the
 * budgets below by itself, and ends the worker when one is broken. The page validates the
 * runner's messages again (defence in depth). Output is text and is rendered as text.
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
   * containing it (every bundle the page runs, compile-options.ts). The worker cannot fetch
   * anything (the runner's CSP has connect-src 'none'), so whatever module a bundle imports
   * travels as text: here, or once ahead of the runs in a RuntimeOffer, which the page
   * leaves this out for.
   */
  runtime?: string;
  clock: ClockChoice;
  /**
   * How many life-cycle events the worker forwards (0..MAX_FORWARDED_EVENTS, the default).
   * The page asks for all of them only when someone will look (the Life-cycle view is open,
   * or check() runs the program); otherwise for a few, so that a run costs little and the
   * page keeps little (issue 13).
   */
  maxEvents?: number;
}

export interface StopRequest {
  type: "stop";
  runId: number;
}

/**
 * The runtime module the page's programs import, offered once, before any Run (issue 12): the
 * runner gives it to the worker it keeps spare, which evaluates it while the reader is still
 * reading, so a Run only evaluates the program itself. Measured on a cold page, evaluating
 * the runtime after the click was 10–45 ms of a 150–250 ms Run on the 2-core machine.
 */
export interface RuntimeOffer {
  type: "runtime";
  text: string;
}

export type ToRunner = RunRequest | StopRequest | RuntimeOffer;

/**
 * What the runner tells a worker: a run, or, before it, the runtime to evaluate ahead
 * (RuntimeOffer). A run without `runtime` then uses the one the worker evaluated.
 */
export type ToWorker = RunRequest | { type: "prepare"; runtime: string };

/**
 * An item of output, in the order the program produced it. `s` on stdout is the seq of the
 * `print` event that produced the text (absent for text written without print()).
 */
export type OutputItem =
  | { k: "out"; t: string; s?: number }
  | { k: "err"; t: string }
  | { k: "ev"; e: LifecycleEvent[] }
  /** Lines not forwarded because the line cap was reached. */
  | { k: "drop"; n: number };

export type FromWorker =
  | { type: "batch"; items: OutputItem[] }
  | { type: "beat" }
  /**
   * The worker is about to read a very long text (a print of many megabytes): reading it
   * is one synchronous stretch (the engine flattens the string) in which it cannot beat.
   * The runner then waits up to BUSY_GRACE_MS before it calls the program hung. (A program
   * could forge this, as it could forge beats: the run limit still holds.)
   */
  | { type: "busy" }
  | { type: "started" }
  | { type: "exit"; status: number };

/** Which budget a run broke (the runner ended it). */
export type LimitKind =
  /** More than MAX_OUTPUT_CHARS characters of text. */
  | "output"
  /** More than MAX_FORWARDED_EVENTS life-cycle events, or MAX_EVENT_CHARS of their text. */
  | "events"
  /** More than MAX_MESSAGES_PER_SECOND messages in a second, or MAX_RUN_ITEMS items in all. */
  | "rate"
  /** A message of a shape the protocol does not have (only a forged one can be). */
  | "protocol"
  /** Longer than RUN_LIMIT_MS. */
  | "time";

export const LIMIT_KINDS: readonly LimitKind[] = ["output", "events", "rate", "protocol", "time"];

export type FromRunner =
  | { type: "ready" }
  | { type: "batch"; runId: number; items: OutputItem[] }
  /** The runner is alive and the run goes on (sent by the runner itself, not relayed). */
  | { type: "beat"; runId: number }
  | { type: "started"; runId: number }
  | { type: "exit"; runId: number; status: number }
  | { type: "stopped"; runId: number }
  /** The runner ended a program that gave no sign of life for `silentMs`. */
  | { type: "hung"; runId: number; silentMs: number }
  /** The runner ended a program that broke a budget. */
  | { type: "limit"; runId: number; what: LimitKind };

/** The import specifier the worker replaces with the runtime module's blob URL. */
export const RUNTIME_PLACEHOLDER = "asyncio-runtime:placeholder";

// ------------------------------------------------------------------ budgets of one run
// The worker keeps to them by itself (so that an honest program never breaks one); the
// runner enforces them whatever the worker says.

/** Output lines forwarded before the rest is only counted ("... N more lines"). */
export const MAX_FORWARDED_LINES = 1000;
/**
 * Characters of output (stdout and stderr) a run may send. An honest program that prints
 * more is ended with "output limit reached": far beyond what a tutorial program prints
 * (a thousand lines of a hundred characters), small enough for the page to lay out at once
 * (a line of 200,000 characters takes Chromium about 200 ms).
 */
export const MAX_OUTPUT_CHARS = 100_000;
/** Life-cycle events a run forwards; the worker drops the rest (memory guard). */
export const MAX_FORWARDED_EVENTS = 100_000;
/** Characters of text in one event field (reprs, printed text); the worker shortens longer ones. */
export const MAX_EVENT_STRING = 1000;
/** Characters of text in all the events of a run; the worker stops forwarding events there. */
export const MAX_EVENT_CHARS = 8_000_000;
/**
 * Messages per second from one worker. The worker sends a few dozen (batches are throttled
 * to one per WORKER_FLUSH_MS, plus heartbeats); only a forged flood comes near this.
 */
export const MAX_MESSAGES_PER_SECOND = 1000;
/**
 * Items of output (texts, counts of lines, groups of events) in a whole run. An honest run
 * stays far below: its text and its events have budgets of their own. Every message the
 * runner reads either counts against a budget or ends the run, so that the work a program
 * can cause the runner is bounded.
 */
export const MAX_RUN_ITEMS = 300_000;
/** Items in one batch (the worker flushes long before). */
export const MAX_BATCH_ITEMS = 4096;
/**
 * Life-cycle events in one batch the runner sends the page; more go in the next message.
 * The page reads, checks and files the events of a message in one task (10–20 µs of
 * thread time an event in Chromium, most of it the Life-cycle view's model), and can split
 * its work only between messages (sandbox.ts): 2,000 keep that task under 40 ms, so that a
 * page fed at full speed (a forged flood, or a run of 100,000 events) still answers between
 * messages. 10,000 made tasks of 80–145 ms.
 */
export const MAX_RELAY_EVENTS = 2_000;
/** A text this long takes the worker a while to read: it says "busy" first. */
export const LONG_TEXT = 1_000_000;
/** Wall-clock limit of one run, enforced by the runner and by the page. */
export const RUN_LIMIT_MS = 60_000;
/** Largest program (code, source map, runtime) the runner accepts, in characters. */
export const MAX_PROGRAM_CHARS = 8_000_000;

/** How often the worker may post a batch, at most (ms); a full batch goes at once. */
export const WORKER_FLUSH_MS = 16;
/** How often the runner may post a batch to the page, at most (ms). */
export const RELAY_MS = 50;

/** Heartbeat period of the worker; the runner's watchdog waits several periods. */
export const HEARTBEAT_MS = 200;
/**
 * A program that gives no sign of life for this long is stuck in a synchronous loop (it
 * prints nothing, schedules nothing, and never lets its worker's timers run).
 */
export const HUNG_AFTER_MS = 4 * HEARTBEAT_MS;
/** Silence allowed after the worker said "busy" (reading 100 MB takes a second or two). */
export const BUSY_GRACE_MS = 10_000;
