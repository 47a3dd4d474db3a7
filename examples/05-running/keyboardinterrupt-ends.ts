// The same program with KeyboardInterrupt, the exception Ctrl-C raises, in the
// task: again nothing awaits the task and nothing catches anything.
import asyncio, { print } from "asyncio";

function* interrupt() {
  print("interrupt: raising KeyboardInterrupt");
  throw new asyncio.KeyboardInterrupt();
}

function* main() {
  const task = asyncio.create_task(interrupt());
  yield* asyncio.sleep(1);
  print("main: woke up");
}

await asyncio.run(main());
print("after asyncio.run()");
