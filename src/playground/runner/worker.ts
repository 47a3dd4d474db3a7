/**
 * The worker that runs one reader program. Loaded with importScripts() by a classic blob
 * worker that the sandbox runner creates (a module worker from blob: fails inside an
 * opaque-origin iframe, tech-notes §3), then it waits for one `run` message.
 *
 * It installs the runtime's host hook (`globalThis.__asyncio_host__`, src/asyncio/host.ts)
 * before the bundle is evaluated, so the runtime bundled into the program picks the clock
 * chosen by the reader and writes its output here. Output and life-cycle events are sent in
 * batches, in the order they happened; a heartbeat lets the page notice a program that stops
 * answering (a synchronous loop never gives the heartbeat timer a turn).
 */
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import type { LifecycleEvent } from "../../asyncio/instrument.ts";
import {
  HEARTBEAT_MS,
  MAX_FORWARDED_EVENTS,
  MAX_FORWARDED_LINES,
  type FromWorker,
  type OutputItem,
  type RunRequest,
} from "../protocol.ts";

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<RunRequest>) => void) | null;
  setInterval(fn: () => void, ms: number): number;
  setTimeout(fn: () => void, ms: number): number;
}
const scope = globalThis as unknown as WorkerScope;
const post = (m: FromWorker) => scope.postMessage(m);

let items: OutputItem[] = [];
let flushScheduled = false;
let forwardedLines = 0;
let droppedLines = 0;
let forwardedEvents = 0;
/** seq of the last `print` event; the runtime emits it just before the printed text. */
let pendingPrintSeq: number | undefined;
let exited = false;

function flush(): void {
  flushScheduled = false;
  if (droppedLines > 0) {
    items.push({ k: "drop", n: droppedLines });
    droppedLines = 0;
  }
  if (items.length === 0) return;
  const batch = items;
  items = [];
  post({ type: "batch", items: batch });
}

function queue(item: OutputItem): void {
  items.push(item);
  // A program that prints in one long synchronous stretch still streams: flush by size.
  if (items.length >= 256) flush();
  else if (!flushScheduled) {
    flushScheduled = true;
    scope.setTimeout(flush, 0);
  }
}

/** Forwards text up to the line cap, then only counts the lines it drops. */
function write(stream: "out" | "err", text: string): void {
  if (text.length === 0) return;
  if (forwardedLines >= MAX_FORWARDED_LINES) {
    droppedLines += countLines(text);
    if (!flushScheduled) {
      flushScheduled = true;
      scope.setTimeout(flush, 0);
    }
    return;
  }
  forwardedLines += countLines(text);
  if (stream === "out") {
    const item: OutputItem = { k: "out", t: text };
    if (pendingPrintSeq !== undefined) item.s = pendingPrintSeq;
    pendingPrintSeq = undefined;
    queue(item);
  } else {
    queue({ k: "err", t: text });
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

let eventBuffer: LifecycleEvent[] = [];
function onEvent(e: LifecycleEvent): void {
  if (e.type === "print") pendingPrintSeq = e.seq;
  if (forwardedEvents >= MAX_FORWARDED_EVENTS) return;
  forwardedEvents++;
  // Events ride in the same ordered stream as the text; consecutive events share one item.
  const last = items[items.length - 1];
  if (last !== undefined && last.k === "ev" && last.e === eventBuffer) eventBuffer.push(e);
  else {
    eventBuffer = [e];
    queue({ k: "ev", e: eventBuffer });
  }
}

function exit(status: number): void {
  if (exited) return;
  exited = true;
  flush();
  post({ type: "exit", status });
}

scope.onmessage = (e) => {
  const request = e.data;
  if (request.type !== "run") return;
  scope.onmessage = null;
  void start(request);
};

async function start(request: RunRequest): Promise<void> {
  scope.setInterval(() => post({ type: "beat" }), HEARTBEAT_MS);
  const url = URL.createObjectURL(new Blob([request.code], { type: "text/javascript" }));
  const positions = sourcePositions(request.map, url);
  const host: HostHook = {
    clock: request.clock,
    stdout: (text) => write("out", text),
    stderr: (text) => write("err", text),
    onEvent,
    exit,
    sourcePosition: positions,
  };
  (globalThis as { __asyncio_host__?: HostHook }).__asyncio_host__ = host;
  post({ type: "started" });
  try {
    await import(/* @vite-ignore */ url);
  } catch (error) {
    // A top-level throw, or a rejected top-level await (runtime-notes §7): report it the way
    // the runtime reports an unhandled exception, then end with status 1 as CPython does.
    reportUncaught(host, error);
    exit(1);
    return;
  }
  // Without asyncio.run() there is nothing that would call exit(): the module is the program.
  if (!exited && !runtimeBusy(host)) exit(0);
}

/** The host hook of src/asyncio/host.ts, as this worker fills it in. */
interface HostHook {
  clock: RunRequest["clock"];
  stdout(text: string): void;
  stderr(text: string): void;
  onEvent?: (e: LifecycleEvent) => void;
  exit?(status: number): void;
  sourcePosition?(url: string, line: number, column: number): SourcePosition | null;
  runtime?: unknown;
}

interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** Maps a generated position of the bundle to the reader's file through its source map. */
function sourcePositions(mapText: string, url: string): HostHook["sourcePosition"] {
  if (mapText === "") return undefined;
  let map: TraceMap | undefined;
  return (file, line, column) => {
    if (file !== url) return null;
    map ??= new TraceMap(mapText);
    const p = originalPositionFor(map, { line, column: Math.max(0, column - 1) });
    if (p.source === null || p.line === null) return null;
    return { file: p.source.replace(/^.*\//, ""), line: p.line, column: (p.column ?? 0) + 1 };
  };
}

interface RuntimeHooks {
  formatUncaught?(error: unknown): string;
  reportUncaught?(error: unknown): void;
  isRunning?(): boolean;
}

function runtimeOf(host: HostHook): RuntimeHooks | null {
  const rt = host.runtime;
  return typeof rt === "object" && rt !== null ? (rt as RuntimeHooks) : null;
}

function reportUncaught(host: HostHook, error: unknown): void {
  const rt = runtimeOf(host);
  if (rt?.reportUncaught) return rt.reportUncaught(error);
  if (rt?.formatUncaught) return write("err", rt.formatUncaught(error));
  // The program failed before the runtime was even evaluated (e.g. a top-level ReferenceError).
  const e = error instanceof Error ? error : new Error(String(error));
  write("err", `Traceback (most recent call last):\n${e.name}: ${e.message}\n`);
}

function runtimeBusy(host: HostHook): boolean {
  return runtimeOf(host)?.isRunning?.() ?? false;
}
