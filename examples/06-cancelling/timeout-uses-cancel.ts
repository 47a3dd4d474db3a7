// asyncio.timeout() is built on cancel() and uncancel(). When time runs out it cancels
// the current task; on the way out of "async with" it turns the CancelledError into
// TimeoutError and withdraws its request, so the task is not left cancelling.
import asyncio, { print, repr } from "asyncio";

function* main() {
  const me = asyncio.current_task()!;
  print("entering timeout(0.1): cancelling() =", me.cancelling());
  try {
    yield* asyncio.async_with(asyncio.timeout(0.1), function* () {
      yield* asyncio.sleep(3600);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    print("caught", repr(e), "| its cause:", repr(e.cause));   // e.__cause__
  }
  print("cancelling() =", me.cancelling(), "| cancelled() =", me.cancelled());
  yield* asyncio.sleep(0);
  print("main goes on normally");
}

asyncio.run(main());
