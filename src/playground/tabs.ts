/**
 * The example's tabs (TypeScript, Python, Output: Example.astro, src/site/example-tabs.ts)
 * as the playground needs them: the editor lives in the TypeScript tab, so Edit shows that
 * tab; and once the code is edited, the Python twin and the recorded output no longer
 * describe it, so their tabs say that they are the original's.
 */
type TabValue = "ts" | "py" | "out";

interface TabsElement extends HTMLElement {
  selected?: TabValue;
  select?(value: TabValue, options?: { focus?: boolean; silent?: boolean }): void;
}

/** Shows the TypeScript tab (where the code and the editor are). */
export function showCodeTab(root: HTMLElement): void {
  const tabs = root.querySelector<TabsElement>("example-tabs");
  if (tabs === null) return;
  if (typeof tabs.select === "function") {
    if (tabs.selected !== "ts") tabs.select("ts");
    return;
  }
  // Not enhanced (yet): the no-JS radio buttons.
  const radio = tabs.querySelector<HTMLInputElement>('input[type="radio"][value="ts"]');
  if (radio !== null && !radio.checked) radio.click();
}

const NOTES: Record<Exclude<TabValue, "ts">, string> = {
  py: "The Python twin of the original example, not of your edit.",
  out: "What CPython printed for the original example, not for your edit: run your edit to see its output below.",
};

/** Labels the Python and Output tabs (and their panels) as the original's while the code is edited. */
export function labelOriginals(root: HTMLElement, edited: boolean): void {
  for (const value of ["py", "out"] as const) {
    // The enhanced tab button, or the no-JS label.
    const tab =
      root.querySelector<HTMLElement>(`example-tabs [role="tab"][data-value="${value}"]`) ??
      root.querySelector<HTMLElement>(`example-tabs label[for$="-${value}-radio"]`);
    if (tab !== null) {
      tab.dataset.label ??= tab.textContent ?? "";
      tab.textContent = edited ? `${tab.dataset.label} (original)` : tab.dataset.label;
    }
    const panel = root.querySelector<HTMLElement>(`example-tabs [data-panel="${value}"]`);
    if (panel === null) continue;
    let note = panel.querySelector<HTMLElement>(":scope > .pg-original-note");
    if (edited && note === null) {
      note = document.createElement("p");
      note.className = "pg-original-note";
      note.textContent = NOTES[value];
      panel.prepend(note);
    }
    if (note !== null) note.hidden = !edited;
  }
}
