/**
 * <predict-question>: the reader's side of a <Predict> (src/components/Predict.astro).
 *
 * Until the reader answers (a choice, or opening "Show me the answer"), the example the
 * question is about keeps its recorded output to itself: its Output tab, its run output and
 * its life-cycle view are hidden (`data-predict="pending"` on the example, see practice.css),
 * and a note says why. After a choice, the status says "Right…" or "Not quite…" followed by
 * the explanation, the choices show which one CPython printed, and the example runs.
 *
 * Everything shown comes from this page's own build-time markup; nothing is built as HTML.
 */
import type { RunResult } from "../playground/run-result.ts";

interface RunnableExample extends HTMLElement {
  check?(): Promise<RunResult>;
}

interface TabsElement extends HTMLElement {
  select?(value: "ts" | "py" | "out", options?: { focus?: boolean; silent?: boolean }): void;
  selected?: string;
}

const LETTERS = ["A", "B", "C", "D"];

export class PredictQuestion extends HTMLElement {
  #example: RunnableExample | null = null;
  #note: HTMLElement | null = null;
  #answered = false;

  connectedCallback(): void {
    if (this.dataset.enhanced === "true") return;
    this.dataset.enhanced = "true";
    const id = this.dataset.exampleId ?? "";
    this.#example = document.querySelector<RunnableExample>(`asyncio-example[data-example-id="${CSS.escape(id)}"]`);
    this.#hideOutput();
    for (const radio of this.#radios()) {
      radio.addEventListener("change", () => {
        if (radio.checked) this.#answer(Number(radio.value));
      });
    }
    this.#details()?.addEventListener("toggle", () => {
      if (this.#details()?.open && !this.#answered) this.#reveal(null);
    });
  }

  #radios(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>(".predict-choice input[type=radio]")];
  }

  #details(): HTMLDetailsElement | null {
    return this.querySelector<HTMLDetailsElement>("details.predict-answer");
  }

  get #answerIndex(): number {
    return Number(this.dataset.answer);
  }

  #hideOutput(): void {
    const ex = this.#example;
    if (ex === null) return;
    ex.dataset.predict = "pending";
    const tabs = ex.querySelector<TabsElement>("example-tabs");
    // The Output tab is hidden; arrow keys must not land on its (hidden) panel either.
    tabs?.addEventListener("example-tab-change", (event) => {
      const value = (event as CustomEvent<{ value?: string }>).detail?.value;
      if (ex.dataset.predict === "pending" && value === "out") tabs.select?.("ts", { focus: true });
    });
    const note = document.createElement("p");
    note.className = "predict-wait";
    note.textContent = "The output of this example stays hidden until you answer the prediction above (or open “Show me the answer”).";
    this.#note = note;
    (ex.querySelector("[data-playground]") ?? ex).prepend(note);
  }

  #showOutput(): void {
    const ex = this.#example;
    if (ex === null) return;
    delete ex.dataset.predict;
    this.#note?.remove();
  }

  #answer(chosen: number): void {
    if (this.#answered) return;
    this.#reveal(chosen);
  }

  /** Shows the answer: after a choice (`chosen`) or on "Show me the answer" (null). */
  #reveal(chosen: number | null): void {
    this.#answered = true;
    this.dataset.state = "answered";
    const right = this.#answerIndex;
    for (const radio of this.#radios()) {
      radio.disabled = true;
      const i = Number(radio.value);
      const label = radio.closest<HTMLElement>(".predict-choice");
      if (label === null) continue;
      if (i === right) this.#mark(label, "right", "what CPython printed");
      else if (i === chosen) this.#mark(label, "wrong", "your answer");
    }
    const status = this.querySelector<HTMLElement>("[role=status]");
    const details = this.#details();
    if (status !== null && chosen !== null) {
      const verdict = document.createElement("p");
      verdict.className = "predict-verdict";
      verdict.textContent =
        chosen === right
          ? `Right: CPython 3.13 printed ${LETTERS[right]}.`
          : `Not quite: you chose ${LETTERS[chosen]}, CPython 3.13 printed ${LETTERS[right]}.`;
      status.dataset.verdict = chosen === right ? "right" : "wrong";
      const explanation = this.querySelector("[data-predict-explanation]");
      // The explanation is this page's own markup: a copy of its nodes, not HTML text.
      const copy = explanation?.cloneNode(true) as HTMLElement | undefined;
      copy?.removeAttribute("data-predict-explanation");
      status.replaceChildren(verdict, ...(copy ? [copy] : []));
      if (details) details.hidden = true;
    } else if (status !== null) {
      status.textContent = `Shown: CPython 3.13 printed ${LETTERS[right]}. The explanation is below.`;
    }
    this.#showOutput();
    void this.#run();
  }

  #mark(label: HTMLElement, kind: "right" | "wrong", text: string): void {
    label.dataset.mark = kind;
    const mark = document.createElement("span");
    mark.className = "predict-mark";
    mark.textContent = text;
    label.append(mark);
  }

  /** The run that shows the output in the page, once the playground has enhanced the example. */
  async #run(): Promise<void> {
    const ex = this.#example;
    if (ex === null) return;
    await customElements.whenDefined("asyncio-example");
    if (typeof ex.check === "function") await ex.check();
  }
}

if (!customElements.get("predict-question")) customElements.define("predict-question", PredictQuestion);
