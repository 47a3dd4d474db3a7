// SystemExit in a task that main awaits leaves the loop at once: main never resumes.
import asyncio, { print } from "asyncio";

function* child() {
  print("child raises");
  throw new asyncio.SystemExit(3);
}

function* main() {
  const task = asyncio.create_task(child());
  yield* task;
  print("main resumed");
}

await asyncio.run(main());
