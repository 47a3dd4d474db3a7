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
import { BaseException, BaseExceptionGroup, installTracebackCopier, pyQualifiedName, type ChainFields } from "./exceptions.ts";
import { codeOf, readerFunctionNames, tracking, type CodeInfo } from "./coroutines.ts";
import { runtimeFrame, type FrameExpansion, type PyFrame } from "./pysource.ts";
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

/** The engine's name of a frame, as the runtime's tables know it: no `async `, no esbuild suffix. */
function engineName(name: string): string {
  // `asyncio.sleep(...)` is a call on the module object: V8 writes `Object.sleep`.
  return name
    .replace(/^(?:async |new )/, "")
    .replace(/ \[as [^\]]*\]$/, "")
    .replace(/^(?:Object|Module)\./, "")
    .split(".")
    .map((part) => part.replace(/(?<=\D)\d+$/, ""))
    .join(".");
}

/** A frame's function name as Python names it: `<module>` for top-level code. */
function pythonName(name: string): string {
  // V8 writes a method call `Receiver.name [as property]`; CPython prints the code's name.
  let n = name.replace(/^(?:async |new )/, "").replace(/ \[as [^\]]*\]$/, "");
  if (n === "" || n === "<anonymous>" || n === "eval") return "<module>";
  n = n.slice(n.lastIndexOf(".") + 1);
  if (n === "" || n === "<anonymous>") return "<module>";
  // esbuild renames a top-level function whose name collides with one of the runtime's
  // (the reader's `gather` becomes `gather2`): give back the name the reader wrote.
  if (!readerFunctionNames.has(n)) {
    const base = n.replace(/\d+$/, "");
    if (base !== n && readerFunctionNames.has(base)) n = base;
  }
  return n;
}

/**
 * Where a captured stack stops going outwards: the runtime frame that drives one level of a
 * task's coroutines (its trampoline, tasks.ts / coroutines.ts: only the innermost coroutine of
 * a task is on the JavaScript stack, with what it delegates to plainly), or that runs a
 * callback. CPython's task steps are C code (no frame), and its `Handle._run` frame is added
 * by hand (HANDLE_RUN), so nothing below these belongs to the exception's traceback.
 */
const BOUNDARY = /(^|\.)(__trampoline__|_stepRun|_runDoneCallback|_run)$/;

// ---------------------------------------------------------------- an exception's traceback

/**
 * CPython builds `exc.__traceback__` as the exception travels: the frames from where it was
 * raised out to where it is caught, and a re-raise (`future.result()` raising a task's stored
 * exception in the task that awaits it) puts the new frames on top of the old ones. A
 * JavaScript error records one stack, where it was made. So the runtime keeps, per exception,
 * the pieces of its traceback, outermost first, as the exception crosses the points it can
 * see: leaving a task's step or a callback (its own stack, down to that step), thrown into a
 * coroutine at its suspension point (the stack captured there), raised again by `result()`,
 * and CPython's own frames (`Handle._run`, `asyncio.run`'s). Only for hosts that show frames
 * (a source map): without one a traceback is its header and last line.
 */
const TB: unique symbol = Symbol.for("asyncio.traceback");
// Under the trampoline, the coroutines below the innermost are not on the JavaScript stack.
// They are seen as the exception unwinds: each time it is thrown into one at its handed-off
// `yield*` (coroutines.ts HandOff), that coroutine's frame is on the stack, and a stack is
// captured there: one more piece of traceback, on top, as CPython adds an entry per frame.
/** A captured stack (its frames above the step or callback that ran it) or frames as they are. */
type Segment = Error | readonly UserFrame[];
type Traced = { [TB]?: Segment[] };

function tracing(): boolean {
  return io.mapPosition !== null;
}

/**
 * An exception leaves a task's step or a callback: its traceback starts where it was made,
 * unless it has one. One made outside any step or callback (at the top level, then raised by
 * a coroutine: `raise exc`) cannot tell where it was raised: it gets the frame of the
 * function that raised it (`origin`: the task's coroutine or the callback), at its `def` line.
 */
export function noteLeft(error: unknown, origin?: CodeInfo): void {
  markRaised(error);
  if (!tracing() || !(error instanceof Error)) return;
  const e = error as Error & Traced;
  if (e[TB] !== undefined) return;
  const madeInStep = typeof e.stack === "string" && parseStack(e.stack).some((f) => BOUNDARY.test(f.name));
  if (madeInStep || origin === undefined || !origin.file || origin.builtin) e[TB] = [e];
  else e[TB] = [[{ file: origin.file, line: origin.line, name: origin.name.slice(origin.name.lastIndexOf(".") + 1), sourceLine: null }]];
}

/**
 * The exception is raised again at the point where `site` was captured: thrown into a
 * suspended coroutine, or re-raised by `result()`. The frames from the step down to there go
 * on top of what it had.
 */
export function noteRaisedAt(error: unknown, site: Error): void {
  markRaised(error);
  if (!(error instanceof Error)) return;
  const e = error as Error & Traced;
  const tb = e[TB];
  e[TB] = tb === undefined ? [site] : [site, ...tb];
}

/**
 * The exception is raised here, at the current level of the task's coroutines: `result()`
 * raising a stored exception, a re-raise (`raise self._base_error`), or an exception thrown
 * into the coroutine where it is suspended (at the runtime's awaitable: FutureIter, sleep).
 * The current frames go on top of its traceback.
 */
export function noteReraised(error: unknown): void {
  if (tracing()) noteRaisedAt(error, deepStack());
}

/** Thrown into a coroutine before its first step: its frame, at its `def` line, goes on top. */
export function noteRaisedInUnstarted(error: unknown, origin: CodeInfo | undefined): void {
  markRaised(error);
  if (!tracing() || !(error instanceof Error) || origin === undefined || !origin.file || origin.builtin) return;
  const e = error as Error & Traced;
  const frame: UserFrame = { file: origin.file, line: origin.line, name: origin.name.slice(origin.name.lastIndexOf(".") + 1), sourceLine: null };
  e[TB] = [[frame], ...(e[TB] ?? [])];
}

/** What noteCaughtByWith reads of a task: its coroutine and the trampoline's stack. */
export interface WithRunner {
  readonly _coro: object;
  readonly _stack: readonly object[] | null;
  readonly _handLines: readonly number[] | null;
}

/**
 * `async with` handing its body's exception to `__aexit__` (TaskGroup's, which keeps it for
 * its group, or re-raises it): in CPython the body is the enclosing function's own code, so
 * the exception's traceback already holds that function's frame when `__aexit__` gets it.
 * Under the trampoline that frame is not on the JavaScript stack: it is the level below
 * `async_with` in the task's stack. Its frame goes on top; framesOf merges it with the
 * body's (which gives the line).
 */
export function noteCaughtByWith(error: unknown, task: WithRunner | null): void {
  if (!tracing() || !(error instanceof Error) || task === null) return;
  const stack = task._stack;
  if (stack === null || stack.length === 0 || codeOf(stack[stack.length - 1])?.name !== "async_with") return;
  const owner = codeOf(stack.length >= 2 ? stack[stack.length - 2] : task._coro);
  if (owner === undefined || !owner.file || owner.builtin) return;
  const line = task._handLines?.[stack.length - 1] || owner.line;
  caughtByWith.add(error);
  prependFrames(error, [{ file: owner.file, line, name: owner.name.slice(owner.name.lastIndexOf(".") + 1), sourceLine: null }]);
}

/** Exceptions noteCaughtByWith completed: their traceback reaches the frame that caught them. */
const caughtByWith = new WeakSet<object>();

/** Thrown into a suspended coroutine at a runtime awaitable: see noteReraised. */
export const noteThrownIn = noteReraised;

/** Stacks captured at a `raise exc` statement of asyncio's own code: the frame there raised it. */
const raiseSites = new WeakSet<Error>();

/**
 * `raise exc` in asyncio's code re-raising an exception that already has a traceback
 * (Condition.wait's `raise err`, TaskGroup's `raise self._base_error`): as noteReraised, and
 * the frame doing it shows the `raise` line.
 */
export function noteRaise(error: unknown): void {
  if (!tracing()) return;
  const site = deepStack();
  raiseSites.add(site);
  noteRaisedAt(error, site);
}

/** A stack deep enough for the frames of one level (V8's default keeps 10). */
function deepStack(): Error {
  const E = Error as { stackTraceLimit?: number };
  const limit = E.stackTraceLimit;
  if (limit !== undefined && limit < 100) E.stackTraceLimit = 100;
  const site = new Error();
  E.stackTraceLimit = limit;
  return site;
}

/** Stacks captured where an exception leaves a PlainDriver: their frames are those below it. */
const leaveSites = new WeakSet<Error>();

// An exception leaving a reader's generator driven by a PlainDriver (`for...of`, a plain
// `yield*` in the runtime's own code: wait_for's `yield* fut`) goes on through the frames of
// the plain code that consumes it, which are on the stack below the driver.
tracking.onLeaveDriver = (error: unknown): void => {
  if (!tracing() || !(error instanceof Error)) return;
  const e = error as Error & Traced;
  if (e[TB] === undefined) e[TB] = [e];
  const site = deepStack();
  leaveSites.add(site);
  noteRaisedAt(e, site);
};

// An exception leaving a handed-off coroutine is thrown into the level below.
tracking.onThrowInto = (error: unknown): void => {
  if (!tracing() || !(error instanceof Error)) return;
  const e = error as Error & Traced;
  if (e[TB] === undefined) e[TB] = [e];
  noteRaisedAt(e, deepStack());
};

/** A future's copy of its exception's traceback, taken when the exception was set (C `fut_exception_tb`). */
export type SavedTraceback = readonly Segment[] | null;

/** The exception's traceback now, to be kept with a future that stores the exception. */
export function saveTraceback(error: unknown): SavedTraceback {
  if (!tracing() || !(error instanceof Error)) return null;
  const tb = (error as Error & Traced)[TB];
  return tb === undefined ? null : [...tb];
}

/**
 * `future.result()` raising a stored exception first gives it back the traceback it had when
 * it was set, the first time only: CPython 3.13's C Future clears its copy then, so a later
 * retrieval raises the exception with no traceback but the frames of that new raise.
 */
export function restoreTraceback(error: unknown, saved: SavedTraceback): void {
  if (!tracing() || !(error instanceof Error)) return;
  (error as Error & Traced)[TB] = saved === null ? [] : [...saved];
}

/** CPython's own frames (or a captured call site) on top of the exception's traceback. */
export function prependFrames(error: unknown, frames: readonly UserFrame[] | Error): void {
  if (!tracing() || !(error instanceof Error)) return;
  const e = error as Error & Traced;
  const tb = e[TB] ?? [e];
  e[TB] = [frames, ...tb];
}

/** What one frame of a captured stack stands for: the reader's frame, CPython's, or nothing. */
type Item = UserFrame | FrameExpansion | null;

/** The items of a stack, outermost first, down to the level or callback that ran it. */
function stackItems(holder: Error, error: unknown, mapper: PositionMapper): Item[] {
  if (typeof holder.stack !== "string") return [];
  let parsed = parseStack(holder.stack);
  if (leaveSites.has(holder)) {
    // Captured in the PlainDriver being left: the frames that count are below it.
    const own = parsed.findIndex((f) => BOUNDARY.test(f.name));
    parsed = parsed.slice(own + 1);
  }
  const cut = parsed.findIndex((f) => BOUNDARY.test(f.name));
  const frames = cut >= 0 ? parsed.slice(0, cut) : parsed;
  // Innermost first here: the first frame that prints is where a fresh exception was raised.
  let raisedHere = holder === error || raiseSites.has(holder);
  const mapped: Item[] = [];
  // the engine name of the frame just inside the current one (expansions may ask)
  let callee = "";
  for (const f of frames) {
    const inside = callee;
    callee = engineName(f.name);
    let reader: UserFrame | null = null;
    if (io.bundleUrl === null || f.url === io.bundleUrl) {
      const pos = mapper(f.line, f.column - 1);
      if (pos && pos.source !== null && pos.line !== null && !RUNTIME_SOURCE.test(pos.source)) {
        reader = { file: pos.source.replace(/^.*[/\\]/, ""), line: pos.line, name: f.name, sourceLine: pos.sourceLine ?? null };
      } else if (!pos || pos.source === null) {
        continue; // neither the reader's nor the runtime's: the engine's
      }
    }
    if (reader !== null) {
      mapped.push(reader);
      raisedHere = false;
      continue;
    }
    const expansion = runtimeFrame(callee);
    if (expansion === null) {
      mapped.push(null);
    } else if (typeof expansion === "function") {
      mapped.push(expansion(raisedHere, error, inside));
      raisedHere = false;
    } else {
      mapped.push(expansion);
      if (expansion !== "merge") raisedHere = false;
    }
  }
  return mapped.reverse();
}

/**
 * The frames of items, outermost first. `async with` / `async for`: the body (an anonymous
 * function* here) is the enclosing function's own code in Python: one frame, the enclosing
 * function's, at the body's line.
 */
function framesOf(items: readonly Item[]): UserFrame[] {
  const out: UserFrame[] = [];
  let merge = false;
  for (const m of items) {
    if (m === "merge") {
      merge = true;
      continue;
    }
    if (m === null) {
      merge = false;
      continue;
    }
    if (Array.isArray(m)) {
      for (const p of m as readonly PyFrame[]) out.push({ file: p.file, line: p.line, name: p.name, sourceLine: p.sourceLine });
      merge = false;
      continue;
    }
    const f = m as UserFrame;
    if (merge && pythonName(f.name) === "<module>" && out.length > 0) {
      const outer = out[out.length - 1];
      out[out.length - 1] = { file: outer.file, line: f.line, name: outer.name, sourceLine: f.sourceLine };
    } else {
      out.push({ file: f.file, line: f.line, name: pythonName(f.name), sourceLine: f.sourceLine });
    }
    merge = false;
  }
  return out;
}

/** The pieces of an error's traceback (see TB), outermost first, each as items. */
function segmentItems(error: unknown, mapper: PositionMapper | null): Item[][] {
  if (!(error instanceof Error) || mapper === null) return [];
  const segments = (error as Error & Traced)[TB] ?? [error];
  return segments.map((seg) => (seg instanceof Error ? stackItems(seg, error, mapper) : [...seg]));
}

/** The frames of an error's traceback, most recent call last, through the host's position mapper. */
export function userFrames(error: unknown, mapper: PositionMapper | null = io.mapPosition): UserFrame[] {
  return framesOf(segmentItems(error, mapper).flat());
}

/**
 * The frames of `cause`, where `effect` was raised while handling it (asyncio's
 * `raise TimeoutError from exc_val`). The cause was caught at the level of the task's
 * coroutines where the effect was then raised, so it travelled through that level only: the
 * levels below are the effect's (its pieces but the innermost). Then only from the frame that
 * caught it, the deepest frame it shares with where the effect was raised.
 */
function causeFrames(cause: unknown, effect: unknown, mapper: PositionMapper | null): UserFrame[] {
  // Caught by an `async with` (timeout's __aexit__): its traceback is complete as it is.
  if (cause !== null && typeof cause === "object" && caughtByWith.has(cause)) return userFrames(cause, mapper);
  const effectSegments = segmentItems(effect, mapper);
  const frames = framesOf([...effectSegments.slice(0, -1).flat(), ...segmentItems(cause, mapper).flat()]);
  const raisedAt = framesOf(effectSegments.flat());
  let shared = 0;
  while (shared < frames.length && shared < raisedAt.length && frames[shared].name === raisedAt[shared].name && frames[shared].file === raisedAt[shared].file) shared++;
  return shared > 1 ? frames.slice(shared - 1) : frames;
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

// A group made by split()/subgroup() carries the original's traceback (exceptiongroup_subset).
installTracebackCopier((from, to) => {
  to.stack = from.stack;
  if (raised.has(from)) raised.add(to);
  const tb = (from as Traced)[TB];
  if (tb !== undefined) (to as Traced)[TB] = [...tb];
});

/** The whole traceback text, ending with a newline (just the exception line for one never raised). */
export function formatException(error: unknown, mapper: PositionMapper | null = io.mapPosition, hasTraceback = true): string {
  const ctx: PrintContext = { depth: 0, needClose: false, out: [] };
  formatTree(tracebackTree(error, hasTraceback), mapper, ctx);
  return ctx.out.join("");
}

/**
 * The frames of an error's traceback, as CPython's `StackSummary.format()` writes them. For the
 * cause or context of another exception (`effect`), only from the frame that caught it.
 */
function formatFrames(error: unknown, mapper: PositionMapper | null, effect: unknown = null): string {
  let out = "";
  for (const f of effect === null ? userFrames(error, mapper) : causeFrames(error, effect, mapper)) {
    out += `  File "${f.file}", line ${f.line}, in ${f.name}\n`;
    if (f.sourceLine) out += `    ${f.sourceLine.trim()}\n`;
  }
  return out;
}

// ---------------------------------------------------------------- chains and groups (Lib/traceback.py)

/** traceback.py's `_cause_message` and `_context_message`. */
const CAUSE_MESSAGE = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE = "\nDuring handling of the above exception, another exception occurred:\n\n";
/** TracebackException's defaults. */
const MAX_GROUP_WIDTH = 15;
const MAX_GROUP_DEPTH = 10;

/** A `TracebackException`: the exception and what its report shows besides it. */
interface TracebackTree {
  error: unknown;
  hasTraceback: boolean;
  cause: TracebackTree | null;
  context: TracebackTree | null;
  suppressContext: boolean;
  /** The members' trees, for an exception group. */
  exceptions: TracebackTree[] | null;
  /** The exception this one is the cause or context of (its frames stop at the catcher). */
  effect: unknown;
}

function chainFields(e: unknown): ChainFields {
  return e !== null && typeof e === "object" ? (e as ChainFields) : {};
}

/**
 * `TracebackException.__init__`: causes, contexts and group members, each exception once
 * (`_seen`), in CPython's order (a stack: the last member is expanded first). A cause or a
 * context was raised; a group member has a traceback when the runtime saw it raised.
 */
function tracebackTree(error: unknown, hasTraceback: boolean): TracebackTree {
  const seen = new Set<unknown>();
  const node = (e: unknown, tb: boolean, effect: unknown = null): TracebackTree => {
    seen.add(e);
    return { error: e, hasTraceback: tb, cause: null, context: null, suppressContext: chainFields(e).__suppress_context__ === true, exceptions: null, effect };
  };
  const root = node(error, hasTraceback);
  const queue: TracebackTree[] = [root];
  while (queue.length > 0) {
    const te = queue.pop()!;
    const f = chainFields(te.error);
    const cause = f.cause;
    if (cause instanceof Error && !seen.has(cause)) te.cause = node(cause, true, te.error);
    const context = f.__context__;
    if (context instanceof Error && !seen.has(context)) te.context = node(context, true, te.error);
    if (te.error instanceof BaseExceptionGroup) te.exceptions = (te.error.exceptions as readonly unknown[]).map((m) => node(m, wasRaised(m)));
    if (te.cause) queue.push(te.cause);
    if (te.context) queue.push(te.context);
    if (te.exceptions) queue.push(...te.exceptions);
  }
  return root;
}

/** `_ExceptionPrintContext`: the nesting depth of groups, and whether a closing rule is owed. */
interface PrintContext {
  depth: number;
  needClose: boolean;
  out: string[];
}

/** `_ExceptionPrintContext.emit`: every line (blank ones too) indented, inside a group after `| `. */
function emit(ctx: PrintContext, text: string, margin = "|"): void {
  if (text === "") return;
  let prefix = " ".repeat(2 * ctx.depth);
  if (ctx.depth > 0) prefix += margin + " ";
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) ctx.out.push(prefix + line);
}

/** `TracebackException.format(chain=True)`. */
function formatTree(te: TracebackTree, mapper: PositionMapper | null, ctx: PrintContext): void {
  const chain: [string | null, TracebackTree][] = [];
  for (let t: TracebackTree | null = te; t !== null; ) {
    if (t.cause !== null) {
      chain.push([CAUSE_MESSAGE, t]);
      t = t.cause;
    } else if (t.context !== null && !t.suppressContext) {
      chain.push([CONTEXT_MESSAGE, t]);
      t = t.context;
    } else {
      chain.push([null, t]);
      t = null;
    }
  }
  for (const [msg, t] of chain.reverse()) {
    if (msg !== null) emit(ctx, msg);
    if (t.exceptions === null) {
      if (t.hasTraceback) emit(ctx, "Traceback (most recent call last):\n" + formatFrames(t.error, mapper, t.effect));
      emit(ctx, exceptionLine(t.error) + "\n");
    } else if (ctx.depth > MAX_GROUP_DEPTH) {
      emit(ctx, `... (max_group_depth is ${MAX_GROUP_DEPTH})\n`);
    } else {
      formatGroup(t, t.exceptions, mapper, ctx);
    }
  }
}

/** The group part of `TracebackException.format`: the framed, numbered members. */
function formatGroup(t: TracebackTree, members: TracebackTree[], mapper: PositionMapper | null, ctx: PrintContext): void {
  const isTopLevel = ctx.depth === 0;
  if (isTopLevel) ctx.depth += 1;
  if (t.hasTraceback) {
    emit(ctx, "Exception Group Traceback (most recent call last):\n", isTopLevel ? "+" : "|");
    emit(ctx, formatFrames(t.error, mapper, t.effect));
  }
  emit(ctx, exceptionLine(t.error) + "\n");
  const n = members.length <= MAX_GROUP_WIDTH ? members.length : MAX_GROUP_WIDTH + 1;
  ctx.needClose = false;
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    // The closing rule may be written by a nested group's own loop instead.
    if (last) ctx.needClose = true;
    const truncated = i >= MAX_GROUP_WIDTH;
    ctx.out.push(" ".repeat(2 * ctx.depth) + (i === 0 ? "+-" : "  ") + `+---------------- ${truncated ? "..." : i + 1} ----------------\n`);
    ctx.depth += 1;
    if (!truncated) formatTree(members[i], mapper, ctx);
    else {
      const remaining = members.length - MAX_GROUP_WIDTH;
      emit(ctx, `and ${remaining} more exception${remaining > 1 ? "s" : ""}\n`);
    }
    if (last && ctx.needClose) {
      ctx.out.push(" ".repeat(2 * ctx.depth) + "+------------------------------------\n");
      ctx.needClose = false;
    }
    ctx.depth -= 1;
  }
  if (isTopLevel) ctx.depth = 0;
}
