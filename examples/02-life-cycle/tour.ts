// One task, followed through its life: created and scheduled, running, suspended
// on a future, running again, done with a result.
import asyncio, { print, repr, str } from "asyncio";

function show(step: string, task: asyncio.Task) {
  print(`${step}: _state=${task._state}`,
        `done()=${str(task.done())}`, `cancelled()=${str(task.cancelled())}`);
  print("   ", repr(task));
}

function* work(gate: asyncio.Future<number>) {
  print("3 running: the body starts");
  const value = yield* gate;
  print("3 running again: resumed with", value);
  return value * 2;
}

function* main() {
  const gate = asyncio.get_running_loop().create_future<number>();
  const task = asyncio.create_task(work(gate), { name: "tour" });
  show("1-2 created and scheduled", task);
  yield* asyncio.sleep(0);
  show("3a suspended", task);
  gate.set_result(21);
  yield* asyncio.sleep(0);
  show("4 done (3b result)", task);
  print("result():", task.result());
}

asyncio.run(main());
