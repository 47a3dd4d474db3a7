// Condition: wait() releases the lock until notify(); wait_for() re-checks a predicate with
// Python's truth rules; notify(n) and notify_all() wake waiters in order; each woken task
// takes the lock again before wait() returns.
import asyncio, { print, repr } from "asyncio";

function* consumer(cond: asyncio.Condition, items: string[], name: string) {
  yield* asyncio.async_with(cond, function* () {
    print(name, "waits, lock held:", cond.locked());
    const got = yield* cond.wait_for(() => items);
    print(name, "got", [...got], "lock held:", cond.locked());
    items.shift();
  });
}

function* waiter(cond: asyncio.Condition, name: string) {
  yield* asyncio.async_with(cond, function* () {
    print(name, "waiting");
    const result = yield* cond.wait();
    print(name, "woken:", result);
  });
}

function* main() {
  const cond = new asyncio.Condition();
  print(repr(cond));
  const items: string[] = [];
  const tasks = [0, 1].map((i) => asyncio.create_task(consumer(cond, items, `c${i}`)));
  tasks.push(...[0, 1, 2].map((i) => asyncio.create_task(waiter(cond, `w${i}`))));
  yield* asyncio.sleep(0);
  print(repr(cond), "locked:", cond.locked());
  yield* asyncio.async_with(cond, function* () {
    print("repr:", "[" + repr(cond).split("[")[1]);
    cond.notify(2);
    print("notified 2, lock still held:", cond.locked());
  });
  yield* asyncio.sleep(0);
  yield* asyncio.async_with(cond, function* () {
    items.push("a");
    cond.notify_all();
  });
  yield* asyncio.sleep(0);
  yield* asyncio.async_with(cond, function* () {
    items.push("b");
    cond.notify_all();
  });
  yield* asyncio.gather(...tasks);
  print("left:", items, repr(cond));
  try {
    cond.notify();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    print("notify without the lock:", repr(e));
  }
  try {
    yield* cond.wait();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    print("wait without the lock:", repr(e));
  }
  const lock = new asyncio.Lock();
  const shared = new asyncio.Condition(lock);
  yield* asyncio.async_with(lock, function* () {
    print("shared lock seen by the condition:", shared.locked());
  });
}

asyncio.run(main());
