// main runs two coroutines together with gather(): one fails after 0.1 s, the
// other needs 0.3 s. Then main sleeps a little longer.
import asyncio, { print, repr, ValueError } from "asyncio";

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
  print("main: gather(fail(), slow())");
  try {
    yield* asyncio.gather(fail(), slow());
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    print("main: caught", repr(e));
  }
  yield* asyncio.sleep(0.5);
  print("main: done");
}

asyncio.run(main());
