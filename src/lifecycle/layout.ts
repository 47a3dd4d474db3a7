/**
 * The timeline's layout, pure: where each event falls, what each lane draws (as VNode trees,
 * see dom.ts) and what the keyboard can move to on it. The DOM side is timeline.ts; tests in
 * tests/lifecycle/layout.test.ts.
 *
 * Two axes (issue 13): **iterations** gives each handle the loop ran a column, with a gap
 * between iterations, so that every step can be seen and chosen; **time** places events at
 * their loop time, so that sleeps of 0.5, 1 and 2 s look as long as they are (and everything
 * that happens at one instant sits at one x).
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import { h, type VNode } from "./dom.ts";
import { describeMark, describeSegment, relTime, taskName } from "./describe.ts";
import { callbackInfo } from "./internals.ts";
import { formatTime, stateLabel, type LifecycleModel, type Mark, type Segment, type StateName } from "./model.ts";
import { ROW_H, RULER_H } from "./geometry.ts";

/** the gap, in columns, that separates two loop iterations on the timeline */
export const ITERATION_GAP = 0.6;
/** marks that share a place are set this many px apart, so that each can be pointed at */
export const MARK_SPACING = 13;
/** a print mark's width and height, px */
export const PRINT_W = 11;
export const PRINT_H = 14;

export type AxisKind = "iterations" | "time";

export interface LoopHandle {
  col: number;
  label: string;
  index: number;
  iteration: number;
  time: number;
  /** a timer's callback (a sleep ending), not a plain callback */
  timer: boolean;
}

/** One thing on a lane the keyboard can move to. */
export interface LaneItem {
  /** px from the lane's start */
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
  iterationTicks: { col: number; index: number; iteration: number; time: number }[] = [];
  loopHandles: LoopHandle[] = [];
  marksByLane = new Map<ObjectId | null, Mark[]>();
  private marksSeen = 0;
  private firedTimers = new Set<ObjectId>();

  /** Take in the events the model received since the last call. */
  ingest(model: LifecycleModel): void {
    const events = model.events;
    const kinds = model.eventKinds;
    for (let i = this.cols.length; i < events.length; i++) {
      const e = events[i]!;
      const kind = kinds[i]!;
      if (e.type === "timer-fired") this.firedTimers.add(e.handle);
      if (kind === 2) {
        this.col += ITERATION_GAP;
        this.iterationTicks.push({ col: this.col, index: i, iteration: e.iteration, time: e.time });
        this.cols.push(this.col);
        this.handleOf.push(-1);
        this.handleCol = -1;
      } else if (kind === 1) {
        this.handleCol = this.col;
        this.col += 1;
        this.cols.push(this.handleCol);
        this.handleOf.push(this.handleCol);
        if (e.type === "callback-run") {
          const timer = this.firedTimers.delete(e.handle);
          this.loopHandles.push({ col: this.handleCol, label: e.callback, index: i, iteration: e.iteration, time: e.time, timer });
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
}

/** Where things fall on the timeline, in px from the lanes' start. */
export interface Axis {
  kind: AxisKind;
  /** width of the drawn lanes, px */
  width: number;
  /** x of event `index` */
  x(index: number): number;
  /** x where a task leaves state `from` at event `index` */
  xAt(index: number, from: StateName | null): number;
  /** x of the step cursor after `pos` events */
  cursor(pos: number): number;
  /** x of the end of the run so far */
  end: number;
  /** the run spans no loop time at all (the time axis has nothing to spread) */
  flat: boolean;
  /** width of one handle's bar on the loop's lane, px */
  handleWidth: number;
}

/** px per column on the iteration axis: the run fits the width when it can (3 to 24 px) */
export function unitWidth(layout: TimelineLayout, available: number): number {
  const total = Math.max(1, layout.col + 1);
  return Math.max(3, Math.min(24, Math.max(200, available) / total));
}

export function iterationAxis(layout: TimelineLayout, available: number): Axis {
  const u = unitWidth(layout, available);
  const end = layout.col * u;
  return {
    kind: "iterations",
    width: Math.ceil((layout.col + 1) * u) + 48,
    end,
    flat: false,
    handleWidth: Math.max(1, u - 1),
    x: (i) => (layout.cols[i] ?? layout.col) * u,
    xAt(i, from) {
      if (i >= layout.cols.length) return end;
      // leaving Running happens at the end of the step's handle: its whole column is "running"
      if (from === "running" && layout.handleOf[i]! >= 0) return (layout.handleOf[i]! + 1) * u;
      return layout.cols[i]! * u;
    },
    cursor(pos) {
      if (pos <= 0) return 0;
      if (pos >= layout.cols.length) return end;
      return layout.cols[pos]! * u;
    },
  };
}

/** The time axis: x proportional to the loop time since the start, fitted to the width. */
export function timeAxis(layout: TimelineLayout, model: LifecycleModel, available: number): Axis {
  const n = model.length;
  const duration = n > 0 ? model.relativeTime(model.events[n - 1]!.time) : 0;
  const flat = duration <= 0;
  // at least 40 px per second, so that short sleeps still show; at most as wide as needed
  const pps = flat ? 0 : Math.max(40, Math.min(4000, (Math.max(200, available) - 24) / duration));
  const x = (i: number): number => (i >= n ? duration * pps : model.relativeTime(model.events[i]!.time) * pps);
  const end = duration * pps;
  return {
    kind: "time",
    width: Math.ceil(end) + 72,
    end,
    flat,
    handleWidth: 3,
    x,
    xAt: (i) => x(i),
    cursor: (pos) => (pos <= 0 ? 0 : x(Math.min(pos, n) - 1)),
  };
}

/** Whether a loop handle or a done-callback mark is shown with asyncio's internals hidden. */
function visibleCallback(label: string, timer: boolean, showInternals: boolean): boolean {
  return showInternals || timer || !callbackInfo(label).internal;
}

function visibleMarks(layout: TimelineLayout, lane: ObjectId | null, showInternals: boolean): Mark[] {
  const marks = layout.marksByLane.get(lane) ?? [];
  return showInternals ? marks : marks.filter((m) => m.kind !== "callback" || !callbackInfo(m.text.replace(/^done callback /, "")).internal);
}

/** What the keyboard walks along on a lane, left to right. */
export function laneItems(layout: TimelineLayout, model: LifecycleModel, axis: Axis, lane: ObjectId | null, showInternals: boolean): LaneItem[] {
  const items: LaneItem[] = [];
  if (lane === null) {
    for (const hd of layout.loopHandles) {
      if (!visibleCallback(hd.label, hd.timer, showInternals)) continue;
      const cb = callbackInfo(hd.label);
      items.push({
        x: axis.x(hd.index),
        kind: "handle",
        printSeq: null,
        key: `h${hd.index}`,
        describe: () => `Loop · iteration ${hd.iteration} (${relTime(model, hd.time)}): ran ${cb.name}, ${hd.timer ? "a timer's callback: a sleep is over" : cb.gloss}`,
      });
    }
  } else {
    const segs = model.segments.get(lane) ?? [];
    segs.forEach((s, i) => {
      if (s.state === "created") return;
      const prev = i > 0 ? segs[i - 1]!.state : null;
      items.push({
        x: axis.xAt(s.startIndex, prev),
        kind: "segment",
        printSeq: null,
        key: `s${s.startIndex}`,
        describe: () => describeSegment(model, s, segs[i + 1] ?? null),
      });
    });
  }
  for (const m of visibleMarks(layout, lane, showInternals)) {
    items.push({
      x: axis.x(m.index),
      kind: "mark",
      printSeq: m.kind === "print" ? m.seq : null,
      key: `m${m.index}`,
      describe: () => describeMark(model, m),
    });
  }
  items.sort((a, b) => a.x - b.x);
  return items;
}

/** A tidy step for ruler ticks: 1, 2 or 5 times a power of ten, at least `min`. */
export function niceStep(min: number): number {
  if (!(min > 0) || !Number.isFinite(min)) return 1;
  const p = 10 ** Math.floor(Math.log10(min));
  for (const k of [1, 2, 5, 10]) if (k * p >= min) return k * p;
  return 10 * p;
}

/** The ruler: iteration numbers and the loop time where it moved, or time ticks on the time axis. */
export function rulerShapes(layout: TimelineLayout, model: LifecycleModel, axis: Axis): VNode[] {
  const parts: VNode[] = [];
  if (axis.kind === "time") {
    if (axis.flat) return [h("text", { class: "lc-tick-label", x: 4, y: RULER_H - 10 }, "all at +0.000 s")];
    const pps = axis.end / Math.max(1e-9, model.relativeTime(model.events[model.length - 1]!.time));
    // a label every 60 px or more; at most a few hundred ticks, whatever the run's length
    const step = niceStep(60 / pps);
    const count = Math.min(500, Math.floor(axis.end / (step * pps)) + 1);
    const digits = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
    for (let k = 0; k < count; k++) {
      const x = k * step * pps;
      parts.push(h("line", { class: "lc-tick", x1: x, y1: RULER_H - 8, x2: x, y2: RULER_H }));
      parts.push(h("text", { class: "lc-tick-time", x: x + 2, y: RULER_H - 10 }, `${(k * step).toFixed(digits)} s`));
    }
    return parts;
  }
  // iteration numbers 22 px apart or more, and always the last one (the run's count)
  const ticks = layout.iterationTicks;
  const labelled: number[] = [];
  for (let k = 0; k < ticks.length; k++) {
    const x = axis.x(ticks[k]!.index);
    const prev = labelled.at(-1);
    if (prev === undefined || x - axis.x(ticks[prev]!.index) >= 22) labelled.push(k);
  }
  if (ticks.length && labelled.at(-1) !== ticks.length - 1) {
    const lastX = axis.x(ticks.at(-1)!.index);
    while (labelled.length && lastX - axis.x(ticks[labelled.at(-1)!]!.index) < 22) labelled.pop();
    labelled.push(ticks.length - 1);
  }
  const withLabel = new Set(labelled);
  let lastTime = model.startTime ?? 0;
  let lastTimeLabel = -Infinity;
  for (let k = 0; k < ticks.length; k++) {
    const t = ticks[k]!;
    const x = axis.x(t.index);
    parts.push(h("line", { class: "lc-tick", x1: x, y1: RULER_H - 8, x2: x, y2: RULER_H }));
    if (withLabel.has(k)) parts.push(h("text", { class: "lc-tick-label", x: x + 2, y: RULER_H - 10 }, String(t.iteration)));
    if (t.time !== lastTime && x - lastTimeLabel >= 60) {
      parts.push(h("text", { class: "lc-tick-time", x: x + 2, y: 10 }, `+${formatTime(model.relativeTime(t.time))}s`));
      lastTimeLabel = x;
    }
    lastTime = t.time;
  }
  return parts;
}

export interface LaneOptions {
  axis: Axis;
  /** id of the hatch pattern of Scheduled segments */
  hatchId: string;
  /** the item the keyboard cursor is on, when it is on this lane */
  activeKey: string | null;
  /** seq of the print highlighted */
  highlighted: number | null;
  showInternals: boolean;
}

/** The shapes of one lane: segments of the task's states (or the loop's handles), then marks. */
export function laneShapes(layout: TimelineLayout, model: LifecycleModel, lane: ObjectId | null, o: LaneOptions): VNode[] {
  const { axis } = o;
  const parts: VNode[] = [];
  const mid = ROW_H / 2;
  const active = (key: string): string => (o.activeKey === key ? " lc-active-item" : "");
  if (lane === null) {
    // handles next to each other are drawn as one bar (a big run has thousands)
    const handles = layout.loopHandles.filter((hd) => visibleCallback(hd.label, hd.timer, o.showInternals));
    const w1 = axis.handleWidth;
    for (let i = 0; i < handles.length; ) {
      const first = handles[i]!;
      let j = i + 1;
      while (axis.kind === "iterations" && j < handles.length && handles[j]!.col === handles[j - 1]!.col + 1) j++;
      const n = j - i;
      const x1 = axis.x(first.index);
      const x2 = n === 1 ? x1 + w1 : axis.x(handles[j - 1]!.index) + w1;
      const title = n === 1 ? `ran ${callbackInfo(first.label).name}` : `${n} callbacks ran, from ${callbackInfo(first.label).name} to ${callbackInfo(handles[j - 1]!.label).name}`;
      parts.push(
        h("rect", { class: `lc-seg-running${first.timer ? " lc-timer" : ""}`, x: x1 + 0.5, y: mid - 3, width: Math.max(1, x2 - x1), height: 6, "data-key": `h${first.index}` }, h("title", {}, title)),
      );
      i = j;
    }
    const key = o.activeKey;
    const act = key?.startsWith("h") ? handles.find((x) => `h${x.index}` === key) : undefined;
    if (act) parts.push(h("rect", { class: "lc-seg-running lc-active-item", x: axis.x(act.index) + 0.5, y: mid - 5, width: Math.max(2, w1), height: 10 }));
  } else {
    const name = taskName(model, lane);
    const segs = model.segments.get(lane) ?? [];
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i]!;
      const prev = i > 0 ? segs[i - 1]!.state : null;
      parts.push(...segmentShapes(axis, s, prev, name, o.hatchId, active(`s${s.startIndex}`)));
    }
  }
  // several marks at one place: set each apart so that every one can be pointed at and chosen
  // (they stay in order)
  let lastX = -Infinity;
  for (const m of visibleMarks(layout, lane, o.showInternals)) {
    const x = Math.max(axis.x(m.index), lastX + MARK_SPACING);
    lastX = x;
    const key = `m${m.index}`;
    const title = h("title", {}, describeMark(model, m));
    if (m.kind === "cancel") {
      parts.push(h("path", { class: `lc-mark-cancel${active(key)}`, d: `M${x - 6} 1h12l-6 9z`, "data-key": key }, title));
    } else if (m.kind === "callback") {
      parts.push(h("path", { class: `lc-mark-callback${active(key)}`, d: `M${x} ${ROW_H - 12}l6 6-6 6-6-6z`, "data-key": key }, title));
    } else {
      const hl = m.seq === o.highlighted ? " lc-highlight" : "";
      parts.push(
        h("rect", { class: `lc-mark-print${hl}${active(key)}`, x: x - PRINT_W / 2, y: mid - PRINT_H / 2, width: PRINT_W, height: PRINT_H, rx: 2, "data-key": key, "data-seq": m.seq }, title),
      );
    }
  }
  return parts;
}

function segmentShapes(axis: Axis, s: Segment, prev: StateName | null, name: string, hatchId: string, active: string): VNode[] {
  const mid = ROW_H / 2;
  const x1 = axis.xAt(s.startIndex, prev);
  const x2 = s.endIndex !== null ? axis.xAt(s.endIndex, s.state) : axis.end;
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
