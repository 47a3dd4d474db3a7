// KeyboardInterrupt in a task nobody awaits ends the program: its traceback first, then the
// task, freed at exit, reports its exception as never retrieved.
import asyncio, { print } from "asyncio";

function* child() {
  print("child raises");
  throw new asyncio.KeyboardInterrupt();
}

function* main() {
  const task = asyncio.create_task(child());
  yield* asyncio.sleep(1);
  print("main resumed");
}

await asyncio.run(main());
print("never printed");
