/**
 * Python's `print` (the other builtins, `repr` and `str`, live in format.ts).
 * `print(...values, { sep, end })`: the last argument is the options object only when it is a
 * plain object with at least one key, every key being `sep` or `end` (so `print({})` prints `{}`).
 * A `print` life-cycle event is emitted just before the text is written, so that a page can tag
 * output lines with the event sequence.
 */
import { registerBuiltin } from "./coroutines.ts";
import { str } from "./format.ts";
import { emit, listener } from "./instrument.ts";
import { io, loops } from "./loopstate.ts";

export interface PrintOptions {
  sep?: string | null;
  end?: string | null;
}

function isPrintOptions(x: unknown): x is PrintOptions {
  if (x === null || typeof x !== "object" || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(x);
  return keys.length > 0 && keys.every((k) => k === "sep" || k === "end");
}

export function print(...values: unknown[]): void {
  let sep = " ";
  let end = "\n";
  if (values.length > 0 && isPrintOptions(values[values.length - 1])) {
    const o = values.pop() as PrintOptions;
    if (o.sep !== null && o.sep !== undefined) sep = o.sep;
    if (o.end !== null && o.end !== undefined) end = o.end;
  }
  let text = "";
  for (let i = 0; i < values.length; i++) text += (i === 0 ? "" : sep) + str(values[i]);
  text += end;
  if (listener !== null) {
    const loop = loops.running;
    const task = loop?._current_task ?? null;
    emit({ type: "print", text, task: task === null ? null : task._id }, loop ? loop.time() : 0, loop ? loop._iteration : 0);
  }
  io.stdout(text);
}
registerBuiltin(print, "print");
