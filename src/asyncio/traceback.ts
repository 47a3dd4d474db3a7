/**
 * Python-style tracebacks for JavaScript exceptions (CPython's traceback module, as far as a
 * bundled program can tell).
 *
 * A JavaScript error records its stack where it was created, most recent call first, in the
 * bundle's coordinates. The host gives a position mapper built from the bundle's source map
 * (src/bundle/sourcemap.ts; the CLI and the page's worker both have the map); frames that map
 * to the reader's file are kept, asyncio's own frames and the engine's are dropped, and the
 * rest is printed most recent call last:
 *
 *     Traceback (most recent call last):
 *       File "main.ts", line 7, in work
 *         throw new ValueError("bad");
 *     ValueError: bad
 *
 * No Node API here: the page's worker uses this module as it is.
 */
import { BaseException, pyQualifiedName } from "./exceptions.ts";
import { readerFunctionNames } from "./coroutines.ts";
import { repr, str } from "./format.ts";
import { io, type PositionMapper } from "./loopstate.ts";

export interface StackFrame {
  name: string;
  url: string;
  line: number;
  column: number;
}

export interface UserFrame {
  file: string;
  line: number;
  name: string;
  sourceLine: string | null;
}

// V8: "    at name (url:line:col)", "    at url:line:col", "    at async name (url:line:col)".
const V8_FRAME = /^\s*at (?:async )?(?:(.*?) \()?(.+?):(\d+):(\d+)\)?\s*$/;
// SpiderMonkey / JavaScriptCore: "name@url:line:col".
const GECKO_FRAME = /^\s*(.*?)@(.+?):(\d+):(\d+)\s*$/;

/** The frames of an error's `stack`, most recent call first. */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const text of stack.split("\n")) {
    const m = V8_FRAME.exec(text) ?? GECKO_FRAME.exec(text);
    if (!m) continue;
    frames.push({ name: m[1] ?? "", url: m[2], line: Number(m[3]), column: Number(m[4]) });
  }
  return frames;
}

/** Where asyncio's own sources sit in the source map (native: src/asyncio/..., page: asyncio:...). */
const RUNTIME_SOURCE = /(^|[/:])asyncio[/:]|node_modules\//;

/** A frame's function name as Python names it: `<module>` for top-level code. */
function pythonName(name: string): string {
  let n = name.replace(/^(?:async |new )/, "").replace(/^Object\.|^Module\./, "");
  if (n === "" || n === "<anonymous>" || n === "<anonymous>" || n === "eval") return "<module>";
  const dot = n.lastIndexOf(".");
  if (dot > 0 && /^(Generator|Object)$/.test(n.slice(0, dot))) n = n.slice(dot + 1);
  // esbuild renames a top-level function whose name collides with one of the runtime's
  // (the reader's `gather` becomes `gather2`): give back the name the reader wrote.
  if (!readerFunctionNames.has(n)) {
    const base = n.replace(/\d+$/, "");
    if (base !== n && readerFunctionNames.has(base)) n = base;
  }
  return n;
}

/** The reader's frames of an error, most recent call last, through the host's position mapper. */
export function userFrames(error: unknown, mapper: PositionMapper | null = io.mapPosition): UserFrame[] {
  if (!(error instanceof Error) || typeof error.stack !== "string" || mapper === null) return [];
  const out: UserFrame[] = [];
  for (const f of parseStack(error.stack)) {
    if (io.bundleUrl !== null && f.url !== io.bundleUrl) continue;
    const pos = mapper(f.line, f.column - 1);
    if (!pos || pos.source === null || pos.line === null) continue;
    if (RUNTIME_SOURCE.test(pos.source)) continue;
    out.push({ file: pos.source.replace(/^.*[/\\]/, ""), line: pos.line, name: pythonName(f.name), sourceLine: pos.sourceLine ?? null });
  }
  return out.reverse();
}

/** The last line of a traceback: `ValueError: bad`, `asyncio.exceptions.CancelledError`. */
export function exceptionLine(error: unknown): string {
  if (error instanceof BaseException || error instanceof Error) {
    const text = str(error);
    const name = pyQualifiedName(error);
    return text ? `${name}: ${text}` : name;
  }
  // `throw 42` has no Python counterpart; say what was thrown.
  return `${typeof error}: ${repr(error)}`;
}

/**
 * Exceptions seen leaving a coroutine step or a callback, i.e. raised. CPython prints a
 * traceback only for an exception that has one: `fut.set_exception(ValueError("x"))` never
 * raised logs just `ValueError: x`. A JavaScript error cannot tell whether it was thrown, so
 * the runtime marks those it saw thrown.
 */
const raised = new WeakSet<object>();

export function markRaised(error: unknown): void {
  if (error !== null && typeof error === "object") raised.add(error);
}

export function wasRaised(error: unknown): boolean {
  return error !== null && typeof error === "object" && raised.has(error);
}

/** The whole traceback text, ending with a newline (just the exception line for one never raised). */
export function formatException(error: unknown, mapper: PositionMapper | null = io.mapPosition, hasTraceback = true): string {
  // `raise X from Y` (asyncio's own `raise TimeoutError from exc_val` in timeouts.py and
  // wait_for): CPython prints the cause's traceback first, then this line, then X's.
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  const chained =
    cause instanceof Error
      ? formatException(cause, mapper) + "\nThe above exception was the direct cause of the following exception:\n\n"
      : "";
  return chained + formatOne(error, mapper, hasTraceback);
}

function formatOne(error: unknown, mapper: PositionMapper | null, hasTraceback: boolean): string {
  if (!hasTraceback) return exceptionLine(error) + "\n";
  let out = "Traceback (most recent call last):\n";
  for (const f of userFrames(error, mapper)) {
    out += `  File "${f.file}", line ${f.line}, in ${f.name}\n`;
    if (f.sourceLine) out += `    ${f.sourceLine.trim()}\n`;
  }
  return out + exceptionLine(error) + "\n";
}
