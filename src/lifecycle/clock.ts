/**
 * Where each event of a run sits in time, as the view shows it (issue 13). The runtime stamps
 * events with the loop's own clock and iteration number; four things about those stamps would
 * mislead a reader, and are put right here, before the model sees the events:
 *
 * - **Clock jitter at 1x and 10x.** On the wall clock a timer fires a few milliseconds after
 *   its deadline, so a `sleep(0.5)` would show as "+0.505 s". A timer that fires at most
 *   `TIMER_LATENESS` late is shown at its deadline, and the small advances of the clock while
 *   handles run (under `STEP_JITTER` since the last deadline) are not shown: the virtual clock
 *   ("instant") has neither, so the three speeds show the same times. A real delay (a step
 *   that blocks the loop for a second) is bigger than both and is shown as it happened.
 * - **Empty iterations.** Waking a few microseconds before a deadline makes the loop run an
 *   iteration with nothing ready; CPython rounds its select() timeout up and never does (and
 *   the virtual clock cannot). Those iterations are dropped, and the iterations after them
 *   numbered as CPython numbers them.
 * - **Prints outside the loop.** `print()` before or after `asyncio.run()` carries iteration 0
 *   and time 0 (there is no loop); it is placed where the run stands instead of sending the
 *   run's clock back to zero ("0 loop iterations" at the end of a run that had six).
 * - **Several `asyncio.run()` calls.** Each starts a new loop whose clock and iterations start
 *   again; times are made continuous across them (CPython's loop.time() is the monotonic clock,
 *   which never goes back), and each loop's first event index is kept so that positions can
 *   say which run they are in.
 *
 * Pure; one instance per model (`LifecycleModel` owns it).
 */
import type { LifecycleEvent, ObjectId } from "../asyncio/instrument.ts";

/** a timer that fires at most this late (loop seconds) is shown at its deadline */
export const TIMER_LATENESS = 0.25;
/** advances of the loop clock smaller than this since the last deadline are not shown */
export const STEP_JITTER = 0.05;

export class RunClock {
  /** index (in the kept events) of the first event of each loop */
  readonly loopStarts: number[] = [];
  /** indexes of prints made outside any loop */
  readonly outside = new Set<number>();
  /** iterations dropped because nothing was ready in them */
  emptyIterations = 0;
  private rawIteration = 0;
  private skipped = 0;
  private inLoop = false;
  /** the time shown for the raw time `anchorRaw`; later times are measured from there */
  private anchorRaw = 0;
  private anchorShown = 0;
  private lastShown = 0;
  private shownIteration = 0;
  /** deadline of each pending timer of the current loop: on the loop's clock and as shown */
  private timers = new Map<ObjectId, { raw: number; shown: number }>();

  /**
   * The event as the view shows it (a new object when anything changed), or null when it
   * must be dropped. `index` is the position it will have among the kept events.
   */
  place(e: LifecycleEvent, index: number): LifecycleEvent | null {
    if (e.type === "print" && e.task === null && e.iteration === 0) {
      // outside any loop: where the run stands (before the first loop: its start, time 0)
      this.outside.add(index);
      return { ...e, iteration: this.shownIteration, time: this.inLoop ? this.lastShown : e.time };
    }
    if (!this.inLoop || e.iteration < this.rawIteration) this.newLoop(e, index);
    this.rawIteration = e.iteration;
    if (e.type === "iteration-begin" && e.ready === 0) {
      this.skipped++;
      this.emptyIterations++;
      return null;
    }
    let shown: number;
    const due = e.type === "timer-fired" ? this.timers.get(e.handle) : undefined;
    // (a timer is due when it is less than the clock's resolution ahead: a hair early is due)
    if (due !== undefined && e.time - due.raw >= -1e-3 && e.time - due.raw <= TIMER_LATENESS) {
      // at (or just after) its deadline: shown at the deadline, as it was shown when it was set
      this.anchorShown = Math.max(this.lastShown, due.shown);
      this.anchorRaw = e.time;
      shown = this.anchorShown;
    } else {
      const since = e.time - this.anchorRaw;
      shown = since <= STEP_JITTER ? this.anchorShown : this.anchorShown + since;
      if (shown < this.lastShown) shown = this.lastShown;
    }
    if (e.type === "timer-added") this.timers.set(e.handle, { raw: e.when, shown: shown + (e.when - e.time) });
    else if (e.type === "timer-fired" || e.type === "handle-cancelled") this.timers.delete(e.handle);
    if (Math.abs(shown - e.time) < 1e-9) shown = e.time;
    this.lastShown = shown;
    const iteration = Math.max(0, e.iteration - this.skipped);
    this.shownIteration = iteration;
    if (shown === e.time && iteration === e.iteration) return e;
    if (e.type === "timer-added") {
      // the deadline in the shown clock, so that timers list "at +0.500 s"
      return { ...e, time: shown, iteration, when: shown + (e.when - e.time) };
    }
    return { ...e, time: shown, iteration };
  }

  private newLoop(e: LifecycleEvent, index: number): void {
    const first = !this.inLoop && this.loopStarts.length === 0;
    this.inLoop = true;
    this.loopStarts.push(index);
    this.skipped = 0;
    this.timers.clear();
    this.anchorRaw = e.time;
    // the first loop keeps its own clock; the next ones continue where the last one stopped
    this.anchorShown = first ? e.time : this.lastShown;
    this.lastShown = this.anchorShown;
  }

  /** Which loop (0-based) the kept event at `index` belongs to. */
  loopOf(index: number): number {
    let lo = 0;
    let hi = this.loopStarts.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (this.loopStarts[m]! <= index) lo = m + 1;
      else hi = m;
    }
    return Math.max(0, lo - 1);
  }
}
