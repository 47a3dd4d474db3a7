// Every task has a name. Without one it gets "Task-N" from a single counter for the
// whole program (asyncio.run()'s main task is Task-1); a name tells apart tasks that
// run the same coroutine function, and set_name() can change it later.
import asyncio, { print } from "asyncio";

function* download(filename: string) {
  yield* asyncio.sleep(0);
  return filename;
}

function* main() {
  print("main runs in", asyncio.current_task()!.get_name());
  const a = asyncio.create_task(download("a.txt"));
  const b = asyncio.create_task(download("b.txt"), { name: "fetch-b" });
  const c = asyncio.create_task(download("c.txt"));
  print([a, b, c].map((t) => t.get_name()));
  c.set_name("fetch-c");
  print("after set_name():", c);
  print(yield* asyncio.gather(a, b, c));
}

asyncio.run(main());
