import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture } from "./helpers.ts";

beforeEach(() => {
  capture();
});

describe("Event", () => {
  it("wakes every waiter on set(); wait() returns at once while set", async () => {
    const log: string[] = [];
    function* waiter(name: string, ev: asyncio.Event) {
      yield* ev.wait();
      log.push(name);
    }
    await asyncio.run(
      (function* () {
        const ev = new asyncio.Event();
        const ts = [asyncio.create_task(waiter("a", ev)), asyncio.create_task(waiter("b", ev))];
        yield* asyncio.sleep(0);
        expect(log).toEqual([]);
        ev.set();
        expect(ev.is_set()).toBe(true);
        yield* asyncio.gather(...ts);
        expect(yield* ev.wait()).toBe(true);
        ev.clear();
        expect(ev.is_set()).toBe(false);
      })(),
    );
    expect(log).toEqual(["a", "b"]);
  });
});

describe("Lock", () => {
  it("hands the lock over in FIFO order", async () => {
    const log: string[] = [];
    function* user(name: string, lock: asyncio.Lock) {
      yield* lock.acquire();
      log.push(`${name} in`);
      yield* asyncio.sleep(1);
      log.push(`${name} out`);
      lock.release();
    }
    await asyncio.run(
      (function* () {
        const lock = new asyncio.Lock();
        yield* asyncio.gather(user("a", lock), user("b", lock), user("c", lock));
        expect(lock.locked()).toBe(false);
      })(),
    );
    expect(log).toEqual(["a in", "a out", "b in", "b out", "c in", "c out"]);
  });

  it("works with async_with and refuses to release an unlocked lock", async () => {
    const lock = new asyncio.Lock();
    expect(() => lock.release()).toThrow("Lock is not acquired.");
    const held = await asyncio.run(
      (function* () {
        let inside = false;
        yield* asyncio.async_with(lock, function* () {
          inside = lock.locked();
        });
        return [inside, lock.locked()];
      })(),
    );
    expect(held).toEqual([true, false]);
  });

  it("a waiter cancelled while waiting does not keep the lock from the next one", async () => {
    const log: string[] = [];
    function* user(name: string, lock: asyncio.Lock) {
      yield* lock.acquire();
      log.push(name);
      yield* asyncio.sleep(1);
      lock.release();
    }
    await asyncio.run(
      (function* () {
        const lock = new asyncio.Lock();
        const a = asyncio.create_task(user("a", lock));
        const b = asyncio.create_task(user("b", lock));
        const c = asyncio.create_task(user("c", lock));
        yield* asyncio.sleep(0);
        b.cancel();
        yield* asyncio.gather(a, c);
        expect(b.cancelled()).toBe(true);
      })(),
    );
    expect(log).toEqual(["a", "c"]);
  });
});

describe("Semaphore", () => {
  it("lets at most `value` holders in", async () => {
    let inside = 0;
    let most = 0;
    function* user(sem: asyncio.Semaphore) {
      yield* asyncio.async_with(sem, function* () {
        inside++;
        most = Math.max(most, inside);
        yield* asyncio.sleep(1);
        inside--;
      });
    }
    await asyncio.run(
      (function* () {
        const sem = new asyncio.Semaphore(2);
        yield* asyncio.gather(user(sem), user(sem), user(sem), user(sem), user(sem));
      })(),
    );
    expect(most).toBe(2);
  });
});

describe("Condition", () => {
  it("wait() frees the lock until notify(); the woken task holds the lock again", async () => {
    const log: string[] = [];
    await asyncio.run(
      (function* () {
        const cond = new asyncio.Condition();
        function* waiter(name: string) {
          yield* asyncio.async_with(cond, function* () {
            log.push(`${name} waits`);
            expect(yield* cond.wait()).toBe(true);
            log.push(`${name} woken, locked ${cond.locked()}`);
          });
        }
        const tasks = ["a", "b", "c"].map((n) => asyncio.create_task(waiter(n)));
        yield* asyncio.sleep(0);
        expect(cond.locked()).toBe(false);
        expect(asyncio.repr(cond)).toMatch(/^<asyncio\.locks\.Condition object at 0x[0-9a-f]+ \[unlocked, waiters:3\]>$/);
        yield* asyncio.async_with(cond, function* () {
          cond.notify(2);
        });
        yield* asyncio.sleep(0);
        log.push("after notify(2)");
        yield* asyncio.async_with(cond, function* () {
          cond.notify_all();
        });
        yield* asyncio.gather(...tasks);
      })(),
    );
    expect(log).toEqual([
      "a waits",
      "b waits",
      "c waits",
      // as CPython 3.13: both woken tasks take the lock in turn before main runs again
      "a woken, locked true",
      "b woken, locked true",
      "after notify(2)",
      "c woken, locked true",
    ]);
  });

  it("wait_for() tests the predicate with Python's truth rules and gives its value", async () => {
    const values: unknown[] = [0, "", [], new Map(), new Set(), {}, null, [0]];
    const seen: unknown[] = [];
    const result = await asyncio.run(
      (function* () {
        const cond = new asyncio.Condition();
        const waiter = asyncio.create_task(
          asyncio.async_with(cond, function* () {
            return yield* cond.wait_for(() => {
              const v = values[seen.length];
              seen.push(v);
              return v;
            });
          }),
        );
        while (!waiter.done()) {
          yield* asyncio.sleep(0);
          yield* asyncio.async_with(cond, function* () {
            cond.notify();
          });
        }
        return waiter.result();
      })(),
    );
    expect(result).toEqual([0]);
    expect(seen).toEqual(values);
  });

  it("notify() and wait() without the lock are RuntimeErrors", async () => {
    await asyncio.run(
      (function* () {
        const cond = new asyncio.Condition();
        expect(() => cond.notify()).toThrow(new asyncio.RuntimeError("cannot notify on un-acquired lock"));
        let caught: unknown = null;
        try {
          yield* cond.wait();
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(asyncio.RuntimeError);
        expect(asyncio.str(caught)).toBe("cannot wait on un-acquired lock");
      })(),
    );
  });

  it("a cancelled wait() takes the lock again before the CancelledError leaves it", async () => {
    await asyncio.run(
      (function* () {
        const cond = new asyncio.Condition();
        let lockedInHandler: boolean | null = null;
        const t = asyncio.create_task(
          asyncio.async_with(cond, function* () {
            try {
              yield* cond.wait();
            } catch (e) {
              lockedInHandler = cond.locked();
              throw e;
            }
          }),
        );
        yield* asyncio.sleep(0);
        t.cancel();
        yield* asyncio.gather(t, { return_exceptions: true });
        expect(lockedInHandler).toBe(true);
        expect(t.cancelled()).toBe(true);
        expect(cond.locked()).toBe(false);
      })(),
    );
  });
});

describe("BoundedSemaphore", () => {
  it("release() past the initial value is a ValueError; the repr names the class", async () => {
    await asyncio.run(
      (function* () {
        const sem = new asyncio.BoundedSemaphore(1);
        yield* sem.acquire();
        sem.release();
        expect(() => sem.release()).toThrow(new asyncio.ValueError("BoundedSemaphore released too many times"));
        expect(asyncio.repr(sem)).toMatch(/^<asyncio\.locks\.BoundedSemaphore object at 0x[0-9a-f]+ \[unlocked, value:1\]>$/);
        expect(sem).toBeInstanceOf(asyncio.Semaphore);
      })(),
    );
    expect(() => new asyncio.BoundedSemaphore(-1)).toThrow(new asyncio.ValueError("Semaphore initial value must be >= 0"));
    expect(() => new asyncio.Semaphore("2" as never)).toThrow("'<' not supported between instances of 'str' and 'int'");
  });
});

describe("Barrier", () => {
  it("lets `parties` tasks through at once, each with its index; reset() breaks the waiters", async () => {
    const log: string[] = [];
    await asyncio.run(
      (function* () {
        const barrier = new asyncio.Barrier(2);
        function* party(name: string) {
          try {
            log.push(`${name} ${yield* barrier.wait()}`);
          } catch (e) {
            log.push(`${name} ${asyncio.repr(e)}`);
          }
        }
        const a = asyncio.create_task(party("a"));
        yield* asyncio.sleep(0);
        expect(barrier.n_waiting).toBe(1);
        expect(asyncio.repr(barrier)).toMatch(/\[filling, waiters:1\/2\]>$/);
        yield* party("b");
        yield* a;
        const c = asyncio.create_task(party("c"));
        yield* asyncio.sleep(0);
        yield* barrier.reset();
        yield* c;
        yield* barrier.abort();
        expect(barrier.broken).toBe(true);
        expect(asyncio.repr(barrier)).toMatch(/ \[broken\]>$/);
        yield* party("d");
      })(),
    );
    expect(log).toEqual([
      "b 1",
      "a 0",
      "c BrokenBarrierError('Abort or reset of barrier')",
      "d BrokenBarrierError('Barrier aborted')",
    ]);
    expect(new asyncio.BrokenBarrierError("x")).toBeInstanceOf(asyncio.RuntimeError);
    expect(() => new asyncio.Barrier(0)).toThrow(new asyncio.ValueError("parties must be > 0"));
  });
});
