/**
 * Where this machine's CPython 3.13, the reference interpreter, is.
 *
 * One lookup for everything that runs Python (recording examples, the parity test's check of
 * the recordings, the fuzzer, the life-cycle tracer, the benchmark): $CONFORMANCE_PYTHON if
 * set (then the only candidate: no silent fallback to another interpreter), else pyenv's
 * 3.13.0, else `python3.13` on the PATH. The interpreter must say it is CPython 3.13.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export type PythonLookup = { ok: true; command: string } | { ok: false; reason: string };

let cached: PythonLookup | undefined;

export function findPython(): PythonLookup {
  if (cached) return cached;
  const candidates: string[] = [];
  if (process.env.CONFORMANCE_PYTHON) candidates.push(process.env.CONFORMANCE_PYTHON);
  else {
    const pyenv = join(homedir(), ".pyenv/versions/3.13.0/bin/python3.13");
    if (existsSync(pyenv)) candidates.push(pyenv);
    candidates.push("python3.13");
  }
  const tried: string[] = [];
  for (const command of candidates) {
    const r = spawnSync(command, ["-c", "import sys; print(sys.implementation.name, *sys.version_info[:2])"], {
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" },
    });
    const said = (r.stdout ?? "").trim();
    if (r.status === 0 && said === "cpython 3 13") return (cached = { ok: true, command });
    tried.push(`${command}: ${r.error ? r.error.message : said || (r.stderr ?? "").trim().split("\n").pop() || `status ${r.status}`}`);
  }
  return (cached = { ok: false, reason: `no CPython 3.13 found (${tried.join("; ")})` });
}

/** The interpreter's command, or null when the machine has no CPython 3.13. */
export function python313(): string | null {
  const found = findPython();
  return found.ok ? found.command : null;
}
