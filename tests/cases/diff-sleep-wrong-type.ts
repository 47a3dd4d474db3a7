// asyncio.sleep("soon") fails when awaited, as CPython's coroutine compares `delay <= 0`: a
// TypeError whose traceback ends in asyncio's own sleep() (tasks.py). Never a hang.
import asyncio, { print, repr } from "asyncio";

function* main() {
  const pending = asyncio.sleep("later" as never);
  print("calling sleep() raised nothing yet:", asyncio.iscoroutine(pending));
  pending.return(undefined);
  try {
    yield* asyncio.sleep(NaN);
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    print("nan:", repr(e));
  }
  print("sleeping", repr("soon"));
  yield* asyncio.sleep("soon" as never);
}

asyncio.run(main());
