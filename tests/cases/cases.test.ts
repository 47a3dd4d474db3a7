/**
 * Conformance-style cases of our own, one per feature or per known difference with CPython:
 * NAME.py, its TypeScript twin NAME.ts (the spellings of runtime-api.md), and CPython 3.13's
 * recorded NAME.out / NAME.err, in the format and under the rules of ../shared/conformance
 * (runtime-api.md section 6: stdout equal after normalisation, the significant lines of
 * stderr in order, then the exit status), and the frames of every traceback (NAME.frames,
 * present when CPython printed a traceback; tests/parity/normalise.ts tracebackFrames).
 * Record with `node scripts/record-cases.ts [NAME]`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runRuntime } from "../../fuzz/exec.ts";
import { exitStatus, lineDiff, normalise, significantStderr, tracebackFrames } from "../parity/normalise.ts";
import { python313 } from "../../scripts/python.ts";
import { tracebackShape } from "./shape.ts";

const here = dirname(fileURLToPath(import.meta.url));
const cases = readdirSync(here)
  .filter((f) => f.endsWith(".py"))
  .map((f) => basename(f, ".py"))
  .sort();

describe("feature cases match CPython 3.13", () => {
  it("each case has its TypeScript twin and CPython's recorded output", () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const name of cases) {
      for (const ext of [".ts", ".out", ".err"]) {
        expect(existsSync(join(here, name + ext)), `${name}${ext}`).toBe(true);
      }
      expect(readFileSync(join(here, `${name}.err`), "utf8")).toMatch(/exit status: \d+\n$/);
    }
  });

  it.concurrent.each(cases)("%s", async (name) => {
    const wantOut = readFileSync(join(here, `${name}.out`), "utf8");
    const wantErr = readFileSync(join(here, `${name}.err`), "utf8");
    const got = await runRuntime(join(here, `${name}.ts`));
    const wantFrames = recordedFrames(name);
    const gotOut = normalise(got.stdout);
    const gotErr = significantStderr(got.stderr, got.status);
    const gotFrames = tracebackFrames(got.stderr);
    // Cases with an exception-group traceback also compare its shape (see shape.ts).
    const tbFile = join(here, `${name}.tb`);
    const wantTb = existsSync(tbFile) ? readFileSync(tbFile, "utf8") : null;
    const gotTb = wantTb === null ? null : tracebackShape(got.stderr);
    const report = [
      gotOut === wantOut ? "" : lineDiff("stdout", wantOut, gotOut),
      gotErr === wantErr ? "" : lineDiff("stderr", wantErr, gotErr),
      gotFrames === wantFrames ? "" : lineDiff("traceback frames", wantFrames, gotFrames),
      gotTb === wantTb ? "" : lineDiff("traceback shape", wantTb!, gotTb!),
      gotErr === wantErr && gotFrames === wantFrames && gotTb === wantTb ? "" : `full stderr:\n${got.stderr}`,
    ]
      .filter(Boolean)
      .join("\n");
    expect(report, report).toBe("");
  });
});

/** NAME.frames, or nothing when CPython printed no traceback. */
function recordedFrames(name: string): string {
  const file = join(here, `${name}.frames`);
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

const python = python313();

// A .py edited without re-recording is caught here, on machines that have CPython 3.13.
describe.runIf(python !== null)("case recordings are CPython 3.13's current output", () => {
  it.each(cases)("%s", (name) => {
    const r = spawnSync(python!, [`${name}.py`], {
      cwd: here,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0", PYTHONHASHSEED: "0" },
    });
    expect(normalise(r.stdout)).toBe(readFileSync(join(here, `${name}.out`), "utf8"));
    expect(significantStderr(r.stderr, exitStatus(r.status, r.signal))).toBe(readFileSync(join(here, `${name}.err`), "utf8"));
    const tbFile = join(here, `${name}.tb`);
    if (existsSync(tbFile)) expect(tracebackShape(r.stderr)).toBe(readFileSync(tbFile, "utf8"));
    expect(tracebackFrames(r.stderr)).toBe(recordedFrames(name));
  });
});
