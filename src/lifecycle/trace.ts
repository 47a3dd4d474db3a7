/**
 * Step mode tied to the code (issue 13, as Python Tutor does for plain Python): which line of
 * the program each task is at, and the output printed up to the position. Pure: the panel
 * (code-panel.ts) draws what these return.
 *
 * Lines come from the events (interface 1 of HELPERS.md): `step-begin.line` (where a step
 * resumes), `print.line`, `step-end.line` and `task-suspended.line` (where it stopped). Without
 * them every task's line is null and nothing is highlighted; the output still follows the
 * position.
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import type { LifecycleModel, Snapshot } from "./model.ts";

export interface LineMark {
  task: ObjectId;
  /** running: the line being run; waiting: where the task is suspended or will resume */
  kind: "running" | "waiting";
}

/** Per source line, the tasks at it (running first), for the snapshot at a position. */
export function linesAt(snap: Snapshot, hidden: (id: ObjectId) => boolean = () => false): Map<number, LineMark[]> {
  const out = new Map<number, LineMark[]>();
  for (const t of snap.tasks) {
    if (t.line === null || t.state === "done" || hidden(t.id)) continue;
    const kind = t.state === "running" ? "running" : "waiting";
    let list = out.get(t.line);
    if (!list) out.set(t.line, (list = []));
    if (kind === "running") list.unshift({ task: t.id, kind });
    else list.push({ task: t.id, kind });
  }
  return out;
}

export interface OutputSoFar {
  /** the printed texts up to the position, the last `max` of them */
  lines: { seq: number; text: string; task: ObjectId | null }[];
  /** prints before those (not returned) */
  skipped: number;
  /** prints after the position (not shown yet) */
  later: number;
}

/** The output printed by the first `pos` events (print events; stderr is not in the stream). */
export function outputAt(model: LifecycleModel, pos: number, max = 200): OutputSoFar {
  const prints = model.prints;
  let lo = 0;
  let hi = prints.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (prints[m]!.index < pos) lo = m + 1;
    else hi = m;
  }
  const first = Math.max(0, lo - max);
  return {
    lines: prints.slice(first, lo).map((m) => ({ seq: m.seq, text: m.text, task: m.task })),
    skipped: first,
    later: prints.length - lo,
  };
}
