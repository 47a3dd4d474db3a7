// asyncio.create_task() wraps a coroutine in a Task, schedules it and returns at
// once: the caller keeps running, and the body starts only when the loop gets control.
import asyncio, { print } from "asyncio";

function* greet(name: string) {
  print(`  greet: hello, ${name}`);
  return name.length;
}

function* main() {
  const coro = greet("Ada");
  print("a coroutine object:", asyncio.iscoroutine(coro));
  const task = asyncio.create_task(coro);
  print("create_task() returned a Task:", task instanceof asyncio.Task);
  print("the task wraps that very coroutine:", task.get_coro() === coro);
  print("main goes on; greet has not printed anything yet");
  print("await task ->", yield* task);
}

asyncio.run(main());
