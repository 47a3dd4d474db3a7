// An unhandled exception ends its task, not the program: main goes on. Nobody ever
// asks the task for its outcome, so when the task is freed asyncio logs "Task
// exception was never retrieved" with the traceback, on standard error.
import asyncio, { print, RuntimeError } from "asyncio";

function* explode() {
  throw new RuntimeError("nobody is listening");
}

function* main() {
  const task = asyncio.create_task(explode());
  yield* asyncio.sleep(0);
  print("main: the task is done:", task.done());
  print("main:", task);
  print("main: and the program goes on");
}

await asyncio.run(main());
print("after asyncio.run(): the program ends normally");
