// pause() is a generator-based coroutine whose whole body is one bare yield:
// it hands the loop nothing to wait on.
import asyncio, { print } from "asyncio";

function* pause() {
  yield;
}

function* polite() {
  print("  polite: first half");
  yield* pause();
  print("  polite: second half");
}

function* main() {
  const task = asyncio.create_task(polite());
  yield* asyncio.sleep(0);
  print("between the halves:", task);
  print("_fut_waiter:", task._fut_waiter);
  yield* task;
}

asyncio.run(main());
