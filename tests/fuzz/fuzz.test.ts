// A small fixed batch of fuzz programs in the normal test run (issues 6 and 11): CPython 3.13
// and our runtime must agree on every one. The batch is chosen to use every family of
// constructs the generator has (checked below); the long runs are `npm run fuzz`'s. Needs CPython 3.13 (fuzz/exec.ts findPython); without it the test
// is skipped and says why. Differences are shrunk into a temporary folder here, not into
// tests/regressions (run `npm run fuzz` for that).
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPython, ROOT } from "../../fuzz/exec.ts";
import { FAMILIES, familiesOf, generate, programSeed } from "../../fuzz/generate.ts";

const COUNT = 40;
const SEED = 20261125;
const python = findPython();

describe("differential fuzzing against CPython 3.13", () => {
  it(`the batch (${COUNT} programs of seed ${SEED}) uses every family of constructs, each at least twice`, () => {
    const uses = new Map<string, number>();
    for (let i = 0; i < COUNT; i++) for (const f of familiesOf(generate(programSeed(SEED, i)))) uses.set(f, (uses.get(f) ?? 0) + 1);
    for (const f of FAMILIES) expect(uses.get(f) ?? 0, f).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(!python.ok)(
    `${COUNT} programs of seed ${SEED} print the same in CPython and in the runtime${python.ok ? "" : ` (skipped: ${python.reason})`}`,
    () => {
      const out = mkdtempSync(join(tmpdir(), "fuzz-ci-"));
      const r = spawnSync(process.execPath, [join(ROOT, "fuzz/run.ts"), "--count", String(COUNT), "--seed", String(SEED), "--max-saves", "3", "--out", out], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 600_000,
      });
      const lines = r.stdout.trim().split("\n");
      // on failure, the report names the programs and shows the shrunk differences
      expect(lines.at(-1), r.stdout + r.stderr).toBe(`${COUNT} programs, 0 differences`);
      expect(r.status).toBe(0);
    },
    600_000,
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
