/**
 * `node tests/lifecycle/record-cli.ts FILE.ts` (or the source on standard input with `-`):
 * runs a program as the CLI does (src/cli/example.ts: the project's esbuild options, the
 * runtime bundled in, the virtual clock) with an instrumentation subscriber, and writes
 * `{ events, stdout, stderr, status }` as JSON to standard output. One process per program,
 * so that every recording starts from a fresh runtime (Task-N numbering, object ids).
 */
import { build, stop } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleOptions, outputName } from "../../src/bundle/options.ts";
import { createMapper } from "../../src/bundle/sourcemap.ts";
import type { AsyncioHost } from "../../src/asyncio/host.ts";
import type { LifecycleEvent } from "../../src/asyncio/instrument.ts";

const RUNTIME_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/asyncio/index.ts");

function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, "utf8");
  while (buf.length > 0) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}

const arg = process.argv[2];
if (!arg) {
  process.stderr.write("usage: node tests/lifecycle/record-cli.ts FILE.ts | -\n");
  process.exit(2);
}
const path = arg === "-" ? resolve("main.ts") : resolve(arg);
const source = arg === "-" ? readFileSync(0, "utf8") : readFileSync(path, "utf8");
const fileName = basename(path);

const events: LifecycleEvent[] = [];
let stdout = "";
let stderr = "";
let status = 0;
const result = await build(bundleOptions({ source, fileName, runtime: { kind: "file", path: RUNTIME_ENTRY }, resolveDir: dirname(path) }));
await stop();
const out = outputName(fileName);
const js = result.outputFiles!.find((f) => f.path.endsWith(out))!.text;
const map = result.outputFiles!.find((f) => f.path.endsWith(out + ".map"))!.text;
const dir = mkdtempSync(join(tmpdir(), "lc-record-"));
const bundlePath = join(dir, out.replace(/\.js$/, ".mjs"));
writeFileSync(bundlePath, js);
const host: AsyncioHost = {
  clock: { kind: "virtual" },
  stdout: (t) => void (stdout += t),
  stderr: (t) => void (stderr += t),
  onEvent: (e) => void events.push(e),
  mapPosition: createMapper(map),
  bundleUrl: pathToFileURL(bundlePath).href,
};
(globalThis as { __asyncio_host__?: AsyncioHost }).__asyncio_host__ = host;
process.on("unhandledRejection", (reason) => {
  status = host.reportError ? host.reportError(reason) : 1;
});
try {
  await import(pathToFileURL(bundlePath).href);
  status = host.finish ? await host.finish() : status;
} catch (e) {
  status = host.finish ? await host.finish(e) : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
writeAll(1, JSON.stringify({ events, stdout, stderr, status }));
