// A task whose TaskGroup failed, never awaited: "Task exception was never retrieved" reports the
// ExceptionGroup with its group traceback; a group set on a Future without being raised has no
// "Exception Group Traceback" header, only its framed members.
import asyncio, { print } from "asyncio";

function* bad(n: number) {
  yield* asyncio.sleep(0.1);
  throw new asyncio.ValueError(`bad ${n}`);
}

function* worker() {
  yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
    tg.create_task(bad(1));
    tg.create_task(bad(2));
  });
}

function* main() {
  const f = asyncio.get_running_loop().create_future();
  f.set_exception(new asyncio.ExceptionGroup("set, not raised", [new asyncio.KeyError("k"), new asyncio.ExceptionGroup("inner", [new asyncio.TypeError("t")])]));
  print(f);
  const t = asyncio.create_task(worker(), { name: "worker" });
  yield* asyncio.sleep(1);
  print(t);
  print("main ends");
}

asyncio.run(main());
