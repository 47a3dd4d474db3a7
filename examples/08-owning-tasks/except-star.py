# Three tasks in one TaskGroup: two fail at the same moment, with different
# errors, and one finishes first. except* takes the group apart by type.
import asyncio

async def fails(exc):
    await asyncio.sleep(0.1)
    raise exc

async def fine():
    await asyncio.sleep(0.05)
    return "fine"

async def main():
    print("main: fine() and two fails() as tasks of a TaskGroup")
    try:
        async with asyncio.TaskGroup() as tg:
            good = tg.create_task(fine())
            tg.create_task(fails(ValueError("bad value")))
            tg.create_task(fails(KeyError("missing")))
    except* ValueError as eg:
        print("except* ValueError:", repr(eg))
    except* KeyError as eg:
        print("except* KeyError:", repr(eg))
    print("the third task:", repr(good.result()))

asyncio.run(main())
