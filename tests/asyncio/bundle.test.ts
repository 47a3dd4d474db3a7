/**
 * The shared bundling step and the command line (`npm run --silent example -- FILE.ts`),
 * end to end: a real esbuild build, a real Node process.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bundleOptions, instrumentSource, scanFunctions } from "../../src/bundle/options.ts";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "asyncio-cli-test-"));

function example(name: string, source: string, ...flags: string[]) {
  const file = join(dir, name);
  writeFileSync(file, source);
  const r = spawnSync(process.execPath, [join(root, "src/cli/example.ts"), file, ...flags], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe("registration of module-level functions", () => {
  it("finds function and function* declarations at the start of a line, with their lines", () => {
    const src = ["import asyncio from 'asyncio';", "function* work() {}", "export function on_done(f) {}", "  function* nested() {}", "async function bad() {}"].join("\n");
    expect(scanFunctions(src)).toEqual([
      { name: "work", line: 2 },
      { name: "on_done", line: 3 },
      { name: "bad", line: 5 },
    ]);
  });

  it("prefixes the registration to line 1, so no line number moves", () => {
    const src = "import asyncio from 'asyncio';\nfunction* work() {}\n";
    const out = instrumentSource(src, "main.ts");
    expect(out.split("\n").length).toBe(src.split("\n").length);
    expect(out.split("\n")[1]).toBe("function* work() {}");
    expect(out).toContain('__asyncio_register__("main.ts", [[work, "work", 2]], {  });');
  });
});

describe("bundling from in-memory runtime sources (what the page does with esbuild-wasm)", () => {
  it("resolves \"asyncio\" and its relative imports from the given files, and the program runs", async () => {
    const { build } = await import("esbuild");
    const files: Record<string, string> = {};
    for (const f of readdirSync(join(root, "src/asyncio"))) if (f.endsWith(".ts")) files[f] = readFileSync(join(root, "src/asyncio", f), "utf8");
    const source = `import asyncio, { print } from "asyncio";\nfunction* main() {\n  print(asyncio.current_task());\n}\nawait asyncio.run(main());\n`;
    const result = await build(bundleOptions({ source, fileName: "main.ts", runtime: { kind: "modules", files } }));
    const js = result.outputFiles!.find((f) => f.path.endsWith("/main.js"))!.text;
    const map = JSON.parse(result.outputFiles!.find((f) => f.path.endsWith("/main.js.map"))!.text) as { sources: string[] };
    expect(map.sources.some((s) => s.endsWith("main.ts"))).toBe(true);
    expect(map.sources.some((s) => s.startsWith("asyncio:"))).toBe(true);
    const file = join(dir, "memory-bundle.mjs");
    writeFileSync(file, js);
    const r = spawnSync(process.execPath, [file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    // No source map here: the line running (3, the print's) is known from the bundling step's marks.
    expect(r.stdout).toMatch(/^<Task pending name='Task-1' coro=<main\(\) running at main.ts:3> cb=\[_run_until_complete_cb\(\) at .*\]>\n$/);
  });
});

describe("npm run example", () => {
  it("runs a file outside the repository on the virtual clock, with names and places in reprs", () => {
    const r = example(
      "main.ts",
      `import asyncio, { print } from "asyncio";

function on_done(fut: asyncio.Future) {
  print("done:", fut.result());
}

function* work(delay: number) {
  yield* asyncio.sleep(delay);
  return delay * 2;
}

function* main() {
  const loop = asyncio.get_running_loop();
  const t0 = loop.time();
  const task = asyncio.create_task(work(60), { name: "MyTask" });
  task.add_done_callback(on_done);
  print(task);
  print(yield* task, loop.time() - t0);
}

asyncio.run(main());
`,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      "<Task pending name='MyTask' coro=<work() running at main.ts:7> cb=[on_done() at main.ts:3]>\ndone: 120\n120 60\n",
    );
  });

  it("shows the line a coroutine is suspended at, or running, in the task's outermost coroutine", () => {
    const r = example(
      "lines.ts",
      `import asyncio, { print, repr } from "asyncio";

function* helper() {
  yield* asyncio.sleep(5);
}

function* work(fut: asyncio.Future) {
  print("inside:", repr(asyncio.current_task()));
  yield* fut;
  yield* helper();
}

function* main() {
  const fut = asyncio.get_running_loop().create_future();
  const t = asyncio.create_task(work(fut));
  print(repr(t));
  yield* asyncio.sleep(0);
  print(repr(t));
  fut.set_result(1);
  yield* asyncio.sleep(1);
  print(repr(t));
  yield* t;
}

asyncio.run(main());
`,
    );
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").map((l) => /running at ([^>\s]+)>/.exec(l)?.[1])).toEqual([
      "lines.ts:7", // not started: the line of the function* (CPython: the def line)
      "lines.ts:8", // from inside: the line running now
      "lines.ts:9", // suspended on fut
      "lines.ts:10", // suspended inside helper(): the line of the outermost coroutine
      undefined,
    ]);
  });

  it("prints a Python traceback through the source map and exits 1", () => {
    // The reader's `gather` collides with the runtime's: esbuild renames it, the traceback must not.
    const r = example(
      "crash.ts",
      `import asyncio, { ValueError } from "asyncio";

function* gather() {
  yield* asyncio.sleep(0);
  throw new ValueError("bad");
}

function* main() {
  yield* gather();
}

await asyncio.run(main());
`,
    );
    expect(r.stdout).toBe("");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "Traceback (most recent call last):\n" +
        '  File "crash.ts", line 12, in <module>\n' +
        "    await asyncio.run(main());\n" +
        // asyncio.run's own frames, as CPython 3.13.0 prints them between <module> and main
        '  File "asyncio/runners.py", line 194, in run\n' +
        "    return runner.run(main)\n" +
        '  File "asyncio/runners.py", line 118, in run\n' +
        "    return self._loop.run_until_complete(task)\n" +
        '  File "asyncio/base_events.py", line 721, in run_until_complete\n' +
        "    return future.result()\n" +
        '  File "crash.ts", line 9, in main\n' +
        "    yield* gather();\n" +
        '  File "crash.ts", line 5, in gather\n' +
        '    throw new ValueError("bad");\n' +
        "ValueError: bad\n",
    );
  });

  it("reports an unawaited run() that raises like CPython, with nothing of Node's own", () => {
    const r = example(
      "unawaited.ts",
      `import asyncio from "asyncio";
function* main() {
  throw new asyncio.CancelledError("bye");
}
asyncio.run(main());
`,
    );
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l && !l.startsWith(" "))).toEqual([
      "Traceback (most recent call last):",
      "asyncio.exceptions.CancelledError: bye",
    ]);
  });

  it("reports a deadlock on the virtual clock and exits 1", () => {
    const r = example(
      "stuck.ts",
      `import asyncio from "asyncio";
function* main() {
  yield* asyncio.get_running_loop().create_future();
}
asyncio.run(main());
`,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Deadlock: .*\nTasks still waiting:\n {2}<Task pending name='Task-1' coro=<main\(\) running at stuck.ts:3> wait_for=<Future pending cb=\[Task.task_wakeup\(\)\]> cb=\[_run_until_complete_cb\(\) at .*\]>\n$/);
  });

  it("--realtime runs on the wall clock (sleeps take real time, output streams)", () => {
    const started = Date.now();
    const r = example(
      "wall.ts",
      `import asyncio, { print } from "asyncio";
function* main() {
  const loop = asyncio.get_running_loop();
  const t0 = loop.time();
  yield* asyncio.sleep(0.3);
  print(loop.time() - t0 >= 0.3);
}
asyncio.run(main());
print("after run() returned");
`,
      "--realtime",
    );
    expect(r.status).toBe(0);
    // On the wall clock run() returns its Promise at once: the next statement runs first.
    expect(r.stdout).toBe("after run() returned\nTrue\n");
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("reports a syntax error with the file and line", () => {
    const r = example("syntax.ts", `import asyncio from "asyncio";\nfunction* main( {\n`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ {2}File "syntax.ts", line \d+\n.*\nSyntaxError: /);
  });
});
