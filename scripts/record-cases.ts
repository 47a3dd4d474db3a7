/**
 * Records CPython 3.13's output for the feature cases in tests/cases/ (NAME.out, NAME.err),
 * in the format of ../shared/conformance, and NAME.frames, the frames of the tracebacks it
 * printed (tests/parity/normalise.ts tracebackFrames; no file when it printed none). Runs
 * each program twice and refuses output that changes between runs.
 *
 *   node scripts/record-cases.ts            every case
 *   node scripts/record-cases.ts NAME ...   only these
 */
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { exitStatus, normalise, significantStderr, tracebackFrames } from "../tests/parity/normalise.ts";
import { hasGroupTraceback, tracebackShape } from "../tests/cases/shape.ts";
import { findPython } from "./python.ts";

const dir = resolve(import.meta.dirname, "../tests/cases");
const found = findPython();
if (!found.ok) {
  console.error(found.reason);
  process.exit(2);
}
const wanted = process.argv.slice(2);
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".py"))
  .map((f) => basename(f, ".py"))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

let failed = 0;
for (const name of names) {
  const once = () => {
    const r = spawnSync(found.command, [`${name}.py`], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0", PYTHONHASHSEED: "0" },
    });
    return { out: normalise(r.stdout), err: significantStderr(r.stderr, exitStatus(r.status, r.signal)), frames: tracebackFrames(r.stderr), raw: r.stderr };
  };
  const a = once();
  const b = once();
  if (a.out !== b.out || a.err !== b.err || a.frames !== b.frames || tracebackShape(a.raw) !== tracebackShape(b.raw)) {
    console.error(`${name}: output changes from run to run; not recorded`);
    failed++;
    continue;
  }
  writeFileSync(join(dir, `${name}.out`), a.out);
  writeFileSync(join(dir, `${name}.err`), a.err);
  if (a.frames !== "") writeFileSync(join(dir, `${name}.frames`), a.frames);
  else rmSync(join(dir, `${name}.frames`), { force: true });
  // An exception-group traceback is indented throughout: its shape is recorded apart (NAME.tb).
  if (hasGroupTraceback(a.raw)) writeFileSync(join(dir, `${name}.tb`), tracebackShape(a.raw));
  console.log(`${name}: recorded`);
}
process.exit(failed ? 1 : 0);
