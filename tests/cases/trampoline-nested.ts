// Deep chains of awaits (the runtime's trampoline, issue 12): values, exceptions caught at a
// middle level, finally blocks in order, cancellation through the chain, reprs, a sync
// generator that delegates with `yield from`, an async generator, wait_for on a chain.
import asyncio, { print, repr } from "asyncio";


function* leaf(n: number): Generator<unknown, number, unknown> {
  yield* asyncio.sleep(0);
  if (n < 0)
    throw new asyncio.ValueError(`negative ${n}`);
  return n;
}


function* chain(depth: number, n: number): Generator<unknown, number, unknown> {
  if (depth === 0)
    return yield* leaf(n);
  return (yield* chain(depth - 1, n)) + 1;
}


function* catcher(depth: number) {
  try {
    return yield* chain(depth, -1);
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    print("caught at the middle:", repr(e));
    return -100;
  }
}


function* guarded(depth: number, log: number[]): Generator<unknown, void, unknown> {
  try {
    if (depth === 0) {
      yield* asyncio.sleep(10);
    } else {
      yield* guarded(depth - 1, log);
    }
  } finally {
    log.push(depth);
  }
}


function* numbers(n: number) {
  for (let i = 0; i < n; i++) {
    yield i;
  }
}


function* twice(n: number) {
  yield* numbers(n);
  yield* numbers(n);
}


function* with_sync_generators() {
  yield* asyncio.sleep(0);
  let total = 0;
  for (const x of twice(3)) total += x;
  return [total, [...twice(2)]];
}


function* ticks(n: number) {
  for (let i = 0; i < n; i++) {
    yield* chain(3, i);
    yield asyncio.item(i);
  }
}


function* main() {
  print(yield* chain(200, 5));
  print(yield* catcher(50));
  print(yield* asyncio.gather(chain(10, 1), chain(20, 2), chain(0, 3)));

  const log: number[] = [];
  const t = asyncio.create_task(guarded(30, log));
  yield* asyncio.sleep(0);
  yield* asyncio.sleep(0);
  print(t);
  t.cancel("stop");
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("cancelled:", repr(e));
  }
  print(log.slice(0, 3), log.slice(-3), log.length);

  print(yield* with_sync_generators());
  const items: number[] = [];
  yield* asyncio.async_for(ticks(4), function* (i: number) { items.push(i); });
  print(items);

  try {
    yield* asyncio.wait_for(chain(5, 0), 0);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    print("timed out at once");
  }
  try {
    yield* asyncio.wait_for(guarded(5, []), 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    print("timed out later");
  }
}


asyncio.run(main());
