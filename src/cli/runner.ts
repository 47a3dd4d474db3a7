/**
 * The running half of the command line: runs one bundled program (written to a temporary
 * folder by run-example.ts) with the CLI's host, and resolves to its exit status.
 *
 * It runs either in the process that bundled the program (run-example.ts imports it), or, where
 * Node has `process.execve` (POSIX, Node 22.15+), in the same process replaced by a fresh Node
 * (runner-main.ts, built to plain JavaScript by cache.ts): the program then runs in a process
 * that never loaded the TypeScript stripper or esbuild's API (about 30 MB), so the peak memory
 * of a large program is Node's own plus the program's (issue 12).
 */
import { readFileSync, rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createMapper } from "../bundle/sourcemap.ts";
import type { AsyncioHost } from "../asyncio/host.ts";
import { writeAll, type RunOrder } from "./order.ts";

/** Runs the program; resolves to the exit status. */
export async function runBundle(order: RunOrder): Promise<number> {
  const bundleUrl = pathToFileURL(order.bundlePath).href;
  // Python prints the whole stack; V8 keeps 10 frames by default.
  Error.stackTraceLimit = 200;
  const host: AsyncioHost = {
    clock: order.clock,
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    mapPosition: createMapper(readFileSync(order.mapPath, "utf8")),
    bundleUrl,
  };
  (globalThis as { __asyncio_host__?: AsyncioHost }).__asyncio_host__ = host;

  // A rejection nobody handles (asyncio.run(main()) without await, main raising) is reported
  // as CPython reports an uncaught exception, with nothing of Node's own.
  // (SystemExit gives its own status, KeyboardInterrupt ends by SIGINT below.)
  process.on("unhandledRejection", (reason) => {
    if (host.reportError) process.exitCode = host.reportError(reason);
    else {
      writeAll(2, `${String(reason)}\n`);
      process.exitCode = 1;
    }
  });

  let status: number;
  try {
    await import(bundleUrl);
    status = host.finish ? await host.finish() : 0;
  } catch (e) {
    if (host.finish) status = await host.finish(e);
    else {
      writeAll(2, `${(e as Error)?.stack ?? String(e)}\n`);
      status = 1;
    }
  } finally {
    rmSync(order.dir, { recursive: true, force: true });
  }
  // An uncaught KeyboardInterrupt: CPython (3.8+) restores SIGINT's default action and kills
  // itself with it, so its parent sees a death by SIGINT (a shell says 130). So does this
  // process; output was written synchronously, so nothing is lost.
  if (host.signal === "SIGINT") {
    process.removeAllListeners("SIGINT");
    process.kill(process.pid, "SIGINT");
    // The signal is delivered asynchronously: wait for it rather than exiting first.
    await new Promise(() => {});
  }
  return status;
}
