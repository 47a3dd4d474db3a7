# pause() is a generator-based coroutine whose whole body is one bare yield:
# it hands the loop nothing to wait on.
import asyncio
import types

@types.coroutine
def pause():
    yield

async def polite():
    print("  polite: first half")
    await pause()
    print("  polite: second half")

async def main():
    task = asyncio.create_task(polite())
    await asyncio.sleep(0)
    print("between the halves:", task)
    print("_fut_waiter:", task._fut_waiter)
    await task

asyncio.run(main())
