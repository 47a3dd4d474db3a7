// Two ways to own tasks: a TaskGroup, whose async with block ends only when its
// tasks are done, and gather(), which collects results in the order given.
import asyncio, { print } from "asyncio";

function* fetch(name: string, delay: number) {
  yield* asyncio.sleep(delay);
  print(`  ${name}: fetched`);
  return name.toUpperCase();
}

function* main() {
  let a!: asyncio.Task<string>;
  let b!: asyncio.Task<string>;
  yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
    a = tg.create_task(fetch("a", 0.2));
    b = tg.create_task(fetch("b", 0.1));
    print("main: end of the async with body");
  });
  print("main: after the block:", a.result(), b.result());
  print("main: gather ->", yield* asyncio.gather(fetch("c", 0.2), fetch("d", 0.1)));
}

asyncio.run(main());
