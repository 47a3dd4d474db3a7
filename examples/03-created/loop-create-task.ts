// The loop's own create_task() method: reach the loop with get_running_loop(),
// then ask it for a task. It takes a name, like asyncio.create_task().
import asyncio, { print } from "asyncio";

function* square(n: number) {
  yield* asyncio.sleep(0);
  return n * n;
}

function* main() {
  const loop = asyncio.get_running_loop();
  const task = loop.create_task(square(7), { name: "square-7" });
  print(task);
  print("the task belongs to this loop:", task.get_loop() === loop);
  print("await task ->", yield* task);
}

asyncio.run(main());
