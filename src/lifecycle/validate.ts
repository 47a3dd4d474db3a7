/**
 * The page's own check of life-cycle events (issue 9: defence in depth). Events come from a
 * program running in the sandbox, which may forge them (`postMessage` from the reader's code);
 * the runner validates them too, and the model validates again before it does any work.
 *
 * `parseEvent` accepts a value only when it has exactly the shape of a `LifecycleEvent`
 * (src/asyncio/instrument.ts): a known `type`, every field of the right type, ids, sequence
 * numbers and iterations safe non-negative integers, times finite, enumerations one of their
 * values. It returns a fresh object holding only the known fields (nothing else a forged event
 * carries is kept), with strings cut to a bound: the view never shows more than that of a repr
 * or a printed line, and a run cannot make it hold more. Pure, no DOM.
 *
 * A new event type or field in instrument.ts must be added here, or the view ignores it.
 */
import type { LifecycleEvent, ObjectId } from "../asyncio/instrument.ts";

/** Longest name, coroutine, repr, callback or detail kept (longer ones are cut, ending in "…"). */
export const MAX_LABEL = 2000;
/** Longest printed text kept per print event. */
export const MAX_PRINT = 10_000;
/** Highest line number accepted (a source file the playground runs is far shorter). */
export const MAX_LINE = 1_000_000;

type Raw = Record<string, unknown>;

const isObject = (x: unknown): x is Raw => typeof x === "object" && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is ObjectId => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
const isCount = isId;
const isTime = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const isBool = (x: unknown): x is boolean => typeof x === "boolean";

function text(x: unknown, max = MAX_LABEL): string | undefined {
  if (typeof x !== "string") return undefined;
  return x.length > max ? x.slice(0, max - 1) + "…" : x;
}

function oneOf<T extends string>(x: unknown, values: readonly T[]): T | undefined {
  return typeof x === "string" && (values as readonly string[]).includes(x) ? (x as T) : undefined;
}

/** An optional line field: absent, or a 1-based line number. `false` when present but wrong. */
function line(r: Raw): number | undefined | false {
  if (!("line" in r) || r.line === undefined) return undefined;
  const v = r.line;
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 1 && v <= MAX_LINE ? v : false;
}

/**
 * Adds the optional `line` (interface 1 of HELPERS.md: `step-begin`, `step-end`,
 * `task-suspended` and `print` may carry the reader's source line).
 */
function withLine(e: LifecycleEvent, at: number | undefined): LifecycleEvent {
  return at === undefined ? e : Object.assign(e, { line: at });
}

/** The reader's source line an event carries, if any (see `withLine`). */
export function lineOf(e: LifecycleEvent): number | null {
  const v = (e as { line?: unknown }).line;
  return typeof v === "number" ? v : null;
}

/**
 * The event, checked and copied, or null when it has the wrong shape. Never throws, whatever
 * it is given (getters are not called: only own data of plain objects is read).
 */
export function parseEvent(raw: unknown): LifecycleEvent | null {
  try {
    return parse(raw);
  } catch {
    // a Proxy or a getter that throws: not an event
    return null;
  }
}

function parse(raw: unknown): LifecycleEvent | null {
  if (!isObject(raw)) return null;
  const r = raw;
  const { seq, time, iteration, type } = r;
  if (!isCount(seq) || !isTime(time) || !isCount(iteration) || typeof type !== "string") return null;
  // the fields are written out in each literal below (no spread of a shared base object): one
  // allocation per event instead of two, on the page's main thread, for every event of a run
  switch (type) {
    case "iteration-begin":
      if (!isCount(r.ready) || !isCount(r.timers)) return null;
      return { seq, time, iteration, type, ready: r.ready, timers: r.timers };
    case "task-created": {
      const name = text(r.name);
      const coro = text(r.coro);
      const repr = text(r.repr);
      if (!isId(r.task) || name === undefined || coro === undefined || repr === undefined) return null;
      return { seq, time, iteration, type, task: r.task, name, coro, repr };
    }
    case "step-scheduled": {
      const reason = oneOf(r.reason, ["created", "yield", "wakeup"] as const);
      if (!isId(r.task) || reason === undefined) return null;
      return { seq, time, iteration, type, task: r.task, reason };
    }
    case "step-begin": {
      const throwing = r.throwing === null ? null : oneOf(r.throwing, ["CancelledError"] as const);
      const at = line(r);
      if (!isId(r.task) || throwing === undefined || !isBool(r.firstStep) || at === false) return null;
      if (r.eager !== undefined && r.eager !== true) return null;
      const e: LifecycleEvent = { seq, time, iteration, type, task: r.task, throwing, firstStep: r.firstStep };
      // an eager task's first step (issue 11: Created → Running, never scheduled)
      if (r.eager === true) e.eager = true;
      return withLine(e, at);
    }
    case "task-renamed": {
      const name = text(r.name);
      if (!isId(r.task) || name === undefined) return null;
      return { seq, time, iteration, type, task: r.task, name };
    }
    case "step-end": {
      const outcome = oneOf(r.outcome, ["suspended", "yielded", "done"] as const);
      const at = line(r);
      if (!isId(r.task) || outcome === undefined || !isBool(r.bodyRan) || at === false) return null;
      const e: LifecycleEvent = { seq, time, iteration, type, task: r.task, outcome, bodyRan: r.bodyRan };
      return withLine(e, at);
    }
    case "task-suspended": {
      const onRepr = text(r.onRepr);
      const repr = r.repr === undefined ? undefined : text(r.repr);
      const at = line(r);
      if (!isId(r.task) || !isId(r.on) || onRepr === undefined || at === false) return null;
      if (r.repr !== undefined && repr === undefined) return null;
      const e: LifecycleEvent = { seq, time, iteration, type, task: r.task, on: r.on, onRepr };
      if (repr !== undefined) e.repr = repr;
      return withLine(e, at);
    }
    case "task-woken":
      if (!isId(r.task) || !isId(r.by)) return null;
      return { seq, time, iteration, type, task: r.task, by: r.by };
    case "cancel-requested": {
      const msg = r.msg === null ? null : text(r.msg);
      if (!isId(r.task) || msg === undefined || !isCount(r.cancelling)) return null;
      return { seq, time, iteration, type, task: r.task, msg, cancelling: r.cancelling };
    }
    case "task-done": {
      const outcome = oneOf(r.outcome, ["result", "exception", "cancelled"] as const);
      const detail = text(r.detail);
      const repr = text(r.repr);
      if (!isId(r.task) || outcome === undefined || detail === undefined || repr === undefined) return null;
      return { seq, time, iteration, type, task: r.task, outcome, detail, repr };
    }
    case "callback-queued": {
      const callback = text(r.callback);
      if (!isId(r.handle) || callback === undefined || !(r.future === null || isId(r.future))) return null;
      return { seq, time, iteration, type, handle: r.handle, callback, future: r.future };
    }
    case "callback-run": {
      const callback = text(r.callback);
      if (!isId(r.handle) || callback === undefined) return null;
      return { seq, time, iteration, type, handle: r.handle, callback };
    }
    case "timer-added": {
      const callback = text(r.callback);
      if (!isId(r.handle) || !isTime(r.when) || callback === undefined) return null;
      return { seq, time, iteration, type, handle: r.handle, when: r.when, callback };
    }
    case "timer-fired":
      if (!isId(r.handle)) return null;
      return { seq, time, iteration, type, handle: r.handle };
    case "handle-cancelled":
      if (!isId(r.handle)) return null;
      return { seq, time, iteration, type, handle: r.handle };
    case "print": {
      const t = text(r.text, MAX_PRINT);
      const at = line(r);
      if (t === undefined || !(r.task === null || isId(r.task)) || at === false) return null;
      const e: LifecycleEvent = { seq, time, iteration, type, text: t, task: r.task };
      return withLine(e, at);
    }
    default:
      return null;
  }
}
