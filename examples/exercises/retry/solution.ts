import asyncio, { print, repr, OSError } from "asyncio";

let attempts = 0;

function* fetch() {
  attempts += 1;
  print(`attempt ${attempts}`);
  yield* asyncio.sleep(0);
  if (attempts < 3) throw new OSError("try again");
  return "data";
}

/** Runs make() as a task, again after an OSError: `times` runs at most. */
function* retry(make: () => asyncio.Coroutine<string>, times: number) {
  let task = asyncio.create_task(make());
  for (let i = 1; i < times; i++) {
    try {
      return yield* task;
    } catch (e) {
      if (!(e instanceof OSError)) throw e;
      print("failed:", repr(e));
    }
    // A done task never runs again and its coroutine is spent: a new attempt is a new
    // task around a new coroutine.
    task = asyncio.create_task(make());
  }
  return yield* task;
}

function* main() {
  print(yield* retry(fetch, 5));
}

asyncio.run(main());
