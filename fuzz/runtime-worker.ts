// A worker thread that runs bundled programs one after another, each with a fresh copy of
// the runtime (every bundle carries its own), through the same host hook as the CLI
// (src/cli/example.ts): virtual clock, stdout/stderr captured, tracebacks mapped through the
// bundle's source map, unhandled rejections reported as CPython's uncaught exceptions.
// The pool (fuzz/runtime-pool.ts) recycles the thread every few hundred programs, since
// imported modules are never freed, and kills it when a program runs away.
import { writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { createMapper } from "../src/bundle/sourcemap.ts";
import type { AsyncioHost } from "../src/asyncio/host.ts";

export interface Job {
  id: number;
  js: string;
  map: string;
}
export interface JobResult {
  id: number;
  stdout: string;
  stderr: string;
  status: number;
}

const dir: string = (workerData as { dir: string }).dir;
Error.stackTraceLimit = 200;
let current: AsyncioHost | null = null;

// One listener for the thread: it reports to whichever program is running.
process.on("unhandledRejection", (reason) => {
  if (current?.reportError) current.reportError(reason);
});

parentPort!.on("message", async (job: Job) => {
  let stdout = "";
  let stderr = "";
  const file = join(dir, `bundle-${job.id}.mjs`);
  writeFileSync(file, job.js);
  const bundleUrl = pathToFileURL(file).href;
  const host: AsyncioHost = {
    clock: { kind: "virtual" },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    mapPosition: createMapper(job.map),
    bundleUrl,
  };
  current = host;
  (globalThis as { __asyncio_host__?: AsyncioHost }).__asyncio_host__ = host;
  let status: number;
  try {
    await import(bundleUrl);
    status = host.finish ? await host.finish() : 0;
  } catch (e) {
    if (host.finish) status = await host.finish(e);
    else {
      stderr += `${(e as Error)?.stack ?? String(e)}\n`;
      status = 1;
    }
  } finally {
    rmSync(file, { force: true });
  }
  current = null;
  const result: JobResult = { id: job.id, stdout, stderr, status };
  parentPort!.postMessage(result);
});
