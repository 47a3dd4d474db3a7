// Runs TypeScript programs on our runtime in-process: bundled with the project's esbuild
// configuration (src/bundle/options.ts, as the CLI does) and executed in a worker thread
// (fuzz/runtime-worker.ts). Several times faster than spawning `npm run example` per program,
// which matters for ten thousand programs on two cores. The fuzzer confirms every difference
// with the real CLI before it believes it.
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { bundleOptions, outputName } from "../src/bundle/options.ts";
import type { RunResult } from "./compare.ts";
import { getRuntimeRoot, ROOT, TIMEOUT_STATUS } from "./exec.ts";
import type { Job, JobResult } from "./runtime-worker.ts";

const WORKER = join(ROOT, "fuzz/runtime-worker.ts");
/** Imported bundles stay in memory: a fresh thread after this many programs. */
const RECYCLE_AFTER = 150;

export async function bundle(source: string, fileName: string, resolveDir: string): Promise<{ js: string; map: string } | { error: string }> {
  try {
    const runtime = join(getRuntimeRoot(), "src/asyncio/index.ts");
    const result = await build(bundleOptions({ source, fileName, runtime: { kind: "file", path: runtime }, resolveDir }));
    const out = outputName(fileName);
    const js = result.outputFiles!.find((f) => f.path.endsWith(out))!.text;
    const map = result.outputFiles!.find((f) => f.path.endsWith(out + ".map"))!.text;
    return { js, map };
  } catch (e) {
    const errors = (e as { errors?: { text: string }[] }).errors;
    return { error: errors ? errors.map((x) => x.text).join("\n") : String(e) };
  }
}

/** One worker thread, used by one fuzzing job at a time. */
export class RuntimeRunner {
  private worker: Worker | null = null;
  private used = 0;
  private nextId = 1;
  private readonly dir = mkdtempSync(join(tmpdir(), "asyncio-fuzz-rt-"));

  private spawn(): Worker {
    const w = new Worker(WORKER, { workerData: { dir: this.dir }, stdout: true, stderr: true });
    // the programs write through the host hook; anything else the thread prints is noise
    w.stdout.resume();
    w.stderr.resume();
    return w;
  }

  async run(source: string, fileName: string, timeoutMs = 20_000): Promise<RunResult> {
    const b = await bundle(source, fileName, dirname(join(this.dir, fileName)));
    if ("error" in b) return { stdout: "", stderr: `SyntaxError: ${b.error}\n`, status: 1 };
    if (!this.worker || this.used >= RECYCLE_AFTER) {
      await this.worker?.terminate();
      this.worker = this.spawn();
      this.used = 0;
    }
    this.used++;
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<RunResult>((resolve) => {
      const done = (r: RunResult): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        resolve(r);
      };
      const onMessage = (m: JobResult): void => {
        if (m.id === id) done({ stdout: m.stdout, stderr: m.stderr, status: m.status });
      };
      const onError = (e: Error): void => {
        this.worker = null;
        done({ stdout: "", stderr: `worker crashed: ${e.message}\n`, status: 99 });
      };
      const timer = setTimeout(() => {
        this.worker = null;
        void worker.terminate();
        done({ stdout: "", stderr: "timed out\n", status: TIMEOUT_STATUS });
      }, timeoutMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      const job: Job = { id, js: b.js, map: b.map };
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
