/**
 * <exercise-block>: the reader's side of an <Exercise> (src/components/Exercise.astro).
 *
 * Adds the buttons Check, Hint and Show solution. Check runs the reader's program (the
 * starter as edited) through the example's run API (`check()`, docs/CONTRACTS.md) on the
 * virtual clock, grades the run against CPython's recording of the reference solution
 * (src/site/exercise-grade.ts) and says "Passed…" or "Not yet…" in the status, with what
 * differs or the hint for a typical wrong answer. Hint shows the next hint; Show solution
 * unfolds the solution. Progress (passed / tried) is kept in this browser (progress.ts).
 *
 * The run came out of the sandbox: it is only compared and quoted as text.
 */
import type { RunResult } from "../playground/run-result.ts";
import { grade, type EventCheck, type Expected, type TypicalAnswer } from "./exercise-grade.ts";
import { codeSpans } from "./inline-code.ts";
import { onProgressChange, readProgress, recordCheck } from "./progress.ts";

interface RunnableExample extends HTMLElement {
  check?(): Promise<RunResult>;
}

interface Config {
  typical: TypicalAnswer[];
  events: EventCheck[];
  expected: Expected;
}

function button(label: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "pg-button exercise-button";
  b.textContent = label;
  return b;
}

/** Text with `code` marks as nodes (our own messages only). */
function spans(text: string): Node[] {
  return codeSpans(text).map((p) => {
    if (!p.code) return document.createTextNode(p.text);
    const code = document.createElement("code");
    code.textContent = p.text;
    return code;
  });
}

export class ExerciseBlock extends HTMLElement {
  #id = "";
  #config: Config | null = null;
  #check = button("Check");
  #hint = button("Hint");
  #solution = button("Show solution");
  #status: HTMLElement | null = null;
  #hintsShown = 0;

  connectedCallback(): void {
    if (this.dataset.enhanced === "true") return;
    this.dataset.enhanced = "true";
    this.#id = this.dataset.exerciseId ?? "";
    try {
      this.#config = JSON.parse(this.dataset.config ?? "") as Config;
    } catch {
      this.#config = null;
    }
    this.#status = this.querySelector<HTMLElement>(".exercise-status");

    const bar = document.createElement("div");
    bar.className = "exercise-controls";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Check your program");
    bar.append(this.#check, this.#hint, this.#solution);
    this.#status?.before(bar);

    // Hints: one at a time, under the buttons; the no-JS summary gives way to the button.
    const hints = this.#hints();
    if (hints !== null) {
      hints.open = true;
      hints.hidden = true;
      hints.querySelector("summary")?.setAttribute("hidden", "");
      for (const li of hints.querySelectorAll("li")) li.hidden = true;
      const heading = document.createElement("p");
      heading.className = "exercise-hints-heading";
      heading.textContent = "Hints";
      hints.prepend(heading);
    }
    const solution = this.#solutionBlock();
    if (solution !== null) solution.hidden = true;

    this.#check.addEventListener("click", () => void this.#runCheck());
    this.#hint.addEventListener("click", () => this.#nextHint());
    this.#solution.addEventListener("click", () => this.#showSolution());
    this.#showProgress();
    onProgressChange(() => this.#showProgress());
  }

  #hints(): HTMLDetailsElement | null {
    return this.querySelector<HTMLDetailsElement>("details[data-exercise-hints]");
  }

  #solutionBlock(): HTMLDetailsElement | null {
    return this.querySelector<HTMLDetailsElement>("details[data-exercise-solution]");
  }

  #example(): RunnableExample | null {
    return this.querySelector<RunnableExample>("asyncio-example");
  }

  #say(text: string, kind: "passed" | "failed" | "info", rich = false): void {
    const status = this.#status;
    if (status === null) return;
    status.dataset.verdict = kind;
    if (rich) status.replaceChildren(...spans(text));
    else status.textContent = text;
  }

  async #runCheck(): Promise<void> {
    const ex = this.#example();
    const config = this.#config;
    if (ex === null || config === null) return;
    await customElements.whenDefined("asyncio-example");
    if (typeof ex.check !== "function") return;
    this.#check.disabled = true;
    this.#say("Checking: running your program…", "info");
    // The verdict compares with CPython's output, which does not depend on the wall clock:
    // run on the virtual clock (sleeps take no time).
    const speed = ex.querySelector<HTMLSelectElement>('select[aria-label="Speed"]');
    if (speed !== null && [...speed.options].some((o) => o.value === "instant")) speed.value = "instant";
    try {
      const result = await ex.check();
      const verdict = grade({ title: "", chapter: "", hints: [], typical: config.typical, events: config.events }, config.expected, result);
      recordCheck(this.#id, verdict.passed);
      this.#say(verdict.message, verdict.passed ? "passed" : "failed", verdict.passed || verdict.rule !== undefined);
      // How many verdicts so far: lets a test (or a script) wait for this one.
      this.dataset.checks = String(Number(this.dataset.checks ?? "0") + 1);
    } finally {
      this.#check.disabled = false;
    }
  }

  #nextHint(): void {
    const hints = this.#hints();
    if (hints === null) return;
    const items = [...hints.querySelectorAll("li")];
    const next = items[this.#hintsShown];
    if (next === undefined) return;
    hints.hidden = false;
    next.hidden = false;
    this.#hintsShown++;
    const last = this.#hintsShown === items.length;
    this.#say(`Hint ${this.#hintsShown} of ${items.length}${last ? ", the last one," : ""} is shown below the program.`, "info");
    // The hint itself gets the focus, so that a screen reader reads it where it is.
    next.tabIndex = -1;
    next.focus();
    if (last) {
      this.#hint.disabled = true;
      this.#hint.title = "No more hints: Show solution shows a reference solution";
    }
  }

  #showSolution(): void {
    const solution = this.#solutionBlock();
    if (solution === null) return;
    solution.hidden = false;
    solution.open = true;
    solution.querySelector("summary")?.setAttribute("hidden", "");
    this.#solution.disabled = true;
    this.#say("The reference solution is shown below the hints. Check still grades your own program.", "info");
  }

  #showProgress(): void {
    const mark = this.querySelector<HTMLElement>("[data-exercise-progress]");
    if (mark === null) return;
    const state = readProgress().get(this.#id);
    mark.dataset.state = state ?? "none";
    mark.textContent = state === "passed" ? " · passed" : state === "tried" ? " · tried" : "";
  }
}

if (!customElements.get("exercise-block")) customElements.define("exercise-block", ExerciseBlock);
