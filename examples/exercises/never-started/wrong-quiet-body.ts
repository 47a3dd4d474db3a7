import asyncio, { print } from "asyncio";

function* remind() {
  yield* asyncio.sleep(3600);
}

function* main() {
  const task = asyncio.create_task(remind(), { name: "reminder" });
  print("main: the meeting is off, no reminder needed");
  yield* asyncio.sleep(0);   // main tidies up its calendar
  task.cancel();
  yield* asyncio.sleep(0);
  print("cancelled:", task.cancelled());
}

asyncio.run(main());
