/**
 * The output log of one example: text only (never HTML), line by line, capped.
 *
 * Lines carry `data-stream` (stdout, stderr, info) and, when a print() produced them,
 * `data-seq` (the seq of that `print` life-cycle event), so the life-cycle view can point at
 * the moment a line was printed. Traceback frames naming the reader's file become buttons
 * that move the editor's cursor to that line.
 */
import type { OutputItem } from "./protocol.ts";

/** Lines shown before the log only counts ("... N more lines"). */
export const MAX_SHOWN_LINES = 1000;

type Stream = "stdout" | "stderr" | "info";

export interface OutputOptions {
  /** A traceback frame in the reader's file was clicked. */
  onFrame?(line: number, column: number): void;
  /** A printed line was clicked. */
  onSelectPrint?(seq: number): void;
}

/** `  File "main.ts", line 7, in main` — CPython's frame line, as the runtime prints it. */
const FRAME = /^\s*File "([^"]+)", line (\d+)(?:, column (\d+))?/;

export class OutputLog {
  private lines = 0;
  private hidden = 0;
  private open: { el: HTMLElement; stream: Stream } | null = null;
  private more: HTMLElement | null = null;

  readonly el: HTMLElement;
  private readonly options: OutputOptions;
  private readonly userFile: string;

  constructor(el: HTMLElement, options: OutputOptions = {}, userFile = "main.ts") {
    this.el = el;
    this.options = options;
    this.userFile = userFile;
    el.addEventListener("click", (e) => this.click(e));
  }

  clear(): void {
    this.el.replaceChildren();
    this.lines = 0;
    this.hidden = 0;
    this.open = null;
    this.more = null;
  }

  /** Appends a run's output items (events are handled elsewhere). */
  append(items: OutputItem[]): void {
    const fragment = document.createDocumentFragment();
    for (const item of items) {
      if (item.k === "out") this.write(fragment, "stdout", item.t, item.s);
      else if (item.k === "err") this.write(fragment, "stderr", item.t);
      else if (item.k === "drop") this.hidden += item.n;
    }
    this.el.append(fragment);
    this.updateMore();
  }

  /** A message from the playground itself (not the program). */
  info(text: string, kind: "info" | "error" = "info"): void {
    this.open = null;
    const line = this.line("info");
    line.textContent = text;
    if (kind === "error") line.dataset.kind = "error";
    this.el.append(line);
    this.updateMore();
  }

  /**
   * A problem found in the reader's code (by esbuild or TypeScript): a red line that names
   * main.ts:LINE:COLUMN and, chosen, moves the editor there, as a problems list does.
   */
  problem(text: string, severity: "error" | "warning", line: number, column: number): void {
    this.open = null;
    const el = this.line("info");
    el.textContent = text;
    el.dataset.kind = "problem";
    el.dataset.severity = severity;
    this.makeLink(el, line, column);
    this.el.append(el);
    this.updateMore();
  }

  text(stream?: Stream): string {
    const selector = stream ? `[data-stream="${stream}"]` : "[data-stream]";
    return [...this.el.querySelectorAll<HTMLElement>(selector)].map((l) => l.textContent).join("\n");
  }

  private write(into: DocumentFragment, stream: Stream, text: string, seq?: number): void {
    const parts = text.split("\n");
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      if (last && part === "") {
        // The text ended with a newline: the next text starts a new line.
        this.open = null;
        return;
      }
      let target = this.open !== null && this.open.stream === stream ? this.open.el : null;
      if (target === null) {
        if (this.lines >= MAX_SHOWN_LINES) {
          this.hidden++;
          this.open = null;
          return;
        }
        target = this.line(stream);
        if (seq !== undefined) target.dataset.seq = String(seq);
        into.append(target);
        this.lines++;
      }
      target.append(part);
      if (stream === "stderr") this.linkFrame(target);
      this.open = last ? { el: target, stream } : null;
    });
  }

  private line(stream: Stream): HTMLElement {
    const el = document.createElement("div");
    el.className = "pg-line";
    el.dataset.stream = stream;
    return el;
  }

  private linkFrame(line: HTMLElement): void {
    const m = FRAME.exec(line.textContent ?? "");
    if (m === null || m[1] !== this.userFile) return;
    this.makeLink(line, Number(m[2]), Number(m[3] ?? "1"));
  }

  /** Makes a line a button that moves the editor to a line and column of the reader's file. */
  private makeLink(line: HTMLElement, lineNo: number, column: number): void {
    if (this.options.onFrame === undefined) return;
    line.dataset.line = String(lineNo);
    line.dataset.column = String(column);
    line.tabIndex = 0;
    line.setAttribute("role", "button");
    line.title = `Go to line ${lineNo} in the editor`;
    line.onkeydown = (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        line.click();
      }
    };
  }

  private click(e: Event): void {
    const target = e.target instanceof Element ? e.target.closest<HTMLElement>(".pg-line") : null;
    if (target === null) return;
    if (target.dataset.line !== undefined) {
      this.options.onFrame?.(Number(target.dataset.line), Number(target.dataset.column ?? "1"));
    } else if (target.dataset.seq !== undefined) {
      this.options.onSelectPrint?.(Number(target.dataset.seq));
      for (const l of this.el.querySelectorAll(".pg-line[aria-current]")) l.removeAttribute("aria-current");
      target.setAttribute("aria-current", "true");
    }
  }

  private updateMore(): void {
    if (this.hidden === 0) return;
    if (this.more === null) {
      this.more = this.line("info");
      this.more.dataset.kind = "more";
    }
    this.more.textContent = `... ${this.hidden} more line${this.hidden === 1 ? "" : "s"}`;
    this.el.append(this.more);
  }
}
