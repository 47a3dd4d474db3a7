/**
 * The worker that runs one reader program: a classic worker that the sandbox runner starts
 * from a blob: URL of this script (a module worker from blob: fails inside an opaque-origin
 * iframe, tech-notes §3; the script is part of the runner's document, document.ts). It
 * waits for one `run` message, maybe preceded by a `prepare` message with the runtime
 * module. It can fetch nothing: the program and the runtime module it imports arrive as
 * text, and are imported from blob: URLs.
 *
 * It installs the runtime's host hook (`globalThis.__asyncio_host__`, src/asyncio/host.ts)
 * before the runtime is evaluated, so the runtime imported by the program picks the clock
 * chosen by the reader and writes its output here. A runtime evaluated ahead (`prepare`,
 * while the reader has not clicked yet) is given the run's part of the hook when the run
 * comes, with the hook's reconfigure(). Output and life-cycle events are sent in
 * batches, in the order they happened; a heartbeat lets the page notice a program that stops
 * answering (a synchronous loop never gives the heartbeat timer a turn).
 */
import type { LifecycleEvent } from "../../asyncio/instrument.ts";
import type { AsyncioHost } from "../../asyncio/host.ts";
import type { PositionMapper } from "../../asyncio/loopstate.ts";
import { createMapper } from "../../bundle/sourcemap.ts";
import {
  HEARTBEAT_MS,
  LONG_TEXT,
  MAX_BATCH_ITEMS,
  MAX_EVENT_CHARS,
  MAX_FORWARDED_EVENTS,
  MAX_FORWARDED_LINES,
  MAX_OUTPUT_CHARS,
  RUNTIME_PLACEHOLDER,
  WORKER_FLUSH_MS,
  type FromWorker,
  type OutputItem,
  type RunRequest,
  type ToWorker,
} from "../protocol.ts";
import { countLines, sanitizeEvent, takeLines } from "../validate.ts";

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  setInterval(fn: () => void, ms: number): number;
  setTimeout(fn: () => void, ms: number): number;
}
const scope = globalThis as unknown as WorkerScope;
// Kept before the program can replace it (it can still post whatever it likes: the runner
// checks everything, protocol.ts).
const postMessage = scope.postMessage.bind(scope);
const post = (m: FromWorker) => postMessage(m);

let items: OutputItem[] = [];
let flushScheduled = false;
let forwardedLines = 0;
let droppedLines = 0;
let forwardedChars = 0;
let forwardedEvents = 0;
let eventChars = 0;
/** seq of the last `print` event; the runtime emits it just before the printed text. */
let pendingPrintSeq: number | undefined;
let exited = false;

let lastPost = 0;

/**
 * A program that keeps printing or keeps the event loop busy is alive even when it never
 * yields to this worker's timers (a long synchronous stretch): what it does counts as a
 * heartbeat, at most one per period. Only a program that does nothing observable, such as
 * `while (true) {}`, falls silent.
 */
function alive(): void {
  const now = performance.now();
  if (now - lastPost >= HEARTBEAT_MS) {
    lastPost = now;
    post({ type: "beat" });
  }
}

/**
 * Reading a text of many megabytes is one long synchronous stretch (the engine flattens
 * the string first), in which no heartbeat can go out: say so before (protocol.ts, "busy").
 */
function busy(): void {
  lastPost = performance.now();
  post({ type: "busy" });
}

function flush(): void {
  flushScheduled = false;
  if (droppedLines > 0) {
    items.push({ k: "drop", n: droppedLines });
    droppedLines = 0;
  }
  if (items.length === 0) return;
  const batch = items;
  items = [];
  lastPost = performance.now();
  post({ type: "batch", items: batch });
}

/**
 * Batches go at most one per WORKER_FLUSH_MS (the runner counts messages per second), or at
 * once when full. A program that prints in one long synchronous stretch still streams (and
 * proves itself alive), since a flush is also due by time.
 */
function scheduleFlush(): void {
  if (items.length >= MAX_BATCH_ITEMS / 2 || performance.now() - lastPost >= HEARTBEAT_MS) flush();
  else flushLater();
}

function flushLater(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  scope.setTimeout(flush, Math.max(0, lastPost + WORKER_FLUSH_MS - performance.now()));
}

function queue(item: OutputItem): void {
  items.push(item);
  scheduleFlush();
}

/**
 * Printed text goes out at once, with what came before it, so that it is shown even if the
 * program then hangs in a synchronous loop (`print("before"); while (true) {}`): a line
 * still in the buffer would die with the worker. A token bucket keeps these posts well under
 * the runner's MAX_MESSAGES_PER_SECOND (with batches and beats); past it, a flood is batched
 * as above, one post per WORKER_FLUSH_MS.
 */
const TEXT_POSTS_BURST = 300;
const TEXT_POSTS_PER_MS = 300 / 1000;
let textTokens = TEXT_POSTS_BURST;
let textTokensAt = 0;

function flushText(): void {
  const now = performance.now();
  textTokens = Math.min(TEXT_POSTS_BURST, textTokens + (now - textTokensAt) * TEXT_POSTS_PER_MS);
  textTokensAt = now;
  if (textTokens < 1 || items.length === 0) return;
  textTokens -= 1;
  flush();
}

/**
 * Forwards text up to the line cap, then only counts the lines it drops. Past the output
 * budget it forwards one character more than the budget, so that the runner ends the run
 * with "output limit reached" (the runner is the one that decides, protocol.ts).
 */
function write(stream: "out" | "err", text: string): void {
  if (text.length === 0) return;
  if (forwardedChars > MAX_OUTPUT_CHARS) return;
  if (text.length > LONG_TEXT) busy();
  const { keep, dropped } = takeLines(text, MAX_FORWARDED_LINES - forwardedLines);
  droppedLines += dropped;
  if (keep.length === 0) {
    alive();
    flushLater();
    return;
  }
  const shown = keep.length > MAX_OUTPUT_CHARS + 1 - forwardedChars ? keep.slice(0, MAX_OUTPUT_CHARS + 1 - forwardedChars) : keep;
  forwardedChars += shown.length;
  forwardedLines += countLines(shown);
  if (stream === "out") {
    const item: OutputItem = { k: "out", t: shown };
    if (pendingPrintSeq !== undefined) item.s = pendingPrintSeq;
    pendingPrintSeq = undefined;
    queue(item);
  } else {
    queue({ k: "err", t: shown });
  }
  flushText();
  if (forwardedChars > MAX_OUTPUT_CHARS) flush();
}

/** The run's own cap on events (RunRequest.maxEvents: fewer when nobody will look at them). */
let eventCap = MAX_FORWARDED_EVENTS;

let eventBuffer: LifecycleEvent[] = [];
function onEvent(e: LifecycleEvent): boolean {
  if (forwardedEvents >= eventCap || eventChars >= MAX_EVENT_CHARS) {
    // Past the cap nothing is forwarded: unsubscribe, so that the runtime stops building
    // events (the loop's pulse keeps telling that the program is alive).
    pendingPrintSeq = undefined;
    return false;
  }
  if (e.type === "print") pendingPrintSeq = e.seq;
  for (const key in e) {
    const v = (e as unknown as Record<string, unknown>)[key];
    if (typeof v === "string" && v.length > LONG_TEXT) busy();
  }
  const event = sanitizeEvent(e);
  let chars = 0;
  for (const key in event) {
    const v = (event as unknown as Record<string, unknown>)[key];
    if (typeof v === "string") chars += v.length;
  }
  if (eventChars + chars > MAX_EVENT_CHARS) {
    eventChars = MAX_EVENT_CHARS;
    pendingPrintSeq = undefined;
    return false;
  }
  eventChars += chars;
  forwardedEvents++;
  // Events ride in the same ordered stream as the text; consecutive events share one item.
  const last = items[items.length - 1];
  if (last !== undefined && last.k === "ev" && last.e === eventBuffer) {
    eventBuffer.push(event);
    if (eventBuffer.length % 256 === 0) scheduleFlush();
  } else {
    eventBuffer = [event];
    queue({ k: "ev", e: eventBuffer });
  }
  return true;
}

/** Set when an uncaught error was reported: the program's exit status is then 1. */
let reportedError = false;

/**
 * The runtime calls exit() one macrotask after the last asyncio.run() ended, counting on
 * unhandled rejections being reported by then (true in Node, where they are emitted before
 * timers). In a browser worker the `unhandledrejection` event is a task of its own that may
 * come after that timer, so the end waits two more turns of the event loop for it.
 */
function exit(status: number): void {
  if (exited) return;
  exited = true;
  scope.setTimeout(() => {
    scope.setTimeout(() => {
      flush();
      // A status is 0..255 (protocol.ts): 0, 1, SystemExit's code, 130 for KeyboardInterrupt.
      const code = Number.isSafeInteger(status) ? Math.min(Math.max(status, 0), 255) : 1;
      post({ type: "exit", status: reportedError ? Math.max(code, 1) : code });
    }, 0);
  }, 0);
}

const blobUrl = (text: string) => URL.createObjectURL(new Blob([text], { type: "text/javascript" }));

/**
 * The hook the runtime reads when it is evaluated. Until the run comes, its output goes
 * nowhere (the runtime prints nothing while being evaluated) and it has no subscriber.
 */
const host: AsyncioHost = {
  stdout: () => {},
  stderr: () => {},
  pulse: alive,
  exit,
};
(globalThis as { __asyncio_host__?: AsyncioHost }).__asyncio_host__ = host;

/** The runtime evaluated ahead of the run: its blob: URL once evaluated. */
let prepared: Promise<string> | null = null;

scope.onmessage = (e) => {
  const message = e.data;
  if (message.type === "prepare") {
    if (prepared !== null) return;
    const url = blobUrl(message.runtime);
    prepared = import(/* @vite-ignore */ url).then(() => url);
    // A failure is reported by the run that needs it.
    prepared.catch(() => {});
    return;
  }
  if (message.type !== "run") return;
  scope.onmessage = null;
  void start(message);
};

/**
 * The source map is read when a traceback first needs it, not before the program starts:
 * parsing it was 5–25 ms of a cold Run's start on the 2-core machine (issue 12), and most
 * runs print no traceback.
 */
function lazyMapper(map: string): PositionMapper {
  let mapper: PositionMapper | undefined;
  return (line, column) => (mapper ??= createMapper(map))(line, column);
}

async function start(request: RunRequest): Promise<void> {
  scope.setInterval(alive, HEARTBEAT_MS / 2);
  if (request.maxEvents !== undefined) eventCap = Math.min(Math.max(request.maxEvents, 0), MAX_FORWARDED_EVENTS);
  let code = request.code;
  let failed = false;
  let failure: unknown;
  try {
    // The program imports the runtime from a placeholder: point it at this worker's copy,
    // the run's own or the one evaluated ahead.
    const runtimeUrl = request.runtime !== undefined ? blobUrl(request.runtime) : await prepared;
    if (runtimeUrl !== null) code = code.split(JSON.stringify(RUNTIME_PLACEHOLDER)).join(JSON.stringify(runtimeUrl));
  } catch (error) {
    // The runtime evaluated ahead failed: the run reports it as the import's failure.
    failed = true;
    failure = error;
  }
  const url = blobUrl(code);
  host.clock = request.clock;
  host.stdout = (text) => write("out", text);
  host.stderr = (text) => write("err", text);
  // No events wanted: no subscriber, so the runtime builds none.
  host.onEvent = eventCap > 0 ? onEvent : undefined;
  host.mapPosition = request.map === "" ? null : lazyMapper(request.map);
  host.bundleUrl = url;
  // A runtime evaluated ahead read the hook before the run's fields were in it.
  host.reconfigure?.();
  // An exception or rejection nobody handled gets CPython's report, not the engine's. The
  // runtime's finish() waits one macrotask so that these are reported before the end.
  addEventListener("unhandledrejection", (e: PromiseRejectionEvent) => {
    e.preventDefault();
    report(host, e.reason);
  });
  addEventListener("error", (e: ErrorEvent) => {
    e.preventDefault();
    report(host, e.error ?? e.message);
  });
  post({ type: "started" });
  if (!failed) {
    try {
      await import(/* @vite-ignore */ url);
    } catch (error) {
      // A top-level throw, or a rejected top-level await (runtime-notes §7).
      failed = true;
      failure = error;
    }
  }
  if (host.finish) {
    // Waits until no asyncio.run() is in progress, then calls exit(status).
    await (failed ? host.finish(failure) : host.finish());
  } else {
    // The bundle failed before its runtime was even evaluated.
    if (failed) report(host, failure);
    exit(failed ? 1 : 0);
  }
}

function report(host: AsyncioHost, error: unknown): void {
  if (host.reportError) {
    // SystemExit(0) / SystemExit() end the program with status 0 (rt, issue 10).
    if (host.reportError(error) !== 0) reportedError = true;
    return;
  }
  reportedError = true;
  const e = error instanceof Error ? error : new Error(String(error));
  write("err", `Traceback (most recent call last):\n${e.name}: ${e.message}\n`);
}
