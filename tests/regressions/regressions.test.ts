// Every case the differential fuzzer saved (fuzz/run.ts) replayed on our runtime, without
// Python: NAME.ts through the CLI (`npm run example`) must give NAME.out / NAME.err, the
// output CPython 3.13 gave for NAME.py, and NAME.frames the frames of its tracebacks, compared
// as the fuzzer compares (fuzz/compare.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { difference, expectedOf } from "../../fuzz/compare.ts";
import { runRuntime } from "../../fuzz/exec.ts";

const here = dirname(fileURLToPath(import.meta.url));
const cases = readdirSync(here)
  .filter((f) => f.endsWith(".py"))
  .map((f) => basename(f, ".py"))
  .sort();

describe("fuzzer regression cases", () => {
  it("each case has its TypeScript twin and CPython's recorded output", () => {
    for (const name of cases) {
      for (const ext of [".ts", ".out", ".err"]) {
        expect(existsSync(join(here, name + ext)), `${name}${ext}`).toBe(true);
      }
      expect(readFileSync(join(here, `${name}.err`), "utf8")).toMatch(/exit status: \d+\n$/);
    }
  });

  it.each(cases)("%s", async (name) => {
    const want = {
      out: readFileSync(join(here, `${name}.out`), "utf8"),
      err: readFileSync(join(here, `${name}.err`), "utf8"),
      // CPython's traceback frames, recorded when it printed a traceback (none otherwise)
      frames: existsSync(join(here, `${name}.frames`)) ? readFileSync(join(here, `${name}.frames`), "utf8") : "",
    };
    const got = expectedOf(await runRuntime(join(here, `${name}.ts`)));
    expect(difference(want, got)).toBeNull();
  });
});
