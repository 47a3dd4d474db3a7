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
import { RunClock } from "./clock.ts";
import { Replay, cloneReplay, type Sink } from "./replay.ts";
import type { Frame, Mark, Segment, Snapshot, TaskSnapshot, Transition } from "./states.ts";
import { lineOf, parseEvent } from "./validate.ts";

export * from "./states.ts";

/**
 * Most events one model keeps (the runner forwards at most 100,000 per run): whatever comes
 * after is counted in `dropped`, not stored, so a flood cannot grow the page's memory.
 */
export const MAX_EVENTS = 150_000;

/**
 * A checkpoint (a copy of the replay's state, from which snapshotAt replays) is taken every
 * CHECKPOINT_EVENTS events, or, once a copy holds more than CHECKPOINT_SHARE times that many
 * entries (tasks, queued handles, timers, callbacks), every size / CHECKPOINT_SHARE events:
 * copying then costs at most CHECKPOINT_SHARE entries per event taken in, and a snapshot
 * replays at most that many events. Measured (issue 12): a checkpoint every 4,096 events made
 * building the model of 100,000 events with 50,000 tasks (the 100,000-task program with the
 * view open) take 2.0 s in Node, most of it copies; spaced so, 0.3-0.5 s, and a snapshot
 * anywhere in it at most ~130 ms (7 checkpoints instead of 24).
 */
export const CHECKPOINT_EVENTS = 4096;
const CHECKPOINT_SHARE = 4;

/**
 * Incremental model of one run. `push` events as they arrive; everything derived (transitions,
 * segments, marks, frames) is kept up to date; `snapshotAt(end)` replays the first `end` events
 * for step mode, so stepping back and forth always yields the same frames.
 */
export class LifecycleModel {
  readonly events: LifecycleEvent[] = [];
  readonly transitions: Transition[] = [];
  readonly marks: Mark[] = [];
  /** the print marks alone, in order (the output up to a position) */
  readonly prints: Mark[] = [];
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
  private lastCheckpoint = 0;
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
        if (m.kind === "print") {
          this.printIndex.set(m.seq, m.index);
          this.prints.push(m);
        }
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

  /** where events sit in time, as shown (clock.ts): jitter, empty iterations, several loops */
  readonly clock = new RunClock();
  /** some event carried the reader's source line (step mode can then highlight the code) */
  hasLines = false;
  /** some task started eagerly (its first step ran inside create_task(): Created → Running) */
  eager = false;
  /** loop iterations so far, over every asyncio.run() of the program */
  iterations = 0;
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
   * an array is rejected as a whole. `from`/`to` take only that part of the batch (the view
   * takes a large batch in slices, view.ts), without copying it.
   */
  push(events: readonly unknown[], from = 0, to = Infinity): void {
    if (!Array.isArray(events)) {
      this.rejected++;
      return;
    }
    const end = Math.min(to, events.length);
    for (let i = Math.max(0, from); i < end; i++) {
      const raw: unknown = events[i];
      const parsed = parseEvent(raw);
      if (parsed === null) {
        this.rejected++;
        continue;
      }
      if (this.events.length >= MAX_EVENTS) {
        this.dropped++;
        continue;
      }
      const index = this.events.length;
      const e = this.clock.place(parsed, index);
      if (e === null) continue;
      // the loop's clock starts at an arbitrary value; a print before asyncio.run() has no loop
      // (time 0), so the origin is the first event that comes from a loop
      if (this.startTime === null && !this.clock.outside.has(index)) this.startTime = e.time;
      if (e.type === "iteration-begin") this.iterations++;
      if (!this.hasLines && lineOf(e) !== null) this.hasLines = true;
      if (e.type === "step-begin" && e.eager === true) this.eager = true;
      this.events.push(e);
      this.eventKinds.push(0);
      this.live.apply(e, index, this.sink);
      if (index + 1 - this.lastCheckpoint >= Math.max(CHECKPOINT_EVENTS, this.live.size / CHECKPOINT_SHARE)) {
        this.lastCheckpoint = index + 1;
        this.checkpoints.push({ end: index + 1, replay: cloneReplay(this.live) });
      }
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

  /** Where the checkpoints are (event counts), in order: for tests. */
  get checkpointEnds(): number[] {
    return this.checkpoints.map((c) => c.end);
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

  /** How many event loops the program ran (one per asyncio.run()). */
  get loops(): number {
    return this.clock.loopStarts.length;
  }

  /** Whether the event at `index` is a print made outside any loop (before or after asyncio.run()). */
  outsideLoop(index: number): boolean {
    return this.clock.outside.has(index);
  }

  /** Loop time relative to the start of the run, in seconds. */
  relativeTime(time: number): number {
    return this.startTime === null ? 0 : Math.max(0, time - this.startTime);
  }
}

function rank(f: Frame): number {
  return f.kind === "start" ? 0 : f.kind === "handle" ? 1 : f.kind === "iteration" ? 2 : 3;
}

/** Build a model from a whole recorded stream. */
export function buildModel(events: readonly LifecycleEvent[]): LifecycleModel {
  const m = new LifecycleModel();
  m.push(events);
  return m;
}
