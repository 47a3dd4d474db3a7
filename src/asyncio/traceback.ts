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
import { readerFunctionNames, tracking } from "./coroutines.ts";
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

// ---------------------------------------------------------------- frames under the trampoline

/**
 * A task's trampoline (tasks.ts, coroutines.ts) drives only the innermost coroutine of its
 * stack, so an error's own JavaScript stack holds the frames of that coroutine (and of what
 * it delegates to plainly), then the trampoline, the loop and the program's top level; the
 * coroutines below it are not on the JavaScript stack. They are seen as the error unwinds:
 * each time it is thrown into one at its handed-off `yield*`, that coroutine's frame is on the
 * stack, and a stack is captured there (only with a source map: without one a traceback has
 * no frames). As CPython adds one traceback entry per frame the exception passes through, the
 * traceback is the error's own frames above the trampoline, then each capture's frames above
 * the trampoline, and the last capture whole (the outermost coroutine, the loop, the top level).
 */
const throwIntos = new WeakMap<object, Error[]>();

/** The frame of a trampoline (`Task.__trampoline__`, `PlainDriver.__trampoline__`). */
const TRAMPOLINE = /(^|\.)__trampoline__$/;

tracking.onThrowInto = (error: unknown): void => {
  if (io.mapPosition === null || error === null || typeof error !== "object") return;
  const E = Error as { stackTraceLimit?: number };
  const limit = E.stackTraceLimit;
  if (limit !== undefined && limit < 100) E.stackTraceLimit = 100;
  const site = new Error();
  E.stackTraceLimit = limit;
  let list = throwIntos.get(error);
  if (list === undefined) throwIntos.set(error, (list = []));
  list.push(site);
};

function aboveTrampoline(frames: StackFrame[]): StackFrame[] {
  const at = frames.findIndex((f) => TRAMPOLINE.test(f.name));
  return at < 0 ? frames : frames.slice(0, at);
}

/** The JavaScript frames an error went through, most recent call first (see above). */
export function errorFrames(error: Error): StackFrame[] {
  const own = typeof error.stack === "string" ? parseStack(error.stack) : [];
  const captures = throwIntos.get(error);
  if (captures === undefined) return own;
  const frames = aboveTrampoline(own);
  for (let i = 0; i < captures.length; i++) {
    const f = parseStack(captures[i]!.stack ?? "");
    frames.push(...(i === captures.length - 1 ? f : aboveTrampoline(f)));
  }
  return frames;
}

/** The reader's frames of an error, most recent call last, through the host's position mapper. */
export function userFrames(error: unknown, mapper: PositionMapper | null = io.mapPosition): UserFrame[] {
  if (!(error instanceof Error) || typeof error.stack !== "string" || mapper === null) return [];
  const out: UserFrame[] = [];
  for (const f of errorFrames(error)) {
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

// A group made by split()/subgroup() carries the original's traceback (exceptiongroup_subset).
installTracebackCopier((from, to) => {
  to.stack = from.stack;
  const captures = throwIntos.get(from);
  if (captures !== undefined) throwIntos.set(to, captures.slice());
  if (raised.has(from)) raised.add(to);
});

/** The whole traceback text, ending with a newline (just the exception line for one never raised). */
export function formatException(error: unknown, mapper: PositionMapper | null = io.mapPosition, hasTraceback = true): string {
  const ctx: PrintContext = { depth: 0, needClose: false, out: [] };
  formatTree(tracebackTree(error, hasTraceback), mapper, ctx);
  return ctx.out.join("");
}

/** The frames of an error's traceback, as CPython's `StackSummary.format()` writes them. */
function formatFrames(error: unknown, mapper: PositionMapper | null): string {
  let out = "";
  for (const f of userFrames(error, mapper)) {
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
  const node = (e: unknown, tb: boolean): TracebackTree => {
    seen.add(e);
    return { error: e, hasTraceback: tb, cause: null, context: null, suppressContext: chainFields(e).__suppress_context__ === true, exceptions: null };
  };
  const root = node(error, hasTraceback);
  const queue: TracebackTree[] = [root];
  while (queue.length > 0) {
    const te = queue.pop()!;
    const f = chainFields(te.error);
    const cause = f.cause;
    if (cause instanceof Error && !seen.has(cause)) te.cause = node(cause, true);
    const context = f.__context__;
    if (context instanceof Error && !seen.has(context)) te.context = node(context, true);
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
      if (t.hasTraceback) emit(ctx, "Traceback (most recent call last):\n" + formatFrames(t.error, mapper));
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
    emit(ctx, formatFrames(t.error, mapper));
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
