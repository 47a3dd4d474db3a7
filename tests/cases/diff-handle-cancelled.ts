// A cancelled handle forgets its callback, as CPython's Handle.cancel() drops it: the repr is
// <Handle cancelled>, a TimerHandle keeps its deadline; cancelling twice, or after the
// callback ran, changes nothing.
import asyncio, { print, str } from "asyncio";

function ring(name: string) {
  print("ring", name);
}

function* main() {
  const loop = asyncio.get_running_loop();
  const h = loop.call_soon(ring, "soon");
  print(h);
  h.cancel();
  print(h, h.cancelled());
  h.cancel();
  const t = loop.call_later(5, ring, "later");
  t.cancel();
  print(str(t).replace(`when=${t.when()}`, "when=T"), t.cancelled());
  const done = loop.call_soon(ring, "done");
  yield* asyncio.sleep(0);
  done.cancel();
  print(done, done.cancelled());
  yield* asyncio.sleep(0);
}

asyncio.run(main());
