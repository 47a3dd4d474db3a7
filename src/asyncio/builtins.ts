/**
 * Python's `print` (the other builtins, `repr` and `str`, live in format.ts).
 * `print(...values, { sep, end })`: the last argument is the options object only when it is a
 * plain object with at least one key, every key being `sep` or `end` (so `print({})` prints `{}`).
 * A `print` life-cycle event is emitted just before the text is written, so that a page can tag
 * output lines with the event sequence.
 */
import { registerBuiltin, tracking } from "./coroutines.ts";
import { str } from "./format.ts";
import { emit, listener, type LifecycleEventBody } from "./instrument.ts";
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

/**
 * The bundling step calls it as `print.call(LINE, ...)` (src/bundle/lines.ts), so `this` is
 * the line of the call when the reader's code was marked.
 */
export function print(this: unknown, ...values: unknown[]): void {
  const line = typeof this === "number" ? this : 0;
  const t = tracking;
  const outer = t.printLine;
  // A repr of the running task made while printing shows this line (Task._outerLine).
  t.printLine = line;
  try {
    write(values, line);
  } finally {
    t.printLine = outer;
  }
}

function write(values: unknown[], line: number): void {
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
    const body: LifecycleEventBody = { type: "print", text, task: task === null ? null : task._id };
    if (line > 0) body.line = line;
    emit(body, loop ? loop._time() : 0, loop ? loop._iteration : 0);
  }
  io.stdout(text);
}
registerBuiltin(print, "print");
