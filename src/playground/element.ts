/**
 * <asyncio-example>: turns a statically rendered example (Example.astro) into a playground.
 *
 * This module is on every reading page, so it stays small: it builds the controls and the
 * output log, restores a saved edit, and loads everything else on intent — the sandbox on
 * the first Run (an unedited Run fetches the bundle prebuilt at build time: no editor, no
 * wasm), Monaco and esbuild-wasm on Edit, lz-string on Share, the life-cycle view on its
 * toggle. Restored or shared code is shown, never run by itself: a program that hung must not
 * lock the reader out on reload.
 *
 * The element only ties the parts together; each job has its module:
 * - controls.ts: the buttons, the speed select, the badge and the status line;
 * - running.ts: getting a program ready (prebuilt or compiled), and how a run ended;
 * - editor-loader.ts: Monaco or the plain textarea, and the compiler's warm-up;
 * - saving.ts: saved edits and share links;
 * - problems.ts: compile and type errors, and a failed run's line, as a problems list;
 * - tabs.ts: the TypeScript tab for editing, and the Python/Output tabs marked as the original's;
 * - highlight.ts: Shiki for restored or shared code, before Edit;
 * - view-bridge.ts: the run's events and the life-cycle view;
 * - run-result.ts: what a run produced, for the run API (check(), asyncio-run-end);
 * - marks.ts: performance marks for bench/browser.ts.
 */
import "./playground.css";
import type { OutputLog } from "./output.ts";
import type { OutputItem } from "./protocol.ts";
import type { Bundle, RunEnd, RunHandle } from "./sandbox.ts";
import type { CodeEditor } from "./editor-types.ts";
import { editKey } from "./storage.ts";
import { Controls } from "./controls.ts";
import { markFirstOutput, markProgramReady, markRun } from "./marks.ts";
import {
  PrebuiltProgram,
  compileAhead,
  compileEdit,
  describeFailure,
  loadOutputModules,
  loadSandbox,
  prepareSandboxWhenIdle,
  reportEnd,
  type Prepared,
} from "./running.ts";
import { keyHint, loadEditor } from "./editor-loader.ts";
import { labelOriginals, showCodeTab } from "./tabs.ts";
import type { Diagnostic } from "./editor-types.ts";
import { EditSaver, forgetShareLink, share, sharedCodeFor, unpackShared } from "./saving.ts";
import { LifecycleBridge } from "./view-bridge.ts";
import { RunRecorder, type RunResult } from "./run-result.ts";
import { boundedTypeErrors } from "./typecheck.ts";

/**
 * How long after the last change an edit is compiled ahead of its Run (running.ts,
 * compileAhead): long enough that typing does not compile at every key, short enough that
 * the reader has not reached Run yet.
 */
const COMPILE_AHEAD_AFTER_MS = 150;

class AsyncioExample extends HTMLElement {
  private id_ = "";
  private original = "";
  private code = "";
  private controls = new Controls();
  private logEl = document.createElement("div");
  private editorHost = document.createElement("div");
  private plain = document.createElement("pre");
  private lifecycleHost = document.createElement("div");
  private log: OutputLog | null = null;
  private running: RunHandle | null = null;
  private editor: CodeEditor | null = null;
  private editorLoading: Promise<CodeEditor | null> | null = null;
  private aheadTimer: ReturnType<typeof setTimeout> | undefined;
  private bridge = new LifecycleBridge(this.lifecycleHost, this.controls.lifecycle, this.logEl);
  private prebuilt = new PrebuiltProgram("");
  private saver: EditSaver | null = null;
  /** The code Reset replaced, until Undo brings it back or the reader moves on. */
  private beforeReset: string | null = null;
  /** Where the last run failed in the reader's code, and the code it ran. */
  private failure: { at: Diagnostic; code: string } | null = null;
  /** The current run's output, for check() and the asyncio-run-end event (run-result.ts). */
  private recorder = new RunRecorder();
  /** Stop's handle on the compile of the run being prepared. */
  private preparing: AbortController | null = null;
  private runEnded: ((result: RunResult) => void) | null = null;

  /** Run API (docs/CONTRACTS.md): the code shown, edited or not. */
  getSource(): string {
    return this.code;
  }

  /** Run API: runs the current code as Run does, resolving with what it produced. */
  check(): Promise<RunResult> {
    // Its caller reads the run's events: all of them are kept (view-bridge.ts).
    return this.run(true);
  }

  connectedCallback(): void {
    if (this.dataset.enhanced === "true") return;
    this.dataset.enhanced = "true";
    this.id_ = this.dataset.exampleId ?? "";
    this.original =
      this.dataset.source ??
      this.querySelector<HTMLTemplateElement>("template[data-example-source]")?.content.textContent ??
      "";
    this.code = this.original;
    this.prebuilt = new PrebuiltProgram(this.id_);
    this.saver = new EditSaver(editKey(this.id_, this.original));
    this.build();

    prepareSandboxWhenIdle();
    const saved = this.saver.load();
    if (saved !== null && saved !== this.original) this.showCode(saved, "restored");
    const packed = sharedCodeFor(this.id_);
    if (packed !== null) void this.openShared(packed);
  }

  private build(): void {
    const c = this.controls;
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
    slot.append(c.bar, this.logEl, this.lifecycleHost);

    c.run.onclick = () => void this.run();
    c.stop.onclick = () => this.stop();
    c.edit.onclick = () => void this.openEditor();
    c.reset.onclick = () => this.reset();
    c.undo.onclick = () => this.undoReset();
    c.share.onclick = () => void share(this.id_, this.code).then((text) => c.setStatus(text));
    c.lifecycle.onclick = () => void this.bridge.toggle();
    // Intent: start loading the sandbox (and the prebuilt program) before the click lands.
    const warm = () => {
      loadSandbox().catch(() => {});
      if (!this.edited) void this.prebuilt.get().catch(() => {});
    };
    c.run.addEventListener("pointerenter", warm, { once: true });
    c.run.addEventListener("focus", warm, { once: true });
    c.edit.addEventListener("pointerenter", () => void import("./compile.ts"), { once: true });
  }

  private get codeBlock(): HTMLElement | null {
    return this.querySelector<HTMLElement>("[data-example-code]") ?? this.querySelector("pre:not(.pg-plain)");
  }

  private get edited(): boolean {
    return this.code !== this.original;
  }

  private setStatus(text: string): void {
    this.controls.setStatus(text);
  }

  /** Shows code that is not the original (a restored or shared edit) without running it. */
  private showCode(code: string, why: "restored" | "shared" | "undone"): void {
    this.code = code;
    if (this.editor !== null) this.editor.setValue(code);
    else {
      this.plain.textContent = code;
      this.plain.hidden = false;
      if (this.codeBlock) this.codeBlock.hidden = true;
      // Plain text at once, Shiki's colours as soon as they are loaded.
      void import("./highlight.ts")
        .then((m) => (this.code === code && this.editor === null ? m.highlightInto(this.plain, code) : false))
        .then((done) => {
          if (done) this.plain.dataset.highlighted = "true";
        })
        .catch(() => {});
    }
    this.updateEdited();
    this.setStatus(
      why === "restored" ? "Your edit was restored (not run)."
      : why === "shared" ? "Code from a shared link (not run)."
      : "Your edit is back.",
    );
  }

  private updateEdited(): void {
    this.controls.setEdited(this.edited);
    labelOriginals(this, this.edited);
    if (!this.edited && this.editor === null) {
      this.plain.hidden = true;
      delete this.plain.dataset.highlighted;
      if (this.codeBlock) this.codeBlock.hidden = false;
    }
  }

  /** problems.ts, loaded with the output log (a reading page needs neither before a Run). */
  private problems: typeof import("./problems.ts") | null = null;

  private async output(): Promise<OutputLog> {
    if (this.log !== null) return this.log;
    const [{ OutputLog }, problems] = await loadOutputModules();
    this.problems = problems;
    this.log ??= new OutputLog(this.logEl, {
      onFrame: (line, column) => void this.goTo(line, column),
      onSelectPrint: (seq) => this.bridge.highlightPrint(seq),
    });
    return this.log;
  }

  // ---- running ----

  /**
   * Runs the current code (Run, Ctrl+Enter, check()); resolves with what the run produced.
   * `consumer`: the caller reads the run's events (check()), so all of them are kept.
   */
  private run(consumer = false): Promise<RunResult> {
    this.stop();
    // A run still being prepared (compiling) is superseded: it ends as stopped, never runs.
    if (this.runEnded !== null) this.announce(this.recorder.end({ kind: "stopped" }));
    const ended = new Promise<RunResult>((resolve) => (this.runEnded = resolve));
    this.recorder = new RunRecorder();
    void this.start(consumer);
    return ended;
  }

  /** Every run ends here once: check() resolves and the page hears of it. */
  private announce(result: RunResult): void {
    const resolve = this.runEnded;
    this.runEnded = null;
    resolve?.(result);
    this.dispatchEvent(new CustomEvent<RunResult>("asyncio-run-end", { detail: result, bubbles: true }));
  }

  private async start(consumer: boolean): Promise<void> {
    this.dataset.state = "starting";
    const started = markRun();
    this.controls.setRunning(true);
    this.controls.offerUndo(false);
    this.setStatus("Starting…");
    this.showFailure(null);
    // Everything a Run needs starts at once: the sandbox, the program, the output log.
    const sandbox = loadSandbox();
    const code = this.code;
    const edited = this.edited;
    const preparing = (this.preparing = new AbortController());
    const prepared: Promise<Prepared> = edited
      ? compileEdit(code, this.editor, (text) => this.setStatus(text), preparing.signal)
      : this.prebuilt.get().then((bundle) => ({ bundle, problems: [] }));
    const recorder = this.recorder;
    const log = await this.output();
    log.clear();
    const maxEvents = this.bridge.start(consumer);
    let bundle: Bundle | null;
    let notRun = "Not run: fix the errors below.";
    let ended: Prepared["ended"];
    try {
      const result = await prepared;
      this.problems?.reportCompileProblems(log, result.problems);
      bundle = result.bundle;
      ended = result.ended;
      if (result.message !== undefined && ended !== "stopped") log.info(result.message, "error");
    } catch (error) {
      const failure = describeFailure(edited ? "The compiler" : "This example's program", error);
      log.info(failure.text, "error");
      notRun = failure.status;
      bundle = null;
    }
    if (this.preparing === preparing) this.preparing = null;
    if (recorder !== this.recorder) return;
    if (ended === "stopped") {
      this.ended(reportEnd(log, { kind: "stopped" }));
      this.announce(this.recorder.end({ kind: "stopped" }));
      return;
    }
    if (ended !== undefined) {
      this.ended(ended === "timeout" ? "Not run: compiling took too long." : "Not run: the compiler failed on this code.");
      this.announce(this.recorder.error(log.text("info")));
      return;
    }
    if (bundle === null) {
      this.ended(notRun);
      this.announce(this.recorder.error(log.text("info")));
      return;
    }
    markProgramReady();
    if (edited) void this.reportTypeErrors(log, code);
    let first = true;
    this.setStatus("Running…");
    const ready = await sandbox;
    if (recorder !== this.recorder) return;
    this.running = ready.run(bundle, this.controls.clock(), {
      // "running" from the moment the worker starts evaluating the program.
      onStarted: () => {
        if (this.dataset.state === "starting") this.dataset.state = "running";
      },
      onItems: (items) => {
        if (first && items.some((i) => i.k !== "ev")) {
          first = false;
          markFirstOutput(this, started);
        }
        this.receive(log, items);
      },
      onEnd: (end) => this.onEnd(log, end, code),
    }, { maxEvents });
  }

  /**
   * TypeScript's verdict arrives from its own worker; the program does not wait for it (types
   * are erased, and the run is what the reader asked for). Monaco marks the lines itself.
   */
  private async reportTypeErrors(log: OutputLog, code: string): Promise<void> {
    this.dataset.typecheck = "pending";
    try {
      const found = await boundedTypeErrors(this.editor, code);
      if (found.length > 0 && code === this.code) this.problems?.reportTypeProblems(log, found);
    } finally {
      this.dataset.typecheck = "done";
    }
  }

  private receive(log: OutputLog, items: OutputItem[]): void {
    log.append(items);
    // The bridge keeps the events (one copy); the recorder the text.
    this.recorder.add(items.filter((item) => item.k !== "ev"));
    for (const item of items) if (item.k === "ev") this.bridge.push(item.e);
  }

  private onEnd(log: OutputLog, end: RunEnd, code: string): void {
    this.running = null;
    this.bridge.finish();
    this.ended(reportEnd(log, end));
    const result: RunResult = { ...this.recorder.end(end), events: this.bridge.runEvents };
    // A traceback through the reader's code: its innermost line is marked in the editor.
    if (result.stderr !== "") {
      const at = this.problems?.tracebackProblem(result.stderr) ?? null;
      if (at !== null) this.showFailure({ at, code });
    }
    this.announce(result);
  }

  /** Marks (or clears) the line where the last run failed, in the editor if it is open. */
  private showFailure(failure: { at: Diagnostic; code: string } | null): void {
    this.failure = failure;
    if (this.editor !== null) this.editor.setMarkers("runtime", failure !== null && failure.code === this.code ? [failure.at] : []);
  }

  private ended(status: string): void {
    this.controls.setRunning(false);
    this.dataset.state = "done";
    this.setStatus(status);
  }

  private stop(): void {
    this.running?.stop();
    // Stop also ends a compile in progress (compile.ts gives it up and restarts esbuild).
    this.preparing?.abort();
    this.preparing = null;
  }

  // ---- editing ----

  /**
   * Edit (and a traceback frame chosen): the TypeScript tab, with the editor, focused.
   * Null when the editor could not be loaded (the status says why; Edit can be pressed again).
   */
  private async openEditor(): Promise<CodeEditor | null> {
    showCodeTab(this);
    if (this.editor !== null) {
      this.editor.focus();
      return this.editor;
    }
    this.editorLoading ??= this.createEditor().catch((error: unknown) => {
      this.editorLoading = null;
      const edit = this.controls.edit;
      edit.removeAttribute("aria-busy");
      edit.setAttribute("aria-pressed", "false");
      this.setStatus(describeFailure("The editor", error).status);
      return null;
    });
    return this.editorLoading;
  }

  private async createEditor(): Promise<CodeEditor> {
    // Edit stays focusable while the editor loads (a disabled button would drop the focus
    // to <body>); a second press only waits for the same editor.
    this.controls.edit.setAttribute("aria-pressed", "true");
    this.controls.edit.setAttribute("aria-busy", "true");
    const { editor, warmCompiler } = await loadEditor(this.editorHost, {
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
    this.controls.edit.removeAttribute("aria-busy");
    editor.layout();
    // The reader asked to edit: the focus goes to the editor, unless they have moved on.
    const focused = document.activeElement;
    if (focused === null || focused === document.body || focused === this.controls.edit) editor.focus();
    this.showFailure(this.failure);
    this.setStatus(`Editor ready. ${keyHint()}`.trim());
    warmCompiler();
    return editor;
  }

  private changed(value: string): void {
    forgetShareLink(this.id_);
    this.code = value;
    this.beforeReset = null;
    this.controls.offerUndo(false);
    this.updateEdited();
    // Saved as typed.
    this.saver?.schedule(this.edited ? this.code : null);
    // Compiled a moment after the reader stops typing, so that Run finds it ready.
    clearTimeout(this.aheadTimer);
    if (this.edited) this.aheadTimer = setTimeout(() => this.edited && compileAhead(this.code), COMPILE_AHEAD_AFTER_MS);
  }

  /**
   * Back to the original code, and to a clean slate: the output and the life-cycle of the
   * edited code no longer describe what is shown. Undo brings the edit back.
   */
  private reset(): void {
    const edit = this.code;
    this.stop();
    if (this.runEnded !== null) {
      // A run still being prepared (compiling) is dropped: it must not show up afterwards.
      this.announce(this.recorder.end({ kind: "stopped" }));
      this.recorder = new RunRecorder();
      this.ended("Stopped.");
    }
    forgetShareLink(this.id_);
    this.saver?.clear();
    this.code = this.original;
    this.editor?.setValue(this.original);
    this.editor?.setMarkers("esbuild", []);
    this.showFailure(null);
    this.log?.clear();
    this.bridge.clear();
    this.beforeReset = edit;
    this.controls.offerUndo(true);
    this.updateEdited();
    this.setStatus("Back to the original code.");
  }

  private undoReset(): void {
    const edit = this.beforeReset;
    if (edit === null) return;
    this.beforeReset = null;
    this.controls.offerUndo(false);
    this.controls.run.focus();
    this.showCode(edit, "undone");
    this.saver?.schedule(edit);
  }

  private async openShared(packed: string): Promise<void> {
    const read = await unpackShared(packed);
    if ("error" in read) {
      this.setStatus(read.error);
      return;
    }
    this.showCode(read.code, "shared");
    this.scrollIntoView({ block: "start" });
  }

  private async goTo(line: number, column: number): Promise<void> {
    const editor = await this.openEditor();
    editor?.reveal(line, column);
  }
}

if (!customElements.get("asyncio-example")) customElements.define("asyncio-example", AsyncioExample);
