# The same two coroutines, run as the tasks of a TaskGroup: one fails after 0.1 s,
# the other needs 0.3 s, and the body of the async with sleeps for 1 s. Then
# main sleeps a little longer.
import asyncio

async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("bad input")

async def slow():
    try:
        await asyncio.sleep(0.3)
        print("  slow: finished")
    except asyncio.CancelledError:
        print("  slow: cancelled")
        raise

async def main():
    print("main: fail() and slow() as tasks of a TaskGroup")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail())
            tg.create_task(slow())
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("  main's body: cancelled")
                raise
    except ExceptionGroup as e:
        print("main: caught", repr(e))
    await asyncio.sleep(0.5)
    print("main: done")

asyncio.run(main())
