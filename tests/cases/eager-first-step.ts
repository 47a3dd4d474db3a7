// Eager tasks (3.12+): the first step runs inside create_task(), with the new task as
// current_task() and the creator's restored after. A coroutine that never suspends gives a task
// already done when create_task() returns, never scheduled (its coroutine is dropped: get_coro()
// is None); one that suspends runs the rest of its body later, like any task.
import asyncio, { print } from "asyncio";

function who() {
  const t = asyncio.current_task();
  return t ? t.get_name() : null;
}

function* never_suspends(x: number) {
  print("  never_suspends runs in", who());
  return x * 2;
}

function* suspends(x: number) {
  print("  suspends starts in", who());
  yield* asyncio.sleep(0.1);
  print("  suspends resumes in", who());
  return x;
}

function* main() {
  const loop = asyncio.get_running_loop();
  const lazy = asyncio.create_task(never_suspends(0), { name: "lazy" });
  print("lazy created:", lazy.done(), "| current:", who());
  loop.set_task_factory(asyncio.eager_task_factory);
  print("factory:", loop.get_task_factory() === asyncio.eager_task_factory);
  print("creating a");
  const a = asyncio.create_task(never_suspends(1));
  print("a created:", a.done(), a.result(), "| current:", who(), "| coro:", a.get_coro());
  print(a);
  print("creating b");
  const b = asyncio.create_task(suspends(2), { name: "b" });
  print("b created:", b.done(), "| current:", who());
  print(b);
  print("lazy ran?", lazy.done());
  print("results:", yield* lazy, yield* b);
  loop.set_task_factory(null);
  print("factory:", loop.get_task_factory());
  const c = new asyncio.Task(never_suspends(3), { loop, eager_start: true });
  print(c, c.done());
  try {
    loop.set_task_factory(42 as unknown as asyncio.TaskFactory);
  } catch (e) {
    if (!(e instanceof asyncio.TypeError)) throw e;
    print("TypeError:", e);
  }
}

asyncio.run(main());
