/**
 * The order of the editor's completions. TypeScript sorts the members of "asyncio" by name
 * only, so `asyncio.` offered ALL_COMPLETED and ArithmeticError first. Within each of
 * TypeScript's groups (locals, members, globals: its `sortText`), the names a reader of this
 * tutorial most likely wants come first, in this order, and the rest keep their
 * alphabetical order after them. Pure: monaco.ts applies it to Monaco's suggestions.
 */
export const LIKELY_NAMES: readonly string[] = [
  // the module's everyday names
  "run",
  "create_task",
  "sleep",
  "gather",
  "TaskGroup",
  "wait_for",
  "timeout",
  "wait",
  "as_completed",
  "shield",
  "current_task",
  "all_tasks",
  "get_running_loop",
  "Task",
  "Future",
  "Event",
  "Lock",
  "Semaphore",
  "Queue",
  "print",
  "CancelledError",
  "TimeoutError",
  // a Task's or a Future's everyday methods
  "cancel",
  "done",
  "result",
  "cancelled",
  "exception",
  "get_name",
  "add_done_callback",
  "cancelling",
  "uncancel",
];

const rank = new Map(LIKELY_NAMES.map((name, i) => [name, i]));

/**
 * The sortText that puts `label` where it belongs: TypeScript's own sortText first (so its
 * groups stay in their order), then likely names by rank, then everything else.
 */
export function rankedSortText(label: string, sortText: string | undefined): string {
  const r = rank.get(label);
  const group = sortText ?? label;
  return r === undefined ? `${group}~${label}` : `${group}!${String(r).padStart(3, "0")}`;
}
