/**
 * The timeline's layout, pure: where each event falls (in columns: one per handle the loop
 * ran, a gap between iterations), what each lane draws (as VNode trees, see dom.ts) and what
 * the keyboard can move to on it. The DOM side is timeline.ts; tests in
 * tests/lifecycle/layout.test.ts.
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import { h, type VNode } from "./dom.ts";
import { describeMark, describeSegment, relTime } from "./describe.ts";
import { stateLabel, type LifecycleModel, type Mark, type Segment, type StateName } from "./model.ts";
import { ROW_H, RULER_H } from "./styles.ts";

/** the gap, in columns, that separates two loop iterations on the timeline */
export const ITERATION_GAP = 0.6;
/** marks that share a column are set this many px apart, so that each can be pointed at */
export const MARK_SPACING = 8;

export interface LoopHandle {
  col: number;
  label: string;
  index: number;
  iteration: number;
  time: number;
}

/** One thing on a lane the keyboard can move to. */
export interface LaneItem {
  x: number;
  describe(): string;
  kind: "segment" | "mark" | "handle";
  printSeq: number | null;
  key: string;
}

/** Columns of the events of a model, computed incrementally as the model grows. */
export class TimelineLayout {
  /** column of each event */
  cols: number[] = [];
  /** column of the handle each event belongs to, or -1 between handles */
  handleOf: number[] = [];
  /** the next free column: the timeline's width in columns */
  col = 0;
  private handleCol = -1;
  iterationTicks: { col: number; iteration: number; time: number }[] = [];
  loopHandles: LoopHandle[] = [];
  marksByLane = new Map<ObjectId | null, Mark[]>();
  private marksSeen = 0;

  /** Take in the events the model received since the last call. */
  ingest(model: LifecycleModel): void {
    const events = model.events;
    const kinds = model.eventKinds;
    for (let i = this.cols.length; i < events.length; i++) {
      const e = events[i]!;
      const kind = kinds[i]!;
      if (kind === 2) {
        this.col += ITERATION_GAP;
        this.iterationTicks.push({ col: this.col, iteration: e.iteration, time: e.time });
        this.cols.push(this.col);
        this.handleOf.push(-1);
        this.handleCol = -1;
      } else if (kind === 1) {
        this.handleCol = this.col;
        this.col += 1;
        this.cols.push(this.handleCol);
        this.handleOf.push(this.handleCol);
        if (e.type === "callback-run") {
          this.loopHandles.push({ col: this.handleCol, label: e.callback, index: i, iteration: e.iteration, time: e.time });
        }
      } else {
        this.cols.push(this.handleCol >= 0 ? this.handleCol + 0.5 : this.col);
        this.handleOf.push(this.handleCol);
      }
    }
    for (; this.marksSeen < model.marks.length; this.marksSeen++) {
      const m = model.marks[this.marksSeen]!;
      let lane = this.marksByLane.get(m.task);
      if (!lane) this.marksByLane.set(m.task, (lane = []));
      lane.push(m);
    }
  }

  /** x (in columns) where a transition at event `index` out of state `from` happens */
  xAt(index: number, from: StateName | null): number {
    if (index >= this.cols.length) return this.col;
    // leaving Running happens at the end of the step's handle: its whole column is "running"
    if (from === "running" && this.handleOf[index]! >= 0) return this.handleOf[index]! + 1;
    return this.cols[index]!;
  }

  /** x (in columns) of the step cursor after `pos` events */
  cursorCol(pos: number): number {
    if (pos <= 0) return 0;
    if (pos >= this.cols.length) return this.col;
    return this.cols[pos]!;
  }

  /** px per column, so that the run fits the width when it can (3 to 24 px) */
  unitWidth(viewportWidth: number, nameWidth: number): number {
    const total = Math.max(1, this.col + 1);
    const avail = Math.max(200, (viewportWidth || 640) - nameWidth - 4);
    return Math.max(3, Math.min(24, avail / total));
  }

  /** What the keyboard walks along on a lane, left to right. */
  laneItems(model: LifecycleModel, lane: ObjectId | null): LaneItem[] {
    const items: LaneItem[] = [];
    if (lane === null) {
      for (const h of this.loopHandles) {
        items.push({
          x: h.col,
          kind: "handle",
          printSeq: null,
          key: `h${h.index}`,
          describe: () => `Loop · iteration ${h.iteration} (${relTime(model, h.time)}): ran ${h.label}`,
        });
      }
    } else {
      const segs = model.segments.get(lane) ?? [];
      segs.forEach((s, i) => {
        if (s.state === "created") return;
        const prev = i > 0 ? segs[i - 1]!.state : null;
        items.push({
          x: this.xAt(s.startIndex, prev),
          kind: "segment",
          printSeq: null,
          key: `s${s.startIndex}`,
          describe: () => describeSegment(model, s, segs[i + 1] ?? null),
        });
      });
    }
    for (const m of this.marksByLane.get(lane) ?? []) {
      items.push({
        x: this.cols[m.index] ?? this.col,
        kind: "mark",
        printSeq: m.kind === "print" ? m.seq : null,
        key: `m${m.index}`,
        describe: () => describeMark(model, m),
      });
    }
    items.sort((a, b) => a.x - b.x);
    return items;
  }
}

/** The ruler: iteration numbers, and the loop time where it moved. */
export function rulerShapes(layout: TimelineLayout, model: LifecycleModel, u: number): VNode[] {
  const parts: VNode[] = [];
  let lastLabel = -Infinity;
  let lastTime = model.startTime ?? 0;
  let lastTimeLabel = -Infinity;
  for (const t of layout.iterationTicks) {
    const x = t.col * u;
    parts.push(h("line", { class: "lc-tick", x1: x, y1: RULER_H - 8, x2: x, y2: RULER_H }));
    if (x - lastLabel >= 22) {
      parts.push(h("text", { class: "lc-tick-label", x: x + 2, y: RULER_H - 10 }, String(t.iteration)));
      lastLabel = x;
    }
    if (t.time !== lastTime && x - lastTimeLabel >= 60) {
      parts.push(h("text", { class: "lc-tick-time", x: x + 2, y: 10 }, `${relTime(model, t.time).replace(" s", "s")}`));
      lastTimeLabel = x;
    }
    lastTime = t.time;
  }
  return parts;
}

export interface LaneOptions {
  /** px per column */
  u: number;
  /** id of the hatch pattern of Scheduled segments */
  hatchId: string;
  /** the item the keyboard cursor is on, when it is on this lane */
  activeKey: string | null;
  /** seq of the print highlighted */
  highlighted: number | null;
}

/** The shapes of one lane: segments of the task's states (or the loop's handles), then marks. */
export function laneShapes(layout: TimelineLayout, model: LifecycleModel, lane: ObjectId | null, o: LaneOptions): VNode[] {
  const { u } = o;
  const parts: VNode[] = [];
  const mid = ROW_H / 2;
  const active = (key: string): string => (o.activeKey === key ? " lc-active-item" : "");
  if (lane === null) {
    // handles in adjacent columns are drawn as one bar (a big run has thousands)
    const handles = layout.loopHandles;
    for (let i = 0; i < handles.length; ) {
      const first = handles[i]!;
      let j = i + 1;
      while (j < handles.length && handles[j]!.col === handles[j - 1]!.col + 1) j++;
      const n = j - i;
      const title = n === 1 ? `ran ${first.label}` : `${n} callbacks ran, from ${first.label} to ${handles[j - 1]!.label}`;
      parts.push(
        h("rect", { class: "lc-seg-running", x: first.col * u + 0.5, y: mid - 3, width: Math.max(1, n * u - 1), height: 6, "data-key": `h${first.index}` }, h("title", {}, title)),
      );
      i = j;
    }
    const key = o.activeKey;
    const act = key?.startsWith("h") ? handles.find((x) => `h${x.index}` === key) : undefined;
    if (act) parts.push(h("rect", { class: "lc-seg-running lc-active-item", x: act.col * u + 0.5, y: mid - 5, width: Math.max(2, u - 1), height: 10 }));
  } else {
    const name = model.task(lane)?.name ?? String(lane);
    const segs = model.segments.get(lane) ?? [];
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i]!;
      const prev = i > 0 ? segs[i - 1]!.state : null;
      parts.push(...segmentShapes(layout, s, prev, name, u, o.hatchId, active(`s${s.startIndex}`)));
    }
  }
  // several marks in one handle share its column: set each apart so that every one can be
  // pointed at and chosen (they stay in order)
  let lastX = -Infinity;
  for (const m of layout.marksByLane.get(lane) ?? []) {
    const x = Math.max((layout.cols[m.index] ?? layout.col) * u, lastX + MARK_SPACING);
    lastX = x;
    const key = `m${m.index}`;
    const title = h("title", {}, describeMark(model, m));
    if (m.kind === "cancel") {
      parts.push(h("path", { class: `lc-mark-cancel${active(key)}`, d: `M${x - 5} 1h10l-5 8z`, "data-key": key }, title));
    } else if (m.kind === "callback") {
      parts.push(h("path", { class: `lc-mark-callback${active(key)}`, d: `M${x} ${ROW_H - 11}l5 5-5 5-5-5z`, "data-key": key }, title));
    } else {
      const hl = m.seq === o.highlighted ? " lc-highlight" : "";
      parts.push(
        h("rect", { class: `lc-mark-print${hl}${active(key)}`, x: x - 3.5, y: mid - 6, width: 7, height: 12, rx: 2, "data-key": key, "data-seq": m.seq }, title),
      );
    }
  }
  return parts;
}

function segmentShapes(layout: TimelineLayout, s: Segment, prev: StateName | null, name: string, u: number, hatchId: string, active: string): VNode[] {
  const mid = ROW_H / 2;
  const x1 = layout.xAt(s.startIndex, prev) * u;
  const x2 = s.endIndex !== null ? layout.xAt(s.endIndex, s.state) * u : layout.col * u;
  const w = Math.max(x2 - x1, s.state === "running" ? 2 : 0);
  const key = `s${s.startIndex}`;
  const title = h("title", {}, `${name}: ${stateLabel(s.state, s.outcome)}${s.waitingOn ? ` on ${s.waitingOn}` : ""}`);
  switch (s.state) {
    case "running":
      return [h("rect", { class: `lc-seg-running${active}`, x: x1, y: 3, width: w, height: ROW_H - 6, "data-key": key }, title)];
    case "scheduled":
      return [h("rect", { class: `lc-seg-scheduled${active}`, fill: `url(#${hatchId})`, x: x1, y: 6, width: Math.max(w, 1), height: ROW_H - 12, "data-key": key }, title)];
    case "suspended":
      return [
        h(
          "g",
          { "data-key": key },
          title,
          h("rect", { class: "lc-hit", x: x1, y: 4, width: Math.max(w, 2), height: ROW_H - 8 }),
          h("line", { class: `lc-seg-suspended${active}`, x1, y1: mid, x2: x1 + w, y2: mid }),
        ),
      ];
    case "done": {
      const cx = x1 + 5;
      let glyph: VNode[];
      if (s.outcome === "result") glyph = [h("circle", { class: `lc-end lc-end-result${active}`, cx, cy: mid, r: 4.5 })];
      else if (s.outcome === "exception") glyph = [h("path", { class: `lc-end${active}`, d: `M${cx - 4.5} ${mid - 4.5}l9 9M${cx + 4.5} ${mid - 4.5}l-9 9` })];
      else glyph = [h("circle", { class: `lc-end${active}`, cx, cy: mid, r: 4.5 }), h("path", { class: "lc-end", d: `M${cx - 3} ${mid + 3}l6 -6` })];
      return [h("g", { "data-key": key }, title, h("rect", { class: "lc-hit", x: x1, y: 2, width: 11, height: ROW_H - 4 }), ...glyph)];
    }
    default:
      return [];
  }
}
