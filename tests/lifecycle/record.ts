/**
 * Record the life-cycle events of a program run by our runtime (one child process per program,
 * see record-cli.ts), and what CPython's own asyncio goes through for its Python twin
 * (cpython_trace.py), so that tests can compare the two.
 */
import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";
import { python313 } from "../../scripts/python.ts";

const here = dirname(fileURLToPath(import.meta.url));

export interface Recording {
  events: LifecycleEvent[];
  stdout: string;
  stderr: string;
  status: number;
}

function run(cmd: string, args: string[], input: string | null, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((ok, fail) => {
    const child = execFile(cmd, args, { maxBuffer: 512 * 1024 * 1024, env }, (err, stdout, stderr) => {
      if (err) fail(new Error(`${cmd} ${args.join(" ")} failed: ${err.message}\n${stderr}`));
      else ok(stdout);
    });
    if (input !== null) child.stdin!.end(input);
  });
}

/** Run the TypeScript program at `path` through our runtime and record its events. */
export async function recordFile(path: string): Promise<Recording> {
  return JSON.parse(await run(process.execPath, [resolve(here, "record-cli.ts"), resolve(path)], null)) as Recording;
}

/** Same, for a program given as source text (named main.ts). */
export async function recordSource(source: string): Promise<Recording> {
  return JSON.parse(await run(process.execPath, [resolve(here, "record-cli.ts"), "-"], source)) as Recording;
}

export interface CPythonTransition {
  task: string;
  from: string;
  to: string;
  outcome: string | null;
  iteration: number;
}

export const PYTHON = process.env.PYTHON ?? python313() ?? "python3.13";

/** Whether CPython 3.13 can be run here (the tests that need it are skipped otherwise, and say so). */
export async function havePython(): Promise<boolean> {
  try {
    const v = await run(PYTHON, ["-c", "import sys; print(sys.version_info[:2] >= (3, 13))"], null, { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" });
    return v.trim() === "True";
  } catch {
    return false;
  }
}

/** The transitions CPython's asyncio goes through for the Python program at `path`. */
export async function traceCPython(path: string): Promise<{ status: number; transitions: CPythonTransition[] }> {
  const out = await run(PYTHON, [resolve(here, "cpython_trace.py"), resolve(path)], null, {
    ...process.env,
    PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0",
  });
  return JSON.parse(out) as { status: number; transitions: CPythonTransition[] };
}
