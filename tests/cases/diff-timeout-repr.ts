// The repr of asyncio.timeout(): the state in brackets, and while it is active `when=` after
// them, rounded to 3 digits as round(when, 3) does (a tie to the even digit).
import asyncio, { print, repr } from "asyncio";

function* main() {
  let cm = asyncio.timeout(null);
  print(repr(cm));
  yield* asyncio.async_with(cm, function* () {
    print(repr(cm));
    cm.reschedule(null);
    print(repr(cm));
  });
  print(repr(cm));
  for (const when of [5, 2.5, 1.0625, 0.0625, 2.0014999, 1000.123456]) {
    yield* asyncio.async_with(asyncio.timeout_at(when), function* (c) {
      print(when, "->", repr(c));
    });
  }
  cm = asyncio.timeout(0);
  try {
    yield* asyncio.async_with(cm, function* () {
      yield* asyncio.sleep(1);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    print(repr(cm), cm.expired());
  }
}

asyncio.run(main());
