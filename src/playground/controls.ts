/**
 * The controls of one example: Run, Stop, Edit, Reset, Share, the speed select, the
 * Life-cycle toggle, the "edited" badge and the status line. Built with DOM calls only; the
 * element wires the buttons to what they do.
 */
import type { ClockChoice } from "./protocol.ts";

export const SPEEDS: Record<string, ClockChoice> = {
  "1x": { kind: "wall", speed: 1 },
  "10x": { kind: "wall", speed: 10 },
  instant: { kind: "virtual" },
};

export function button(label: string, className = ""): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.className = `pg-button ${className}`.trim();
  return b;
}

export class Controls {
  readonly bar = document.createElement("div");
  readonly run = button("Run", "pg-run");
  readonly stop = button("Stop");
  readonly edit = button("Edit");
  readonly reset = button("Reset");
  readonly share = button("Share");
  readonly lifecycle = button("Life-cycle");
  /** Shown after Reset: brings the edit back. */
  readonly undo = button("Undo");
  readonly speed = document.createElement("select");
  readonly badge = document.createElement("span");
  readonly status = document.createElement("span");

  constructor() {
    const bar = this.bar;
    bar.className = "pg-bar";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Run this example");
    this.stop.disabled = true;
    this.reset.disabled = true;
    this.lifecycle.setAttribute("aria-pressed", "false");
    this.lifecycle.title = "Show how each task moves through its life-cycle in this run";
    this.run.title = "Run (Ctrl+Enter)";
    this.stop.title = "Stop (Escape)";
    this.speed.setAttribute("aria-label", "Speed");
    this.speed.title = "1x and 10x run on the wall clock; instant uses a virtual clock";
    for (const name of Object.keys(SPEEDS)) this.speed.add(new Option(name, name));
    this.badge.className = "pg-badge";
    this.badge.textContent = "edited";
    this.badge.hidden = true;
    this.status.className = "pg-status";
    this.status.setAttribute("role", "status");
    this.undo.hidden = true;
    this.undo.title = "Bring back the code you had before Reset";
    bar.append(this.run, this.stop, this.edit, this.reset, this.undo, this.share, this.speed, this.lifecycle, this.badge, this.status);
  }

  /** The clock the speed select asks for. */
  clock(): ClockChoice {
    return SPEEDS[this.speed.value] ?? SPEEDS["1x"]!;
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /**
   * Stop is on while a run is being prepared or is running. Run stays on (pressed again, it
   * starts over, as Ctrl+Enter does): disabling the button that has the focus would drop the
   * focus to <body>, where "/" opens Search. When Stop goes off under the focus, the focus
   * moves to Run, next to it.
   */
  setRunning(running: boolean): void {
    const focused = document.activeElement === this.stop;
    if (!running && focused) this.run.focus({ preventScroll: true });
    this.stop.disabled = !running;
  }

  setEdited(edited: boolean): void {
    this.badge.hidden = !edited;
    const focused = document.activeElement === this.reset;
    this.reset.disabled = !edited;
    // Reset pressed from the keyboard: Undo (shown next to it) takes the focus, else Run.
    if (focused && !edited) (this.undo.hidden ? this.run : this.undo).focus({ preventScroll: true });
  }

  /** Shows Undo after a Reset (or hides it once the reader moved on). */
  offerUndo(on: boolean): void {
    const focused = document.activeElement === this.undo;
    this.undo.hidden = !on;
    if (focused && !on) this.run.focus({ preventScroll: true });
  }
}
