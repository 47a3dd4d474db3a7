/**
 * What one run of an example produced, for code on the page that checks a run (exercises,
 * predictions): the `asyncio-example` element's `check()` resolves to it and its
 * `asyncio-run-end` event carries it (docs/CONTRACTS.md, "Run API").
 *
 * Everything here came out of the sandbox, so it is untrusted data: plain strings and the
 * events as the worker forwarded them (the worker caps their number), never markup. The text
 * kept is bounded here too, whatever the program prints.
 */
import type { LifecycleEvent } from "../asyncio/instrument.ts";
import type { OutputItem } from "./protocol.ts";
import type { RunEnd } from "./sandbox.ts";

export interface RunResult {
  /** Everything the program wrote on standard output, as written. */
  stdout: string;
  /** Everything it wrote on standard error (tracebacks, warnings). */
  stderr: string;
  /** The exit status when the program ended by itself (`reason: "exit"`), else null. */
  status: number | null;
  /**
   * How the run ended: "exit" by itself; "stopped" by the reader (Stop, or a new Run);
   * "limit" by the playground's time limit on a run or another of its limits (output,
   * events, messages; protocol.ts); "timeout" by the watchdog, the program
   * having given no sign of life (a synchronous endless loop); "error" when it never started
   * (it did not compile, or could not be fetched).
   */
  reason: "exit" | "stopped" | "limit" | "timeout" | "error";
  events: readonly LifecycleEvent[];
}

/** Text kept per stream: far beyond any tutorial program, small enough for any page. */
export const MAX_RESULT_CHARS = 1_000_000;

/** Collects one run's output items; `end()` turns them into its RunResult. */
export class RunRecorder {
  private stdout = "";
  private stderr = "";
  private readonly events: LifecycleEvent[] = [];

  add(items: readonly OutputItem[]): void {
    for (const item of items) {
      if (item.k === "out" && typeof item.t === "string") this.stdout = capped(this.stdout, item.t);
      else if (item.k === "err" && typeof item.t === "string") this.stderr = capped(this.stderr, item.t);
      else if (item.k === "ev" && Array.isArray(item.e)) for (const e of item.e) this.events.push(e);
    }
  }

  end(end: RunEnd): RunResult {
    const reason =
      end.kind === "exit" ? "exit"
      : end.kind === "stopped" ? "stopped"
      : end.kind === "timeout" || end.kind === "limit" ? "limit"
      : "timeout";
    return this.result(reason, end.kind === "exit" ? end.status : null);
  }

  /** The program never ran: `message` says why (it goes on stderr, as the log shows it). */
  error(message: string): RunResult {
    this.stderr = capped(this.stderr, message);
    return this.result("error", null);
  }

  private result(reason: RunResult["reason"], status: number | null): RunResult {
    return { stdout: this.stdout, stderr: this.stderr, status, reason, events: this.events };
  }
}

function capped(kept: string, more: string): string {
  return kept.length >= MAX_RESULT_CHARS ? kept : (kept + more).slice(0, MAX_RESULT_CHARS);
}
