/**
 * The runner's workers between runs: one spare kept started, so that a Run does not wait for
 * the worker's script to be parsed, and, once the page has offered the runtime module
 * (protocol.ts, RuntimeOffer), with that module already evaluated (issue 12).
 *
 * One global scope holds one runtime, so a run goes to the spare only if the spare evaluated
 * exactly the runtime the run imports (the text is then not sent again), or none at all (it
 * then gets the text with the run); otherwise the spare gives way to a fresh worker.
 *
 * No DOM: the runner gives the way to start a worker, so tests drive it directly.
 */
import type { RunRequest, ToWorker } from "../protocol.ts";

export interface PoolWorker {
  postMessage(message: ToWorker): void;
  terminate(): void;
}

interface Spare<W> {
  worker: W;
  /** The runtime it was given to evaluate ahead, if any. */
  runtime: string | null;
}

export class WorkerPool<W extends PoolWorker> {
  private readonly create: () => W;
  /** The runtime module the page offered: every spare evaluates it ahead of its run. */
  private runtime: string | null = null;
  private spare: Spare<W> | null = null;

  constructor(create: () => W) {
    this.create = create;
  }

  /** Starts a spare if there is none (after a run has ended, or once at the start). */
  keepSpare(): void {
    this.spare ??= this.newSpare();
  }

  /** The runtime the page's programs import, from now on (RuntimeOffer). */
  offerRuntime(text: string): void {
    if (text === this.runtime) return;
    this.runtime = text;
    // A spare that evaluated another runtime (or none) gives way to one that evaluates this.
    if (this.spare !== null && this.spare.runtime !== text) {
      this.spare.worker.terminate();
      this.spare = null;
    }
    this.keepSpare();
  }

  /**
   * The worker for a run, and the message to post to it once the runner listens to it. The
   * spare is used up: the next one starts when the runner calls keepSpare() after the run, so
   * that evaluating a runtime never competes with the start of the run it would serve.
   */
  take(request: RunRequest): { worker: W; message: ToWorker } {
    const { runtime: carried, ...rest } = request;
    const wanted = carried ?? this.runtime ?? undefined;
    const spare = this.spare;
    this.spare = null;
    let worker: W;
    let message: ToWorker;
    if (spare !== null && wanted !== undefined && spare.runtime === wanted) {
      worker = spare.worker;
      message = rest;
    } else {
      message = wanted === undefined ? rest : { ...rest, runtime: wanted };
      if (spare !== null && spare.runtime === null) worker = spare.worker;
      else {
        spare?.worker.terminate();
        worker = this.create();
      }
    }
    return { worker, message };
  }

  private newSpare(): Spare<W> {
    const worker = this.create();
    if (this.runtime !== null) worker.postMessage({ type: "prepare", runtime: this.runtime });
    return { worker, runtime: this.runtime };
  }
}
