// A task that finishes normally has a result: what its coroutine returned, or None
// when it just ran off its end. result() gives it, but only once the task is done.
import asyncio, { print, repr } from "asyncio";

function* add(a: number, b: number) {
  yield* asyncio.sleep(0);
  return a + b;
}

function* shout(text: string) {
  print(`  ${text.toUpperCase()}!`);
}

function* main() {
  const total = asyncio.create_task(add(2, 3));
  const quiet = asyncio.create_task(shout("hello"));
  try {
    total.result();
  } catch (e) {
    if (!(e instanceof asyncio.InvalidStateError)) throw e;
    print("too early:", repr(e));
  }
  yield* asyncio.wait([total, quiet]);
  print("add() result():", total.result());
  print("shout() result():", quiet.result());
  print(total);
  print(quiet);
}

asyncio.run(main());
