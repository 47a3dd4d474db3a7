import asyncio, { print } from "asyncio";

function* greet(who: string) {
  return `hello, ${who}`;
}

function* main() {
  const task = asyncio.create_task(greet("world"));
  print(task.get_name());
  print(yield* task);
}

asyncio.run(main());
