/**
 * Shape checks for everything that crosses the sandbox's walls (protocol.ts). The runner
 * reads every worker message with `readWorkerMessage`, the page every runner message with
 * `readRunnerMessage`: each returns a fresh object holding only the fields the protocol
 * has, or null for anything else. Strings are bounded, numbers finite, ids and sequence
 * numbers safe integers; nothing is assumed about where a message came from.
 *
 * Pure functions, no DOM: the runner, the worker, the page and Node tests share them.
 */
import type { LifecycleEvent } from "../asyncio/instrument.ts";
import {
  LIMIT_KINDS,
  MAX_BATCH_ITEMS,
  MAX_EVENT_STRING,
  MAX_FORWARDED_EVENTS,
  MAX_OUTPUT_CHARS,
  MAX_PROGRAM_CHARS,
  type ClockChoice,
  type FromRunner,
  type FromWorker,
  type LimitKind,
  type OutputItem,
  type ToRunner,
} from "./protocol.ts";

type Data = Record<string, unknown>;

/** A plain record (what structured clone makes of an object), not an array. */
function record(value: unknown): Data | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Data) : null;
}

/**
 * A record with no field but those named. Extra fields are refused, not ignored: a message
 * is decoded whole before it can be checked, so each one must either count against a budget
 * or end the run (a message padded with megabytes of junk ends it at the first).
 */
function exactly(value: unknown, allowed: readonly string[]): Data | null {
  const r = record(value);
  if (r === null) return null;
  for (const key in r) if (!allowed.includes(key)) return null;
  return r;
}

/** An array with nothing but its elements (structured clone keeps an array's named fields). */
function plainArray(value: unknown, max: number): unknown[] | null {
  return Array.isArray(value) && value.length <= max && Object.keys(value).length === value.length ? value : null;
}

export function isSafeId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isString(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length <= max;
}

/** A run id: the page numbers runs from 1; -1 is its probe of a runner it doubts. */
function isRunId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= -1;
}

// ------------------------------------------------------------------ life-cycle events

/** Fields that name a task, future or handle: a serial number, or null where allowed. */
const ID_FIELDS = new Set(["task", "on", "by", "handle", "future"]);
/** Fields that are counts or line numbers. */
const INTEGER_FIELDS = new Set(["ready", "timers", "cancelling", "line"]);
/** Fields that are times (seconds on the loop's clock). */
const TIME_FIELDS = new Set(["time", "when"]);
/** More fields than any event has, with room for additions (instrument.ts). */
const MAX_EVENT_FIELDS = 16;
const EVENT_TYPE = /^[a-z][a-z-]{0,39}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

/**
 * Checks one life-cycle event's shape without knowing every type (the runtime adds event
 * types and optional fields; LifecycleModel checks each type's fields): a flat record of
 * at most MAX_EVENT_FIELDS primitives, `type` a short lower-case name, `seq` and
 * `iteration` safe integers, times finite, ids safe integers (or null), strings at most
 * MAX_EVENT_STRING long. Returns the total length of its strings, or -1 if it is refused.
 */
export function checkEvent(value: unknown): number {
  const e = record(value);
  if (e === null) return -1;
  if (typeof e.type !== "string" || !EVENT_TYPE.test(e.type)) return -1;
  if (!isSafeId(e.seq) || !isSafeId(e.iteration) || !isFiniteNumber(e.time)) return -1;
  let fields = 0;
  let chars = 0;
  for (const key in e) {
    if (++fields > MAX_EVENT_FIELDS || !FIELD_NAME.test(key)) return -1;
    const v = e[key];
    if (ID_FIELDS.has(key)) {
      if (v !== null && !isSafeId(v)) return -1;
    } else if (INTEGER_FIELDS.has(key)) {
      if (!Number.isSafeInteger(v)) return -1;
    } else if (TIME_FIELDS.has(key)) {
      if (!isFiniteNumber(v)) return -1;
    } else if (typeof v === "string") {
      if (v.length > MAX_EVENT_STRING) return -1;
      chars += v.length;
    } else if (typeof v === "number") {
      if (!Number.isFinite(v)) return -1;
    } else if (typeof v !== "boolean" && v !== null) {
      return -1;
    }
  }
  return chars;
}

/**
 * What the worker does to each event before it sends it, so that the runner never refuses
 * an honest one: strings longer than MAX_EVENT_STRING are shortened (with "…"), and fields
 * that are not primitives are left out. Returns a new record.
 */
export function sanitizeEvent(e: LifecycleEvent): LifecycleEvent {
  const out: Data = {};
  let fields = 0;
  for (const key in e) {
    const v = (e as unknown as Data)[key];
    if (typeof v === "string") out[key] = v.length > MAX_EVENT_STRING ? `${v.slice(0, MAX_EVENT_STRING - 1)}…` : v;
    else if (typeof v === "number" || typeof v === "boolean" || v === null) out[key] = v;
    else continue;
    if (++fields >= MAX_EVENT_FIELDS) break;
  }
  return out as unknown as LifecycleEvent;
}

// ------------------------------------------------------------------ output items

/** Result of reading a batch: its items and the text length of its events. */
export interface ReadBatch {
  items: OutputItem[];
  eventChars: number;
  events: number;
}

/**
 * Reads a batch's items: `out`/`err` text of at most `maxText` characters each, `s` a safe
 * integer, `drop` counts safe integers, `ev` arrays of valid events. At most MAX_BATCH_ITEMS
 * items and MAX_FORWARDED_EVENTS events. Returns null if anything is off.
 */
export function readItems(value: unknown, maxText: number): ReadBatch | null {
  const list = plainArray(value, MAX_BATCH_ITEMS);
  if (list === null) return null;
  const items: OutputItem[] = [];
  let eventChars = 0;
  let events = 0;
  for (const raw of list) {
    const item = record(raw);
    if (item === null) return null;
    switch (item.k) {
      case "out": {
        if (exactly(item, ["k", "t", "s"]) === null || !isString(item.t, maxText)) return null;
        if (item.s === undefined) items.push({ k: "out", t: item.t });
        else if (isSafeId(item.s)) items.push({ k: "out", t: item.t, s: item.s });
        else return null;
        break;
      }
      case "err":
        if (exactly(item, ["k", "t"]) === null || !isString(item.t, maxText)) return null;
        items.push({ k: "err", t: item.t });
        break;
      case "drop":
        if (exactly(item, ["k", "n"]) === null || !isSafeId(item.n)) return null;
        items.push({ k: "drop", n: item.n });
        break;
      case "ev": {
        const list = exactly(item, ["k", "e"]) === null ? null : plainArray(item.e, MAX_FORWARDED_EVENTS - events);
        if (list === null) return null;
        events += list.length;
        for (const e of list) {
          const chars = checkEvent(e);
          if (chars < 0) return null;
          eventChars += chars;
        }
        items.push({ k: "ev", e: list as LifecycleEvent[] });
        break;
      }
      default:
        return null;
    }
  }
  return { items, eventChars, events };
}

// ------------------------------------------------------------------ messages

/** Exit statuses are small; anything else is not a status. */
function isStatus(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 255;
}

/** What the runner reads from a worker, with the batch's event figures for its budgets. */
export type WorkerMessage =
  | { type: "batch"; batch: ReadBatch }
  | Exclude<FromWorker, { type: "batch" }>;

/**
 * A worker's message as the runner accepts it, or null. Text items may be as long as the
 * whole output budget plus one character (so that an overflow is seen, and ends the run).
 */
export function readWorkerMessage(value: unknown): WorkerMessage | null {
  const m = exactly(value, ["type", "items", "status"]);
  if (m === null) return null;
  switch (m.type) {
    case "beat":
      return { type: "beat" };
    case "busy":
      return { type: "busy" };
    case "started":
      return { type: "started" };
    case "exit":
      return isStatus(m.status) ? { type: "exit", status: m.status } : null;
    case "batch": {
      const batch = readItems(m.items, MAX_OUTPUT_CHARS + 1);
      return batch === null ? null : { type: "batch", batch };
    }
    default:
      return null;
  }
}

function isLimitKind(value: unknown): value is LimitKind {
  return typeof value === "string" && (LIMIT_KINDS as readonly string[]).includes(value);
}

/** A runner's message as the page accepts it, or null. */
export function readRunnerMessage(value: unknown): FromRunner | null {
  const m = exactly(value, ["type", "runId", "items", "status", "silentMs", "what"]);
  if (m === null) return null;
  if (m.type === "ready") return { type: "ready" };
  const runId = m.runId;
  if (!isRunId(runId)) return null;
  switch (m.type) {
    case "beat":
    case "started":
    case "stopped":
      return { type: m.type, runId };
    case "exit":
      return isStatus(m.status) ? { type: "exit", runId, status: m.status } : null;
    case "hung":
      return Number.isSafeInteger(m.silentMs) && (m.silentMs as number) >= 0 && (m.silentMs as number) <= 3_600_000
        ? { type: "hung", runId, silentMs: m.silentMs as number }
        : null;
    case "limit":
      return isLimitKind(m.what) ? { type: "limit", runId, what: m.what } : null;
    case "batch": {
      const batch = readItems(m.items, MAX_OUTPUT_CHARS);
      return batch === null ? null : { type: "batch", runId, items: batch.items };
    }
    default:
      return null;
  }
}

function readClock(value: unknown): ClockChoice | null {
  const c = record(value);
  if (c === null) return null;
  if (c.kind === "virtual") return { kind: "virtual" };
  if (c.kind === "wall" && isFiniteNumber(c.speed) && c.speed > 0 && c.speed <= 1000) return { kind: "wall", speed: c.speed };
  return null;
}

/** A command from the page as the runner accepts it, or null. */
export function readRunnerCommand(value: unknown): ToRunner | null {
  const m = record(value);
  if (m === null) return null;
  // The runtime offer belongs to no run.
  if (m.type === "runtime") return isString(m.text, MAX_PROGRAM_CHARS) ? { type: "runtime", text: m.text } : null;
  if (!isRunId(m.runId)) return null;
  if (m.type === "stop") return { type: "stop", runId: m.runId };
  if (m.type !== "run") return null;
  const clock = readClock(m.clock);
  if (clock === null || !isString(m.code, MAX_PROGRAM_CHARS) || !isString(m.map, MAX_PROGRAM_CHARS)) return null;
  const run: ToRunner = { type: "run", runId: m.runId, code: m.code, map: m.map, clock };
  if (m.runtime !== undefined) {
    if (!isString(m.runtime, MAX_PROGRAM_CHARS)) return null;
    run.runtime = m.runtime;
  }
  if (m.maxEvents !== undefined) {
    if (!Number.isSafeInteger(m.maxEvents) || (m.maxEvents as number) < 0 || (m.maxEvents as number) > MAX_FORWARDED_EVENTS) return null;
    run.maxEvents = m.maxEvents as number;
  }
  return run;
}

// ------------------------------------------------------------------ text

/** Number of "\n" in `text`. */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Splits text after its `lines`-th "\n": what may still be forwarded, and how many lines
 * (newlines) the rest holds. Lines are counted by their "\n", as the worker always did.
 */
export function takeLines(text: string, lines: number): { keep: string; dropped: number } {
  if (lines <= 0) return { keep: "", dropped: countLines(text) };
  let at = -1;
  for (let n = 0; n < lines; n++) {
    at = text.indexOf("\n", at + 1);
    if (at === -1) return { keep: text, dropped: 0 };
  }
  return { keep: text.slice(0, at + 1), dropped: countLines(text.slice(at + 1)) };
}
