// Eager children in a TaskGroup, as CPython 3.13.0 runs them: a child that finishes in its
// eager first step is handed to the group's _on_task_done at once and never counted in
// tasks=; one that fails there cancels the parent (the task running the block) right away, so
// the block goes on until its next await, where CancelledError arrives (3.13.2 changed this,
// gh-128550). The error still comes out in the group's ExceptionGroup.
import asyncio, { print, repr } from "asyncio";

function* quick(x: number) {
  print("  quick", x, "in", asyncio.current_task()!.get_name());
  return x;
}

function* slow(x: number) {
  print("  slow", x, "starts");
  try {
    yield* asyncio.sleep(1);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("  slow", x, "cancelled");
    throw e;
  }
  return x;
}

function* broken(): Generator<unknown, never, unknown> {
  print("  broken raises at once");
  throw new asyncio.ValueError("eager failure");
}

function* main() {
  const me = asyncio.current_task()!;
  asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory);
  let a!: asyncio.Task<number>;
  let b!: asyncio.Task<number>;
  yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
    a = tg.create_task(quick(1));
    b = tg.create_task(slow(2));
    print(tg, "| a done:", a.done());
  });
  print("first group done:", a.result(), b.result());

  let s!: asyncio.Task<number>;
  try {
    yield* asyncio.async_with(new asyncio.TaskGroup(), function* (tg) {
      s = tg.create_task(slow(3));
      print("before broken:", tg, "| cancelling() =", me.cancelling());
      tg.create_task(broken());
      print("after broken:", tg, "| cancelling() =", me.cancelling());
      print("the block still runs until it awaits");
      yield* asyncio.sleep(0);
      print("not reached");
    });
  } catch (e) {
    const [eg, rest] = asyncio.except_star(e, asyncio.ValueError);
    if (eg) print("caught", repr(eg), "| cancelling() =", me.cancelling());
    if (rest) throw rest;
  }
  print("slow 3 cancelled:", s.cancelled());
}

asyncio.run(main());
