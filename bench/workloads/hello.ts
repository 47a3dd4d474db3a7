// The start-up workload: a task created, awaited and printed; no time passes.
import asyncio, { print } from "asyncio";

function* greet(name: string) {
  yield* asyncio.sleep(0);
  return `hello, ${name}`;
}

function* main() {
  const task = asyncio.create_task(greet("world"));
  print(yield* task);
  print(task);
}

asyncio.run(main());
