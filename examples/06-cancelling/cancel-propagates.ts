// outer creates inner and awaits it; main then cancels outer, and only outer.
import asyncio, { print } from "asyncio";

function* inner() {
  try {
    yield* asyncio.sleep(3600);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("  inner: CancelledError");
    throw e;
  }
}

function* outer() {
  const child = asyncio.create_task(inner(), { name: "inner" });
  try {
    yield* child;
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("  outer: CancelledError, inner.cancelled() =", child.cancelled());
    throw e;
  }
}

function* main() {
  const task = asyncio.create_task(outer(), { name: "outer" });
  yield* asyncio.sleep(0);      // outer starts inner and waits for it
  yield* asyncio.sleep(0);      // inner starts and waits in sleep(3600)
  task.cancel();
  yield* asyncio.wait([task]);
  print("outer.cancelled() =", task.cancelled());
}

asyncio.run(main());
