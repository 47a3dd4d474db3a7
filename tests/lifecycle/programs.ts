/**
 * The programs whose life-cycle the tests compare with CPython's: every example that has a
 * Python twin, and three conformance cases copied into fixtures/ (01: the states CPython
 * prints at each point; 07: cancelling a suspended task; 28: a cancel after the wake-up was
 * queued). Golden traces of CPython 3.13 live in cpython/ (update-cpython.ts writes them).
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Paths relative to the repository root, without extension: "examples/04-scheduled/cancel-before-start". */
export function programs(): string[] {
  const out: string[] = [];
  const examples = join(root, "examples");
  for (const d of readdirSync(examples, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(examples, d.name))) {
      if (!f.endsWith(".ts")) continue;
      const base = join(examples, d.name, f.slice(0, -3));
      if (existsSync(base + ".py")) out.push(relative(root, base));
    }
  }
  const fixtures = join(root, "tests/lifecycle/fixtures");
  for (const f of readdirSync(fixtures)) if (f.endsWith(".ts")) out.push(relative(root, join(fixtures, f.slice(0, -3))));
  return out.sort();
}

/** Where the golden CPython trace of a program is kept. */
export function goldenPath(program: string): string {
  return join(root, "tests/lifecycle/cpython", program.replace(/[\\/]/g, "__") + ".json");
}
