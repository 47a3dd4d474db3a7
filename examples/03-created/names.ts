// Three tasks run the same coroutine function; only the second is given a name.
import asyncio, { print } from "asyncio";

function* download(filename: string) {
  yield* asyncio.sleep(0);
  return filename;
}

function* main() {
  const a = asyncio.create_task(download("a.txt"));
  const b = asyncio.create_task(download("b.txt"), { name: "fetch-b" });
  const c = asyncio.create_task(download("c.txt"));
  print([a, b, c].map((t) => t.get_name()));
  c.set_name("fetch-c");
  print([a, b, c].map((t) => t.get_name()), "| main:", asyncio.current_task()!.get_name());
  yield* asyncio.gather(a, b, c);
}

asyncio.run(main());
