/**
 * The esbuild options for bundling the reader's code in the page: the project's one
 * configuration (src/bundle/options.ts: the same registration of the reader's functions, the
 * same output and source map), with one difference. "asyncio" is left as an import of a
 * placeholder URL instead of being bundled in: the worker evaluates the runtime module the
 * site build emitted (runtime/asyncio.js, the same sources bundled once by native esbuild)
 * from its own blob URL and points the placeholder there. Each program still gets its own,
 * single copy of the runtime, but esbuild-wasm compiles only the reader's few lines, which
 * is what keeps a Run after an edit fast.
 */
import type { BuildOptions, Plugin } from "esbuild-wasm";
import { bundleOptions } from "../bundle/options.ts";
import { RUNTIME_PLACEHOLDER } from "./protocol.ts";


const externalRuntime: Plugin = {
  name: "asyncio-runtime-external",
  setup(build) {
    build.onResolve({ filter: /^asyncio$/ }, () => ({ path: RUNTIME_PLACEHOLDER, external: true }));
    build.onResolve({ filter: /.*/ }, (args) => ({
      errors: [{ text: `Cannot import "${args.path}" here: a program can import only "asyncio"` }],
    }));
  },
};

export function pageBuildOptions(code: string): BuildOptions {
  // esbuild-wasm's BuildOptions are esbuild's, from the same version (0.28.2).
  const options = bundleOptions({
    source: code,
    fileName: "main.ts",
    runtime: { kind: "modules", files: {} },
  }) as BuildOptions;
  return { ...options, plugins: [externalRuntime] };
}
