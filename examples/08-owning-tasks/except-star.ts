// Three tasks in one TaskGroup: two fail at the same moment, with different
// errors, and one finishes first. except* takes the group apart by type.
import asyncio, { print, repr, KeyError, ValueError } from "asyncio";

function* fails(exc: Error) {
  yield* asyncio.sleep(0.1);
  throw exc;
}

function* fine() {
  yield* asyncio.sleep(0.05);
  return "fine";
}

function* main() {
  print("main: fine() and two fails() as tasks of a TaskGroup");
  let good!: asyncio.Task<string>;
  try {
    yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
      good = tg.create_task(fine());
      tg.create_task(fails(new ValueError("bad value")));
      tg.create_task(fails(new KeyError("missing")));
    });
  } catch (e) {
    const [values, rest] = asyncio.except_star(e, ValueError);   // except* ValueError as eg:
    if (values) print("except* ValueError:", repr(values));
    const [keys, rest2] = rest ? asyncio.except_star(rest, KeyError) : [null, null];   // except* KeyError as eg:
    if (keys) print("except* KeyError:", repr(keys));
    if (rest2) throw rest2;
  }
  print("the third task:", repr(good.result()));
}

asyncio.run(main());
