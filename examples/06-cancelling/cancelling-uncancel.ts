// cancelling() counts the cancel() requests still standing; uncancel() withdraws one.
// Two requests deliver a single CancelledError. In Python 3.13, a request withdrawn
// before the task starts is gone: the task runs normally.
import asyncio, { print, repr } from "asyncio";

function* patient() {
  const me = asyncio.current_task()!;
  try {
    yield* asyncio.sleep(3600);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("  patient: one CancelledError for", me.cancelling(), "requests");
    print("  patient: uncancel() ->", me.uncancel());
    print("  patient: uncancel() ->", me.uncancel());
  }
  return "carried on";
}

function* quick() {
  print("  quick: runs normally");
  return "ran";
}

function* main() {
  const task = asyncio.create_task(patient());
  yield* asyncio.sleep(0);
  task.cancel();
  task.cancel();
  print("after two cancel(): cancelling() =", task.cancelling());
  print("await ->", repr(yield* task), "| cancelled() =", task.cancelled());

  const late = asyncio.create_task(quick());
  print("cancel() ->", late.cancel(), "| uncancel() ->", late.uncancel());
  print("await ->", repr(yield* late), "| cancelled() =", late.cancelled());
}

asyncio.run(main());
