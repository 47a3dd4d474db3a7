/**
 * Shows the reader's exercise progress (progress.ts) wherever the page marks a place for it:
 * `data-progress-for="id id…"` (the exercises of a chapter, in the sidebar and on the home
 * page; the text rendered at build time, "2 exercises", is kept when there is no progress)
 * and `data-progress-total` (all the exercises, on the home page). Text only.
 */
import { onProgressChange, readProgress, summary } from "./progress.ts";

function update(): void {
  const progress = readProgress();
  for (const el of document.querySelectorAll<HTMLElement>("[data-progress-for]")) {
    const ids = (el.dataset.progressFor ?? "").split(/\s+/).filter(Boolean);
    el.dataset.original ??= el.textContent ?? "";
    const s = summary(ids, progress);
    el.dataset.state = s.state;
    el.textContent = s.state === "none" ? el.dataset.original : s.text;
  }
  for (const el of document.querySelectorAll<HTMLElement>("[data-progress-total]")) {
    const ids = (el.dataset.progressTotal ?? "").split(/\s+/).filter(Boolean);
    const passed = ids.filter((id) => progress.get(id) === "passed").length;
    const tried = ids.filter((id) => progress.get(id) === "tried").length;
    el.hidden = passed + tried === 0;
    el.textContent =
      `Your progress in this browser: ${passed} of ${ids.length} exercises passed` +
      (tried > 0 ? `, ${tried} tried.` : ".");
  }
}

update();
onProgressChange(update);
