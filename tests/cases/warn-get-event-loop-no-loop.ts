// get_event_loop() with no loop: the warning names the line of the reader's code that called
// it, here inside a function; after asyncio.run() has set the loop back to None, it raises.
import asyncio, { print } from "asyncio";

function setup() {
  return asyncio.get_event_loop();
}

const loop = setup();
print("_UnixSelectorEventLoop", loop.is_closed());
loop.close();

function* main() {
  print("main");
}

await asyncio.run(main());
try {
  asyncio.get_event_loop();
} catch (e) {
  if (!(e instanceof asyncio.RuntimeError)) throw e;
  print("RuntimeError:", e);
}
