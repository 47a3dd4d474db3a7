/**
 * The code and the output at the position of step mode (trace.ts): the program's lines with
 * the line each task is at marked (▶ the line being run, ‖ where a task waits), and what the
 * program printed up to there. The code appears once the events carry lines (interface 1 of
 * HELPERS.md); the output is always there.
 */
import type { ObjectId } from "../asyncio/instrument.ts";
import { el } from "./dom.ts";
import { taskName } from "./describe.ts";
import { hueClass } from "./markers.ts";
import type { Snapshot } from "./model.ts";
import { linesAt, outputAt } from "./trace.ts";
import type { ViewContext } from "./context.ts";

/** longest program shown, in lines (the playground's programs are far shorter) */
const MAX_LINES = 2000;
/** printed lines kept in view */
const MAX_OUTPUT = 200;

export class CodePanel {
  readonly root: HTMLDivElement;
  private ctx: ViewContext;
  private codeBox: HTMLDivElement;
  private list: HTMLOListElement;
  private out: HTMLPreElement;
  private outNote: HTMLParagraphElement;
  private lines: HTMLLIElement[] = [];
  private chips: HTMLSpanElement[] = [];
  private source: string | null = null;
  private marked: number[] = [];
  private key = "";
  /** the prints shown in the output: [outFirst, outEnd) of the run's prints */
  private outFirst = 0;
  private outEnd = 0;
  private outLast: HTMLSpanElement | null = null;

  constructor(ctx: ViewContext) {
    this.ctx = ctx;
    const { doc, uid } = ctx;
    this.root = el(doc, "div", { class: "lc-trace" });
    this.codeBox = el(doc, "div", { class: "lc-code-box", hidden: "" });
    this.codeBox.appendChild(el(doc, "h4", { id: `${uid}-code` }, "Code: where each task is"));
    this.codeBox.appendChild(el(doc, "p", { class: "lc-hint" }, "▶ the line being run · ‖ where a task waits (it resumes there)"));
    this.list = el(doc, "ol", { class: "lc-code", "aria-labelledby": `${uid}-code`, tabindex: "0" });
    this.codeBox.appendChild(this.list);
    const outBox = el(doc, "div", { class: "lc-out-box" });
    outBox.appendChild(el(doc, "h4", { id: `${uid}-out` }, "Output so far"));
    this.out = el(doc, "pre", { class: "lc-out", "aria-labelledby": `${uid}-out`, tabindex: "0" });
    this.outNote = el(doc, "p", { class: "lc-hint" });
    outBox.append(this.out, this.outNote);
    this.root.append(this.codeBox, outBox);
  }

  reset(): void {
    this.key = "";
    this.outFirst = 0;
    this.outEnd = 0;
    this.outLast = null;
    this.out.replaceChildren();
  }

  private setSource(source: string | null): void {
    if (source === this.source) return;
    this.source = source;
    const { doc } = this.ctx;
    this.lines = [];
    this.chips = [];
    this.marked = [];
    if (source === null) {
      this.list.replaceChildren();
      return;
    }
    const frag = doc.createDocumentFragment();
    source
      .split("\n")
      .slice(0, MAX_LINES)
      .forEach((text, i) => {
        const li = el(doc, "li", { "data-line": String(i + 1) });
        const chips = el(doc, "span", { class: "lc-chips" });
        li.append(el(doc, "code", {}, text.length ? text : " "), chips);
        frag.appendChild(li);
        this.lines.push(li);
        this.chips.push(chips);
      });
    this.list.replaceChildren(frag);
  }

  render(snap: Snapshot): void {
    const { state, doc } = this.ctx;
    const { model } = state;
    const pos = state.position ?? model.length;
    const key = `${pos}|${model.length}|${state.showInternals}|${state.source === null ? 0 : state.source.length}`;
    if (key === this.key) return;
    this.key = key;
    // the code, once the events carry lines
    const withCode = model.hasLines && state.source !== null;
    this.codeBox.hidden = !withCode;
    if (withCode) {
      this.setSource(state.source);
      for (const n of this.marked) {
        this.lines[n - 1]?.classList.remove("lc-line-running", "lc-line-waiting");
        this.chips[n - 1]?.replaceChildren();
      }
      this.marked = [];
      let first: HTMLLIElement | null = null;
      for (const [line, marks] of linesAt(snap, (id: ObjectId) => this.ctx.hidden(id))) {
        const li = this.lines[line - 1];
        const chips = this.chips[line - 1];
        if (!li || !chips) continue;
        const running = marks[0]!.kind === "running";
        li.classList.add(running ? "lc-line-running" : "lc-line-waiting");
        for (const m of marks) {
          const name = taskName(model, m.task);
          chips.appendChild(
            el(doc, "span", { class: `lc-chip ${hueClass(m.task)}`, title: `${name} ${m.kind === "running" ? "is running this line" : "waits here"}` }, `${m.kind === "running" ? "▶" : "‖"} ${model.task(m.task)?.name ?? ""}`),
          );
        }
        this.marked.push(line);
        if (running || !first) first = li;
      }
      // keep the line being run in view, inside the code box only
      if (first && state.position !== null) this.afterLayout(() => this.reveal(first));
    }
    // the output up to the position: a step moves the end of the window by a line or two, so
    // lines are added and removed at its ends rather than all drawn again
    const o = outputAt(model, pos, MAX_OUTPUT);
    const first = o.skipped;
    const end = o.skipped + o.lines.length;
    const line = (k: number): HTMLSpanElement => {
      const l = o.lines[k - first]!;
      return el(doc, "span", { "data-seq": String(l.seq) }, l.text.endsWith("\n") ? l.text : `${l.text}\n`);
    };
    if (end <= this.outFirst || first >= this.outEnd) {
      const frag = doc.createDocumentFragment();
      for (let k = first; k < end; k++) frag.appendChild(line(k));
      this.out.replaceChildren(frag);
    } else {
      for (let k = this.outFirst; k < first; k++) this.out.firstChild?.remove();
      for (let k = end; k < this.outEnd; k++) this.out.lastChild?.remove();
      const front: HTMLSpanElement[] = [];
      for (let k = first; k < this.outFirst; k++) front.push(line(k));
      this.out.prepend(...front);
      const back: HTMLSpanElement[] = [];
      for (let k = Math.max(first, this.outEnd); k < end; k++) back.push(line(k));
      this.out.append(...back);
    }
    this.outFirst = first;
    this.outEnd = end;
    this.outLast?.classList.remove("lc-out-last");
    this.outLast = state.position !== null ? (this.out.lastElementChild as HTMLSpanElement | null) : null;
    this.outLast?.classList.add("lc-out-last");
    const notes: string[] = [];
    if (o.skipped) notes.push(`${o.skipped} earlier line${o.skipped === 1 ? "" : "s"} not shown`);
    if (o.later && state.position !== null) notes.push(`${o.later} more line${o.later === 1 ? "" : "s"} printed later in the run`);
    if (!o.lines.length && !o.later) notes.push("Nothing printed.");
    this.outNote.textContent = notes.join("; ");
    this.afterLayout(() => {
      this.out.scrollTop = this.out.scrollHeight;
    });
  }

  /**
   * Run `read` at the start of the next frame, once the browser has laid out what this frame
   * wrote: reading sizes right after writing them would force a layout of the page in the
   * middle of the frame.
   */
  private afterLayout(read: () => void): void {
    const win = this.ctx.doc.defaultView;
    if (win?.requestAnimationFrame) win.requestAnimationFrame(read);
  }

  /** Scroll the code (not the page) so that `line` is in view. */
  private reveal(line: HTMLLIElement): void {
    // (the list is positioned: a line's offsetTop is measured from it)
    const box = this.list;
    const top = line.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - line.offsetHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}
