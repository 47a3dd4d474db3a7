# TaskGroup: a cancellation of the parent from outside cancels the children and propagates as
# CancelledError (not as a group); errors raised while cancelling win, the parent stays
# cancelled (cancel() is requested again) and its next await raises CancelledError.
# A BaseException other than KeyboardInterrupt/SystemExit makes a BaseExceptionGroup.
import asyncio


class Stop(BaseException):
    pass


async def child(n):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("child", n, "cancelled")
        raise


async def sloppy_child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise ValueError("cleanup failed") from None


async def worker():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(1))
        await asyncio.sleep(10)


async def worker2():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sloppy_child())
            await asyncio.sleep(10)
    except* ValueError as eg:
        print("worker2 caught", repr(eg), "| cancelling() =", me.cancelling())
    try:
        await asyncio.sleep(1)
        print("not reached")
    except asyncio.CancelledError as e:
        print("worker2's next await raised", repr(e))
        raise


async def stop():
    await asyncio.sleep(0.1)
    raise Stop("s")


async def main():
    t = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(0.1)
    t.cancel("from outside")
    try:
        await t
    except asyncio.CancelledError as e:
        print("worker raised", repr(e), "| cancelled:", t.cancelled(), "| cancelling() =", t.cancelling())

    t2 = asyncio.create_task(worker2(), name="worker2")
    await asyncio.sleep(0.1)
    t2.cancel()
    await asyncio.gather(t2, return_exceptions=True)
    print("worker2 cancelled:", t2.cancelled())

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(stop())
            tg.create_task(child(3))
    except BaseExceptionGroup as eg:
        print(type(eg).__name__, repr(eg), "| is Exception:", isinstance(eg, Exception))


asyncio.run(main())
