/**
 * `npm run --silent example -- FILE.ts [--realtime] [--speed N]`: see run-example.ts.
 *
 * The test suite starts this ~80 times, so start-up matters: V8's compile cache keeps the
 * compiled code of esbuild's JavaScript API, the runtime-side modules and trace-mapping
 * between runs (it must be enabled before they are imported, hence the dynamic import).
 */
import module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

module.enableCompileCache?.(join(tmpdir(), "asyncio-example-compile-cache"));
const { main } = await import("./run-example.ts");
process.exitCode = await main();
