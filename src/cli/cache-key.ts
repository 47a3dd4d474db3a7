/**
 * Where the command line keeps what it reuses between runs, and the name of the current
 * version of it (cache.ts builds the files). Kept tiny and free of imports beyond node:fs and
 * node:path: the entry point reads it before anything else is loaded.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

/** V8's compile cache (module.enableCompileCache). */
export function compileCacheDir(): string {
  return join(tmpdir(), "asyncio-example-compile-cache");
}

/** The built parts (cache.ts), one folder per version. */
export function buildCacheDir(): string {
  return join(tmpdir(), "asyncio-example-cache");
}

/** FNV-1a, 32 bits (node:crypto alone costs more to load than the whole key). */
function fnv(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * The version of everything the built parts come from: the size and modification time of each
 * source file of src/asyncio, src/bundle and src/cli, and of the installed packages' lock
 * (npm rewrites node_modules/.package-lock.json on every install, so a new esbuild or
 * trace-mapping gives a new version). Any edit gives a new name; nothing stale is used.
 */
export function versionKey(root: string): string {
  let text = process.version;
  for (const dir of ["src/asyncio", "src/bundle", "src/cli"]) {
    for (const f of readdirSync(join(root, dir)).sort()) {
      if (!f.endsWith(".ts")) continue;
      const s = statSync(join(root, dir, f));
      text += `|${dir}/${f}:${s.size}:${s.mtimeMs}`;
    }
  }
  for (const f of ["node_modules/.package-lock.json", "package-lock.json"]) {
    const s = statSync(join(root, f), { throwIfNoEntry: false });
    text += `|${f}:${s?.size}:${s?.mtimeMs}`;
  }
  return fnv(text, 0x811c9dc5) + fnv(text, 0x9e3779b9);
}
