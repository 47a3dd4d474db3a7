/**
 * The one esbuild configuration of the project, shared by the command line (native esbuild),
 * the site build (prebuilt bundles of the examples) and the page (esbuild-wasm). It imports
 * only esbuild's *types*, so that the page can hand the same options to esbuild-wasm.
 *
 * What it does to the reader's program:
 *  - resolves `"asyncio"` to the runtime, either from disk (native esbuild) or from a map of
 *    module sources held in memory (esbuild-wasm in the browser), or leaves it an import of a
 *    module built once (the command line's cached runtime, the page's runtime module);
 *  - registers the names and definition lines of the program's module-level functions, so
 *    that reprs can say `coro=<work() running at main.ts:7>` and `cb=[on_done() at main.ts:4]`.
 *    The registration call is prefixed to the first line (function declarations are hoisted,
 *    and imports too, so it runs before any statement of the program and even with top-level
 *    `await`); keeping it on line 1 keeps every line number of the program unchanged.
 *  - one ESM file plus an external source map (tracebacks name `main.ts:LINE`).
 */
import type { BuildOptions, Plugin } from "esbuild";
import { AT, markLines } from "./lines.ts";

/** Where the runtime's sources come from. */
export type RuntimeSource =
  /** The absolute path of src/asyncio/index.ts: native esbuild reads the folder itself. */
  | { kind: "file"; path: string }
  /**
   * In memory: module file name (`index.ts`, `tasks.ts`, ...) → TypeScript source. The page
   * gets these with Vite's `import.meta.glob("/src/asyncio/*.ts", { query: "?raw", import: "default", eager: true })`.
   */
  | { kind: "modules"; files: Record<string, string>; entry?: string }
  /**
   * Left out of the bundle: `"asyncio"` stays an import of this specifier (the command line's
   * cached runtime module, by its file URL; the page's prebuilt bundles use a placeholder).
   */
  | { kind: "external"; specifier: string };

export interface BundleRequest {
  /** The program's TypeScript source. */
  source: string;
  /** Its file name as tracebacks and reprs show it, e.g. `main.ts`. */
  fileName: string;
  runtime: RuntimeSource;
  /** Folder against which the program's own relative imports resolve (default `/`). */
  resolveDir?: string;
}

/** Marks the end of the injected registration on line 1 (tracebacks strip it from the source line). */
export const REGISTRATION_END = "/*@asyncio-registered*/";

/** A module-level `function` / `function*` declaration starting a line (export forms included). */
const TOP_LEVEL_FUNCTION = /^(?:export\s+(?:default\s+)?)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*[(<]/;

/** The module-level functions of a program: name and 1-based line of the declaration. */
export function scanFunctions(source: string): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  const seen = new Set<string>();
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = TOP_LEVEL_FUNCTION.exec(lines[i]);
    // An overload signature and its implementation share a name: register the name once.
    if (m && !seen.has(m[1])) {
      seen.add(m[1]);
      found.push({ name: m[1], line: i + 1 });
    }
  }
  return found;
}

/**
 * The program's source with its lines marked (src/bundle/lines.ts) and the registration
 * prefixed to its first line: the module-level functions, and the object with one setter per
 * line holding a `yield*` (an object literal, so its setters are as fast as V8 makes them).
 */
export function instrumentSource(source: string, fileName: string): string {
  const fns = scanFunctions(source);
  const marked = markLines(source);
  if (fns.length === 0 && marked.awaitLines.length === 0) return marked.source;
  const entries = fns.map((f) => `[${f.name}, ${JSON.stringify(f.name)}, ${f.line}]`).join(", ");
  const setters = marked.awaitLines.map((l) => `set L${l}(v) { __asyncio_arm__(v, ${l}); }`).join(", ");
  return (
    `import { __register as __asyncio_register__, __arm as __asyncio_arm__ } from "asyncio"; ` +
    `const ${AT} = __asyncio_register__(${JSON.stringify(fileName)}, [${entries}], { ${setters} });${REGISTRATION_END}` +
    marked.source
  );
}

const RUNTIME_NAMESPACE = "asyncio";

function runtimePlugin(runtime: RuntimeSource): Plugin {
  return {
    name: "asyncio-runtime",
    setup(build) {
      if (runtime.kind === "file") {
        build.onResolve({ filter: /^asyncio$/ }, () => ({ path: runtime.path }));
        return;
      }
      if (runtime.kind === "external") {
        build.onResolve({ filter: /^asyncio$/ }, () => ({ path: runtime.specifier, external: true }));
        return;
      }
      const entry = runtime.entry ?? "index.ts";
      build.onResolve({ filter: /^asyncio$/ }, () => ({ path: entry, namespace: RUNTIME_NAMESPACE }));
      build.onResolve({ filter: /^\.\.?\//, namespace: RUNTIME_NAMESPACE }, (args) => ({
        path: args.path.replace(/^\.\//, ""),
        namespace: RUNTIME_NAMESPACE,
      }));
      build.onLoad({ filter: /.*/, namespace: RUNTIME_NAMESPACE }, (args) => {
        const contents = runtime.files[args.path];
        if (contents === undefined) return { errors: [{ text: `asyncio runtime module not found: ${args.path}` }] };
        return { contents, loader: "ts" };
      });
    },
  };
}

/** The output file name of the bundle (its source map is this plus `.map`). */
export function outputName(fileName: string): string {
  return fileName.replace(/\.[cm]?[tj]sx?$/, "") + ".js";
}

/**
 * esbuild options that make the runtime one ESM module of its own (the page's
 * `runtime/asyncio.js`, the command line's cached copy): `entry` is src/asyncio/index.ts.
 */
export function runtimeModuleOptions(entry: string): BuildOptions {
  return { entryPoints: [entry], bundle: true, write: false, format: "esm", target: "es2022", logLevel: "silent" };
}

/** esbuild options that bundle the program with the runtime. */
export function bundleOptions(req: BundleRequest): BuildOptions {
  return {
    stdin: {
      contents: instrumentSource(req.source, req.fileName),
      sourcefile: req.fileName,
      loader: "ts",
      resolveDir: req.resolveDir ?? "/",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    sourcemap: "external",
    sourcesContent: true,
    outfile: outputName(req.fileName),
    logLevel: "silent",
    // Keep the reader's names readable in stack traces; nothing is minified.
    minify: false,
    plugins: [runtimePlugin(req.runtime)],
  };
}
