// No public method tells a scheduled task from a suspended one: done(), cancelled()
// and _state agree. Only the repr's wait_for=, which mirrors _fut_waiter, differs.
import asyncio, { print, str } from "asyncio";

function* nap() {
  yield* asyncio.sleep(3600);
}

function* main() {
  const suspended = asyncio.create_task(nap(), { name: "suspended" });
  yield* asyncio.sleep(0);          // its first step runs; it now waits in sleep(3600)
  // queued, not started:
  const scheduled = asyncio.create_task(nap(), { name: "scheduled" });
  for (const t of [scheduled, suspended]) {
    print(`${t.get_name()}:`, `done()=${str(t.done())}`,
          `cancelled()=${str(t.cancelled())}`, `_state=${t._state}`);
  }
  print(scheduled);
  print(suspended);
  print("_fut_waiter:", scheduled._fut_waiter, "versus", suspended._fut_waiter);
  for (const t of [scheduled, suspended]) {
    t.cancel();
  }
  yield* asyncio.wait([scheduled, suspended]);
}

asyncio.run(main());
