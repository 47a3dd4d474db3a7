/**
 * The bridge between an example and its life-cycle view (src/lifecycle/view.ts, loaded with
 * `import()` the first time the reader opens it): it keeps the run's events for the view,
 * and a print mark clicked in the view points at its line in the output log.
 *
 * Events cost the runtime, the sandbox and the page: a run gets all of them (up to
 * MAX_FORWARDED_EVENTS) only when someone will look, the view being open when the run
 * starts or a consumer such as check() asking; otherwise only its first UNSEEN_EVENTS,
 * which is every event of any tutorial example, so that a view opened after a short run
 * still shows it. A longer run is then said to be cut, with the way to see all of it.
 */
import type { LifecycleEvent } from "../asyncio/instrument.ts";
import { MAX_FORWARDED_EVENTS } from "./protocol.ts";

/** Events a run keeps when nobody is looking at them (the view closed, no check()). */
export const UNSEEN_EVENTS = 2000;

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
  /** The current run's cap on events (what the worker was asked to forward). */
  private cap = MAX_FORWARDED_EVENTS;
  private note: HTMLElement | null = null;
  private viewHost: HTMLElement | null = null;

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

  private get open(): boolean {
    return this.toggleButton.getAttribute("aria-pressed") === "true";
  }

  /**
   * A new run starts: its events replace the last run's. Returns how many events it should
   * forward: all when the view is open or `consumer` (check()) wants them, else a few.
   */
  start(consumer = false): number {
    this.clear();
    this.runOver = false;
    // an example placed inside [data-lifecycle="open"] (the home page's) opens its view on Run
    if (this.host.closest('[data-lifecycle="open"]') && !this.open) void this.toggle();
    this.cap = this.open || consumer ? MAX_FORWARDED_EVENTS : UNSEEN_EVENTS;
    return this.cap;
  }

  /** Forgets the last run (Reset): an empty view. */
  clear(): void {
    this.events = [];
    this.runOver = true;
    this.cap = MAX_FORWARDED_EVENTS;
    this.showNote(false);
    this.view?.reset();
  }

  push(events: LifecycleEvent[]): void {
    for (const e of events) this.events.push(e);
    this.view?.push(events);
  }

  /** The run was cut at UNSEEN_EVENTS because the view was closed when it started. */
  private get cut(): boolean {
    return this.cap < MAX_FORWARDED_EVENTS && this.events.length >= this.cap;
  }

  private showNote(on: boolean): void {
    if (this.note === null) {
      if (!on) return;
      this.note = document.createElement("p");
      this.note.className = "pg-lifecycle-note";
      this.note.setAttribute("role", "note");
      this.note.textContent =
        `The Life-cycle view was closed when this run started, so only its first ${UNSEEN_EVENTS.toLocaleString("en")} ` +
        "events were kept. Run it again with the view open to see all of it.";
      this.host.prepend(this.note);
    }
    this.note.hidden = !on;
  }

  finish(): void {
    this.runOver = true;
    this.view?.finish();
    if (this.open) this.showNote(this.cut);
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
    if (on && this.runOver) this.showNote(this.cut);
    if (!on || this.view !== null) return;
    const { mountLifecycleView } = await import("../lifecycle/view.ts");
    this.viewHost = document.createElement("div");
    this.host.append(this.viewHost);
    this.view = mountLifecycleView(this.viewHost, { onSelectPrint: (seq) => this.selectPrint(seq) });
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
