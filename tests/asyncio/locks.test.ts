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
