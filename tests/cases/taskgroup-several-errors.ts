// TaskGroup: children that fail in the same iteration, and an error in the body itself, all end
// up in one ExceptionGroup; several except* clauses each take their part, the rest goes on.
import asyncio, { print, repr, str } from "asyncio";

function* fail(exc: Error, delay: number | null = null) {
  if (delay !== null) {
    yield* asyncio.sleep(delay);
  }
  throw exc;
}

function* main() {
  try {
    try {
      yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
        tg.create_task(fail(new asyncio.ValueError("v1")));
        tg.create_task(fail(new asyncio.TypeError("t1")));
        tg.create_task(fail(new asyncio.KeyError("k1")));
        yield* asyncio.sleep(0);
        throw new asyncio.ValueError("from the body");
      });
    } catch (e) {
      const [v, rest1] = asyncio.except_star(e, asyncio.ValueError);
      const [t, rest2] = rest1 ? asyncio.except_star(rest1, asyncio.TypeError) : [null, null];
      if (v) print("ValueErrors:", repr(v));
      if (t) print("TypeErrors:", repr(t));
      if (rest2) throw rest2;
    }
  } catch (rest) {
    if (!(rest instanceof asyncio.ExceptionGroup)) throw rest;
    print("left over:", repr(rest), "|", rest);
  }

  try {
    yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
      tg.create_task(fail(new asyncio.ValueError("a")));
      tg.create_task(fail(new asyncio.ValueError("b")));
      tg.create_task(fail(new asyncio.ValueError("late"), 0.2));
    });
  } catch (e) {
    const [eg, rest] = asyncio.except_star(e, asyncio.ValueError);
    if (eg) {
      print("two at once:", repr(eg));
      print(eg.exceptions.map((x) => str(x)));
    }
    if (rest) throw rest;
  }
}

asyncio.run(main());
