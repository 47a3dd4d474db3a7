// TaskGroup.create_task refuses a group not entered yet, one that has finished, and one that is
// shutting down, with RuntimeError, and closes the coroutine it was given; a group is entered once.
// Reprs show the group's state at each point.
import asyncio, { print, repr } from "asyncio";

function* work(x: number) {
  yield* asyncio.sleep(0.1);
  return x;
}

function* fail(): Generator<unknown, never, unknown> {
  throw new asyncio.ValueError("x");
}

function* spawner(tg: asyncio.TaskGroup) {
  try {
    yield* asyncio.sleep(1);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) {
      try {
        tg.create_task(work(4));
      } catch (e2) {
        if (!(e2 instanceof asyncio.RuntimeError)) throw e2;
        print("RuntimeError:", e2);
      }
    }
    throw e;
  }
}

function* main() {
  const tg = new asyncio.TaskGroup();
  print(repr(tg));
  const c = work(1);
  try {
    tg.create_task(c);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    print("RuntimeError:", e);
  }
  try {
    yield* asyncio.create_task(c);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    print("the coroutine was closed:", e);
  }
  let t!: asyncio.Task<number>;
  yield* asyncio.async_with(tg, function* (tg) {
    t = tg.create_task(work(2), { name: "w2" });
    print(repr(tg), t);
    try {
      yield* asyncio.async_with(tg, function* () {});
    } catch (e) {
      if (!(e instanceof asyncio.RuntimeError)) throw e;
      print("RuntimeError:", e);
    }
  });
  print(repr(tg), t.result());
  try {
    tg.create_task(work(3));
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    print("RuntimeError:", e);
  }

  const tg2 = new asyncio.TaskGroup();
  try {
    yield* asyncio.async_with(tg2, function* (tg2) {
      tg2.create_task(spawner(tg2));
      tg2.create_task(fail());
    });
  } catch (e) {
    const [eg, rest] = asyncio.except_star(e, asyncio.ValueError);
    if (eg) print(repr(eg), "|", tg2);
    if (rest) throw rest;
  }
}

asyncio.run(main());
