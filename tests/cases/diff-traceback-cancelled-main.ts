// main cancelled while it sleeps: the CancelledError's traceback goes down to asyncio's own
// sleep() (tasks.py), where main was suspended.
import asyncio, { print } from "asyncio";

function* main() {
  const task = asyncio.current_task()!;
  asyncio.get_running_loop().call_later(0.5, () => task.cancel());
  print("sleeping");
  yield* asyncio.sleep(10);
}

asyncio.run(main());
