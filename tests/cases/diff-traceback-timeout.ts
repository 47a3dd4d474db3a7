// wait_for() and timeout() raise TimeoutError from the CancelledError they caught: the cause's
// traceback runs from where it was caught down to where the task was suspended, the
// TimeoutError's from <module> to asyncio's __aexit__ (timeouts.py).
import asyncio, { print } from "asyncio";

function* slow() {
  yield* asyncio.sleep(10);
}

function* guarded() {
  yield* asyncio.async_with(asyncio.timeout(0.5), function* () {
    yield* slow();
  });
}

function* main() {
  try {
    yield* guarded();
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    print("guarded timed out");
  }
  yield* asyncio.wait_for(slow(), 1);
}

asyncio.run(main());
