/**
 * The view's sentences: what a task is doing, what a segment or a mark of the timeline means,
 * what a step-mode frame shows, the status line. Pure functions of the model, so that every
 * sentence a reader sees is unit-tested in Node (tests/lifecycle/describe.test.ts).
 */
import { formatTime, stateLabel, type Frame, type LifecycleModel, type Mark, type Segment, type Snapshot, type TaskSnapshot } from "./model.ts";
import type { Stops } from "./stops.ts";

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

export function taskName(model: LifecycleModel, id: number | null): string {
  if (id === null) return "Loop";
  return model.task(id)?.name ?? `task ${id}`;
}

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
  const where = taskName(model, m.task);
  const when = `iteration ${m.iteration} (${relTime(model, m.time)})`;
  if (m.kind === "print") return `${where} · print at ${when}: ${m.text.replace(/\n$/, "")}`;
  if (m.kind === "cancel") return `${where} · ${m.text} requested at ${when}`;
  return `${where} · ${m.text} at ${when}`;
}

/** What step mode shows at position `pos` (events applied): the frame, then what changed in it. */
export function describeFrame(model: LifecycleModel, f: Stops, pos: number, finished: boolean): string {
  if (pos <= 0) return "Before the run: nothing has happened yet.";
  // the frame that ends here: a handle frame if any, else an iteration frame
  let frame: Frame | null = null;
  for (const fr of f.frames) {
    if (fr.end !== pos) continue;
    if (fr.kind === "handle") {
      frame = fr;
      break;
    }
    frame ??= fr;
  }
  // what happened since the previous stop, in transitions
  const idx = f.stops.indexOf(pos);
  const prev = idx > 0 ? f.stops[idx - 1]! : 0;
  const changes = model.transitions
    .filter((t) => t.index >= prev && t.index < pos)
    .slice(0, 6)
    .map((t) => `${t.taskName}: ${stateLabel(t.from)} → ${stateLabel(t.to, t.outcome)}`);
  let head: string;
  if (!frame || frame.kind === "end") {
    head = pos >= model.length ? (finished ? "End of the run." : "Latest event so far.") : `After event ${pos}.`;
  } else if (frame.kind === "handle" && frame.handle) {
    head = `Iteration ${frame.iteration}, handle ${frame.handleIndex}: ${frame.handle.label} ran.`;
  } else if (frame.iteration === 0) {
    head = "Before the first loop iteration: asyncio.run created the main task.";
  } else {
    head = `End of iteration ${frame.iteration}.`;
  }
  return changes.length ? `${head} ${changes.join("; ")}.` : head;
}

/** The line above the view: following the run, stepping, or finished. */
export function statusText(model: LifecycleModel, snap: Snapshot, position: number | null, finished: boolean): string {
  const n = model.taskOrder.length;
  const rel = formatTime(model.relativeTime(snap.time));
  if (position !== null) return `Step mode: iteration ${snap.iteration}, loop time +${rel} s.`;
  if (finished) {
    return (
      `Run finished: ${n} task${n === 1 ? "" : "s"}, ${model.transitions.length} transitions ` +
      `over ${snap.iteration} loop iterations, +${rel} s of loop time.`
    );
  }
  if (model.length === 0) return "Waiting for the program to run…";
  return `Running: iteration ${snap.iteration}, ${n} task${n === 1 ? "" : "s"} so far.`;
}

/** Who is where, in words, under the diagram (or how many, for large runs). */
export function countsText(snap: Snapshot, nameUpTo: number): string {
  if (snap.tasks.length === 0) return "No task yet.";
  if (snap.tasks.length <= nameUpTo) return snap.tasks.map((t) => `${t.name}: ${describeState(t)}`).join(" · ");
  const c = new Map<string, number>();
  for (const t of snap.tasks) {
    const k = stateLabel(t.state, t.outcome);
    c.set(k, (c.get(k) ?? 0) + 1);
  }
  return `${snap.tasks.length} tasks: ` + [...c].map(([k, v]) => `${v} ${k}`).join(" · ");
}

/** Told to the reader when the model refused or dropped events (issue 9). */
export function rejectedText(model: LifecycleModel): string {
  const parts: string[] = [];
  if (model.rejected > 0) parts.push(`${model.rejected} malformed event${model.rejected === 1 ? " was" : "s were"} ignored`);
  if (model.dropped > 0) parts.push(`${model.dropped} event${model.dropped === 1 ? "" : "s"} past the view's limit ${model.dropped === 1 ? "was" : "were"} not shown`);
  return parts.length ? `${parts.join("; ")}.` : "";
}
