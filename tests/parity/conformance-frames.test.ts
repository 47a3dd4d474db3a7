/**
 * The shared conformance cases (../shared/conformance) compare only the significant lines of
 * standard error, not the frames of a traceback. Here the frames are compared too, for the
 * cases whose recording shows a traceback or a logged error: CPython 3.13 runs the .py (live,
 * since the shared folder holds no frames), the runtime the .ts twin. Skipped, saying why,
 * without CPython 3.13 or without ../shared beside the project.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runRuntime } from "../../fuzz/exec.ts";
import { lineDiff, tracebackFrames } from "./normalise.ts";
import { root } from "./examples.ts";
import { findPython } from "../../scripts/python.ts";

const dir = resolve(root, "..", "shared", "conformance");
const python = findPython();
const cases = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".err") && /^(Traceback|Exception in|Task exception|Future exception)/m.test(readFileSync(join(dir, f), "utf8")))
      .map((f) => basename(f, ".err"))
      .sort()
  : [];
const why = !python.ok ? python.reason : cases.length === 0 ? `no conformance cases with a traceback in ${dir}` : "";

describe.skipIf(why !== "")(`conformance twins print CPython's traceback frames${why ? ` (skipped: ${why})` : ""}`, () => {
  it.each(cases)("%s", async (name) => {
    const py = spawnSync(python.ok ? python.command : "", [`${name}.py`], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0", PYTHONHASHSEED: "0" },
    });
    const want = tracebackFrames(py.stderr);
    expect(want, `CPython printed no traceback for ${name}`).not.toBe("");
    const got = tracebackFrames((await runRuntime(join(dir, `${name}.ts`))).stderr);
    expect(got, lineDiff("traceback frames", want, got)).toBe(want);
  });
});
