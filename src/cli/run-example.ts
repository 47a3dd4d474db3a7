/**
 * The command line's work (src/cli/example.ts is the entry point):
 * `npm run --silent example -- FILE.ts [--realtime] [--speed N]`
 *
 * Bundles the program with the project's one esbuild configuration (src/bundle/options.ts,
 * native esbuild, in-process), the runtime left out as the page leaves it out: the program
 * imports the runtime module built once and cached (cache.ts). Then it runs the bundle
 * (runner.ts), on the virtual clock by default (sleep(60) returns at once, loop.time()
 * advances by 60) or on the wall clock with `--realtime` (as the page runs it; `--speed 10`
 * runs it ten times faster). Where Node has `process.execve`, the program runs in this same
 * process replaced by a fresh Node that never loaded esbuild or the TypeScript stripper
 * (same pid, same standard streams and exit status: callers see one process); elsewhere it
 * runs here. Standard output and error are written synchronously; the exit status is 0, or 1
 * after a traceback or a deadlock report, or SystemExit's code; after an uncaught
 * KeyboardInterrupt the process ends by SIGINT, as CPython's does (runner.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleOptions, outputName } from "../bundle/options.ts";
import { cachedParts, type CachedParts } from "./cache.ts";
import { loadEsbuild } from "./esbuild.ts";
import { orderArgs, writeAll, type RunOrder } from "./order.ts";

function usage(): never {
  process.stderr.write("usage: npm run --silent example -- FILE.ts [--realtime] [--speed N]\n");
  process.exit(2);
}

/**
 * Runs the command line; resolves to the exit status (or never, where the process becomes
 * the runner). `root` is the project's folder, `version` the name of the cache's current
 * version (cache-key.ts).
 */
async function main(root: string, version: string): Promise<number> {
  const argv = process.argv.slice(2);
  let file: string | null = null;
  let realtime = false;
  let speed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--realtime") realtime = true;
    else if (a === "--speed") {
      speed = Number(argv[++i]);
      realtime = true;
      if (!(speed > 0)) usage();
    } else if (a.startsWith("--")) usage();
    else if (file === null) file = a;
    else usage();
  }
  if (file === null) usage();
  // npm runs scripts from the package's folder; INIT_CWD is where the command was typed.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const fileName = basename(path);
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (e) {
    // As CPython says it (`python3 missing.py`), with its exit status 2.
    const code = (e as NodeJS.ErrnoException).code;
    writeAll(2, `example: can't open file '${path}': ${code === "ENOENT" ? "[Errno 2] No such file or directory" : String((e as Error).message)}\n`);
    return 2;
  }

  let js: string;
  let map: string;
  let parts: CachedParts;
  const { build, stop } = loadEsbuild(root);
  try {
    parts = await cachedParts(root, version);
    const runtime = { kind: "external", specifier: pathToFileURL(parts.runtime).href } as const;
    try {
      const result = await build(bundleOptions({ source, fileName, runtime, resolveDir: dirname(path) }));
      const out = outputName(fileName);
      js = result.outputFiles!.find((f) => f.path.endsWith(out))!.text;
      map = result.outputFiles!.find((f) => f.path.endsWith(out + ".map"))!.text;
    } catch (e) {
      const errors = (e as { errors?: { text: string; location?: { file: string; line: number; column: number; lineText: string } | null }[] }).errors;
      if (!errors) throw e;
      for (const err of errors) {
        const loc = err.location;
        writeAll(2, loc ? `  File "${fileName}", line ${loc.line}\n    ${loc.lineText.trim()}\nSyntaxError: ${err.text}\n` : `SyntaxError: ${err.text}\n`);
      }
      return 1;
    }
  } finally {
    await stop();
  }

  const dir = mkdtempSync(join(tmpdir(), "asyncio-example-"));
  const order: RunOrder = {
    bundlePath: join(dir, outputName(fileName).replace(/\.js$/, ".mjs")),
    mapPath: join(dir, outputName(fileName) + ".map"),
    clock: realtime ? { kind: "wall", speed } : { kind: "virtual" },
    dir,
  };
  writeFileSync(order.bundlePath, js);
  writeFileSync(order.mapPath, map);

  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  // ASYNCIO_EXAMPLE_IN_PROCESS=1 takes the other path where execve exists (for its tests).
  if (typeof execve === "function" && process.env.ASYNCIO_EXAMPLE_IN_PROCESS !== "1") {
    // Never returns: this process becomes `node runner.mjs ...` (runner-main.ts), keeping the
    // flags Node was started with.
    execve(process.execPath, [process.execPath, ...process.execArgv, parts.runner, ...orderArgs(order)], process.env);
  }
  const { runBundle } = await import("./runner.ts");
  return runBundle(order);
}

export { main };
