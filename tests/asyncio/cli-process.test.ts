/**
 * The command line's two halves (src/cli): the bundling process, and the program run by a
 * fresh Node that replaced it (process.execve), or in the same process where Node has no
 * execve. Either way the caller sees one process, with the program's output and exit status.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { versionKey } from "../../src/cli/cache-key.ts";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "asyncio-cli-process-"));

function run(name: string, source: string, env: Record<string, string> = {}) {
  const file = join(dir, name);
  writeFileSync(file, source);
  const r = spawnSync(process.execPath, [join(root, "src/cli/example.ts"), file], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, pid: r.pid };
}

const hasExecve = typeof (process as { execve?: unknown }).execve === "function";

describe("the process that runs the program", () => {
  it.runIf(hasExecve)("is the command's own process, replaced by a Node that loaded neither the type stripper nor esbuild", () => {
    const r = run(
      "whoami.ts",
      `import asyncio, { print } from "asyncio";
declare const process: { pid: number; argv: string[]; moduleLoadList: string[] };
function* main() {
  print(process.pid);
  print(process.argv[1]!.replace(/^.*[\\\\/]/, ""));
  print(process.moduleLoadList.filter((m) => /amaro|child_process/.test(m)).length);
}
asyncio.run(main());
`,
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`${r.pid}\nrunner.mjs\n0\n`);
  });

  it("gives the same output, streams and exit status where the program runs in the bundling process", () => {
    const program = `import asyncio, { print } from "asyncio";
function* fail() {
  yield* asyncio.sleep(1);
  throw new asyncio.CancelledError();
}
function* main() {
  print("before");
  const t = asyncio.create_task(fail());
  yield* asyncio.sleep(2);
  print(t.cancelled(), asyncio.get_running_loop().time() > 0);
  throw new Error("boom");
}
asyncio.run(main());
`;
    const replaced = run("both.ts", program);
    const inProcess = run("both.ts", program, { ASYNCIO_EXAMPLE_IN_PROCESS: "1" });
    expect(replaced.status).toBe(1);
    expect(replaced.stdout).toBe("before\nTrue True\n");
    expect(replaced.stderr).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*line 11, in main\n[\s\S]*Error: boom\n$/);
    expect(inProcess).toEqual({ ...replaced, pid: inProcess.pid });
  });
});

describe("the cache's version", () => {
  it("changes when any source the built parts come from changes, and only then", () => {
    const fake = mkdtempSync(join(tmpdir(), "asyncio-cli-key-"));
    for (const d of ["src/asyncio", "src/bundle", "src/cli"]) mkdirSync(join(fake, d), { recursive: true });
    writeFileSync(join(fake, "src/asyncio/tasks.ts"), "export const a = 1;\n");
    writeFileSync(join(fake, "src/bundle/lines.ts"), "export const b = 1;\n");
    writeFileSync(join(fake, "src/cli/runner.ts"), "export const c = 1;\n");
    const first = versionKey(fake);
    expect(versionKey(fake)).toBe(first);
    writeFileSync(join(fake, "src/asyncio/tasks.ts"), "export const a = 22;\n");
    const second = versionKey(fake);
    expect(second).not.toBe(first);
    writeFileSync(join(fake, "src/cli/new.ts"), "\n");
    expect(versionKey(fake)).not.toBe(second);
  });
});
