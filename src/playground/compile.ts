/**
 * Bundles the reader's edited code in the page with esbuild-wasm (served from the site), with
 * "asyncio" resolved to the same runtime the command line bundles. Loaded on Edit, when it
 * also warms up (initialize + a throw-away build: the first build is several times slower
 * than the next ones, tech-notes §1), so the first Run after an edit does not wait for it.
 *
 * Limits (issue 9): code longer than MAX_SOURCE_CHARS is not compiled; a build that takes
 * longer than COMPILE_TIMEOUT_MS, or that the reader stops, ends esbuild's worker
 * (`esbuild.stop()`; esbuild-wasm then accepts a new `initialize`), and the next compile
 * starts a fresh one. esbuild's worker can also die (an array literal nested 20,000 deep
 * overflows the stack of its wasm): that is noticed at once (`initialize` below), and the
 * build fails with the reason.
 */
import * as esbuild from "esbuild-wasm";
import wasmURL from "esbuild-wasm/esbuild.wasm?url";
import type { Diagnostic } from "./editor-types.ts";
import { pageBuildOptions } from "./compile-options.ts";
import { originalLineText } from "../bundle/lines.ts";
import { sourceTooLong } from "./limits.ts";
import { loadRuntimeModule } from "./runtime-module.ts";


/** Longest a build of the reader's code may take, starting esbuild included (not downloading it). */
export const COMPILE_TIMEOUT_MS = 15_000;

export type CompileResult =
  | { ok: true; code: string; map: string; runtime: string; warnings: Diagnostic[] }
  /** `ended`: the build was given up (too long, stopped by the reader, or esbuild died). */
  | { ok: false; errors: Diagnostic[]; ended?: Ended };

export type Ended = "timeout" | "stopped" | "crashed";

let ready: Promise<void> | undefined;
let wasm: Promise<WebAssembly.Module> | undefined;
let warm = false;

/** esbuild's wasm, compiled once: a restarted esbuild gets the same module. */
function loadWasm(): Promise<WebAssembly.Module> {
  return (wasm ??= WebAssembly.compileStreaming(fetch(wasmURL)).catch((e: unknown) => {
    wasm = undefined;
    throw e;
  }));
}

/** What the compiler needs from the network (cached once fetched). */
function download(): Promise<[WebAssembly.Module, string]> {
  return Promise.all([loadWasm(), loadRuntimeModule()]);
}

/** Loads and warms up the compiler once; `onProgress` hears its stages. */
export function warmUp(onProgress: (stage: string) => void = () => {}): Promise<void> {
  return (ready ??= (async () => {
    onProgress("Loading the compiler (esbuild)…");
    const [wasmModule] = await download();
    await initialize(wasmModule);
    onProgress("Warming up the compiler…");
    const warmed = await bundle('import { print } from "asyncio";\nprint("warm");\n');
    if (!warmed.ok) throw new Error("the compiler did not start");
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

/**
 * Starts esbuild, keeping an eye on its worker: esbuild-wasm does not listen for its
 * worker's errors, so when its Go runtime dies (a stack overflow on very deeply nested code)
 * every build in progress would wait forever. The worker is the one esbuild constructs
 * during the synchronous part of `initialize`.
 */
function initialize(wasmModule: WebAssembly.Module): Promise<void> {
  const Native = globalThis.Worker;
  let worker: Worker | undefined;
  globalThis.Worker = new Proxy(Native, {
    construct(target, args: ConstructorParameters<typeof Worker>) {
      worker = new target(...args);
      return worker;
    },
  });
  let started: Promise<void>;
  try {
    started = esbuild.initialize({ wasmModule, worker: true });
  } finally {
    globalThis.Worker = Native;
  }
  worker?.addEventListener("error", (e) => {
    e.preventDefault();
    void crashed(e.message || "the compiler's worker failed");
  });
  return started;
}

/** esbuild's worker died: builds in progress fail now, with the reason, and esbuild restarts. */
async function crashed(reason: string): Promise<void> {
  const why = /call stack/i.test(reason) ? `${reason}: very deeply nested code does this` : reason;
  for (const giveUp of [...inFlight]) giveUp(failure(`The compiler failed on this code (${why}). It was restarted.`, "crashed"));
  await restart();
}

/** Compiles waiting for esbuild: each is told when esbuild is restarted under it. */
const inFlight = new Set<(result: CompileResult) => void>();

/** Ends esbuild's worker (a build that never ends with it); the next compile starts afresh. */
async function restart(): Promise<void> {
  ready = undefined;
  warm = false;
  await esbuild.stop();
  for (const giveUp of [...inFlight]) giveUp(failure("Stopped: the compiler was restarted.", "stopped"));
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

const failure = (text: string, ended?: Ended): CompileResult => ({
  ok: false,
  errors: [{ line: 1, column: 1, length: 1, text, severity: "error" }],
  ...(ended === undefined ? {} : { ended }),
});

/**
 * Compiles `code`. `signal` is the reader's Stop: it ends a compile at once, even while the
 * compiler is still loading, with `{ ok: false, ended: "stopped" }` (a build in progress ends
 * esbuild's worker). A build past COMPILE_TIMEOUT_MS ends the same way, with
 * `ended: "timeout"`, and one whose worker died with `ended: "crashed"`.
 */
export async function compile(code: string, onProgress?: (stage: string) => void, signal?: AbortSignal): Promise<CompileResult> {
  const tooLong = sourceTooLong(code);
  if (tooLong !== null) return failure(tooLong);
  const stopped = failure("Stopped while compiling.", "stopped");
  if (signal?.aborted) return stopped;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<CompileResult>((resolve) => {
    onAbort = () => resolve(stopped);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    // Downloading the compiler has no time limit (the network may be slow), but Stop ends
    // the wait. Starting it and building are timed together.
    const loaded = await Promise.race([download().then(() => null), aborted]);
    if (loaded !== null) return loaded;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let giveUp: ((result: CompileResult) => void) | undefined;
    const givenUp = new Promise<CompileResult>((resolve) => {
      giveUp = resolve;
      inFlight.add(resolve);
      timer = setTimeout(
        () =>
          resolve(
            failure(
              `Compiling took longer than ${COMPILE_TIMEOUT_MS / 1000} s, the playground's limit: the compiler was stopped and will restart.`,
              "timeout",
            ),
          ),
        COMPILE_TIMEOUT_MS,
      );
    });
    const built = warmUp(onProgress).then(() => bundle(code));
    const result = await Promise.race([built, givenUp, aborted]);
    clearTimeout(timer);
    if (giveUp !== undefined) inFlight.delete(giveUp);
    if (!result.ok && result.ended !== undefined) {
      built.catch(() => {});
      // After a crash, crashed() restarts esbuild itself.
      if (result.ended !== "crashed") await restart();
    }
    return result;
  } finally {
    if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
  }
}

async function bundle(code: string): Promise<CompileResult> {
  const runtimeSource = await loadRuntimeModule();
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
