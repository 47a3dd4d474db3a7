// A callback that raises: the loop logs "Exception in callback" with a traceback that starts in
// asyncio's Handle._run (events.py) and goes into the callback; the program goes on.
import asyncio, { print } from "asyncio";

function broken(n: number) {
  throw new asyncio.RuntimeError(`callback ${n} failed`);
}

function* main() {
  const loop = asyncio.get_running_loop();
  loop.call_soon(broken, 1);
  loop.call_soon(broken, 2);
  yield* asyncio.sleep(0.2);
  print("main goes on");
}

asyncio.run(main());
