/**
 * What the reader is told when the runner ended a run for breaking one of its budgets
 * (protocol.ts). Plain words, with the figure of the limit.
 */
import { MAX_EVENT_CHARS, MAX_FORWARDED_EVENTS, MAX_MESSAGES_PER_SECOND, MAX_OUTPUT_CHARS, MAX_RUN_ITEMS, type LimitKind } from "./protocol.ts";

const n = (x: number) => x.toLocaleString("en-US");

export function limitMessage(what: Exclude<LimitKind, "time">): { log: string; status: string } {
  switch (what) {
    case "output":
      return {
        log: `Stopped: output limit reached (a run may print ${n(MAX_OUTPUT_CHARS)} characters).`,
        status: "Stopped: output limit reached.",
      };
    case "events":
      return {
        log: `Stopped: life-cycle event limit reached (a run may send ${n(MAX_FORWARDED_EVENTS)} events, ${n(MAX_EVENT_CHARS)} characters of them).`,
        status: "Stopped: event limit reached.",
      };
    case "rate":
      return {
        log: `Stopped: message limit reached (a run may send ${n(MAX_MESSAGES_PER_SECOND)} messages a second, ${n(MAX_RUN_ITEMS)} items of output in all).`,
        status: "Stopped: message limit reached.",
      };
    case "protocol":
      return {
        log: "Stopped: the program sent the playground a message it does not accept (a forged or malformed message).",
        status: "Stopped: malformed message.",
      };
  }
}
