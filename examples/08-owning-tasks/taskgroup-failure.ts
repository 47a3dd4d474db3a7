// The same two coroutines, run as the tasks of a TaskGroup: one fails after 0.1 s,
// the other needs 0.3 s, and the body of the async with sleeps for 1 s. Then
// main sleeps a little longer.
import asyncio, { print, repr, ExceptionGroup, ValueError } from "asyncio";

function* fail() {
  yield* asyncio.sleep(0.1);
  throw new ValueError("bad input");
}

function* slow() {
  try {
    yield* asyncio.sleep(0.3);
    print("  slow: finished");
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("  slow: cancelled");
    throw e;
  }
}

function* main() {
  print("main: fail() and slow() as tasks of a TaskGroup");
  try {
    yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
      tg.create_task(fail());
      tg.create_task(slow());
      try {
        yield* asyncio.sleep(1);
      } catch (e) {
        if (e instanceof asyncio.CancelledError) print("  main's body: cancelled");
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof ExceptionGroup)) throw e;
    print("main: caught", repr(e));
  }
  yield* asyncio.sleep(0.5);
  print("main: done");
}

asyncio.run(main());
