/**
 * The Transitions table: every move of every task, for screen readers and for readers who
 * prefer rows to pictures. Rows are appended as the run streams in (200 at first, the rest on
 * "Show all", in chunks per animation frame); in step mode, rows after the cursor are dimmed
 * and the latest one is outlined.
 */
import { el } from "./dom.ts";
import { taskName } from "./describe.ts";
import { formatTime, stateLabel } from "./model.ts";
import type { ViewContext } from "./context.ts";

/** table rows rendered before "Show all" */
const TABLE_CAP = 200;
/** rows rendered per animation frame once "Show all" was chosen */
const TABLE_CHUNK = 250;

export class TransitionsTable {
  readonly root: HTMLDivElement;
  private ctx: ViewContext;
  private tbody: HTMLTableSectionElement;
  private more: HTMLButtonElement;
  private note: HTMLParagraphElement;
  private showAll = false;
  /** transition index of each row rendered, in order */
  private rowTs: number[] = [];
  /** transitions looked at so far (rows were made of the visible ones) */
  private scanned = 0;
  /** visible transitions counted so far, and up to which transition */
  private visible = 0;
  private counted = 0;
  private internals: boolean | null = null;
  private boundary = 0;
  private current: HTMLTableRowElement | null = null;

  constructor(ctx: ViewContext) {
    this.ctx = ctx;
    const { doc } = ctx;
    // scrollable, so focusable: keyboard users can scroll it (WCAG 2.1.1)
    this.root = el(doc, "div", { class: "lc-table-wrap", tabindex: "0", role: "region", "aria-label": "Transitions, scrollable" });
    const table = el(doc, "table");
    const caption = el(doc, "caption", {}, "Transitions");
    const thead = el(doc, "thead");
    const tr = el(doc, "tr");
    for (const name of ["Task", "From", "To", "Iteration", "Time"]) tr.appendChild(el(doc, "th", { scope: "col" }, name));
    thead.appendChild(tr);
    this.tbody = el(doc, "tbody");
    table.append(caption, thead, this.tbody);
    this.more = el(doc, "button", { type: "button", class: "lc-table-more", hidden: "" });
    this.more.addEventListener("click", () => {
      this.showAll = true;
      this.more.hidden = true;
      ctx.schedule();
    });
    this.note = el(doc, "p", { class: "lc-table-note", hidden: "" });
    this.root.append(table, this.more, this.note);
  }

  reset(): void {
    this.showAll = false;
    this.clearRows();
  }

  private clearRows(): void {
    this.rowTs = [];
    this.scanned = 0;
    this.visible = 0;
    this.counted = 0;
    this.boundary = 0;
    this.current = null;
    this.tbody.replaceChildren();
  }

  render(): void {
    const { doc, state } = this.ctx;
    const { model, position } = state;
    if (this.internals !== state.showInternals) {
      this.internals = state.showInternals;
      this.clearRows();
    }
    const ts = model.transitions;
    for (; this.counted < ts.length; this.counted++) if (!this.ctx.hidden(ts[this.counted]!.task)) this.visible++;
    const hiddenRows = ts.length - this.visible;
    const limit = this.showAll ? this.visible : Math.min(this.visible, TABLE_CAP);
    const budget = this.showAll ? TABLE_CHUNK : TABLE_CAP;
    // in step mode, rows after the cursor are dimmed and the latest one is outlined
    const tBoundary = position === null ? ts.length : firstAtOrAfter(ts.length, (i) => ts[i]!.index >= position);
    const prevRows = this.rowTs.length;
    if (this.rowTs.length < limit) {
      const frag = doc.createDocumentFragment();
      let made = 0;
      for (; this.scanned < ts.length && this.rowTs.length < limit && made < budget; this.scanned++) {
        const t = ts[this.scanned]!;
        if (this.ctx.hidden(t.task)) continue;
        const tr = doc.createElement("tr");
        tr.dataset.index = String(t.index);
        tr.title = t.note;
        if (this.scanned >= tBoundary) tr.className = "lc-future";
        const cells = [taskName(model, t.task), stateLabel(t.from), stateLabel(t.to, t.outcome), String(t.iteration), formatTime(model.relativeTime(t.time))];
        cells.forEach((c, k) => {
          const td = doc.createElement("td");
          td.textContent = c;
          if (k >= 3) td.className = "lc-num";
          tr.appendChild(td);
        });
        frag.appendChild(tr);
        this.rowTs.push(this.scanned);
        made++;
      }
      this.tbody.appendChild(frag);
      if (this.rowTs.length < limit) this.ctx.schedule();
    }
    this.more.hidden = this.showAll || this.visible <= TABLE_CAP;
    this.more.textContent = `Show all ${this.visible} transitions`;
    this.note.hidden = hiddenRows === 0;
    this.note.textContent = `${hiddenRows} transition${hiddenRows === 1 ? "" : "s"} of asyncio's own tasks ${hiddenRows === 1 ? "is" : "are"} not listed: choose "Show asyncio's internals" to list them.`;
    // the row boundary: the first row whose transition is at or after the cursor
    const boundary = firstAtOrAfter(this.rowTs.length, (k) => this.rowTs[k]! >= tBoundary);
    const rows = this.tbody.rows;
    const oldB = Math.min(this.boundary, prevRows);
    const newB = Math.min(boundary, prevRows);
    for (let i = Math.min(oldB, newB); i < Math.max(oldB, newB); i++) rows[i]?.classList.toggle("lc-future", i >= boundary);
    this.boundary = boundary;
    this.current?.classList.remove("lc-current");
    this.current?.removeAttribute("aria-current");
    this.current = null;
    if (position !== null && boundary > 0) {
      this.current = rows[boundary - 1] ?? null;
      this.current?.classList.add("lc-current");
      this.current?.setAttribute("aria-current", "true");
    }
  }
}

/** The first i in [0, n) for which `at(i)` holds (it holds for every i after it), or n. */
function firstAtOrAfter(n: number, at: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (at(m)) hi = m;
    else lo = m + 1;
  }
  return lo;
}
