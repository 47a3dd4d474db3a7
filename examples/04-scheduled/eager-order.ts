// The same main runs twice, with the default task factory and then with the eager
// one. main creates the worker's task first, and gives the worker its job second.
import asyncio, { print } from "asyncio";

const jobs = new Map<string, string>();

function* worker(name: string) {
  print(`  ${name} found:`, jobs.get(name) ?? "nothing");
}

function* main(factory: asyncio.TaskFactory | null) {
  asyncio.get_running_loop().set_task_factory(factory);
  const task = asyncio.create_task(worker("w"), { name: "w" });
  jobs.set("w", "its job");
  yield* task;
}

for (const factory of [null, asyncio.eager_task_factory]) {
  jobs.clear();
  print("eager factory:", factory !== null);
  await asyncio.run(main(factory));
}
