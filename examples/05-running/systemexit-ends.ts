// main starts a task that raises SystemExit(3), then sleeps. Nothing awaits the
// task and nothing catches anything.
import asyncio, { print } from "asyncio";

function* stop() {
  print("stop: raising SystemExit(3)");
  throw new asyncio.SystemExit(3);
}

function* main() {
  const task = asyncio.create_task(stop());
  yield* asyncio.sleep(1);
  print("main: woke up");
}

await asyncio.run(main());
print("after asyncio.run()");
