// The loop is given the eager task factory (Python 3.12+). Then main creates two
// tasks: one whose coroutine never suspends, and one that sleeps halfway.
import asyncio, { print } from "asyncio";

function* quick() {
  print("  quick: runs");
  return "quick";
}

function* slow() {
  print("  slow: first step");
  yield* asyncio.sleep(0.1);
  print("  slow: second step");
}

function* main() {
  asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory);
  print("main: creating quick");
  const q = asyncio.create_task(quick(), { name: "quick" });
  print("main: got", q);
  print("main: creating slow");
  const s = asyncio.create_task(slow(), { name: "slow" });
  print("main: got", s);
  yield* s;
}

asyncio.run(main());
