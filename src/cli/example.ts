/**
 * `npm run --silent example -- FILE.ts [--realtime] [--speed N]`: see run-example.ts.
 *
 * The test suite starts this hundreds of times, so start-up matters. V8's compile cache keeps
 * compiled code between runs (it must be enabled before anything else is imported, hence the
 * dynamic imports), and the command line's own modules run from their plain-JavaScript build
 * (cache.ts) once it exists: Node's TypeScript stripping then handles this file only.
 */
import module from "node:module";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildCacheDir, compileCacheDir, versionKey } from "./cache-key.ts";

module.enableCompileCache?.(compileCacheDir());
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const version = versionKey(root);
const built = join(buildCacheDir(), version, "cli.mjs");
const { main } = (existsSync(built)
  ? await import(pathToFileURL(built).href)
  : await import("./run-example.ts")) as typeof import("./run-example.ts");
process.exitCode = await main(root, version);
