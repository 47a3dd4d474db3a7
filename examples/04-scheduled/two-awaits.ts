// main creates a task, then awaits twice before it reaches asyncio.sleep(0):
// a coroutine that returns at once, and a future that already has its result.
import asyncio, { print } from "asyncio";

function* worker() {
  print("  worker: started");
}

function* quick() {
  return "quick";
}

function* main() {
  const task = asyncio.create_task(worker());
  print("main:", yield* quick());
  const ready = asyncio.get_running_loop().create_future<string>();
  ready.set_result("ready");
  print("main:", yield* ready);
  yield* asyncio.sleep(0);
  print("main: done() =", task.done());
}

asyncio.run(main());
