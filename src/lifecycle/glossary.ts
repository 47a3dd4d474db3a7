/**
 * The words the Life-cycle view uses, explained in one sentence each, for a reader who has
 * never seen an event loop (issue 13). The view shows them as its legend and as tooltips
 * wherever the word appears; every sentence was checked against CPython 3.13's asyncio
 * (base_events.py `_run_once`, events.py `Handle`/`TimerHandle`, tasks.py `Task.__step`).
 */

export const GLOSSARY = {
  loop:
    "The event loop runs everything: one iteration at a time, it takes the handles that are ready and runs each in turn. Its own lane shows the callbacks it ran that are not a task's step.",
  iteration:
    "One turn of the loop: it moves the timers that are due into the ready queue, then runs the handles that were ready when the turn began (those queued meanwhile wait for the next turn).",
  handle:
    "One callback waiting in the loop's ready queue: a task's next step, or a plain function such as a done callback. Step mode moves one handle at a time.",
  "ready queue":
    "The handles the loop will run, in order. A task is Scheduled while one of its steps is in it.",
  timer:
    "A callback the loop keeps until a given time: asyncio.sleep(0.5) sets one that wakes the task after 0.5 s. Timers are sorted by time; a due one joins the ready queue.",
  callback:
    "A function the loop calls for you. A done callback is one a task calls once it is done: add_done_callback() adds one, and awaiting a task, gather(), wait() and asyncio.run() add their own.",
  cancelled:
    "Spelled as Python spells it (Task.cancel(), Task.cancelled(), CancelledError); the seed's headings write Canceled. A cancelled task is done: cancellation is one of its three outcomes.",
} as const;

export type Term = keyof typeof GLOSSARY;

/** The diagram's marks, in words: what a dot, a cross and a struck circle mean. */
export const MARKER_LEGEND: readonly [shape: "dot" | "cross" | "struck" | "badge", text: string][] = [
  ["dot", "a task; each task keeps its colour, so you can follow it from state to state"],
  ["cross", "done with an exception"],
  ["struck", "done, cancelled"],
  ["badge", "how many tasks are in that state"],
];
