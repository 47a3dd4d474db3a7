// TaskGroup: KeyboardInterrupt raised in a child, or SystemExit in the body, is not collected in a group.
// The task re-raises it out of the event loop at once; asyncio.run() then cancels what is left,
// the group's __aexit__ re-raises it as it is, and it escapes run().
import asyncio, { print, repr } from "asyncio";

function* boom() {
  yield* asyncio.sleep(0.1);
  throw new asyncio.KeyboardInterrupt("ki");
}

function* other(n: number) {
  try {
    yield* asyncio.sleep(1);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("other", n, "cancelled");
    throw e;
  }
}

function* main() {
  const tg = new asyncio.TaskGroup();
  try {
    yield* asyncio.async_with(tg, function* (tg) {
      tg.create_task(boom());
      tg.create_task(other(1));
      print(tg);
    });
  } catch (e) {
    print("main caught", repr(e));
    throw e;
  } finally {
    print("finally", tg);
  }
}

try {
  await asyncio.run(main());
} catch (e) {
  if (!(e instanceof asyncio.KeyboardInterrupt)) throw e;
  print("escaped run:", repr(e));
}

function* main2() {
  yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
    tg.create_task(other(3));
    yield* asyncio.sleep(0);
    throw new asyncio.SystemExit(2);
  });
}

try {
  await asyncio.run(main2());
} catch (e) {
  if (!(e instanceof asyncio.SystemExit)) throw e;
  print("SystemExit escaped run:", repr(e));
}
