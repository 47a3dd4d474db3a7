/**
 * The reducer of the life-cycle model: applies one event at a time to the state of every task,
 * the ready queue and the timers, following CPython (see model.ts for the mapping of events
 * to states). `LifecycleModel` keeps one live copy and replays copies for step mode.
 */
import type { LifecycleEvent, ObjectId } from "../asyncio/instrument.ts";
import { lineOf } from "./validate.ts";
import type { DoneOutcome, HandleInfo, Mark, ReadyEntry, StateName, TaskSnapshot, TimerEntry, Transition } from "./states.ts";

/** The reducer's mutable state. Snapshots copy out of it. */
export class Replay {
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
  /** eager first steps running now, innermost last, with the handle they run inside */
  eagerSteps: { task: ObjectId; outer: HandleInfo | null }[] = [];
  /** handles cancelled while queued: skipped when the loop reaches them */
  cancelledHandles = new Set<ObjectId>();
  lastIterationIndex = 0;
  /** the previous event started a plain callback handle (a step may run inside it) */
  callbackRunning = false;

  readyList(): ReadyEntry[] {
    return this.ready.slice(this.readyHead);
  }

  /** How many entries a copy (cloneReplay) copies: what a checkpoint costs. */
  get size(): number {
    return this.tasks.size + this.order.length + (this.ready.length - this.readyHead) + this.timers.size + this.callbackFuture.size + this.cancelledHandles.size;
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
          line: null,
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
          this.move(e, index, sink, t, "scheduled", note);
        }
        break;
      }
      case "step-begin": {
        const t = this.tasks.get(e.task);
        if (e.eager === true) {
          // an eager task's first step runs inside the step or callback that created it
          // (CPython's Task.__eager_start): no handle of its own, nothing dequeued; the
          // creator's handle goes on once it returns
          this.eagerSteps.push({ task: e.task, outer: this.current });
        } else if (this.callbackRunning) {
          // a step run from inside a plain handle (CPython queues task_wakeup / __step as a
          // Handle when the task is already queued): same handle, now a task's step
          if (this.current) this.current = { ...this.current, kind: "step", task: e.task };
        } else {
          this.dequeue((r) => r.kind === "step" && r.task === e.task);
          this.beginHandle({ kind: "step", task: e.task, handle: null, label: `${t?.name ?? e.task} step` }, index, e, sink);
        }
        if (!t) break;
        t.cancelPending = false;
        t.line = lineOf(e) ?? t.line;
        // CPython throws CancelledError into a coroutine that never started: it ends at once,
        // without running any of its body, so the task never was Running (seed: 2a Canceled).
        if (e.firstStep && e.throwing !== null) break;
        this.move(e, index, sink, t, "running", e.throwing ? `${e.throwing} thrown in` : e.eager ? "eager start: runs at once, inside create_task()" : e.firstStep ? "body starts" : "resumes");
        break;
      }
      case "step-end": {
        const eager = this.eagerSteps.at(-1);
        if (eager && eager.task === e.task) {
          // the eager step is over: back in its creator's handle
          this.eagerSteps.pop();
          this.current = eager.outer;
        } else {
          this.current = null;
        }
        const t = this.tasks.get(e.task);
        if (t) t.line = e.outcome === "done" ? null : (lineOf(e) ?? t.line);
        break;
      }
      case "task-renamed": {
        // Task.set_name(): the task's name from now on (3.13.0's create_task renames a task a
        // factory made, after its eager step)
        const t = this.tasks.get(e.task);
        if (t) t.name = e.name;
        break;
      }
      case "task-suspended": {
        const t = this.tasks.get(e.task);
        if (!t) break;
        // what it waits on and its repr first, so that the transition's segment carries them
        const repr = e.repr ?? null;
        if (repr) t.repr = repr;
        t.line = lineOf(e) ?? t.line;
        this.move(e, index, sink, t, "suspended", `awaits ${e.onRepr}`, null, repr);
        t.waitingOn = { id: e.on, repr: e.onRepr };
        break;
      }
      case "task-woken": {
        const t = this.tasks.get(e.task);
        if (!t) break;
        if (t.state === "suspended") {
          const by = this.tasks.get(e.by);
          this.move(e, index, sink, t, "scheduled", `woken by ${by ? by.name : "its future"}`);
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
        t.line = null;
        t.cancelPending = false;
        const note =
          e.outcome === "result" ? `returned ${e.detail}` : e.outcome === "exception" ? `raised ${e.detail}` : "cancelled";
        this.move(e, index, sink, t, "done", note, e.outcome, e.repr);
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
        const line = lineOf(e);
        if (line !== null && e.task !== null) {
          const t = this.tasks.get(e.task);
          if (t) t.line = line;
        }
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

  /**
   * Moves a task to a state and reports the transition. A method, not a closure made in every
   * `apply` (one allocation less per event). `repr`: the task's repr as the runtime reported
   * it with this very event, if it did.
   */
  private move(e: LifecycleEvent, index: number, sink: Sink | null, t: TaskSnapshot, to: StateName, note: string, outcome: DoneOutcome | null = null, repr: string | null = null): void {
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
  }

  private beginHandle(h: HandleInfo, index: number, e: LifecycleEvent, sink: Sink | null): void {
    this.current = h;
    this.handlesInIteration++;
    sink?.handle(h, index, e, this.handlesInIteration);
  }
}

export interface Sink {
  transition(t: Transition, task: TaskSnapshot): void;
  created(t: TaskSnapshot, index: number): void;
  mark(m: Mark): void;
  handle(h: HandleInfo, index: number, e: LifecycleEvent, positionInIteration: number): void;
  iteration(e: LifecycleEvent, index: number): void;
}


export function cloneReplay(r: Replay): Replay {
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
  c.eagerSteps = r.eagerSteps.map((x) => ({ task: x.task, outer: x.outer ? { ...x.outer } : null }));
  c.callbackFuture = new Map(r.callbackFuture);
  c.callbackRunning = r.callbackRunning;
  c.cancelledHandles = new Set(r.cancelledHandles);
  c.lastIterationIndex = r.lastIterationIndex;
  return c;
}

