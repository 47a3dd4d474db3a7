// The fuzzer's own machinery: the generator is deterministic and prints twins that compile
// (TypeScript against the contract, Python with py_compile when CPython 3.13 is present),
// the shrinker shrinks, the comparison follows the conformance rules, and pyvclock.py runs
// CPython on a virtual clock.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stop } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { difference, expectedOf, splitReports } from "../../fuzz/compare.ts";
import { findPython, PythonServer, ROOT, runPython } from "../../fuzz/exec.ts";
import { generate, generatePair, printProgram, programSeed, Rng, type Program } from "../../fuzz/generate.ts";
import { bundle } from "../../fuzz/runtime-pool.ts";
import { candidates, shrink } from "../../fuzz/shrink.ts";

const python = findPython();
const work = mkdtempSync(join(tmpdir(), "fuzz-test-"));
afterAll(async () => {
  await stop();
});

describe("generator", () => {
  it("gives the same pair for the same seed, and different pairs for different seeds", () => {
    const a = generatePair(programSeed(7, 3));
    const b = generatePair(programSeed(7, 3));
    expect(a.py).toBe(b.py);
    expect(a.ts).toBe(b.ts);
    const others = new Set([0, 1, 2, 4, 5].map((i) => generatePair(programSeed(7, i)).py));
    expect(others.size).toBe(5);
    expect(others.has(a.py)).toBe(false);
  });

  it("has a reproducible PRNG", () => {
    const r1 = new Rng(42);
    const r2 = new Rng(42);
    const xs = Array.from({ length: 50 }, () => r1.next());
    expect(Array.from({ length: 50 }, () => r2.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(50);
  });

  it("uses the features the issue lists, across a few hundred programs", () => {
    const all = Array.from({ length: 300 }, (_, i) => generatePair(programSeed(1, i)).py).join("\n");
    for (const feature of [
      "asyncio.create_task(", "asyncio.ensure_future(", "loop.create_task(", "name=",
      "asyncio.sleep(0)", "loop.call_soon(", "loop.call_later(", "asyncio.gather(", "return_exceptions=True",
      "asyncio.wait(", "FIRST_COMPLETED", "FIRST_EXCEPTION", "asyncio.wait_for(", "asyncio.shield(",
      ".cancel(\"", ".cancel()", ".uncancel()", ".cancelling()", "add_done_callback(", "remove_done_callback(",
      "except asyncio.CancelledError", "raise RuntimeError(", ".result()", ".exception()", ".done()",
      ".cancelled()", "repr(", "get_name()", "_fut_waiter", "_state", "elapsed()", "finally:",
      "async with asyncio.timeout(", "asyncio.Event()", ".wait()", "create_task(leftover())", "set_name(",
      "raise asyncio.CancelledError(",
      // issue 11: the other task tools, TaskGroup and eager tasks
      "asyncio.Lock()", "asyncio.Condition()", "asyncio.Semaphore(", "asyncio.BoundedSemaphore(", "asyncio.Barrier(",
      "asyncio.Queue(", "asyncio.PriorityQueue(", "asyncio.LifoQueue(", ".notify(", ".notify_all()", ".wait_for(lambda",
      ".put_nowait(", ".get_nowait()", ".task_done()", ".join()", ".shutdown(", ".reset()", ".abort()", ".n_waiting",
      "async with asyncio.TaskGroup() as tg:", "tg.create_task(", "eager_start=True",
      "loop.set_task_factory(asyncio.eager_task_factory)", "asyncio.create_eager_task_factory(asyncio.Task)",
    ]) {
      expect(all, feature).toContain(feature);
    }
  });

  it("prints TypeScript that bundles with the project's esbuild configuration", async () => {
    for (let i = 0; i < 12; i++) {
      const { ts } = generatePair(programSeed(11, i));
      const b = await bundle(ts, "main.ts", work);
      expect("error" in b ? b.error : "", `program ${i}`).toBe("");
    }
  });

  it("prints TypeScript that type-checks against the declarations readers get (the playground's asyncio.d.ts)", () => {
    const files: string[] = [];
    const texts: string[] = [];
    // ten programs, among them some with every construct that has its own TypeScript idiom
    for (let i = 0; files.length < 10; i++) {
      const { ts } = generatePair(programSeed(12, i));
      const wanted = ["asyncio.async_with(asyncio.timeout(", "new asyncio.Event()", "const [done, pending]", "asyncio.shield(", "new asyncio.TaskGroup()", "new asyncio.PriorityQueue("];
      const missing = wanted.filter((w) => !texts.some((t) => t.includes(w)));
      if (files.length >= 4 && missing.length > 0 && !missing.some((w) => ts.includes(w))) continue;
      texts.push(ts);
      const f = join(work, `tc${i}.ts`);
      writeFileSync(f, ts);
      files.push(f);
    }
    for (const w of ["asyncio.async_with(asyncio.timeout(", "new asyncio.Event()"]) expect(texts.join("\n")).toContain(w);
    const r = spawnSync(process.execPath, [
      join(ROOT, "node_modules/typescript/bin/tsc"), "--strict", "--noEmit", "--target", "ES2022",
      "--module", "ESNext", "--moduleResolution", "bundler", "--skipLibCheck",
      join(ROOT, "src/playground/asyncio.d.ts"), ...files,
    ], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 180_000);

  it.runIf(python.ok)("prints Python that compiles", () => {
    if (!python.ok) return;
    const files: string[] = [];
    for (let i = 0; i < 20; i++) {
      const f = join(work, `pc${i}.py`);
      writeFileSync(f, generatePair(programSeed(13, i)).py);
      files.push(f);
    }
    const r = spawnSync(python.command, ["-m", "py_compile", ...files], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("shrinker", () => {
  const lines = (p: Program): number => printProgram(p, "py").split("\n").length;

  it("only proposes smaller programs", () => {
    const p = generate(programSeed(3, 1));
    const size = printProgram(p, "py").length;
    let n = 0;
    for (const c of candidates(p)) {
      const text = printProgram(c, "py");
      if (text.length < size) n++;
      expect(text.length).toBeLessThanOrEqual(size);
    }
    expect(n).toBeGreaterThan(5);
  });

  it("shrinks to a small program that keeps the property", async () => {
    // a program with a cancel() with a message somewhere, and a lot else
    let seed = 0;
    let p = generate(programSeed(5, seed));
    while (!printProgram(p, "py").includes('.cancel("') || lines(p) < 120) p = generate(programSeed(5, ++seed));
    const keeps = async (q: Program): Promise<boolean> => printProgram(q, "py").includes('.cancel("');
    const r = await shrink(p, keeps, 2000);
    expect(r.exhausted).toBe(false);
    expect(await keeps(r.program)).toBe(true);
    expect(lines(r.program)).toBeLessThan(lines(p));
    // what is left: the prelude, main, and the one statement (with the object it cancels)
    const body = printProgram(r.program, "py").split("async def main():")[1];
    expect(body.split("\n").filter((l) => l.trim().startsWith("print(")).length).toBeLessThanOrEqual(2);
  });

  it("keeps the program when nothing smaller keeps the property", async () => {
    const p = generate(programSeed(5, 1));
    const r = await shrink(p, async () => false, 50);
    expect(r.program).toBe(p);
    expect(r.tried).toBeGreaterThan(0);
  });
});

describe("comparison", () => {
  const report = (n: number): string =>
    `Task exception was never retrieved\nfuture: <Task finished name='Task-${n}' coro=<bad() done, defined at FILE:LINE> exception=ValueError('boom')>\nTraceback (most recent call last):\nValueError: boom`;

  it("compares never-retrieved reports as a multiset and everything else in order", () => {
    const cb = "Exception in callback broken() at FILE:LINE\nhandle: <Handle broken() at FILE:LINE>\nTraceback (most recent call last):\nRuntimeError: callback failed";
    const a = `${report(2)}\n${cb}\nexit status: 0\n`;
    const b = `${cb}\n${report(2)}\nexit status: 0\n`;
    const frames = "";
    expect(splitReports(a).reports).toEqual([report(2)]);
    expect(difference({ out: "x\n", err: a, frames }, { out: "x\n", err: b, frames })).toBeNull();
    expect(difference({ out: "x\n", err: a, frames }, { out: "x\n", err: `${cb}\n${report(3)}\nexit status: 0\n`, frames })).toMatch(/never-retrieved/);
    expect(difference({ out: "x\n", err: a, frames }, { out: "x\n", err: `${cb}\nexit status: 0\n`, frames })).not.toBeNull();
    expect(difference({ out: "x\n", err: a, frames }, { out: "y\n", err: a, frames })).toMatch(/stdout differs/);
    expect(difference({ out: "", err: "exit status: 0\n", frames }, { out: "", err: "exit status: 1\n", frames })).toMatch(/stderr differs/);
  });

  it("ends an exception group's report at its future line (the rest of it is indented)", () => {
    const group = "Task exception was never retrieved\nfuture: <Task finished name='Task-3' coro=<sub9() done, defined at FILE:LINE> exception=ExceptionGroup('unhandled errors in a TaskGroup', [AppError('oops6')])>";
    const main = "Traceback (most recent call last):\nTypeError\nexit status: 1";
    expect(splitReports(`${group}\n${main}\n`)).toEqual({ reports: [group], ordered: main.split("\n") });
    expect(difference({ out: "", err: `${main}\n${group}\n`, frames: "" }, { out: "", err: `${group}\n${main}\n`, frames: "" })).toBeNull();
  });

  it("compares the tracebacks' frames as a multiset of tracebacks, each frame in order", () => {
    const err = "exit status: 0\n";
    const one = "Traceback\n  bad\n";
    const two = "Traceback\n  asyncio/events.py in _run\n  broken\n";
    expect(difference({ out: "", err, frames: one + two }, { out: "", err, frames: two + one })).toBeNull();
    expect(difference({ out: "", err, frames: one + two }, { out: "", err, frames: "Traceback\n  <module>\n  bad\n" + two })).toMatch(/traceback frames differs/);
    expect(difference({ out: "", err, frames: two }, { out: "", err, frames: "Traceback\n  broken\n  asyncio/events.py in _run\n" })).toMatch(/traceback frames/);
  });
});

describe.runIf(python.ok)("pyvclock.py", () => {
  it("runs CPython on a virtual clock: long sleeps cost nothing, equal deadlines fire in scheduling order", async () => {
    if (!python.ok) return;
    const f = join(work, "vclock.py");
    writeFileSync(f, `import asyncio
async def sleeper(name, delays):
    for d in delays:
        await asyncio.sleep(d)
    print(name, asyncio.get_running_loop().time() - t0)
async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    await asyncio.gather(sleeper("a", [3600]), sleeper("b", [1800, 1800]), sleeper("c", [0.5, 0.25, 0.25]), sleeper("d", [1]))
asyncio.run(main())
`);
    const t = Date.now();
    const r = await runPython(python.command, f);
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(r.status).toBe(0);
    // c and d are both due at 1.0: c's last timer was scheduled after d's
    expect(r.stdout).toBe("d 1.0\nc 1.0\na 3600.0\nb 3600.0\n");
  });

  it("reports a program that would wait forever", async () => {
    if (!python.ok) return;
    const f = join(work, "stuck.py");
    writeFileSync(f, "import asyncio\nasync def main():\n    await asyncio.get_running_loop().create_future()\nasyncio.run(main())\n");
    const r = await runPython(python.command, f);
    expect(r.status).toBe(86);
    expect(r.stderr).toMatch(/deadlock/);
  });

  it("gives, through the fork server, what a plain run gives", async () => {
    if (!python.ok) return;
    const server = new PythonServer(python.command);
    try {
      for (let i = 0; i < 4; i++) {
        const f = join(work, `srv${i}.py`);
        writeFileSync(f, generatePair(programSeed(14, i)).py);
        const plain = expectedOf(await runPython(python.command, f));
        const forked = expectedOf(await server.run(f));
        expect(difference(plain, forked)).toBeNull();
        expect(plain.out.length).toBeGreaterThan(0);
      }
    } finally {
      server.close();
    }
  });
});
