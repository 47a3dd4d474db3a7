/**
 * The esbuild options for bundling the reader's code in the page. "asyncio" resolves to the
 * runtime module that the site build emitted (runtime/asyncio.js).
 */
import type { BuildOptions } from "esbuild-wasm";

export function pageBuildOptions(code: string, runtimeSource: string): BuildOptions {
  return {
    stdin: { contents: code, sourcefile: "main.ts", loader: "ts", resolveDir: "/" },
    bundle: true,
    write: false,
    format: "esm",
    target: "es2022",
    sourcemap: "external",
    sourcesContent: false,
    outfile: "out.js",
    logLevel: "silent",
    plugins: [
      {
        name: "asyncio",
        setup(b) {
          b.onResolve({ filter: /^asyncio$/ }, () => ({ path: "asyncio", namespace: "rt" }));
          b.onResolve({ filter: /.*/ }, (a) => ({
            errors: [{ text: `Cannot import "${a.path}" here: examples can only import "asyncio"` }],
          }));
          b.onLoad({ filter: /.*/, namespace: "rt" }, () => ({ contents: runtimeSource, loader: "js" }));
        },
      },
    ],
  };
}
