/**
 * The tasks drawn on the life-cycle diagram: one marker per task inside the node of its state
 * (a dot; a cross for an exception; a struck circle for a cancellation), "+N" when a node is
 * full, and a badge counting the node's tasks. Pure: it returns VNode trees (dom.ts) that
 * diagram-panel.ts builds into the diagram's marker layers.
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import { h, type VNode } from "./dom.ts";
import { markerCapacity, markerPosition, type DiagramNode } from "./diagram.ts";
import { describeState } from "./describe.ts";
import { taskLabel } from "./internals.ts";
import type { TaskSnapshot } from "./model.ts";
import { HUES } from "./geometry.ts";

/** the marker colour class of a task: neighbouring ids get distant hues */
export function hueClass(id: ObjectId): string {
  return `lc-h${(id * 5) % HUES}`;
}

/** The markers of the tasks sitting in node `n`, and its count badge. */
export function markerShapes(n: DiagramNode, tasks: readonly TaskSnapshot[], selected: ObjectId | null): VNode[] {
  if (tasks.length === 0) return [];
  const cap = markerCapacity(n);
  const shown = tasks.length > cap ? cap - 1 : tasks.length;
  const slots = tasks.length > cap ? cap : shown;
  const parts: VNode[] = [];
  for (let i = 0; i < shown; i++) {
    const t = tasks[i]!;
    const [x, y] = markerPosition(n, i, slots);
    const cls = t.state === "done" && t.outcome ? ` lc-${t.outcome}` : "";
    let shape: VNode[];
    if (t.state === "done" && t.outcome === "exception") {
      shape = [h("path", { class: `lc-marker${cls}`, d: `M${x - 4} ${y - 4}l8 8M${x + 4} ${y - 4}l-8 8` })];
    } else if (t.state === "done" && t.outcome === "cancelled") {
      shape = [h("circle", { class: `lc-marker${cls}`, cx: x, cy: y, r: 4 }), h("path", { class: `lc-marker${cls}`, d: `M${x - 3} ${y + 3}l6 -6` })];
    } else {
      shape = [h("circle", { class: "lc-marker", cx: x, cy: y, r: 4.5 })];
    }
    const sel = t.id === selected ? h("circle", { class: "lc-marker-sel", cx: x, cy: y, r: 7.5 }) : null;
    parts.push(h("g", { class: hueClass(t.id), "data-task": t.id }, h("title", {}, `${taskLabel(t)}: ${describeState(t)}`), ...shape, sel));
  }
  if (tasks.length > shown) {
    const [x, y] = markerPosition(n, shown, slots);
    parts.push(h("text", { class: "lc-more", x, y: y + 3.5, "text-anchor": "middle" }, `+${tasks.length - shown}`));
  }
  const bx = n.cx + n.hw - 6;
  const by = n.cy - n.hh - 2;
  const w = 8 + String(tasks.length).length * 6.5;
  parts.push(
    h(
      "g",
      { class: "lc-badge", "aria-hidden": "true" },
      h("rect", { x: bx - w / 2, y: by - 8, width: w, height: 16, rx: 8 }),
      h("text", { x: bx, y: by + 4, "text-anchor": "middle" }, String(tasks.length)),
    ),
  );
  return parts;
}
