// A task suspended in sleep() is cancelled, and the request is taken back at once
// with uncancel(). Then main waits for the task.
import asyncio, { print } from "asyncio";

function* sleeper() {
  try {
    yield* asyncio.sleep(3600);
    print("  sleeper: woke up normally");
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("  sleeper: CancelledError");
    throw e;
  }
}

function* main() {
  const task = asyncio.create_task(sleeper());
  yield* asyncio.sleep(0);
  print("cancel() ->", task.cancel(), "| uncancel() ->", task.uncancel());
  try {
    yield* task;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
  }
  print("cancelled() =", task.cancelled());
}

asyncio.run(main());
