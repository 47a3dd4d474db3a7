// How two runs of a program are compared: the rules of ../shared/tools/conformance
// (runtime-api.md section 6), plus one relaxation for reports that CPython makes when it
// garbage-collects an object.
//
// Standard output: equal after "at <path>:<line>" -> "at FILE:LINE" and "0x<hex>" -> "0xADDR".
// Standard error: the lines that do not start with white space, in order, then
// "exit status: N". Except: a "Task exception was never retrieved" (or "Future ...") report
// is logged by CPython when the object is freed, which for a task nobody references is right
// after its last step, and for others later; our runtime reports them when the loop closes
// at the latest (runtime-api.md section 4). So these report blocks are compared as a
// multiset, and the rest of standard error in order.

import { tracebackFrames } from "../tests/parity/normalise.ts";

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

export const normalise = (text: string): string =>
  text
    .replace(/\bat (\S+?):(\d+)/g, "at FILE:LINE")
    .replace(/0x[0-9a-fA-F]+/g, "0xADDR")
    .replace(/\r\n/g, "\n");

/** The significant lines of standard error and the exit status, as the conformance tool writes them (NAME.err). */
export const significant = (stderr: string, status: number): string =>
  normalise(stderr)
    .split("\n")
    .filter((line) => line.length > 0 && !/^\s/.test(line))
    .concat([`exit status: ${status}`])
    .join("\n") + "\n";

const NEVER_RETRIEVED = /^(Task|Future) exception was never retrieved$/;
const GROUP_REPORT = /exception=(Base)?ExceptionGroup\(/;
const CHAIN = /^(The above exception was the direct cause of the following exception:|During handling of the above exception, another exception occurred:)$/;

/**
 * Splits significant stderr lines into the never-retrieved report blocks (sorted) and the
 * other lines (in order). A block is: the message, its "future: ..." line, an optional
 * "Traceback (most recent call last):" and the exception's last line (for an exception
 * group, nothing after the "future: ..." line: its whole report is indented).
 */
export function splitReports(err: string): { ordered: string[]; reports: string[] } {
  const lines = err.split("\n").filter((l) => l.length > 0);
  const ordered: string[] = [];
  const reports: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (NEVER_RETRIEVED.test(lines[i]) && lines[i + 1]?.startsWith("future: ")) {
      const block = [lines[i], lines[i + 1]];
      let j = i + 2;
      // one exception, or a chain of them joined by CPython's "The above exception ..." lines;
      // an exception group's report is all indented (its box): nothing significant follows
      const group = GROUP_REPORT.test(lines[i + 1]);
      while (!group) {
        if (lines[j] === "Traceback (most recent call last):") block.push(lines[j++]);
        if (j < lines.length && !lines[j].startsWith("exit status: ")) block.push(lines[j++]);
        if (!CHAIN.test(lines[j] ?? "")) break;
        block.push(lines[j++]);
      }
      reports.push(block.join("\n"));
      i = j - 1;
    } else {
      ordered.push(lines[i]);
    }
  }
  reports.sort();
  return { ordered, reports };
}

export interface Expected {
  /** Normalised standard output (NAME.out). */
  out: string;
  /** Significant standard error and "exit status: N" (NAME.err). */
  err: string;
  /** The frames of every traceback (NAME.frames; tests/parity/normalise.ts tracebackFrames). */
  frames: string;
}

export function expectedOf(r: RunResult): Expected {
  return { out: normalise(r.stdout), err: significant(r.stderr, r.status), frames: tracebackFrames(r.stderr) };
}

/**
 * The tracebacks of a frames text, one block each, sorted: compared as a multiset, for the
 * same reason as the never-retrieved reports (their order follows garbage collection).
 */
export function tracebackBlocks(frames: string): string[] {
  const blocks: string[] = [];
  for (const line of frames.split("\n")) {
    if (line === "") continue;
    if (/^(Exception Group )?Traceback$/.test(line) || blocks.length === 0) blocks.push(line);
    else blocks[blocks.length - 1] += "\n" + line;
  }
  return blocks.sort();
}

/** Null when equal, else a short description of the first differences (- CPython, + runtime). */
export function difference(want: Expected, got: Expected): string | null {
  const parts: string[] = [];
  if (want.out !== got.out) parts.push(lineDiff("stdout", want.out, got.out));
  const w = splitReports(want.err);
  const g = splitReports(got.err);
  if (w.ordered.join("\n") !== g.ordered.join("\n")) {
    parts.push(lineDiff("stderr", w.ordered.join("\n"), g.ordered.join("\n")));
  }
  if (w.reports.join("\n\n") !== g.reports.join("\n\n")) {
    parts.push(lineDiff("never-retrieved reports", w.reports.join("\n"), g.reports.join("\n")));
  }
  const wf = tracebackBlocks(want.frames).join("\n");
  const gf = tracebackBlocks(got.frames).join("\n");
  if (wf !== gf) parts.push(lineDiff("traceback frames", wf, gf));
  return parts.length ? parts.join("\n") : null;
}

export function lineDiff(what: string, want: string, got: string, max = 12): string {
  const w = want.split("\n");
  const g = got.split("\n");
  const out = [`  ${what} differs (- CPython, + runtime):`];
  let shown = 0;
  for (let i = 0; i < Math.max(w.length, g.length) && shown < max; i++) {
    if (w[i] === g[i]) continue;
    shown++;
    if (w[i] !== undefined) out.push(`  - ${w[i]}`);
    if (g[i] !== undefined) out.push(`  + ${g[i]}`);
  }
  return out.join("\n");
}
