/**
 * The comparison rules shared by the parity test and scripts/record-examples.ts: the same
 * rewrites as ../shared/tools/conformance (runtime-api.md, section 6), so that a recorded
 * CPython run and a TypeScript run can be compared line for line.
 */

export { normalise, significantStderr } from "../../src/site/output-rules.ts";
import { normalise } from "../../src/site/output-rules.ts";

/**
 * A child's exit status as a shell reports it: its exit code, or 128 + the number of the
 * signal that ended it (CPython ends by SIGINT after an uncaught KeyboardInterrupt: 130, and
 * so does the CLI); 99 when neither is known.
 */
export function exitStatus(code: number | null, signal: string | null = null): number {
  if (code !== null) return code;
  // POSIX numbers (no node:os here: the page's exercise grader imports this module).
  const n = signal === null ? undefined : ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number | undefined>)[signal];
  return n === undefined ? 99 : 128 + n;
}

/** A short line-by-line diff for failure messages (`-` expected, `+` got). */
export function lineDiff(what: string, want: string, got: string): string {
  const w = want.split("\n");
  const g = got.split("\n");
  const out = [`${what} differs (- CPython, + runtime):`];
  for (let i = 0; i < Math.max(w.length, g.length); i++) {
    if (w[i] === g[i]) continue;
    if (w[i] !== undefined) out.push(`- ${w[i]}`);
    if (g[i] !== undefined) out.push(`+ ${g[i]}`);
  }
  return out.join("\n");
}

/**
 * The frames of every traceback on standard error, which the rules above leave out: one line
 * per frame, the function's name (`main`, `<module>`), or for asyncio's own code its module
 * and name (`asyncio/tasks.py in sleep`), in the order printed, each traceback introduced by
 * its header. Paths, line numbers and source lines are left out (a .py and its .ts twin differ
 * there by nature). Inside an exception group's framed sub-tracebacks, each `|` level is kept
 * as a `| ` prefix, with the sub-exception's last line and the group's separators.
 * Frames of the program that runs CPython itself (fuzz/pyvclock.py, its fork server and
 * runpy) are not the program's, and are dropped. Empty when there is no traceback.
 */
export function tracebackFrames(stderr: string): string {
  const out: string[] = [];
  for (const raw of normalise(stderr).split("\n")) {
    let depth = 0;
    let rest = raw;
    for (let m = /^ *\|(?: |$)/.exec(rest); m; m = /^ *\|(?: |$)/.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
    }
    const pre = "| ".repeat(depth);
    let m: RegExpExecArray | null;
    if ((m = /^ {2}File "([^"]*)", line \d+, in (.+)$/.exec(rest))) {
      const file = m[1];
      if (/(^|[/\\])(pyvclock|pyserver)\.py$|^<frozen runpy>$/.test(file)) continue;
      const lib = /(?:^|[/\\])asyncio[/\\]([\w.]+\.py)$/.exec(file);
      out.push(`${pre}  ${lib ? `asyncio/${lib[1]} in ` : ""}${m[2]}`);
    } else if (/^ *(\+ )?(Exception Group )?Traceback \(most recent call last\):$/.test(rest)) {
      out.push(`${pre}${rest.includes("Exception Group") ? "Exception Group Traceback" : "Traceback"}`);
    } else if ((m = /^ *\+[-+]*-+ (\d+|\.\.\.) -+$/.exec(rest))) {
      out.push(`${pre}--- ${m[1]}`);
    } else if (/^ *\+-+$/.test(rest)) {
      out.push(`${pre}---`);
    } else if (depth > 0 && /^\S/.test(rest)) {
      // a sub-exception's own last line (at depth 0 those are compared as significant lines)
      out.push(`${pre}${rest}`);
    }
  }
  return out.length ? out.join("\n") + "\n" : "";
}
