// A task's exception, never retrieved: CPython's report shows the task's own frames only (the
// coroutine and what it called), not the line that started the program.
import asyncio, { print } from "asyncio";

function* parse(text: string) {
  yield* asyncio.sleep(0);
  if (!/^\d+$/.test(text)) throw new asyncio.ValueError(`invalid literal for int() with base 10: '${text}'`);
  return Number(text);
}

function* load(text: string) {
  const value = yield* parse(text);
  return value * 2;
}

function* main() {
  const task = asyncio.create_task(load("x"));
  yield* asyncio.sleep(0.1);
  print("done:", task.done());
}

asyncio.run(main());
