/**
 * What the parts of the live view share: the state of the view (the model, where step mode
 * stands, what is selected) and the actions any part may ask for. view.ts owns both; each
 * panel (diagram-panel.ts, step-panel.ts, timeline.ts, table.ts) reads the state and calls the
 * actions, and never reaches into another panel.
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import type { AxisKind, TimelineLayout } from "./layout.ts";
import type { LifecycleModel } from "./model.ts";
import type { Stops } from "./stops.ts";

export interface ViewState {
  model: LifecycleModel;
  layout: TimelineLayout;
  finished: boolean;
  /** events applied in step mode; null = follow the run as it goes */
  position: number | null;
  /** the task whose lane is pointed at or chosen */
  selectedTask: ObjectId | null;
  /** seq of the print chosen (on the timeline or in the output) */
  highlighted: number | null;
  /** keyboard cursor on the timeline: lane index and item index */
  active: { lane: number; item: number } | null;
  /** show asyncio's own tasks and callbacks (asyncio.run()'s cleanup, gather's callbacks...) */
  showInternals: boolean;
  /** the timeline's axis: one column per handle, or the loop's time */
  axis: AxisKind;
  /** the program's source, for step mode's line highlights (null: not known) */
  source: string | null;
}

export interface ViewContext {
  doc: Document;
  /** unique per view on the page: ids inside it derive from it */
  uid: string;
  state: ViewState;
  /** redraw in the next animation frame */
  schedule(): void;
  /**
   * The stops of step mode (cached). While the view follows a run that streams in they may lag
   * a fraction of a second behind; `fresh` asks for the model as it is now.
   */
  stops(fresh?: boolean): Stops;
  stepTo(pos: number): void;
  stepBy(kind: "iteration" | "handle", dir: 1 | -1): void;
  /** leave step mode and follow the run */
  follow(): void;
  /** the reader chose a print: step to it and tell the host (output line) */
  selectPrint(seq: number): void;
  /** the reader chose a task on the diagram: show its lane */
  selectTask(id: ObjectId): void;
  /** the task is asyncio's own and asyncio's internals are hidden */
  hidden(id: ObjectId): boolean;
  setAxis(kind: AxisKind): void;
}
