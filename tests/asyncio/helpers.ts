/** Shared set-up of the runtime unit tests: captured output on the virtual clock. */
import { configureHost } from "../../src/asyncio/host.ts";

export interface Captured {
  readonly out: string;
  readonly err: string;
  clear(): void;
}

/** Routes the runtime's stdout/stderr into strings (virtual clock). Call in beforeEach. */
export function capture(): Captured {
  let out = "";
  let err = "";
  configureHost({
    clock: { kind: "virtual" },
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  return {
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    clear() {
      out = "";
      err = "";
    },
  };
}

/** What `f` throws, or null when it returns. */
export function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}
