/**
 * The live Life-cycle view of a run. This module mounts it and keeps its state; each panel has
 * its own module:
 *
 * - diagram-panel.ts — the life-cycle diagram with each task as a marker (markers.ts);
 * - step-panel.ts    — step mode: buttons, scrubber, the frame's sentence, ready queue, timers;
 * - timeline.ts      — one lane per task over loop iterations (layout in layout.ts);
 * - table.ts         — the same as a table of transitions, for screen readers.
 *
 * The sentences are in describe.ts, the stops of step mode in stops.ts, the model in model.ts
 * (pure, like layout.ts and markers.ts). Events are checked by the model (validate.ts) before
 * anything is done with them, and nothing is ever built from HTML text (dom.ts).
 *
 * Plain DOM/SVG, no framework; loaded lazily by the playground (`await import(...)`) when the
 * reader opens the Life-cycle view, so nothing of it lands on a reading page before that.
 * Events arrive in batches while the program runs; every DOM update is batched into one
 * requestAnimationFrame, and the timeline renders only the lanes in view, so a run of 1,000
 * tasks keeps the page responsive (see bench/lifecycle.ts).
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import type { ViewContext, ViewState } from "./context.ts";
import { DiagramPanel } from "./diagram-panel.ts";
import { el } from "./dom.ts";
import { describeMark, rejectedText, statusText } from "./describe.ts";
import { TimelineLayout } from "./layout.ts";
import { LifecycleModel } from "./model.ts";
import { StepPanel } from "./step-panel.ts";
import { computeStops, nextStop, type Stops } from "./stops.ts";
import { injectStyles } from "./styles.ts";
import { TransitionsTable } from "./table.ts";
import { Timeline } from "./timeline.ts";

export interface LifecycleViewOptions {
  /** the reader chose a print mark on the timeline: highlight that output line */
  onSelectPrint?(seq: number): void;
}

export interface LifecycleView {
  /** forget the previous run (call before a new run starts) */
  reset(): void;
  /**
   * Events of the current run, in order, in batches of any size. Untrusted: the model checks
   * each one and ignores (and counts) those of the wrong shape.
   */
  push(events: readonly unknown[]): void;
  /** the run is over: no more events */
  finish(): void;
  /** the reader chose the output line printed by the print event `seq`: show its moment */
  highlightPrint(seq: number): void;
  /** remove the view from its host */
  destroy(): void;
}

let viewCounter = 0;

export function mountLifecycleView(host: HTMLElement, options: LifecycleViewOptions = {}): LifecycleView {
  const doc = host.ownerDocument;
  injectStyles(doc);
  const uid = `lcv${++viewCounter}`;
  let destroyed = false;

  const state: ViewState = {
    model: new LifecycleModel(),
    layout: new TimelineLayout(),
    finished: false,
    position: null,
    selectedTask: null,
    highlighted: null,
    active: null,
  };
  let stopsCache: Stops | null = null;

  const ctx: ViewContext = {
    doc,
    uid,
    state,
    schedule,
    stops(): Stops {
      if (!stopsCache || stopsCache.length !== state.model.length) stopsCache = computeStops(state.model);
      return stopsCache;
    },
    stepTo,
    stepBy(kind, dir): void {
      stepTo(nextStop(ctx.stops(), kind, state.position ?? state.model.length, dir));
    },
    follow(): void {
      state.position = null;
      state.active = null;
      schedule();
    },
    selectPrint(seq: number): void {
      showPrint(seq);
      options.onSelectPrint?.(seq);
    },
    selectTask(id: ObjectId): void {
      timeline.focusTask(id, state.model.snapshotAt(state.position ?? state.model.length));
      schedule();
    },
  };

  // ---- DOM -----------------------------------------------------------------------------------
  const root = el(doc, "section", { class: "lc-view", "aria-label": "Life-cycle" });
  const status = el(doc, "p", { class: "lc-status" });
  const warning = el(doc, "p", { class: "lc-warning", role: "status", hidden: "" });
  const announce = el(doc, "p", { class: "lc-sr", "aria-live": "polite" });
  const diagram = new DiagramPanel(ctx);
  const step = new StepPanel(ctx);
  const timeline = new Timeline(ctx);
  const table = new TransitionsTable(ctx);
  const top = el(doc, "div", { class: "lc-top" });
  top.append(diagram.root, step.root);
  root.append(status, warning, announce, top, timeline.root, table.root);
  host.appendChild(root);

  // ---- rendering ------------------------------------------------------------------------------
  let frameRequested = false;
  const raf: (cb: () => void) => void =
    typeof doc.defaultView?.requestAnimationFrame === "function"
      ? (cb) => doc.defaultView!.requestAnimationFrame(cb)
      : (cb) => setTimeout(cb, 16);

  function schedule(): void {
    if (frameRequested) return;
    frameRequested = true;
    raf(() => {
      frameRequested = false;
      render();
    });
  }

  function render(): void {
    if (destroyed) return;
    // layout reads first, before this frame writes anything (no forced synchronous layout)
    const scroll = timeline.readScroll();
    state.layout.ingest(state.model);
    const snap = state.model.snapshotAt(state.position ?? state.model.length);
    status.textContent = statusText(state.model, snap, state.position, state.finished);
    const rejected = rejectedText(state.model);
    warning.hidden = rejected === "";
    warning.textContent = rejected;
    diagram.render(snap);
    step.render(snap);
    timeline.render(snap, scroll.top, scroll.left);
    table.render();
  }

  function stepTo(pos: number): void {
    state.position = Math.max(0, Math.min(pos, state.model.length));
    schedule();
    announceFrame();
  }

  function announceFrame(): void {
    if (state.position === null) return;
    announce.textContent = step.describe(state.position);
  }

  function showPrint(seq: number): boolean {
    const { model } = state;
    state.layout.ingest(model);
    const index = model.printEventIndex(seq);
    if (index < 0) return false;
    state.highlighted = seq;
    const m = model.marks.find((x) => x.kind === "print" && x.seq === seq);
    // the moment right after the print: the diagram shows the tasks as they were then
    state.position = index + 1;
    if (m) {
      timeline.focusPrint(seq, m.task, index);
      timeline.setDetails(describeMark(model, m));
    }
    announceFrame();
    schedule();
    return true;
  }

  // ---- the interface -------------------------------------------------------------------------
  function reset(): void {
    state.model = new LifecycleModel();
    state.layout = new TimelineLayout();
    state.finished = false;
    state.position = null;
    state.selectedTask = null;
    state.highlighted = null;
    state.active = null;
    stopsCache = null;
    diagram.reset();
    step.reset();
    timeline.reset();
    table.reset();
    announce.textContent = "";
    schedule();
  }

  schedule();

  return {
    reset,
    push(events: readonly unknown[]): void {
      if (Array.isArray(events) && events.length === 0) return;
      state.model.push(events);
      schedule();
    },
    finish(): void {
      state.finished = true;
      schedule();
      const n = state.model.taskOrder.length;
      announce.textContent = `Run finished: ${n} task${n === 1 ? "" : "s"}, ${state.model.transitions.length} transitions.`;
    },
    highlightPrint(seq: number): void {
      // the host passes what its output line says; a line of a forged run may say anything
      if (Number.isSafeInteger(seq)) showPrint(seq);
    },
    destroy(): void {
      timeline.destroy();
      root.remove();
      destroyed = true;
    },
  };
}
