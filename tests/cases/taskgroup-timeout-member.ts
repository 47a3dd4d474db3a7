// A TaskGroup child that times out: its TimeoutError (raised from the CancelledError that
// asyncio.timeout() turned into it) is printed inside the group's frame with its cause.
import asyncio from "asyncio";

function* slow_call() {
  yield* asyncio.async_with(asyncio.timeout(0.1), function* () {
    yield* asyncio.sleep(5);
  });
}

function* main() {
  yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
    tg.create_task(slow_call());
  });
}

asyncio.run(main());
