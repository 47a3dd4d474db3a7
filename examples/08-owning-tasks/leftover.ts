// main starts a ticker that would tick five times, a second apart, and returns
// after 1.5 seconds without awaiting it. A module-level list keeps the task.
import asyncio, { print } from "asyncio";

const background: asyncio.Task<void>[] = [];

function* ticker() {
  try {
    for (let i = 0; i < 5; i++) {
      print("  tick", i);
      yield* asyncio.sleep(1);
    }
  } finally {
    print("  ticker: finally");
  }
}

function* main() {
  background.push(asyncio.create_task(ticker(), { name: "ticker" }));
  yield* asyncio.sleep(1.5);
  print("main: returning");
}

await asyncio.run(main());
print("after asyncio.run():", background[0]);
