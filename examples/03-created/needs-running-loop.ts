// What create_task() needs is a running event loop, not an enclosing coroutine:
// it fails at module level, before asyncio.run(), yet works inside a plain
// function when the running loop is the one calling that function.
import asyncio, { print, repr, RuntimeError } from "asyncio";

function* work(origin: string) {
  print(`  work: started from ${origin}`);
}

function from_callback() {
  asyncio.create_task(work("a plain callback"));
}

function* main() {
  asyncio.get_running_loop().call_soon(from_callback);
  yield* asyncio.sleep(0);
  yield* asyncio.sleep(0);
  print("main: done");
}

const coro = work("module level");
try {
  asyncio.create_task(coro);
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  print("outside any loop:", repr(e));
  coro.return();   // coro.close(): it never ran, so Python would warn "never awaited"
}
asyncio.run(main());
