/**
 * `node tests/lifecycle/update-cpython.ts`: records, with CPython 3.13 (PYENV_VERSION=3.13.0
 * python3.13, or $PYTHON), the life-cycle transitions of each program's Python twin
 * (cpython_trace.py) into tests/lifecycle/cpython/. The model tests compare our runtime's
 * transitions with these, and check them against a fresh trace when CPython is available.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { goldenPath, programs, root } from "./programs.ts";
import { havePython, traceCPython } from "./record.ts";

if (!(await havePython())) {
  process.stderr.write("CPython 3.13 is needed (set PYTHON or PYENV_VERSION)\n");
  process.exit(1);
}
for (const p of programs()) {
  const trace = await traceCPython(join(root, p + ".py"));
  mkdirSync(dirname(goldenPath(p)), { recursive: true });
  writeFileSync(goldenPath(p), JSON.stringify(trace, null, 0).replace(/\},\{/g, "},\n{") + "\n");
  process.stdout.write(`${p}: ${trace.transitions.length} transitions\n`);
}
