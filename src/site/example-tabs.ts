/**
 * <example-tabs>: upgrades an example's no-JS radio tabs (see Example.astro) to the WAI-ARIA
 * tabs pattern: a tablist of buttons, arrow keys / Home / End to move, one tab stop, panels
 * with role="tabpanel". Other code (the playground) can switch tabs with `select("out")` and
 * listen for the `example-tab-change` event (detail: { value }).
 */
export type TabValue = "ts" | "py" | "out";

/**
 * The language a reader reads examples in: TypeScript unless they pick Python, which is then
 * remembered (localStorage) and followed by every example, on this page and the next. Only
 * "ts" and "py" are kept; anything else in storage is ignored.
 */
export const LANGUAGE_KEY = "example-language";
type Language = "ts" | "py";

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(LANGUAGE_KEY);
    return value === "py" || value === "ts" ? value : null;
  } catch {
    return null;
  }
}

function rememberLanguage(value: Language): void {
  try {
    if (value === "py") localStorage.setItem(LANGUAGE_KEY, "py");
    else localStorage.removeItem(LANGUAGE_KEY);
  } catch {
    /* storage unavailable: the choice lasts for this page */
  }
  window.dispatchEvent(new CustomEvent<Language>("example-language", { detail: value }));
}

export class ExampleTabs extends HTMLElement {
  #tabs: HTMLButtonElement[] = [];
  #panels: HTMLElement[] = [];

  connectedCallback(): void {
    if (this.hasAttribute("data-enhanced")) return;
    const fieldset = this.querySelector<HTMLFieldSetElement>(":scope > .example-tablist");
    if (!fieldset) return;
    const radios = [...fieldset.querySelectorAll<HTMLInputElement>("input[type=radio]")];
    const checked = radios.find((r) => r.checked)?.value ?? radios[0]?.value;

    const tablist = document.createElement("div");
    tablist.className = "example-tablist";
    tablist.setAttribute("role", "tablist");
    const caption = this.closest("figure")?.querySelector("figcaption");
    if (caption?.id) tablist.setAttribute("aria-labelledby", caption.id);

    for (const radio of radios) {
      const panel = this.querySelector<HTMLElement>(`:scope > [data-panel="${radio.value}"]`);
      const label = fieldset.querySelector<HTMLLabelElement>(`label[for="${radio.id}"]`);
      if (!panel || !label) continue;
      const tab = document.createElement("button");
      tab.type = "button";
      tab.className = "example-tab";
      tab.id = `${panel.id}-tab`;
      tab.dataset.value = radio.value;
      tab.textContent = label.textContent;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      tab.addEventListener("click", () => this.#choose(radio.value as TabValue));
      tablist.append(tab);
      this.#tabs.push(tab);
      this.#panels.push(panel);
    }
    tablist.addEventListener("keydown", (event) => this.#onKey(event));
    fieldset.replaceWith(tablist);
    this.setAttribute("data-enhanced", "");
    const language = storedLanguage();
    this.select(language === "py" && checked === "ts" ? "py" : ((checked ?? "ts") as TabValue), { focus: false, silent: true });
    // Another example's tabs changed the reader's language: follow, unless showing the output.
    window.addEventListener("example-language", (event) => {
      const value = (event as CustomEvent<Language>).detail;
      if (this.selected !== "out" && this.selected !== value) this.select(value, { silent: true });
    });
  }

  /** A tab the reader picked: a language choice is remembered and shared with the other examples. */
  #choose(value: TabValue, options: { focus?: boolean } = {}): void {
    this.select(value, options);
    if (value === "ts" || value === "py") rememberLanguage(value);
  }

  /** The value of the selected tab. */
  get selected(): TabValue | undefined {
    return this.#tabs.find((t) => t.getAttribute("aria-selected") === "true")?.dataset.value as
      | TabValue
      | undefined;
  }

  select(value: TabValue, options: { focus?: boolean; silent?: boolean } = {}): void {
    for (const [i, tab] of this.#tabs.entries()) {
      const on = tab.dataset.value === value;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      this.#panels[i].hidden = !on;
      if (on && options.focus) tab.focus();
    }
    if (!options.silent) {
      this.dispatchEvent(new CustomEvent("example-tab-change", { detail: { value }, bubbles: true }));
    }
  }

  #onKey(event: KeyboardEvent): void {
    const current = this.#tabs.findIndex((t) => t === document.activeElement);
    if (current < 0) return;
    const last = this.#tabs.length - 1;
    const next =
      event.key === "ArrowRight" ? (current === last ? 0 : current + 1)
      : event.key === "ArrowLeft" ? (current === 0 ? last : current - 1)
      : event.key === "Home" ? 0
      : event.key === "End" ? last
      : -1;
    if (next < 0) return;
    event.preventDefault();
    // Automatic activation: the panels are static text, so showing them on focus is cheap.
    this.#choose(this.#tabs[next].dataset.value as TabValue, { focus: true });
  }
}

if (!customElements.get("example-tabs")) customElements.define("example-tabs", ExampleTabs);

declare global {
  interface HTMLElementTagNameMap {
    "example-tabs": ExampleTabs;
  }
}
