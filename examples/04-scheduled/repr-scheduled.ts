// Right after create_task() the task is scheduled: queued in the loop, not started.
// Its repr says "pending", and "running at" the line of the def: that is where the
// coroutine will start, not a sign that it is running.
import asyncio, { print } from "asyncio";

function* work() {
  print("  work: the first line of the body");
  yield* asyncio.sleep(0);
}

function* main() {
  const task = asyncio.create_task(work());
  print(task);
  print("done():", task.done(), "| _state:", task._state,
        "| _fut_waiter:", task._fut_waiter);
  print("main gives the loop control...");
  yield* asyncio.sleep(0);
  print("...and by now the body has started");
  yield* task;
}

asyncio.run(main());
