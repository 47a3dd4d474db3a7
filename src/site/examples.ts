import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

/** The four files of one example (the format of ../shared/conformance/). */
export interface ExampleFiles {
  id: string;
  /** The exact text of examples/<id>.ts (what the playground edits and resets to). */
  source: string;
  /** The same text without trailing newlines, for display. */
  ts: string;
  py: string;
  stdout: string;
  /**
   * The significant lines of standard error as recorded (normalised: `FILE:LINE`, indented
   * traceback frames left out), without the final `exit status: N` line.
   */
  stderr: string;
  /** CPython's exit status: 0; 1 after an uncaught exception; SystemExit's code; 130 (SIGINT) after a KeyboardInterrupt. */
  exitStatus: number;
}

/** EXAMPLES_DIR lets the shell be built against a fixture; the default is examples/. */
function examplesDir(): string {
  return resolve(process.env.EXAMPLES_DIR ?? "examples");
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}

/**
 * Reads examples/<id>.ts, .py, .out and .err. A missing .ts or .py fails the build with a
 * message naming the file, so a chapter cannot embed an example that does not exist.
 */
export async function readExample(id: string): Promise<ExampleFiles> {
  if (!/^[\w-]+\/[\w.-]+$/.test(id)) {
    throw new Error(`<Example id="${id}">: expected "<chapter-folder>/<name>"`);
  }
  const stem = resolve(examplesDir(), id);
  const required = async (ext: string) => {
    try {
      return await readFile(`${stem}.${ext}`, "utf8");
    } catch {
      throw new Error(`<Example id="${id}">: ${stem}.${ext} is missing`);
    }
  };
  const [ts, py, stdout, stderr] = await Promise.all([
    required("ts"),
    required("py"),
    readOptional(`${stem}.out`),
    readOptional(`${stem}.err`),
  ]);
  const errLines = stderr.replace(/\n$/, "").split("\n");
  const status = /^exit status: (\d+)$/.exec(errLines.at(-1) ?? "");
  if (status) errLines.pop();
  // Trailing newlines would render as an empty last line in the <pre>.
  return {
    id,
    source: ts,
    ts: ts.replace(/\n+$/, ""),
    py: py.replace(/\n+$/, ""),
    stdout: stdout.replace(/\n$/, ""),
    stderr: errLines.join("\n"),
    exitStatus: status ? Number(status[1]) : 0,
  };
}

/**
 * The note under a recording that did not end with status 0. The status alone does not say
 * why (an uncaught exception and `SystemExit(1)` both give 1): the chapter's text does; only
 * 130 is explained, as it is not a status the program chose.
 */
export function exitNote(status: number): string {
  if (status === 130) {
    return "The program ended by SIGINT, as CPython does after an uncaught KeyboardInterrupt: a shell reports exit status 130.";
  }
  return `The program ended with exit status ${status}.`;
}
