/**
 * Records CPython 3.13's output for the examples: runs each `examples/<chapter>/<name>.py`
 * and writes `<name>.out` (standard output) and `<name>.err` (significant standard-error
 * lines, then the exit status), normalised exactly as ../shared/tools/conformance does,
 * so the parity test can hold the TypeScript twins to them, and the frames of its tracebacks
 * in tests/parity/frames.json (for the examples that print one).
 *
 *   node scripts/record-examples.ts            record every example (twice: must agree)
 *   node scripts/record-examples.ts --check    re-run CPython, fail if a recording is stale
 *   node scripts/record-examples.ts ID...      only these (e.g. 05-running/result)
 *
 * The interpreter is $CONFORMANCE_PYTHON, else ~/.pyenv/versions/3.13.0/bin/python3.13 if
 * present, else `python3.13`. Each program runs twice: a recording that changes from one
 * run to the next (wall-clock values, set ordering) is refused, since a page would then
 * show an output that CPython does not reliably print.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { exitStatus, normalise, significantStderr, lineDiff, tracebackFrames } from "../tests/parity/normalise.ts";
import { framesFile, listExamples, readFrames } from "../tests/parity/examples.ts";
import { findPython } from "./python.ts";


function record(python: string, py: string): { out: string; err: string; frames: string } {
  const r = spawnSync(python, [py], { cwd: dirname(py), encoding: "utf8", timeout: 60_000 });
  if (r.error) throw new Error(`cannot run ${python}: ${r.error.message} (set CONFORMANCE_PYTHON)`);
  return { out: normalise(r.stdout), err: significantStderr(r.stderr, exitStatus(r.status, r.signal)), frames: tracebackFrames(r.stderr) };
}
const frames = readFrames();

const args = process.argv.slice(2);
const check = args.includes("--check");
const only = args.filter((a) => !a.startsWith("--"));
const found = findPython();
if (!found.ok) {
  console.error(`${found.reason}: set CONFORMANCE_PYTHON to a CPython 3.13 interpreter`);
  process.exit(2);
}
const python = found.command;
const version = spawnSync(python, ["-c", "import sys; print(sys.version.split()[0])"], { encoding: "utf8" });
if (!version.stdout?.startsWith("3.13.")) {
  console.error(`${python} is not CPython 3.13 (${version.stdout?.trim() || version.error?.message})`);
  process.exit(2);
}

let problems = 0;
for (const ex of listExamples().filter((e) => only.length === 0 || only.includes(e.id))) {
  if (!existsSync(ex.py)) {
    console.log(`FAIL ${ex.id}: no Python twin`);
    problems++;
    continue;
  }
  const first = record(python, ex.py);
  const second = record(python, ex.py);
  if (first.out !== second.out || first.err !== second.err || first.frames !== second.frames) {
    console.log(`FAIL ${ex.id}: CPython's output changes between runs`);
    console.log(lineDiff("stdout", first.out, second.out));
    problems++;
    continue;
  }
  if (check) {
    const stale =
      !existsSync(ex.out) || !existsSync(ex.err) ||
      readFileSync(ex.out, "utf8") !== first.out || readFileSync(ex.err, "utf8") !== first.err ||
      (frames[ex.id] ?? "") !== first.frames;
    console.log(`${stale ? "STALE" : "ok   "} ${ex.id}`);
    if (stale) problems++;
  } else {
    writeFileSync(ex.out, first.out);
    writeFileSync(ex.err, first.err);
    if (first.frames !== "") frames[ex.id] = first.frames;
    else delete frames[ex.id];
    console.log(`recorded ${ex.id}`);
  }
}
if (!check) {
  const sorted = Object.fromEntries(Object.keys(frames).sort().map((id) => [id, frames[id]]));
  writeFileSync(framesFile, JSON.stringify(sorted, null, 2) + "\n");
}
if (problems > 0) {
  console.log(`${problems} problem(s)`);
  process.exit(1);
}
