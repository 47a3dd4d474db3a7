// Awaiting a task adds one more done callback: the awaiting task's wake-up joins the
// task's list, in order. Callbacks added before the await run before the awaiting
// task resumes, and callbacks added after run after it.
import asyncio, { print } from "asyncio";

function early(task: asyncio.Task) {
  print("  early callback");
}

function late(task: asyncio.Task) {
  print("  late callback");
}

function* work() {
  yield* asyncio.sleep(0);
  return "done";
}

function* watcher(task: asyncio.Task<string>) {
  yield* task;
  print("  watcher resumed");
}

function* main() {
  const task = asyncio.create_task(work(), { name: "work" });
  task.add_done_callback(early);
  const w = asyncio.create_task(watcher(task), { name: "watcher" });
  yield* asyncio.sleep(0);      // watcher has started and waits on task
  print(task);
  task.add_done_callback(late);
  yield* w;
}

asyncio.run(main());
