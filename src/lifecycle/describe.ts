/**
 * The view's sentences: what a task is doing, what a segment or a mark of the timeline means,
 * where a position in the run is and what happened there, the status line. Pure functions of
 * the model, so that every sentence a reader sees is unit-tested in Node
 * (tests/lifecycle/describe.test.ts).
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import { callbackInfo, isInternalTask, taskLabel } from "./internals.ts";
import { formatTime, stateLabel, type LifecycleModel, type Mark, type Segment, type Snapshot, type TaskSnapshot, type Transition } from "./model.ts";
import { locate, type Position } from "./position.ts";

/** "Suspended on <Future pending>", "Done (result) 42", "Scheduled (cancel requested)". */
export function describeState(t: TaskSnapshot): string {
  if (t.state === "suspended" && t.waitingOn) return `Suspended on ${t.waitingOn.repr}`;
  if (t.state === "done") return `${stateLabel("done", t.outcome)}${t.detail && t.outcome !== "cancelled" ? ` ${t.detail}` : ""}`;
  if (t.state === "scheduled" && t.cancelPending) return "Scheduled (cancel requested)";
  return stateLabel(t.state);
}

/** "+0.300 s": a loop time relative to the start of the run. */
export function relTime(model: LifecycleModel, time: number): string {
  return `+${formatTime(model.relativeTime(time))} s`;
}

/** "Task-1 · main()", "Task-3 · asyncio.run() cleanup", or "Loop" for the loop's own lane. */
export function taskName(model: LifecycleModel, id: ObjectId | null): string {
  if (id === null) return "Loop";
  const t = model.task(id);
  if (!t) return `task ${id}`;
  // asked for on every frame (lanes, ready queue, table): made once per task and name
  let names = labels.get(model);
  if (!names) labels.set(model, (names = new Map()));
  const known = names.get(id);
  if (known && known.name === t.name) return known.label;
  const label = taskLabel(t);
  names.set(id, { name: t.name, label });
  return label;
}

const labels = new WeakMap<LifecycleModel, Map<ObjectId, { name: string; label: string }>>();

/** A stretch of a task's lane, for its tooltip and the details line. */
export function describeSegment(model: LifecycleModel, s: Segment, next: Segment | null): string {
  const t = model.task(s.task);
  const name = taskName(model, s.task);
  const from = `iteration ${s.startIteration} (${relTime(model, s.startTime)})`;
  const until = next ? ` until iteration ${next.startIteration} (${relTime(model, next.startTime)})` : "";
  let text = `${name} · ${stateLabel(s.state, s.outcome)} from ${from}${until}.`;
  if (s.state === "suspended" && s.waitingOn) text += ` Waits on ${s.waitingOn}.`;
  if (s.state === "done" && t?.detail && s.outcome !== "cancelled") text += ` ${s.outcome === "result" ? "Result" : "Exception"}: ${t.detail}.`;
  if (s.repr) text += ` Its repr then: ${s.repr}`;
  return text;
}

/** A mark of the timeline (print, cancel request, done callback). */
export function describeMark(model: LifecycleModel, m: Mark): string {
  const when = `iteration ${m.iteration} (${relTime(model, m.time)})`;
  if (m.kind === "print" && m.task === null && model.outsideLoop(m.index)) {
    return `Program · print outside the event loop (${outsideWhere(model, m.index).toLowerCase()}): ${m.text.replace(/\n$/, "")}`;
  }
  const who = taskName(model, m.task);
  if (m.kind === "print") return `${who} · print at ${when}: ${m.text.replace(/\n$/, "")}`;
  if (m.kind === "cancel") return `${who} · ${m.text} requested at ${when}`;
  const cb = callbackInfo(m.text.replace(/^done callback /, ""));
  return `${who} · done callback ${cb.name} runs at ${when}: ${cb.gloss}.`;
}

/** How the loop ran handle of position `p`, in a few words ("Task-2 · ticker()'s step"). */
function handleName(model: LifecycleModel, p: Position): string {
  const h = p.handle;
  if (!h) return "";
  if (h.kind === "step") return `${taskName(model, h.task)}'s step`;
  if (h.task !== null) return `${taskName(model, h.task)}'s step (queued as ${callbackInfo(h.label).name})`;
  return callbackInfo(h.label).name;
}

/** Where a print outside any loop was made: before, between or after the asyncio.run() calls. */
function outsideWhere(model: LifecycleModel, index: number): string {
  const starts = model.clock.loopStarts;
  if (starts.length === 0 || index < starts[0]!) return "Before asyncio.run()";
  if (starts.some((s) => s > index)) return "Between two asyncio.run() calls";
  return "After asyncio.run() returned";
}

/**
 * Where position `pos` is, in the one vocabulary of the view: "Iteration 5 · handle 1 of 2 ·
 * Task-2 · ticker()'s step".
 */
export function describePosition(model: LifecycleModel, pos: number): string {
  const p = locate(model, pos);
  if (p.pos === 0) return "Start";
  const run = model.loops > 1 ? `asyncio.run() #${p.loop + 1} · ` : "";
  const lastIndex = p.pos - 1;
  if (model.outsideLoop(lastIndex)) return outsideWhere(model, lastIndex);
  if (p.iterationStart < 0) return `${run}Before the loop's first iteration`;
  if (p.handle === null) return `${run}Iteration ${p.iteration} · before its first handle`;
  return `${run}Iteration ${p.iteration} · handle ${p.handleIndex} of ${p.handles} · ${handleName(model, p)}${p.inside ? " (running)" : ""}`;
}

/** "Task-2 · ticker(): Scheduled → Running → Suspended", one chain per task, in order. */
export function describeChanges(model: LifecycleModel, transitions: readonly Transition[], max = 6): string[] {
  const chains = new Map<ObjectId, string[]>();
  for (const t of transitions) {
    let c = chains.get(t.task);
    if (!c) chains.set(t.task, (c = [stateLabel(t.from)]));
    c.push(stateLabel(t.to, t.outcome));
  }
  const out = [...chains].slice(0, max).map(([id, states]) => `${taskName(model, id)}: ${states.join(" → ")}`);
  if (chains.size > max) out.push(`and ${chains.size - max} more task${chains.size - max === 1 ? "" : "s"}`);
  return out;
}

/** The transitions whose events are in [from, to). */
function transitionsIn(model: LifecycleModel, from: number, to: number): Transition[] {
  const ts = model.transitions;
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (ts[m]!.index < from) lo = m + 1;
    else hi = m;
  }
  const out: Transition[] = [];
  for (let i = lo; i < ts.length && ts[i]!.index < to; i++) out.push(ts[i]!);
  return out;
}

/** What happened at position `pos`: the handle that ran (or is running) and what it changed. */
export function describeFrame(model: LifecycleModel, pos: number, finished: boolean): string {
  if (pos <= 0) return "Nothing has run yet. Step forward to see the loop run its first handle.";
  const p = locate(model, pos);
  const end = pos >= model.length ? (finished ? "End of the run. " : "Latest event so far. ") : "";
  const lastIndex = p.pos - 1;
  let head: string;
  let from: number;
  if (model.outsideLoop(lastIndex)) {
    const e = model.events[lastIndex]!;
    head = `The program printed "${e.type === "print" ? e.text.replace(/\n$/, "") : ""}" outside the event loop.`;
    from = lastIndex;
  } else if (p.iterationStart < 0) {
    from = model.clock.loopStarts[p.loop] ?? 0;
    // the loop's first task: the one asyncio.run() made of the coroutine it was given
    const first = model.taskOrder.find((id) => (model.segments.get(id)?.[0]?.startIndex ?? -1) >= from);
    const main = first !== undefined ? taskName(model, first) : "the main task";
    head = `asyncio.run() wrapped the coroutine in a task (${main}) and queued its first step; the loop has not run anything yet.`;
  } else if (p.handle === null) {
    head = `Iteration ${p.iteration} begins: the loop takes the handles that are ready now.`;
    from = p.iterationStart;
  } else {
    // (the position, said before this sentence, names the handle: this says what it does)
    if (p.handle.kind === "callback" && p.handle.task === null) {
      const cb = callbackInfo(p.handle.label);
      head = p.inside ? `The loop is running ${cb.name}: ${cb.gloss}.` : `The loop ran ${cb.name}: ${cb.gloss}.`;
    } else {
      head = p.inside ? "The step is running." : "The step ran.";
    }
    from = p.handleStart;
    const eager = p.inside ? eagerStepAt(model, p.handleStart, p.pos) : null;
    if (eager !== null) head += ` Inside it, ${taskName(model, eager)} runs its first step eagerly: create_task() started it at once, without scheduling it.`;
    const e = model.events[lastIndex]!;
    if (p.inside && e.type === "print") head += ` It has just printed "${e.text.replace(/\n$/, "")}".`;
  }
  const changes = describeChanges(model, transitionsIn(model, from, pos));
  return `${end}${head}${changes.length ? ` ${changes.join("; ")}.` : ""}`;
}

/** The eager task whose first step is under way at `pos` (it began after `from`), innermost, or null. */
function eagerStepAt(model: LifecycleModel, from: number, pos: number): ObjectId | null {
  const open: ObjectId[] = [];
  for (let i = from; i < pos; i++) {
    const e = model.events[i]!;
    if (e.type === "step-begin" && e.eager === true) open.push(e.task);
    else if (e.type === "step-end" && open.at(-1) === e.task) open.pop();
  }
  return open.at(-1) ?? null;
}

const counted = new WeakMap<LifecycleModel, { n: number; own: number; internal: number }>();

/** "1 task of yours and 2 of asyncio.run()'s cleanup" */
export function countTasks(model: LifecycleModel): string {
  // counted once per task (the status line asks on every frame)
  let c = counted.get(model);
  if (!c) counted.set(model, (c = { n: 0, own: 0, internal: 0 }));
  for (; c.n < model.taskOrder.length; c.n++) {
    const t = model.task(model.taskOrder[c.n]!);
    if (t && isInternalTask(t)) c.internal++;
    else c.own++;
  }
  const { own, internal } = c;
  const yours = `${own} task${own === 1 ? "" : "s"}${internal ? " of yours" : ""}`;
  return internal ? `${yours} and ${internal} of asyncio's own` : yours;
}

/** The line above the view: following the run, stepping, or finished. */
export function statusText(model: LifecycleModel, snap: Snapshot, position: number | null, finished: boolean): string {
  const rel = relTime(model, snap.time);
  if (position !== null) return `Step mode: ${describePosition(model, position)} · ${rel}`;
  const its = model.iterations;
  if (finished) {
    return `Run finished: ${countTasks(model)}, ${model.transitions.length} transitions over ${its} loop iteration${its === 1 ? "" : "s"}, ${rel} of loop time.`;
  }
  if (model.length === 0) return "Waiting for the program to run…";
  return `Running: iteration ${snap.iteration}, ${countTasks(model)} so far.`;
}

/** Who is where, in words, under the diagram (or how many, for large runs). */
export function countsText(model: LifecycleModel, tasks: readonly TaskSnapshot[], nameUpTo: number, hidden: number): string {
  const more = hidden ? ` (and ${hidden} of asyncio's own, hidden)` : "";
  if (tasks.length === 0) return `No task yet${more}.`;
  if (tasks.length <= nameUpTo) return tasks.map((t) => `${taskLabel(t)}: ${describeState(t)}`).join(" · ") + more;
  const c = new Map<string, number>();
  for (const t of tasks) {
    const k = stateLabel(t.state, t.outcome);
    c.set(k, (c.get(k) ?? 0) + 1);
  }
  return `${tasks.length} tasks: ` + [...c].map(([k, v]) => `${v} ${k}`).join(" · ") + more;
}

/** Told to the reader when the model refused or dropped events (issue 9). */
export function rejectedText(model: LifecycleModel): string {
  const parts: string[] = [];
  if (model.rejected > 0) parts.push(`${model.rejected} malformed event${model.rejected === 1 ? " was" : "s were"} ignored`);
  if (model.dropped > 0) parts.push(`${model.dropped} event${model.dropped === 1 ? "" : "s"} past the view's limit ${model.dropped === 1 ? "was" : "were"} not shown`);
  return parts.length ? `${parts.join("; ")}.` : "";
}
