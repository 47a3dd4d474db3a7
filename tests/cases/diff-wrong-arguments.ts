// Public functions given an argument of the wrong type fail as CPython 3.13 fails, with its
// exception and its words, at the same moment (a coroutine when awaited): none hangs. A
// callback that is not callable is accepted, then fails when the loop runs it.
import asyncio, { print, repr, str } from "asyncio";

function cb() {}

function* coro() {
  return 1;
}

function* enter(cm: asyncio.Timeout) {
  yield* asyncio.async_with(cm, function* () {});
}

// The wrong types are given through `as never`, where TypeScript would refuse them.
function* attempt(label: string, make: () => unknown) {
  try {
    let result = make();
    if (asyncio.iscoroutine(result) || result instanceof asyncio.Future) {
      result = yield* asyncio.wait_for(result as asyncio.Future, 10);
    }
    print(label, "->", repr(result));
  } catch (e) {
    if (!(e instanceof asyncio.Exception)) throw e;
    print(label, "raised", e.name + ":", str(e));
  }
}

function* main() {
  const loop = asyncio.get_running_loop();
  const f = loop.create_future();
  yield* attempt("sleep('soon')", () => asyncio.sleep("soon" as never));
  yield* attempt("sleep(None)", () => asyncio.sleep(null as never));
  yield* attempt("sleep([1])", () => asyncio.sleep([1] as never));
  yield* attempt("sleep(nan)", () => asyncio.sleep(NaN));
  yield* attempt("sleep(-1, 'r')", () => asyncio.sleep(-1, "r"));
  yield* attempt("create_task(42)", () => asyncio.create_task(42 as never));
  yield* attempt("Task(42)", () => new asyncio.Task(42 as never));
  yield* attempt("ensure_future(42)", () => asyncio.ensure_future(42 as never));
  yield* attempt("gather(42)", () => asyncio.gather(42 as never));
  yield* attempt("gather(..., return_exceptions=[])", () => asyncio.gather(asyncio.sleep(0, "ok"), { return_exceptions: [] as never }));
  yield* attempt("shield(42)", () => asyncio.shield(42 as never));
  yield* attempt("wait(42)", () => asyncio.wait(42 as never));
  yield* attempt("wait(0)", () => asyncio.wait(0 as never));
  yield* attempt("wait([])", () => asyncio.wait([]));
  yield* attempt("wait([f], return_when='x')", () => asyncio.wait([f], { return_when: "x" as never }));
  yield* attempt("wait([f], timeout='x')", () => asyncio.wait([f], { timeout: "x" as never }));
  yield* attempt("wait_for(42, 1)", () => asyncio.wait_for(42 as never, 1));
  yield* attempt("wait_for(f, 'x')", () => asyncio.wait_for(f, "x" as never));
  yield* attempt("as_completed(42)", () => asyncio.as_completed(42 as never));
  yield* attempt("timeout('x')", () => asyncio.timeout("x" as never));
  yield* attempt("timeout_at('x')", () => enter(asyncio.timeout_at("x" as never)));
  yield* attempt("call_later('x', cb)", () => loop.call_later("x" as never, cb));
  yield* attempt("call_later(None, cb)", () => loop.call_later(null as never, cb));
  yield* attempt("call_at(None, cb)", () => loop.call_at(null as never, cb));
  yield* attempt("set_exception(42)", () => loop.create_future().set_exception(42 as never));
  yield* attempt("Queue('x').put_nowait(1)", () => new asyncio.Queue("x" as never).put_nowait(1));
  yield* attempt("Queue(None).full()", () => new asyncio.Queue(null as never).full());
  yield* attempt("Semaphore('x')", () => new asyncio.Semaphore("x" as never));
  yield* attempt("Semaphore(None)", () => new asyncio.Semaphore(null as never));
  yield* attempt("BoundedSemaphore([])", () => new asyncio.BoundedSemaphore([] as never));
  yield* attempt("Barrier('x')", () => new asyncio.Barrier("x" as never));
  yield* attempt("Condition(42)", () => new asyncio.Condition(42 as never));
  yield* attempt("current_task(42)", () => asyncio.current_task(42 as never));
  yield* attempt("all_tasks(42)", () => asyncio.all_tasks(42 as never));
  yield* attempt("run(42) in a running loop", () => asyncio.run(42 as never));
  yield* attempt("call_soon(42)", () => loop.call_soon(42 as never));
  const g = loop.create_future();
  yield* attempt("add_done_callback(42)", () => g.add_done_callback(42 as never));
  g.set_result(null);
  yield* asyncio.sleep(0);
  f.cancel();
  print("done");
}

asyncio.run(main());
