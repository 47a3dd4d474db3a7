/**
 * The esbuild options for bundling the reader's code in the page: the project's one
 * configuration (src/bundle/options.ts), with "asyncio" resolved to the runtime module the
 * site build emitted (runtime/asyncio.js, the same sources bundled once by native esbuild).
 */
import type { BuildOptions } from "esbuild-wasm";
import { bundleOptions } from "../bundle/options.ts";

export function pageBuildOptions(code: string, runtimeSource: string): BuildOptions {
  // esbuild-wasm's BuildOptions are esbuild's, from the same version (0.28.2).
  return bundleOptions({
    source: code,
    fileName: "main.ts",
    runtime: { kind: "modules", files: { "index.ts": runtimeSource } },
  }) as BuildOptions;
}
