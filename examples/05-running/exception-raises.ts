// exception() is not a safe "did it fail?" test: it raises InvalidStateError while the
// task is not done and CancelledError once it was cancelled. Ask done() and
// cancelled() first.
import asyncio, { print, repr, KeyError } from "asyncio";

function* slow() {
  yield* asyncio.sleep(3600);
}

function* broken() {
  throw new KeyError("missing");
}

function failed(task: asyncio.Task) {
  return task.done() && !task.cancelled() && task.exception() !== null;
}

function* main() {
  const task = asyncio.create_task(slow());
  try {
    task.exception();
  } catch (e) {
    if (!(e instanceof asyncio.InvalidStateError)) throw e;
    print("not done yet:", repr(e));
  }
  task.cancel();
  yield* asyncio.wait([task]);
  try {
    task.exception();
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("cancelled:", repr(e));
  }
  const bad = asyncio.create_task(broken());
  yield* asyncio.wait([bad]);
  print("failed(bad) =", failed(bad), "| failed(cancelled task) =", failed(task));
}

asyncio.run(main());
