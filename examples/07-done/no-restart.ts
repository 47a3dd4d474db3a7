// A done task never runs again. Awaiting it once more hands back the stored result,
// cancel() refuses, set_result() is not allowed, and its coroutine is spent: a new
// task around it fails.
import asyncio, { print, repr, RuntimeError } from "asyncio";

function* once() {
  print("  once: the body runs");
  return "only once";
}

function* main() {
  const task = asyncio.create_task(once());
  print("first await ->", repr(yield* task));
  print("second await ->", repr(yield* task));
  print("cancel() ->", task.cancel());
  try {
    task.set_result("again");
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print("set_result() ->", repr(e));
  }
  const again = asyncio.create_task(task.get_coro()!);
  print(again);
  try {
    yield* again;
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print("await the new task ->", repr(e));
  }
}

asyncio.run(main());
