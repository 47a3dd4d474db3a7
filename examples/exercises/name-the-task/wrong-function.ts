import asyncio, { print } from "asyncio";

function* greet(who: string) {
  return `hello, ${who}`;
}

function* main() {
  // @ts-expect-error: the coroutine function itself, not a coroutine (a typical slip)
  const task = asyncio.create_task(greet, { name: "greeter" });
  print(task.get_name());
  print(yield* task);
}

asyncio.run(main());
