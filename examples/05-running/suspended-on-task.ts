// Awaiting another task suspends on that task. The repr shows the whole chain: the
// parent waits for the child (wait_for=<Task ...>), the child for its sleep, and the
// child's cb=[Task.task_wakeup()] is the parent waiting to be woken.
import asyncio, { print, repr } from "asyncio";

function* child() {
  yield* asyncio.sleep(0.1);
  return "from the child";
}

function* parent() {
  const kid = asyncio.create_task(child(), { name: "child" });
  return yield* kid;
}

function* main() {
  const task = asyncio.create_task(parent(), { name: "parent" });
  yield* asyncio.sleep(0);      // parent starts, creates child, waits for it
  yield* asyncio.sleep(0);      // child starts and waits in sleep(0.1)
  print(task);
  print("await parent ->", repr(yield* task));
}

asyncio.run(main());
