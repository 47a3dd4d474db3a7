// SystemExit in a task nobody awaits still ends the program (status 3); the task keeps the
// exception too, reported as never retrieved when it is freed.
import asyncio, { print } from "asyncio";

function* child() {
  print("child raises");
  throw new asyncio.SystemExit(3);
}

function* main() {
  const task = asyncio.create_task(child());
  yield* asyncio.sleep(1);
  print("main resumed");
}

await asyncio.run(main());
print("never printed");
