/**
 * The bridge between an example and its life-cycle view (src/lifecycle/view.ts, loaded with
 * `import()` the first time the reader opens it): the run's events are kept so that a view
 * opened during or after a run shows the whole run, and a print mark clicked in the view
 * points at its line in the output log.
 */
import type { LifecycleEvent } from "../asyncio/instrument.ts";

interface LifecycleView {
  reset(): void;
  push(events: LifecycleEvent[]): void;
  finish(): void;
  highlightPrint(seq: number): void;
}

export class LifecycleBridge {
  private events: LifecycleEvent[] = [];
  private runOver = true;
  private view: LifecycleView | null = null;

  private readonly host: HTMLElement;
  private readonly toggleButton: HTMLButtonElement;
  private readonly logEl: HTMLElement;

  constructor(host: HTMLElement, toggleButton: HTMLButtonElement, logEl: HTMLElement) {
    this.host = host;
    this.toggleButton = toggleButton;
    this.logEl = logEl;
  }

  /** The events of the current (or last) run. */
  get runEvents(): readonly LifecycleEvent[] {
    return this.events;
  }

  /** A new run starts: its events replace the last run's. */
  start(): void {
    this.events = [];
    this.runOver = false;
    this.view?.reset();
    // an example placed inside [data-lifecycle="open"] (the home page's) opens its view on Run
    if (this.host.closest('[data-lifecycle="open"]') && this.toggleButton.getAttribute("aria-pressed") !== "true") void this.toggle();
  }

  push(events: LifecycleEvent[]): void {
    for (const e of events) this.events.push(e);
    this.view?.push(events);
  }

  finish(): void {
    this.runOver = true;
    this.view?.finish();
  }

  /** A printed line was clicked in the output log. */
  highlightPrint(seq: number): void {
    this.view?.highlightPrint(seq);
  }

  /** The Life-cycle toggle: shows or hides the view, loading it the first time. */
  async toggle(): Promise<void> {
    const on = this.toggleButton.getAttribute("aria-pressed") !== "true";
    this.toggleButton.setAttribute("aria-pressed", String(on));
    this.host.hidden = !on;
    if (!on || this.view !== null) return;
    const { mountLifecycleView } = await import("../lifecycle/view.ts");
    this.view = mountLifecycleView(this.host, { onSelectPrint: (seq) => this.selectPrint(seq) });
    this.view.push(this.events);
    if (this.runOver && this.events.length > 0) this.view.finish();
  }

  /** A print mark was clicked in the view: the line it printed is shown as current in the log. */
  private selectPrint(seq: number): void {
    const line = this.logEl.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
    for (const l of this.logEl.querySelectorAll(".pg-line[aria-current]")) l.removeAttribute("aria-current");
    line?.setAttribute("aria-current", "true");
    line?.scrollIntoView({ block: "nearest" });
  }
}
