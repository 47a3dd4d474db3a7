/**
 * A synthetic event stream in the order the runtime emits it (src/asyncio/tasks.ts, events.ts),
 * for a program of this shape:
 *
 *   function* worker(i) { yield* asyncio.sleep(i % 3 * 0.1); print("worker", i); return i; }
 *   function* main() { const ts = []; for (i < n) ts.push(create_task(worker(i)));
 *                      yield* gather(...ts); }   // every third worker is cancelled first
 *
 * Used by the benchmark and by the view's browser tests where the size of the run matters more
 * than its exact semantics; the model's semantic tests use streams recorded from the runtime.
 */
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";

type Body = LifecycleEvent extends infer E ? (E extends unknown ? Omit<E, "seq" | "time" | "iteration"> : never) : never;

export function syntheticRun(n: number, options: { cancelEvery?: number } = {}): LifecycleEvent[] {
  const cancelEvery = options.cancelEvery ?? 3;
  const out: LifecycleEvent[] = [];
  let seq = 0;
  let iteration = 0;
  let time = 5000;
  const emit = (b: Body): void => {
    out.push({ ...b, seq: seq++, time, iteration } as LifecycleEvent);
  };
  let nextId = 1;
  const main = nextId++;
  const gatherFut = nextId++;
  const repr = (name: string): string => `<Task pending name='${name}' coro=<worker() running at main.ts:3>>`;
  emit({ type: "task-created", task: main, name: "Task-1", coro: "main()", repr: "<Task pending name='Task-1' coro=<main() running at main.ts:8>>" });
  emit({ type: "step-scheduled", task: main, reason: "created" });

  // iteration 1: main runs, creates the workers, cancels some, suspends on gather
  iteration++;
  emit({ type: "iteration-begin", ready: 1, timers: 0 });
  emit({ type: "step-begin", task: main, throwing: null, firstStep: true });
  const workers: { id: number; name: string; delay: number; cancelled: boolean; timer: number; fut: number }[] = [];
  for (let i = 0; i < n; i++) {
    const id = nextId++;
    const name = `Task-${i + 2}`;
    workers.push({ id, name, delay: (i % 3) * 0.1, cancelled: cancelEvery > 0 && i % cancelEvery === cancelEvery - 1, timer: nextId++, fut: nextId++ });
    emit({ type: "task-created", task: id, name, coro: "worker()", repr: repr(name) });
    emit({ type: "step-scheduled", task: id, reason: "created" });
  }
  for (const w of workers) if (w.cancelled) emit({ type: "cancel-requested", task: w.id, msg: null, cancelling: 1 });
  emit({ type: "step-end", task: main, outcome: "suspended", bodyRan: true });
  emit({ type: "task-suspended", task: main, on: gatherFut, onRepr: "<_GatheringFuture pending>" });

  // iteration 2: each worker's first step: cancelled ones end at once, others sleep
  iteration++;
  emit({ type: "iteration-begin", ready: n, timers: 0 });
  const sleeping: typeof workers = [];
  for (const w of workers) {
    if (w.cancelled) {
      emit({ type: "step-begin", task: w.id, throwing: "CancelledError", firstStep: true });
      emit({ type: "step-end", task: w.id, outcome: "done", bodyRan: false });
      emit({ type: "task-done", task: w.id, outcome: "cancelled", detail: "", repr: `<Task cancelled name='${w.name}' coro=<worker() done, defined at main.ts:3>>` });
      continue;
    }
    emit({ type: "step-begin", task: w.id, throwing: null, firstStep: true });
    emit({ type: "timer-added", handle: w.timer, when: time + w.delay, callback: "futures._set_result_unless_cancelled()" });
    emit({ type: "step-end", task: w.id, outcome: "suspended", bodyRan: true });
    emit({ type: "task-suspended", task: w.id, on: w.fut, onRepr: "<Future pending cb=[Task.task_wakeup()]>" });
    sleeping.push(w);
  }
  // timers fire by delay; each wakes its worker, which prints and returns
  const delays = [...new Set(sleeping.map((w) => w.delay))].sort((a, b) => a - b);
  for (const d of delays) {
    const due = sleeping.filter((w) => w.delay === d);
    time = 5000 + d;
    for (const w of due) out.push({ type: "timer-fired", handle: w.timer, seq: seq++, time, iteration: iteration + 1 });
    iteration++;
    emit({ type: "iteration-begin", ready: due.length, timers: sleeping.filter((w) => w.delay > d).length });
    for (const w of due) {
      emit({ type: "callback-run", handle: w.timer, callback: "futures._set_result_unless_cancelled()" });
      emit({ type: "step-scheduled", task: w.id, reason: "wakeup" });
    }
    iteration++;
    emit({ type: "iteration-begin", ready: due.length, timers: sleeping.filter((w) => w.delay > d).length });
    const callbacks: number[] = [];
    for (const w of due) {
      emit({ type: "task-woken", task: w.id, by: w.fut });
      emit({ type: "step-begin", task: w.id, throwing: null, firstStep: false });
      emit({ type: "print", text: `worker ${w.name}\n`, task: w.id });
      emit({ type: "step-end", task: w.id, outcome: "done", bodyRan: true });
      emit({ type: "task-done", task: w.id, outcome: "result", detail: String(w.id), repr: `<Task finished name='${w.name}' coro=<worker() done, defined at main.ts:3> result=${w.id}>` });
      callbacks.push(nextId);
      emit({ type: "callback-queued", handle: nextId++, callback: "_GatheringFuture._done_callback()", future: w.id });
    }
    iteration++;
    emit({ type: "iteration-begin", ready: due.length, timers: 0 });
    for (const handle of callbacks) emit({ type: "callback-run", handle, callback: "_GatheringFuture._done_callback()" });
  }
  emit({ type: "step-scheduled", task: main, reason: "wakeup" });
  iteration++;
  emit({ type: "iteration-begin", ready: 1, timers: 0 });
  emit({ type: "task-woken", task: main, by: gatherFut });
  emit({ type: "step-begin", task: main, throwing: null, firstStep: false });
  emit({ type: "print", text: "all done\n", task: main });
  emit({ type: "step-end", task: main, outcome: "done", bodyRan: true });
  emit({ type: "task-done", task: main, outcome: "result", detail: "None", repr: "<Task finished name='Task-1' coro=<main() done, defined at main.ts:8> result=None>" });
  return out;
}


/** Events of `main()` that sleeps `delays` one after the other, with the clock's lateness per timer. */
export function sleeper(delays: number[], late: (k: number) => number, options: { emptyBefore?: number[]; start?: number } = {}): LifecycleEvent[] {
  const out: LifecycleEvent[] = [];
  let seq = 0;
  let it = 0;
  let now = options.start ?? 5000;
  const emit = (b: Body, iteration = it): void => void out.push({ ...b, seq: ++seq, time: now, iteration } as LifecycleEvent);
  emit({ type: "task-created", task: 1, name: "Task-1", coro: "main", repr: "<Task pending name='Task-1'>" });
  emit({ type: "step-scheduled", task: 1, reason: "created" });
  it++;
  emit({ type: "iteration-begin", ready: 1, timers: 0 });
  emit({ type: "step-begin", task: 1, throwing: null, firstStep: true });
  delays.forEach((d, k) => {
    const handle = 100 + k;
    const when = now + d;
    emit({ type: "print", text: `sleeping ${d}\n`, task: 1 });
    emit({ type: "timer-added", handle, when, callback: "futures._set_result_unless_cancelled()" });
    emit({ type: "step-end", task: 1, outcome: "suspended", bodyRan: true });
    emit({ type: "task-suspended", task: 1, on: 50 + k, onRepr: "<Future pending>" });
    if (options.emptyBefore?.includes(k)) {
      // woke a hair early: nothing ready yet
      now = when - 0.0004;
      it++;
      emit({ type: "iteration-begin", ready: 0, timers: 1 });
    }
    now = when + late(k);
    emit({ type: "timer-fired", handle }, it + 1);
    it++;
    emit({ type: "iteration-begin", ready: 1, timers: 0 });
    emit({ type: "callback-run", handle, callback: "futures._set_result_unless_cancelled()" });
    emit({ type: "step-scheduled", task: 1, reason: "wakeup" });
    now += 0.0003;
    it++;
    emit({ type: "iteration-begin", ready: 1, timers: 0 });
    emit({ type: "task-woken", task: 1, by: 50 + k });
    emit({ type: "step-begin", task: 1, throwing: null, firstStep: false });
  });
  emit({ type: "print", text: "done\n", task: 1 });
  emit({ type: "step-end", task: 1, outcome: "done", bodyRan: true });
  emit({ type: "task-done", task: 1, outcome: "result", detail: "None", repr: "<Task finished name='Task-1'>" });
  return out;
}
