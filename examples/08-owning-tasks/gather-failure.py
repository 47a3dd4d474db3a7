# main runs two coroutines together with gather(): one fails after 0.1 s, the
# other needs 0.3 s. Then main sleeps a little longer.
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
    print("main: gather(fail(), slow())")
    try:
        await asyncio.gather(fail(), slow())
    except ValueError as e:
        print("main: caught", repr(e))
    await asyncio.sleep(0.5)
    print("main: done")

asyncio.run(main())
