/**
 * What the command line builds once and reuses, in a folder named by the version of its
 * sources (cache-key.ts), so that an edit of the runtime or of the command line gives a new
 * folder and nothing stale is ever used:
 *
 *   asyncio.mjs  the runtime as one ESM module, with the same esbuild options as the page's
 *                `runtime/asyncio.js`; programs import it by its file URL, as the page's
 *                bundles import the page's copy
 *   runner.mjs   runner-main.ts as plain JavaScript: the process that runs the program
 *   cli.mjs      run-example.ts as plain JavaScript: the bundling step, which example.ts
 *                loads instead of the TypeScript sources once it exists
 *
 * Reuse is what keeps the command line quick (the test suite starts it hundreds of times):
 * esbuild bundles only the reader's file, Node strips the types of one small file, and V8's
 * compile cache keeps the runtime module's compiled code because it is the same file each time.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runtimeModuleOptions } from "../bundle/options.ts";
import { buildCacheDir } from "./cache-key.ts";
import { loadEsbuild } from "./esbuild.ts";

export interface CachedParts {
  /** The runtime module (ESM); programs import it by its file URL. */
  runtime: string;
  /** The runner script (plain JavaScript): `node runner.mjs ...` (runner-main.ts). */
  runner: string;
  /** The bundling step (plain JavaScript build of run-example.ts). */
  cli: string;
}

/**
 * Other versions are kept (other checkouts or branches may be running them right now): the
 * KEEP_VERSIONS most recently used always, older ones until unused for a day.
 */
const KEEP_VERSIONS = 16;
const UNUSED_MS = 24 * 3600 * 1000;

/** Writes a file so that a concurrent reader sees all of it or nothing (tests run in parallel). */
function writeAtomically(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** Removes version folders unused for a day, beyond the KEEP_VERSIONS most recently used. */
function prune(cacheDir: string, current: string): void {
  const now = Date.now();
  const others = readdirSync(cacheDir)
    .filter((name) => name !== current)
    .map((name) => ({ name, at: statSync(join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of others.slice(KEEP_VERSIONS)) {
    if (now - old.at > UNUSED_MS) rmSync(join(cacheDir, old.name), { recursive: true, force: true });
  }
}

/** The parts of this version, built if missing. `root` is the project's folder. */
export async function cachedParts(root: string, version: string): Promise<CachedParts> {
  const cacheDir = buildCacheDir();
  const dir = join(cacheDir, version);
  const parts: CachedParts = { runtime: join(dir, "asyncio.mjs"), runner: join(dir, "runner.mjs"), cli: join(dir, "cli.mjs") };
  const missing = Object.values(parts).filter((p) => !existsSync(p));
  if (missing.length === 0) {
    // Marks the version as used (prune() keeps what was used recently).
    utimesSync(dir, new Date(), new Date());
    return parts;
  }
  mkdirSync(dir, { recursive: true });
  const { build } = loadEsbuild(root);
  const script = (entry: string) => ({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: "esm" as const,
    platform: "node" as const,
    target: "node22",
    // esbuild finds its binary from its own package folder: it is loaded from there (esbuild.ts).
    external: ["esbuild"],
    logLevel: "silent" as const,
  });
  const jobs: Record<string, () => Promise<{ outputFiles?: { text: string }[] }>> = {
    [parts.runtime]: () => build(runtimeModuleOptions(join(root, "src/asyncio/index.ts"))),
    [parts.runner]: () => build(script("src/cli/runner-main.ts")),
    [parts.cli]: () => build(script("src/cli/run-example.ts")),
  };
  await Promise.all(missing.map(async (path) => writeAtomically(path, (await jobs[path]!()).outputFiles![0]!.text)));
  prune(cacheDir, version);
  return parts;
}
