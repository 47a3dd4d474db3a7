/**
 * Performance marks for bench/browser.ts, which reports where the time of a Run goes
 * (`playground:run` → `playground:program-ready` → `playground:first-output`; the sandbox adds
 * its own). Nothing in the page reads them.
 */

/** A Run was asked for; returns its start time for {@link markFirstOutput}. */
export function markRun(): number {
  performance.mark("playground:run");
  return performance.now();
}

/** The program is bundled (or its prebuilt bundle fetched). */
export function markProgramReady(): void {
  performance.mark("playground:program-ready");
}

/** The first output of a run arrived: a mark, and an event on the element with the delay. */
export function markFirstOutput(el: HTMLElement, started: number): void {
  performance.mark("playground:first-output");
  el.dispatchEvent(new CustomEvent("playground:first-output", { detail: performance.now() - started }));
}
