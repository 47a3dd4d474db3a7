/**
 * Bundles the reader's edited code in the page with esbuild-wasm (served from the site), with
 * "asyncio" resolved to the same runtime the command line bundles. Loaded on Edit, when it
 * also warms up (initialize + a throw-away build: the first build is several times slower
 * than the next ones, tech-notes §1), so the first Run after an edit does not wait for it.
 */
import * as esbuild from "esbuild-wasm";
import wasmURL from "esbuild-wasm/esbuild.wasm?url";
import type { Diagnostic } from "./editor-types.ts";
import { pageBuildOptions } from "./compile-options.ts";
import { originalLineText } from "../bundle/lines.ts";

const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");

export type CompileResult =
  | { ok: true; code: string; map: string; runtime: string; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[] };

let ready: Promise<void> | undefined;
let runtime: Promise<string> | undefined;
let warm = false;

function loadRuntime(): Promise<string> {
  return (runtime ??= fetch(`${base}runtime/asyncio.js`).then((r) => {
    if (!r.ok) throw new Error(`the asyncio runtime could not be loaded (${r.status})`);
    return r.text();
  }).catch((e: unknown) => {
    runtime = undefined;
    throw e;
  }));
}

/** Loads and warms up the compiler once; `onProgress` hears its stages. */
export function warmUp(onProgress: (stage: string) => void = () => {}): Promise<void> {
  return (ready ??= (async () => {
    onProgress("Loading the compiler (esbuild)…");
    await Promise.all([esbuild.initialize({ wasmURL, worker: true }), loadRuntime()]);
    onProgress("Warming up the compiler…");
    await bundle('import { print } from "asyncio";\nprint("warm");\n');
    warm = true;
    onProgress("Compiler ready.");
  })().catch((e: unknown) => {
    ready = undefined;
    throw e;
  }));
}

export function isReady(): boolean {
  return warm;
}

function diagnostic(m: esbuild.Message, severity: Diagnostic["severity"]): Diagnostic {
  const at = m.location;
  // esbuild saw the reader's lines with their marks (src/bundle/lines.ts: `print(` became
  // `print.call(3/*@l*/,`): a column counts them, the reader's text does not.
  const column = at ? originalLineText(at.lineText.slice(0, at.column)).length : 0;
  return {
    line: at?.line ?? 1,
    column: column + 1,
    length: at?.length ?? 1,
    text: m.text,
    severity,
  };
}

export async function compile(code: string, onProgress?: (stage: string) => void): Promise<CompileResult> {
  await warmUp(onProgress);
  return bundle(code);
}

async function bundle(code: string): Promise<CompileResult> {
  const runtimeSource = await loadRuntime();
  try {
    const result = await esbuild.build(pageBuildOptions(code));
    const files = result.outputFiles ?? [];
    const js = files.find((f) => f.path.endsWith(".js"));
    const map = files.find((f) => f.path.endsWith(".map"));
    if (js === undefined) throw new Error("esbuild produced no output");
    return {
      ok: true,
      code: js.text,
      map: map?.text ?? "",
      runtime: runtimeSource,
      warnings: result.warnings.map((w) => diagnostic(w, "warning")),
    };
  } catch (error) {
    const failure = error as Partial<esbuild.BuildFailure>;
    if (Array.isArray(failure.errors)) return { ok: false, errors: failure.errors.map((e) => diagnostic(e, "error")) };
    throw error;
  }
}
