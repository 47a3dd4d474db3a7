// get_running_loop() is how today's code reaches the loop: it works in coroutines
// and in callbacks that the loop runs, and raises anywhere else instead of guessing.
import asyncio, { print, repr, RuntimeError } from "asyncio";

function callback(loop: asyncio.AbstractEventLoop) {
  print("in a callback: the same loop:", asyncio.get_running_loop() === loop);
}

function* main() {
  const loop = asyncio.get_running_loop();
  print("in a coroutine: is_running() =", loop.is_running());
  print("get_event_loop() gives the same loop here:", asyncio.get_event_loop() === loop);
  loop.call_soon(callback, loop);
  yield* asyncio.sleep(0);
  return loop;
}

try {
  asyncio.get_running_loop();
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  print("before asyncio.run():", repr(e));
}
const loop = await asyncio.run(main());
print("after asyncio.run(): is_closed() =", loop.is_closed());
