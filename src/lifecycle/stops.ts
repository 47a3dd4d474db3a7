/**
 * Where step mode can stop: the ends of handle frames and of iteration frames of a model (see
 * `Frame` in model.ts), as sorted positions (numbers of events applied). Pure.
 */
import type { Frame, LifecycleModel } from "./model.ts";

export interface Stops {
  /** the model's length these were computed for */
  length: number;
  /** every stop, handle or iteration, sorted, with 0 and the end */
  stops: number[];
  frames: Frame[];
  iterationStops: number[];
  handleStops: number[];
}

export function computeStops(model: LifecycleModel): Stops {
  const all = model.allFrames();
  const end = model.length;
  const set = new Set<number>([0, end]);
  const handleStops = new Set<number>([0, end]);
  const iterationStops = new Set<number>([0, end]);
  for (const i of all.handleFrames) {
    set.add(all.frames[i]!.end);
    handleStops.add(all.frames[i]!.end);
  }
  for (const i of all.iterationFrames) {
    set.add(all.frames[i]!.end);
    iterationStops.add(all.frames[i]!.end);
  }
  const sort = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
  return { length: end, stops: sort(set), frames: all.frames, iterationStops: sort(iterationStops), handleStops: sort(handleStops) };
}

/** The stop one step of `kind` forward (dir 1) or back (dir -1) from position `cur`. */
export function nextStop(s: Stops, kind: "iteration" | "handle", cur: number, dir: 1 | -1): number {
  const stops = kind === "iteration" ? s.iterationStops : s.handleStops;
  if (dir > 0) return stops.find((x) => x > cur) ?? s.length;
  for (let i = stops.length - 1; i >= 0; i--) if (stops[i]! < cur) return stops[i]!;
  return cur;
}
