/**
 * The position mapper a host gives the runtime for tracebacks (see src/asyncio/traceback.ts):
 * bundle position → the reader's file, line, and source text. Built on
 * @jridgewell/trace-mapping; no Node API, so the page's worker uses it as it is.
 */
import { TraceMap, originalPositionFor, sourceContentFor } from "@jridgewell/trace-mapping";
import type { PositionMapper } from "../asyncio/loopstate.ts";
import { REGISTRATION_END } from "./options.ts";
import { originalLineText } from "./lines.ts";

export function createMapper(map: string | object): PositionMapper {
  const tracer = new TraceMap(map as ConstructorParameters<typeof TraceMap>[0]);
  const linesOf = new Map<string, string[]>();
  return (line, column) => {
    const pos = originalPositionFor(tracer, { line, column: Math.max(0, column) });
    if (pos.source === null || pos.line === null) return null;
    let lines = linesOf.get(pos.source);
    if (lines === undefined) {
      lines = (sourceContentFor(tracer, pos.source) ?? "").split("\n");
      linesOf.set(pos.source, lines);
    }
    let text = lines[pos.line - 1] ?? null;
    if (text !== null && pos.line === 1) {
      const at = text.indexOf(REGISTRATION_END);
      if (at >= 0) text = text.slice(at + REGISTRATION_END.length);
    }
    if (text !== null) text = originalLineText(text);
    return { source: pos.source, line: pos.line, column: pos.column, name: pos.name, sourceLine: text };
  };
}
