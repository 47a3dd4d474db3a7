# Public functions given an argument of the wrong type fail as CPython 3.13 fails, with its
# exception and its words, at the same moment (a coroutine when awaited): none hangs. A
# callback that is not callable is accepted, then fails when the loop runs it.
import asyncio


def cb():
    pass


async def coro():
    return 1


async def enter(cm):
    async with cm:
        pass


async def attempt(label, make):
    try:
        result = make()
        if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
            result = await asyncio.wait_for(result, 10)
        print(label, "->", repr(result))
    except Exception as e:
        print(label, "raised", type(e).__name__ + ":", e)


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    await attempt("sleep('soon')", lambda: asyncio.sleep("soon"))
    await attempt("sleep(None)", lambda: asyncio.sleep(None))
    await attempt("sleep([1])", lambda: asyncio.sleep([1]))
    await attempt("sleep(nan)", lambda: asyncio.sleep(float("nan")))
    await attempt("sleep(-1, 'r')", lambda: asyncio.sleep(-1, "r"))
    await attempt("create_task(42)", lambda: asyncio.create_task(42))
    await attempt("Task(42)", lambda: asyncio.Task(42))
    await attempt("ensure_future(42)", lambda: asyncio.ensure_future(42))
    await attempt("gather(42)", lambda: asyncio.gather(42))
    await attempt("gather(..., return_exceptions=[])", lambda: asyncio.gather(asyncio.sleep(0, "ok"), return_exceptions=[]))
    await attempt("shield(42)", lambda: asyncio.shield(42))
    await attempt("wait(42)", lambda: asyncio.wait(42))
    await attempt("wait(0)", lambda: asyncio.wait(0))
    await attempt("wait([])", lambda: asyncio.wait([]))
    await attempt("wait([f], return_when='x')", lambda: asyncio.wait([f], return_when="x"))
    await attempt("wait([f], timeout='x')", lambda: asyncio.wait([f], timeout="x"))
    await attempt("wait_for(42, 1)", lambda: asyncio.wait_for(42, 1))
    await attempt("wait_for(f, 'x')", lambda: asyncio.wait_for(f, "x"))
    await attempt("as_completed(42)", lambda: asyncio.as_completed(42))
    await attempt("timeout('x')", lambda: asyncio.timeout("x"))
    await attempt("timeout_at('x')", lambda: enter(asyncio.timeout_at("x")))
    await attempt("call_later('x', cb)", lambda: loop.call_later("x", cb))
    await attempt("call_later(None, cb)", lambda: loop.call_later(None, cb))
    await attempt("call_at(None, cb)", lambda: loop.call_at(None, cb))
    await attempt("set_exception(42)", lambda: loop.create_future().set_exception(42))
    await attempt("Queue('x').put_nowait(1)", lambda: asyncio.Queue("x").put_nowait(1))
    await attempt("Queue(None).full()", lambda: asyncio.Queue(None).full())
    await attempt("Semaphore('x')", lambda: asyncio.Semaphore("x"))
    await attempt("Semaphore(None)", lambda: asyncio.Semaphore(None))
    await attempt("BoundedSemaphore([])", lambda: asyncio.BoundedSemaphore([]))
    await attempt("Barrier('x')", lambda: asyncio.Barrier("x"))
    await attempt("Condition(42)", lambda: asyncio.Condition(42))
    await attempt("current_task(42)", lambda: asyncio.current_task(42))
    await attempt("all_tasks(42)", lambda: asyncio.all_tasks(42))
    await attempt("run(42) in a running loop", lambda: asyncio.run(42))
    await attempt("call_soon(42)", lambda: loop.call_soon(42))
    g = loop.create_future()
    await attempt("add_done_callback(42)", lambda: g.add_done_callback(42))
    g.set_result(None)
    await asyncio.sleep(0)
    f.cancel()
    print("done")


asyncio.run(main())
