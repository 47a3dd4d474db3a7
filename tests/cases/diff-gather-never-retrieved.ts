// A failed gather() that nobody awaits: the report of its lost exception starts with the
// object's class name, _GatheringFuture (CPython's self.__class__.__name__), like Task's and Future's.
import asyncio, { print } from "asyncio";

function* bad(what: string) {
  yield* asyncio.sleep(0.1);
  throw new asyncio.ValueError(what);
}

function* main() {
  const g = asyncio.gather(bad("in gather"));
  yield* asyncio.sleep(0.5);
  print("gather done:", g.done(), "| child exception retrieved by gather itself");
  const t = asyncio.create_task(bad("in task"));
  yield* asyncio.sleep(0.5);
  print("task done:", t.done());
  const f = asyncio.get_running_loop().create_future();
  f.set_exception(new asyncio.ValueError("in future"));
  yield* asyncio.sleep(0);
  print("main ends");
}

asyncio.run(main());
