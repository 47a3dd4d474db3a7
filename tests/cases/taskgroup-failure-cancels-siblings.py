# TaskGroup: the first child to fail cancels its siblings and the body; the errors come out as
# one ExceptionGroup, which except* takes apart. The parent task is uncancelled on the way out.
import asyncio


async def sibling(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def fail(delay):
    await asyncio.sleep(delay)
    print("fail raises")
    raise ValueError("child failed")


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            quick = tg.create_task(sibling("quick", 0.1), name="quick")
            slow = tg.create_task(sibling("slow", 5), name="slow")
            bad = tg.create_task(fail(0.5), name="bad")
            print(tg)
            print(slow)
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("body cancelled; cancelling() =", me.cancelling(), "|", tg)
                raise
    except* ValueError as eg:
        print("caught", repr(eg))
        print("its exceptions:", eg.exceptions)
    print("after: cancelling() =", me.cancelling(), "|", tg)
    print(quick.result(), slow.cancelled(), repr(bad.exception()))
    await asyncio.sleep(0.1)
    print("main goes on")


asyncio.run(main())
