// A done callback is called with the task, only after the task is done, and always
// by the loop on a later turn: never from inside add_done_callback(), not even when
// the task is already done.
import asyncio, { print, repr, str } from "asyncio";

function report(task: asyncio.Task<number>) {
  print(`  report: ${task.get_name()} done() = ${str(task.done())},`,
        `result() = ${repr(task.result())}`);
}

function* work() {
  yield* asyncio.sleep(0);
  print("  work: returning");
  return 99;
}

function* main() {
  const task = asyncio.create_task(work(), { name: "work" });
  task.add_done_callback(report);
  print(task);
  yield* asyncio.wait([task]);
  print("main: the task is done; adding the callback once more");
  task.add_done_callback(report);
  print("main: add_done_callback() returned, report has not run");
  yield* asyncio.sleep(0);
  print("main: after one turn of the loop");
}

asyncio.run(main());
