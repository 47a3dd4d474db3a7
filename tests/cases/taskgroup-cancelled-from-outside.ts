// TaskGroup: a cancellation of the parent from outside cancels the children and propagates as
// CancelledError (not as a group); errors raised while cancelling win, the parent stays
// cancelled (cancel() is requested again) and its next await raises CancelledError.
// A BaseException other than KeyboardInterrupt/SystemExit makes a BaseExceptionGroup.
import asyncio, { print, repr } from "asyncio";

class Stop extends asyncio.BaseException {}

function* child(n: number) {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("child", n, "cancelled");
    throw e;
  }
}

function* sloppy_child() {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) throw new asyncio.ValueError("cleanup failed");
    throw e;
  }
}

function* worker() {
  yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
    tg.create_task(child(1));
    yield* asyncio.sleep(10);
  });
}

function* worker2() {
  const me = asyncio.current_task()!;
  try {
    yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
      tg.create_task(sloppy_child());
      yield* asyncio.sleep(10);
    });
  } catch (e) {
    const [eg, rest] = asyncio.except_star(e, asyncio.ValueError);
    if (eg) print("worker2 caught", repr(eg), "| cancelling() =", me.cancelling());
    if (rest) throw rest;
  }
  try {
    yield* asyncio.sleep(1);
    print("not reached");
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("worker2's next await raised", repr(e));
    throw e;
  }
}

function* stop() {
  yield* asyncio.sleep(0.1);
  throw new Stop("s");
}

function* main() {
  const t = asyncio.create_task(worker(), { name: "worker" });
  yield* asyncio.sleep(0.1);
  t.cancel("from outside");
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    print("worker raised", repr(e), "| cancelled:", t.cancelled(), "| cancelling() =", t.cancelling());
  }

  const t2 = asyncio.create_task(worker2(), { name: "worker2" });
  yield* asyncio.sleep(0.1);
  t2.cancel();
  yield* asyncio.gather(t2, { return_exceptions: true });
  print("worker2 cancelled:", t2.cancelled());

  try {
    yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
      tg.create_task(stop());
      tg.create_task(child(3));
    });
  } catch (eg) {
    if (!(eg instanceof asyncio.BaseExceptionGroup)) throw eg;
    print(eg instanceof asyncio.ExceptionGroup ? "ExceptionGroup" : "BaseExceptionGroup", repr(eg), "| is Exception:", eg instanceof asyncio.Exception);
  }
}

asyncio.run(main());
