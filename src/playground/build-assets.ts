/**
 * Build-time side of the playground (Node, native esbuild): the runtime module, and the
 * prebuilt bundle of every example, which an unedited Run fetches so that reading pages need
 * neither the editor nor esbuild-wasm. (The sandbox's own scripts: runner/document.ts.)
 *
 * The runtime is served once, as its own module (`runtime/asyncio.js`, cached by the browser
 * and precached by the service worker), and shared by every example of the site and by the
 * reader's edited code (issue 12): a prebuilt bundle holds only the example's own lines, with
 * "asyncio" left as an import of a placeholder that the sandbox's worker points at its copy
 * of the runtime module, exactly as for edited code (compile-options.ts).
 */
import { build, type Plugin } from "esbuild";
import { readFile, readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { bundleOptions, runtimeModuleOptions } from "../bundle/options.ts";
import { RUNTIME_PLACEHOLDER } from "./protocol.ts";

/** EXAMPLES_DIR lets the site be built against a fixture, as src/site/examples.ts allows. */
export function examplesDir(root: string): string {
  return resolve(root, process.env.EXAMPLES_DIR ?? "examples");
}

/** Example ids: paths of `examples/**\/*.ts` without the extension ("03-created/create-task"). */
export async function listExamples(root: string): Promise<string[]> {
  const dir = examplesDir(root);
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries
    .filter((f) => f.endsWith(".ts"))
    .map((f) => relative(dir, join(dir, f)).split("\\").join("/").replace(/\.ts$/, ""))
    .sort();
}

export function runtimeEntry(root: string): string {
  return resolve(root, "src/asyncio/index.ts");
}

/** The runtime as one ESM module, for esbuild-wasm in the page (compile.ts). */
export async function buildRuntimeModule(root: string): Promise<string> {
  const result = await build(runtimeModuleOptions(runtimeEntry(root)));
  return result.outputFiles![0]!.text;
}

/** "asyncio" stays an import of the placeholder the worker replaces with the runtime module. */
const externalRuntime: Plugin = {
  name: "asyncio-runtime-external",
  setup(build) {
    build.onResolve({ filter: /^asyncio$/ }, () => ({ path: RUNTIME_PLACEHOLDER, external: true }));
  },
};

/**
 * `{ code, map }` of one example, bundled with the project's one configuration (the same
 * registration and line marks as the command line), the runtime left out (see above).
 */
export async function buildExampleBundle(root: string, id: string): Promise<string> {
  const source = await readFile(join(examplesDir(root), `${id}.ts`), "utf8");
  const options = bundleOptions({ source, fileName: "main.ts", runtime: { kind: "file", path: runtimeEntry(root) }, resolveDir: root });
  const result = await build({ ...options, plugins: [externalRuntime] });
  const js = result.outputFiles!.find((f) => f.path.endsWith(".js"))!;
  const map = result.outputFiles!.find((f) => f.path.endsWith(".map"))!;
  return JSON.stringify({ code: js.text, map: trimSourcesContent(map.text) });
}

/**
 * Tracebacks show only the reader's lines, so the runtime's own sources need not travel with
 * every bundle: their `sourcesContent` entries become null (the mappings stay whole).
 */
export function trimSourcesContent(mapText: string): string {
  const map = JSON.parse(mapText) as { sources: string[]; sourcesContent?: (string | null)[] };
  if (map.sourcesContent) {
    map.sourcesContent = map.sourcesContent.map((content, i) => (/(^|\/)main\.ts$/.test(map.sources[i] ?? "") ? content : null));
  }
  return JSON.stringify(map);
}
