/**
 * Step mode: the buttons that move one handle or one loop iteration back and forth, the
 * scrubber, the sentence that says what the current frame shows (describe.ts), and the loop's
 * ready queue and timers at that moment.
 */
import { el } from "./dom.ts";
import { describeFrame, describePosition, taskName } from "./describe.ts";
import { GLOSSARY } from "./glossary.ts";
import { callbackInfo } from "./internals.ts";
import { formatTime, type ReadyEntry, type Snapshot } from "./model.ts";
import type { ViewContext } from "./context.ts";

/** entries of the ready queue and of the timers listed before "… and N more" */
const READY_SHOWN = 60;
const TIMERS_SHOWN = 40;

export class StepPanel {
  readonly root: HTMLDivElement;
  private bStart: HTMLButtonElement;
  private bIterBack: HTMLButtonElement;
  private bHandleBack: HTMLButtonElement;
  private bHandleFwd: HTMLButtonElement;
  private bIterFwd: HTMLButtonElement;
  private bLive: HTMLButtonElement;
  private scrub: HTMLInputElement;
  private frameText: HTMLParagraphElement;
  private readyList: HTMLOListElement;
  private timerList: HTMLUListElement;
  private cache = { key: "", where: "", what: "" };

  private ctx: ViewContext;

  constructor(ctx: ViewContext) {
    this.ctx = ctx;
    const { doc, uid } = ctx;
    this.root = el(doc, "div", { class: "lc-step", role: "group", "aria-label": "Step mode" });
    this.root.appendChild(el(doc, "h3", {}, "Step mode"));
    const buttons = el(doc, "div", { class: "lc-step-buttons" });
    const mk = (label: string, title: string, action: () => void): HTMLButtonElement => {
      const b = el(doc, "button", { type: "button", title, "aria-label": title }, label);
      b.addEventListener("click", action);
      buttons.appendChild(b);
      return b;
    };
    this.bStart = mk("⇤ start", "Back to the start", () => ctx.stepTo(0));
    this.bIterBack = mk("◀◀ iteration", "Back one loop iteration", () => ctx.stepBy("iteration", -1));
    this.bHandleBack = mk("◀ handle", "Back one handle", () => ctx.stepBy("handle", -1));
    this.bHandleFwd = mk("handle ▶", "Forward one handle", () => ctx.stepBy("handle", 1));
    this.bIterFwd = mk("iteration ▶▶", "Forward one loop iteration", () => ctx.stepBy("iteration", 1));
    // the words on the buttons, explained where the pointer rests (the names stay short for screen readers)
    this.bHandleBack.title = this.bHandleFwd.title = `${this.bHandleFwd.getAttribute("aria-label")}. A handle: ${GLOSSARY.handle}`;
    this.bIterBack.title = this.bIterFwd.title = `One loop iteration. ${GLOSSARY.iteration}`;
    this.bLive = mk("Follow run", "Follow run to its end (leave step mode)", () => ctx.follow());
    this.root.appendChild(buttons);
    this.scrub = el(doc, "input", { type: "range", class: "lc-scrub", min: "0", max: "0", value: "0", step: "1", "aria-label": "Position in the run" });
    this.scrub.addEventListener("input", () => {
      const stops = ctx.stops(true).stops;
      const v = Number(this.scrub.value);
      ctx.stepTo(stops[Math.max(0, Math.min(stops.length - 1, v))] ?? 0);
    });
    this.root.appendChild(this.scrub);
    this.frameText = el(doc, "p", { class: "lc-frame" });
    this.root.appendChild(this.frameText);
    const queues = el(doc, "div", { class: "lc-queues" });
    const readyBox = el(doc, "div");
    readyBox.appendChild(el(doc, "h4", { id: `${uid}-ready`, title: GLOSSARY["ready queue"] }, "Ready queue"));
    this.readyList = el(doc, "ol", { "aria-labelledby": `${uid}-ready`, tabindex: "0" });
    readyBox.appendChild(this.readyList);
    const timersBox = el(doc, "div");
    timersBox.appendChild(el(doc, "h4", { id: `${uid}-timers`, title: GLOSSARY.timer }, "Timers"));
    this.timerList = el(doc, "ul", { "aria-labelledby": `${uid}-timers`, tabindex: "0" });
    timersBox.appendChild(this.timerList);
    queues.append(readyBox, timersBox);
    this.root.appendChild(queues);
  }

  reset(): void {
    this.cache = { key: "", where: "", what: "" };
  }

  /** The sentence for position `pos`, cached (the scrubber and the live region ask for it too). */
  describe(pos: number): string {
    const { state } = this.ctx;
    return this.parts(pos).join(". ");
  }

  /** The position's name and what happened there, computed once per position. */
  private parts(pos: number): [string, string] {
    const { state } = this.ctx;
    const key = `${pos}|${state.model.length}|${state.finished}`;
    if (this.cache.key !== key) this.cache = { key, where: describePosition(state.model, pos), what: describeFrame(state.model, pos, state.finished) };
    return [this.cache.where, this.cache.what];
  }

  render(snap: Snapshot): void {
    const { state, doc } = this.ctx;
    const { model, position, finished } = state;
    for (const b of [this.bStart, this.bIterBack, this.bHandleBack]) b.disabled = (position ?? model.length) <= 0;
    const atEnd = position === null || position >= model.length;
    this.bHandleFwd.disabled = atEnd;
    this.bIterFwd.disabled = atEnd;
    this.bLive.disabled = position === null;
    this.bLive.setAttribute("aria-pressed", String(position === null));

    const f = this.ctx.stops();
    const pos = position ?? model.length;
    this.scrub.max = String(Math.max(0, f.stops.length - 1));
    let i = f.stops.findIndex((s) => s >= pos);
    if (i < 0) i = f.stops.length - 1;
    this.scrub.value = String(i);
    if (position === null) {
      this.frameText.textContent = finished ? "End of the run. Step back to replay it, one handle or one iteration at a time." : "Following the run. Step to pause on a moment.";
    } else {
      const [where, what] = this.parts(pos);
      this.frameText.replaceChildren(el(doc, "strong", {}, `${where}.`), doc.createTextNode(` ${what}`));
    }
    this.scrub.setAttribute("aria-valuetext", position === null ? "following the run" : this.describe(pos));

    const ready: HTMLLIElement[] = [];
    snap.ready.slice(0, READY_SHOWN).forEach((r, k) => {
      const later = k >= snap.readyThisIteration && snap.readyThisIteration < snap.ready.length && position !== null;
      const [text, title] = this.readyLabel(r);
      ready.push(el(doc, "li", later ? { class: "lc-later", title } : { title }, text));
    });
    if (snap.ready.length > READY_SHOWN) ready.push(el(doc, "li", { class: "lc-empty" }, `… and ${snap.ready.length - READY_SHOWN} more`));
    this.readyList.replaceChildren(...(ready.length ? ready : [el(doc, "li", { class: "lc-empty" }, "empty")]));
    const timers = snap.timers
      .slice(0, TIMERS_SHOWN)
      .map((t) => el(doc, "li", { title: callbackInfo(t.callback).gloss }, `at +${formatTime(model.relativeTime(t.when))} s: ${callbackInfo(t.callback).name}`));
    if (snap.timers.length > TIMERS_SHOWN) timers.push(el(doc, "li", { class: "lc-empty" }, `… and ${snap.timers.length - TIMERS_SHOWN} more`));
    this.timerList.replaceChildren(...(timers.length ? timers : [el(doc, "li", { class: "lc-empty" }, "none")]));
  }

  /** An entry of the ready queue in words, and its tooltip. */
  private readyLabel(r: ReadyEntry): [string, string] {
    const { model } = this.ctx.state;
    if (r.kind === "step") {
      const what = r.reason === "wakeup" ? "wake-up step" : r.reason === "yield" ? "next step (after a bare yield)" : "first step";
      return [`${taskName(model, r.task)}: ${what}${r.cancelled ? " (cancelled)" : ""}`, `The loop will run this task's ${what}.`];
    }
    const cb = callbackInfo(r.label.replace(/ \(cancelled\)$/, ""));
    const kind = r.kind === "timer" ? "timer due: " : "";
    return [`${kind}${cb.name}${r.cancelled ? " (cancelled)" : ""}`, r.kind === "timer" ? "A timer that is due: a sleep is over." : cb.gloss];
  }
}
