/**
 * The Transitions table: every move of every task, for screen readers and for readers who
 * prefer rows to pictures. Rows are appended as the run streams in (200 at first, the rest on
 * "Show all", in chunks per animation frame); in step mode, rows after the cursor are dimmed
 * and the latest one is outlined.
 */
import { el } from "./dom.ts";
import { formatTime, stateLabel } from "./model.ts";
import type { ViewContext } from "./context.ts";

/** table rows rendered before "Show all" */
const TABLE_CAP = 200;
/** rows rendered per animation frame once "Show all" was chosen */
const TABLE_CHUNK = 250;

export class TransitionsTable {
  readonly root: HTMLDivElement;
  private tbody: HTMLTableSectionElement;
  private more: HTMLButtonElement;
  private showAll = false;
  private rendered = 0;
  private boundary = 0;
  private current: HTMLTableRowElement | null = null;

  private ctx: ViewContext;

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
    this.root.append(table, this.more);
  }

  reset(): void {
    this.showAll = false;
    this.rendered = 0;
    this.boundary = 0;
    this.current = null;
    this.tbody.replaceChildren();
  }

  render(): void {
    const { doc, state } = this.ctx;
    const { model, position } = state;
    const total = model.transitions.length;
    const limit = this.showAll ? total : Math.min(total, TABLE_CAP);
    // in step mode, rows after the cursor are dimmed and the latest one is outlined
    let boundary = total;
    if (position !== null) {
      let lo = 0;
      let hi = total;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (model.transitions[m]!.index < position) lo = m + 1;
        else hi = m;
      }
      boundary = lo;
    }
    const prevRendered = this.rendered;
    const until = Math.min(limit, this.rendered + (this.showAll ? TABLE_CHUNK : TABLE_CAP));
    if (until > this.rendered) {
      const frag = doc.createDocumentFragment();
      for (let i = this.rendered; i < until; i++) {
        const t = model.transitions[i]!;
        const tr = doc.createElement("tr");
        tr.dataset.index = String(t.index);
        tr.title = t.note;
        if (i >= boundary) tr.className = "lc-future";
        const cells = [t.taskName, stateLabel(t.from), stateLabel(t.to, t.outcome), String(t.iteration), formatTime(model.relativeTime(t.time))];
        cells.forEach((c, k) => {
          const td = doc.createElement("td");
          td.textContent = c;
          if (k >= 3) td.className = "lc-num";
          tr.appendChild(td);
        });
        frag.appendChild(tr);
      }
      this.tbody.appendChild(frag);
      this.rendered = until;
      if (this.rendered < limit) this.ctx.schedule();
    }
    this.more.hidden = this.showAll || total <= TABLE_CAP;
    this.more.textContent = `Show all ${total} transitions`;
    const rows = this.tbody.rows;
    const oldB = Math.min(this.boundary, prevRendered);
    const newB = Math.min(boundary, prevRendered);
    for (let i = Math.min(oldB, newB); i < Math.max(oldB, newB); i++) rows[i]?.classList.toggle("lc-future", i >= boundary);
    this.boundary = boundary;
    this.current?.classList.remove("lc-current");
    this.current?.removeAttribute("aria-current");
    this.current = null;
    if (position !== null && boundary > 0 && boundary <= this.rendered) {
      this.current = rows[boundary - 1] ?? null;
      this.current?.classList.add("lc-current");
      this.current?.setAttribute("aria-current", "true");
    }
  }
}
