/**
 * The command line's work (src/cli/example.ts is the entry point):
 * `npm run --silent example -- FILE.ts [--realtime] [--speed N]`
 *
 * Bundles the program with the project's one esbuild configuration (src/bundle/options.ts,
 * native esbuild, in-process) and runs the bundle in this process, on the virtual clock by
 * default (sleep(60) returns at once, loop.time() advances by 60) or on the wall clock with
 * `--realtime` (as the page runs it; `--speed 10` runs it ten times faster). Standard output
 * and error are written synchronously; the exit status is 0, or 1 after a traceback or a
 * deadlock report.
 */
import { build, stop } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleOptions, outputName } from "../bundle/options.ts";
import { createMapper } from "../bundle/sourcemap.ts";
import type { AsyncioHost } from "../asyncio/host.ts";

const RUNTIME_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), "../asyncio/index.ts");

function usage(): never {
  process.stderr.write("usage: npm run --silent example -- FILE.ts [--realtime] [--speed N]\n");
  process.exit(2);
}

/** Writes all of text to a file descriptor, synchronously (so an exit loses nothing). */
function writeAll(fd: number, text: string): void {
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

/** Runs the command line; resolves to the exit status. */
async function main(): Promise<number> {
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
  try {
    const result = await build(
      bundleOptions({ source, fileName, runtime: { kind: "file", path: RUNTIME_ENTRY }, resolveDir: dirname(path) }),
    );
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
  } finally {
    await stop();
  }

  const dir = mkdtempSync(join(tmpdir(), "asyncio-example-"));
  const bundlePath = join(dir, outputName(fileName).replace(/\.js$/, ".mjs"));
  writeFileSync(bundlePath, js);
  const bundleUrl = pathToFileURL(bundlePath).href;

  // Python prints the whole stack; V8 keeps 10 frames by default.
  Error.stackTraceLimit = 200;
  const host: AsyncioHost = {
    clock: realtime ? { kind: "wall", speed } : { kind: "virtual" },
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    mapPosition: createMapper(map),
    bundleUrl,
  };
  (globalThis as { __asyncio_host__?: AsyncioHost }).__asyncio_host__ = host;

  // A rejection nobody handles (asyncio.run(main()) without await, main raising) is reported
  // as CPython reports an uncaught exception, with nothing of Node's own.
  process.on("unhandledRejection", (reason) => {
    if (host.reportError) host.reportError(reason);
    else writeAll(2, `${String(reason)}\n`);
    process.exitCode = 1;
  });

  try {
    await import(bundleUrl);
    return host.finish ? await host.finish() : 0;
  } catch (e) {
    if (host.finish) return await host.finish(e);
    writeAll(2, `${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export { main };
