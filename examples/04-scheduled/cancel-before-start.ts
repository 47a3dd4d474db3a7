// A task cancelled while still scheduled never runs a single line of its body: its
// first step throws CancelledError into a coroutine that has not started, so not
// even a finally block is reached.
import asyncio, { print } from "asyncio";

function* work() {
  print("work: this line never runs");
  try {
    yield* asyncio.sleep(1);
  } finally {
    print("work: nor does this finally block");
  }
}

function* main() {
  const task = asyncio.create_task(work());
  print("cancel() ->", task.cancel());
  print("right after: cancelled() =", task.cancelled(),
        "| cancelling() =", task.cancelling());
  print(task);
  yield* asyncio.sleep(0);
  print("one turn later: cancelled() =", task.cancelled(), "| done() =", task.done());
  print(task);
}

asyncio.run(main());
