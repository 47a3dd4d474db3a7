import asyncio, { print, repr, ValueError } from "asyncio";

function* ok() {
  return 42;
}

function* bad() {
  throw new ValueError("no milk");
}

function* slow() {
  yield* asyncio.sleep(3600);
}

/** One line about any task, whatever its state. It must never raise. */
function describe(task: asyncio.Task): string {
  const name = task.get_name();
  // done() and cancelled() never raise; exception() and result() raise unless both
  // say the task finished without being cancelled.
  if (!task.done()) return `${name}: still pending`;
  const error = task.exception();
  if (error !== null) return `${name}: failed with ${repr(error)}`;
  if (task.cancelled()) return `${name}: cancelled`;
  return `${name}: result ${repr(task.result())}`;
}

function* main() {
  const tasks = [
    asyncio.create_task(ok(), { name: "ok" }),
    asyncio.create_task(bad(), { name: "bad" }),
    asyncio.create_task(slow(), { name: "gone" }),
    asyncio.create_task(slow(), { name: "slow" }),
  ];
  yield* asyncio.sleep(0);
  tasks[2].cancel();
  yield* asyncio.sleep(0);
  for (const task of tasks) print(describe(task));
}

asyncio.run(main());
