// await on a future that is not done suspends the task: the task records the future
// in _fut_waiter, adds its own wake-up as the future's done callback, and gives the
// loop control. Setting the result only schedules the wake-up.
import asyncio, { print, repr } from "asyncio";

function* waiter(gate: asyncio.Future<string>) {
  print("  waiter: about to await the gate");
  const value = yield* gate;
  print("  waiter: woke up with", repr(value));
  return value;
}

function* main() {
  const gate = asyncio.get_running_loop().create_future<string>();
  const task = asyncio.create_task(waiter(gate), { name: "waiter" });
  yield* asyncio.sleep(0);
  print("suspended:", task);
  print("_fut_waiter is gate:", task._fut_waiter === gate);
  print("gate:", gate);
  gate.set_result("open");
  print("result set, wake-up not yet run:", task);
  yield* task;
  print("done:", task);
}

asyncio.run(main());
