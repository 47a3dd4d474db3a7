// Awaiting a coroutine runs it inside the caller's own task, to the end, before the
// caller goes on. Wrapping it in a task gives it a task of its own, so several run
// side by side while the caller is free.
import asyncio, { print } from "asyncio";

function* brew(drink: string, seconds: number) {
  const me = asyncio.current_task()!.get_name();
  print(`  ${drink}: starts, inside ${me}`);
  yield* asyncio.sleep(seconds);
  print(`  ${drink}: ready`);
  return drink;
}

function* main() {
  const loop = asyncio.get_running_loop();

  print("1. await each coroutine directly");
  let start = loop.time();
  yield* brew("tea", 1);
  yield* brew("coffee", 2);
  print("   took", Math.round(loop.time() - start), "seconds");

  print("2. wrap each coroutine in a task, then await the tasks");
  start = loop.time();
  const tea = asyncio.create_task(brew("tea", 1));
  const coffee = asyncio.create_task(brew("coffee", 2));
  print("   main: both tasks created, main is still running");
  yield* tea;
  yield* coffee;
  print("   took", Math.round(loop.time() - start), "seconds");
}

asyncio.run(main());
