// A task runs on its own once the loop gets control: nobody has to await it.
// main only keeps a reference and, at the very end, reads the result.
import asyncio, { print, repr } from "asyncio";

function* ticker(count: number) {
  for (let i = 1; i <= count; i++) {
    print(`  ticker: tick ${i}`);
    yield* asyncio.sleep(0.2);
  }
  return `${count} ticks`;
}

function* main() {
  const task = asyncio.create_task(ticker(3));
  for (const chore of ["reading", "writing", "resting", "looking up"]) {
    print(`main: ${chore}`);
    yield* asyncio.sleep(0.3);
  }
  print("main: never awaited the task; done() =", task.done());
  print("main: result() =", repr(task.result()));
}

asyncio.run(main());
