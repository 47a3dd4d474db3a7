// An exception that leaves main: between <module> and main CPython prints asyncio.run's own
// frames (runners.py twice, base_events.py), then main and the task it awaited.
import asyncio, { print } from "asyncio";

class ConnectionError extends asyncio.OSError {}

function* fetch(n: number) {
  yield* asyncio.sleep(0.1);
  throw new ConnectionError(`no answer from server ${n}`);
}

function* main() {
  const task = asyncio.create_task(fetch(3));
  print("waiting");
  yield* task;
}

asyncio.run(main());
