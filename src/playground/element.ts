/**
 * <asyncio-example>: turns a statically rendered example (Example.astro) into a playground.
 *
 * This module is on every reading page, so it stays small: it builds the controls and the
 * output log, restores a saved edit, and loads everything else on intent — the sandbox on
 * the first Run (an unedited Run fetches the bundle prebuilt at build time: no editor, no
 * wasm), Monaco and esbuild-wasm on Edit, lz-string on Share, the life-cycle view on its
 * toggle. Restored or shared code is shown, never run by itself: a program that hung must not
 * lock the reader out on reload.
 */
import "./playground.css";
import type { OutputLog } from "./output.ts";
import type { ClockChoice, OutputItem } from "./protocol.ts";
import type { Bundle, RunEnd, RunHandle } from "./sandbox.ts";
import type { CodeEditor, Diagnostic } from "./editor-types.ts";
import type { LifecycleEvent } from "../asyncio/instrument.ts";
import { editKey, loadEdit, parseShareHash, saveEdit, shareHash } from "./storage.ts";
import { RunRecorder, type RunResult } from "./run-result.ts";

const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");

const SPEEDS: Record<string, ClockChoice> = {
  "1x": { kind: "wall", speed: 1 },
  "10x": { kind: "wall", speed: 10 },
  instant: { kind: "virtual" },
};

interface LifecycleView {
  reset(): void;
  push(events: LifecycleEvent[]): void;
  finish(): void;
  highlightPrint(seq: number): void;
}

/** Narrow or touch screens get a plain textarea: Monaco does not support mobile browsers. */
const wantsPlainEditor = () => matchMedia("(pointer: coarse), (max-width: 40em)").matches;

function button(label: string, className = ""): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.className = `pg-button ${className}`.trim();
  return b;
}

/**
 * The sandbox (a hidden iframe, its two small scripts, one idle worker: about 10 KB
 * compressed) is prepared in idle time after the page has loaded, so that the first Run
 * only has to fetch its program. Nothing of the editor or the compiler is loaded for this.
 */
let sandboxScheduled = false;
function prepareSandboxWhenIdle(): void {
  if (sandboxScheduled) return;
  sandboxScheduled = true;
  const prepare = () => void import("./sandbox.ts").then((m) => m.getSandbox().warm());
  const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(prepare, { timeout: 3000 }) : setTimeout(prepare, 500));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

class AsyncioExample extends HTMLElement {
  private id_ = "";
  private original = "";
  private code = "";
  private key = "";
  private runButton = button("Run", "pg-run");
  private stopButton = button("Stop");
  private editButton = button("Edit");
  private resetButton = button("Reset");
  private shareButton = button("Share");
  private lifecycleButton = button("Life-cycle");
  private speed = document.createElement("select");
  private badge = document.createElement("span");
  private status = document.createElement("span");
  private logEl = document.createElement("div");
  private editorHost = document.createElement("div");
  private plain = document.createElement("pre");
  private lifecycleHost = document.createElement("div");
  private log: OutputLog | null = null;
  private running: RunHandle | null = null;
  private editor: CodeEditor | null = null;
  private editorLoading: Promise<CodeEditor> | null = null;
  private events: LifecycleEvent[] = [];
  private runOver = true;
  private view: LifecycleView | null = null;
  private saveTimer: number | undefined;
  /** The current run's output, for check() and the asyncio-run-end event (run-result.ts). */
  private recorder = new RunRecorder();
  private runEnded: ((result: RunResult) => void) | null = null;

  /** Run API (docs/CONTRACTS.md): the code shown, edited or not. */
  getSource(): string {
    return this.code;
  }

  /** Run API: runs the current code as Run does, resolving with what it produced. */
  check(): Promise<RunResult> {
    return this.run();
  }

  connectedCallback(): void {
    if (this.dataset.enhanced === "true") return;
    this.dataset.enhanced = "true";
    this.id_ = this.dataset.exampleId ?? "";
    this.original =
      this.dataset.source ??
      this.querySelector<HTMLTemplateElement>("template[data-example-source]")?.content.textContent ??
      "";
    this.key = editKey(this.id_, this.original);
    this.code = this.original;
    this.build();

    prepareSandboxWhenIdle();
    const saved = loadEdit(this.key);
    if (saved !== null && saved !== this.original) this.showCode(saved, "restored");
    const shared = parseShareHash(location.hash);
    if (shared !== null && shared.id === this.id_) void this.openShared(shared.packed);
  }

  private build(): void {
    const bar = document.createElement("div");
    bar.className = "pg-bar";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Run this example");
    this.stopButton.disabled = true;
    this.resetButton.disabled = true;
    this.lifecycleButton.setAttribute("aria-pressed", "false");
    this.lifecycleButton.title = "Show how each task moves through its life-cycle in this run";
    this.runButton.title = "Run (Ctrl+Enter)";
    this.stopButton.title = "Stop (Escape)";
    this.speed.setAttribute("aria-label", "Speed");
    this.speed.title = "1x and 10x run on the wall clock; instant uses a virtual clock";
    for (const name of Object.keys(SPEEDS)) this.speed.add(new Option(name, name));
    this.badge.className = "pg-badge";
    this.badge.textContent = "edited";
    this.badge.hidden = true;
    this.status.className = "pg-status";
    this.status.setAttribute("role", "status");
    bar.append(
      this.runButton, this.stopButton, this.editButton, this.resetButton, this.shareButton,
      this.speed, this.lifecycleButton, this.badge, this.status,
    );

    this.logEl.className = "pg-output";
    this.logEl.setAttribute("role", "log");
    this.logEl.setAttribute("aria-label", "Output");
    this.editorHost.className = "pg-editor";
    this.editorHost.hidden = true;
    this.plain.className = "pg-plain";
    this.plain.hidden = true;
    this.lifecycleHost.className = "pg-lifecycle";
    this.lifecycleHost.hidden = true;

    const codeBlock = this.querySelector("[data-example-code]") ?? this.querySelector("pre");
    codeBlock?.after(this.plain, this.editorHost);
    const slot = this.querySelector("[data-playground]") ?? this;
    slot.append(bar, this.logEl, this.lifecycleHost);

    this.runButton.onclick = () => void this.run();
    this.stopButton.onclick = () => this.stop();
    this.editButton.onclick = () => void this.openEditor();
    this.resetButton.onclick = () => this.reset();
    this.shareButton.onclick = () => void this.share();
    this.lifecycleButton.onclick = () => void this.toggleLifecycle();
    // A keystroke still inside the debounce window is not lost when the page goes away.
    addEventListener("pagehide", () => {
      if (this.saveTimer !== undefined) this.save();
    });
    // Intent: start loading the sandbox before the click lands.
    const warm = () => {
      void import("./sandbox.ts").then((m) => m.getSandbox().warm());
      if (!this.edited) void this.prebuilt().catch(() => {});
    };
    this.runButton.addEventListener("pointerenter", warm, { once: true });
    this.runButton.addEventListener("focus", warm, { once: true });
    this.editButton.addEventListener("pointerenter", () => void import("./compile.ts"), { once: true });
  }

  private get codeBlock(): HTMLElement | null {
    return this.querySelector<HTMLElement>("[data-example-code]") ?? this.querySelector("pre:not(.pg-plain)");
  }

  private get edited(): boolean {
    return this.code !== this.original;
  }

  /** Shows code that is not the original (a restored or shared edit) without running it. */
  private showCode(code: string, why: "restored" | "shared"): void {
    this.code = code;
    if (this.editor !== null) this.editor.setValue(code);
    else {
      this.plain.textContent = code;
      this.plain.hidden = false;
      if (this.codeBlock) this.codeBlock.hidden = true;
    }
    this.updateEdited();
    this.setStatus(why === "restored" ? "Your edit was restored (not run)." : "Code from a shared link (not run).");
  }

  private updateEdited(): void {
    this.badge.hidden = !this.edited;
    this.resetButton.disabled = !this.edited;
    if (!this.edited && this.editor === null) {
      this.plain.hidden = true;
      if (this.codeBlock) this.codeBlock.hidden = false;
    }
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }

  private async output(): Promise<OutputLog> {
    if (this.log !== null) return this.log;
    const { OutputLog } = await import("./output.ts");
    this.log ??= new OutputLog(this.logEl, {
      onFrame: (line, column) => void this.goTo(line, column),
      onSelectPrint: (seq) => this.view?.highlightPrint(seq),
    });
    return this.log;
  }

  private run(): Promise<RunResult> {
    this.stop();
    // A run still being prepared (compiling) is superseded: it ends as stopped, never runs.
    if (this.runEnded !== null) this.announce(this.recorder.end({ kind: "stopped" }));
    const ended = new Promise<RunResult>((resolve) => (this.runEnded = resolve));
    this.recorder = new RunRecorder();
    void this.start();
    return ended;
  }

  /** Every run ends here once: check() resolves and the page hears of it. */
  private announce(result: RunResult): void {
    const resolve = this.runEnded;
    this.runEnded = null;
    resolve?.(result);
    this.dispatchEvent(new CustomEvent<RunResult>("asyncio-run-end", { detail: result, bubbles: true }));
  }

  private async start(): Promise<void> {
    this.dataset.state = "starting";
    // Marks for bench/browser.ts, which reports where the time of a Run goes.
    performance.mark("playground:run");
    const started = performance.now();
    this.runButton.disabled = true;
    this.stopButton.disabled = false;
    this.setStatus("Starting…");
    // Everything a Run needs starts at once: the sandbox, the program, the output log.
    const sandbox = import("./sandbox.ts").then((m) => {
      const s = m.getSandbox();
      s.warm();
      return s;
    });
    const code = this.code;
    const edited = this.edited;
    const prepared = edited ? this.compileEdit(code) : this.prebuilt().then((bundle) => ({ bundle, problems: [] }));
    const recorder = this.recorder;
    const log = await this.output();
    log.clear();
    this.events = [];
    this.runOver = false;
    this.view?.reset();
    let bundle: Bundle | null;
    try {
      const result = await prepared;
      this.report(log, result.problems);
      bundle = result.bundle;
    } catch (error) {
      log.info(`Could not prepare the program: ${error instanceof Error ? error.message : String(error)}`, "error");
      bundle = null;
    }
    if (recorder !== this.recorder) return;
    if (bundle === null) {
      this.ended("Not run: fix the errors above.");
      this.announce(this.recorder.error(log.text("info")));
      return;
    }
    performance.mark("playground:program-ready");
    if (edited) void this.reportTypeErrors(log, code);
    let first = true;
    this.setStatus("Running…");
    const ready = await sandbox;
    if (recorder !== this.recorder) return;
    this.running = ready.run(bundle, SPEEDS[this.speed.value] ?? SPEEDS["1x"]!, {
      // "running" from the moment the worker starts evaluating the program.
      onStarted: () => {
        if (this.dataset.state === "starting") this.dataset.state = "running";
      },
      onItems: (items) => {
        if (first && items.some((i) => i.k !== "ev")) {
          first = false;
          performance.mark("playground:first-output");
          this.dispatchEvent(new CustomEvent("playground:first-output", { detail: performance.now() - started }));
        }
        this.receive(log, items);
      },
      onEnd: (end) => this.onEnd(log, end),
    });
  }

  private report(log: OutputLog, problems: Diagnostic[]): void {
    for (const d of problems) {
      log.info(`main.ts:${d.line}:${d.column}: ${d.severity}: ${d.text}`, d.severity === "error" ? "error" : "info");
    }
  }

  /**
   * TypeScript's verdict arrives from its own worker; the program does not wait for it (types
   * are erased, and the run is what the reader asked for). Monaco marks the lines itself.
   */
  private async reportTypeErrors(log: OutputLog, code: string): Promise<void> {
    this.dataset.typecheck = "pending";
    try {
      const found = (await this.editor?.typeErrors()) ?? [];
      if (found.length > 0 && code === this.code) this.report(log, found);
    } finally {
      this.dataset.typecheck = "done";
    }
  }

  private receive(log: OutputLog, items: OutputItem[]): void {
    log.append(items);
    this.recorder.add(items);
    for (const item of items) {
      if (item.k !== "ev") continue;
      for (const e of item.e) this.events.push(e);
      this.view?.push(item.e);
    }
  }

  private onEnd(log: OutputLog, end: RunEnd): void {
    this.running = null;
    this.runOver = true;
    this.view?.finish();
    let status: string;
    switch (end.kind) {
      case "exit":
        status = end.status === 0 ? "Finished." : `Finished with exit status ${end.status}.`;
        break;
      case "stopped":
        log.info("Stopped.");
        status = "Stopped.";
        break;
      case "hung":
        log.info(
          `Stopped: the program gave no sign of life for ${(end.silentMs / 1000).toFixed(1)} s. ` +
            "A loop that never reaches a yield* keeps the event loop (and everything else) from running.",
          "error",
        );
        status = "Stopped: not answering.";
        break;
      case "timeout":
        log.info(`Stopped: the program ran longer than ${end.limitMs / 1000} s, the playground's limit.`, "error");
        status = "Stopped: too long.";
        break;
    }
    this.ended(status);
    this.announce(this.recorder.end(end));
  }

  private ended(status: string): void {
    this.runButton.disabled = false;
    this.stopButton.disabled = true;
    this.dataset.state = "done";
    this.setStatus(status);
  }

  private stop(): void {
    this.running?.stop();
  }

  private prebuiltBundle: Promise<Bundle> | null = null;

  /** The bundle prebuilt at build time; fetched once, as early as the reader shows intent. */
  private prebuilt(): Promise<Bundle> {
    return (this.prebuiltBundle ??= fetch(`${base}bundles/${this.id_}.json`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`the prebuilt program is missing (${response.status})`);
        return (await response.json()) as Bundle;
      })
      .catch((error: unknown) => {
        this.prebuiltBundle = null;
        throw error;
      }));
  }

  /** Bundles edited code with esbuild-wasm; its errors become markers and messages. */
  private async compileEdit(code: string): Promise<{ bundle: Bundle | null; problems: Diagnostic[] }> {
    const compiler = await import("./compile.ts");
    if (!compiler.isReady()) this.setStatus("Loading the compiler…");
    const result = await compiler.compile(code, (stage) => this.setStatus(stage));
    this.editor?.setMarkers("esbuild", result.ok ? result.warnings : result.errors);
    if (!result.ok) return { bundle: null, problems: result.errors };
    return { bundle: { code: result.code, map: result.map, runtime: result.runtime }, problems: result.warnings };
  }

  private async openEditor(): Promise<CodeEditor> {
    if (this.editor !== null) {
      this.editor.focus();
      return this.editor;
    }
    this.editorLoading ??= this.loadEditor();
    return this.editorLoading;
  }

  private async loadEditor(): Promise<CodeEditor> {
    this.editButton.disabled = true;
    this.editButton.setAttribute("aria-pressed", "true");
    const plainEditor = wantsPlainEditor();
    // The compiler's module loads now; its warm-up (the wasm's download and compilation, a
    // first build) starts once the editor is usable, so the two do not compete for the cores.
    const compiler = import("./compile.ts");
    this.setStatus(plainEditor ? "Opening the editor…" : "Loading the editor (1/3)…");
    const { createEditor } = plainEditor ? await import("./textarea.ts") : await import("./monaco.ts");
    const editor = await createEditor(this.editorHost, {
      value: this.code,
      label: `Code of the example ${this.id_}`,
      onChange: (value) => this.changed(value),
      onRun: () => void this.run(),
      onStop: () => this.stop(),
      onProgress: (stage) => this.setStatus(stage),
    });
    this.editor = editor;
    this.plain.hidden = true;
    if (this.codeBlock) this.codeBlock.hidden = true;
    this.editorHost.hidden = false;
    this.dataset.editing = "true";
    editor.layout();
    editor.focus();
    this.setStatus("Editor ready. Ctrl+Enter runs, Escape stops.");
    void compiler
      .then((c) => c.warmUp((stage) => this.setStatus(stage)))
      .then(() => this.setStatus("Ready: Ctrl+Enter runs, Escape stops."))
      .catch((error: unknown) => this.setStatus(`The compiler could not start: ${error instanceof Error ? error.message : String(error)}`));
    return editor;
  }

  /** A share link in the address bar that shows this example's code no longer describes it. */
  private forgetShareLink(): void {
    const shared = parseShareHash(location.hash);
    if (shared !== null && shared.id === this.id_) history.replaceState(null, "", location.pathname + location.search);
  }

  private changed(value: string): void {
    this.forgetShareLink();
    this.code = value;
    this.updateEdited();
    clearTimeout(this.saveTimer);
    // Saved as typed; a short debounce keeps a burst of keystrokes to one write.
    this.saveTimer = window.setTimeout(() => this.save(), 150);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    saveEdit(this.key, this.edited ? this.code : null);
  }

  private reset(): void {
    this.forgetShareLink();
    clearTimeout(this.saveTimer);
    this.code = this.original;
    saveEdit(this.key, null);
    this.editor?.setValue(this.original);
    this.editor?.setMarkers("esbuild", []);
    this.updateEdited();
    this.setStatus("Back to the original code.");
  }

  private async share(): Promise<void> {
    const { compressToEncodedURIComponent } = await import("lz-string");
    const hash = shareHash(this.id_, compressToEncodedURIComponent(this.code));
    history.replaceState(null, "", hash);
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      this.setStatus("Link copied: it opens this example with this code.");
    } catch {
      this.setStatus("The link to this code is now in the address bar.");
    }
  }

  private async openShared(packed: string): Promise<void> {
    const { decompressFromEncodedURIComponent } = await import("lz-string");
    const code = decompressFromEncodedURIComponent(packed);
    if (!code) {
      this.setStatus("The shared link's code could not be read.");
      return;
    }
    this.showCode(code, "shared");
    this.scrollIntoView({ block: "start" });
  }

  private async goTo(line: number, column: number): Promise<void> {
    const editor = await this.openEditor();
    editor.reveal(line, column);
  }

  private async toggleLifecycle(): Promise<void> {
    const on = this.lifecycleButton.getAttribute("aria-pressed") !== "true";
    this.lifecycleButton.setAttribute("aria-pressed", String(on));
    this.lifecycleHost.hidden = !on;
    if (!on || this.view !== null) return;
    const { mountLifecycleView } = await import("../lifecycle/view.ts");
    this.view = mountLifecycleView(this.lifecycleHost, {
      onSelectPrint: (seq) => {
        const line = this.logEl.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
        for (const l of this.logEl.querySelectorAll(".pg-line[aria-current]")) l.removeAttribute("aria-current");
        line?.setAttribute("aria-current", "true");
        line?.scrollIntoView({ block: "nearest" });
      },
    });
    this.view.push(this.events);
    if (this.runOver && this.events.length > 0) this.view.finish();
  }
}

if (!customElements.get("asyncio-example")) customElements.define("asyncio-example", AsyncioExample);
