// Fire-and-forget, done safely: each task goes into a set when it is created, and
// its done callback takes it out again when it finishes.
import asyncio, { print } from "asyncio";

const background = new Set<asyncio.Task<void>>();

function* notify(user: string, delay: number) {
  yield* asyncio.sleep(delay);
  print(`  notified ${user}`);
}

function* main() {
  for (const [user, delay] of [["ada", 0.2], ["bob", 0.1]] as const) {
    const task = asyncio.create_task(notify(user, delay));
    background.add(task);
    task.add_done_callback((t) => background.delete(t));   // background.discard
  }
  print("main: tasks kept:", background.size);
  yield* asyncio.sleep(0.15);
  print("main: tasks kept:", background.size);
  yield* asyncio.sleep(0.1);
  print("main: tasks kept:", background.size);
}

asyncio.run(main());
