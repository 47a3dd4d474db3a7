// A program that never made or set a loop calls ensure_future() at module level,
// then looks at the task it got and at the loop that task belongs to.
import asyncio, { print } from "asyncio";

function* work() {
  print("  work: runs");
  return "done";
}

const task = asyncio.ensure_future(work());
print("ensure_future():", task);

const loop = asyncio.get_event_loop();
print("the task's loop is the current loop:", task.get_loop() === loop);
print("is it running?", loop.is_running());

print("run_until_complete ->", loop.run_until_complete(task));
loop.close();
