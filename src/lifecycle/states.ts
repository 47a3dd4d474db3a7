/**
 * The vocabulary of the life-cycle model: states, transitions, queue entries, frames, marks,
 * segments and snapshots (model.ts builds them, the view draws them). Pure types and labels.
 */
import type { ObjectId } from "../asyncio/instrument.ts";

export type StateName = "created" | "scheduled" | "running" | "suspended" | "done";
export type DoneOutcome = "result" | "exception" | "cancelled";

/** The label readers see, as on the diagram. */
export const STATE_LABELS: Record<StateName, string> = {
  created: "Created",
  scheduled: "Scheduled",
  running: "Running",
  suspended: "Suspended",
  done: "Done",
};

export const OUTCOME_LABELS: Record<DoneOutcome, string> = {
  result: "result",
  exception: "exception",
  cancelled: "cancelled",
};

/** "Done (cancelled)", "Suspended", ... — one spelling for the table, the markers and tests. */
export function stateLabel(state: StateName, outcome?: DoneOutcome | null): string {
  if (state === "done" && outcome) return `Done (${OUTCOME_LABELS[outcome]})`;
  return STATE_LABELS[state];
}

export interface TaskSnapshot {
  id: ObjectId;
  name: string;
  coro: string;
  state: StateName;
  outcome: DoneOutcome | null;
  /** repr of the result, the exception, or the CancelledError message, once done */
  detail: string | null;
  /** what a suspended task waits on */
  waitingOn: { id: ObjectId; repr: string } | null;
  /** the task's repr as last reported by the runtime (creation, suspension or completion) */
  repr: string;
  /** Task.cancelling(): requests not yet undone */
  cancelling: number;
  /** the step about to run will throw CancelledError in (a cancel request is pending) */
  cancelPending: boolean;
  /** iteration and event index at which the task entered its current state */
  sinceIteration: number;
  sinceSeq: number;
  /**
   * The reader's source line the task is at, when the events carry lines (interface 1 of
   * HELPERS.md): while it runs, the line being run (where its step resumed, then each print);
   * once it stopped, the line it is suspended at (where it will resume). Null when unknown or
   * done.
   */
  line: number | null;
}

export interface Transition {
  task: ObjectId;
  taskName: string;
  from: StateName;
  to: StateName;
  outcome: DoneOutcome | null;
  iteration: number;
  time: number;
  seq: number;
  /** index of the event in the stream that caused it */
  index: number;
  /** why, in a few words: "awaits <Future pending>", "woken by Task-3", "CancelledError thrown in" */
  note: string;
  /** the task's repr reported by the runtime at this transition (suspension, completion), if any */
  repr: string | null;
}

/** An entry of the loop's ready queue; `queuedAt` is the index of the event that queued it. */
export type ReadyEntry =
  | { kind: "step"; task: ObjectId; label: string; reason: "created" | "yield" | "wakeup"; queuedIteration: number; queuedAt: number; cancelled?: boolean }
  | { kind: "callback"; handle: ObjectId; label: string; future: ObjectId | null; queuedIteration: number; queuedAt: number; cancelled?: boolean }
  | { kind: "timer"; handle: ObjectId; label: string; queuedIteration: number; queuedAt: number; cancelled?: boolean };

export interface TimerEntry {
  handle: ObjectId;
  when: number;
  callback: string;
}

/** What ran in one handle: a task's step, a callback, a timer's callback. */
export interface HandleInfo {
  kind: "step" | "callback" | "timer";
  task: ObjectId | null;
  handle: ObjectId | null;
  label: string;
}

/**
 * A point where step mode can stop: the state of the run after `end` events were applied.
 * Iteration frames end where the next iteration begins; handle frames where the next handle
 * (or iteration) begins. Frame 0 is "before the first event".
 */
export interface Frame {
  kind: "start" | "iteration" | "handle" | "end";
  end: number;
  iteration: number;
  time: number;
  /** the handle that ran last in this frame, for handle frames */
  handle: HandleInfo | null;
  /** position of this handle inside its iteration (1-based), and how many ran in it so far */
  handleIndex: number;
}

export type MarkKind = "cancel" | "callback" | "print";

/** Something that happened at one instant on a task's lane (or the loop's lane when task is null). */
export interface Mark {
  kind: MarkKind;
  task: ObjectId | null;
  seq: number;
  index: number;
  iteration: number;
  time: number;
  text: string;
}

/** One stretch of a task's lane in a single state. `endIndex` is null while it lasts. */
export interface Segment {
  task: ObjectId;
  state: StateName;
  outcome: DoneOutcome | null;
  startIndex: number;
  endIndex: number | null;
  startIteration: number;
  startTime: number;
  waitingOn: string | null;
  /** the task's repr at the start of this stretch, when the runtime reported one then */
  repr: string | null;
}


/** Everything the view needs to draw the run at one frame. */
export interface Snapshot {
  /** number of events applied */
  end: number;
  iteration: number;
  time: number;
  tasks: TaskSnapshot[];
  ready: ReadyEntry[];
  /** how many of the ready entries the current iteration will still run (the rest wait) */
  readyThisIteration: number;
  timers: TimerEntry[];
  /** the handle running or last run at this point */
  current: HandleInfo | null;
}


/** "0.000" — a loop time relative to the run's start, as the table and tooltips print it. */
export function formatTime(seconds: number): string {
  const v = Math.abs(seconds) < 5e-7 ? 0 : seconds;
  return v.toFixed(3);
}
