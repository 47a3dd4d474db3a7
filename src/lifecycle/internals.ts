/**
 * Telling the reader's tasks and callbacks from asyncio's own (issue 13). Every run has tasks
 * and callbacks the reader never wrote: `asyncio.run()` ends with two tasks of its own
 * (`shutdown_asyncgens`, `shutdown_default_executor`) and stops the loop from a done callback
 * (`_run_until_complete_cb`); `gather()`, `wait()` and TaskGroup react to their children through
 * done callbacks; a sleep ends with a timer's callback. CPython has them all, so the model keeps
 * them; the view labels them, explains them in a few words, and folds the purely internal ones
 * behind the "Show asyncio's internals" switch. Pure.
 */

/** What the view needs of a task to name it. */
export interface TaskLike {
  name: string;
  coro: string;
  repr: string;
}

/** asyncio.run()'s own shutdown coroutines (CPython's runners.py / base_events.py). */
const CLEANUP = /(^|\.)shutdown_(asyncgens|default_executor)$/;

/** "main" → "main()"; the runtime names coroutines without parentheses, some streams with. */
export function coroName(coro: string): string {
  const c = coro.replace(/\(\)$/, "");
  return `${c}()`;
}

/** Whether the task runs asyncio's own code rather than the reader's. */
export function isInternalTask(t: TaskLike): boolean {
  if (CLEANUP.test(t.coro.replace(/\(\)$/, ""))) return true;
  // its coroutine is defined in asyncio's own files (the runtime gives CPython's locations)
  return /\b(?:running|defined) at asyncio\//.test(t.repr) || t.coro.startsWith("BaseEventLoop.");
}

/** "Task-1 · main()", "Task-3 · asyncio.run() cleanup". */
export function taskLabel(t: TaskLike): string {
  const c = t.coro.replace(/\(\)$/, "");
  if (CLEANUP.test(c)) return `${t.name} · asyncio.run() cleanup`;
  return `${t.name} · ${coroName(c)}`;
}

/** What a callback is, for a reader who has never seen one run. */
export interface CallbackInfo {
  /** asyncio's own machinery: folded unless the reader asks for asyncio's internals */
  internal: boolean;
  /** the callback's name without its location: "_run_until_complete_cb()" */
  name: string;
  /** a few words on what it does */
  gloss: string;
}

const KNOWN: [RegExp, boolean, string][] = [
  [/^_run_until_complete_cb\(\)/, true, "asyncio.run() stops the loop: the task it runs is done"],
  [/^futures\._set_result_unless_cancelled\(\)/, true, "a timer fires: a sleep is over, the sleeping task is woken"],
  [/^_wait\.<locals>\._on_completion\(\)/, true, "asyncio.wait() notes that one of its tasks is done"],
  [/^_GatheringFuture\._done_callback\(\)|^gather\.<locals>\._done_callback\(\)/, true, "gather() notes that one of its children is done"],
  [/^TaskGroup\._on_task_done\(\)/, true, "the TaskGroup notes that one of its tasks is done"],
  [/^Task\.task_wakeup\(\)|^Task\.__wakeup\(\)/, false, "wakes the task that awaits this one"],
  [/^Task\.task_step\(\)|^Task\.__step\(\)/, true, "runs the next step of a task"],
  [/^_release_waiter\(\)/, true, "asyncio.wait_for() / wait() timeout: wakes the waiter"],
  [/^_chain_future\.<locals>\./, true, "copies a future's outcome to another one"],
];

/** The name of a callback without its location ("report() at main.ts:6" → "report()"). */
export function callbackName(label: string): string {
  return label.replace(/ at [^ ]+:\d+$/, "");
}

/** labels seen, with what they are: a run has thousands of handles and few distinct callbacks */
const seen = new Map<string, CallbackInfo>();

export function callbackInfo(label: string): CallbackInfo {
  let info = seen.get(label);
  if (info === undefined) {
    // bounded: a program that makes many distinct labels only loses the cache's help
    if (seen.size >= 2000) seen.clear();
    info = classify(label);
    seen.set(label, info);
  }
  return info;
}

function classify(label: string): CallbackInfo {
  const name = callbackName(label);
  for (const [re, internal, gloss] of KNOWN) if (re.test(name)) return { internal, name, gloss };
  // defined in asyncio's own files: its machinery; anywhere else: the reader's own callback
  if (/ at asyncio\//.test(label)) return { internal: true, name, gloss: "asyncio's own callback" };
  return { internal: false, name, gloss: "a callback your program registered" };
}
