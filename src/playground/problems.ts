/**
 * Problems in the reader's code, with the weight of an editor's problems list: compile errors
 * (the program does not run), type errors (it runs anyway: types are erased), and the line
 * where a run failed, read from its traceback. Each is a red line in the output log that
 * moves the editor to its place, and a marker in the editor.
 */
import type { Diagnostic } from "./editor-types.ts";
import type { OutputLog } from "./output.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** esbuild's verdict: errors (nothing runs) or warnings (it runs). */
export function reportCompileProblems(log: OutputLog, problems: readonly Diagnostic[]): void {
  const errors = problems.filter((d) => d.severity === "error").length;
  if (problems.length === 0) return;
  log.info(
    errors > 0
      ? `Not run: ${plural(errors, "error")} in your code (choose one to go to its line):`
      : `${plural(problems.length, "warning")} (the program runs anyway):`,
    errors > 0 ? "error" : "info",
  );
  for (const d of problems) list(log, d);
}

/** TypeScript's verdict, which comes after the run started: the program ran anyway. */
export function reportTypeProblems(log: OutputLog, problems: readonly Diagnostic[]): void {
  if (problems.length === 0) return;
  log.info(
    `TypeScript: ${plural(problems.length, "type error")}. The program runs anyway (types are ` +
      "erased before it runs), but it may not do what the types say:",
  );
  for (const d of problems) list(log, d);
}

function list(log: OutputLog, d: Diagnostic): void {
  log.problem(`main.ts:${d.line}:${d.column}: ${d.severity}: ${d.text}`, d.severity, d.line, d.column);
}

/** CPython's frame line, as the runtime prints it. */
const FRAME = /^[\s|]*File "([^"]+)", line (\d+)(?:, column (\d+))?/;

/**
 * Where a run failed in the reader's file: the innermost frame of the last traceback that
 * names `file`, with the exception's line (`ValueError: bad`) as the message. Null when
 * stderr holds no such frame. Reads at most the last 64 KB: a traceback is at its end.
 */
export function tracebackProblem(stderr: string, file = "main.ts"): Diagnostic | null {
  const tail = stderr.length > 65_536 ? stderr.slice(-65_536) : stderr;
  const lines = tail.split("\n");
  // "Traceback (most recent call last):", or "+ Exception Group Traceback (...)" for a group.
  let start = lines.length - 1;
  while (start >= 0 && !lines[start]!.includes("Traceback (most recent call last):")) start--;
  if (start < 0) return null;
  let at: { line: number; column: number } | null = null;
  let message = "";
  for (const l of lines.slice(start + 1)) {
    const m = FRAME.exec(l);
    if (m !== null) {
      if (m[1] === file) at = { line: Number(m[2]), column: Number(m[3] ?? "1") };
    } else if (l.trim() !== "" && !/^\s/.test(l)) {
      // An unindented line after the frames: the exception (the last one wins; a group's
      // members are indented under it).
      message = l;
    }
  }
  if (at === null || !Number.isSafeInteger(at.line) || at.line < 1) return null;
  return { line: at.line, column: 1, length: 10_000, text: message || "The program failed here.", severity: "error" };
}
