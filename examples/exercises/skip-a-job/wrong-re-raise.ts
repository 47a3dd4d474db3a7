import asyncio, { print, repr } from "asyncio";

function* worker() {
  try {
    yield* asyncio.async_with(asyncio.timeout(1), function* () {
      for (const job of ["a", "b", "c"]) {
        try {
          yield* asyncio.sleep(0.2);
          print(`${job}: done`);
        } catch (e) {
          if (!(e instanceof asyncio.CancelledError)) throw e;
          print(`${job}: skipped`);
          throw e;
        }
      }
      print("worker: waiting for more jobs");
      yield* asyncio.sleep(3600);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    print("worker: no more jobs, stopping");
  }
  return "finished";
}

function* main() {
  const w = asyncio.create_task(worker(), { name: "worker" });
  print("main: created the worker");
  yield* asyncio.sleep(0.1);
  w.cancel();   // skip the job the worker is on
  try {
    print("main:", yield* w);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("main: the worker was cancelled");
  }
}

asyncio.run(main());
