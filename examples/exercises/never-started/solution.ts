import asyncio, { print } from "asyncio";

function* remind() {
  print("reminder: sent");
  yield* asyncio.sleep(3600);
}

function* main() {
  const task = asyncio.create_task(remind(), { name: "reminder" });
  print("main: the meeting is off, no reminder needed");
  task.cancel();             // still scheduled: its body has not run yet
  yield* asyncio.sleep(0);   // the loop runs the reminder's first step, which only ends it
  print("cancelled:", task.cancelled());
}

asyncio.run(main());
