// A coroutine function passed uncalled: CPython's TypeError, word for word.
import asyncio, { print } from "asyncio";

function* greet() {
  print("hello");
}

function* main() {
  try {
    // @ts-expect-error: a function, not the coroutine that calling it gives
    asyncio.create_task(greet);
  } catch (e) {
    if (!(e instanceof asyncio.TypeError)) throw e;
    print("TypeError:", e);
  }
  // @ts-expect-error: the same mistake, uncaught this time
  asyncio.create_task(greet);
}

await asyncio.run(main());
