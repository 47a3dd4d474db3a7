/**
 * The diagram panel of the live view: the life-cycle diagram with each task as a marker in the
 * node of its state (markers.ts), and the same in words under it. Choosing a marker leads to
 * the task's lane on the timeline.
 */
import { el, h, toDom, toFragment, type VNode } from "./dom.ts";
import { MARKER_LEGEND } from "./glossary.ts";
import { NODES, diagramTree, markerCapacity, nodeForState, type NodeId } from "./diagram.ts";
import { countsText } from "./describe.ts";
import { markerShapes } from "./markers.ts";
import type { Snapshot, TaskSnapshot } from "./model.ts";
import type { ViewContext } from "./context.ts";

/** above this many tasks the counts line summarises instead of naming each task */
const NAME_TASKS_UP_TO = 8;

export class DiagramPanel {
  readonly root: HTMLDivElement;
  private counts: HTMLParagraphElement;
  private layers = new Map<NodeId, SVGGElement>();
  private nodes = new Map<NodeId, Element>();
  private key = "";
  private svg: Element;
  /** what each node's markers show, as last drawn */
  private nodeKeys = new Map<NodeId, string>();

  private ctx: ViewContext;

  constructor(ctx: ViewContext) {
    this.ctx = ctx;
    const { doc } = ctx;
    this.root = el(doc, "div", { class: "lc-diagram-wrap" });
    const svg = toDom(
      doc,
      diagramTree({
        idPrefix: ctx.uid,
        markerLayers: true,
        eager: "when-used",
        title: "Tasks of this run on the life-cycle diagram",
        description:
          "Each task is a marker in the state it is in; a number on a state counts its tasks. The text below the diagram lists them.",
      }),
    );
    this.root.appendChild(svg);
    this.svg = svg;
    this.counts = el(doc, "p", { class: "lc-counts" });
    this.root.append(this.counts, markerLegend(doc));
    svg.querySelectorAll<SVGGElement>("g.lc-markers").forEach((g) => this.layers.set(g.dataset.node as NodeId, g));
    svg.querySelectorAll<SVGElement>(".lc-node").forEach((g) => this.nodes.set(g.dataset.node as NodeId, g));
    // a marker on the diagram leads to its task's lane
    this.root.addEventListener("click", (ev) => {
      const g = ev.target instanceof Element ? ev.target.closest<SVGGElement>("g[data-task]") : null;
      if (g) this.ctx.selectTask(Number(g.dataset.task));
    });
  }

  reset(): void {
    this.key = "";
    this.nodeKeys.clear();
  }

  render(snap: Snapshot): void {
    const { state } = this.ctx;
    const key = `${snap.end}|${state.model.length}|${state.selectedTask}|${state.showInternals}`;
    if (key === this.key) return;
    this.key = key;
    const shown = snap.tasks.filter((t) => !this.ctx.hidden(t.id));
    // a task of this run started eagerly (Created → Running): its arrow appears
    this.svg.classList.toggle("lc-has-eager", state.model.eager);
    const byNode = new Map<NodeId, TaskSnapshot[]>();
    for (const t of shown) {
      const id = nodeForState(t.state);
      let list = byNode.get(id);
      if (!list) byNode.set(id, (list = []));
      list.push(t);
    }
    for (const n of NODES) {
      const layer = this.layers.get(n.id);
      if (!layer) continue;
      const tasks = byNode.get(n.id) ?? [];
      this.nodes.get(n.id)?.classList.toggle("lc-active", tasks.length > 0);
      if (tasks.length === 0) {
        if (layer.firstChild) layer.replaceChildren();
        this.nodeKeys.delete(n.id);
        continue;
      }
      // a step changes a few tasks: nodes whose markers are the same are left alone
      const cap = markerCapacity(n);
      let nodeKey = `${tasks.length}|${state.selectedTask}`;
      for (let i = 0; i < Math.min(tasks.length, cap); i++) nodeKey += `|${tasks[i]!.id}:${tasks[i]!.outcome}:${tasks[i]!.name}`;
      if (this.nodeKeys.get(n.id) === nodeKey) continue;
      this.nodeKeys.set(n.id, nodeKey);
      layer.replaceChildren(toFragment(this.ctx.doc, markerShapes(n, tasks, state.selectedTask), true));
    }
    this.counts.textContent = countsText(state.model, shown, NAME_TASKS_UP_TO, snap.tasks.length - shown.length);
  }
}

/** The diagram's marks in words: a dot per task (its colour follows it), a cross, a struck circle, the count. */
function markerLegend(doc: Document): HTMLUListElement {
  const ul = el(doc, "ul", { class: "lc-legend lc-marker-legend", "aria-label": "Diagram legend" });
  const icons: Record<(typeof MARKER_LEGEND)[number][0], VNode[]> = {
    dot: [h("circle", { class: "lc-marker", cx: 5, cy: 6, r: 4.5 }), h("circle", { class: "lc-marker lc-h4", cx: 16, cy: 6, r: 4.5 })],
    cross: [h("path", { class: "lc-marker lc-exception", d: "M7 2l8 8M15 2l-8 8" })],
    struck: [h("circle", { class: "lc-marker lc-cancelled", cx: 11, cy: 6, r: 4 }), h("path", { class: "lc-marker lc-cancelled", d: "M8 9l6 -6" })],
    badge: [h("g", { class: "lc-badge" }, h("rect", { x: 3, y: -2, width: 16, height: 16, rx: 8 }), h("text", { x: 11, y: 10, "text-anchor": "middle" }, "3"))],
  };
  for (const [shape, text] of MARKER_LEGEND) {
    const li = el(doc, "li");
    // the two sample dots take two hues of the palette
    const svg = toDom(doc, h("svg", { "aria-hidden": "true", viewBox: "0 0 22 12", class: shape === "dot" ? "lc-h0" : "lc-h8" }, ...icons[shape]));
    li.append(svg, doc.createTextNode(text));
    ul.appendChild(li);
  }
  return ul;
}
