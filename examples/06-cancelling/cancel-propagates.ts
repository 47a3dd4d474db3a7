// Cancelling a task that awaits another task passes the request down: the inner task
// is cancelled first, and its CancelledError travels back up through the await.
import asyncio, { print } from "asyncio";

function* inner() {
  try {
    yield* asyncio.sleep(3600);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("  inner: cancelled");
    throw e;
  }
}

function* outer() {
  const child = asyncio.create_task(inner(), { name: "inner" });
  try {
    yield* child;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("  outer: cancelled too, after inner; inner.cancelled() =", child.cancelled());
    throw e;
  }
}

function* main() {
  const task = asyncio.create_task(outer(), { name: "outer" });
  yield* asyncio.sleep(0);      // outer starts inner and waits for it
  yield* asyncio.sleep(0);      // inner starts and waits in sleep(3600)
  print("cancel outer ->", task.cancel());
  yield* asyncio.wait([task]);
  print(task);
}

asyncio.run(main());
