// asyncio.ensure_future() makes a Task only when it is handed a coroutine: a Task or
// a Future comes back unchanged, and anything that cannot be awaited is refused.
import asyncio, { print, repr, TypeError } from "asyncio";

function* compute() {
  return 42;
}

function* main() {
  const task = asyncio.ensure_future(compute());
  print("from a coroutine:", task);
  print("from a task, the same object:", asyncio.ensure_future(task) === task);
  const fut = asyncio.get_running_loop().create_future();
  print("from a future, the same object:", asyncio.ensure_future(fut) === fut);
  try {
    // @ts-expect-error -- 42 is not awaitable: the point of this line
    asyncio.ensure_future(42);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    print("from 42:", repr(e));
  }
  fut.cancel();
  print("await task ->", yield* task);
}

asyncio.run(main());
