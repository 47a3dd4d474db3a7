import asyncio, { print } from "asyncio";

function* greet(who: string) {
  return `hello, ${who}`;
}

function* main() {
  // Inside main the loop is running, so create_task() can schedule the task on it.
  const task = asyncio.create_task(greet("world"), { name: "greeter" });
  print(task.get_name());
  print(yield* task);
}

asyncio.run(main());
