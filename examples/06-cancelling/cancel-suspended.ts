// cancel() on a suspended task cancels what it waits for and returns True, but the
// task is not cancelled yet: it must run once more, to receive CancelledError at
// its await, where except and finally blocks get their turn. Once it is cancelled,
// result() raises CancelledError.
import asyncio, { print, repr } from "asyncio";

function* download() {
  try {
    print("  download: started");
    yield* asyncio.sleep(3600);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("  download: got", repr(e), "at the await");
    throw e;
  } finally {
    print("  download: cleaning up");
  }
}

function* main() {
  const task = asyncio.create_task(download());
  yield* asyncio.sleep(0);
  print("cancel() ->", task.cancel("user pressed stop"));
  print("right after: cancelled() =", task.cancelled());
  print("  ", task);
  yield* asyncio.wait([task]);
  print("afterwards: cancelled() =", task.cancelled());
  print("  ", task);
  try {
    task.result();
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("result() raises", repr(e));
  }
}

asyncio.run(main());
