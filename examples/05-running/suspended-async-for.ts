// async for awaits the iterator's __anext__() before every item. An asynchronous
// generator runs its own body, awaits included, inside those calls, so the task
// that iterates is suspended there, between one item and the next.
// This runtime writes an asynchronous generator as a function* that hands out each
// item with `yield asyncio.item(value)`, and `async for x in gen:` as
// yield* asyncio.async_for(gen, function* (x) { ... }).
import asyncio, { print, repr } from "asyncio";

function* ticks(count: number) {
  for (let i = 1; i <= count; i++) {
    yield* asyncio.sleep(0.1);
    yield asyncio.item(i);
  }
}

function* consume() {
  yield* asyncio.async_for(ticks(3), function* (tick: number) {
    print("  consume: got tick", tick);
  });
  return "all ticks";
}

function* main() {
  const task = asyncio.create_task(consume(), { name: "consumer" });
  yield* asyncio.sleep(0);
  print("between items:", task);
  print("await ->", repr(yield* task));
}

asyncio.run(main());
