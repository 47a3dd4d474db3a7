# TaskGroup.create_task refuses a group not entered yet, one that has finished, and one that is
# shutting down, with RuntimeError, and closes the coroutine it was given; a group is entered once.
# Reprs show the group's state at each point.
import asyncio


async def work(x):
    await asyncio.sleep(0.1)
    return x


async def fail():
    raise ValueError("x")


async def spawner(tg):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        try:
            tg.create_task(work(4))
        except RuntimeError as e:
            print("RuntimeError:", e)
        raise


async def main():
    tg = asyncio.TaskGroup()
    print(repr(tg))
    c = work(1)
    try:
        tg.create_task(c)
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await asyncio.create_task(c)
    except RuntimeError as e:
        print("the coroutine was closed:", e)
    async with tg:
        t = tg.create_task(work(2), name="w2")
        print(repr(tg), t)
        try:
            async with tg:
                pass
        except RuntimeError as e:
            print("RuntimeError:", e)
    print(repr(tg), t.result())
    try:
        tg.create_task(work(3))
    except RuntimeError as e:
        print("RuntimeError:", e)

    try:
        async with asyncio.TaskGroup() as tg2:
            tg2.create_task(spawner(tg2))
            tg2.create_task(fail())
    except* ValueError as eg:
        print(repr(eg), "|", tg2)


asyncio.run(main())
