// Running one program: CPython 3.13 on the virtual clock (fuzz/pyvclock.py) and our runtime
// (the CLI of `npm run example`, spawned with node directly to skip npm's start-up).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunResult } from "./compare.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, "..");
export const PYVCLOCK = join(here, "pyvclock.py");
/**
 * Where the runtime under test lives: the working tree by default, or a snapshot of a commit
 * (useRuntimeSnapshot), so that a long run is not disturbed by edits in progress.
 */
let runtimeRoot = ROOT;

export function getRuntimeRoot(): string {
  return runtimeRoot;
}

/**
 * Extracts src/asyncio, src/bundle and src/cli of commit `rev` into a temporary folder (with
 * package.json and a link to node_modules, so its CLI runs as the tree's does) and makes it
 * the runtime under test. Returns the folder, and the commit it resolved to.
 */
export function useRuntimeSnapshot(rev: string): { dir: string; commit: string } {
  const commit = spawnSync("git", ["-C", ROOT, "rev-parse", "--verify", `${rev}^{commit}`], { encoding: "utf8" });
  if (commit.status !== 0) throw new Error(`fuzz: no commit ${rev}: ${commit.stderr.trim()}`);
  const dir = mkdtempSync(join(tmpdir(), "asyncio-fuzz-runtime-"));
  const archive = spawnSync("sh", ["-c", `git -C "${ROOT}" archive "${commit.stdout.trim()}" package.json src/asyncio src/bundle src/cli | tar -x -C "${dir}"`], { encoding: "utf8" });
  if (archive.status !== 0) throw new Error(`fuzz: cannot extract ${rev}: ${archive.stderr.trim()}`);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  runtimeRoot = dir;
  return { dir, commit: commit.stdout.trim() };
}
/** pyvclock.py's exit status for a program that would wait forever in CPython. */
export const DEADLOCK_STATUS = 86;
/** The status given to a run killed for taking too long. */
export const TIMEOUT_STATUS = 124;

// The lookup is shared with the other tools that run CPython.
export { findPython, type PythonLookup } from "../scripts/python.ts";

function run(command: string, args: string[], cwd: string, timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      clearTimeout(timer);
      resolveRun({ stdout: "", stderr: `${e.message}\n`, status: 99 });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolveRun({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        // A death by SIGINT (an uncaught KeyboardInterrupt) is 130, as a shell says (rt).
        status: timedOut ? TIMEOUT_STATUS : code !== null ? code : signal === "SIGINT" ? 130 : 99,
      });
    });
  });
}

export function runPython(python: string, pyFile: string, timeoutMs = 30_000): Promise<RunResult> {
  return run(python, [PYVCLOCK, pyFile], dirname(pyFile), timeoutMs, {
    ...process.env,
    PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0",
    PYTHONHASHSEED: "0",
    PYTHONDONTWRITEBYTECODE: "1",
  });
}

export function runRuntime(tsFile: string, timeoutMs = 30_000): Promise<RunResult> {
  return run(process.execPath, [join(runtimeRoot, "src/cli/example.ts"), tsFile], runtimeRoot, timeoutMs);
}

/**
 * CPython kept running (fuzz/pyserver.py): forks a child per program, so each run costs the
 * program's own time rather than an interpreter start-up. One request at a time.
 */
export class PythonServer {
  private child: ReturnType<typeof spawn> | null = null;
  private buffered = "";
  private waiting: ((line: string) => void) | null = null;
  private readonly python: string;

  constructor(python: string) {
    this.python = python;
  }

  private start(): ReturnType<typeof spawn> {
    const child = spawn(this.python, [join(here, "pyserver.py")], {
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0", PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" },
    });
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (text: string) => {
      this.buffered += text;
      const nl = this.buffered.indexOf("\n");
      if (nl >= 0 && this.waiting) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        const w = this.waiting;
        this.waiting = null;
        w(line);
      }
    });
    child.on("exit", () => {
      if (this.child === child) this.child = null;
      const w = this.waiting;
      this.waiting = null;
      w?.(JSON.stringify({ status: 99 }));
    });
    return child;
  }

  async run(pyFile: string, timeoutSeconds = 30): Promise<RunResult> {
    this.child ??= this.start();
    const out = `${pyFile}.stdout`;
    const err = `${pyFile}.stderr`;
    const line = await new Promise<string>((resolveLine) => {
      this.waiting = resolveLine;
      this.child!.stdin!.write(JSON.stringify({ py: pyFile, out, err, timeout: timeoutSeconds }) + "\n");
    });
    const { status } = JSON.parse(line) as { status: number };
    const read = (f: string): string => (existsSync(f) ? readFileSync(f, "utf8") : "");
    return { stdout: read(out), stderr: read(err), status };
  }

  close(): void {
    this.child?.stdin?.end();
    this.child = null;
  }
}
