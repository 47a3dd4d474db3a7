/**
 * What the bundling half of the command line (run-example.ts) hands the running half
 * (runner.ts): small, and free of heavy imports, so the bundling process loads nothing of the
 * runner's.
 */
import { writeSync } from "node:fs";
import type { ClockConfig } from "../asyncio/loopstate.ts";

/** What run-example.ts hands over: where the bundle is, and how to run it. */
export interface RunOrder {
  /** The program's ESM bundle (it imports the runtime module by its file URL). */
  bundlePath: string;
  /** Its source map (JSON text in a file). */
  mapPath: string;
  clock: ClockConfig;
  /** The temporary folder to remove once the program is over. */
  dir: string;
}

/** Writes all of text to a file descriptor, synchronously (so an exit loses nothing). */
export function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, "utf8");
  while (buf.length > 0) {
    try {
      const n = writeSync(fd, buf);
      buf = buf.subarray(n);
    } catch (e) {
      // A non-blocking pipe that is full: try again.
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}

/** The order as command-line arguments (for runner-main.ts), and back. */
export function orderArgs(order: RunOrder): string[] {
  const clock = order.clock.kind === "wall" ? `wall:${order.clock.speed}` : "virtual";
  return [order.bundlePath, order.mapPath, clock, order.dir];
}

export function readOrderArgs(args: readonly string[]): RunOrder | null {
  const [bundlePath, mapPath, clockArg, dir] = args;
  if (bundlePath === undefined || mapPath === undefined || clockArg === undefined || dir === undefined) return null;
  let clock: ClockConfig;
  if (clockArg === "virtual") clock = { kind: "virtual" };
  else {
    const speed = Number(clockArg.replace(/^wall:/, ""));
    if (!clockArg.startsWith("wall:") || !(speed > 0)) return null;
    clock = { kind: "wall", speed };
  }
  return { bundlePath, mapPath, clock, dir };
}

