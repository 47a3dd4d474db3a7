// Scheduling puts a task's first step at the back of the loop's ready queue.
// Nothing starts while the current task keeps control; then the steps run in the
// order the tasks were created.
import asyncio, { print } from "asyncio";

function* worker(name: string) {
  print(`  ${name}: started`);
}

function* main() {
  const names = ["first", "second", "third"];
  const tasks = names.map((name) => asyncio.create_task(worker(name)));
  print("main: three tasks created, none has started:", tasks.map((t) => t.done()));
  print("main: still busy; the loop cannot run them until main awaits");
  yield* asyncio.sleep(0);
  print("main: back after one turn of the loop:", tasks.map((t) => t.done()));
}

asyncio.run(main());
