/**
 * The timeline panel: one lane per task (and one for the loop's own callbacks) over loop
 * iterations, with its legend, the ruler, the step cursor, hover and keyboard details. What a
 * lane draws is computed by layout.ts; this module puts it in the page, only for the lanes in
 * view (a run of 1,000 tasks keeps 20-odd lanes in the DOM), and handles pointing, clicking and
 * the arrow keys.
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import { SVG_NS, el, h, toDom, toFragment, type VNode } from "./dom.ts";
import { describeState, taskName } from "./describe.ts";
import { GLOSSARY } from "./glossary.ts";
import { iterationAxis, laneItems, laneShapes, rulerShapes, timeAxis, type Axis, type LaneItem } from "./layout.ts";
import type { Snapshot, TaskSnapshot } from "./model.ts";
import { NAME_W, ROW_H, RULER_H } from "./geometry.ts";
import type { ViewContext } from "./context.ts";

/** while a run streams in, the lanes are redrawn at most this often */
const ROWS_THROTTLE_MS = 250;
const DETAILS_HINT = "Point at or focus a segment or mark of the timeline to see what the task waits on and its repr.";

/** The legend's entries: icon shapes (in a 22 × 12 box) and words. */
function legendItems(hatchId: string): [VNode[], string][] {
  return [
    [[h("rect", { class: "lc-seg-scheduled", fill: `url(#${hatchId})`, x: 0, y: 1, width: 22, height: 10 })], "Scheduled (hatched)"],
    [[h("rect", { class: "lc-seg-running", x: 0, y: 1, width: 22, height: 10 })], "Running (solid)"],
    [[h("line", { class: "lc-seg-suspended", x1: 0, y1: 6, x2: 22, y2: 6 })], "Suspended (dashed)"],
    [
      [h("circle", { class: "lc-end lc-end-result", cx: 6, cy: 6, r: 4 }), h("path", { class: "lc-end", d: "M13 2l8 8M21 2l-8 8" })],
      "Done: ● result, ✕ exception, ⊘ cancelled",
    ],
    [[h("path", { class: "lc-mark-cancel", d: "M5 1h12l-6 10z" })], "cancel() requested"],
    [[h("path", { class: "lc-mark-callback", d: "M11 0l6 6-6 6-6-6z" })], "done callback runs (a function called when the task is done)"],
    [[h("rect", { class: "lc-mark-print", x: 6, y: 0, width: 10, height: 12, rx: 2 })], "print (choose it to see the output line)"],
  ];
}

export class Timeline {
  readonly root: HTMLDivElement;
  /** the hatch pattern's holder, kept outside `root` so that each view has its own */
  readonly defs: SVGSVGElement;
  private aggregate: HTMLParagraphElement;
  private scroll: HTMLDivElement;
  private sizer: HTMLDivElement;
  private rulerSvg: SVGSVGElement;
  private corner: HTMLDivElement;
  private axisNote: HTMLParagraphElement;
  /** where things fall, for the lanes as last drawn */
  private axis: Axis | null = null;
  private rows: HTMLDivElement;
  private future: HTMLDivElement;
  private details: HTMLParagraphElement;
  private hatchId: string;
  private rowsKey = "";
  private rulerKey = "";
  private rowsDrawnAt = 0;
  private rowsTimer: ReturnType<typeof setTimeout> | 0 = 0;
  private viewport = { width: 0, height: 0 };
  private resize: ResizeObserver | null;

  private ctx: ViewContext;

  constructor(ctx: ViewContext) {
    this.ctx = ctx;
    const { doc, uid } = ctx;
    this.hatchId = `${uid}-hatch`;
    this.root = el(doc, "div", { class: "lc-timeline" });
    const head = el(doc, "div", { class: "lc-tl-head" });
    head.appendChild(el(doc, "h3", { id: `${uid}-tl` }, "Timeline"));
    // the axis: one column per handle (every step visible), or the loop's time (durations true)
    const axis = el(doc, "fieldset", { class: "lc-axis" });
    axis.appendChild(el(doc, "legend", {}, "Axis"));
    for (const [value, label, title] of [
      ["iterations", "loop iterations", "One column per handle the loop ran: every step can be seen and chosen"],
      ["time", "time", "Events at their loop time: a 2 s sleep is four times as long as a 0.5 s one"],
    ] as const) {
      const l = el(doc, "label", { title });
      const r = el(doc, "input", { type: "radio", name: `${uid}-axis`, value });
      if (value === "iterations") r.checked = true;
      r.addEventListener("change", () => {
        if (r.checked) ctx.setAxis(value);
      });
      l.append(r, doc.createTextNode(` ${label}`));
      axis.appendChild(l);
    }
    head.appendChild(axis);
    this.root.appendChild(head);
    const legend = el(doc, "ul", { class: "lc-legend", "aria-label": "Timeline legend" });
    for (const [icon, text] of legendItems(this.hatchId)) {
      const li = el(doc, "li");
      li.appendChild(toDom(doc, h("svg", { "aria-hidden": "true", viewBox: "0 0 22 12" }, ...icon)));
      li.appendChild(doc.createTextNode(text));
      legend.appendChild(li);
    }
    this.root.appendChild(legend);
    this.aggregate = el(doc, "p", { class: "lc-aggregate" });
    this.axisNote = el(doc, "p", { class: "lc-aggregate", hidden: "" });
    this.root.append(this.aggregate, this.axisNote);
    this.scroll = el(doc, "div", {
      class: "lc-tl-scroll",
      tabindex: "0",
      role: "group",
      "aria-labelledby": `${uid}-tl`,
      "aria-describedby": `${uid}-tl-help`,
    });
    const help = el(
      doc,
      "p",
      { class: "lc-sr", id: `${uid}-tl-help` },
      "Arrow keys move between the segments and marks of a lane, up and down between lanes; Enter on a print shows its output line.",
    );
    this.sizer = el(doc, "div", { class: "lc-tl-sizer" });
    const ruler = el(doc, "div", { class: "lc-tl-ruler", "aria-hidden": "true" });
    this.corner = el(doc, "div", { class: "lc-tl-corner" }, "iteration");
    const corner = this.corner;
    this.rulerSvg = doc.createElementNS(SVG_NS, "svg");
    this.rulerSvg.setAttribute("height", String(RULER_H));
    ruler.append(corner, this.rulerSvg);
    this.rows = el(doc, "div", { class: "lc-tl-rows" });
    // step mode: what lies after the cursor is dimmed by this overlay, whose left edge is the cursor
    this.future = el(doc, "div", { class: "lc-tl-future", hidden: "", "aria-hidden": "true" });
    this.sizer.append(ruler, this.rows, this.future);
    this.scroll.appendChild(this.sizer);
    // the hatch pattern of Scheduled segments (one per view, so that destroying one keeps the others')
    this.defs = toDom(
      doc,
      h(
        "svg",
        { width: 0, height: 0, "aria-hidden": "true", class: "lc-defs" },
        h(
          "defs",
          {},
          h(
            "pattern",
            { id: this.hatchId, width: 5, height: 5, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
            h("line", { class: "lc-hatch-line", x1: 0, y1: 0, x2: 0, y2: 5 }),
          ),
        ),
      ),
    ) as SVGSVGElement;
    this.root.append(this.defs, help, this.scroll);
    this.details = el(doc, "p", { class: "lc-details", "aria-live": "polite" }, DETAILS_HINT);
    this.root.appendChild(this.details);
    this.listen();
    const win = doc.defaultView;
    // the border box does not change when scrollbars come and go, so resizing cannot feed back
    this.resize =
      win && "ResizeObserver" in win
        ? new win.ResizeObserver(() => {
            const next = this.measure();
            if (next.width === this.viewport.width && next.height === this.viewport.height) return;
            this.viewport = next;
            ctx.schedule();
          })
        : null;
    this.resize?.observe(this.scroll);
  }

  destroy(): void {
    this.resize?.disconnect();
    if (this.rowsTimer) clearTimeout(this.rowsTimer);
    this.defs.remove();
  }

  reset(): void {
    this.details.textContent = DETAILS_HINT;
    this.scroll.scrollTop = 0;
    this.scroll.scrollLeft = 0;
    this.rowsKey = "";
    this.rulerKey = "";
  }

  /** Layout reads, done before a frame writes anything (no forced synchronous layout). */
  readScroll(): { top: number; left: number } {
    if (!this.viewport.width) this.viewport = this.measure();
    return { top: this.scroll.scrollTop, left: this.scroll.scrollLeft };
  }

  setDetails(text: string): void {
    this.details.textContent = text;
  }

  /** lanes: the loop's own (callbacks, timers, prints outside tasks), then each task shown */
  laneIds(): (ObjectId | null)[] {
    const { model } = this.ctx.state;
    const out: (ObjectId | null)[] = [null];
    for (const id of model.taskOrder) if (!this.ctx.hidden(id)) out.push(id);
    return out;
  }

  private measure(): { width: number; height: number } {
    // leave room for a vertical scrollbar whether or not there is one
    return { width: Math.max(0, this.scroll.offsetWidth - 18), height: this.scroll.offsetHeight };
  }

  /** The axis for the model as it is now and the width in view. */
  private currentAxis(): Axis {
    const { state } = this.ctx;
    const available = (this.viewport.width || 640) - NAME_W - 4;
    return state.axis === "time" ? timeAxis(state.layout, state.model, available) : iterationAxis(state.layout, available);
  }

  private items(lane: ObjectId | null, axis: Axis): LaneItem[] {
    const { state } = this.ctx;
    return laneItems(state.layout, state.model, axis, lane, state.showInternals);
  }

  private activeItemKey(lanes: (ObjectId | null)[], axis: Axis): { lane: number; key: string } | null {
    const { active } = this.ctx.state;
    if (!active) return null;
    const lane = lanes[active.lane];
    if (lane === undefined) return null;
    const items = this.items(lane, axis);
    const item = items[Math.min(active.item, items.length - 1)];
    return item ? { lane: active.lane, key: item.key } : null;
  }

  render(snap: Snapshot, scrollTop: number, scrollLeft: number): void {
    const { state } = this.ctx;
    const { model, layout, position, finished } = state;
    const lanes = this.laneIds();
    const axis = this.currentAxis();
    this.axis = axis;
    // room on the right for marks set apart at the end of the last handle
    const width = axis.width;
    const big = lanes.length > 200;
    this.aggregate.textContent = big
      ? `${lanes.length - 1} tasks: lanes are drawn as you scroll. ${snap.tasks.filter((t) => t.state !== "done").length} not done at this point.`
      : "";
    this.axisNote.hidden = !(axis.kind === "time" && axis.flat && model.length > 0);
    this.axisNote.textContent = "All of this run happened at one loop time: nothing slept. The time axis has nothing to spread; the iteration axis shows the order.";
    this.corner.textContent = axis.kind === "time" ? "loop time" : "iteration";
    // the step cursor and the dimmed future: cheap, done on every frame
    if (position === null) {
      this.future.hidden = true;
    } else {
      // only over the part of the timeline in view: a translucent layer as big as a
      // 1,000-lane timeline costs more to paint than everything else on a step
      const left = NAME_W + axis.cursor(position);
      const right = Math.min(NAME_W + width, scrollLeft + (this.viewport.width || 640) + 40);
      this.future.hidden = right <= left;
      this.future.style.left = `${left}px`;
      this.future.style.width = `${Math.max(0, right - left)}px`;
      this.future.style.top = `${scrollTop}px`;
      this.future.style.height = `${Math.min(this.viewport.height || 352, RULER_H + lanes.length * ROW_H - scrollTop)}px`;
    }
    const options = `${axis.kind}|${Math.round(axis.end)}|${state.showInternals}|${lanes.length}`;
    const rk = `${model.length}|${options}`;
    if (rk !== this.rulerKey) {
      this.rulerKey = rk;
      this.sizer.style.width = `${NAME_W + width}px`;
      this.sizer.style.height = `${RULER_H + lanes.length * ROW_H}px`;
      this.rulerSvg.setAttribute("width", String(width));
      this.rulerSvg.replaceChildren(toFragment(this.ctx.doc, rulerShapes(layout, model, axis), true));
    }

    // only the lanes in view (plus a margin) are drawn, and only again when they change
    const viewTop = Math.max(0, scrollTop - RULER_H);
    const viewH = this.viewport.height || 352;
    const first = Math.max(0, Math.floor(viewTop / ROW_H) - 3);
    const last = Math.min(lanes.length, Math.ceil((viewTop + viewH) / ROW_H) + 3);
    const activeKey = state.active ? this.activeItemKey(lanes, axis) : null;
    const key = `${model.length}|${options}|${first}|${last}|${state.highlighted}|${activeKey?.lane}:${activeKey?.key}|${finished}`;
    if (key === this.rowsKey) {
      this.applySelection(lanes);
      return;
    }
    // while a run streams in, the lanes are redrawn a few times a second, not on every batch:
    // the diagram and the status keep up on every frame; scrolling redraws at once
    const now = performance.now();
    const onlyDataChanged = this.rowsKey.split("|").slice(1).join("|") === key.split("|").slice(1).join("|");
    if (onlyDataChanged && !finished && position === null && now - this.rowsDrawnAt < ROWS_THROTTLE_MS) {
      if (!this.rowsTimer) this.rowsTimer = setTimeout(() => ((this.rowsTimer = 0), this.ctx.schedule()), ROWS_THROTTLE_MS);
      return;
    }
    this.rowsDrawnAt = now;
    this.rowsKey = key;
    this.rows.style.top = `${RULER_H + first * ROW_H}px`;
    this.rows.style.width = `${NAME_W + width}px`;
    const states = new Map<ObjectId, TaskSnapshot>();
    for (const t of model.currentTasks()) states.set(t.id, t);
    const frag = this.ctx.doc.createDocumentFragment();
    for (let li = first; li < last; li++) frag.appendChild(this.laneRow(lanes[li]!, li, axis, activeKey, states));
    this.rows.replaceChildren(frag);
    this.applySelection(lanes);
  }

  private laneRow(lane: ObjectId | null, li: number, axis: Axis, activeKey: { lane: number; key: string } | null, states: Map<ObjectId, TaskSnapshot>): HTMLElement {
    const { doc, state } = this.ctx;
    const name = lane === null ? "loop" : taskName(state.model, lane);
    const now = lane === null ? undefined : states.get(lane);
    const row = el(doc, "div", { class: "lc-tl-row", "data-lane": String(li) });
    const title = lane === null ? `loop: ${GLOSSARY.loop}` : name + (now ? ` (${describeState(now)})` : "");
    row.appendChild(el(doc, "div", { class: "lc-tl-name", title }, name));
    const shapes = laneShapes(state.layout, state.model, lane, {
      axis,
      hatchId: this.hatchId,
      activeKey: activeKey && activeKey.lane === li ? activeKey.key : null,
      highlighted: state.highlighted,
      showInternals: state.showInternals,
    });
    row.appendChild(toDom(doc, h("svg", { width: axis.width, height: ROW_H, "aria-hidden": "true" }, ...shapes)));
    return row;
  }

  /** the lane of the task pointed at: a class on the row, no re-render (pointing is not a change) */
  private applySelection(lanes: (ObjectId | null)[]): void {
    const { selectedTask } = this.ctx.state;
    const li = selectedTask === null ? -1 : lanes.indexOf(selectedTask);
    for (const row of this.rows.children) {
      const r = row as HTMLElement;
      r.classList.toggle("lc-sel", Number(r.dataset.lane) === li);
    }
  }

  /** Scroll so that lane `li` (and `x` px along it, when given) is in view. */
  revealLane(li: number, x: number | null): void {
    const scroll = this.scroll;
    const y = RULER_H + li * ROW_H;
    if (y - RULER_H < scroll.scrollTop) scroll.scrollTop = y - RULER_H;
    else if (y + ROW_H > scroll.scrollTop + scroll.clientHeight) scroll.scrollTop = y + ROW_H - scroll.clientHeight;
    if (x !== null) {
      const px = x + NAME_W;
      if (px < scroll.scrollLeft + NAME_W) scroll.scrollLeft = Math.max(0, px - NAME_W - 20);
      else if (px > scroll.scrollLeft + scroll.clientWidth - 20) scroll.scrollLeft = px - scroll.clientWidth / 2;
    }
  }

  /** Put the keyboard cursor on the print `seq` and reveal it. */
  focusPrint(seq: number, task: ObjectId | null, index: number): void {
    const { state } = this.ctx;
    const lanes = this.laneIds();
    const li = lanes.indexOf(task);
    if (li < 0) return;
    const axis = this.axis ?? this.currentAxis();
    const items = this.items(task, axis);
    const k = items.findIndex((it) => it.printSeq === seq);
    state.active = { lane: li, item: Math.max(0, k) };
    state.selectedTask = task;
    this.revealLane(li, axis.x(index));
  }

  /** Put the keyboard cursor on the lane of task `id`. */
  focusTask(id: ObjectId, snap: Snapshot): void {
    const { state } = this.ctx;
    const li = this.laneIds().indexOf(id);
    if (li < 0) return;
    state.selectedTask = id;
    state.active = { lane: li, item: 0 };
    const t = snap.tasks.find((x) => x.id === id);
    this.details.textContent = t ? `${taskName(state.model, id)}: ${describeState(t)}` : "";
    this.revealLane(li, null);
  }

  private laneOfRow(target: EventTarget | null): { li: number; el: Element | null } | null {
    const elx = target instanceof Element ? target : null;
    const row = elx?.closest<HTMLElement>(".lc-tl-row");
    if (!row) return null;
    return { li: Number(row.dataset.lane), el: elx?.closest("[data-key]") ?? null };
  }

  private listen(): void {
    const { ctx, rows, scroll } = this;
    rows.addEventListener("mouseover", (ev) => {
      const hit = this.laneOfRow(ev.target);
      if (!hit) return;
      const lane = this.laneIds()[hit.li];
      if (lane !== undefined && lane !== ctx.state.selectedTask) {
        ctx.state.selectedTask = lane;
        ctx.schedule();
      }
      if (hit.el && this.axis) {
        const key = hit.el.getAttribute("data-key");
        const item = this.items(lane ?? null, this.axis).find((it) => it.key === key);
        if (item) this.details.textContent = item.describe();
      }
    });
    rows.addEventListener("click", (ev) => {
      const hit = this.laneOfRow(ev.target);
      if (!hit?.el) return;
      const seq = hit.el.getAttribute("data-seq");
      if (seq !== null) ctx.selectPrint(Number(seq));
    });
    scroll.addEventListener("scroll", () => ctx.schedule(), { passive: true });
    scroll.addEventListener("keydown", (ev) => this.onKey(ev));
    scroll.addEventListener("focus", () => {
      if (this.details.textContent === DETAILS_HINT) this.details.textContent = "Arrow keys move along a lane and between lanes; Enter on a print shows its output line.";
    });
  }

  private onKey(ev: KeyboardEvent): void {
    const { state } = this.ctx;
    const lanes = this.laneIds();
    if (!lanes.length) return;
    const axis = this.axis ?? this.currentAxis();
    const active = (state.active ??= { lane: Math.min(1, lanes.length - 1), item: 0 });
    let handled = true;
    const items = this.items(lanes[active.lane] ?? null, axis);
    switch (ev.key) {
      case "ArrowRight":
        active.item = Math.min(items.length - 1, active.item + 1);
        break;
      case "ArrowLeft":
        active.item = Math.max(0, active.item - 1);
        break;
      case "ArrowDown":
      case "ArrowUp": {
        const x = items[active.item]?.x ?? 0;
        active.lane = Math.max(0, Math.min(lanes.length - 1, active.lane + (ev.key === "ArrowDown" ? 1 : -1)));
        const next = this.items(lanes[active.lane] ?? null, axis);
        // keep the same moment when moving between lanes
        let best = 0;
        next.forEach((it, k) => {
          if (Math.abs(it.x - x) < Math.abs((next[best]?.x ?? 0) - x)) best = k;
        });
        active.item = best;
        break;
      }
      case "Home":
        active.item = 0;
        break;
      case "End":
        active.item = Math.max(0, items.length - 1);
        break;
      case "Enter":
      case " ": {
        const it = items[active.item];
        if (it?.printSeq != null) this.ctx.selectPrint(it.printSeq);
        break;
      }
      default:
        handled = false;
    }
    if (!handled) return;
    ev.preventDefault();
    const lane = lanes[active.lane] ?? null;
    const it = this.items(lane, axis)[active.item];
    state.selectedTask = lane;
    this.details.textContent = it ? it.describe() : `${taskName(state.model, lane)}: nothing on this lane yet.`;
    this.revealLane(active.lane, it?.x ?? null);
    this.ctx.schedule();
  }
}
