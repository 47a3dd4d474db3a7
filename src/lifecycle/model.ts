/**
 * The life-cycle model: rebuilds, from the runtime's `LifecycleEvent` stream alone, each task's
 * state at any point of a run, the list of transitions, the ready queue and the timers, and the
 * frames that step mode walks through. Pure: no DOM, so it runs in Node (tests, benchmark) and in
 * the page alike.
 *
 * States use the seed's vocabulary (Created, Scheduled, Running, Suspended, Done with a result,
 * an exception or cancelled). How the runtime's events map onto them, following CPython's
 * `Task.__step` / `__wakeup` (asyncio-semantics.md §3):
 *
 * - `task-created` → Created; the `step-scheduled` that `Task.__init__` queues with call_soon
 *   right after → Scheduled.
 * - `step-begin` → Running, *except* a first step that throws CancelledError: CPython throws it
 *   into a coroutine that never started, so the body never runs and the task goes straight from
 *   Scheduled to Done (cancelled) — the seed's "2a Canceled".
 * - `task-suspended` → Suspended on the awaited future; the wake-up being queued (`task-woken` or
 *   `step-scheduled` with reason "wakeup", whichever comes first) → Scheduled again, since the
 *   loop still has to run the step (case 01: "after set_result: wakeup only *scheduled*").
 * - a bare yield (`sleep(0)`) queues the next step inside the running step → Scheduled.
 * - `task-done` → Done with its outcome.
 */
import type { LifecycleEvent, ObjectId } from "../asyncio/instrument.ts";
import { parseEvent } from "./validate.ts";

/**
 * Most events one model keeps (the runner forwards at most 100,000 per run): whatever comes
 * after is counted in `dropped`, not stored, so a flood cannot grow the page's memory.
 */
export const MAX_EVENTS = 150_000;

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

/** The reducer's mutable state. Snapshots copy out of it. */
class Replay {
  tasks = new Map<ObjectId, TaskSnapshot>();
  order: ObjectId[] = [];
  ready: ReadyEntry[] = [];
  /** index of the first live entry in `ready` (entries before it have run): O(1) dequeues */
  readyHead = 0;
  timers = new Map<ObjectId, TimerEntry>();
  iteration = 0;
  time = 0;
  /** the ready count the runtime reported at the start of the current iteration */
  iterationReady = 0;
  handlesInIteration = 0;
  current: HandleInfo | null = null;
  /** callback handle → the future it belongs to, for done-callback marks */
  callbackFuture = new Map<ObjectId, ObjectId | null>();
  /** handles cancelled while queued: skipped when the loop reaches them */
  cancelledHandles = new Set<ObjectId>();
  lastIterationIndex = 0;
  /** the previous event started a plain callback handle (a step may run inside it) */
  callbackRunning = false;

  readyList(): ReadyEntry[] {
    return this.ready.slice(this.readyHead);
  }

  private dequeue(match: (e: ReadyEntry) => boolean): ReadyEntry | null {
    for (let i = this.readyHead; i < this.ready.length; i++) {
      const entry = this.ready[i]!;
      if (!match(entry)) continue;
      if (i === this.readyHead) {
        this.readyHead++;
      } else {
        this.ready.splice(i, 1);
      }
      // keep the array from growing without bound on long runs
      if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
        this.ready = this.ready.slice(this.readyHead);
        this.readyHead = 0;
      }
      return entry;
    }
    return null;
  }

  /**
   * Apply one event. `sink` receives the transitions, marks and handle starts it causes; the
   * snapshot replay passes a no-op sink.
   */
  apply(e: LifecycleEvent, index: number, sink: Sink | null): void {
    this.iteration = e.iteration;
    this.time = e.time;
    /** `repr`: the task's repr as the runtime reported it with this very event, if it did */
    const move = (t: TaskSnapshot, to: StateName, note: string, outcome: DoneOutcome | null = null, repr: string | null = null): void => {
      if (t.state === to && to !== "done") return;
      const from = t.state;
      t.state = to;
      t.outcome = outcome;
      t.sinceIteration = e.iteration;
      t.sinceSeq = index;
      if (to !== "suspended") t.waitingOn = null;
      sink?.transition({
        task: t.id,
        taskName: t.name,
        from,
        to,
        outcome,
        iteration: e.iteration,
        time: e.time,
        seq: e.seq,
        index,
        note,
        repr,
      }, t);
    };
    switch (e.type) {
      case "iteration-begin": {
        // cancelled handles of the previous iteration's batch were skipped without an event
        if (this.cancelledHandles.size > 0) {
          const before = this.lastIterationIndex;
          this.ready = this.readyList().filter(
            (r) => !(r.kind !== "step" && r.queuedAt < before && this.cancelledHandles.has(r.handle)),
          );
          this.readyHead = 0;
        }
        this.lastIterationIndex = index;
        this.iterationReady = e.ready;
        this.handlesInIteration = 0;
        this.current = null;
        sink?.iteration(e, index);
        break;
      }
      case "task-created": {
        const t: TaskSnapshot = {
          id: e.task,
          name: e.name,
          coro: e.coro,
          state: "created",
          outcome: null,
          detail: null,
          waitingOn: null,
          repr: e.repr,
          cancelling: 0,
          cancelPending: false,
          sinceIteration: e.iteration,
          sinceSeq: index,
        };
        this.tasks.set(e.task, t);
        this.order.push(e.task);
        sink?.created(t, index);
        break;
      }
      case "step-scheduled": {
        const t = this.tasks.get(e.task);
        this.ready.push({
          kind: "step",
          task: e.task,
          label: `${t?.name ?? `task ${e.task}`}: ${e.reason === "wakeup" ? "wake-up" : "step"}`,
          reason: e.reason,
          queuedIteration: e.iteration,
          queuedAt: index,
        });
        if (t && t.state !== "scheduled" && t.state !== "done") {
          const note =
            e.reason === "created"
              ? "first step queued (call_soon)"
              : e.reason === "yield"
                ? "yielded (sleep(0)): next step queued"
                : "wake-up queued";
          move(t, "scheduled", note);
        }
        break;
      }
      case "step-begin": {
        const t = this.tasks.get(e.task);
        if (this.callbackRunning) {
          // a step run from inside a plain handle (CPython queues task_wakeup / __step as a
          // Handle when the task is already queued): same handle, now a task's step
          if (this.current) this.current = { ...this.current, kind: "step", task: e.task };
        } else {
          this.dequeue((r) => r.kind === "step" && r.task === e.task);
          this.beginHandle({ kind: "step", task: e.task, handle: null, label: `${t?.name ?? e.task} step` }, index, e, sink);
        }
        if (!t) break;
        t.cancelPending = false;
        // CPython throws CancelledError into a coroutine that never started: it ends at once,
        // without running any of its body, so the task never was Running (seed: 2a Canceled).
        if (e.firstStep && e.throwing !== null) break;
        move(t, "running", e.throwing ? `${e.throwing} thrown in` : e.firstStep ? "body starts" : "resumes");
        break;
      }
      case "step-end": {
        this.current = null;
        break;
      }
      case "task-suspended": {
        const t = this.tasks.get(e.task);
        if (!t) break;
        // what it waits on and its repr first, so that the transition's segment carries them
        const repr = e.repr ?? null;
        if (repr) t.repr = repr;
        move(t, "suspended", `awaits ${e.onRepr}`, null, repr);
        t.waitingOn = { id: e.on, repr: e.onRepr };
        break;
      }
      case "task-woken": {
        const t = this.tasks.get(e.task);
        if (!t) break;
        if (t.state === "suspended") {
          const by = this.tasks.get(e.by);
          move(t, "scheduled", `woken by ${by ? by.name : "its future"}`);
        }
        break;
      }
      case "cancel-requested": {
        const t = this.tasks.get(e.task);
        if (t) {
          t.cancelling = e.cancelling;
          if (t.state !== "done") t.cancelPending = true;
        }
        sink?.mark({
          kind: "cancel",
          task: e.task,
          seq: e.seq,
          index,
          iteration: e.iteration,
          time: e.time,
          text: e.msg === null ? "cancel()" : `cancel(${JSON.stringify(e.msg)})`,
        });
        break;
      }
      case "task-done": {
        const t = this.tasks.get(e.task);
        if (!t) break;
        t.detail = e.detail;
        t.repr = e.repr;
        t.cancelPending = false;
        const note =
          e.outcome === "result" ? `returned ${e.detail}` : e.outcome === "exception" ? `raised ${e.detail}` : "cancelled";
        move(t, "done", note, e.outcome, e.repr);
        break;
      }
      case "callback-queued": {
        this.callbackFuture.set(e.handle, e.future);
        this.ready.push({
          kind: "callback",
          handle: e.handle,
          label: e.callback,
          future: e.future,
          queuedIteration: e.iteration,
          queuedAt: index,
        });
        break;
      }
      case "callback-run": {
        this.dequeue((r) => (r.kind === "callback" || r.kind === "timer") && r.handle === e.handle);
        const future = this.callbackFuture.get(e.handle) ?? null;
        this.callbackFuture.delete(e.handle);
        this.beginHandle({ kind: "callback", task: null, handle: e.handle, label: e.callback }, index, e, sink);
        // only the task's own step or wake-up, queued as a plain handle, runs a step inside it
        this.callbackRunning = /^Task\.task_(wakeup|step)\(\)$/.test(e.callback);
        if (future !== null) {
          sink?.mark({
            kind: "callback",
            task: this.tasks.has(future) ? future : null,
            seq: e.seq,
            index,
            iteration: e.iteration,
            time: e.time,
            text: `done callback ${e.callback}`,
          });
        }
        return;
      }
      case "timer-added": {
        this.timers.set(e.handle, { handle: e.handle, when: e.when, callback: e.callback });
        break;
      }
      case "timer-fired": {
        // a due timer moves to the end of the ready queue (CPython's _run_once); it runs later
        // in this iteration as a callback-run of the same handle
        const timer = this.timers.get(e.handle);
        this.timers.delete(e.handle);
        this.ready.push({ kind: "timer", handle: e.handle, label: timer ? timer.callback : "timer", queuedIteration: e.iteration, queuedAt: index });
        break;
      }
      case "handle-cancelled": {
        // a cancelled timer leaves the heap; a cancelled handle stays queued but will not run
        // (CPython skips it when its turn comes), so it leaves the queue shown to readers
        this.timers.delete(e.handle);
        this.cancelledHandles.add(e.handle);
        for (let i = this.readyHead; i < this.ready.length; i++) {
          const r = this.ready[i]!;
          if (r.kind !== "step" && r.handle === e.handle) this.ready[i] = { ...r, cancelled: true, label: `${r.label} (cancelled)` };
        }
        break;
      }
      case "print": {
        sink?.mark({
          kind: "print",
          task: e.task,
          seq: e.seq,
          index,
          iteration: e.iteration,
          time: e.time,
          text: e.text,
        });
        break;
      }
    }
    if (e.type !== "task-woken") this.callbackRunning = false;
  }

  private beginHandle(h: HandleInfo, index: number, e: LifecycleEvent, sink: Sink | null): void {
    this.current = h;
    this.handlesInIteration++;
    sink?.handle(h, index, e, this.handlesInIteration);
  }
}

interface Sink {
  transition(t: Transition, task: TaskSnapshot): void;
  created(t: TaskSnapshot, index: number): void;
  mark(m: Mark): void;
  handle(h: HandleInfo, index: number, e: LifecycleEvent, positionInIteration: number): void;
  iteration(e: LifecycleEvent, index: number): void;
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

/**
 * Incremental model of one run. `push` events as they arrive; everything derived (transitions,
 * segments, marks, frames) is kept up to date; `snapshotAt(end)` replays the first `end` events
 * for step mode, so stepping back and forth always yields the same frames.
 */
export class LifecycleModel {
  readonly events: LifecycleEvent[] = [];
  readonly transitions: Transition[] = [];
  readonly marks: Mark[] = [];
  /** per task, the stretches of its lane; in creation order */
  readonly segments = new Map<ObjectId, Segment[]>();
  /** task ids in creation order */
  readonly taskOrder: ObjectId[] = [];
  readonly frames: Frame[] = [{ kind: "start", end: 0, iteration: 0, time: 0, handle: null, handleIndex: 0 }];
  /** index (in `frames`) of iteration frames, and of handle frames, in order */
  readonly iterationFrames: number[] = [];
  readonly handleFrames: number[] = [];
  /** the loop time of the first event: times are shown relative to it (the clock's origin is arbitrary) */
  startTime: number | null = null;
  private live = new Replay();
  private openFrame: Frame | null = null;
  private openIterationFrame: Frame | null = null;
  private checkpoints: { end: number; replay: Replay }[] = [];
  private sink: Sink;
  /** per event: 1 if it starts a handle, 2 if it begins an iteration, else 0 */
  readonly eventKinds: number[] = [];
  /** print seq → index of its event */
  private printIndex = new Map<number, number>();

  constructor() {
    this.sink = {
      transition: (t, task) => {
        this.transitions.push(t);
        const lane = this.segments.get(t.task);
        if (lane) {
          const last = lane[lane.length - 1];
          if (last && last.endIndex === null) last.endIndex = t.index;
          lane.push({
            task: t.task,
            state: t.to,
            outcome: t.outcome,
            startIndex: t.index,
            endIndex: null,
            startIteration: t.iteration,
            startTime: t.time,
            waitingOn: t.to === "suspended" ? t.note.replace(/^awaits /, "") : null,
            repr: t.repr,
          });
        }
      },
      created: (task, index) => {
        this.taskOrder.push(task.id);
        this.segments.set(task.id, [
          {
            task: task.id,
            state: "created",
            outcome: null,
            startIndex: index,
            endIndex: null,
            startIteration: task.sinceIteration,
            startTime: this.live.time,
            waitingOn: null,
            repr: task.repr,
          },
        ]);
      },
      mark: (m) => {
        this.marks.push(m);
        if (m.kind === "print") this.printIndex.set(m.seq, m.index);
      },
      handle: (h, index, e, position) => {
        this.eventKinds[index] = 1;
        this.closeFrame(index);
        this.openFrame = { kind: "handle", end: index, iteration: e.iteration, time: e.time, handle: h, handleIndex: position };
      },
      iteration: (e, index) => {
        this.eventKinds[index] = 2;
        this.closeFrame(index);
        if (this.openIterationFrame) {
          this.openIterationFrame.end = index;
          this.frames.push(this.openIterationFrame);
          this.iterationFrames.push(this.frames.length - 1);
        }
        this.openIterationFrame = { kind: "iteration", end: index, iteration: e.iteration, time: e.time, handle: null, handleIndex: 0 };
        // the events before the first iteration (main task created by run()) form a frame too
        if (this.iterationFrames.length === 0 && index > 0) {
          this.frames.push({ kind: "iteration", end: index, iteration: 0, time: e.time, handle: null, handleIndex: 0 });
          this.iterationFrames.push(this.frames.length - 1);
        }
      },
    };
  }

  /** events refused because they did not have the shape of a life-cycle event (validate.ts) */
  rejected = 0;
  /** well-formed events not kept because the model already holds MAX_EVENTS */
  dropped = 0;

  get length(): number {
    return this.events.length;
  }

  /**
   * Add events of the run, in order. Each is checked first (`parseEvent`): one of the wrong
   * shape is counted in `rejected` and skipped, so the view never works on, or shows, a field
   * that is not what the contract says (issue 9). `events` may be anything: a batch that is not
   * an array is rejected as a whole.
   */
  push(events: readonly unknown[]): void {
    if (!Array.isArray(events)) {
      this.rejected++;
      return;
    }
    for (const raw of events as readonly unknown[]) {
      const e = parseEvent(raw);
      if (e === null) {
        this.rejected++;
        continue;
      }
      if (this.events.length >= MAX_EVENTS) {
        this.dropped++;
        continue;
      }
      const index = this.events.length;
      // the loop's clock starts at an arbitrary value; a print before asyncio.run() has no loop
      // (time 0), so the origin is the first event that comes from a loop
      if (this.startTime === null && e.type !== "print") this.startTime = e.time;
      this.events.push(e);
      this.eventKinds.push(0);
      this.live.apply(e, index, this.sink);
      // a checkpoint every 4,096 events keeps any snapshot within that many replayed events
      if ((index + 1) % 4096 === 0) this.checkpoints.push({ end: index + 1, replay: cloneReplay(this.live) });
    }
  }

  private closeFrame(index: number): void {
    if (!this.openFrame) return;
    this.openFrame.end = index;
    this.frames.push(this.openFrame);
    this.handleFrames.push(this.frames.length - 1);
    this.openFrame = null;
  }

  /**
   * Frames including the ones still open (the last handle and iteration run so far), which end
   * at the end of the stream. The list is rebuilt only when asked.
   */
  allFrames(): { frames: Frame[]; iterationFrames: number[]; handleFrames: number[] } {
    const frames = this.frames.slice();
    const iterationFrames = this.iterationFrames.slice();
    const handleFrames = this.handleFrames.slice();
    const end = this.events.length;
    if (this.openFrame) {
      frames.push({ ...this.openFrame, end });
      handleFrames.push(frames.length - 1);
    }
    if (this.openIterationFrame) {
      frames.push({ ...this.openIterationFrame, end });
      iterationFrames.push(frames.length - 1);
    }
    frames.push({ kind: "end", end, iteration: this.live.iteration, time: this.live.time, handle: null, handleIndex: 0 });
    // sort by end, iteration frames after handle frames that end at the same place
    const order = frames.map((f, i) => i).sort((a, b) => frames[a]!.end - frames[b]!.end || rank(frames[a]!) - rank(frames[b]!));
    const remap = new Map<number, number>();
    const sorted = order.map((old, i) => {
      remap.set(old, i);
      return frames[old]!;
    });
    return {
      frames: sorted,
      iterationFrames: iterationFrames.map((i) => remap.get(i)!).sort((a, b) => a - b),
      handleFrames: handleFrames.map((i) => remap.get(i)!).sort((a, b) => a - b),
    };
  }

  /** The state of the run after the first `end` events. */
  snapshotAt(end: number): Snapshot {
    const n = Math.max(0, Math.min(end, this.events.length));
    let replay: Replay;
    let from = 0;
    if (n === this.events.length) {
      replay = this.live;
      from = n;
    } else {
      let best: { end: number; replay: Replay } | null = null;
      for (const c of this.checkpoints) if (c.end <= n && (!best || c.end > best.end)) best = c;
      replay = best ? cloneReplay(best.replay) : new Replay();
      from = best ? best.end : 0;
      for (let i = from; i < n; i++) replay.apply(this.events[i]!, i, null);
    }
    const ready = replay.readyList();
    return {
      end: n,
      iteration: n === 0 ? 0 : replay.iteration,
      time: n === 0 ? (this.startTime ?? 0) : replay.time,
      tasks: replay.order.map((id) => ({ ...replay.tasks.get(id)!, waitingOn: replay.tasks.get(id)!.waitingOn })),
      ready: ready.map((r) => ({ ...r })),
      readyThisIteration: Math.max(0, Math.min(ready.length, replay.iterationReady - replay.handlesInIteration)),
      timers: [...replay.timers.values()].sort((a, b) => a.when - b.when || a.handle - b.handle).map((t) => ({ ...t })),
      current: replay.current ? { ...replay.current } : null,
    };
  }

  /** Current state of every task (at the end of the stream so far). */
  currentTasks(): TaskSnapshot[] {
    return this.live.order.map((id) => this.live.tasks.get(id)!);
  }

  task(id: ObjectId): TaskSnapshot | undefined {
    return this.live.tasks.get(id);
  }

  /** Index of the event of the print whose seq is given, or -1. */
  printEventIndex(seq: number): number {
    return this.printIndex.get(seq) ?? -1;
  }

  /** Loop time relative to the start of the run, in seconds. */
  relativeTime(time: number): number {
    return this.startTime === null ? 0 : Math.max(0, time - this.startTime);
  }
}

function rank(f: Frame): number {
  return f.kind === "start" ? 0 : f.kind === "handle" ? 1 : f.kind === "iteration" ? 2 : 3;
}

function cloneReplay(r: Replay): Replay {
  const c = new Replay();
  for (const [id, t] of r.tasks) c.tasks.set(id, { ...t });
  c.order = r.order.slice();
  c.ready = r.readyList().map((e) => ({ ...e }));
  c.readyHead = 0;
  for (const [id, t] of r.timers) c.timers.set(id, { ...t });
  c.iteration = r.iteration;
  c.time = r.time;
  c.iterationReady = r.iterationReady;
  c.handlesInIteration = r.handlesInIteration;
  c.current = r.current ? { ...r.current } : null;
  c.callbackFuture = new Map(r.callbackFuture);
  c.callbackRunning = r.callbackRunning;
  c.cancelledHandles = new Set(r.cancelledHandles);
  c.lastIterationIndex = r.lastIterationIndex;
  return c;
}

/** Build a model from a whole recorded stream. */
export function buildModel(events: readonly LifecycleEvent[]): LifecycleModel {
  const m = new LifecycleModel();
  m.push(events);
  return m;
}

/** "0.000" — a loop time relative to the run's start, as the table and tooltips print it. */
export function formatTime(seconds: number): string {
  const v = Math.abs(seconds) < 5e-7 ? 0 : seconds;
  return v.toFixed(3);
}
