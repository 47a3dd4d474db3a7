/**
 * Records CPython 3.13's output of each exercise's reference solution:
 * `examples/exercises/<id>/solution.py` → `solution.out`, `solution.err`, normalised as the
 * examples are (scripts/record-examples.ts; twice, refusing an output that changes).
 *
 *   node scripts/record-exercises.ts            record every exercise
 *   node scripts/record-exercises.ts --check    fail if a recording is stale
 *   node scripts/record-exercises.ts ID...      only these exercises
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { normalise, significantStderr } from "../tests/parity/normalise.ts";
import { findPython } from "./python.ts";

const dir = join(import.meta.dirname, "..", "examples", "exercises");
const args = process.argv.slice(2);
const check = args.includes("--check");
const only = args.filter((a) => !a.startsWith("--"));
const found = findPython();
if (!found.ok) {
  console.error(`${found.reason}: set CONFORMANCE_PYTHON to a CPython 3.13 interpreter`);
  process.exit(2);
}

function record(folder: string): { out: string; err: string } {
  const r = spawnSync(found.ok ? found.command : "", ["solution.py"], { cwd: folder, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return { out: normalise(r.stdout), err: significantStderr(r.stderr, r.status ?? 99) };
}

let problems = 0;
for (const id of readdirSync(dir).filter((n) => existsSync(join(dir, n, "solution.py"))).sort()) {
  if (only.length > 0 && !only.includes(id)) continue;
  const folder = join(dir, id);
  const first = record(folder);
  const second = record(folder);
  if (first.out !== second.out || first.err !== second.err) {
    console.log(`FAIL ${id}: CPython's output changes between runs`);
    problems++;
    continue;
  }
  const out = join(folder, "solution.out");
  const err = join(folder, "solution.err");
  if (check) {
    const stale = !existsSync(out) || !existsSync(err) || readFileSync(out, "utf8") !== first.out || readFileSync(err, "utf8") !== first.err;
    console.log(`${stale ? "STALE" : "ok   "} ${id}`);
    if (stale) problems++;
  } else {
    writeFileSync(out, first.out);
    writeFileSync(err, first.err);
    console.log(`recorded ${id}`);
  }
}
if (problems > 0) {
  console.log(`${problems} problem(s)`);
  process.exit(1);
}
