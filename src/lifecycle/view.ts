/**
 * The live Life-cycle view of a run: the life-cycle diagram with each task as a marker in its
 * current state, a timeline (one lane per task over loop iterations), step mode (one loop
 * iteration or one handle at a time, back and forth, with the ready queue and the timers), and
 * the same information as a table of transitions for screen readers.
 *
 * Plain DOM/SVG, no framework; loaded lazily by the playground (`await import(...)`) when the
 * reader opens the Life-cycle view, so nothing of it lands on a reading page before that.
 * Events arrive in batches while the program runs; every DOM update is batched into one
 * requestAnimationFrame, and the timeline renders only the lanes in view, so a run of 1,000
 * tasks keeps the page responsive (see bench/lifecycle.ts).
 */
import type { LifecycleEvent, ObjectId } from "../asyncio/instrument.ts";
import {
  LifecycleModel,
  formatTime,
  stateLabel,
  type Frame,
  type Mark,
  type Segment,
  type Snapshot,
  type StateName,
  type TaskSnapshot,
} from "./model.ts";
import { NODES, markerCapacity, markerPosition, nodeForState, renderDiagramSvg, type NodeId } from "./diagram.ts";
import { HUES, NAME_W, ROW_H, RULER_H, injectStyles } from "./styles.ts";

export interface LifecycleViewOptions {
  /** the reader chose a print mark on the timeline: highlight that output line */
  onSelectPrint?(seq: number): void;
}

export interface LifecycleView {
  /** forget the previous run (call before a new run starts) */
  reset(): void;
  /** events of the current run, in order, in batches of any size */
  push(events: LifecycleEvent[]): void;
  /** the run is over: no more events */
  finish(): void;
  /** the reader chose the output line printed by the print event `seq`: show its moment */
  highlightPrint(seq: number): void;
  /** remove the view from its host */
  destroy(): void;
}

const SVG_NS = "http://www.w3.org/2000/svg";
/** the gap, in columns, that separates two loop iterations on the timeline */
const ITERATION_GAP = 0.6;
/** while a run streams in, the timeline's lanes are redrawn at most this often */
const ROWS_THROTTLE_MS = 250;
/** table rows rendered before "Show all" */
const TABLE_CAP = 200;
/** rows rendered per animation frame once "Show all" was chosen */
const TABLE_CHUNK = 250;
/** above this many tasks the diagram's counts line summarises instead of naming each task */
const NAME_TASKS_UP_TO = 8;

let viewCounter = 0;

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** the marker colour class of a task: neighbouring ids get distant hues */
function hueClass(id: ObjectId): string {
  return `lc-h${(id * 5) % HUES}`;
}

/** One thing on a lane the keyboard can move to. */
interface LaneItem {
  x: number;
  describe(): string;
  kind: "segment" | "mark" | "handle";
  printSeq: number | null;
  key: string;
}

interface LoopHandle {
  col: number;
  label: string;
  index: number;
  iteration: number;
  time: number;
}

export function mountLifecycleView(host: HTMLElement, options: LifecycleViewOptions = {}): LifecycleView {
  const doc = host.ownerDocument;
  injectStyles(doc);
  const uid = `lcv${++viewCounter}`;
  const hatch = `fill="url(#${uid}-hatch)"`;
  let destroyed = false;

  // ---- state -------------------------------------------------------------------------------
  let model = new LifecycleModel();
  let finished = false;
  /** events applied in step mode; null = follow the run as it goes */
  let position: number | null = null;
  let selectedTask: ObjectId | null = null;
  let highlighted: number | null = null;
  let tableShowAll = false;
  let tableRendered = 0;
  let tableBoundary = 0;
  let tableCurrent: HTMLTableRowElement | null = null;
  let framesCache: { length: number; stops: number[]; frames: Frame[]; iterationStops: number[]; handleStops: number[] } | null = null;
  /** keyboard cursor on the timeline: lane index and item index */
  let active: { lane: number; item: number } | null = null;

  // timeline columns, computed incrementally from the events
  let cols: number[] = [];
  let handleOf: number[] = [];
  let col = 0;
  let handleCol = -1;
  let iterationTicks: { col: number; iteration: number; time: number }[] = [];
  let loopHandles: LoopHandle[] = [];
  let marksByLane = new Map<ObjectId | null, Mark[]>();
  let marksSeen = 0;

  // ---- DOM -----------------------------------------------------------------------------------
  const root = el(doc, "section", { class: "lc-view", "aria-label": "Life-cycle" });
  const status = el(doc, "p", { class: "lc-status" });
  const announce = el(doc, "p", { class: "lc-sr", "aria-live": "polite" });

  const top = el(doc, "div", { class: "lc-top" });
  const diagramWrap = el(doc, "div", { class: "lc-diagram-wrap" });
  diagramWrap.innerHTML = renderDiagramSvg({
    idPrefix: uid,
    markerLayers: true,
    title: "Tasks of this run on the life-cycle diagram",
    description:
      "Each task is a marker in the state it is in; a number on a state counts its tasks. The text below the diagram lists them.",
  });
  const counts = el(doc, "p", { class: "lc-counts" });
  diagramWrap.appendChild(counts);
  const markerLayers = new Map<NodeId, SVGGElement>();
  diagramWrap.querySelectorAll<SVGGElement>("g.lc-markers").forEach((g) => markerLayers.set(g.dataset.node as NodeId, g));
  const nodeEls = new Map<NodeId, SVGElement>();
  diagramWrap.querySelectorAll<SVGElement>(".lc-node").forEach((g) => nodeEls.set(g.dataset.node as NodeId, g));

  // step mode
  const step = el(doc, "div", { class: "lc-step", role: "group", "aria-label": "Step mode" });
  step.appendChild(el(doc, "h3", {}, "Step mode"));
  const buttons = el(doc, "div", { class: "lc-step-buttons" });
  const mk = (label: string, title: string, action: () => void): HTMLButtonElement => {
    const b = el(doc, "button", { type: "button", title, "aria-label": title }, label);
    b.addEventListener("click", action);
    buttons.appendChild(b);
    return b;
  };
  const bStart = mk("⇤ start", "Back to the start", () => stepTo(0));
  const bIterBack = mk("◀◀ iteration", "Back one loop iteration", () => stepBy("iteration", -1));
  const bHandleBack = mk("◀ handle", "Back one handle", () => stepBy("handle", -1));
  const bHandleFwd = mk("handle ▶", "Forward one handle", () => stepBy("handle", 1));
  const bIterFwd = mk("iteration ▶▶", "Forward one loop iteration", () => stepBy("iteration", 1));
  const bLive = mk("Follow run", "Follow run to its end (leave step mode)", () => {
    position = null;
    active = null;
    schedule();
  });
  step.appendChild(buttons);
  const scrub = el(doc, "input", { type: "range", class: "lc-scrub", min: "0", max: "0", value: "0", step: "1", "aria-label": "Position in the run" });
  scrub.addEventListener("input", () => {
    const stops = frameStops().stops;
    const v = Number(scrub.value);
    stepTo(stops[Math.max(0, Math.min(stops.length - 1, v))] ?? 0);
  });
  step.appendChild(scrub);
  const frameText = el(doc, "p", { class: "lc-frame" });
  step.appendChild(frameText);
  const queues = el(doc, "div", { class: "lc-queues" });
  const readyBox = el(doc, "div");
  readyBox.appendChild(el(doc, "h4", { id: `${uid}-ready` }, "Ready queue"));
  const readyList = el(doc, "ol", { "aria-labelledby": `${uid}-ready`, tabindex: "0" });
  readyBox.appendChild(readyList);
  const timersBox = el(doc, "div");
  timersBox.appendChild(el(doc, "h4", { id: `${uid}-timers` }, "Timers"));
  const timerList = el(doc, "ul", { "aria-labelledby": `${uid}-timers`, tabindex: "0" });
  timersBox.appendChild(timerList);
  queues.append(readyBox, timersBox);
  step.appendChild(queues);
  top.append(diagramWrap, step);

  // timeline
  const timeline = el(doc, "div", { class: "lc-timeline" });
  timeline.appendChild(el(doc, "h3", { id: `${uid}-tl` }, "Timeline"));
  const legend = el(doc, "ul", { class: "lc-legend", "aria-label": "Timeline legend" });
  legend.innerHTML = [
    ["scheduled", `<rect class="lc-seg-scheduled" ${hatch} x="0" y="1" width="22" height="10"/>`, "Scheduled (hatched)"],
    ["running", `<rect class="lc-seg-running" x="0" y="1" width="22" height="10"/>`, "Running (solid)"],
    ["suspended", `<line class="lc-seg-suspended" x1="0" y1="6" x2="22" y2="6"/>`, "Suspended (dashed)"],
    ["done", `<circle class="lc-end lc-end-result" cx="6" cy="6" r="4"/><path class="lc-end" d="M13 2l8 8M21 2l-8 8"/>`, "Done: ● result, ✕ exception, ⊘ cancelled"],
    ["cancel", `<path class="lc-mark-cancel" d="M5 1h12l-6 10z"/>`, "cancel() requested"],
    ["callback", `<path class="lc-mark-callback" d="M11 0l6 6-6 6-6-6z"/>`, "done callback runs"],
    ["print", `<rect class="lc-mark-print" x="7" y="1" width="8" height="10" rx="2"/>`, "print (choose it to see the output line)"],
  ]
    .map(([, icon, text]) => `<li><svg aria-hidden="true" viewBox="0 0 22 12">${icon}</svg>${esc(text!)}</li>`)
    .join("");
  timeline.appendChild(legend);
  const aggregate = el(doc, "p", { class: "lc-aggregate" });
  timeline.appendChild(aggregate);
  const scroll = el(doc, "div", {
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
  const sizer = el(doc, "div", { class: "lc-tl-sizer" });
  const ruler = el(doc, "div", { class: "lc-tl-ruler", "aria-hidden": "true" });
  const corner = el(doc, "div", { class: "lc-tl-corner" }, "iteration");
  const rulerSvg = doc.createElementNS(SVG_NS, "svg");
  rulerSvg.setAttribute("height", String(RULER_H));
  ruler.append(corner, rulerSvg);
  const rows = el(doc, "div", { class: "lc-tl-rows" });
  // step mode: what lies after the cursor is dimmed by this overlay, whose left edge is the cursor
  const future = el(doc, "div", { class: "lc-tl-future", hidden: "", "aria-hidden": "true" });
  sizer.append(ruler, rows, future);
  scroll.appendChild(sizer);
  // the hatch pattern of Scheduled segments (one per view, so that destroying one keeps the others')
  const defs = doc.createElementNS(SVG_NS, "svg");
  defs.setAttribute("width", "0");
  defs.setAttribute("height", "0");
  defs.setAttribute("aria-hidden", "true");
  defs.setAttribute("class", "lc-defs");
  defs.innerHTML = `<defs><pattern id="${uid}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="lc-hatch-line" x1="0" y1="0" x2="0" y2="5"/></pattern></defs>`;
  timeline.append(defs, help, scroll);
  const DETAILS_HINT = "Point at or focus a segment or mark of the timeline to see what the task waits on and its repr.";
  const details = el(doc, "p", { class: "lc-details", "aria-live": "polite" }, DETAILS_HINT);
  timeline.appendChild(details);

  // table
  // scrollable, so focusable: keyboard users can scroll it (WCAG 2.1.1)
  const tableWrap = el(doc, "div", { class: "lc-table-wrap", tabindex: "0", role: "region", "aria-label": "Transitions, scrollable" });
  const table = el(doc, "table");
  const caption = el(doc, "caption", {}, "Transitions");
  const thead = el(doc, "thead");
  thead.innerHTML = `<tr><th scope="col">Task</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Iteration</th><th scope="col">Time</th></tr>`;
  const tbody = el(doc, "tbody");
  table.append(caption, thead, tbody);
  const more = el(doc, "button", { type: "button", class: "lc-table-more", hidden: "" });
  more.addEventListener("click", () => {
    tableShowAll = true;
    more.hidden = true;
    schedule();
  });
  tableWrap.append(table, more);

  root.append(status, announce, top, timeline, tableWrap);
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

  function ingest(): void {
    const events = model.events;
    const kinds = model.eventKinds;
    for (let i = cols.length; i < events.length; i++) {
      const e = events[i]!;
      const kind = kinds[i]!;
      if (kind === 2) {
        col += ITERATION_GAP;
        iterationTicks.push({ col, iteration: e.iteration, time: e.time });
        cols.push(col);
        handleOf.push(-1);
        handleCol = -1;
      } else if (kind === 1) {
        handleCol = col;
        col += 1;
        cols.push(handleCol);
        handleOf.push(handleCol);
        if (e.type === "callback-run") {
          loopHandles.push({ col: handleCol, label: e.callback, index: i, iteration: e.iteration, time: e.time });
        }
      } else {
        cols.push(handleCol >= 0 ? handleCol + 0.5 : col);
        handleOf.push(handleCol);
      }
    }
    for (; marksSeen < model.marks.length; marksSeen++) {
      const m = model.marks[marksSeen]!;
      let lane = marksByLane.get(m.task);
      if (!lane) marksByLane.set(m.task, (lane = []));
      lane.push(m);
    }
  }

  /** x (in columns) where a transition at event `index` out of state `from` happens */
  function xAt(index: number, from: StateName | null): number {
    if (index >= cols.length) return col;
    // leaving Running happens at the end of the step's handle: its whole column is "running"
    if (from === "running" && handleOf[index]! >= 0) return handleOf[index]! + 1;
    return cols[index]!;
  }

  function cursorCol(pos: number): number {
    if (pos <= 0) return 0;
    if (pos >= cols.length) return col;
    return cols[pos]!;
  }

  function snapshotTask(id: ObjectId): TaskSnapshot | undefined {
    return currentSnapshot().tasks.find((t) => t.id === id);
  }

  function currentSnapshot(): Snapshot {
    return model.snapshotAt(position ?? model.length);
  }

  function render(): void {
    if (destroyed) return;
    // layout reads first, before this frame writes anything (no forced synchronous layout)
    const scrollTop = scroll.scrollTop;
    const scrollLeft = scroll.scrollLeft;
    if (!viewport.width) viewport = measure();
    ingest();
    const snap = currentSnapshot();
    renderStatus(snap);
    renderMarkers(snap);
    renderStep(snap);
    renderTimeline(snap, scrollTop, scrollLeft);
    renderTable();
  }

  function renderStatus(snap: Snapshot): void {
    const n = model.taskOrder.length;
    const rel = formatTime(model.relativeTime(snap.time));
    if (position !== null) {
      status.textContent = `Step mode: iteration ${snap.iteration}, loop time +${rel} s.`;
    } else if (finished) {
      status.textContent =
        `Run finished: ${n} task${n === 1 ? "" : "s"}, ${model.transitions.length} transitions ` +
        `over ${snap.iteration} loop iterations, +${rel} s of loop time.`;
    } else if (model.length === 0) {
      status.textContent = "Waiting for the program to run…";
    } else {
      status.textContent = `Running: iteration ${snap.iteration}, ${n} task${n === 1 ? "" : "s"} so far.`;
    }
    for (const b of [bStart, bIterBack, bHandleBack]) b.disabled = (position ?? model.length) <= 0;
    const atEnd = position === null || position >= model.length;
    bHandleFwd.disabled = atEnd;
    bIterFwd.disabled = atEnd;
    bLive.disabled = position === null;
    bLive.setAttribute("aria-pressed", String(position === null));
  }

  function renderMarkers(snap: Snapshot): void {
    const key = `${snap.end}|${model.length}|${selectedTask}`;
    if (key === markersKey) return;
    markersKey = key;
    const byNode = new Map<NodeId, TaskSnapshot[]>();
    for (const t of snap.tasks) {
      const id = nodeForState(t.state);
      let list = byNode.get(id);
      if (!list) byNode.set(id, (list = []));
      list.push(t);
    }
    for (const n of NODES) {
      const layer = markerLayers.get(n.id);
      if (!layer) continue;
      const tasks = byNode.get(n.id) ?? [];
      nodeEls.get(n.id)?.classList.toggle("lc-active", tasks.length > 0);
      if (tasks.length === 0) {
        if (layer.firstChild) layer.textContent = "";
        continue;
      }
      const cap = markerCapacity(n);
      const shown = tasks.length > cap ? cap - 1 : tasks.length;
      const slots = tasks.length > cap ? cap : shown;
      const parts: string[] = [];
      for (let i = 0; i < shown; i++) {
        const t = tasks[i]!;
        const [x, y] = markerPosition(n, i, slots);
        const label = esc(`${t.name}: ${describeState(t)}`);
        const cls = t.state === "done" && t.outcome ? ` lc-${t.outcome}` : "";
        let shape: string;
        if (t.state === "done" && t.outcome === "exception") {
          shape = `<path class="lc-marker${cls}" d="M${x - 4} ${y - 4}l8 8M${x + 4} ${y - 4}l-8 8"/>`;
        } else if (t.state === "done" && t.outcome === "cancelled") {
          shape = `<circle class="lc-marker${cls}" cx="${x}" cy="${y}" r="4"/><path class="lc-marker${cls}" d="M${x - 3} ${y + 3}l6 -6"/>`;
        } else {
          shape = `<circle class="lc-marker" cx="${x}" cy="${y}" r="4.5"/>`;
        }
        const sel = t.id === selectedTask ? `<circle class="lc-marker-sel" cx="${x}" cy="${y}" r="7.5"/>` : "";
        parts.push(`<g class="${hueClass(t.id)}" data-task="${t.id}"><title>${label}</title>${shape}${sel}</g>`);
      }
      if (tasks.length > shown) {
        const [x, y] = markerPosition(n, shown, slots);
        parts.push(`<text class="lc-more" x="${x}" y="${y + 3.5}" text-anchor="middle">+${tasks.length - shown}</text>`);
      }
      const bx = n.cx + n.hw - 6;
      const by = n.cy - n.hh - 2;
      const w = 8 + String(tasks.length).length * 6.5;
      parts.push(
        `<g class="lc-badge" aria-hidden="true"><rect x="${bx - w / 2}" y="${by - 8}" width="${w}" height="16" rx="8"/>` +
          `<text x="${bx}" y="${by + 4}" text-anchor="middle">${tasks.length}</text></g>`,
      );
      layer.innerHTML = parts.join("");
    }
    // the same in words: who is where (or how many, for large runs)
    if (snap.tasks.length === 0) {
      counts.textContent = "No task yet.";
    } else if (snap.tasks.length <= NAME_TASKS_UP_TO) {
      counts.textContent = snap.tasks.map((t) => `${t.name}: ${describeState(t)}`).join(" · ");
    } else {
      const c = new Map<string, number>();
      for (const t of snap.tasks) {
        const k = stateLabel(t.state, t.outcome);
        c.set(k, (c.get(k) ?? 0) + 1);
      }
      counts.textContent = `${snap.tasks.length} tasks: ` + [...c].map(([k, v]) => `${v} ${k}`).join(" · ");
    }
  }

  function describeState(t: TaskSnapshot): string {
    if (t.state === "suspended" && t.waitingOn) return `Suspended on ${t.waitingOn.repr}`;
    if (t.state === "done") return `${stateLabel("done", t.outcome)}${t.detail && t.outcome !== "cancelled" ? ` ${t.detail}` : ""}`;
    if (t.state === "scheduled" && t.cancelPending) return "Scheduled (cancel requested)";
    return stateLabel(t.state);
  }

  function frameStops(): NonNullable<typeof framesCache> {
    if (framesCache && framesCache.length === model.length) return framesCache;
    const all = model.allFrames();
    const set = new Set<number>([0, model.length]);
    const handleStops = new Set<number>([0, model.length]);
    const iterationStops = new Set<number>([0, model.length]);
    for (const i of all.handleFrames) {
      set.add(all.frames[i]!.end);
      handleStops.add(all.frames[i]!.end);
    }
    for (const i of all.iterationFrames) {
      set.add(all.frames[i]!.end);
      iterationStops.add(all.frames[i]!.end);
    }
    const sort = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
    framesCache = {
      length: model.length,
      stops: sort(set),
      frames: all.frames,
      iterationStops: sort(iterationStops),
      handleStops: sort(handleStops),
    };
    return framesCache;
  }

  function stepTo(pos: number): void {
    position = Math.max(0, Math.min(pos, model.length));
    schedule();
    announceFrame();
  }

  function stepBy(kind: "iteration" | "handle", dir: 1 | -1): void {
    const f = frameStops();
    const stops = kind === "iteration" ? f.iterationStops : f.handleStops;
    const cur = position ?? model.length;
    let next = cur;
    if (dir > 0) {
      next = stops.find((s) => s > cur) ?? model.length;
    } else {
      for (let i = stops.length - 1; i >= 0; i--) {
        if (stops[i]! < cur) {
          next = stops[i]!;
          break;
        }
      }
    }
    stepTo(next);
  }

  let frameTextCache: { key: string; text: string } = { key: "", text: "" };

  function describeFrame(pos: number): string {
    const key = `${pos}|${model.length}|${finished}`;
    if (frameTextCache.key !== key) frameTextCache = { key, text: describeFrameUncached(pos) };
    return frameTextCache.text;
  }

  function describeFrameUncached(pos: number): string {
    if (pos <= 0) return "Before the run: nothing has happened yet.";
    const f = frameStops();
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

  function announceFrame(): void {
    if (position === null) return;
    announce.textContent = describeFrame(position);
  }

  function renderStep(snap: Snapshot): void {
    const f = frameStops();
    const pos = position ?? model.length;
    scrub.max = String(Math.max(0, f.stops.length - 1));
    let i = f.stops.findIndex((s) => s >= pos);
    if (i < 0) i = f.stops.length - 1;
    scrub.value = String(i);
    const text = position === null ? (finished ? "End of the run. Step back to replay it." : "Following the run. Step to pause on a moment.") : describeFrame(pos);
    frameText.textContent = text;
    scrub.setAttribute("aria-valuetext", position === null ? "following the run" : describeFrame(pos));
    // ready queue
    const items: string[] = [];
    snap.ready.slice(0, 60).forEach((r, k) => {
      const later = k >= snap.readyThisIteration && snap.readyThisIteration < snap.ready.length && position !== null;
      items.push(`<li${later ? ` class="lc-later"` : ""}>${esc(r.label)}</li>`);
    });
    if (snap.ready.length > 60) items.push(`<li class="lc-empty">… and ${snap.ready.length - 60} more</li>`);
    readyList.innerHTML = items.length ? items.join("") : `<li class="lc-empty">empty</li>`;
    const timers = snap.timers.slice(0, 40).map((t) => `<li>at +${formatTime(model.relativeTime(t.when))} s: ${esc(t.callback)}</li>`);
    if (snap.timers.length > 40) timers.push(`<li class="lc-empty">… and ${snap.timers.length - 40} more</li>`);
    timerList.innerHTML = timers.length ? timers.join("") : `<li class="lc-empty">none</li>`;
  }

  /** lanes: the loop's own (callbacks, timers, prints outside tasks), then each task */
  function laneIds(): (ObjectId | null)[] {
    return [null, ...model.taskOrder];
  }

  function unitWidth(): number {
    const total = Math.max(1, col + 1);
    const avail = Math.max(200, (viewport.width || 640) - NAME_W - 4);
    return Math.max(3, Math.min(24, avail / total));
  }

  function laneItems(lane: ObjectId | null): LaneItem[] {
    const items: LaneItem[] = [];
    if (lane === null) {
      for (const h of loopHandles) {
        items.push({
          x: h.col,
          kind: "handle",
          printSeq: null,
          key: `h${h.index}`,
          describe: () => `Loop · iteration ${h.iteration} (+${formatTime(model.relativeTime(h.time))} s): ran ${h.label}`,
        });
      }
    } else {
      const segs = model.segments.get(lane) ?? [];
      segs.forEach((s, i) => {
        if (s.state === "created") return;
        const prev = i > 0 ? segs[i - 1]!.state : null;
        items.push({
          x: xAt(s.startIndex, prev),
          kind: "segment",
          printSeq: null,
          key: `s${s.startIndex}`,
          describe: () => describeSegment(s, segs[i + 1] ?? null),
        });
      });
    }
    for (const m of marksByLane.get(lane) ?? []) {
      items.push({
        x: cols[m.index] ?? col,
        kind: "mark",
        printSeq: m.kind === "print" ? m.seq : null,
        key: `m${m.index}`,
        describe: () => describeMark(m),
      });
    }
    items.sort((a, b) => a.x - b.x);
    return items;
  }

  function describeSegment(s: Segment, next: Segment | null): string {
    const t = model.task(s.task);
    const name = t?.name ?? `task ${s.task}`;
    const from = `iteration ${s.startIteration} (+${formatTime(model.relativeTime(s.startTime))} s)`;
    const until = next ? ` until iteration ${next.startIteration} (+${formatTime(model.relativeTime(next.startTime))} s)` : "";
    let text = `${name} · ${stateLabel(s.state, s.outcome)} from ${from}${until}.`;
    if (s.state === "suspended" && s.waitingOn) text += ` Waits on ${s.waitingOn}.`;
    if (s.state === "done" && t?.detail && s.outcome !== "cancelled") text += ` ${s.outcome === "result" ? "Result" : "Exception"}: ${t.detail}.`;
    if (s.repr) text += ` Its repr then: ${s.repr}`;
    return text;
  }

  function describeMark(m: Mark): string {
    const where = m.task === null ? "Loop" : (model.task(m.task)?.name ?? `task ${m.task}`);
    const when = `iteration ${m.iteration} (+${formatTime(model.relativeTime(m.time))} s)`;
    if (m.kind === "print") return `${where} · print at ${when}: ${m.text.replace(/\n$/, "")}`;
    if (m.kind === "cancel") return `${where} · ${m.text} requested at ${when}`;
    return `${where} · ${m.text} at ${when}`;
  }

  function measure(): { width: number; height: number } {
    // leave room for a vertical scrollbar whether or not there is one
    return { width: Math.max(0, scroll.offsetWidth - 18), height: scroll.offsetHeight };
  }

  let rowsKey = "";
  let markersKey = "";
  let rowsDrawnAt = 0;
  let rowsTimer: ReturnType<typeof setTimeout> | 0 = 0;
  let rulerKey = "";
  let viewport = { width: 0, height: 0 };

  function renderTimeline(snap: Snapshot, scrollTop: number, scrollLeft: number): void {
    const lanes = laneIds();
    const u = unitWidth();
    // room on the right for marks set apart at the end of the last handle
    const width = Math.ceil((col + 1) * u) + 48;
    const big = lanes.length > 200;
    aggregate.textContent = big
      ? `${lanes.length - 1} tasks: lanes are drawn as you scroll. ${snap.tasks.filter((t) => t.state !== "done").length} not done at this point.`
      : "";
    // the step cursor and the dimmed future: cheap, done on every frame
    if (position === null) {
      future.hidden = true;
    } else {
      // only over the part of the timeline in view: a translucent layer as big as a
      // 1,000-lane timeline costs more to paint than everything else on a step
      const x = cursorCol(position) * u;
      const left = NAME_W + x;
      const right = Math.min(NAME_W + width, scrollLeft + (viewport.width || 640) + 40);
      future.hidden = right <= left;
      future.style.left = `${left}px`;
      future.style.width = `${Math.max(0, right - left)}px`;
      future.style.top = `${scrollTop}px`;
      future.style.height = `${Math.min(viewport.height || 352, RULER_H + lanes.length * ROW_H - scrollTop)}px`;
    }
    const rk = `${model.length}|${u}`;
    if (rk !== rulerKey) {
      rulerKey = rk;
      sizer.style.width = `${NAME_W + width}px`;
      sizer.style.height = `${RULER_H + lanes.length * ROW_H}px`;
      rulerSvg.setAttribute("width", String(width));
      // ruler: iteration numbers, and the loop time where it moved
      const parts: string[] = [];
      let lastLabel = -Infinity;
      let lastTime = model.startTime ?? 0;
      let lastTimeLabel = -Infinity;
      for (const t of iterationTicks) {
        const x = t.col * u;
        parts.push(`<line class="lc-tick" x1="${x}" y1="${RULER_H - 8}" x2="${x}" y2="${RULER_H}"/>`);
        if (x - lastLabel >= 22) {
          parts.push(`<text class="lc-tick-label" x="${x + 2}" y="${RULER_H - 10}">${t.iteration}</text>`);
          lastLabel = x;
        }
        if (t.time !== lastTime && x - lastTimeLabel >= 60) {
          parts.push(`<text class="lc-tick-time" x="${x + 2}" y="10">+${formatTime(model.relativeTime(t.time))}s</text>`);
          lastTimeLabel = x;
        }
        lastTime = t.time;
      }
      rulerSvg.innerHTML = parts.join("");
    }

    // only the lanes in view (plus a margin) are drawn, and only again when they change
    const viewTop = Math.max(0, scrollTop - RULER_H);
    const viewH = viewport.height || 352;
    const first = Math.max(0, Math.floor(viewTop / ROW_H) - 3);
    const last = Math.min(lanes.length, Math.ceil((viewTop + viewH) / ROW_H) + 3);
    const activeKey = active ? activeItemKey() : null;
    const key = `${model.length}|${u}|${first}|${last}|${highlighted}|${activeKey?.lane}:${activeKey?.key}|${finished}`;
    if (key === rowsKey) {
      applySelection();
      return;
    }
    // while a run streams in, the lanes are redrawn a few times a second, not on every batch:
    // the diagram and the status keep up on every frame; scrolling redraws at once
    const now = performance.now();
    const onlyDataChanged = rowsKey.split("|").slice(1).join("|") === key.split("|").slice(1).join("|");
    if (onlyDataChanged && !finished && position === null && now - rowsDrawnAt < ROWS_THROTTLE_MS) {
      if (!rowsTimer) rowsTimer = setTimeout(() => ((rowsTimer = 0), schedule()), ROWS_THROTTLE_MS);
      return;
    }
    rowsDrawnAt = now;
    rowsKey = key;
    rows.style.top = `${RULER_H + first * ROW_H}px`;
    rows.style.width = `${NAME_W + width}px`;
    const html: string[] = [];
    const states = new Map<ObjectId, TaskSnapshot>();
    for (const t of model.currentTasks()) states.set(t.id, t);
    for (let li = first; li < last; li++) {
      html.push(laneHtml(lanes[li]!, li, u, width, activeKey, states));
    }
    rows.innerHTML = html.join("");
    applySelection();
  }

  /** the lane of the task pointed at: a class on the row, no re-render (pointing is not a change) */
  function applySelection(): void {
    const li = selectedTask === null ? -1 : laneIds().indexOf(selectedTask);
    for (const row of rows.children) {
      const r = row as HTMLElement;
      r.classList.toggle("lc-sel", Number(r.dataset.lane) === li);
    }
  }

  function activeItemKey(): { lane: number; key: string } | null {
    if (!active) return null;
    const lane = laneIds()[active.lane];
    if (lane === undefined) return null;
    const items = laneItems(lane);
    const item = items[Math.min(active.item, items.length - 1)];
    return item ? { lane: active.lane, key: item.key } : null;
  }

  function laneHtml(
    lane: ObjectId | null,
    li: number,
    u: number,
    width: number,
    activeKey: { lane: number; key: string } | null,
    states: Map<ObjectId, TaskSnapshot>,
  ): string {
    const parts: string[] = [];
    const mid = ROW_H / 2;
    const isActive = (key: string): string => (activeKey && activeKey.lane === li && activeKey.key === key ? " lc-active-item" : "");
    let name: string;
    if (lane === null) {
      name = "loop";
      // handles in adjacent columns are drawn as one bar (a big run has thousands)
      for (let i = 0; i < loopHandles.length; ) {
        const h = loopHandles[i]!;
        let j = i + 1;
        while (j < loopHandles.length && loopHandles[j]!.col === loopHandles[j - 1]!.col + 1) j++;
        const n = j - i;
        const title = n === 1 ? `ran ${h.label}` : `${n} callbacks ran, from ${h.label} to ${loopHandles[j - 1]!.label}`;
        parts.push(
          `<rect class="lc-seg-running" x="${h.col * u + 0.5}" y="${mid - 3}" width="${Math.max(1, n * u - 1)}" height="6" data-key="h${h.index}"><title>${esc(title)}</title></rect>`,
        );
        i = j;
      }
      const act = activeKey && activeKey.lane === li && activeKey.key.startsWith("h") ? loopHandles.find((h) => `h${h.index}` === activeKey.key) : undefined;
      if (act) parts.push(`<rect class="lc-seg-running lc-active-item" x="${act.col * u + 0.5}" y="${mid - 5}" width="${Math.max(2, u - 1)}" height="10"/>`);
    } else {
      const t = model.task(lane);
      name = t?.name ?? String(lane);
      const segs = model.segments.get(lane) ?? [];
      for (let i = 0; i < segs.length; i++) {
        const s = segs[i]!;
        const prev = i > 0 ? segs[i - 1]!.state : null;
        const x1 = xAt(s.startIndex, prev) * u;
        const x2 = s.endIndex !== null ? xAt(s.endIndex, s.state) * u : col * u;
        const w = Math.max(x2 - x1, s.state === "running" ? 2 : 0);
        const key = `s${s.startIndex}`;
        const title = `<title>${esc(`${name}: ${stateLabel(s.state, s.outcome)}${s.waitingOn ? ` on ${s.waitingOn}` : ""}`)}</title>`;
        if (s.state === "running") {
          parts.push(`<rect class="lc-seg-running${isActive(key)}" x="${x1}" y="3" width="${w}" height="${ROW_H - 6}" data-key="${key}">${title}</rect>`);
        } else if (s.state === "scheduled") {
          parts.push(`<rect class="lc-seg-scheduled${isActive(key)}" ${hatch} x="${x1}" y="6" width="${Math.max(w, 1)}" height="${ROW_H - 12}" data-key="${key}">${title}</rect>`);
        } else if (s.state === "suspended") {
          parts.push(
            `<g data-key="${key}">${title}<rect class="lc-hit" x="${x1}" y="4" width="${Math.max(w, 2)}" height="${ROW_H - 8}"/>` +
              `<line class="lc-seg-suspended${isActive(key)}" x1="${x1}" y1="${mid}" x2="${x1 + w}" y2="${mid}"/></g>`,
          );
        } else if (s.state === "done") {
          const cx = x1 + 5;
          let glyph: string;
          if (s.outcome === "result") glyph = `<circle class="lc-end lc-end-result${isActive(key)}" cx="${cx}" cy="${mid}" r="4.5"/>`;
          else if (s.outcome === "exception") glyph = `<path class="lc-end${isActive(key)}" d="M${cx - 4.5} ${mid - 4.5}l9 9M${cx + 4.5} ${mid - 4.5}l-9 9"/>`;
          else glyph = `<circle class="lc-end${isActive(key)}" cx="${cx}" cy="${mid}" r="4.5"/><path class="lc-end" d="M${cx - 3} ${mid + 3}l6 -6"/>`;
          parts.push(`<g data-key="${key}">${title}<rect class="lc-hit" x="${x1}" y="2" width="11" height="${ROW_H - 4}"/>${glyph}</g>`);
        }
      }
    }
    // several marks in one handle share its column: set each apart so that every one can be
    // pointed at and chosen (they stay in order)
    let lastX = -Infinity;
    for (const m of marksByLane.get(lane) ?? []) {
      const x = Math.max((cols[m.index] ?? col) * u, lastX + 8);
      lastX = x;
      const key = `m${m.index}`;
      const title = `<title>${esc(describeMark(m))}</title>`;
      if (m.kind === "cancel") {
        parts.push(`<path class="lc-mark-cancel${isActive(key)}" d="M${x - 5} 1h10l-5 8z" data-key="${key}">${title}</path>`);
      } else if (m.kind === "callback") {
        parts.push(`<path class="lc-mark-callback${isActive(key)}" d="M${x} ${ROW_H - 11}l5 5-5 5-5-5z" data-key="${key}">${title}</path>`);
      } else {
        const hl = m.seq === highlighted ? " lc-highlight" : "";
        parts.push(
          `<rect class="lc-mark-print${hl}${isActive(key)}" x="${x - 3.5}" y="${mid - 6}" width="7" height="12" rx="2" data-key="${key}" data-seq="${m.seq}">${title}</rect>`,
        );
      }
    }
    const now = lane === null ? undefined : states.get(lane);
    const stateNow = now ? ` (${describeState(now)})` : "";
    return (
      `<div class="lc-tl-row" data-lane="${li}">` +
      `<div class="lc-tl-name" title="${esc(name + stateNow)}">${esc(name)}</div>` +
      `<svg width="${width}" height="${ROW_H}" aria-hidden="true">${parts.join("")}</svg></div>`
    );
  }

  function renderTable(): void {
    const total = model.transitions.length;
    const limit = tableShowAll ? total : Math.min(total, TABLE_CAP);
    // in step mode, rows after the cursor are dimmed and the latest one is outlined
    let boundary = total;
    if (position !== null) {
      let lo = 0;
      let hi = total;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (model.transitions[m]!.index < position) lo = m + 1;
        else hi = m;
      }
      boundary = lo;
    }
    const prevRendered = tableRendered;
    const until = Math.min(limit, tableRendered + (tableShowAll ? TABLE_CHUNK : TABLE_CAP));
    if (until > tableRendered) {
      const frag = doc.createDocumentFragment();
      for (let i = tableRendered; i < until; i++) {
        const t = model.transitions[i]!;
        const tr = doc.createElement("tr");
        tr.dataset.index = String(t.index);
        tr.title = t.note;
        if (i >= boundary) tr.className = "lc-future";
        const cells = [t.taskName, stateLabel(t.from), stateLabel(t.to, t.outcome), String(t.iteration), formatTime(model.relativeTime(t.time))];
        cells.forEach((c, k) => {
          const td = doc.createElement("td");
          td.textContent = c;
          if (k >= 3) td.className = "lc-num";
          tr.appendChild(td);
        });
        frag.appendChild(tr);
      }
      tbody.appendChild(frag);
      tableRendered = until;
      if (tableRendered < limit) schedule();
    }
    more.hidden = tableShowAll || total <= TABLE_CAP;
    more.textContent = `Show all ${total} transitions`;
    const rowsEls = tbody.rows;
    const oldB = Math.min(tableBoundary, prevRendered);
    const newB = Math.min(boundary, prevRendered);
    for (let i = Math.min(oldB, newB); i < Math.max(oldB, newB); i++) rowsEls[i]?.classList.toggle("lc-future", i >= boundary);
    tableBoundary = boundary;
    tableCurrent?.classList.remove("lc-current");
    tableCurrent?.removeAttribute("aria-current");
    tableCurrent = null;
    if (position !== null && boundary > 0 && boundary <= tableRendered) {
      tableCurrent = rowsEls[boundary - 1] ?? null;
      tableCurrent?.classList.add("lc-current");
      tableCurrent?.setAttribute("aria-current", "true");
    }
  }

  // ---- interaction ---------------------------------------------------------------------------
  function laneOfRow(target: EventTarget | null): { li: number; el: Element | null } | null {
    const elx = target instanceof Element ? target : null;
    const row = elx?.closest<HTMLElement>(".lc-tl-row");
    if (!row) return null;
    return { li: Number(row.dataset.lane), el: elx?.closest("[data-key]") ?? null };
  }

  rows.addEventListener("mouseover", (ev) => {
    const hit = laneOfRow(ev.target);
    if (!hit) return;
    const lane = laneIds()[hit.li];
    if (lane !== undefined && lane !== selectedTask) {
      selectedTask = lane;
      schedule();
    }
    if (hit.el) {
      const key = hit.el.getAttribute("data-key");
      const item = laneItems(lane ?? null).find((it) => it.key === key);
      if (item) details.textContent = item.describe();
    }
  });
  rows.addEventListener("click", (ev) => {
    const hit = laneOfRow(ev.target);
    if (!hit?.el) return;
    const seq = hit.el.getAttribute("data-seq");
    if (seq !== null) selectPrint(Number(seq));
  });
  // a marker on the diagram leads to its task's lane
  diagramWrap.addEventListener("click", (ev) => {
    const g = ev.target instanceof Element ? ev.target.closest<SVGGElement>("g[data-task]") : null;
    if (!g) return;
    const id = Number(g.dataset.task);
    const li = laneIds().indexOf(id);
    if (li < 0) return;
    selectedTask = id;
    active = { lane: li, item: 0 };
    const t = snapshotTask(id);
    details.textContent = t ? `${t.name}: ${describeState(t)}` : "";
    revealLane(li, null);
    schedule();
  });
  scroll.addEventListener("scroll", () => schedule(), { passive: true });
  scroll.addEventListener("keydown", (ev) => {
    const lanes = laneIds();
    if (!lanes.length) return;
    active ??= { lane: Math.min(1, lanes.length - 1), item: 0 };
    let handled = true;
    const items = laneItems(lanes[active.lane] ?? null);
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
        const next = laneItems(lanes[active.lane] ?? null);
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
        if (it?.printSeq != null) selectPrint(it.printSeq);
        break;
      }
      default:
        handled = false;
    }
    if (!handled) return;
    ev.preventDefault();
    const lane = lanes[active.lane] ?? null;
    const now = laneItems(lane);
    const it = now[active.item];
    selectedTask = lane;
    details.textContent = it ? it.describe() : `${lane === null ? "Loop" : (model.task(lane)?.name ?? "")}: nothing on this lane yet.`;
    revealLane(active.lane, it?.x ?? null);
    schedule();
  });
  scroll.addEventListener("focus", () => {
    if (details.textContent === DETAILS_HINT) details.textContent = "Arrow keys move along a lane and between lanes; Enter on a print shows its output line.";
  });

  function revealLane(li: number, x: number | null): void {
    const y = RULER_H + li * ROW_H;
    if (y - RULER_H < scroll.scrollTop) scroll.scrollTop = y - RULER_H;
    else if (y + ROW_H > scroll.scrollTop + scroll.clientHeight) scroll.scrollTop = y + ROW_H - scroll.clientHeight;
    if (x !== null) {
      const px = x * unitWidth() + NAME_W;
      if (px < scroll.scrollLeft + NAME_W) scroll.scrollLeft = Math.max(0, px - NAME_W - 20);
      else if (px > scroll.scrollLeft + scroll.clientWidth - 20) scroll.scrollLeft = px - scroll.clientWidth / 2;
    }
  }

  function selectPrint(seq: number): void {
    showPrint(seq);
    options.onSelectPrint?.(seq);
  }

  function showPrint(seq: number): boolean {
    ingest();
    const index = model.printEventIndex(seq);
    if (index < 0) return false;
    highlighted = seq;
    const m = model.marks.find((x) => x.kind === "print" && x.seq === seq);
    // the moment right after the print: the diagram shows the tasks as they were then
    position = index + 1;
    if (m) {
      const li = laneIds().indexOf(m.task);
      if (li >= 0) {
        const items = laneItems(m.task);
        const k = items.findIndex((it) => it.printSeq === seq);
        active = { lane: li, item: Math.max(0, k) };
        selectedTask = m.task;
        revealLane(li, cols[index] ?? null);
      }
      details.textContent = describeMark(m);
    }
    announceFrame();
    schedule();
    return true;
  }

  // ---- the interface -------------------------------------------------------------------------
  function reset(): void {
    model = new LifecycleModel();
    finished = false;
    position = null;
    selectedTask = null;
    highlighted = null;
    tableShowAll = false;
    tableRendered = 0;
    tableBoundary = 0;
    tableCurrent = null;
    framesCache = null;
    active = null;
    cols = [];
    handleOf = [];
    col = 0;
    handleCol = -1;
    iterationTicks = [];
    loopHandles = [];
    marksByLane = new Map();
    marksSeen = 0;
    tbody.textContent = "";
    details.textContent = DETAILS_HINT;
    announce.textContent = "";
    scroll.scrollTop = 0;
    scroll.scrollLeft = 0;
    rowsKey = "";
    rulerKey = "";
    markersKey = "";
    frameTextCache = { key: "", text: "" };
    schedule();
  }

  const win = doc.defaultView;
  // the border box does not change when scrollbars come and go, so resizing cannot feed back
  const resize = win && "ResizeObserver" in win ? new win.ResizeObserver(() => {
    const next = measure();
    if (next.width === viewport.width && next.height === viewport.height) return;
    viewport = next;
    schedule();
  }) : null;
  resize?.observe(scroll);

  schedule();

  return {
    reset,
    push(events: LifecycleEvent[]): void {
      if (!events.length) return;
      model.push(events);
      schedule();
    },
    finish(): void {
      finished = true;
      schedule();
      const n = model.taskOrder.length;
      announce.textContent = `Run finished: ${n} task${n === 1 ? "" : "s"}, ${model.transitions.length} transitions.`;
    },
    highlightPrint(seq: number): void {
      showPrint(seq);
    },
    destroy(): void {
      resize?.disconnect();
      if (rowsTimer) clearTimeout(rowsTimer);
      root.remove();
      defs.remove();
    destroyed = true;
    },
  };
}
