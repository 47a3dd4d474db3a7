/**
 * The live Life-cycle view of a run. This module mounts it and keeps its state; each panel has
 * its own module:
 *
 * - diagram-panel.ts — the life-cycle diagram with each task as a marker (markers.ts);
 * - step-panel.ts    — step mode: buttons, scrubber, the frame's sentence, ready queue, timers;
 * - code-panel.ts    — step mode tied to the code: the line each task is at, the output so far;
 * - timeline.ts      — one lane per task over loop iterations (layout in layout.ts);
 * - table.ts         — the same as a table of transitions, for screen readers.
 *
 * The sentences are in describe.ts (positions named by position.ts, the words explained by
 * glossary.ts, asyncio's own tasks told apart by internals.ts), the stops of step mode in
 * stops.ts, the model in model.ts (pure, like layout.ts, markers.ts and trace.ts). Events are checked by the model (validate.ts) before
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
import { CodePanel } from "./code-panel.ts";
import { DiagramPanel } from "./diagram-panel.ts";
import { el } from "./dom.ts";
import { GLOSSARY, type Term } from "./glossary.ts";
import { isInternalTask } from "./internals.ts";
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
  /**
   * The program's source (main.ts), read when the view is mounted and at each reset(), for
   * step mode's line highlights. By default the `getSource()` of the enclosing
   * `asyncio-example` element (interface 2 of HELPERS.md), when there is one.
   */
  getSource?(): string | null;
  /** show asyncio's own tasks and callbacks from the start (default: folded) */
  showInternals?: boolean;
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
/** while a run streams in, step mode's stops are recomputed at most this often */
const STOPS_THROTTLE_MS = 250;
/**
 * A batch of events is taken in slices of about this long, the page's other work (input, the
 * next messages of the run, a frame) running between them: the runner relays up to 10,000
 * events per message, which the model once took in one task of a second on a loaded machine.
 */
const SLICE_MS = 12;
/** events checked and applied between two looks at the clock */
const SLICE_EVENTS = 256;
/**
 * While the view follows a run that streams in, a frame is drawn at most once per this many
 * times the last frame's cost: drawing a run of thousands of tasks takes tens of milliseconds,
 * and drawing it on every frame would leave the page little time for anything else.
 */
const RENDER_SHARE = 4;

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
    showInternals: options.showInternals ?? false,
    axis: "iterations",
    source: null,
  };
  let stopsCache: Stops | null = null;
  let stopsAt = 0;
  let stopsTimer: ReturnType<typeof setTimeout> | 0 = 0;
  /** per task: whether it is asyncio's own (it never changes, so it is worked out once) */
  let internal = new Map<ObjectId, boolean>();

  const readSource = (): string | null => {
    try {
      const get =
        options.getSource ??
        (() => {
          const ex = host.closest("asyncio-example") as (Element & { getSource?(): string }) | null;
          return typeof ex?.getSource === "function" ? ex.getSource() : null;
        });
      const s = get();
      return typeof s === "string" ? s : null;
    } catch {
      return null;
    }
  };

  const ctx: ViewContext = {
    doc,
    uid,
    state,
    schedule,
    stops(fresh = false): Stops {
      const { model } = state;
      if (!stopsCache || stopsCache.length !== model.length) {
        // while the view follows a run that streams in, the stops only place the scrubber:
        // they are brought up to date a few times a second, not on every batch
        const now = performance.now();
        const following = state.position === null && !state.finished;
        if (!stopsCache || fresh || !following || now - stopsAt >= STOPS_THROTTLE_MS) {
          stopsCache = computeStops(model);
          stopsAt = now;
        } else if (!stopsTimer) {
          stopsTimer = setTimeout(() => ((stopsTimer = 0), schedule()), STOPS_THROTTLE_MS);
        }
      }
      return stopsCache;
    },
    stepTo,
    stepBy(kind, dir): void {
      stepTo(nextStop(ctx.stops(true), kind, state.position ?? state.model.length, dir));
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
    hidden(id: ObjectId): boolean {
      if (state.showInternals) return false;
      let v = internal.get(id);
      if (v === undefined) {
        const t = state.model.task(id);
        v = t ? isInternalTask(t) : false;
        internal.set(id, v);
      }
      return v;
    },
    setAxis(kind): void {
      state.axis = kind;
      schedule();
    },
  };

  // ---- DOM -----------------------------------------------------------------------------------
  const root = el(doc, "section", { class: "lc-view", "aria-label": "Life-cycle" });
  const status = el(doc, "p", { class: "lc-status" });
  const warning = el(doc, "p", { class: "lc-warning", role: "status", hidden: "" });
  const announce = el(doc, "p", { class: "lc-sr", "aria-live": "polite" });
  const options_ = el(doc, "div", { class: "lc-options" });
  const internalsBox = el(doc, "input", { type: "checkbox" });
  internalsBox.checked = state.showInternals;
  internalsBox.addEventListener("change", () => {
    state.showInternals = internalsBox.checked;
    state.active = null;
    schedule();
  });
  const internalsLabel = el(doc, "label", {
    title: "asyncio.run() ends with two tasks of its own (shutdown_asyncgens, shutdown_default_executor) and stops the loop from a done callback; gather(), wait() and TaskGroup add callbacks too. CPython has them all; they are folded unless you ask.",
  });
  internalsLabel.append(internalsBox, doc.createTextNode(" Show asyncio's internals"));
  options_.append(internalsLabel, glossary(doc));
  const diagram = new DiagramPanel(ctx);
  const step = new StepPanel(ctx);
  const code = new CodePanel(ctx);
  const timeline = new Timeline(ctx);
  const table = new TransitionsTable(ctx);
  const top = el(doc, "div", { class: "lc-top" });
  top.append(diagram.root, step.root);
  root.append(status, warning, announce, options_, top, code.root, timeline.root, table.root);
  host.appendChild(root);
  state.source = readSource();

  // ---- taking events in ----------------------------------------------------------------------
  /**
   * Parts of batches not yet given to the model, in order. A batch is referenced with the end
   * it had when it was pushed (the host may append to the same array later).
   */
  const queue: { events: readonly unknown[]; from: number; to: number }[] = [];
  /** finish() came while events were still queued: it takes effect once they are in */
  let finishQueued = false;
  let drainRequested = false;
  const win = doc.defaultView;
  const channel = typeof win?.MessageChannel === "function" ? new win.MessageChannel() : null;
  /** the next slice runs in a task of its own, after whatever the page has queued meanwhile */
  const nextTask: (cb: () => void) => void = channel
    ? (cb) => {
        channel.port1.onmessage = () => cb();
        channel.port2.postMessage(null);
      }
    : (cb) => setTimeout(cb, 0);

  /** Gives the model queued events for about SLICE_MS, or all of them when `all`. */
  function drain(all: boolean): void {
    const t0 = performance.now();
    while (queue.length > 0) {
      const q = queue[0]!;
      const to = Math.min(q.to, q.from + SLICE_EVENTS);
      state.model.push(q.events, q.from, to);
      q.from = to;
      if (q.from >= q.to) queue.shift();
      if (!all && performance.now() - t0 >= SLICE_MS) break;
    }
    schedule();
    if (queue.length > 0) {
      if (!drainRequested) {
        drainRequested = true;
        nextTask(() => {
          drainRequested = false;
          if (!destroyed) drain(false);
        });
      }
    } else if (finishQueued) {
      finishQueued = false;
      finished();
    }
  }

  function finished(): void {
    state.finished = true;
    schedule();
    const n = state.model.taskOrder.length;
    announce.textContent = `Run finished: ${n} task${n === 1 ? "" : "s"}, ${state.model.transitions.length} transitions.`;
  }

  // ---- rendering ------------------------------------------------------------------------------
  let frameRequested = false;
  /** while following a run that streams in, no frame is drawn before this time */
  let renderAfter = 0;
  const raf: (cb: () => void) => void =
    typeof win?.requestAnimationFrame === "function" ? (cb) => win.requestAnimationFrame(cb) : (cb) => setTimeout(cb, 16);

  function schedule(): void {
    if (frameRequested) return;
    frameRequested = true;
    const draw = (): void => {
      frameRequested = false;
      render();
    };
    const wait = following() ? renderAfter - performance.now() : 0;
    if (wait > 0) setTimeout(() => raf(draw), wait);
    else raf(draw);
  }

  /** the view follows a run whose events are still coming (or still queued) */
  function following(): boolean {
    return state.position === null && (!state.finished || queue.length > 0);
  }

  function render(): void {
    if (destroyed) return;
    const t0 = performance.now();
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
    code.render(snap);
    timeline.render(snap, scroll.top, scroll.left);
    table.render();
    const t1 = performance.now();
    renderAfter = t1 + (t1 - t0) * (RENDER_SHARE - 1);
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

  /** The words of the view, explained once, in a disclosure the reader opens when they need it. */
  function glossary(d: Document): HTMLDetailsElement {
    const box = el(d, "details", { class: "lc-glossary" });
    box.appendChild(el(d, "summary", {}, "Words used here: loop, iteration, handle, ready queue, timer, callback, cancelled"));
    const dl = el(d, "dl");
    for (const term of Object.keys(GLOSSARY) as Term[]) dl.append(el(d, "dt", {}, term), el(d, "dd", {}, GLOSSARY[term]));
    box.appendChild(dl);
    return box;
  }

  function showPrint(seq: number): boolean {
    // the print may still be queued: the reader asked for it, so the model takes it now
    drain(true);
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
    queue.length = 0;
    finishQueued = false;
    internal = new Map();
    state.source = readSource();
    diagram.reset();
    step.reset();
    code.reset();
    timeline.reset();
    table.reset();
    announce.textContent = "";
    schedule();
  }

  schedule();

  return {
    reset,
    push(events: readonly unknown[]): void {
      if (!Array.isArray(events)) {
        // not a batch: the model counts it as rejected
        state.model.push(events);
        schedule();
        return;
      }
      if (events.length === 0 || destroyed) return;
      queue.push({ events, from: 0, to: events.length });
      // a small batch (any tutorial example's) is in the model before push returns; a large
      // one partly, the rest in slices of its own
      if (!drainRequested) drain(false);
    },
    finish(): void {
      if (queue.length > 0) finishQueued = true;
      else finished();
    },
    highlightPrint(seq: number): void {
      // the host passes what its output line says; a line of a forged run may say anything
      if (Number.isSafeInteger(seq)) showPrint(seq);
    },
    destroy(): void {
      if (stopsTimer) clearTimeout(stopsTimer);
      queue.length = 0;
      if (channel) channel.port1.onmessage = null;
      timeline.destroy();
      root.remove();
      destroyed = true;
    },
  };
}
