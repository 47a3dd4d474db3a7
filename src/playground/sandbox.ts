/**
 * The page's side of the sandbox: one hidden runner iframe per page, shared by every example,
 * with a watchdog per run. Loaded on the first Run.
 *
 * The iframe is `sandbox="allow-scripts"` without allow-same-origin, so its origin is opaque:
 * the reader's code, in a worker inside it, cannot touch this page's DOM, storage or cookies,
 * and the runner's CSP forbids network requests. Its document is a srcdoc (no request). Messages are accepted only from that
 * iframe's window, and each is read with readRunnerMessage (validate.ts): the runner is our
 * code, but it relays a program's words, so its messages are checked again here.
 */
import { HEARTBEAT_MS, RUN_LIMIT_MS, type ClockChoice, type FromRunner, type LimitKind, type OutputItem, type ToRunner } from "./protocol.ts";
import { readRunnerMessage } from "./validate.ts";
import runnerHtml from "virtual:asyncio-runner";

export interface RunCallbacks {
  onItems(items: OutputItem[]): void;
  /** Called once: the program ended by itself (status), or was stopped (reason). */
  onEnd(end: RunEnd): void;
  onStarted?(): void;
}

export type RunEnd =
  | { kind: "exit"; status: number }
  | { kind: "stopped" }
  | { kind: "hung"; silentMs: number }
  | { kind: "timeout"; limitMs: number }
  /** The runner ended the run: it broke a budget (protocol.ts), or sent what no program can. */
  | { kind: "limit"; what: Exclude<LimitKind, "time"> };

/** A program ready to run: the ESM bundle, its source map, and the runtime if not bundled in. */
export interface Bundle {
  code: string;
  map: string;
  runtime?: string;
}

export interface RunHandle {
  stop(): void;
}

/**
 * The runner ends a hung program itself (protocol.ts, HUNG_AFTER_MS). The page only steps in
 * when the runner has not said anything for this long during a run, although it relays
 * heartbeats: then the runner itself is stuck, and the iframe is thrown away.
 */
export const RUNNER_SILENT_MS = 3000;
/**
 * Wall-clock limit of one run: tutorial programs take seconds, not minutes. The runner
 * enforces it; the page too, a little later, in case the runner does not.
 */
export { RUN_LIMIT_MS };
const PAGE_RUN_LIMIT_MS = RUN_LIMIT_MS + 1000;
/** How long one task of the page reads the runner's messages before it yields (ms). */
const DRAIN_SLICE_MS = 8;
/**
 * Messages from the runner waiting to be read. The runner sends far fewer (its budgets and
 * RELAY_MS bound a run to a few hundred); more means the runner itself floods the page.
 */
const MAX_PENDING_MESSAGES = 10_000;

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createHTML(input: string): string }): { createHTML(input: string): unknown };
}

let runnerPolicy: { createHTML(input: string): unknown } | undefined;

/**
 * The page requires Trusted Types for its HTML sinks: `srcdoc` gets the runner's document
 * through a policy that can make nothing else (it ignores its input).
 */
function runnerSrcdoc(): unknown {
  const trusted = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (trusted === undefined) return runnerHtml;
  runnerPolicy ??= trusted.createPolicy("asyncio-sandbox", { createHTML: () => runnerHtml });
  return runnerPolicy.createHTML("");
}

interface ActiveRun {
  callbacks: RunCallbacks;
  lastSign: number;
  startedAt: number;
  ended: boolean;
}

class Sandbox {
  private iframe: HTMLIFrameElement | null = null;
  private ready: Promise<void> | null = null;
  private runs = new Map<number, ActiveRun>();
  private nextId = 1;
  private watchdog: number | undefined;

  private load(): Promise<void> {
    if (this.ready !== null) return this.ready;
    const iframe = document.createElement("iframe");
    iframe.setAttribute("sandbox", "allow-scripts");
    iframe.setAttribute("aria-hidden", "true");
    iframe.tabIndex = -1;
    iframe.title = "Sandbox that runs the examples";
    iframe.hidden = true;
    // The runner's document travels with this module (runner/document.ts): nothing to fetch,
    // so it works offline, and it is the same document the page's CSP allows by hash.
    iframe.srcdoc = runnerSrcdoc() as string;
    this.iframe = iframe;
    this.ready = new Promise<void>((resolve) => {
      const read = (e: MessageEvent) => {
        const m = readRunnerMessage(e.data);
        if (m === null) {
          this.malformed(e.data);
          return;
        }
        if (m.type === "ready") {
          performance.mark("playground:sandbox-ready");
          // A new runner (the first, or one after a discard) knows no runtime yet.
          this.offered = null;
          resolve();
          this.sendRuntime();
        }
        else this.receive(m);
      };
      const onMessage = (e: MessageEvent) => {
        if (e.source !== iframe.contentWindow || e.source === null) return;
        this.enqueue(() => read(e));
      };
      window.addEventListener("message", onMessage);
      iframe.addEventListener("sandbox-removed", () => window.removeEventListener("message", onMessage), { once: true });
    });
    document.body.append(iframe);
    return this.ready;
  }

  /**
   * The runner's messages wait here, in order, and are read one task each (`drain`). A run
   * that sends much at once (the runner flushes everything it holds when a run ends, up to
   * MAX_FORWARDED_EVENTS events in messages of MAX_RELAY_EVENTS) reaches this page as a row
   * of message tasks, which Chromium runs back to back ahead of the page's timers: reading
   * them as they come kept the page from answering for seconds on a loaded machine (issue 9).
   * Taking a message costs nothing (its data is decoded only when read); reading it waits
   * for a task of its own, scheduled as a timer, so the page's other work takes turns.
   */
  private pending: (() => void)[] = [];
  private draining = false;

  private enqueue(read: () => void): void {
    if (this.pending.length >= MAX_PENDING_MESSAGES) {
      // Only a runner that floods the page itself gets here (the runner's budgets bound
      // what it relays): its runs end, and what it says meanwhile is dropped.
      for (const [id] of this.runs) this.finish(id, { kind: "limit", what: "rate" });
      return;
    }
    this.pending.push(read);
    if (!this.draining) {
      this.draining = true;
      setTimeout(() => this.drain(), 0);
    }
  }

  /** Reads waiting messages for a few milliseconds, then lets the page's other tasks run. */
  private drain(): void {
    const until = performance.now() + DRAIN_SLICE_MS;
    let read: (() => void) | undefined;
    while ((read = this.pending.shift()) !== undefined) {
      read();
      if (performance.now() >= until) break;
    }
    if (this.pending.length > 0) setTimeout(() => this.drain(), 0);
    else this.draining = false;
  }

  /** Last resort when the runner itself stops answering: throw the whole iframe away. */
  private discard(): void {
    const iframe = this.iframe;
    this.iframe = null;
    this.ready = null;
    this.offered = null;
    // what the old runner said and was not read yet concerns runs that are over
    this.pending = [];
    if (iframe !== null) {
      iframe.dispatchEvent(new Event("sandbox-removed"));
      iframe.remove();
    }
  }

  /** The runtime module to offer to the runner, and the one the current runner was given. */
  private runtime: string | null = null;
  private offered: string | null = null;

  /**
   * Offers the runtime module to the runner (protocol.ts, RuntimeOffer), now if it is ready,
   * else as soon as it is: its spare worker evaluates it before the reader clicks Run.
   */
  offerRuntime(text: string): void {
    this.runtime = text;
    void this.load().then(() => this.sendRuntime());
  }

  private sendRuntime(): void {
    const text = this.runtime;
    if (text === null || text === this.offered || this.iframe === null) return;
    this.offered = text;
    this.post({ type: "runtime", text });
  }

  private post(m: ToRunner): void {
    this.iframe?.contentWindow?.postMessage(m, "*");
  }

  /**
   * A message from the runner that the protocol does not have: the run it names (if any)
   * ends, as a run that broke the protocol; anything else is dropped.
   */
  private malformed(data: unknown): void {
    const runId = typeof data === "object" && data !== null ? (data as { runId?: unknown }).runId : undefined;
    if (typeof runId === "number" && this.runs.has(runId)) this.finish(runId, { kind: "limit", what: "protocol" });
  }

  private receive(m: FromRunner): void {
    if (m.type === "ready") return;
    const run = this.runs.get(m.runId);
    if (run === undefined || run.ended) return;
    run.lastSign = performance.now();
    switch (m.type) {
      case "batch":
        run.callbacks.onItems(m.items);
        break;
      case "started":
        performance.mark("playground:started");
        run.callbacks.onStarted?.();
        break;
      case "exit":
        this.finish(m.runId, { kind: "exit", status: m.status });
        break;
      case "hung":
        this.finish(m.runId, { kind: "hung", silentMs: m.silentMs });
        break;
      case "limit":
        this.finish(m.runId, m.what === "time" ? { kind: "timeout", limitMs: RUN_LIMIT_MS } : { kind: "limit", what: m.what });
        break;
      case "beat":
      case "stopped":
        break;
    }
  }

  private finish(runId: number, end: RunEnd): void {
    const run = this.runs.get(runId);
    if (run === undefined || run.ended) return;
    run.ended = true;
    this.runs.delete(runId);
    if (end.kind !== "exit") this.post({ type: "stop", runId });
    if (this.runs.size === 0 && this.watchdog !== undefined) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
      this.lastCheck = 0;
    }
    run.callbacks.onEnd(end);
  }

  private lastCheck = 0;

  private checkRuns(): void {
    const now = performance.now();
    // A late check means this page's own thread was held up: messages from the runner may be
    // waiting behind this very callback, so silence is counted from now on.
    // Messages waiting to be read (drain) are signs of life not counted yet: the same.
    const late = (this.lastCheck > 0 && now - this.lastCheck > 2 * HEARTBEAT_MS) || this.pending.length > 0;
    this.lastCheck = now;
    for (const [id, run] of this.runs) {
      if (late) run.lastSign = Math.max(run.lastSign, now - HEARTBEAT_MS);
      if (now - run.startedAt > PAGE_RUN_LIMIT_MS) this.finish(id, { kind: "timeout", limitMs: RUN_LIMIT_MS });
      else if (now - run.lastSign > RUNNER_SILENT_MS) {
        this.finish(id, { kind: "hung", silentMs: Math.round(now - run.lastSign) });
        this.confirmAlive();
      }
    }
  }

  private confirmAlive(): void {
    const iframe = this.iframe;
    if (iframe === null) return;
    let answered = false;
    const onMessage = (e: MessageEvent) => {
      if (e.source === iframe.contentWindow) answered = true;
    };
    window.addEventListener("message", onMessage);
    // A stop always gets a "stopped" reply from a healthy runner.
    const probe = -1;
    this.post({ type: "stop", runId: probe });
    setTimeout(() => {
      window.removeEventListener("message", onMessage);
      if (!answered && this.iframe === iframe) {
        for (const [id] of this.runs) this.finish(id, { kind: "stopped" });
        this.discard();
      }
    }, 1000);
  }

  /** `maxEvents`: how many life-cycle events the run forwards (protocol.ts, RunRequest). */
  run(bundle: Bundle, clock: ClockChoice, callbacks: RunCallbacks, options: { maxEvents?: number } = {}): RunHandle {
    const runId = this.nextId++;
    const now = performance.now();
    const active: ActiveRun = { callbacks, lastSign: now, startedAt: now, ended: false };
    this.runs.set(runId, active);
    this.watchdog ??= window.setInterval(() => this.checkRuns(), HEARTBEAT_MS);
    void this.load().then(() => {
      if (active.ended) return;
      // Loading the runner is not the program's time: the watchdog starts now.
      active.lastSign = active.startedAt = performance.now();
      // The runtime the runner was offered is not sent again (it is already evaluated there).
      const runtime = bundle.runtime !== undefined && bundle.runtime === this.offered ? undefined : bundle.runtime;
      this.post({ type: "run", runId, code: bundle.code, map: bundle.map, runtime, clock, maxEvents: options.maxEvents });
    });
    return { stop: () => this.finish(runId, { kind: "stopped" }) };
  }

  /** Starts loading the runner ahead of a Run (on intent), so the click waits for less. */
  warm(): void {
    void this.load();
  }
}

let sandbox: Sandbox | undefined;
export function getSandbox(): Sandbox {
  return (sandbox ??= new Sandbox());
}
