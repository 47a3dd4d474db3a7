/**
 * The shape of an exception-group traceback, for the cases whose standard error has one
 * (`NAME.tb`, recorded beside `NAME.err` by scripts/record-cases.ts). The conformance rules
 * compare only the stderr lines that start in column 0, and every line of a group traceback is
 * indented (`  + Exception Group Traceback ...`, `  | ValueError: x`, `  +-+---- 1 ----`), so
 * the frames of the groups, their numbering and their nesting would go unchecked. The shape
 * keeps every line except the frames themselves (`File "…", line N, in f` and the source and
 * caret lines under it, which name paths and differ between a .py and its .ts twin), with the
 * same normalisation as the rest of the comparison.
 */
import { normalise } from "../parity/normalise.ts";

/** Does this standard error hold a group traceback (framed with `| `)? */
export function hasGroupTraceback(stderr: string): boolean {
  return /^\s*[|+] /m.test(stderr);
}

export function tracebackShape(stderr: string): string {
  const out: string[] = [];
  for (const line of normalise(stderr).split("\n")) {
    // The numbered separators and the closing rule: `+-+---- 1 ----`, `+------`.
    if (/^\s*\+-/.test(line)) {
      out.push(line);
      continue;
    }
    // Inside a group a line is `<indent>| <content>` (or `+ ` on the group's first line).
    const m = /^(\s*[|+] )(.*)$/.exec(line);
    const content = m ? m[2] : line;
    if (/^ {2}File "/.test(content) || /^ {4}/.test(content)) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n") + "\n";
}
