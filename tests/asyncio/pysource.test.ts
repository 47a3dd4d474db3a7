// The places in CPython 3.13.0's asyncio source that the runtime prints (reprs' `at FILE:LINE`,
// traceback frames) are checked against the machine's CPython 3.13: a reader who opens the
// source must land on them. Skipped, saying why, without CPython 3.13.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFINED_AT, SUSPENDED_AT, knownPyFrames } from "../../src/asyncio/pysource.ts";
import { findPython } from "../../scripts/python.ts";

const python = findPython();
const libDir = python.ok
  ? spawnSync(python.command, ["-c", "import asyncio, os, sys; assert sys.version_info[:3] == (3, 13, 0), sys.version; print(os.path.dirname(asyncio.__file__))"], {
      encoding: "utf8",
      env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" },
    })
  : null;
const usable = libDir !== null && libDir.status === 0;
const why = !python.ok ? python.reason : usable ? "" : `not CPython 3.13.0: ${libDir?.stderr.trim().split("\n").pop()}`;

const sources = new Map<string, string[]>();
function lines(file: string): string[] {
  let l = sources.get(file);
  if (l === undefined) {
    l = readFileSync(join(libDir!.stdout.trim(), file.replace(/^asyncio\//, "")), "utf8").split("\n");
    sources.set(file, l);
  }
  return l;
}

/** The name of the function whose body holds line n (the nearest `def` above, less indented). */
function enclosingDef(file: string, n: number): string | null {
  const all = lines(file);
  // the least indentation between the def and line n: a nested def closed before is not it
  let indent = /^\s*/.exec(all[n - 1])![0].length;
  for (let i = n - 1; i >= 0; i--) {
    if (all[i].trim() === "" || /^[#)]/.test(all[i].trim())) continue;
    const own = /^\s*/.exec(all[i])![0].length;
    const m = /^\s*(?:async )?def (\w+)/.exec(all[i]);
    if (m && own < indent) return m[1];
    indent = Math.min(indent, own);
  }
  return null;
}

describe.skipIf(!usable)(`asyncio's own places are CPython 3.13.0's${usable ? "" : ` (skipped: ${why})`}`, () => {
  it("each traceback frame's line is its source line, inside the function it names", () => {
    const frames = knownPyFrames();
    expect(frames.length).toBeGreaterThan(20);
    for (const f of frames) {
      expect(lines(f.file)[f.line - 1]?.trim(), `${f.file}:${f.line}`).toBe(f.sourceLine);
      expect(enclosingDef(f.file, f.line), `${f.file}:${f.line}`).toBe(f.name);
    }
  });

  it("each function's `defined at` line is its co_firstlineno", () => {
    const script = [
      "import asyncio, importlib, json, sys",
      "out = {}",
      "for key in json.loads(sys.argv[1]):",
      "    mod, *path = key.split('.')",
      "    obj = importlib.import_module('asyncio.' + mod)",
      "    locals_ = None",
      "    if '<locals>' in path:",
      "        i = path.index('<locals>'); locals_ = path[i + 1]; path = path[:i]",
      "    for p in path: obj = getattr(obj, p)",
      "    code = obj.__code__",
      "    if locals_: code = next(c for c in code.co_consts if hasattr(c, 'co_name') and c.co_name == locals_)",
      "    out[key] = code.co_firstlineno",
      "print(json.dumps(out))",
    ].join("\n");
    const r = spawnSync(python.ok ? python.command : "", ["-c", script, JSON.stringify(Object.keys(DEFINED_AT))], {
      encoding: "utf8",
      env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(DEFINED_AT);
  });

  it("a suspended sleep() stands where CPython's does", () => {
    expect(lines("asyncio/tasks.py")[SUSPENDED_AT["tasks.sleep"] - 1].trim()).toBe("return await future");
    expect(lines("asyncio/tasks.py")[SUSPENDED_AT["tasks.sleep.zero"] - 1].trim()).toBe("await __sleep0()");
  });
});
