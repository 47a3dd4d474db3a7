/**
 * One model of a position in a run (issue 13), used by every part of the view that names one:
 * the status line, step mode's sentence, the scrubber, the table's current row, the code's
 * highlights. A position is a number of events applied; it is named by the loop iteration it
 * falls in, the handle of that iteration (one callback the loop ran from its ready queue: a
 * task's step or a plain callback), and whether that handle is over or still running (a print
 * chosen on the timeline stops in the middle of a step). Pure.
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import type { LifecycleModel } from "./model.ts";

export interface Position {
  /** events applied */
  pos: number;
  /** which asyncio.run() of the program (0-based) */
  loop: number;
  /** the loop iteration (0: before the first one) */
  iteration: number;
  /** index of the iteration-begin event of that iteration, or -1 before the first */
  iterationStart: number;
  /** the handle the last applied event belongs to, or null (before the first handle of an iteration) */
  handle: { kind: "step"; task: ObjectId } | { kind: "callback"; label: string; task: ObjectId | null } | null;
  /** index of the handle's first event */
  handleStart: number;
  /** index after its last event (as far as the stream goes) */
  handleEnd: number;
  /** 1-based rank of the handle in its iteration, and how many the iteration ran (so far) */
  handleIndex: number;
  handles: number;
  /** the handle has events after this position: the position is inside it */
  inside: boolean;
  /** loop time (as shown) of the last applied event */
  time: number;
}

/** the last position named per model: the status line, step mode and the code ask in turn */
const last = new WeakMap<LifecycleModel, { length: number; pos: number; at: Position }>();

/** Name the position after `pos` events of `model`. */
export function locate(model: LifecycleModel, pos: number): Position {
  const memo = last.get(model);
  if (memo && memo.length === model.length && memo.pos === pos) return memo.at;
  const at = compute(model, pos);
  last.set(model, { length: model.length, pos, at });
  return at;
}

function compute(model: LifecycleModel, pos: number): Position {
  const n = model.length;
  const p = Math.max(0, Math.min(pos, n));
  const kinds = model.eventKinds;
  const events = model.events;
  const last = p - 1;
  // the handle and the iteration the last applied event belongs to
  let handleStart = -1;
  let iterationStart = -1;
  for (let i = last; i >= 0; i--) {
    if (kinds[i] === 1 && handleStart < 0) handleStart = i;
    if (kinds[i] === 2) {
      iterationStart = i;
      break;
    }
  }
  const loop = last >= 0 ? model.clock.loopOf(last) : 0;
  // an iteration of an earlier loop does not count
  if (iterationStart >= 0 && model.clock.loopOf(iterationStart) !== loop) {
    iterationStart = -1;
    handleStart = -1;
  }
  let handleEnd = -1;
  let handleIndex = 0;
  let handles = 0;
  let handle: Position["handle"] = null;
  if (handleStart >= 0) {
    handleEnd = n;
    for (let i = handleStart + 1; i < n; i++) {
      if (kinds[i] !== 0) {
        handleEnd = i;
        break;
      }
    }
    const e = events[handleStart]!;
    if (e.type === "step-begin") {
      handle = { kind: "step", task: e.task };
    } else if (e.type === "callback-run") {
      // a task's step or wake-up queued as a plain handle runs the step inside it
      let task: ObjectId | null = null;
      for (let i = handleStart + 1; i < handleEnd; i++) {
        const x = events[i]!;
        if (x.type === "step-begin") {
          task = x.task;
          break;
        }
      }
      handle = { kind: "callback", label: e.callback, task };
    }
  }
  if (iterationStart >= 0) {
    for (let i = iterationStart + 1; i < n && kinds[i] !== 2; i++) {
      if (kinds[i] !== 1) continue;
      handles++;
      if (i <= handleStart) handleIndex++;
    }
  }
  const iteration = iterationStart >= 0 ? events[iterationStart]!.iteration : 0;
  const time = last >= 0 ? events[last]!.time : (model.startTime ?? 0);
  return {
    pos: p,
    loop,
    iteration,
    iterationStart,
    handle,
    handleStart,
    handleEnd,
    handleIndex,
    handles,
    inside: handleStart >= 0 && p < handleEnd,
    time,
  };
}
