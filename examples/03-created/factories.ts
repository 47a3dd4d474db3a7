// The three factories called at module level, where no loop is running: a new
// loop is made and set as the current one, but not started until the end.
import asyncio, { print, repr, RuntimeError } from "asyncio";

function* work(label: string) {
  print(`  ${label}: runs`);
}

const loop = asyncio.new_event_loop();
asyncio.set_event_loop(loop);
print("is the loop running?", loop.is_running());

let coro = work("asyncio.create_task");
try {
  asyncio.create_task(coro);
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  print("asyncio.create_task():", repr(e));
  coro.return();   // coro.close()
}

const by_loop = loop.create_task(work("loop.create_task"));
print("loop.create_task():", by_loop);
const by_ensure = asyncio.ensure_future(work("ensure_future"));
print("ensure_future():", by_ensure);
print("on this loop:", by_ensure.get_loop() === loop);

print("run_until_complete ->", loop.run_until_complete(asyncio.gather(by_loop, by_ensure)));
asyncio.set_event_loop(null);
loop.close();

coro = work("a closed loop");
try {
  loop.create_task(coro);
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  print("after close():", repr(e));
  coro.return();
}

coro = work("no current loop");
try {
  asyncio.ensure_future(coro);
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  print("ensure_future(), no loop set:", repr(e));
  coro.return();
}
