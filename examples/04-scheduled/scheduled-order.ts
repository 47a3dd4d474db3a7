// main creates three tasks, prints two lines, then awaits asyncio.sleep(0).
import asyncio, { print } from "asyncio";

function* worker(name: string) {
  print(`  ${name}: started`);
}

function* main() {
  const tasks = ["first", "second", "third"].map((name) => asyncio.create_task(worker(name), { name }));
  print("main: created three tasks");
  print("main: about to await");
  yield* asyncio.sleep(0);
  print("main: back, done() =", tasks.map((t) => t.done()));
}

asyncio.run(main());
