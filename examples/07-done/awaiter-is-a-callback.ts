// work gets a done callback, early, before the watcher task starts awaiting it,
// and a second one, late, while the watcher is waiting.
import asyncio, { print, repr } from "asyncio";

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
  const waiting = repr(task);
  task.add_done_callback(late);
  yield* w;
  print("while the watcher waited:", waiting);
}

asyncio.run(main());
