// create_task() called twice: once at module level, before asyncio.run(), and once
// from a plain function that the running loop calls as a callback.
import asyncio, { print, repr, RuntimeError } from "asyncio";

const started: asyncio.Task<void>[] = [];

function* work(origin: string) {
  print(`  work: started from ${origin}`);
}

function from_callback() {
  started.push(asyncio.create_task(work("a plain callback")));
}

function* main() {
  asyncio.get_running_loop().call_soon(from_callback);
  yield* asyncio.sleep(0);
  yield* started[0]!;
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
