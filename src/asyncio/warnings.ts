/**
 * Python's `warnings.warn` as far as asyncio's own warnings need it: the default filters of a
 * script (a DeprecationWarning is shown when the code that triggers it is the program's own,
 * `__main__`), and `warnings.showwarning`'s text on standard error:
 *
 *     main.ts:6: DeprecationWarning: There is no current event loop
 *       task = asyncio.ensure_future(greet());
 *
 * The location is the innermost frame of the reader's program on the stack, as asyncio finds
 * it (events.py `get_event_loop` walks up past every frame of the asyncio package before it
 * warns); the file is named as tracebacks name it. A warning printed once at a location is
 * not printed again there (the "default" action).
 */
import { io, loops } from "./loopstate.ts";
import { parseStack } from "./traceback.ts";

const shown = new Set<string>();

/** Where asyncio's own sources sit in the source map (as traceback.ts tells them apart). */
const RUNTIME_SOURCE = /(^|[/:])asyncio[/:]|node_modules\//;

/** The reader's innermost frame on the stack of `site`, through the host's source map. */
function readerSite(site: Error): { file: string; line: number; source: string | null } | null {
  const mapper = io.mapPosition;
  if (mapper === null || typeof site.stack !== "string") return null;
  for (const f of parseStack(site.stack)) {
    if (io.bundleUrl !== null && f.url !== io.bundleUrl) continue;
    const pos = mapper(f.line, f.column - 1);
    if (pos === null || pos.source === null || pos.line === null || RUNTIME_SOURCE.test(pos.source)) continue;
    return { file: pos.source.replace(/^.*[/\\]/, ""), line: pos.line, source: pos.sourceLine ?? null };
  }
  return null;
}

/** `warnings.warn(message, category)`, attributed to the reader's line that led here. */
export function warn(message: string, category: "DeprecationWarning" | "RuntimeWarning"): void {
  // Without a source map there is no line: CPython names the interpreter itself then.
  const site = readerSite(new Error()) ?? { file: "sys", line: 1, source: null };
  const key = `${site.file}:${site.line}:${category}:${message}`;
  if (shown.has(key)) return;
  shown.add(key);
  let text = `${site.file}:${site.line}: ${category}: ${message}\n`;
  if (site.source !== null && site.source.trim() !== "") text += `  ${site.source.trim()}\n`;
  io.stderr(text);
}

// events.py (3.13): get_event_loop() with no running loop and none ever set makes one, after
// this warning (asyncio.ensure_future() of a coroutine goes through it too).
loops.implicitLoopWarning = () => warn("There is no current event loop", "DeprecationWarning");
