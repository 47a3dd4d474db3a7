/**
 * Instrumentation: a typed stream of life-cycle events emitted by the runtime.
 *
 * Nearly free when nobody listens: the emitting sites test `listener !== null` before they
 * build an event object. A subscriber (the page's Life-cycle view, tests) must be able to
 * rebuild every task's state at any iteration from this stream alone.
 *
 * Every event carries the loop time (seconds, as loop.time() gives it), the iteration number
 * of the loop (0 before the first iteration; it increments when an iteration begins) and a
 * sequence number (global order of events).
 */

/** Identifies a task or future for the lifetime of a program (a serial number, not a name). */
export type ObjectId = number;

export interface EventBase {
  seq: number;
  time: number;
  iteration: number;
}

export type LifecycleEvent = EventBase &
  (
    | { type: "iteration-begin"; ready: number; timers: number }
    | { type: "task-created"; task: ObjectId; name: string; coro: string; repr: string }
    /** A step was queued with call_soon (creation, after a bare yield, or a wake-up). */
    | { type: "step-scheduled"; task: ObjectId; reason: "created" | "yield" | "wakeup" }
    /**
     * line: the reader's line where the task resumes (for a first step, the line of its
     * coroutine function's declaration). Lines (here and below) are 1-based in the reader's
     * file (`main.ts`), present only when the innermost reader frame is in that file; they are
     * tracked by the bundling step (src/bundle/lines.ts), so a program that did not go through
     * it has none.
     * `eager`: an eager task's first step (3.12+), run inside the call that created the task,
     * i.e. nested in the step or callback running now, and never scheduled (no step-scheduled
     * before it): the task goes Created → Running.
     */
    | { type: "step-begin"; task: ObjectId; throwing: "CancelledError" | null; firstStep: boolean; line?: number; eager?: true }
    /** Task.set_name() (also the name CPython 3.13.0's create_task gives a task made by a task factory). */
    | { type: "task-renamed"; task: ObjectId; name: string }
    | {
        type: "step-end";
        task: ObjectId;
        /** suspended on a future; yielded (bare yield / sleep(0)); done; or the body never ran (cancelled before start) */
        outcome: "suspended" | "yielded" | "done";
        /** false when the coroutine body did not execute any of its code in this step */
        bodyRan: boolean;
        /** where it stopped: the suspension line (suspended/yielded); absent when done */
        line?: number;
      }
    /** repr: the task's own repr once suspended (with its wait_for=); line: the suspension line. */
    | { type: "task-suspended"; task: ObjectId; on: ObjectId; onRepr: string; repr?: string; line?: number }
    | { type: "task-woken"; task: ObjectId; by: ObjectId }
    | { type: "cancel-requested"; task: ObjectId; msg: string | null; cancelling: number }
    | {
        type: "task-done";
        task: ObjectId;
        outcome: "result" | "exception" | "cancelled";
        /** repr of the result, the exception, or the CancelledError message */
        detail: string;
        repr: string;
      }
    | { type: "callback-queued"; handle: ObjectId; callback: string; future: ObjectId | null }
    | { type: "callback-run"; handle: ObjectId; callback: string }
    | { type: "timer-added"; handle: ObjectId; when: number; callback: string }
    | { type: "timer-fired"; handle: ObjectId }
    /** Handle.cancel() / TimerHandle.cancel(): it will not run (a cancelled sleep drops its timer) */
    | { type: "handle-cancelled"; handle: ObjectId }
    /** line: the line of the `print(...)` call */
    | { type: "print"; text: string; task: ObjectId | null; line?: number }
  );

/**
 * A subscriber. Returning `false` unsubscribes it (a host that has seen enough, such as the
 * page's worker past its cap, so that the runtime stops building events nobody reads).
 */
export type LifecycleListener = (event: LifecycleEvent) => unknown;

// ---------------------------------------------------------------- emitting

/** What an emitting site passes: the event without the fields the emitter stamps. */
export type LifecycleEventBody = LifecycleEvent extends infer E ? (E extends EventBase ? Omit<E, keyof EventBase> : never) : never;

const listeners: LifecycleListener[] = [];

/**
 * The subscriber, or null. Emitting sites test `listener !== null` before they build an
 * event object, so an unobserved program pays one comparison per site.
 */
export let listener: LifecycleListener | null = null;

let seq = 0;

function fanOut(event: LifecycleEvent): void {
  for (const l of listeners.slice()) if (l(event) === false) unsubscribe(l);
}

function unsubscribe(fn: LifecycleListener): void {
  const i = listeners.indexOf(fn);
  if (i >= 0) listeners.splice(i, 1);
  listener = listeners.length === 0 ? null : listeners.length === 1 ? listeners[0]! : fanOut;
}

/** Adds a subscriber; returns the function that removes it. */
export function subscribe(fn: LifecycleListener): () => void {
  listeners.push(fn);
  listener = listeners.length === 1 ? listeners[0]! : fanOut;
  return () => unsubscribe(fn);
}

/**
 * Stamps time, iteration and sequence number onto the body, which becomes the event (one
 * object per event: a busy program emits millions), then hands it to the subscriber.
 */
export function emit(body: LifecycleEventBody, time: number, iteration: number): void {
  const l = listener;
  if (l === null) return;
  const event = body as LifecycleEvent;
  event.seq = ++seq;
  event.time = time;
  event.iteration = iteration;
  if (l(event) === false && l !== fanOut) unsubscribe(l);
}
