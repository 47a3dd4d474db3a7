import asyncio, { print } from "asyncio";

function* greet(who: string) {
  return `hello, ${who}`;
}

const task = asyncio.create_task(greet("world"));

function* main() {
  print(task.get_name());
  print(yield* task);
}

asyncio.run(main());
