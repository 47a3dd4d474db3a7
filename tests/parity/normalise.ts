/**
 * The comparison rules shared by the parity test and scripts/record-examples.ts: the same
 * rewrites as ../shared/tools/conformance (runtime-api.md, section 6), so that a recorded
 * CPython run and a TypeScript run can be compared line for line.
 */

/** `at <path>:<line>` becomes `at FILE:LINE`, every hex address `0xADDR`, CRLF becomes LF. */
export function normalise(text: string): string {
  return text
    .replace(/\bat (\S+?):(\d+)/g, "at FILE:LINE")
    .replace(/0x[0-9a-fA-F]+/g, "0xADDR")
    .replace(/\r\n/g, "\n");
}

/**
 * The lines of standard error that count, then the exit status. Indented lines (traceback
 * frames and their source lines) are dropped: their paths and line numbers differ between
 * a .py and its .ts twin by nature, while the headers, the final `ValueError: bad` line and
 * logged messages such as "Task exception was never retrieved" must agree.
 */
export function significantStderr(stderr: string, status: number): string {
  const lines = normalise(stderr)
    .split("\n")
    .filter((line) => line.length > 0 && !/^\s/.test(line));
  lines.push(`exit status: ${status}`);
  return lines.join("\n") + "\n";
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
