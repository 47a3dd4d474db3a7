// An exception that escapes the coroutine ends the task: it is done, and keeps the
// exception. exception() returns it; result() and await raise that same object again.
import asyncio, { print, repr, ValueError } from "asyncio";

function* fetch() {
  yield* asyncio.sleep(0);
  throw new ValueError("the milk has gone off");
}

function* main() {
  const task = asyncio.create_task(fetch());
  yield* asyncio.wait([task]);
  print(task);
  const err = task.exception();
  print("exception() ->", repr(err));
  try {
    task.result();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    print("result() raised", repr(e), "| the same object:", e === err);
  }
  try {
    yield* task;
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    print("await raised it too | the same object:", e === err);
  }
}

asyncio.run(main());
