// Task names under task factories in CPython 3.13.0: loop.create_task() calls the factory
// without the name, so an eager first step runs as Task-N, then calls task.set_name(name) even
// when name is None: the task ends up named 'None' (later 3.13 releases pass name= on).
// create_eager_task_factory() takes a Task subclass; asyncio.run()'s shutdown tasks go through
// the factory too (the loop is not running then, so they are scheduled, not eager).
import asyncio, { print } from "asyncio";

class LoudTask<T = unknown> extends asyncio.Task<T> {}

function* step(label: string) {
  print("  step", label, "runs as", asyncio.current_task()!.get_name());
  return label;
}

function logging_factory<T>(loop: asyncio.AbstractEventLoop, coro: asyncio.Coroutine<T>, options?: { name?: unknown }): asyncio.Task<T> {
  const task = new asyncio.Task(coro, { loop, eager_start: true, ...options });
  print("  factory made", task.get_name(), "| loop running:", loop.is_running(), "| done:", task.done());
  return task;
}

function* main() {
  const loop = asyncio.get_running_loop();
  loop.set_task_factory(asyncio.create_eager_task_factory(LoudTask));
  const t1 = asyncio.create_task(step("one"));
  const t2 = asyncio.create_task(step("two"), { name: "custom" });
  const t3 = asyncio.ensure_future(step("three"));
  print(t1, t2, t3, { sep: "\n" });
  const results = yield* asyncio.gather(step("g1"), step("g2"));
  print("gather:", results);
  const t4 = new asyncio.Task(step("four"), { loop, eager_start: true });
  print(t4.get_name());
  loop.set_task_factory(logging_factory);
  const t5 = asyncio.create_task(step("five"));
  print(t5.get_name());
  print("main returns");
}

await asyncio.run(main());
print("after run");
