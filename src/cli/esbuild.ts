/**
 * esbuild's JavaScript API, loaded with require() from the project's own folder: require()
 * skips the scan of its CommonJS exports that an ESM import does (a measurable part of the
 * command line's start-up), and it works from the built copy of the command line in the
 * cache folder (cache.ts), which is not inside the project.
 */
import { createRequire } from "node:module";
import { join } from "node:path";

type Esbuild = typeof import("esbuild");

export function loadEsbuild(root: string): Esbuild {
  return createRequire(join(root, "package.json"))("esbuild") as Esbuild;
}
