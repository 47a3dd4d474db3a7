/**
 * The reader's progress on the exercises, kept in this browser only (localStorage): per
 * exercise, "passed" or "tried". Storage is untrusted input (another script, an old version,
 * a hand edit): what is read is bounded and checked entry by entry, and anything else is
 * ignored. Without storage (privacy modes, quota) progress lives for the page's lifetime.
 *
 * Changes are announced on `window` as a `practice-progress` event (this tab) and arrive
 * from other tabs as `storage` events; `onProgressChange` listens to both.
 */
export type ExerciseState = "passed" | "tried";

export const PROGRESS_KEY = "asyncio-tutorial:progress:v1";
/** Far beyond any real progress: a longer value is not ours, and is not parsed. */
const MAX_STORED_CHARS = 20_000;
const MAX_ENTRIES = 500;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

let memory: Map<string, ExerciseState> | null = null;

/** Parses a stored value; keeps only well-formed entries. */
export function parseProgress(raw: string | null): Map<string, ExerciseState> {
  const progress = new Map<string, ExerciseState>();
  if (raw === null || raw.length > MAX_STORED_CHARS) return progress;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return progress;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return progress;
  for (const [id, state] of Object.entries(data as Record<string, unknown>).slice(0, MAX_ENTRIES)) {
    if (id.length <= 64 && ID.test(id) && (state === "passed" || state === "tried")) progress.set(id, state);
  }
  return progress;
}

export function readProgress(): Map<string, ExerciseState> {
  try {
    return parseProgress(window.localStorage.getItem(PROGRESS_KEY));
  } catch {
    return new Map(memory ?? []);
  }
}

/** Records a Check: "passed" stays passed; a failed Check after a pass changes nothing. */
export function recordCheck(id: string, passed: boolean): ExerciseState {
  const progress = readProgress();
  const state: ExerciseState = passed || progress.get(id) === "passed" ? "passed" : "tried";
  progress.set(id, state);
  const value = JSON.stringify(Object.fromEntries(progress));
  try {
    window.localStorage.setItem(PROGRESS_KEY, value);
  } catch {
    memory = progress;
  }
  window.dispatchEvent(new CustomEvent("practice-progress"));
  return state;
}

export function onProgressChange(listener: () => void): void {
  window.addEventListener("practice-progress", listener);
  window.addEventListener("storage", (event) => {
    if (event.key === PROGRESS_KEY || event.key === null) listener();
  });
}

/** "1 of 2 exercises passed", "exercise tried", or "" when there is nothing to say. */
export function summary(ids: readonly string[], progress: Map<string, ExerciseState>): { text: string; state: "passed" | "tried" | "none" } {
  const passed = ids.filter((id) => progress.get(id) === "passed").length;
  const tried = ids.filter((id) => progress.get(id) === "tried").length;
  const noun = ids.length === 1 ? "exercise" : "exercises";
  if (passed === 0 && tried === 0) return { text: "", state: "none" };
  if (passed === ids.length) return { text: ids.length === 1 ? "exercise passed" : `all ${ids.length} exercises passed`, state: "passed" };
  if (ids.length === 1) return { text: "exercise tried, not passed yet", state: "tried" };
  return { text: `${passed} of ${ids.length} ${noun} passed`, state: "tried" };
}
