/**
 * Running a program: getting it ready (the bundle prebuilt at build time for the original,
 * esbuild-wasm for an edit), reporting compile problems, and saying in words how a run
 * ended. The sandbox itself (sandbox.ts) is loaded on intent.
 */
import type { OutputLog } from "./output.ts";
import type { Bundle, RunEnd } from "./sandbox.ts";
import type { CodeEditor, Diagnostic } from "./editor-types.ts";
import { limitMessage } from "./run-end.ts";
import { loadRuntimeModule } from "./runtime-module.ts";

const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");

/** A program ready to run, or the problems that keep it from running. */
export interface Prepared {
  bundle: Bundle | null;
  problems: Diagnostic[];
  /** Compiling was given up: it took too long, the reader stopped it, or esbuild died (compile.ts). */
  ended?: "timeout" | "stopped" | "crashed";
  /** Why, when compiling was given up (timeout, crashed). */
  message?: string;
}

type OutputModules = [typeof import("./output.ts"), typeof import("./problems.ts")];
type Sandbox = ReturnType<typeof import("./sandbox.ts").getSandbox>;

/**
 * Loaded once and kept: a Run awaits these settled promises (a microtask each), not a new
 * import() (measured, issue 12: an import() of a module already loaded still waited for
 * tasks of its own, 10–60 ms of a cold Run's click-to-post on a busy page).
 */
let outputModules: Promise<OutputModules> | null = null;
let sandboxModule: Promise<Sandbox> | null = null;

/**
 * The modules a Run writes its output with (element.ts builds the output log with them):
 * fetched with the sandbox, in idle time or on intent, so that the first Run does not wait
 * for them. Measured (issue 12): fetched on the click, behind the service worker's
 * background precache, they were most of the time from the click to a ready program.
 */
export function loadOutputModules(): Promise<OutputModules> {
  return (outputModules ??= Promise.all([import("./output.ts"), import("./problems.ts")]).catch((error: unknown) => {
    outputModules = null;
    throw error;
  }));
}

/**
 * The page's one sandbox, loading (or warm), with what a Run shows its output with. The
 * runtime module is offered to it as soon as both are there, so that its spare worker has
 * evaluated the runtime before the first Run (protocol.ts, RuntimeOffer).
 */
export function loadSandbox(): Promise<Sandbox> {
  loadOutputModules().catch(() => {});
  return (sandboxModule ??= import("./sandbox.ts").then(
    (m) => {
      const s = m.getSandbox();
      s.warm();
      loadRuntimeModule().then(
        (text) => s.offerRuntime(text),
        () => {},
      );
      return s;
    },
    (error: unknown) => {
      sandboxModule = null;
      throw error;
    },
  ));
}

/**
 * The sandbox (a hidden iframe, its two small scripts, one idle worker: about 10 KB
 * compressed) is prepared in idle time after the page has loaded, so that the first Run
 * only has to fetch its program. Nothing of the editor or the compiler is loaded for this.
 */
let sandboxScheduled = false;
export function prepareSandboxWhenIdle(): void {
  if (sandboxScheduled) return;
  sandboxScheduled = true;
  const prepare = () => {
    loadSandbox().catch(() => {});
    // Each example's program is about 1 KB compressed: fetched now, a first Run waits for none.
    for (const program of programs) program.get().catch(() => {});
  };
  const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(prepare, { timeout: 3000 }) : setTimeout(prepare, 500));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

/** The page's examples' programs, fetched in idle time with the sandbox. */
const programs = new Set<PrebuiltProgram>();

/**
 * The bundle prebuilt at build time for one example; fetched once, in idle time after the
 * page has loaded (prepareSandboxWhenIdle) or on intent, whichever comes first. Measured
 * (issue 12): fetched on intent only, a cold page's first Run waited for it behind the
 * service worker's background precache.
 */
export class PrebuiltProgram {
  private bundle: Promise<Bundle> | null = null;
  private readonly id: string;

  constructor(id: string) {
    this.id = id;
    if (id !== "") programs.add(this);
  }

  get(): Promise<Bundle> {
    const program = () =>
      fetch(`${base}bundles/${this.id}.json`).then(async (response) => {
        if (!response.ok) throw new Error(`the prebuilt program is missing (${response.status})`);
        return (await response.json()) as Bundle;
      });
    // Fetched once: a second get() (intent, then the click) waits for the same request.
    return (this.bundle ??= Promise.all([program(), loadRuntimeModule()])
      .then(([bundle, runtime]): Bundle => ({ code: bundle.code, map: bundle.map, runtime }))
      .catch((error: unknown) => {
        this.bundle = null;
        throw error;
      }));
  }
}

type CompileResult = Awaited<ReturnType<typeof import("./compile.ts").compile>>;

/**
 * The edit compiled ahead of its Run: the reader's last text, compiled in the background a
 * moment after they stopped typing (compileAhead), so that Run finds its bundle ready.
 * Measured (issue 12): with the runner fast, compiling was most of a warm edited Run's click
 * to first output (esbuild-wasm, 35-60 ms for an example's program on the 2-core machine).
 */
let ahead: { code: string; result: Promise<CompileResult> } | null = null;

/**
 * Compiles `code` in the background if the compiler is already warm (typing never loads it);
 * a later compileEdit of exactly this text takes the result. Nothing is shown: the markers and
 * messages come with the Run, as for a compile on the click.
 */
export function compileAhead(code: string): void {
  if (ahead?.code === code) return;
  const entry = {
    code,
    result: import("./compile.ts").then((compiler) => {
      if (!compiler.isReady()) throw new Error("the compiler is not warm yet");
      return compiler.compile(code);
    }),
  };
  entry.result.catch(() => {
    if (ahead === entry) ahead = null;
  });
  ahead = entry;
}

/**
 * The result compiled ahead for `code`, or null: none for this text, it failed, the compile
 * was given up (timed out, or esbuild was restarted under it), or the Run was stopped first.
 */
async function compiledAhead(code: string, signal?: AbortSignal): Promise<CompileResult | "stopped" | null> {
  const entry = ahead?.code === code ? ahead : null;
  if (entry === null) return null;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<"stopped">((resolve) => {
    onAbort = () => resolve("stopped");
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const result = await Promise.race([entry.result, stopped]);
    if (result === "stopped" || result.ok || result.ended === undefined) return result;
    return null;
  } catch {
    return null;
  } finally {
    if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
  }
}

/** Bundles edited code with esbuild-wasm; its errors become markers and messages. */
export async function compileEdit(
  code: string,
  editor: CodeEditor | null,
  setStatus: (text: string) => void,
  signal?: AbortSignal,
): Promise<Prepared> {
  const early = await compiledAhead(code, signal);
  if (early === "stopped") return { bundle: null, problems: [], ended: "stopped" };
  if (early !== null) performance.mark("playground:compiled-ahead");
  const compiler = await import("./compile.ts");
  if (early === null && !compiler.isReady()) setStatus("Loading the compiler…");
  let result: CompileResult;
  if (early !== null) result = early;
  else {
    const compiling = compiler.compile(code, setStatus, signal);
    // The text is compiled now: the compile ahead scheduled for it when it was typed need not
    // run again (a result that was given up is dropped by compiledAhead).
    ahead = { code, result: compiling };
    result = await compiling;
  }
  if (!result.ok && result.ended !== undefined) {
    // Not a problem in the reader's code: said in words, with no line to go to.
    return { bundle: null, problems: [], ended: result.ended, message: result.errors[0]?.text };
  }
  editor?.setMarkers("esbuild", result.ok ? result.warnings : result.errors);
  if (!result.ok) return { bundle: null, problems: result.errors };
  return { bundle: { code: result.code, map: result.map, runtime: result.runtime }, problems: result.warnings };
}

/**
 * What to tell the reader when something the playground needs could not be loaded or
 * prepared. A network failure is said to be one (never the reader's code's fault), with
 * what works offline: what was used once online.
 */
export function describeFailure(what: string, error: unknown): { text: string; status: string } {
  const message = error instanceof Error ? error.message : String(error);
  // fetch() and import() reject with a TypeError when the request itself fails (offline,
  // DNS, a dropped connection); Chromium, Firefox and Safari word it differently.
  const network =
    (error instanceof TypeError && /fetch|network|load|import/i.test(message)) ||
    /failed to (fetch|download)|networkerror|network error/i.test(message);
  if (!network) return { text: `${what} could not be prepared: ${message}`, status: `${what} could not start: ${message}` };
  const offline = typeof navigator !== "undefined" && navigator.onLine === false;
  const why = offline ? "you are offline" : "the network request failed";
  return {
    text:
      `${what} could not be downloaded: ${why}. Nothing is wrong with the code. ` +
      "What you have used once online (the examples, the editor) is kept for offline use; try again once you are online.",
    status: offline
      ? `Offline: ${lower(what)} was not saved for offline use yet (it is once used online).`
      : `Network error: ${lower(what)} could not be downloaded.`,
  };
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Writes how a run ended into the log (when there is something to say); returns the status line. */
export function reportEnd(log: OutputLog, end: RunEnd): string {
  switch (end.kind) {
    case "exit":
      return end.status === 0 ? "Finished." : `Finished with exit status ${end.status}.`;
    case "stopped":
      log.info("Stopped.");
      return "Stopped.";
    case "hung":
      log.info(
        `Stopped: the program gave no sign of life for ${(end.silentMs / 1000).toFixed(1)} s. ` +
          "A loop that never reaches a yield* keeps the event loop (and everything else) from running.",
        "error",
      );
      return "Stopped: not answering.";
    case "timeout":
      log.info(`Stopped: the program ran longer than ${end.limitMs / 1000} s, the playground's limit.`, "error");
      return "Stopped: too long.";
    case "limit": {
      const told = limitMessage(end.what);
      log.info(told.log, "error");
      return told.status;
    }
  }
}
