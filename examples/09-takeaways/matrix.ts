// One task in each situation, and what done(), cancelled(), result() and
// exception() say about it. The table on the takeaways page is this output.
import asyncio, { print, repr, BaseException, ValueError } from "asyncio";

type AnyTask = asyncio.Task<unknown>;
const METHODS: [string, (t: AnyTask) => unknown][] = [["done()", (t) => t.done()],
                                                       ["cancelled()", (t) => t.cancelled()],
                                                       ["result()", (t) => t.result()],
                                                       ["exception()", (t) => t.exception()]];

function row(situation: string, task: AnyTask) {
  const cells = [situation];
  for (const [, method] of METHODS) {
    try {
      cells.push(repr(method(task)));
    } catch (e) {
      if (!(e instanceof BaseException)) throw e;
      cells.push(`raises ${e.name}`);   // type(e).__name__
    }
  }
  print(cells.join(" | "));
}

function* nap() {
  yield* asyncio.sleep(3600);
}

function* answer() {
  return 42;
}

function* broken() {
  throw new ValueError("bad");
}

function* running() {
  row("running (asks itself)", asyncio.current_task()!);
}

function* main() {
  print(["task", ...METHODS.map(([name]) => name)].join(" | "));
  const suspended = asyncio.create_task(nap());
  const done_ok = asyncio.create_task(answer());
  const failed = asyncio.create_task(broken());
  const cancelled = asyncio.create_task(nap());
  yield* asyncio.sleep(0);
  cancelled.cancel();
  const scheduled = asyncio.create_task(running());
  row("scheduled", scheduled);
  yield* asyncio.sleep(0);
  row("suspended", suspended);
  row("done: result", done_ok);
  row("done: exception", failed);
  row("done: cancelled", cancelled);
  suspended.cancel();
}

asyncio.run(main());
