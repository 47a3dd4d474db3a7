/**
 * The runner's bookkeeping for one run: it reads each message of the run's worker
 * (validate.ts), enforces the run's budgets (protocol.ts) whatever the worker claims, and
 * hands the page merged batches, at most one per RELAY_MS, so that the page receives a
 * bounded number of messages and of items per second however fast the worker posts.
 *
 * `receive` answers what the runner must do: nothing, end the run because the program
 * exited, or end it because a budget was broken. After either end the relay ignores
 * everything (a terminated worker's messages may still be in flight).
 *
 * No DOM and no timers of its own: the clock and the scheduling of the next flush are given,
 * so tests drive it directly.
 */
import type { LifecycleEvent } from "../../asyncio/instrument.ts";
import {
  BUSY_GRACE_MS,
  HUNG_AFTER_MS,
  MAX_BATCH_ITEMS,
  MAX_RELAY_EVENTS,
  MAX_EVENT_CHARS,
  MAX_FORWARDED_EVENTS,
  MAX_FORWARDED_LINES,
  MAX_MESSAGES_PER_SECOND,
  MAX_OUTPUT_CHARS,
  MAX_RUN_ITEMS,
  RELAY_MS,
  RUN_LIMIT_MS,
  type FromRunner,
  type LimitKind,
  type OutputItem,
} from "../protocol.ts";
import { countLines, readWorkerMessage, takeLines } from "../validate.ts";

export interface RelayHost {
  /** Sends a message to the page. */
  send(message: FromRunner): void;
  /** Calls `flush` after `ms` (once; the relay asks again when it needs to). */
  later(flush: () => void, ms: number): void;
  now(): number;
}

export type Verdict = { end: "none" } | { end: "exit" } | { end: "limit"; what: LimitKind };

const NONE: Verdict = { end: "none" };

export class RunRelay {
  readonly runId: number;
  private readonly host: RelayHost;
  private ended = false;
  private started = false;
  private readonly startedAt: number;
  /** When the worker last said anything; null until its first message (it may be loading). */
  lastSign: number | null = null;

  private chars = 0;
  private items = 0;
  private lines = 0;
  private events = 0;
  private eventChars = 0;
  private windowStart: number;
  private windowCount = 0;
  /** The worker's last word was "busy": it may stay silent for BUSY_GRACE_MS. */
  private busy = false;

  private buffer: OutputItem[] = [];
  private lastFlush = Number.NEGATIVE_INFINITY;
  private flushPending = false;
  /** The buffer holds text; and some text of this run has reached the page. */
  private textWaiting = false;
  private textSent = false;

  constructor(runId: number, host: RelayHost) {
    this.runId = runId;
    this.host = host;
    this.startedAt = this.windowStart = host.now();
  }

  get over(): boolean {
    return this.ended;
  }

  /**
   * One message from the run's worker, whatever it is. `read` gives its data (the browser
   * decodes a message when its data is first read).
   */
  receive(read: () => unknown): Verdict {
    if (this.ended) return NONE;
    const now = this.host.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    if (++this.windowCount > MAX_MESSAGES_PER_SECOND) return this.limit("rate");
    const verdict = this.handle(read());
    this.lastSign = this.host.now();
    return verdict;
  }

  private handle(data: unknown): Verdict {
    const m = readWorkerMessage(data);
    this.busy = m !== null && m.type === "busy";
    if (m === null) return this.limit("protocol");
    switch (m.type) {
      case "beat":
      case "busy":
        return NONE;
      case "started":
        if (!this.started) {
          this.started = true;
          this.host.send({ type: "started", runId: this.runId });
        }
        return NONE;
      case "exit":
        this.flush();
        this.ended = true;
        this.host.send({ type: "exit", runId: this.runId, status: m.status });
        return { end: "exit" };
      case "batch": {
        const { batch } = m;
        this.items += batch.items.length;
        if (this.items > MAX_RUN_ITEMS) return this.limit("rate");
        this.events += batch.events;
        this.eventChars += batch.eventChars;
        if (this.events > MAX_FORWARDED_EVENTS || this.eventChars > MAX_EVENT_CHARS) return this.limit("events");
        for (const item of batch.items) {
          if (item.k === "out" || item.k === "err") {
            const room = MAX_OUTPUT_CHARS - this.chars;
            if (item.t.length > room) {
              // What fits is still shown, up to the limit.
              this.addText(item.k, item.t.slice(0, room), item.k === "out" ? item.s : undefined);
              return this.limit("output");
            }
            this.chars += item.t.length;
            this.addText(item.k, item.t, item.k === "out" ? item.s : undefined);
          } else if (item.k === "drop") {
            this.addDropped(item.n);
          } else {
            this.addEvents(item.e);
          }
          // An item adds at most two to the buffer (text, and the count of lines past the cap).
          if (this.buffer.length >= MAX_BATCH_ITEMS - 1) this.flush();
        }
        this.schedule();
        return NONE;
      }
    }
  }

  /**
   * The runner's periodic check: the run limit, and silence (a worker that said nothing
   * for HUNG_AFTER_MS since its first message is stuck in a synchronous loop). `late` means
   * the check itself came late (this thread was held up): silence then counts from now.
   */
  check(late: boolean): Verdict | { end: "hung"; silentMs: number } {
    if (this.ended) return NONE;
    const now = this.host.now();
    if (now - this.startedAt > RUN_LIMIT_MS) return this.limit("time");
    if (this.lastSign === null) return NONE;
    if (late) this.lastSign = Math.max(this.lastSign, now - HUNG_AFTER_MS / 4);
    else if (now - this.lastSign > (this.busy ? BUSY_GRACE_MS : HUNG_AFTER_MS)) {
      const silentMs = Math.round(now - this.lastSign);
      this.flush();
      this.ended = true;
      this.host.send({ type: "hung", runId: this.runId, silentMs });
      return { end: "hung", silentMs };
    }
    return NONE;
  }

  /** The page stopped the run: nothing more goes to the page for it. */
  stop(): void {
    this.ended = true;
    this.buffer = [];
  }

  /** A failure of the runner's own (the worker script did not load): told as stderr, status 1. */
  fail(message: string): void {
    if (this.ended) return;
    this.addText("err", message.slice(0, 1000), undefined);
    this.flush();
    this.ended = true;
    this.host.send({ type: "exit", runId: this.runId, status: 1 });
  }

  private limit(what: LimitKind): Verdict {
    this.flush();
    this.ended = true;
    this.host.send({ type: "limit", runId: this.runId, what });
    return { end: "limit", what };
  }

  private addText(k: "out" | "err", text: string, s: number | undefined): void {
    if (text.length === 0) return;
    const { keep, dropped } = takeLines(text, MAX_FORWARDED_LINES - this.lines);
    this.lines += countLines(keep);
    if (keep.length > 0) {
      this.textWaiting = true;
      if (k === "out") this.buffer.push(s === undefined ? { k, t: keep } : { k, t: keep, s });
      else this.buffer.push({ k, t: keep });
    }
    if (dropped > 0) this.addDropped(dropped);
  }

  private addDropped(n: number): void {
    if (n === 0) return;
    const last = this.buffer[this.buffer.length - 1];
    if (last !== undefined && last.k === "drop") last.n = Math.min(last.n + n, Number.MAX_SAFE_INTEGER);
    else this.buffer.push({ k: "drop", n });
  }

  private addEvents(events: LifecycleEvent[]): void {
    if (events.length === 0) return;
    const last = this.buffer[this.buffer.length - 1];
    if (last !== undefined && last.k === "ev") for (const e of events) last.e.push(e);
    else this.buffer.push({ k: "ev", e: events.slice() });
  }

  /**
   * At most one batch per RELAY_MS: the first at once, later ones gathered. (A batch that
   * reaches MAX_BATCH_ITEMS goes at once; only forged output gets there, and the budgets
   * bound how often.) The run's first text also goes at once, once per run: a program's
   * first events (tasks created, scheduled) usually come in a batch of their own just
   * before its first print, which then waited RELAY_MS, measured as most of the time
   * between the worker's first output and the page's on a cold Run (issue 12).
   */
  private schedule(): void {
    if (this.buffer.length === 0) return;
    if (this.textWaiting && !this.textSent) {
      this.flush();
      return;
    }
    if (this.flushPending) return;
    const wait = this.lastFlush + RELAY_MS - this.host.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.flushPending = true;
    this.host.later(() => {
      this.flushPending = false;
      if (!this.ended) this.flush();
    }, wait);
  }

  /**
   * Sends what was gathered, in messages of at most MAX_RELAY_EVENTS events each, so that
   * the page handles a large run's events in several tasks rather than one long one.
   */
  private flush(): void {
    if (this.buffer.length === 0) return;
    const items = this.buffer;
    this.buffer = [];
    this.lastFlush = this.host.now();
    if (this.textWaiting) this.textSent = true;
    this.textWaiting = false;
    let chunk: OutputItem[] = [];
    let events = 0;
    for (const item of items) {
      if (item.k !== "ev") {
        chunk.push(item);
        continue;
      }
      for (let i = 0; i < item.e.length; ) {
        const room = MAX_RELAY_EVENTS - events;
        const part = i === 0 && item.e.length <= room ? item.e : item.e.slice(i, i + room);
        chunk.push({ k: "ev", e: part });
        events += part.length;
        i += part.length;
        if (events >= MAX_RELAY_EVENTS) {
          this.host.send({ type: "batch", runId: this.runId, items: chunk });
          chunk = [];
          events = 0;
        }
      }
    }
    if (chunk.length > 0) this.host.send({ type: "batch", runId: this.runId, items: chunk });
  }
}
