// cancel() is a request. The coroutine receives it as a CancelledError and may catch
// it and carry on; the task then ends with a result, not cancelled.
import asyncio, { print, repr } from "asyncio";

function* stubborn() {
  try {
    yield* asyncio.sleep(3600);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("  stubborn: cancel request received, and declined");
  }
  yield* asyncio.sleep(0.1);
  return "finished anyway";
}

function* main() {
  const task = asyncio.create_task(stubborn());
  yield* asyncio.sleep(0);
  print("cancel() ->", task.cancel());
  print("await ->", repr(yield* task));
  print("cancelled() =", task.cancelled(), "| cancelling() =", task.cancelling());
  print(task);
}

asyncio.run(main());
