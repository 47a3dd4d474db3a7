/**
 * Entry of the runner process: `node RUNNER.mjs BUNDLE MAP CLOCK DIR`, started by
 * run-example.ts with `process.execve` (the bundling process replaced by this one, same pid,
 * same standard streams), from the plain-JavaScript build of this file (cache.ts). Not meant
 * to be run by hand.
 */
import module from "node:module";
import { compileCacheDir } from "./cache-key.ts";
import { readOrderArgs, writeAll } from "./order.ts";
import { runBundle } from "./runner.ts";

// The runtime module sits at a stable path (cache.ts): V8's compile cache keeps its code.
module.enableCompileCache?.(compileCacheDir());
const order = readOrderArgs(process.argv.slice(2));
if (order === null) {
  writeAll(2, "usage: node runner.mjs BUNDLE MAP virtual|wall:SPEED DIR (started by src/cli/example.ts)\n");
  process.exitCode = 2;
} else {
  process.exitCode = await runBundle(order);
}
