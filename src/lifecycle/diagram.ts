/**
 * The life-cycle diagram: one geometry and one SVG renderer, shared by the overview chapter's
 * static diagram (`LifecycleDiagram.astro`, at build time) and the live view (`view.ts`, in the
 * page), so that the markers of a running program sit on the very picture the reader learnt.
 *
 * Numbering is the seed's: 1 Created, 2 Scheduled, 2a Cancelled, 3 Running, 3a Suspended,
 * 3b Result, 3c Exception, 3d Cancelled, 4 Done. One spelling (issue 13): Python's, as in
 * Task.cancel(), cancelled() and CancelledError, which the reader types; the seed's headings
 * write "Canceled". The diagram's description says so once. The seed insists that
 * Suspended, Result, Exception and Cancelled "are not states per se" but points of transition,
 * so they are drawn differently (dashed ellipses, not solid boxes) and the legend says so in
 * words — the difference never rests on colour.
 *
 * One refinement over the seed's picture, taken from CPython: a suspended task does not go back
 * to Running directly. Its future's completion *queues* the wake-up, so it is Scheduled again
 * until the loop runs that step (Task.__wakeup → __step); likewise `await asyncio.sleep(0)`
 * (a bare yield) re-queues the step. The arrows say so.
 */
import type { DoneOutcome, StateName } from "./model.ts";
import { h, toMarkup, type VNode } from "./dom.ts";

export type NodeId =
  | "created"
  | "scheduled"
  | "cancelled-scheduled"
  | "running"
  | "suspended"
  | "result"
  | "exception"
  | "cancelled-running"
  | "done";

export interface DiagramNode {
  id: NodeId;
  /** the seed's numbering */
  number: string;
  label: string;
  kind: "state" | "point";
  cx: number;
  cy: number;
  /** half width and half height (for points: the ellipse's radii) */
  hw: number;
  hh: number;
  /** one sentence for screen readers and tooltips */
  description: string;
}

export interface DiagramEdge {
  from: NodeId;
  to: NodeId;
  d: string;
  label: string;
  lx: number;
  ly: number;
}

export const VIEW_WIDTH = 800;
export const VIEW_HEIGHT = 330;

export const NODES: readonly DiagramNode[] = [
  { id: "created", number: "1", label: "Created", kind: "state", cx: 62, cy: 165, hw: 52, hh: 30,
    description: "The coroutine is wrapped in a Task; create_task queues its first step." },
  { id: "scheduled", number: "2", label: "Scheduled", kind: "state", cx: 258, cy: 165, hw: 62, hh: 30,
    description: "A step of the task waits in the loop's ready queue; the task is not running." },
  { id: "cancelled-scheduled", number: "2a", label: "Cancelled", kind: "point", cx: 258, cy: 282, hw: 56, hh: 21,
    description: "Cancelled before its first step: the body never runs and the task is done at once." },
  { id: "running", number: "3", label: "Running", kind: "state", cx: 468, cy: 165, hw: 62, hh: 30,
    description: "The loop runs one step of the coroutine, up to its next await." },
  { id: "suspended", number: "3a", label: "Suspended", kind: "point", cx: 363, cy: 48, hw: 62, hh: 21,
    description: "The task awaits a future; when that future is done, a wake-up step is queued." },
  { id: "result", number: "3b", label: "Result", kind: "point", cx: 625, cy: 72, hw: 50, hh: 21,
    description: "The coroutine returned: the task is done with a result." },
  { id: "exception", number: "3c", label: "Exception", kind: "point", cx: 625, cy: 165, hw: 56, hh: 21,
    description: "The coroutine raised: the task is done with an exception." },
  { id: "cancelled-running", number: "3d", label: "Cancelled", kind: "point", cx: 625, cy: 258, hw: 56, hh: 21,
    description: "CancelledError ended the coroutine: the task is done, cancelled." },
  { id: "done", number: "4", label: "Done", kind: "state", cx: 748, cy: 165, hw: 45, hh: 30,
    description: "The task is finished and cannot run again; its done callbacks are queued." },
];

export function node(id: NodeId): DiagramNode {
  const n = NODES.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}

/** Where the border of `n` meets the ray from its centre toward (tx, ty). */
function boundary(n: DiagramNode, tx: number, ty: number, gap = 2): [number, number] {
  const dx = tx - n.cx;
  const dy = ty - n.cy;
  if (dx === 0 && dy === 0) return [n.cx, n.cy];
  let t: number;
  if (n.kind === "point") {
    t = 1 / Math.sqrt((dx / n.hw) ** 2 + (dy / n.hh) ** 2);
  } else {
    t = Math.min(dx === 0 ? Infinity : n.hw / Math.abs(dx), dy === 0 ? Infinity : n.hh / Math.abs(dy));
  }
  const len = Math.hypot(dx, dy);
  const k = t + gap / len;
  return [round(n.cx + dx * k), round(n.cy + dy * k)];
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** A straight edge, or a quadratic curve through the control point (qx, qy). */
function edge(from: NodeId, to: NodeId, label = "", via?: [number, number], labelAt?: [number, number]): DiagramEdge {
  const a = node(from);
  const b = node(to);
  if (!via) {
    const [x1, y1] = boundary(a, b.cx, b.cy);
    const [x2, y2] = boundary(b, a.cx, a.cy, 4);
    const [lx, ly] = labelAt ?? [(x1 + x2) / 2, (y1 + y2) / 2 - 7];
    return { from, to, d: `M${x1} ${y1}L${x2} ${y2}`, label, lx, ly };
  }
  const [qx, qy] = via;
  const [x1, y1] = boundary(a, qx, qy);
  const [x2, y2] = boundary(b, qx, qy, 4);
  // the curve's midpoint, for the label
  const mx = 0.25 * x1 + 0.5 * qx + 0.25 * x2;
  const my = 0.25 * y1 + 0.5 * qy + 0.25 * y2;
  const [lx, ly] = labelAt ?? [mx, my - 6];
  return { from, to, d: `M${x1} ${y1}Q${qx} ${qy} ${x2} ${y2}`, label, lx, ly };
}

export const EDGES: readonly DiagramEdge[] = [
  edge("created", "scheduled", "call_soon"),
  edge("scheduled", "running", "loop runs step"),
  edge("running", "scheduled", "sleep(0)", [363, 232], [363, 222]),
  edge("running", "suspended", "await", [445, 70], [442, 100]),
  edge("suspended", "scheduled", "woken", [282, 70], [290, 100]),
  edge("scheduled", "cancelled-scheduled", "cancel()", undefined, [222, 236]),
  edge("cancelled-scheduled", "done", "", [735, 322]),
  edge("running", "result", "return"),
  edge("running", "exception", "raise", undefined, [550, 158]),
  edge("running", "cancelled-running", "CancelledError", undefined, [508, 246]),
  edge("result", "done"),
  edge("exception", "done"),
  edge("cancelled-running", "done"),
];

/**
 * An eager task's path (Python 3.12+, `eager_task_factory`): its first step runs inside
 * `create_task()`, at once, so it goes from Created to Running without ever being Scheduled.
 * Not part of the seed's picture: drawn only where a run took it (the live view) or where a
 * page asks for it.
 */
export const EAGER_EDGE: DiagramEdge = edge("created", "running", "eager start", [265, 78], [178, 112]);

/** The node where a task in this state sits. */
export function nodeForState(state: StateName): NodeId {
  return state;
}

/** The point a task passed through on its way to Done, for the marker's shape. */
export function outcomeNode(outcome: DoneOutcome, bodyRan: boolean): NodeId {
  if (outcome === "result") return "result";
  if (outcome === "exception") return "exception";
  return bodyRan ? "cancelled-running" : "cancelled-scheduled";
}

/** How many markers fit inside a node before the rest are counted as "+N". */
export function markerCapacity(n: DiagramNode): number {
  return Math.max(1, Math.floor((n.hw * 2 - 16) / 12));
}

/** The centre of the i-th marker inside node `n` (a row under the label). */
export function markerPosition(n: DiagramNode, i: number, shown: number): [number, number] {
  const spacing = 12;
  const width = (shown - 1) * spacing;
  return [round(n.cx - width / 2 + i * spacing), n.kind === "point" ? n.cy + 9 : n.cy + 13];
}

export interface RenderOptions {
  /** unique per diagram on the page: ids of the arrowhead and title are derived from it */
  idPrefix: string;
  /** node → href; nodes without one are drawn without a link */
  links?: Partial<Record<NodeId, string>>;
  title?: string;
  description?: string;
  /** adds an empty <g> per node where the live view draws its markers */
  markerLayers?: boolean;
  /**
   * The eager path Created → Running (EAGER_EDGE): "always" draws it; "when-used" draws it
   * hidden until the svg gets the class `lc-has-eager` (the live view adds it when a task of
   * the run started eagerly); by default it is left out.
   */
  eager?: "always" | "when-used";
}

/**
 * The diagram as a tree (see dom.ts): the live view builds it into DOM nodes, the overview
 * chapter serialises it at build time. Colours come from CSS custom properties (with
 * currentColor as the fallback), so it follows the page's light or dark theme; see diagram.css.
 */
export function diagramTree(o: RenderOptions): VNode {
  const title = o.title ?? "The life-cycle of an asyncio Task";
  const description =
    o.description ??
    "A task is Created, then Scheduled. The loop runs it: Running. While running it may be Suspended on a future " +
      "and, once woken, is Scheduled again; a bare yield schedules it again too. It ends with a Result or an Exception, " +
      "or is Cancelled, and is then Done. Cancelled while still scheduled, it goes to Done without ever running. " +
      "Solid boxes are states; dashed ellipses are points of transition. " +
      "Cancelled is spelled as Python spells it (cancel(), cancelled(), CancelledError).";
  const p = o.idPrefix;
  const hasLinks = NODES.some((n) => o.links?.[n.id]);
  const edges: VNode[] = [];
  for (const e of EDGES) {
    edges.push(h("path", { class: "lc-edge", "data-from": e.from, "data-to": e.to, d: e.d, "marker-end": `url(#${p}-arrow)` }));
    if (e.label) edges.push(h("text", { class: "lc-edge-label", x: round(e.lx), y: round(e.ly), "text-anchor": "middle" }, e.label));
  }
  if (o.eager) {
    const e = EAGER_EDGE;
    edges.push(
      h(
        "g",
        { class: `lc-eager${o.eager === "when-used" ? " lc-when-used" : ""}` },
        h("path", { class: "lc-edge", "data-from": e.from, "data-to": e.to, d: e.d, "marker-end": `url(#${p}-arrow)` }),
        h("text", { class: "lc-edge-label", x: round(e.lx), y: round(e.ly), "text-anchor": "middle" }, e.label),
      ),
    );
  }
  const nodes: VNode[] = [];
  for (const n of NODES) {
    const href = o.links?.[n.id];
    const shape =
      n.kind === "state"
        ? h("rect", { class: "lc-shape", x: n.cx - n.hw, y: n.cy - n.hh, width: n.hw * 2, height: n.hh * 2, rx: 8 })
        : h("ellipse", { class: "lc-shape", cx: n.cx, cy: n.cy, rx: n.hw, ry: n.hh });
    const labelY = n.kind === "state" ? n.cy - 4 : n.cy - 1;
    const text = h("text", { class: "lc-label", x: n.cx, y: labelY, "text-anchor": "middle" }, h("tspan", { class: "lc-num" }, n.number), ` ${n.label}`);
    const kindWord = n.kind === "state" ? "state" : "point of transition";
    const accessible = `${n.number} ${n.label} (${kindWord}): ${n.description}`;
    const markers = o.markerLayers ? h("g", { class: "lc-markers", "data-node": n.id }) : null;
    const cls = `lc-node lc-${n.kind}`;
    nodes.push(
      href
        ? h("a", { class: cls, "data-node": n.id, href, "aria-label": accessible }, h("title", {}, accessible), shape, text, markers)
        : h("g", { class: cls, "data-node": n.id, role: "img", "aria-label": accessible }, h("title", {}, accessible), shape, text, markers),
    );
  }
  // the legend: the state/point distinction said in words and shown by shape
  const ly = VIEW_HEIGHT - 12;
  const legend = h(
    "g",
    { class: "lc-legend", "aria-hidden": "true" },
    h("rect", { class: "lc-shape lc-legend-state", x: 8, y: ly - 11, width: 22, height: 14, rx: 3 }),
    h("text", { x: 36, y: ly }, "state"),
    h("ellipse", { class: "lc-shape lc-legend-point", cx: 97, cy: ly - 4, rx: 14, ry: 8 }),
    h("text", { x: 116, y: ly }, "point of transition"),
  );
  return h(
    "svg",
    {
      class: "lc-diagram",
      viewBox: `0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`,
      // with links inside, a group (an "img" would make its children, the links, presentational)
      role: hasLinks ? "group" : "img",
      "aria-labelledby": `${p}-title`,
      "aria-describedby": `${p}-desc`,
      xmlns: "http://www.w3.org/2000/svg",
    },
    h("title", { id: `${p}-title` }, title),
    h("desc", { id: `${p}-desc` }, description),
    h(
      "defs",
      {},
      h(
        "marker",
        { id: `${p}-arrow`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
        h("path", { d: "M0 0L10 5L0 10z", class: "lc-arrowhead" }),
      ),
    ),
    h("g", { class: "lc-edges", "aria-hidden": "true" }, ...edges),
    h("g", { class: "lc-nodes" }, ...nodes),
    legend,
  );
}

/** The diagram as SVG markup (every value escaped), for build-time pages. */
export function renderDiagramSvg(o: RenderOptions): string {
  return toMarkup(diagramTree(o));
}
