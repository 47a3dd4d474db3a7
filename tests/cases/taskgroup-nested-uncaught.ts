// Nested TaskGroups: a child that runs its own group fails with that group's ExceptionGroup,
// which the outer group collects; nobody catches the outer group, so the program ends with
// CPython's group traceback (the | framed, numbered members, nested) and exit status 1.
import asyncio, { print } from "asyncio";

function* leaf(name: string, delay: number) {
  yield* asyncio.sleep(delay);
  if (name.startsWith("bad")) {
    throw new asyncio.ValueError(name);
  }
  print(name, "done");
}

function* middle() {
  yield* asyncio.async_with(new asyncio.TaskGroup(), function* (inner) {
    inner.create_task(leaf("bad-inner-1", 0.1));
    inner.create_task(leaf("bad-inner-2", 0.1));
    inner.create_task(leaf("ok-inner", 0.05));
  });
}

function* slow() {
  try {
    yield* asyncio.sleep(5);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("slow cancelled");
    throw e;
  }
}

function* main() {
  yield* asyncio.async_with(new asyncio.TaskGroup(), function* (outer) {
    outer.create_task(middle());
    outer.create_task(slow());
    outer.create_task(leaf("bad-outer", 0.3));
    print(outer);
  });
  print("not reached");
}

asyncio.run(main());
