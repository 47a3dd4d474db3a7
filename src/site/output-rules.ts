/**
 * How a program's output is compared with CPython's recording: the rewrites of
 * ../shared/tools/conformance (runtime-api.md, section 6). One module for the page's exercise
 * grader (src/site/exercise-grade.ts) and for the parity test, the recorders and the fuzzer
 * (through tests/parity/normalise.ts), so that what is recorded and what is graded agree.
 * No Node imports: the page loads it.
 */

/**
 * `at <path>:<line>` becomes `at FILE:LINE`, every hex address `0xADDR`, CRLF becomes LF.
 * One more rewrite than ../shared/tools/conformance (whose cases print no warnings): a
 * warning's location, `<path>:<line>: SomeWarning: ...` at the start of a line, becomes
 * `FILE:LINE: SomeWarning: ...` (CPython names the script's absolute path, the runtime the
 * reader's file as its tracebacks do).
 */
export function normalise(text: string): string {
  return text
    .replace(/^\S+?:\d+: (\w*Warning): /gm, "FILE:LINE: $1: ")
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
