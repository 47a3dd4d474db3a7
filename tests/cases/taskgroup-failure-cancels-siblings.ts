// TaskGroup: the first child to fail cancels its siblings and the body; the errors come out as
// one ExceptionGroup, which except* takes apart. The parent task is uncancelled on the way out.
import asyncio, { print, repr } from "asyncio";

function* sibling(name: string, delay: number) {
  try {
    yield* asyncio.sleep(delay);
    print(name, "finished");
    return name;
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print(name, "cancelled");
    throw e;
  }
}

function* fail(delay: number) {
  yield* asyncio.sleep(delay);
  print("fail raises");
  throw new asyncio.ValueError("child failed");
}

function* main() {
  const me = asyncio.current_task()!;
  const tg = new asyncio.TaskGroup();
  let quick!: asyncio.Task<string>;
  let slow!: asyncio.Task<string>;
  let bad!: asyncio.Task<void>;
  try {
    yield* asyncio.async_with(tg, function* (tg) {
      quick = tg.create_task(sibling("quick", 0.1), { name: "quick" });
      slow = tg.create_task(sibling("slow", 5), { name: "slow" });
      bad = tg.create_task(fail(0.5), { name: "bad" });
      print(tg);
      print(slow);
      try {
        yield* asyncio.sleep(10);
      } catch (e) {
        if (e instanceof asyncio.CancelledError) print("body cancelled; cancelling() =", me.cancelling(), "|", tg);
        throw e;
      }
    });
  } catch (e) {
    const [eg, rest] = asyncio.except_star(e, asyncio.ValueError);
    if (eg) {
      print("caught", repr(eg));
      print("its exceptions:", eg.exceptions);
    }
    if (rest) throw rest;
  }
  print("after: cancelling() =", me.cancelling(), "|", tg);
  print(quick.result(), slow.cancelled(), repr(bad.exception()));
  yield* asyncio.sleep(0.1);
  print("main goes on");
}

asyncio.run(main());
