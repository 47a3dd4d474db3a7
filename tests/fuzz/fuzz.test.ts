// A few hundred fuzz programs in the normal test run (issue 6): CPython 3.13 and our runtime
// must agree on every one. Needs CPython 3.13 (fuzz/exec.ts findPython); without it the test
// is skipped and says why. Differences are shrunk into a temporary folder here, not into
// tests/regressions (run `npm run fuzz` for that).
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPython, ROOT } from "../../fuzz/exec.ts";

const COUNT = 200;
const SEED = 20261125;
const python = findPython();

describe("differential fuzzing against CPython 3.13", () => {
  it.skipIf(!python.ok)(
    `${COUNT} programs of seed ${SEED} print the same in CPython and in the runtime${python.ok ? "" : ` (skipped: ${python.reason})`}`,
    () => {
      const out = mkdtempSync(join(tmpdir(), "fuzz-ci-"));
      const r = spawnSync(process.execPath, [join(ROOT, "fuzz/run.ts"), "--count", String(COUNT), "--seed", String(SEED), "--max-saves", "3", "--out", out], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 900_000,
      });
      const lines = r.stdout.trim().split("\n");
      // on failure, the report names the programs and shows the shrunk differences
      expect(lines.at(-1), r.stdout + r.stderr).toBe(`${COUNT} programs, 0 differences`);
      expect(r.status).toBe(0);
    },
    900_000,
  );

  it("says that it skipped, and why, when there is no CPython 3.13", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "fuzz/run.ts"), "--count", "3"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CONFORMANCE_PYTHON: join(ROOT, "no-such-python") },
    });
    expect(r.stdout).toMatch(/^fuzz: skipped, no CPython 3\.13 found \(.*no-such-python/);
    expect(r.status).toBe(0);
  });
});
